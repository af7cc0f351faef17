package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/parasat-kz/parasat"
)

// The job queue, part one: putting jobs in. Other store code queues the work
// a change calls for inside the change's own transaction, so both are
// committed or neither is:
//
//	return db.inTx(ctx, func(tx *sql.Tx) error {
//		... the change and its audit row ...
//		return db.enqueueMail(ctx, tx, parasat.Mail{To: v.Email, Lang: lang, Template: "shift_confirmed", Data: data})
//	})

var (
	_ parasat.JobQueue   = (*DB)(nil)
	_ parasat.JobService = (*DB)(nil)
)

// OnJobsQueued sets fn to be called after each transaction of this process
// that queued jobs commits, so that the workers start at once instead of at
// their next poll.
func (db *DB) OnJobsQueued(fn func()) { db.jobsQueued.Store(&fn) }

// committed runs after a write transaction commits.
func (db *DB) committed(tx *sql.Tx) {
	if _, queued := db.queuedIn.LoadAndDelete(tx); queued {
		if fn := db.jobsQueued.Load(); fn != nil {
			(*fn)()
		}
	}
}

// Enqueue queues a job in a transaction of its own.
func (db *DB) Enqueue(ctx context.Context, spec parasat.JobSpec) (int64, error) {
	var id int64
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		id, _, err = db.enqueue(ctx, tx, spec)
		return err
	})
	return id, err
}

// enqueue queues a job in the caller's transaction. When the spec's key is
// already taken it adds nothing and returns the id of the job holding the
// key, with added false.
func (db *DB) enqueue(ctx context.Context, tx *sql.Tx, spec parasat.JobSpec) (id int64, added bool, err error) {
	if strings.TrimSpace(spec.Kind) == "" {
		return 0, false, (&parasat.Problems{{Field: "kind", Code: "required", Message: "is required"}}).Err()
	}
	payload := []byte("{}")
	if spec.Payload != nil {
		if payload, err = json.Marshal(spec.Payload); err != nil {
			return 0, false, fmt.Errorf("job payload: %w", err)
		}
	}
	attempts := spec.MaxAttempts
	if attempts <= 0 {
		attempts = parasat.DefaultJobAttempts
	}
	now := db.now()
	runAt := spec.RunAt.UTC().Truncate(time.Microsecond)
	if runAt.Before(now) {
		runAt = now
	}
	err = tx.QueryRowContext(ctx, `INSERT INTO jobs (kind, payload, unique_key, status, run_at, max_attempts, created_at, updated_at)
		VALUES ($1, $2, $3, 'queued', $4, $5, $6, $6) ON CONFLICT (unique_key) DO NOTHING RETURNING id`,
		spec.Kind, string(payload), nullString(spec.Key), runAt, attempts, now).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		err = tx.QueryRowContext(ctx, "SELECT id FROM jobs WHERE unique_key = $1", spec.Key).Scan(&id)
		return id, false, err
	}
	if err != nil {
		return 0, false, fmt.Errorf("queue a %s job: %w", spec.Kind, err)
	}
	db.queuedIn.Store(tx, struct{}{})
	return id, true, nil
}

// enqueueMail queues m, checked first, to be sent now, in the caller's transaction.
func (db *DB) enqueueMail(ctx context.Context, tx *sql.Tx, m parasat.Mail) error {
	_, err := db.enqueueMailAt(ctx, tx, m, time.Time{}, "")
	return err
}

// enqueueMailAt queues m to be sent at runAt (zero: now). With a key it is
// queued once: added is false when a job with the key is kept already.
func (db *DB) enqueueMailAt(ctx context.Context, tx *sql.Tx, m parasat.Mail, runAt time.Time, key string) (added bool, err error) {
	m.Normalize()
	if err := m.Validate(); err != nil {
		return false, err
	}
	spec := m.Job()
	spec.RunAt, spec.Key = runAt, key
	_, added, err = db.enqueue(ctx, tx, spec)
	return added, err
}

