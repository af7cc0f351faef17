package exportjob

import (
	"context"
	"testing"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/jobs"
)

// gone is a store whose exports have all expired.
type gone struct{ parasat.ReportExportService }

func (gone) ReportExport(context.Context, int64) (*parasat.ReportExport, error) {
	return nil, parasat.Errorf(parasat.ENotFound, "expired")
}

// An export that expired before its job ran leaves nothing to make: the
// job is done (with Gone in its result), not failed: nothing is wrong.
func TestAnExpiredExportIsNotMade(t *testing.T) {
	x := New(gone{}, nil, nil)
	task := &jobs.Task{Job: parasat.Job{ID: 1, Kind: parasat.ReportExportJobKind, Payload: []byte(`{"export": 42}`)}}
	if err := x.Perform(context.Background(), task); err != nil {
		t.Fatalf("Perform = %v; want done", err)
	}
}

// A payload that names no export is a permanent failure: no retry helps.
func TestABrokenPayloadFailsForGood(t *testing.T) {
	x := New(gone{}, nil, nil)
	task := &jobs.Task{Job: parasat.Job{ID: 1, Kind: parasat.ReportExportJobKind, Payload: []byte(`[1, 2]`)}}
	if err := x.Perform(context.Background(), task); !jobs.IsPermanent(err) {
		t.Fatalf("Perform = %v; want a permanent error", err)
	}
}
