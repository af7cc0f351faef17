package sqlstore

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/parasat-kz/parasat"
)

// shiftFixture is a published distribution of an association, the day
// after tomorrow from 10:00 to 14:00, with a clock the test moves.
type shiftFixture struct {
	ctx   context.Context
	clock *clock
	org   int64
	event *parasat.Event
}

func newShiftFixture(t *testing.T, db *DB) *shiftFixture {
	t.Helper()
	f := &shiftFixture{ctx: parasat.WithActor(context.Background(), parasat.Actor{Address: "192.0.2.9"}), clock: withClock(db)}
	f.org = createOrgs(t, db, "Атамекен")[0]
	start := fixedNow.Add(48 * time.Hour)
	f.event = &parasat.Event{Title: parasat.Names{KK: "Азық-түлік себеті", EN: "Food baskets"}, Kind: parasat.EventDistribution,
		Starts: start, Ends: start.Add(4 * time.Hour), LeadID: f.org, Address: "Достық үйі", Published: true}
	if err := db.CreateEvent(f.ctx, f.event); err != nil {
		t.Fatal(err)
	}
	return f
}

// shift is a valid shift of the event: offset from its start, hours long.
func (f *shiftFixture) shift(role string, offset time.Duration, hours, capacity int) *parasat.Shift {
	start := f.event.Starts.Add(offset)
	return &parasat.Shift{EventID: f.event.ID, Role: parasat.Names{KK: role}, Starts: start,
		Ends: start.Add(time.Duration(hours) * time.Hour), Capacity: capacity, Skills: []string{"driving"}}
}

func (f *shiftFixture) createShift(t *testing.T, db *DB, s *parasat.Shift) *parasat.Shift {
	t.Helper()
	if err := db.CreateShift(f.ctx, s); err != nil {
		t.Fatal(err)
	}
	return s
}

// volunteers records n approved volunteers with e-mail addresses; the
// first speaks Russian only.
func (f *shiftFixture) volunteers(t *testing.T, db *DB, n int) []int64 {
	t.Helper()
	var list []*parasat.Volunteer
	for i := range n {
		v := adultVolunteer(t, "Ерікті "+strconv.Itoa(i+1))
		v.BirthDate = *date(t, "19"+strconv.Itoa(70+i%30)+"-05-17")
		v.Email, v.Status = "v"+strconv.Itoa(i+1)+"@example.kz", parasat.VolunteerApproved
		if i == 0 {
			v.Languages = []parasat.Language{parasat.Russian}
		}
		list = append(list, v)
	}
	if err := db.CreateVolunteers(f.ctx, list); err != nil {
		t.Fatal(err)
	}
	ids := make([]int64, n)
	for i, v := range list {
		ids[i] = v.ID
	}
	return ids
}

// mails lists the queued mail jobs as "template to [at run time]", by id.
func mails(t *testing.T, db *DB) []string {
	t.Helper()
	jobs, err := db.ListJobs(context.Background(), parasat.JobFilter{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for i := len(jobs) - 1; i >= 0; i-- {
		var m parasat.Mail
		if err := json.Unmarshal(jobs[i].Payload, &m); err != nil {
			t.Fatal(err)
		}
		s := m.Template + " " + m.To + " " + string(m.Lang)
		if jobs[i].Key != "" {
			s += " at " + jobs[i].RunAt.Format(time.RFC3339)
		}
		out = append(out, s)
	}
	return out
}

func TestShiftBadInputChangesNothing(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		f := newShiftFixture(t, db)
		cases := []struct {
			name   string
			change func(s *parasat.Shift)
			want   string
		}{
			{"ends before it starts", func(s *parasat.Shift) { s.Ends = s.Starts.Add(-time.Hour) }, "ends_at:shift.ends_before_start"},
			{"no places", func(s *parasat.Shift) { s.Capacity = 0 }, "capacity:shift.capacity"},
			{"absurd places", func(s *parasat.Shift) { s.Capacity = 5000 }, "capacity:shift.capacity_absurd"},
			{"a day and a half", func(s *parasat.Shift) { s.Ends = s.Starts.Add(36 * time.Hour) }, "ends_at:shift.too_long"},
			{"a week before the event", func(s *parasat.Shift) { s.Starts, s.Ends = s.Starts.Add(-7*24*time.Hour), s.Ends.Add(-7*24*time.Hour) },
				"starts_at:shift.outside_event"},
			{"no role", func(s *parasat.Shift) { s.Role = parasat.Names{} }, "role:shift.role_required"},
			{"an unknown skill", func(s *parasat.Shift) { s.Skills = []string{"juggling"} }, "skills:skill.unknown"},
		}
		for _, c := range cases {
			s := f.shift("Тарату", 0, 4, 5)
			c.change(s)
			if err := db.CreateShift(f.ctx, s); fieldOf(err) != c.want {
				t.Errorf("%s: %v; want %s", c.name, err, c.want)
			}
		}
		if list, _ := db.ListShifts(f.ctx, f.event.ID); len(list) != 0 {
			t.Errorf("%d shifts stored from refused input", len(list))
		}
		if n := rowCount(t, db, "SELECT COUNT(*) FROM audit_log WHERE entity = 'shift'"); n != 0 {
			t.Errorf("%d audit rows of refused shifts", n)
		}
		s := f.createShift(t, db, f.shift("Жүргізуші", time.Hour, 3, 2))
		got, err := db.Shift(f.ctx, s.ID)
		if err != nil || got.Role.KK != "Жүргізуші" || !got.Starts.Equal(s.Starts) || got.Capacity != 2 ||
			!slices.Equal(got.Skills, []string{"driving"}) || got.Free() != 2 {
			t.Errorf("read back %+v, %v", got, err)
		}
		if _, err := db.CancelEvent(f.ctx, f.event.ID, "weather"); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateShift(f.ctx, f.shift("Тарату", 0, 2, 5)); fieldOf(err) != "event_id:shift.event_cancelled" {
			t.Errorf("a shift of a cancelled event: %v", err)
		}
	})
}

