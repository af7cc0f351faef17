package http

import (
	"context"
	"strconv"
	"time"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
	"github.com/parasat-kz/parasat/report"
)

// dashboardEvents is how many events a volunteer's or a patron's part of
// the dashboard lists, the latest first.
const dashboardEvents = 10

// volunteerPart is a volunteer's dashboard: their confirmed hours in all
// and this year, the shifts to come, and what the events they worked at
// did. Record is false when the account has no volunteer's record yet.
type volunteerPart struct {
	Record      bool
	Total, Year string // confirmed hours
	Shifts      int    // shifts with confirmed hours
	Upcoming    []historyRow
	Events      figureTable
}

func (s *Server) volunteerPart(ctx context.Context, p *page) (*volunteerPart, error) {
	v, err := s.ownVolunteer(ctx, p.User)
	if err != nil || v == nil {
		return &volunteerPart{}, err
	}
	h, yearMinutes, events, err := s.volunteerYear(ctx, v.ID)
	if err != nil {
		return nil, err
	}
	part := &volunteerPart{Record: true, Total: hoursText(p.T, h.ConfirmedMinutes, p.Lang), Shifts: h.Shifts,
		Year: hoursText(p.T, yearMinutes, p.Lang)}
	for i := 0; i < len(h.Upcoming) && i < 5; i++ {
		vs := h.Upcoming[i]
		part.Upcoming = append(part.Upcoming, historyRow{VS: vs, Event: vs.EventTitle.Best(p.Lang),
			Role: vs.Role.Best(p.Lang), When: shiftWhen(p.T, vs.Starts, vs.Ends)})
	}
	list := make([]parasat.Event, 0, len(events))
	for _, id := range events {
		e, err := s.services.Events.Event(ctx, id)
		if err != nil {
			return nil, err
		}
		list = append(list, *e)
	}
	part.Events, err = s.eventsTable(ctx, p, list, p.T.T("dash.worked_caption"))
	return part, err
}

// volunteerYear reads a volunteer's hours (ShiftService.VolunteerHours):
// the totals and shifts to come of its first page, the confirmed minutes
// of this year's shifts, and the latest events worked at. The history
// comes newest first, a page at a time, and is read only as far as these
// need.
func (s *Server) volunteerYear(ctx context.Context, volunteer int64) (first *parasat.VolunteerHours, yearMinutes int64, events []int64, err error) {
	yearStart := time.Date(today().Year(), time.January, 1, 0, 0, 0, 0, i18n.Zone())
	seen := map[int64]bool{}
	f := parasat.HoursFilter{Limit: 100}
	for n := 0; n < 100; n++ {
		h, err := s.services.Shifts.VolunteerHours(ctx, volunteer, f)
		if err != nil {
			return nil, 0, nil, err
		}
		if first == nil {
			first = h
		}
		for _, vs := range h.History {
			if vs.ConfirmedMinutes == nil {
				continue
			}
			if !vs.Starts.Before(yearStart) {
				yearMinutes += *vs.ConfirmedMinutes
			}
			if len(events) < dashboardEvents && !seen[vs.EventID] {
				seen[vs.EventID] = true
				events = append(events, vs.EventID)
			}
		}
		last := len(h.History) - 1
		if last+1 < f.Limit || h.History[last].Starts.Before(yearStart) && len(events) == dashboardEvents {
			break
		}
		f.BeforeStart, f.BeforeID = h.History[last].Starts, h.History[last].ID
	}
	return first, yearMinutes, events, nil
}

// eventsTable shows what each event did: its day, the people helped and
// the value of the help, as its own page counts them (EventResults). A
// visitor whose role does not cover an event's figures sees them as the
// public sees reports: a group of fewer than 5 people helped is
// suppressed (Summary.Suppress). Nobody helped is ever named here.
func (s *Server) eventsTable(ctx context.Context, p *page, events []parasat.Event, caption string) (figureTable, error) {
	l := p.T
	t := figureTable{Caption: caption, First: l.T("dash.event"), Columns: []string{l.T("dash.event_day"),
		report.FigureName(l, parasat.FigPeopleHelped), report.FigureName(l, parasat.FigAidValue)}}
	for _, e := range events {
		res, err := s.services.Events.EventResults(ctx, e.ID)
		if err != nil {
			return t, err
		}
		sum := parasat.Summary{Figures: parasat.Figures{Events: 1, PeopleHelped: int64(res.PeopleHelped),
			FamiliesHelped: int64(res.Households), AidValueTiyn: res.ValueTiyn}}
		if !parasat.Can(p.User, parasat.ReadExactFigures, parasat.Resource{Region: e.Region, OrganisationID: e.LeadID,
			Organisations: e.Organisations()}) {
			sum.Suppress()
		}
		row := figureRow{Label: e.Title.Best(p.Lang), Cells: []valueCell{{Text: l.Date(parasat.DayInKazakhstan(e.Starts).Time)},
			figureCell(l, &sum.Figures, parasat.FigPeopleHelped), figureCell(l, &sum.Figures, parasat.FigAidValue)}}
		if e.Published {
			row.Href = "/events/" + strconv.FormatInt(e.ID, 10)
		}
		t.Rows = append(t.Rows, row)
	}
	return t, nil
}
