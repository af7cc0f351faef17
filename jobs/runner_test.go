package jobs

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/internal/testdb"
	"github.com/parasat-kz/parasat/sqlstore"
)

// The runner is tested on the real queue, on both engines.

func TestMain(m *testing.M) {
	testdb.AnnounceSkip()
	os.Exit(m.Run())
}

func forEachEngine(t *testing.T, test func(t *testing.T, db *sqlstore.DB)) {
	for _, engine := range []sqlstore.Engine{sqlstore.SQLite, sqlstore.Postgres} {
		t.Run(string(engine), func(t *testing.T) {
			t.Parallel()
			cfg := sqlstore.Config{DataDir: t.TempDir()}
			if engine == sqlstore.Postgres {
				cfg = sqlstore.Config{DatabaseURL: testdb.PostgresURL(t)}
			}
			ctx := context.Background()
			db, err := sqlstore.Open(ctx, cfg)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			if _, err := db.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			test(t, db)
		})
	}
}

func newRunner(db *sqlstore.DB) *Runner {
	r := New(db, slog.New(slog.DiscardHandler))
	r.Poll = 20 * time.Millisecond
	r.Backoff = func(int) time.Duration { return 0 }
	db.OnJobsQueued(r.Wake)
	return r
}

// start runs r until the test ends (or stop is called) and returns stop,
// which waits for Run to return.
func start(t *testing.T, r *Runner, grace time.Duration) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { r.Run(ctx, grace); close(done) }()
	stop = func() { cancel(); <-done }
	t.Cleanup(stop)
	return stop
}

// waitFor polls the job until cond holds.
func waitFor(t *testing.T, db *sqlstore.DB, id int64, what string, cond func(*parasat.Job) bool) *parasat.Job {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		j, err := db.Job(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if cond(j) {
			return j
		}
		if time.Now().After(deadline) {
			t.Fatalf("job %d never became %s: %+v", id, what, j)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// waitCount waits for parasat_job_attempts_total{kind,outcome} to reach
// want: an attempt is counted just after its outcome is written.
func waitCount(t *testing.T, r *Runner, kind, outcome string, want float64) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for testutil.ToFloat64(r.metrics.attempts.WithLabelValues(kind, outcome)) != want {
		if time.Now().After(deadline) {
			t.Fatalf("parasat_job_attempts_total{kind=%q,outcome=%q} never became %v", kind, outcome, want)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestAJobIsPerformedWithItsPayloadAndResult(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *sqlstore.DB) {
		r := newRunner(db)
		reg := prometheus.NewRegistry()
		if err := r.RegisterMetrics(reg, db); err != nil {
			t.Fatal(err)
		}
		var got struct{ Export string }
		r.Handle("export", func(ctx context.Context, task *Task) error {
			if err := task.Decode(&got); err != nil {
				return err
			}
			return task.SetResult(map[string]string{"file": got.Export + ".xlsx"})
		})
		start(t, r, time.Second)
		id, err := db.Enqueue(context.Background(), parasat.JobSpec{Kind: "export", Payload: map[string]string{"export": "aid-2019"}})
		if err != nil {
			t.Fatal(err)
		}
		j := waitFor(t, db, id, "done", func(j *parasat.Job) bool { return j.Status == parasat.JobDone })
		if got.Export != "aid-2019" || string(j.Result) != `{"file":"aid-2019.xlsx"}` || j.Attempts != 1 || j.ClaimedBy != r.Worker {
			t.Errorf("payload %+v, job %+v result %s", got, j, j.Result)
		}
		waitCount(t, r, "export", "done", 1)
		if n, err := testutil.GatherAndCount(reg, "parasat_jobs"); err != nil || n != 0 {
			t.Errorf("parasat_jobs series with nothing queued: %d, %v", n, err)
		}
	})
}

func TestFailuresAreRetriedThenTheJobFails(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *sqlstore.DB) {
		r := newRunner(db)
		reg := prometheus.NewRegistry()
		if err := r.RegisterMetrics(reg, db); err != nil {
			t.Fatal(err)
		}
		var tries atomic.Int32
		r.Handle("flaky", func(ctx context.Context, task *Task) error {
			tries.Add(1)
			return errors.New("connection refused")
		})
		r.Handle("broken", func(ctx context.Context, task *Task) error {
			return Permanent(errors.New("no such template"))
		})
		r.Handle("panics", func(ctx context.Context, task *Task) error { panic("a bug") })
		start(t, r, time.Second)
		ctx := context.Background()
		flaky, _ := db.Enqueue(ctx, parasat.JobSpec{Kind: "flaky", MaxAttempts: 3})
		broken, _ := db.Enqueue(ctx, parasat.JobSpec{Kind: "broken"})
		panics, _ := db.Enqueue(ctx, parasat.JobSpec{Kind: "panics"})
		failed := func(j *parasat.Job) bool { return j.Status == parasat.JobFailed }
		if j := waitFor(t, db, flaky, "failed", failed); j.Attempts != 3 || j.LastError != "connection refused" || tries.Load() != 3 {
			t.Errorf("flaky job after its attempts: %+v, %d tries", j, tries.Load())
		}
		if j := waitFor(t, db, broken, "failed", failed); j.Attempts != 1 || j.LastError != "no such template" {
			t.Errorf("a permanent error was retried: %+v", j)
		}
		if j := waitFor(t, db, panics, "failed", failed); j.Attempts != 1 || j.LastError != "the handler panicked: a bug" {
			t.Errorf("panicking handler: %+v", j)
		}
		waitCount(t, r, "flaky", "retry", 2)
		want := `
# HELP parasat_jobs Jobs in the queue (all processes) that are queued, running or failed, by kind and status.
# TYPE parasat_jobs gauge
parasat_jobs{kind="broken",status="failed"} 1
parasat_jobs{kind="flaky",status="failed"} 1
parasat_jobs{kind="panics",status="failed"} 1
`
		if err := testutil.GatherAndCompare(reg, strings.NewReader(want), "parasat_jobs"); err != nil {
			t.Error(err)
		}
	})
}

func TestShutdownWaitsForTheJobsRunning(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *sqlstore.DB) {
		r := newRunner(db)
		started, release := make(chan struct{}), make(chan struct{})
		r.Handle("slow", func(ctx context.Context, task *Task) error {
			close(started)
			select {
			case <-release:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
		stop := start(t, r, time.Minute)
		id, _ := db.Enqueue(context.Background(), parasat.JobSpec{Kind: "slow"})
		<-started
		stopped := make(chan struct{})
		go func() { stop(); close(stopped) }()
		select {
		case <-stopped:
			t.Fatal("Run returned while a job was running, within the grace")
		case <-time.After(100 * time.Millisecond):
		}
		close(release)
		<-stopped
		if j, _ := db.Job(context.Background(), id); j.Status != parasat.JobDone {
			t.Errorf("the job finished during shutdown is %s; want done", j.Status)
		}
	})
}

func TestAJobStillRunningAfterTheGraceRunsAgain(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *sqlstore.DB) {
		r := newRunner(db)
		started := make(chan struct{})
		r.Handle("endless", func(ctx context.Context, task *Task) error {
			close(started)
			<-ctx.Done()
			return ctx.Err()
		})
		stop := start(t, r, 50*time.Millisecond)
		id, _ := db.Enqueue(context.Background(), parasat.JobSpec{Kind: "endless"})
		<-started
		stop()
		j, _ := db.Job(context.Background(), id)
		if j.Status != parasat.JobQueued || j.LastError != "interrupted by shutdown: context canceled" {
			t.Errorf("after the grace: %+v; want queued again", j)
		}
	})
}

