// Package jobs performs the jobs of the durable queue (parasat.JobQueue,
// implemented by sqlstore) in the server process: it claims due jobs of the
// kinds it has handlers for, keeps their leases while they run, retries
// failures with backoff, and on shutdown waits for the jobs running.
//
//	r := jobs.New(db, logger)
//	r.Handle(parasat.MailJobKind, mailer.Perform)
//	db.OnJobsQueued(r.Wake)
//	go r.Run(ctx, grace)
package jobs

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"sync"
	"time"

	"github.com/parasat-kz/parasat"
)

// Runner is the workers of one process.
type Runner struct {
	Queue  parasat.JobQueue
	Logger *slog.Logger
	// Worker names this process in the queue's claimed_by.
	Worker string
	// Concurrency is how many jobs run at once.
	Concurrency int
	// Lease is how long a claimed job stays this worker's without news;
	// running jobs renew it every third of it. A job whose worker died is
	// taken again by another when its lease ends.
	Lease time.Duration
	// Poll is how often the queue is looked at when nothing woke the runner.
	Poll time.Duration
	// Backoff is the wait before the next attempt after a failed one.
	Backoff func(attempt int) time.Duration
	// KeepDone is how long done jobs are kept (and their keys stay taken).
	KeepDone time.Duration
	Now      func() time.Time

	handlers map[string]Handler
	wake     chan struct{}
	metrics  *metrics
}

// New returns a runner with the defaults: 4 jobs at a time, a one-minute
// lease, a poll every second, done jobs kept for 30 days.
func New(queue parasat.JobQueue, logger *slog.Logger) *Runner {
	return &Runner{
		Queue: queue, Logger: logger, Worker: workerName(),
		Concurrency: 4, Lease: time.Minute, Poll: time.Second,
		Backoff: DefaultBackoff, KeepDone: 30 * 24 * time.Hour, Now: time.Now,
		handlers: map[string]Handler{}, wake: make(chan struct{}, 1),
	}
}

// DefaultBackoff waits 5 s after the first failed attempt and three times
// longer after each next one, up to 6 hours: 5 s, 15 s, 45 s, 2¼ min, …;
// the ten default attempts span about 9 hours, enough for an outage of the
// mail server to end.
func DefaultBackoff(attempt int) time.Duration {
	d := 5 * time.Second
	for i := 1; i < attempt && d < 6*time.Hour; i++ {
		d *= 3
	}
	return min(d, 6*time.Hour)
}

// workerName is host-pid-random: unique even for two processes on one host.
func workerName() string {
	host, _ := os.Hostname()
	b := make([]byte, 3)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b))
}

// Handle sets the handler of a kind of job. Call it before Run. Jobs of kinds
// without a handler are left for a process that has one.
func (r *Runner) Handle(kind string, h Handler) { r.handlers[kind] = h }

// Wake makes the runner look at the queue now (after a commit that queued jobs).
func (r *Runner) Wake() {
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

// Run performs jobs until ctx ends, then waits up to grace for the jobs
// running; those still running after it have their context cancelled and
// are queued again.
func (r *Runner) Run(ctx context.Context, grace time.Duration) {
	kinds := make([]string, 0, len(r.handlers))
	for k := range r.handlers {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	jobCtx, cancelJobs := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelJobs()
	var (
		running sync.WaitGroup
		slots   = make(chan struct{}, max(1, r.Concurrency))
		poll    = time.NewTicker(r.Poll)
		purge   = time.NewTicker(time.Hour)
	)
	defer poll.Stop()
	defer purge.Stop()
	r.purge(ctx)
	for ctx.Err() == nil {
		if free := cap(slots) - len(slots); free > 0 {
			claimed, err := r.Queue.ClaimJobs(ctx, r.Worker, kinds, free, r.Lease)
			if err != nil && ctx.Err() == nil {
				r.Logger.Warn("jobs: cannot claim jobs", "err", err)
			}
			for _, j := range claimed {
				slots <- struct{}{}
				running.Add(1)
				go func() {
					defer running.Done()
					r.perform(jobCtx, j)
					<-slots
					r.Wake()
				}()
			}
			if len(claimed) == free {
				continue // there may be more due
			}
		}
		select {
		case <-ctx.Done():
		case <-r.wake:
		case <-poll.C:
		case <-purge.C:
			r.purge(ctx)
		}
	}
	r.drain(&running, len(slots) > 0, grace, cancelJobs)
}

// drain waits for the running jobs, cancelling them after grace.
func (r *Runner) drain(running *sync.WaitGroup, busy bool, grace time.Duration, cancel context.CancelFunc) {
	done := make(chan struct{})
	go func() { running.Wait(); close(done) }()
	if !busy {
		<-done
		return
	}
	r.Logger.Info("jobs: shutting down: finishing jobs in flight", "grace", grace)
	select {
	case <-done:
	case <-time.After(grace):
		r.Logger.Warn("jobs: grace ended; cancelling the jobs still running, they will run again")
		cancel()
		<-done
	}
}

func (r *Runner) purge(ctx context.Context) {
	if r.KeepDone <= 0 {
		return
	}
	n, err := r.Queue.PurgeJobs(ctx, r.Now().Add(-r.KeepDone))
	if err != nil && ctx.Err() == nil {
		r.Logger.Warn("jobs: cannot purge old done jobs", "err", err)
	} else if n > 0 {
		r.Logger.Info("jobs: purged old done jobs", "count", n)
	}
}
