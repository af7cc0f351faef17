package parasat

import (
	"context"
	"encoding/json"
	"time"
)

// Background work is a durable queue of jobs in the database: a change and
// the work it calls for (a mail, an export) are committed together, and
// workers in every server process take due jobs one at a time, each job by
// one worker, with a lease so that the job of a worker that died is taken
// again. See sqlstore (the queue) and package jobs (the workers).

// JobStatus is where a job is in its life.
type JobStatus string

const (
	JobQueued  JobStatus = "queued"  // waiting for its run-at time or a free worker
	JobRunning JobStatus = "running" // claimed by a worker whose lease has not ended
	JobDone    JobStatus = "done"    // performed; its payload is cleared, its result kept
	JobFailed  JobStatus = "failed"  // gave up: a permanent error or too many attempts
)

// JobStatuses lists the statuses in the order of a job's life.
var JobStatuses = []JobStatus{JobQueued, JobRunning, JobDone, JobFailed}

// DefaultJobAttempts is how often a job is tried when its spec does not say.
const DefaultJobAttempts = 10

// JobSpec describes a job to enqueue.
type JobSpec struct {
	// Kind names the handler that performs the job, such as "mail".
	Kind string
	// Payload is what the handler needs, stored as JSON.
	Payload any
	// Key, when not empty, is unique among the jobs kept: enqueueing a spec
	// whose key is taken adds nothing, so one logical job (the reminder of
	// one shift sign-up) is never queued twice.
	Key string
	// RunAt is the earliest time to perform the job; zero means now.
	RunAt time.Time
	// MaxAttempts bounds the tries (DefaultJobAttempts when 0).
	MaxAttempts int
}

// Job is a job as the queue keeps it.
type Job struct {
	ID          int64           `json:"id"`
	Kind        string          `json:"kind"`
	Key         string          `json:"key,omitempty"`
	Payload     json.RawMessage `json:"-"` // may hold one-time links: never shown
	Status      JobStatus       `json:"status" enum:"queued,running,done,failed"`
	RunAt       time.Time       `json:"run_at"`
	Attempts    int             `json:"attempts"`
	MaxAttempts int             `json:"max_attempts"`
	ClaimedBy   string          `json:"claimed_by,omitempty" doc:"The worker that holds or last held the job"`
	LeaseUntil  *time.Time      `json:"lease_until,omitempty"`
	LastError   string          `json:"last_error,omitempty"`
	// Done and Total are the progress a long job reports (Total 0: unknown).
	Done     int64           `json:"progress_done"`
	Total    int64           `json:"progress_total"`
	Result   json.RawMessage `json:"result,omitempty"`
	Created  time.Time       `json:"created_at"`
	Updated  time.Time       `json:"updated_at"`
	Finished *time.Time      `json:"finished_at,omitempty"`
}

// JobFilter selects jobs for the admins' list, newest first; Before is the
// keyset cursor (the last ID seen; 0 for the first page).
type JobFilter struct {
	Status JobStatus
	Kind   string
	Before int64
	Limit  int
}

// JobCount is how many jobs of a kind are in a status.
type JobCount struct {
	Kind   string
	Status JobStatus
	Count  int
}

// JobService is what people see of the queue: the admins' list of jobs, a
// job's progress, and a failed job sent round again.
type JobService interface {
	Job(ctx context.Context, id int64) (*Job, error)
	// ListJobs returns jobs newest first.
	ListJobs(ctx context.Context, f JobFilter) ([]Job, error)
	// CountJobs counts the queued, running and failed jobs by kind.
	CountJobs(ctx context.Context) ([]JobCount, error)
	// RetryJob queues a failed job again with a fresh set of attempts.
	RetryJob(ctx context.Context, id int64) error
}

// JobQueue is what the workers need of the queue.
type JobQueue interface {
	Enqueue(ctx context.Context, spec JobSpec) (id int64, err error)
	// ClaimJobs takes up to limit due jobs of the kinds for worker, for the
	// lease: queued jobs whose run-at has come and running jobs whose lease
	// ran out (their worker died). A job is claimed by one worker at a time.
	ClaimJobs(ctx context.Context, worker string, kinds []string, limit int, lease time.Duration) ([]Job, error)
	// ExtendLease keeps a running job for worker, recording its progress
	// when total > 0. ELeaseLost (ENotFound) when another worker took it.
	ExtendLease(ctx context.Context, id int64, worker string, lease time.Duration, done, total int64) error
	// CompleteJob marks the job done with its result (nil for none).
	CompleteJob(ctx context.Context, id int64, worker string, result []byte) error
	// FailJob records a failed attempt: queued again at retryAt, or failed
	// for good when retryAt is zero or no attempts are left.
	FailJob(ctx context.Context, id int64, worker string, message string, retryAt time.Time) error
	// PurgeJobs deletes done jobs finished before the time and returns how many.
	PurgeJobs(ctx context.Context, finishedBefore time.Time) (int, error)
}
