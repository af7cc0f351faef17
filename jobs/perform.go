package jobs

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"time"

	"github.com/parasat-kz/parasat"
)

// perform runs one claimed job and records its outcome.
func (r *Runner) perform(ctx context.Context, j parasat.Job) {
	t := &Task{Job: j, runner: r}
	runCtx, cancel := context.WithCancelCause(ctx)
	beat := make(chan struct{})
	go func() {
		defer close(beat)
		r.heartbeat(runCtx, t, cancel)
	}()
	start := time.Now()
	err := r.call(runCtx, t)
	lost := context.Cause(runCtx)
	cancel(nil)
	<-beat
	// The outcome is written even when shutdown cancelled the job.
	out, stop := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer stop()
	outcome := r.record(out, t, err, lost, ctx.Err() != nil)
	r.metrics.observe(j.Kind, outcome, time.Since(start))
}

// call runs the handler, turning a panic into a permanent error.
func (r *Runner) call(ctx context.Context, t *Task) (err error) {
	defer func() {
		if p := recover(); p != nil {
			r.Logger.Error("jobs: handler panicked", "kind", t.Kind, "job", t.ID, "panic", p, "stack", string(debug.Stack()))
			err = Permanent(fmt.Errorf("the handler panicked: %v", p))
		}
	}()
	h, ok := r.handlers[t.Kind]
	if !ok {
		return Permanent(fmt.Errorf("no handler for jobs of kind %q", t.Kind))
	}
	return h(ctx, t)
}

var errLeaseLost = errors.New("the job's lease was lost to another worker")

// heartbeat renews the lease every third of it until ctx ends; when the job
// is no longer this worker's it cancels the job.
func (r *Runner) heartbeat(ctx context.Context, t *Task, cancel context.CancelCauseFunc) {
	tick := time.NewTicker(max(r.Lease/3, 10*time.Millisecond))
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			if err := r.extend(ctx, t); parasat.ErrorCode(err) == parasat.EConflict {
				cancel(errLeaseLost)
				return
			} else if err != nil && ctx.Err() == nil {
				r.Logger.Warn("jobs: cannot renew a lease", "job", t.ID, "err", err)
			}
		}
	}
}

func (r *Runner) extend(ctx context.Context, t *Task) error {
	done, total := t.progress()
	return r.Queue.ExtendLease(ctx, t.ID, r.Worker, r.Lease, done, total)
}

// record writes the outcome of an attempt and returns it for the metrics:
// done, retry, failed or lost.
func (r *Runner) record(ctx context.Context, t *Task, err, cause error, shutdown bool) string {
	log := r.Logger.With("kind", t.Kind, "job", t.ID, "attempt", t.Attempts)
	if errors.Is(cause, errLeaseLost) {
		log.Warn("jobs: the job was taken over by another worker after its lease ended")
		return "lost"
	}
	var werr error
	outcome := "done"
	switch {
	case err == nil:
		t.mu.Lock()
		result := t.result
		t.mu.Unlock()
		werr = r.Queue.CompleteJob(ctx, t.ID, r.Worker, result)
	case shutdown && !IsPermanent(err):
		outcome = "retry"
		log.Info("jobs: interrupted by shutdown; queued again", "err", err)
		werr = r.Queue.FailJob(ctx, t.ID, r.Worker, "interrupted by shutdown: "+err.Error(), r.Now())
	case IsPermanent(err) || t.Attempts >= t.MaxAttempts:
		outcome = "failed"
		log.Error("jobs: the job failed for good", "err", err)
		werr = r.Queue.FailJob(ctx, t.ID, r.Worker, err.Error(), time.Time{})
	default:
		outcome = "retry"
		next := r.Now().Add(r.Backoff(t.Attempts))
		log.Warn("jobs: the attempt failed; will try again", "err", err, "next", next)
		werr = r.Queue.FailJob(ctx, t.ID, r.Worker, err.Error(), next)
	}
	if parasat.ErrorCode(werr) == parasat.EConflict {
		log.Warn("jobs: the job was taken over by another worker after its lease ended")
		return "lost"
	}
	if werr != nil {
		log.Error("jobs: cannot record the outcome of a job; it will run again after its lease", "err", werr)
	}
	return outcome
}