func TestSignUpFillsPlacesThenTheWaitlistAndAFreedPlaceGoesToTheFirst(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		f := newShiftFixture(t, db)
		v := f.volunteers(t, db, 4)
		s := f.createShift(t, db, f.shift("Тамақ тарату", 0, 4, 2))
		var got []*parasat.Signup
		for _, id := range v[:3] {
			g, err := db.SignUp(f.ctx, s.ID, id)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, g)
		}
		if got[0].Status != parasat.SignupConfirmed || got[1].Status != parasat.SignupConfirmed ||
			got[2].Status != parasat.SignupWaitlisted || got[2].Position != 1 {
			t.Fatalf("sign-ups %+v %+v %+v", got[0], got[1], got[2])
		}
		remind := s.Starts.Add(-24 * time.Hour).Format(time.RFC3339)
		want := []string{"shift_confirmed v1@example.kz ru", "shift_reminder v1@example.kz ru at " + remind,
			"shift_confirmed v2@example.kz kk", "shift_reminder v2@example.kz kk at " + remind}
		if m := mails(t, db); !slices.Equal(m, want) {
			t.Errorf("mails %q\nwant %q", m, want)
		}
		// The first cancels: the waitlisted volunteer gets the place, and a mail.
		f.clock.Add(time.Hour)
		if _, err := db.CancelSignup(f.ctx, got[0].ID); err != nil {
			t.Fatal(err)
		}
		promoted, _ := db.Signup(f.ctx, got[2].ID)
		if promoted.Status != parasat.SignupConfirmed || promoted.PlacedAt == nil || promoted.Position != 0 {
			t.Errorf("after a cancellation the first on the waitlist is %+v", promoted)
		}
		want = append([]string{want[0], want[2], want[3]}, "shift_promoted v3@example.kz kk", "shift_reminder v3@example.kz kk at "+remind)
		if m := mails(t, db); !slices.Equal(m, want) {
			t.Errorf("after the cancellation, mails %q\nwant %q (the cancelled reminder withdrawn)", m, want)
		}
		// An organiser removes the second: nobody waits, the place stays free.
		if _, err := db.RemoveSignup(f.ctx, got[1].ID); err != nil {
			t.Fatal(err)
		}
		again, _ := db.Shift(f.ctx, s.ID)
		if again.Confirmed != 1 || again.Waitlisted != 0 || again.Free() != 1 {
			t.Errorf("after the removal %+v", again)
		}
		list, _ := db.ShiftSignups(f.ctx, s.ID)
		var states []string
		for _, g := range list {
			states = append(states, string(g.Status))
		}
		if !slices.Equal(states, []string{"confirmed", "cancelled", "removed"}) {
			t.Errorf("sign-ups of the shift: %v", states)
		}
		// A larger capacity gives the waitlist places; a smaller one than the places taken is refused.
		g4, _ := db.SignUp(f.ctx, s.ID, v[3])
		if g4.Status != parasat.SignupConfirmed {
			t.Errorf("a free place: %+v", g4)
		}
		again, _ = db.Shift(f.ctx, s.ID)
		again.Capacity = 1
		if err := db.UpdateShift(f.ctx, again); fieldOf(err) != "capacity:shift.capacity_below_confirmed" {
			t.Errorf("capacity below the places taken: %v", err)
		}
		rows := auditRows(t, db, "shift_signup", strconv.FormatInt(got[2].ID, 10))
		if len(rows) != 2 || !strings.Contains(rows[1].after, `"status":"confirmed"`) || rows[1].actorAddress != "192.0.2.9" {
			t.Errorf("audit of the promotion %+v", rows)
		}
	})
}

