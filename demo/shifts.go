package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/parasat-kz/parasat"
)

// ShiftStore is what the demo needs to staff events with volunteer shifts.
type ShiftStore interface {
	parasat.ShiftService
	parasat.VolunteerService
}

// upcoming are the capital's published events of the coming two weeks,
// with shifts still open: one later today, whose shift starts within the
// hour (its volunteers can check in), then four more.
func (b *eventBuilder) upcoming(now time.Time) []eventPlan {
	pools := map[string]string{"households": "households", "elders": "people", "children": "people", "adults": "people"}
	zone := kazakhstanZone(now)
	soon := now.Add(40 * time.Minute).In(zone)
	var out []eventPlan
	for i, u := range []struct {
		after time.Duration
		t     template
		lead  string
	}{{0, templates[0], "mothers"}, {2 * 24 * time.Hour, templates[0], "youth"}, {5 * 24 * time.Hour, templates[5], "kazakh"},
		{9 * 24 * time.Hour, templates[4], "youth"}, {13 * 24 * time.Hour, templates[9], "russian"}} {
		at := soon.Add(u.after)
		p := b.fromTemplate(u.t, time.Date(at.Year(), at.Month(), at.Day(), 0, 0, 0, 0, time.UTC), u.lead, pools)
		p.hour, p.hours, p.state = at.Hour(), 4, parasat.EventPlanned
		if i > 0 {
			p.hour = 10 + i
		}
		out = append(out, p)
	}
	return out
}

// roles name the main shift of an event by its kind.
var roles = map[parasat.EventKind]parasat.Names{
	parasat.EventDistribution:  {KK: "Азық-түлік себеттерін тарату", RU: "Раздача продуктовых наборов", EN: "Handing out food baskets"},
	parasat.EventConcertVisit:  {KK: "Қонақтарды қарсы алу", RU: "Встреча гостей", EN: "Welcoming the guests"},
	parasat.EventMedicalHelp:   {KK: "Тіркеу және кезек", RU: "Регистрация и очередь", EN: "Registration and the queue"},
	parasat.EventRepair:        {KK: "Асар: жөндеу жұмыстары", RU: "Асар: ремонтные работы", EN: "Asar: repair work"},
	parasat.EventTraining:      {KK: "Сабақтарға көмектесу", RU: "Помощь на занятиях", EN: "Helping at the lessons"},
	parasat.EventSportsCulture: {KK: "Ойындарды ұйымдастыру", RU: "Организация игр", EN: "Running the games"},
	parasat.EventFundraiser:    {KK: "Ұйымдастыруға көмек", RU: "Помощь в организации", EN: "Helping to organise"},
	parasat.EventOther:         {KK: "Ұйымдастыруға көмек", RU: "Помощь в организации", EN: "Helping to organise"},
}

var driving = parasat.Names{KK: "Жүргізуші: үйге жеткізу", RU: "Водитель: доставка на дом", EN: "Driver: delivery to homes"}

// staffer hands out the capital's approved volunteers in turn, skipping
// anyone already on a shift at the time, so that nobody works two at once.
type staffer struct {
	ids  []int64
	next int
	busy map[int64][][2]time.Time
}

// take gives n volunteers for a shift from start to end (fewer when too
// few are free).
func (s *staffer) take(n int, start, end time.Time) []int64 {
	var out []int64
	for tries := 0; len(out) < n && tries < len(s.ids); tries++ {
		id := s.ids[s.next%len(s.ids)]
		s.next++
		free := true
		for _, b := range s.busy[id] {
			if b[0].Before(end) && start.Before(b[1]) {
				free = false
			}
		}
		if free {
			s.busy[id] = append(s.busy[id], [2]time.Time{start, end})
			out = append(out, id)
		}
	}
	return out
}

