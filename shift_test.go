package parasat

import (
	"testing"
	"time"
)

func TestShiftPolicy(t *testing.T) {
	orgA, orgB := int64(10), int64(20)
	volunteer := grantUser(Grant{Role: RoleVolunteer})
	managerA := grantUser(Grant{Role: RoleManager, OrganisationID: &orgA})
	coordAstana := grantUser(Grant{Role: RoleCoordinator, Region: "KZ-71"})
	own := Resource{Region: "KZ-71", Organisations: []int64{orgB}, OwnerUserID: 7}
	another := Resource{Region: "KZ-75", Organisations: []int64{orgB}, OwnerUserID: 8}
	for _, c := range []struct {
		name string
		u    *User
		a    Action
		r    Resource
		want bool
	}{
		{"a volunteer signs themself up", volunteer, SignUpShift, own, true},
		{"a volunteer not another volunteer", volunteer, SignUpShift, another, false},
		{"nobody signed in signs nobody up", nil, SignUpShift, own, false},
		{"a manager signs up their organisation's volunteers", managerA, SignUpShift, Resource{Organisations: []int64{orgA}}, true},
		{"a manager not another organisation's", managerA, SignUpShift, another, false},
		{"a coordinator signs up their region's volunteers", coordAstana, SignUpShift, own, true},
		{"a volunteer has a page of their shifts", volunteer, OwnShifts, Resource{}, true},
		{"a manager has none", managerA, OwnShifts, Resource{}, false},
		{"a volunteer runs no shift", volunteer, WriteEvent, Resource{Region: "KZ-71", OrganisationID: orgA}, false},
	} {
		if got := Can(c.u, c.a, c.r); got != c.want {
			t.Errorf("%s: Can = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestShiftRules(t *testing.T) {
	start := time.Date(2026, 5, 9, 5, 0, 0, 0, time.UTC) // 10:00 in Astana
	e := &Event{Starts: start, Ends: start.Add(4 * time.Hour)}
	ok := Shift{Role: Names{RU: "Раздача"}, Starts: start.Add(-2 * time.Hour), Ends: start.Add(2 * time.Hour), Capacity: 5}
	if err := ok.Validate(e); err != nil {
		t.Errorf("a shift that starts two hours before its event: %v", err)
	}
	late := ok
	late.Starts, late.Ends = e.Ends.Add(23*time.Hour), e.Ends.Add(25*time.Hour)
	if err := late.Validate(e); shiftProblems(err) != "ends_at:shift.outside_event" {
		t.Errorf("a shift ending a day after its event: %v", err)
	}
	if ok.StartDay().String() != "2026-05-09" {
		t.Errorf("the shift's day %s; want the day in Kazakhstan", ok.StartDay())
	}
	for _, c := range []struct {
		worked time.Duration
		want   int64
	}{{0, 0}, {2*time.Minute + 29*time.Second, 0}, {2*time.Minute + 30*time.Second, 5}, {4*time.Hour + 13*time.Minute, 255},
		{4*time.Hour + 12*time.Minute, 250}, {-time.Hour, 0}} {
		if got := WorkedMinutes(start, start.Add(c.worked)); got != c.want {
			t.Errorf("WorkedMinutes(%v) = %d, want %d", c.worked, got, c.want)
		}
	}
	if err := ok.CheckHours(6 * 60); err != nil {
		t.Errorf("six hours of a four-hour shift (an hour early, an hour late): %v", err)
	}
	if err := ok.CheckHours(6*60 + 5); shiftProblems(err) != "minutes:shift.hours_too_long" {
		t.Errorf("more: %v", err)
	}
	if PreferredLanguage([]Language{English, Russian}) != Russian || PreferredLanguage(nil) != Kazakh {
		t.Error("a volunteer who speaks Russian and English is written to in Russian; one who says nothing in Kazakh")
	}
}

func shiftProblems(err error) string {
	e, ok := err.(*Error)
	if !ok {
		return ""
	}
	out := ""
	for i, f := range e.Fields {
		if i > 0 {
			out += ","
		}
		out += f.Field + ":" + f.Code
	}
	return out
}