func TestSignUpRefusalsSayWhyAndChangeNothing(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		f := newShiftFixture(t, db)
		v := f.volunteers(t, db, 2)
		morning := f.createShift(t, db, f.shift("Орау", 0, 3, 5))
		noon := f.createShift(t, db, f.shift("Тарату", 2*time.Hour, 2, 5))
		evening := f.createShift(t, db, f.shift("Жинау", 3*time.Hour, 1, 5))
		first, err := db.SignUp(f.ctx, morning.ID, v[0])
		if err != nil {
			t.Fatal(err)
		}
		pending := adultVolunteer(t, "Күтуші Әсел")
		pending.Email = "pending@example.kz"
		if err := db.CreateVolunteer(f.ctx, pending); err != nil {
			t.Fatal(err)
		}
		before := len(mails(t, db))
		for _, c := range []struct {
			name             string
			shift, volunteer int64
			want             string
		}{
			{"twice", morning.ID, v[0], "shift:shift.already_signed_up"},
			{"overlapping", noon.ID, v[0], "shift:shift.overlaps"},
			{"not approved", morning.ID, pending.ID, "volunteer_id:shift.volunteer_not_approved"},
		} {
			if _, err := db.SignUp(f.ctx, c.shift, c.volunteer); fieldOf(err) != c.want || parasat.ErrorCode(err) != parasat.EConflict {
				t.Errorf("%s: %v; want %s", c.name, err, c.want)
			}
		}
		// Back to back is no overlap.
		if g, err := db.SignUp(f.ctx, evening.ID, v[0]); err != nil || g.Status != parasat.SignupConfirmed {
			t.Errorf("the next shift: %+v, %v", g, err)
		}
		f.clock.Add(48 * time.Hour)
		if _, err := db.SignUp(f.ctx, morning.ID, v[1]); fieldOf(err) != "shift:shift.started" {
			t.Errorf("a shift that has started: %v", err)
		}
		if n := rowCount(t, db, "SELECT COUNT(*) FROM shift_signups"); n != 2 {
			t.Errorf("%d sign-ups stored; want the two accepted", n)
		}
		if got := len(mails(t, db)); got != before+2 {
			t.Errorf("%d mails after refusals; want %d (the accepted one's)", got, before+2)
		}
		if _, err := db.CancelSignup(f.ctx, first.ID); fieldOf(err) != "signup:shift.started_no_cancel" {
			t.Errorf("cancelling once the shift has started: %v", err)
		}
	})
}