func TestProgressShowsWhileTheJobRunsAndTheLeaseIsKept(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *sqlstore.DB) {
		r := newRunner(db)
		r.Lease = time.Second
		other := newRunner(db)
		other.Worker = "other-process"
		var otherRan atomic.Bool
		reported, release := make(chan struct{}), make(chan struct{})
		handler := func(ctx context.Context, task *Task) error {
			if task.runner == other {
				otherRan.Store(true)
			}
			if err := task.Progress(ctx, 40, 100); err != nil {
				return err
			}
			close(reported)
			select {
			case <-release:
				return nil
			case <-ctx.Done(): // the test failed and stops the runner
				return ctx.Err()
			}
		}
		r.Handle("export", handler)
		start(t, r, time.Second)
		id, _ := db.Enqueue(context.Background(), parasat.JobSpec{Kind: "export"})
		<-reported
		other.Handle("export", handler)
		start(t, other, time.Second)
		j := waitFor(t, db, id, "40 of 100", func(j *parasat.Job) bool { return j.Done == 40 && j.Total == 100 })
		if j.Status != parasat.JobRunning {
			t.Errorf("job with progress: %+v", j)
		}
		// Three leases long, the renewals keep the job from the other process.
		first := *j.LeaseUntil
		waitFor(t, db, id, "renewed twice", func(j *parasat.Job) bool {
			if j.ClaimedBy != r.Worker || j.Attempts != 1 {
				t.Fatalf("the job changed hands while its worker renewed the lease: %+v", j)
			}
			return j.LeaseUntil.After(first.Add(2 * r.Lease))
		})
		close(release)
		waitFor(t, db, id, "done", func(j *parasat.Job) bool { return j.Status == parasat.JobDone })
		if otherRan.Load() {
			t.Error("another worker took the job while its worker was renewing the lease")
		}
	})
}
