package demo

import (
	"context"
	"testing"
	"time"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/sqlstore"
)

// TestDemoStaffsThisYearsEventsWithShifts: the coming events offer shifts
// with free places (one starting within the hour), and every reported event
// of this year with a shift reports exactly its confirmed hours.
func TestDemoStaffsThisYearsEventsWithShifts(t *testing.T) {
	ctx := context.Background()
	db, err := sqlstore.Open(ctx, sqlstore.Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(ctx, db); err != nil {
		t.Fatal(err)
	}
	open, err := db.OpenShifts(ctx, parasat.OpenShiftFilter{Region: parasat.CapitalCode})
	if err != nil {
		t.Fatal(err)
	}
	free, full := 0, 0
	for _, s := range open {
		if s.Free() > 0 {
			free++
		} else if s.Waitlisted > 0 {
			full++
		}
	}
	if len(open) < 5 || free < 4 || full < 1 || time.Until(open[0].Starts) > time.Hour {
		t.Errorf("%d open shifts, %d with places free, %d full with a waitlist; the first starts at %v", len(open), free, full, open[0].Starts)
	}
	year := parasat.Date{Time: time.Date(time.Now().Year(), 1, 1, 0, 0, 0, 0, time.UTC)}
	events, err := db.ListEvents(ctx, parasat.EventFilter{From: &year, Statuses: []parasat.EventStatus{parasat.EventReported, parasat.EventHeld},
		Region: parasat.CapitalCode, Visibility: parasat.Visibility{All: true}, Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	staffed, waiting := 0, 0
	for _, e := range events {
		h, err := db.EventShiftHours(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if h.Shifts == 0 {
			continue
		}
		staffed++
		if e.Status == parasat.EventHeld {
			waiting++
			continue
		}
		if *e.Volunteers != h.Volunteers || *e.VolunteerMinutes != h.Minutes {
			t.Errorf("event %d reports %d volunteers, %d minutes; its shifts confirm %d, %d", e.ID, *e.Volunteers,
				*e.VolunteerMinutes, h.Volunteers, h.Minutes)
		}
	}
	if staffed < len(events)/2 || waiting == 0 {
		t.Errorf("%d of %d events of this year have shifts, %d held waiting for their report", staffed, len(events), waiting)
	}
}
