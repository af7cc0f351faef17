package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parasat-kz/parasat"
)

// clock is a test clock that moves only when told.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

func withClock(db *DB) *clock {
	c := &clock{now: fixedNow}
	db.Now = c.Now
	return c
}

func TestJobsQueuedInARolledBackTransactionDoNotExist(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		var woken atomic.Int32
		db.OnJobsQueued(func() { woken.Add(1) })
		boom := errors.New("the change failed")
		err := db.inTx(ctx, func(tx *sql.Tx) error {
			if err := db.enqueueMail(ctx, tx, parasat.Mail{To: "a@example.kz", Template: "password_reset"}); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("inTx = %v", err)
		}
		if jobs, _ := db.ListJobs(ctx, parasat.JobFilter{}); len(jobs) != 0 || woken.Load() != 0 {
			t.Fatalf("after a rollback: %d jobs, woken %d times; want none", len(jobs), woken.Load())
		}
		err = db.inTx(ctx, func(tx *sql.Tx) error {
			return db.enqueueMail(ctx, tx, parasat.Mail{To: " b@example.kz ", Lang: "ru", Template: "password_reset"})
		})
		jobs, _ := db.ListJobs(ctx, parasat.JobFilter{})
		if err != nil || len(jobs) != 1 || woken.Load() != 1 {
			t.Fatalf("after a commit: %v, %d jobs, woken %d times; want one job, woken once", err, len(jobs), woken.Load())
		}
		j := jobs[0]
		if j.Kind != parasat.MailJobKind || j.Status != parasat.JobQueued || !j.RunAt.Equal(fixedNow) ||
			j.MaxAttempts != parasat.DefaultJobAttempts || string(j.Payload) != `{"to":"b@example.kz","lang":"ru","template":"password_reset"}` {
			t.Errorf("job = %+v payload %s", j, j.Payload)
		}
		err = db.inTx(ctx, func(tx *sql.Tx) error {
			return db.enqueueMail(ctx, tx, parasat.Mail{To: "not an address", Template: "password_reset"})
		})
		if parasat.ErrorCode(err) != parasat.EInvalid {
			t.Errorf("a mail to a bad address: %v; want invalid", err)
		}
	})
}

func TestAJobKeyIsQueuedOnce(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		spec := parasat.JobSpec{Kind: "reminder", Key: "shift-reminder:7", Payload: map[string]int{"signup": 7}}
		first, err := db.Enqueue(ctx, spec)
		if err != nil {
			t.Fatal(err)
		}
		second, err := db.Enqueue(ctx, spec)
		if err != nil || second != first {
			t.Fatalf("the same key again: %d, %v; want the first job %d", second, err, first)
		}
		if _, err := db.Enqueue(ctx, parasat.JobSpec{Kind: "reminder"}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Enqueue(ctx, parasat.JobSpec{Kind: "reminder"}); err != nil {
			t.Fatal(err) // jobs without a key never collide
		}
		if jobs, _ := db.ListJobs(ctx, parasat.JobFilter{}); len(jobs) != 3 {
			t.Errorf("%d jobs; want 3", len(jobs))
		}
		var cancelled bool
		err = db.inTx(ctx, func(tx *sql.Tx) (err error) {
			cancelled, err = db.cancelJob(ctx, tx, "shift-reminder:7")
			return err
		})
		if err != nil || !cancelled {
			t.Fatalf("cancelJob = %v, %v", cancelled, err)
		}
		if _, err := db.Job(ctx, first); parasat.ErrorCode(err) != parasat.ENotFound {
			t.Errorf("cancelled job: %v; want not found", err)
		}
	})
}

