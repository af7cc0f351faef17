package parasat

import (
	"testing"
	"time"
)

func TestEventLifeAllowsOnlyItsSteps(t *testing.T) {
	now := time.Date(2026, 3, 15, 10, 0, 0, 0, time.UTC)
	e := &Event{Starts: now.Add(-time.Hour), Ends: now.Add(time.Hour)}
	for _, c := range []struct {
		from, to EventStatus
		reason   string
		code     string
	}{
		{EventPlanned, EventHeld, "", ""},
		{EventPlanned, EventCancelled, "Боран", ""},
		{EventPlanned, EventCancelled, " ", "event.cancel_reason"},
		{EventHeld, EventReported, "", ""},
		{EventPlanned, EventReported, "", "event.not_held"},
		{EventCancelled, EventReported, "", "event.is_cancelled"},
		{EventReported, EventCancelled, "late", "event.is_reported"},
		{EventHeld, EventCancelled, "late", "event.held_not_cancelled"},
		{EventHeld, EventHeld, "", "event.transition"},
	} {
		e.Status = c.from
		err := e.CheckTransition(c.to, now, c.reason)
		got := ""
		if err != nil {
			got = err.(*Error).Fields[0].Code
		}
		if got != c.code {
			t.Errorf("%s → %s: %q, want %q", c.from, c.to, got, c.code)
		}
	}
	e.Status, e.Starts = EventPlanned, now.Add(time.Minute)
	if err := e.CheckTransition(EventHeld, now, ""); err == nil || err.(*Error).Fields[0].Code != "event.not_started" {
		t.Errorf("holding an event that has not started: %v", err)
	}
}

func TestWhoMayHelpWhom(t *testing.T) {
	association := &Organisation{ID: 7, Type: OrgEthnoCultural, Region: "KZ-71"}
	assembly := &Organisation{ID: 2, Type: OrgAssembly, Region: "KZ-71"}
	for _, c := range []struct {
		giver    *Organisation
		servedBy []int64
		region   string
		want     bool
	}{
		{association, []int64{7}, "KZ-35", true}, // it serves the person, wherever they live
		{association, []int64{9}, "KZ-71", false},
		{assembly, nil, "KZ-71", true}, // the coordinating body of the region
		{assembly, nil, "KZ-75", false},
	} {
		if got := MayHelp(c.giver, c.servedBy, c.region); got != c.want {
			t.Errorf("MayHelp(%d, %v, %s) = %v", c.giver.ID, c.servedBy, c.region, got)
		}
	}
}
