package sqlstore

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/parasat-kz/parasat"
)

// BenchmarkSignUpThenCancel is a volunteer taking a place and giving it up:
// two transactions, each locking the volunteer and the shift, checking,
// writing the sign-up and its audit row, and queuing (then withdrawing) the
// confirmation and the reminder.
func BenchmarkSignUpThenCancel(b *testing.B) {
	forEachEngineBench(b, func(b *testing.B, db *DB) {
		ctx := context.Background()
		org := &parasat.Organisation{Name: parasat.Names{KK: "Атамекен"}, Type: parasat.OrgEthnoCultural, Region: "KZ-71"}
		if err := db.CreateOrganisation(ctx, org); err != nil {
			b.Fatal(err)
		}
		start := time.Now().Add(72 * time.Hour)
		e := &parasat.Event{Title: parasat.Names{KK: "Себет"}, Kind: parasat.EventDistribution, Starts: start, Ends: start.Add(4 * time.Hour),
			LeadID: org.ID, Published: true}
		if err := db.CreateEvent(ctx, e); err != nil {
			b.Fatal(err)
		}
		s := &parasat.Shift{EventID: e.ID, Role: parasat.Names{KK: "Тарату"}, Starts: start, Ends: start.Add(4 * time.Hour), Capacity: 50}
		if err := db.CreateShift(ctx, s); err != nil {
			b.Fatal(err)
		}
		consent := parasat.DayInKazakhstan(time.Now())
		birth, _ := parasat.ParseDate("1990-05-17")
		v := &parasat.Volunteer{FullName: "Әлия Серікқызы", BirthDate: birth, Region: "KZ-71", Email: "aliya@example.kz",
			Consent: parasat.Consent{GivenOn: &consent, Scope: "ауысымдар"}, Status: parasat.VolunteerApproved}
		if err := db.CreateVolunteer(ctx, v); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			g, err := db.SignUp(ctx, s.ID, v.ID)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := db.CancelSignup(ctx, g.ID); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// hoursWorld is a year and a half of worked shifts: 500 events a day apart,
// each with a shift of 100 volunteers whose hours are confirmed (50,000
// sign-ups in all).
func hoursWorld(b *testing.B, db *DB) (events []int64, volunteers []int64) {
	b.Helper()
	ctx := context.Background()
	org := &parasat.Organisation{Name: parasat.Names{KK: "Атамекен"}, Type: parasat.OrgEthnoCultural, Region: "KZ-71"}
	if err := db.CreateOrganisation(ctx, org); err != nil {
		b.Fatal(err)
	}
	consent := parasat.DayInKazakhstan(time.Now())
	var vs []*parasat.Volunteer
	for i := range 100 {
		birth, _ := parasat.ParseDate("19" + strconv.Itoa(60+i%40) + "-0" + strconv.Itoa(1+i%9) + "-1" + strconv.Itoa(i%10))
		vs = append(vs, &parasat.Volunteer{FullName: "Ерікті " + strconv.Itoa(i), BirthDate: birth, Region: "KZ-71",
			Phone: "+7 701 000 00 01", Consent: parasat.Consent{GivenOn: &consent, Scope: "ауысымдар"}, Status: parasat.VolunteerApproved})
	}
	if err := db.CreateVolunteers(ctx, vs); err != nil {
		b.Fatal(err)
	}
	first := time.Now().AddDate(0, 0, -600).Truncate(24 * time.Hour).Add(5 * time.Hour)
	var history []parasat.EventHistory
	for i := range 500 {
		start := first.AddDate(0, 0, i)
		history = append(history, parasat.EventHistory{Event: &parasat.Event{Title: parasat.Names{KK: "Себет " + strconv.Itoa(i)},
			Kind: parasat.EventDistribution, Starts: start, Ends: start.Add(4 * time.Hour), LeadID: org.ID, Published: true}, Held: true})
	}
	if err := db.ImportEvents(ctx, history); err != nil {
		b.Fatal(err)
	}
	minutes := int64(240)
	var shifts []parasat.ShiftHistory
	for _, h := range history {
		sh := parasat.ShiftHistory{Shift: &parasat.Shift{EventID: h.Event.ID, Role: parasat.Names{KK: "Тарату"}, Starts: h.Event.Starts,
			Ends: h.Event.Ends, Capacity: 100}}
		for _, v := range vs {
			sh.Signups = append(sh.Signups, parasat.SignupHistory{VolunteerID: v.ID, ConfirmedMinutes: &minutes})
		}
		shifts = append(shifts, sh)
		events = append(events, h.Event.ID)
	}
	if err := db.ImportShifts(ctx, shifts); err != nil {
		b.Fatal(err)
	}
	for _, v := range vs {
		volunteers = append(volunteers, v.ID)
	}
	return events, volunteers
}

// BenchmarkVolunteerHours is a volunteer's page: the total of 500 shifts'
// confirmed hours, the sign-ups to come and the newest 20 of the history,
// among 50,000 sign-ups.
func BenchmarkVolunteerHours(b *testing.B) {
	forEachEngineBench(b, func(b *testing.B, db *DB) {
		_, volunteers := hoursWorld(b, db)
		ctx := context.Background()
		b.ResetTimer()
		for i := 0; b.Loop(); i++ {
			h, err := db.VolunteerHours(ctx, volunteers[i%len(volunteers)], parasat.HoursFilter{Limit: 20})
			if err != nil || h.Shifts != 500 || len(h.History) != 20 {
				b.Fatalf("%+v, %v", h, err)
			}
		}
	})
}

// BenchmarkConfirmedHoursOfAQuarter is what the reports will ask of
// shift_signups: the distinct volunteers and the confirmed minutes of a
// region over three months (on the index shift_signups_hours_region), here
// 9,000 sign-ups out of 50,000.
func BenchmarkConfirmedHoursOfAQuarter(b *testing.B) {
	forEachEngineBench(b, func(b *testing.B, db *DB) {
		hoursWorld(b, db)
		ctx := context.Background()
		from := parasat.DayInKazakhstan(time.Now().AddDate(0, 0, -400)).Time
		to := from.AddDate(0, 3, -1)
		b.ResetTimer()
		for b.Loop() {
			var people int
			var minutes int64
			if err := db.read.QueryRowContext(ctx, `SELECT COUNT(DISTINCT volunteer_id), COALESCE(SUM(confirmed_minutes), 0)
				FROM shift_signups WHERE confirmed_minutes IS NOT NULL AND region_code = $1 AND hours_day BETWEEN $2 AND $3`,
				"KZ-71", from, to).Scan(&people, &minutes); err != nil || people != 100 || minutes == 0 {
				b.Fatalf("%d volunteers, %d minutes, %v", people, minutes, err)
			}
		}
	})
}