// cancelJob removes the queued job holding key, if it has not started, and
// reports whether there was one: a reminder for a sign-up withdrawn.
func (db *DB) cancelJob(ctx context.Context, tx *sql.Tx, key string) (bool, error) {
	res, err := tx.ExecContext(ctx, "DELETE FROM jobs WHERE unique_key = $1 AND status = 'queued'", key)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

const jobColumns = `id, kind, COALESCE(unique_key, ''), payload, status, run_at, attempts, max_attempts,
	COALESCE(claimed_by, ''), lease_until, last_error, progress_done, progress_total, result,
	created_at, updated_at, finished_at`

func scanJob(row interface{ Scan(...any) error }) (parasat.Job, error) {
	var (
		j                 parasat.Job
		payload           string
		lease, finished   sql.NullTime
		result            sql.NullString
		created, updated  time.Time
		runAt             time.Time
		attempts, maxTry  int64
		progress, ofTotal int64
	)
	err := row.Scan(&j.ID, &j.Kind, &j.Key, &payload, &j.Status, &runAt, &attempts, &maxTry,
		&j.ClaimedBy, &lease, &j.LastError, &progress, &ofTotal, &result, &created, &updated, &finished)
	if err != nil {
		return j, err
	}
	j.Payload = json.RawMessage(payload)
	if result.Valid {
		j.Result = json.RawMessage(result.String)
	}
	j.RunAt, j.Created, j.Updated = runAt.UTC(), created.UTC(), updated.UTC()
	j.Attempts, j.MaxAttempts, j.Done, j.Total = int(attempts), int(maxTry), progress, ofTotal
	j.LeaseUntil, j.Finished = timePtr(lease), timePtr(finished)
	return j, nil
}

// Job returns one job.
func (db *DB) Job(ctx context.Context, id int64) (*parasat.Job, error) {
	j, err := scanJob(db.read.QueryRowContext(ctx, "SELECT "+jobColumns+" FROM jobs WHERE id = $1", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, parasat.Errorf(parasat.ENotFound, "job not found")
	}
	if err != nil {
		return nil, err
	}
	return &j, nil
}

// ListJobs returns one page of jobs, newest first.
func (db *DB) ListJobs(ctx context.Context, f parasat.JobFilter) ([]parasat.Job, error) {
	q := &listQuery{}
	if f.Status != "" {
		q.and("status = " + q.arg(string(f.Status)))
	}
	if f.Kind != "" {
		q.and("kind = " + q.arg(f.Kind))
	}
	if f.Before > 0 {
		q.and("id < " + q.arg(f.Before))
	}
	rows, err := db.read.QueryContext(ctx, "SELECT "+jobColumns+" FROM jobs WHERE "+q.clause()+
		" ORDER BY id DESC LIMIT "+strconv.Itoa(pageSize(f.Limit)), q.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []parasat.Job{}
	for rows.Next() {
		j, err := scanJob(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, j)
	}
	return out, rows.Err()
}

// CountJobs counts the jobs that are not done, by kind and status. Done jobs
// are left out: they are many and say nothing about the queue's health.
func (db *DB) CountJobs(ctx context.Context) ([]parasat.JobCount, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT kind, status, COUNT(*) FROM jobs
		WHERE status IN ('queued', 'running', 'failed') GROUP BY kind, status ORDER BY kind, status`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []parasat.JobCount{}
	for rows.Next() {
		var c parasat.JobCount
		if err := rows.Scan(&c.Kind, &c.Status, &c.Count); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// RetryJob queues a failed job again, now, with a fresh set of attempts.
func (db *DB) RetryJob(ctx context.Context, id int64) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		now := db.now()
		res, err := tx.ExecContext(ctx, `UPDATE jobs SET status = 'queued', run_at = $2, attempts = 0, finished_at = NULL,
			updated_at = $2 WHERE id = $1 AND status = 'failed'`, id, now)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			if _, err := db.Job(ctx, id); err != nil {
				return err
			}
			return parasat.Errorf(parasat.EConflict, "only a failed job can be retried")
		}
		db.queuedIn.Store(tx, struct{}{})
		return db.audit(ctx, tx, "update", "job", strconv.FormatInt(id, 10), "",
			map[string]any{"status": parasat.JobFailed}, map[string]any{"status": parasat.JobQueued})
	})
}

// PurgeJobs deletes the done jobs finished before the time.
func (db *DB) PurgeJobs(ctx context.Context, finishedBefore time.Time) (int, error) {
	var n int64
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "DELETE FROM jobs WHERE status = 'done' AND finished_at < $1", finishedBefore.UTC())
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return int(n), err
}