func TestCheckInOutAndConfirmedHours(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		f := newShiftFixture(t, db)
		v := f.volunteers(t, db, 2)
		s := f.createShift(t, db, f.shift("Тамақ тарату", 0, 4, 5))
		g, _ := db.SignUp(f.ctx, s.ID, v[0])
		other, _ := db.SignUp(f.ctx, s.ID, v[1])
		if _, err := db.CheckOut(f.ctx, g.ID); fieldOf(err) != "signup:shift.check_out_before_check_in" {
			t.Errorf("check-out before check-in: %v", err)
		}
		if _, err := db.CheckIn(f.ctx, g.ID); fieldOf(err) != "signup:shift.check_in_early" {
			t.Errorf("check-in two days early: %v", err)
		}
		f.clock.Add(s.Starts.Sub(fixedNow) - 10*time.Minute) // ten minutes early
		in, err := db.CheckIn(f.ctx, g.ID)
		if err != nil || in.CheckedIn == nil {
			t.Fatalf("check-in: %+v, %v", in, err)
		}
		early := int64(180)
		if _, err := db.ConfirmHours(f.ctx, other.ID, &early); fieldOf(err) != "minutes:shift.hours_too_early" {
			t.Errorf("hours of a volunteer not checked in, before the end: %v", err)
		}
		if _, err := db.CheckIn(f.ctx, g.ID); fieldOf(err) != "signup:shift.checked_in_already" {
			t.Errorf("a second check-in: %v", err)
		}
		if _, err := db.ConfirmHours(f.ctx, g.ID, nil); fieldOf(err) != "minutes:shift.nothing_to_confirm" {
			t.Errorf("confirming before check-out: %v", err)
		}
		f.clock.Add(4*time.Hour + 13*time.Minute) // 4 h 13 min after check-in
		out, err := db.CheckOut(f.ctx, g.ID)
		if err != nil || out.Minutes == nil || *out.Minutes != 255 {
			t.Fatalf("check-out: %+v, %v; want 255 minutes (4 h 13 min rounded to 5)", out, err)
		}
		if _, err := db.RemoveSignup(f.ctx, g.ID); fieldOf(err) != "signup:shift.checked_in_stays" {
			t.Errorf("removing a volunteer who checked in: %v", err)
		}
		seven := int64(7 * 60)
		if _, err := db.ConfirmHours(f.ctx, g.ID, &seven); fieldOf(err) != "minutes:shift.hours_too_long" {
			t.Errorf("7 hours of a 4-hour shift: %v", err)
		}
		if c, err := db.ConfirmHours(f.ctx, g.ID, nil); err != nil || *c.ConfirmedMinutes != 255 {
			t.Fatalf("confirm: %+v, %v", c, err)
		}
		four := int64(240)
		if c, err := db.ConfirmHours(f.ctx, g.ID, &four); err != nil || *c.ConfirmedMinutes != 240 {
			t.Fatalf("correct: %+v, %v", c, err)
		}
		// The other was never checked in: hours entered after the shift.
		three := int64(180)
		if c, err := db.ConfirmHours(f.ctx, other.ID, &three); err != nil || *c.ConfirmedMinutes != 180 {
			t.Fatalf("hours of a volunteer not checked in: %+v, %v", c, err)
		}
		h, err := db.VolunteerHours(f.ctx, v[0], parasat.HoursFilter{})
		if err != nil || h.ConfirmedMinutes != 240 || h.Shifts != 1 || len(h.History) != 1 || len(h.Upcoming) != 0 ||
			h.History[0].EventTitle.KK != "Азық-түлік себеті" || h.History[0].Role.KK != "Тамақ тарату" {
			t.Errorf("volunteer's hours %+v, %v", h, err)
		}
		e, err := db.EventShiftHours(f.ctx, f.event.ID)
		if err != nil || *e != (parasat.ShiftHours{Shifts: 1, Volunteers: 2, Minutes: 420}) {
			t.Errorf("event's shift hours %+v, %v", e, err)
		}
		// What the reports will sum: minutes by day and region.
		day := f.event.StartDay().Time
		if n := rowCount(t, db, `SELECT COALESCE(SUM(confirmed_minutes), 0) FROM shift_signups
			WHERE confirmed_minutes IS NOT NULL AND hours_day = $1 AND region_code = 'KZ-71'`, day); n != 420 {
			t.Errorf("minutes of the day in KZ-71: %d", n)
		}
		rows := auditRows(t, db, "shift_signup", strconv.FormatInt(g.ID, 10))
		if len(rows) != 5 || !strings.Contains(rows[4].before, `"confirmed_minutes":255`) || !strings.Contains(rows[4].after, `"confirmed_minutes":240`) {
			t.Errorf("audit of the hours %+v", rows)
		}
		if _, err := db.HoldEvent(f.ctx, f.event.ID); err != nil {
			t.Fatal(err)
		}
	})
}

func TestEventChangesReachItsShifts(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		f := newShiftFixture(t, db)
		v := f.volunteers(t, db, 1)
		s := f.createShift(t, db, f.shift("Тарату", 0, 4, 5))
		if _, err := db.SignUp(f.ctx, s.ID, v[0]); err != nil {
			t.Fatal(err)
		}
		e, _ := db.Event(f.ctx, f.event.ID)
		e.Region = "KZ-75"
		if err := db.UpdateEvent(f.ctx, e); err != nil {
			t.Fatal(err)
		}
		if n := rowCount(t, db, "SELECT COUNT(*) FROM shift_signups WHERE region_code = 'KZ-75'"); n != 1 {
			t.Errorf("the sign-up's region did not follow the event's")
		}
		e.Starts, e.Ends = e.Starts.Add(72*time.Hour), e.Ends.Add(72*time.Hour)
		if err := db.UpdateEvent(f.ctx, e); fieldOf(err) != "starts_at:event.shifts_outside" {
			t.Errorf("moving the event away from its shifts: %v", err)
		}
		if _, err := db.CancelEvent(f.ctx, f.event.ID, "жаңбыр"); err != nil {
			t.Fatal(err)
		}
		for _, m := range mails(t, db) {
			if strings.HasPrefix(m, "shift_reminder") {
				t.Errorf("the reminder of a cancelled event is still queued: %s", m)
			}
		}
	})
}