func TestClaimTakesDueJobsOfItsKindsOnce(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		clk := withClock(db)
		now, _ := db.Enqueue(ctx, parasat.JobSpec{Kind: "mail"})
		later, _ := db.Enqueue(ctx, parasat.JobSpec{Kind: "mail", RunAt: fixedNow.Add(time.Hour)})
		other, _ := db.Enqueue(ctx, parasat.JobSpec{Kind: "export"})
		got, err := db.ClaimJobs(ctx, "w1", []string{"mail"}, 10, time.Minute)
		if err != nil || len(got) != 1 || got[0].ID != now {
			t.Fatalf("claim = %+v, %v; want only job %d", got, err, now)
		}
		j := got[0]
		if j.Status != parasat.JobRunning || j.Attempts != 1 || j.ClaimedBy != "w1" || j.LeaseUntil == nil || !j.LeaseUntil.Equal(fixedNow.Add(time.Minute)) {
			t.Errorf("claimed job = %+v", j)
		}
		if again, _ := db.ClaimJobs(ctx, "w2", []string{"mail"}, 10, time.Minute); len(again) != 0 {
			t.Errorf("a running job was claimed again: %+v", again)
		}
		clk.Add(time.Hour)
		got, _ = db.ClaimJobs(ctx, "w2", []string{"mail", "export"}, 1, time.Minute)
		if len(got) != 1 || got[0].ID != j.ID {
			t.Fatalf("after the lease ended, with limit 1: %+v; want the abandoned job %d first (oldest run-at)", got, j.ID)
		}
		if got[0].Attempts != 2 || got[0].ClaimedBy != "w2" {
			t.Errorf("taken-over job = %+v", got[0])
		}
		if err := db.CompleteJob(ctx, j.ID, "w1", nil); parasat.ErrorCode(err) != parasat.EConflict {
			t.Errorf("the first worker completes a job taken from it: %v; want conflict", err)
		}
		if err := db.CompleteJob(ctx, j.ID, "w2", []byte(`{"message_id":"<x@y>"}`)); err != nil {
			t.Fatal(err)
		}
		done, _ := db.Job(ctx, j.ID)
		if done.Status != parasat.JobDone || string(done.Payload) != "{}" || string(done.Result) != `{"message_id":"<x@y>"}` ||
			done.Finished == nil || done.LeaseUntil != nil {
			t.Errorf("done job = %+v payload %s result %s", done, done.Payload, done.Result)
		}
		rest, _ := db.ClaimJobs(ctx, "w2", []string{"mail", "export"}, 10, time.Minute)
		if len(rest) != 2 || rest[0].ID != other || rest[1].ID != later {
			t.Errorf("the rest = %+v; want %d then %d, by run-at", rest, other, later)
		}
	})
}

func TestFailedAttemptsRetryThenFailForGood(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		clk := withClock(db)
		id, _ := db.Enqueue(ctx, parasat.JobSpec{Kind: "mail", MaxAttempts: 2})
		claim := func() []parasat.Job {
			got, err := db.ClaimJobs(ctx, "w", []string{"mail"}, 10, time.Minute)
			if err != nil {
				t.Fatal(err)
			}
			return got
		}
		claim()
		if err := db.FailJob(ctx, id, "w", "connection refused", fixedNow.Add(5*time.Second)); err != nil {
			t.Fatal(err)
		}
		j, _ := db.Job(ctx, id)
		if j.Status != parasat.JobQueued || !j.RunAt.Equal(fixedNow.Add(5*time.Second)) || j.LastError != "connection refused" || j.Finished != nil {
			t.Fatalf("after a failed attempt: %+v", j)
		}
		if got := claim(); len(got) != 0 {
			t.Fatalf("claimed before its retry time: %+v", got)
		}
		clk.Add(5 * time.Second)
		if got := claim(); len(got) != 1 || got[0].Attempts != 2 {
			t.Fatalf("retry = %+v", got)
		}
		if err := db.FailJob(ctx, id, "w", "connection refused again", clk.Now().Add(15*time.Second)); err != nil {
			t.Fatal(err)
		}
		j, _ = db.Job(ctx, id)
		if j.Status != parasat.JobFailed || j.Finished == nil || j.LastError != "connection refused again" {
			t.Fatalf("after the last attempt: %+v; want failed", j)
		}
		if err := db.RetryJob(parasat.WithActor(ctx, parasat.Actor{Address: "test"}), id); err != nil {
			t.Fatal(err)
		}
		j, _ = db.Job(ctx, id)
		if j.Status != parasat.JobQueued || j.Attempts != 0 || j.Finished != nil {
			t.Errorf("retried job = %+v", j)
		}
		if err := db.RetryJob(ctx, id); parasat.ErrorCode(err) != parasat.EConflict {
			t.Errorf("retrying a queued job: %v; want conflict", err)
		}
		if err := db.RetryJob(ctx, id+100); parasat.ErrorCode(err) != parasat.ENotFound {
			t.Errorf("retrying no job: %v; want not found", err)
		}
		entries, err := db.ListAudit(ctx, parasat.AuditFilter{Entity: "job"})
		if err != nil || len(entries) != 1 {
			t.Errorf("audit of the retry: %+v, %v", entries, err)
		}
	})
}