// loadShifts staffs the capital's events of this year: each past one has a
// shift whose volunteers came and whose hours its organiser confirmed (the
// same volunteers and hours as its report); those held but not yet reported
// have their hours confirmed, waiting for the report; those of yesterday
// still planned wait for their hours to be confirmed; the coming ones have
// places free, and one is full with a waitlist.
func loadShifts(ctx context.Context, store ShiftStore, current, coming []parasat.EventHistory, now time.Time) error {
	s := &staffer{busy: map[int64][][2]time.Time{}}
	for after := int64(0); ; {
		page, err := store.ListVolunteers(ctx, parasat.VolunteerFilter{Region: parasat.CapitalCode, Status: parasat.VolunteerApproved,
			Visibility: parasat.Visibility{All: true}, After: after, Limit: 500})
		if err != nil {
			return err
		}
		if len(page) == 0 {
			break
		}
		for _, v := range page {
			s.ids = append(s.ids, v.ID)
		}
		after = page[len(page)-1].ID
		if len(page) < 500 {
			break
		}
	}
	if len(s.ids) < 20 {
		return fmt.Errorf("demo: %d volunteers of the capital to staff shifts with", len(s.ids))
	}
	var list []parasat.ShiftHistory
	for _, h := range current {
		if e := h.Event; e.Region == parasat.CapitalCode && h.CancelReason == "" {
			list = append(list, pastShift(e, h, s, now))
		}
	}
	for i, h := range coming {
		list = append(list, comingShifts(h.Event, i, s, now)...)
	}
	if err := store.ImportShifts(ctx, list); err != nil {
		return fmt.Errorf("demo: %d shifts: %w", len(list), err)
	}
	return nil
}

// pastShift is the shift of an event that has begun: the event's own hours.
func pastShift(e *parasat.Event, h parasat.EventHistory, s *staffer, now time.Time) parasat.ShiftHistory {
	n := 3 + int(e.ID%4)
	if h.Report != nil {
		n = h.Report.Volunteers
	}
	sh := &parasat.Shift{EventID: e.ID, Role: roles[e.Kind], Starts: e.Starts, Ends: e.Ends, Capacity: n + 2}
	length := int64(e.Ends.Sub(e.Starts) / time.Minute)
	out := parasat.ShiftHistory{Shift: sh}
	for i, id := range s.take(n, e.Starts, e.Ends) {
		in := e.Starts.Add(-time.Duration(i%4*3) * time.Minute)
		leave := e.Ends.Add(time.Duration(i%3*5) * time.Minute)
		g := parasat.SignupHistory{VolunteerID: id}
		if leave.Before(now) {
			g.CheckedIn, g.CheckedOut = &in, &leave
		}
		if h.Held || h.Report != nil {
			g.ConfirmedMinutes = &length
		}
		out.Signups = append(out.Signups, g)
	}
	return out
}

// comingShifts are the shifts of a coming event: the main one with places
// free, and for a distribution the drivers, full, with one waiting. The
// first event's shift starts within the hour.
func comingShifts(e *parasat.Event, i int, s *staffer, now time.Time) []parasat.ShiftHistory {
	start := e.Starts
	if i == 0 {
		start = now.Add(40 * time.Minute).Truncate(5 * time.Minute)
	}
	main := parasat.ShiftHistory{Shift: &parasat.Shift{EventID: e.ID, Role: roles[e.Kind], Starts: start,
		Ends: start.Add(3 * time.Hour), Capacity: 6 + 2*i}}
	for _, id := range s.take(2+i, start, start.Add(3*time.Hour)) {
		main.Signups = append(main.Signups, parasat.SignupHistory{VolunteerID: id})
	}
	out := []parasat.ShiftHistory{main}
	if e.Kind == parasat.EventDistribution && i > 0 {
		drivers := parasat.ShiftHistory{Shift: &parasat.Shift{EventID: e.ID, Role: driving, Starts: start.Add(3 * time.Hour),
			Ends: start.Add(5 * time.Hour), Capacity: 2, Skills: []string{"driving"}}}
		for k, id := range s.take(3, start.Add(3*time.Hour), start.Add(5*time.Hour)) {
			drivers.Signups = append(drivers.Signups, parasat.SignupHistory{VolunteerID: id, Waitlisted: k == 2})
		}
		out = append(out, drivers)
	}
	return out
}