func TestImportShiftsIsAllOrNothing(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		f := newShiftFixture(t, db)
		v := f.volunteers(t, db, 3)
		f.clock.Add(72 * time.Hour) // the event is over
		in := f.event.Starts.Add(-5 * time.Minute)
		out := in.Add(3*time.Hour + 58*time.Minute)
		minutes := int64(240)
		good := parasat.ShiftHistory{Shift: f.shift("Тарату", 0, 4, 2), Signups: []parasat.SignupHistory{
			{VolunteerID: v[0], CheckedIn: &in, CheckedOut: &out, ConfirmedMinutes: &minutes},
			{VolunteerID: v[1], ConfirmedMinutes: &minutes},
			{VolunteerID: v[2], Waitlisted: true}}}
		tooLong := int64(600)
		bad := parasat.ShiftHistory{Shift: f.shift("Жинау", 4*time.Hour, 2, 2), Signups: []parasat.SignupHistory{
			{VolunteerID: v[2], ConfirmedMinutes: &tooLong}}}
		if err := db.ImportShifts(f.ctx, []parasat.ShiftHistory{good, bad}); fieldOf(err) != "1.signups.0.minutes:shift.hours_too_long" {
			t.Errorf("an import with absurd hours: %v", err)
		}
		if n := rowCount(t, db, "SELECT COUNT(*) FROM shifts"); n != 0 {
			t.Errorf("%d shifts stored from a refused import", n)
		}
		two := int64(120)
		good.Shift.ID, good.Shift.Confirmed = 0, 0
		bad.Signups[0].ConfirmedMinutes = &two
		if err := db.ImportShifts(f.ctx, []parasat.ShiftHistory{good, bad}); err != nil {
			t.Fatalf("import: %v", err)
		}
		e, _ := db.EventShiftHours(f.ctx, f.event.ID)
		if e.Volunteers != 3 || e.Minutes != 600 || e.Shifts != 2 {
			t.Errorf("imported hours %+v", e)
		}
		if len(mails(t, db)) != 0 {
			t.Errorf("an import mailed people")
		}
	})
}

func TestARejectedVolunteerLeavesTheShiftsToCome(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		f := newShiftFixture(t, db)
		v := f.volunteers(t, db, 2)
		s := f.createShift(t, db, f.shift("Тарату", 0, 4, 1))
		first, _ := db.SignUp(f.ctx, s.ID, v[0])
		waiting, _ := db.SignUp(f.ctx, s.ID, v[1])
		if _, err := db.DecideVolunteer(f.ctx, v[0], parasat.VolunteerRejected); err != nil {
			t.Fatal(err)
		}
		gone, _ := db.Signup(f.ctx, first.ID)
		next, _ := db.Signup(f.ctx, waiting.ID)
		if gone.Status != parasat.SignupRemoved || next.Status != parasat.SignupConfirmed {
			t.Errorf("after the rejection: %s and %s; want removed, and the place to the one waiting", gone.Status, next.Status)
		}
		// A shift of a cancelled event no longer keeps its volunteers from another at the time.
		other := &parasat.Event{Title: parasat.Names{KK: "Концерт"}, Kind: parasat.EventConcertVisit, Starts: f.event.Starts,
			Ends: f.event.Ends, LeadID: f.org, Published: true}
		if err := db.CreateEvent(f.ctx, other); err != nil {
			t.Fatal(err)
		}
		if _, err := db.CancelEvent(f.ctx, f.event.ID, "жаңбыр"); err != nil {
			t.Fatal(err)
		}
		concert := &parasat.Shift{EventID: other.ID, Role: parasat.Names{KK: "Қарсы алу"}, Starts: s.Starts, Ends: s.Ends, Capacity: 3}
		if err := db.CreateShift(f.ctx, concert); err != nil {
			t.Fatal(err)
		}
		if g, err := db.SignUp(f.ctx, concert.ID, v[1]); err != nil || g.Status != parasat.SignupConfirmed {
			t.Errorf("a shift at the time of a cancelled event's: %+v, %v", g, err)
		}
		if h, _ := db.VolunteerHours(f.ctx, v[1], parasat.HoursFilter{}); len(h.Upcoming) != 1 || h.Upcoming[0].ShiftID != concert.ID {
			t.Errorf("the volunteer's shifts to come %+v; want only the concert's", h.Upcoming)
		}
	})
}