func TestAJobAbandonedOnItsLastAttemptFails(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		clk := withClock(db)
		id, _ := db.Enqueue(ctx, parasat.JobSpec{Kind: "mail", MaxAttempts: 1})
		if got, _ := db.ClaimJobs(ctx, "dead", []string{"mail"}, 1, time.Minute); len(got) != 1 {
			t.Fatal("not claimed")
		}
		clk.Add(2 * time.Minute) // the worker died
		if _, err := db.Enqueue(ctx, parasat.JobSpec{Kind: "mail"}); err != nil {
			t.Fatal(err)
		}
		got, _ := db.ClaimJobs(ctx, "alive", []string{"mail"}, 10, time.Minute)
		if len(got) != 1 || got[0].ID == id {
			t.Fatalf("claimed %+v; want only the new job", got)
		}
		j, _ := db.Job(ctx, id)
		if j.Status != parasat.JobFailed || j.LastError == "" {
			t.Errorf("abandoned job = %+v; want failed with a reason", j)
		}
		counts, err := db.CountJobs(ctx)
		if err != nil || fmt.Sprint(counts) != "[{mail failed 1} {mail running 1}]" {
			t.Errorf("CountJobs = %v, %v", counts, err)
		}
	})
}

func TestProgressIsRecordedWithTheLease(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		clk := withClock(db)
		id, _ := db.Enqueue(ctx, parasat.JobSpec{Kind: "export"})
		db.ClaimJobs(ctx, "w", []string{"export"}, 1, time.Minute)
		clk.Add(50 * time.Second)
		if err := db.ExtendLease(ctx, id, "w", time.Minute, 3_000_000_000, 4_000_000_000); err != nil {
			t.Fatal(err)
		}
		j, _ := db.Job(ctx, id)
		if j.Done != 3_000_000_000 || j.Total != 4_000_000_000 || !j.LeaseUntil.Equal(clk.Now().Add(time.Minute)) {
			t.Errorf("after progress: %+v", j)
		}
		if err := db.ExtendLease(ctx, id, "w", time.Minute, 0, 0); err != nil {
			t.Fatal(err)
		}
		if j, _ = db.Job(ctx, id); j.Done != 3_000_000_000 {
			t.Errorf("a lease renewal without progress lost the progress: %+v", j)
		}
		if err := db.ExtendLease(ctx, id, "other", time.Minute, 0, 0); parasat.ErrorCode(err) != parasat.EConflict {
			t.Errorf("another worker renews the lease: %v; want conflict", err)
		}
		db.CompleteJob(ctx, id, "w", nil)
		if j, _ = db.Job(ctx, id); j.Done != j.Total {
			t.Errorf("a done job shows %d of %d", j.Done, j.Total)
		}
		clk.Add(31 * 24 * time.Hour)
		if n, err := db.PurgeJobs(ctx, clk.Now().Add(-30*24*time.Hour)); n != 1 || err != nil {
			t.Errorf("PurgeJobs = %d, %v; want 1", n, err)
		}
	})
}

func TestListJobsByStatusNewestFirst(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		var ids []int64
		for i := range 5 {
			id, _ := db.Enqueue(ctx, parasat.JobSpec{Kind: []string{"mail", "export"}[i%2]})
			ids = append(ids, id)
		}
		page, err := db.ListJobs(ctx, parasat.JobFilter{Status: parasat.JobQueued, Kind: "mail", Limit: 2})
		if err != nil || len(page) != 2 || page[0].ID != ids[4] || page[1].ID != ids[2] {
			t.Fatalf("first page = %+v, %v", page, err)
		}
		page, _ = db.ListJobs(ctx, parasat.JobFilter{Kind: "mail", Before: ids[2], Limit: 2})
		if len(page) != 1 || page[0].ID != ids[0] {
			t.Errorf("second page = %+v", page)
		}
		if page, _ = db.ListJobs(ctx, parasat.JobFilter{Status: parasat.JobFailed}); len(page) != 0 {
			t.Errorf("failed jobs = %+v", page)
		}
	})
}

// Two handles on one database stand for two server processes: each job is
// claimed by exactly one of the eight workers racing for them.
func TestConcurrentClaimsTakeEachJobOnce(t *testing.T) {
	for _, engine := range []Engine{SQLite, Postgres} {
		t.Run(string(engine), func(t *testing.T) {
			t.Parallel()
			cfg := testConfig(t, engine)
			ctx := context.Background()
			var dbs []*DB
			for range 2 {
				db, err := Open(ctx, cfg)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { db.Close() })
				if _, err := db.Migrate(ctx); err != nil {
					t.Fatal(err)
				}
				dbs = append(dbs, db)
			}
			const n = 200
			for i := range n {
				if _, err := dbs[i%2].Enqueue(ctx, parasat.JobSpec{Kind: "mail", Payload: i}); err != nil {
					t.Fatal(err)
				}
			}
			var (
				mu     sync.Mutex
				seen   = map[int64]string{}
				wg     sync.WaitGroup
				double atomic.Int32
			)
			for w := range 8 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					db, name := dbs[w%2], fmt.Sprintf("worker-%d", w)
					for {
						got, err := db.ClaimJobs(ctx, name, []string{"mail"}, 3, time.Minute)
						if err != nil {
							t.Error(err)
							return
						}
						if len(got) == 0 {
							return
						}
						for _, j := range got {
							mu.Lock()
							if prev, ok := seen[j.ID]; ok {
								t.Errorf("job %d claimed by %s and %s", j.ID, prev, name)
								double.Add(1)
							}
							seen[j.ID] = name
							mu.Unlock()
							if err := db.CompleteJob(ctx, j.ID, name, nil); err != nil {
								t.Error(err)
							}
						}
					}
				}()
			}
			wg.Wait()
			if len(seen) != n || double.Load() != 0 {
				t.Errorf("%d of %d jobs claimed, %d twice", len(seen), n, double.Load())
			}
		})
	}
}

func TestAReminderMailIsQueuedForLaterAndOnce(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		m := parasat.Mail{To: "volunteer@example.kz", Template: "shift_reminder", Data: map[string]any{"shift": 3}}
		at := fixedNow.Add(36 * time.Hour)
		for i, want := range []bool{true, false} {
			var added bool
			err := db.inTx(ctx, func(tx *sql.Tx) (err error) {
				added, err = db.enqueueMailAt(ctx, tx, m, at, "shift-reminder:3")
				return err
			})
			if err != nil || added != want {
				t.Fatalf("enqueue %d: added %v, %v; want %v", i+1, added, err, want)
			}
		}
		jobs, _ := db.ListJobs(ctx, parasat.JobFilter{})
		if len(jobs) != 1 || !jobs[0].RunAt.Equal(at) || jobs[0].Key != "shift-reminder:3" ||
			string(jobs[0].Payload) != `{"to":"volunteer@example.kz","lang":"kk","template":"shift_reminder","data":{"shift":3}}` {
			t.Errorf("queued = %+v %s", jobs, jobs[0].Payload)
		}
		if got, _ := db.ClaimJobs(ctx, "w", []string{parasat.MailJobKind}, 1, time.Minute); len(got) != 0 {
			t.Errorf("a reminder for tomorrow was claimed today: %+v", got)
		}
	})
}
