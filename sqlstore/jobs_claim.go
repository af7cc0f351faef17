package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"github.com/parasat-kz/parasat"
)

// The job queue, part two: what the workers do. A claim is one write
// transaction: on PostgreSQL the rows are locked FOR UPDATE SKIP LOCKED, so
// two processes claiming at once take different jobs; on SQLite the
// transaction is immediate, so claims of all processes happen one after the
// other. Every later step names the worker and succeeds only while the job
// is still that worker's: a worker whose lease ran out and whose job was
// taken by another cannot complete or fail it.

// errLeaseLost says the job is no longer the worker's.
func errLeaseLost(id int64) error {
	return parasat.Errorf(parasat.EConflict, "job %d is no longer held by this worker (its lease ended)", id)
}

// ClaimJobs takes up to limit due jobs of the kinds for worker.
func (db *DB) ClaimJobs(ctx context.Context, worker string, kinds []string, limit int, lease time.Duration) ([]parasat.Job, error) {
	if len(kinds) == 0 || limit <= 0 {
		return nil, nil
	}
	now := db.now()
	// A read first, on the read pool: an idle queue never takes SQLite's
	// one writer, which the requests need.
	read := &listQuery{}
	var due int
	err := db.read.QueryRowContext(ctx, "SELECT COUNT(*) FROM (SELECT 1 FROM jobs WHERE "+dueJobs(read, kinds, now)+" LIMIT 1) due",
		read.args...).Scan(&due)
	if err != nil || due == 0 {
		return nil, err
	}
	q := &listQuery{}
	set := "claimed_by = " + q.arg(worker) + ", lease_until = " + q.arg(now.Add(lease)) + ", updated_at = " + q.arg(now)
	cond := dueJobs(q, kinds, now) + " ORDER BY run_at, id LIMIT " + q.arg(limit)
	var claimed []parasat.Job
	err = db.inTx(ctx, func(tx *sql.Tx) error {
		if err := db.failAbandoned(ctx, tx, now); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, "UPDATE jobs SET status = 'running', attempts = attempts + 1, "+set+
			" WHERE id IN (SELECT id FROM jobs WHERE "+cond+db.skipLocked()+") RETURNING "+jobColumns, q.args...)
		if err != nil {
			return fmt.Errorf("claim jobs: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			j, err := scanJob(rows)
			if err != nil {
				return err
			}
			claimed = append(claimed, j)
		}
		return rows.Err()
	})
	slices.SortFunc(claimed, func(a, b parasat.Job) int {
		if c := a.RunAt.Compare(b.RunAt); c != 0 {
			return c
		}
		return int(a.ID - b.ID)
	})
	return claimed, err
}

// failAbandoned fails the jobs whose worker stopped answering on their last
// allowed attempt: taking them again would exceed their attempts.
func (db *DB) failAbandoned(ctx context.Context, tx *sql.Tx, now time.Time) error {
	_, err := tx.ExecContext(ctx, `UPDATE jobs SET status = 'failed', lease_until = NULL, finished_at = $1, updated_at = $1,
		last_error = 'its worker stopped answering (the lease ended) on the last attempt'
		WHERE id IN (SELECT id FROM jobs WHERE status = 'running' AND lease_until < $1 AND attempts >= max_attempts`+db.skipLocked()+`)`, now)
	if err != nil {
		return fmt.Errorf("fail abandoned jobs: %w", err)
	}
	return nil
}

// dueJobs is the condition of the jobs of the kinds that are due at now:
// queued ones whose time has come, and running ones whose lease ended.
func dueJobs(q *listQuery, kinds []string, now time.Time) string {
	at := q.arg(now)
	return "kind IN (" + placeholders(q, kinds) + ") AND ((status = 'queued' AND run_at <= " + at +
		") OR (status = 'running' AND lease_until < " + at + "))"
}

// ExtendLease keeps a running job for worker and records its progress.
func (db *DB) ExtendLease(ctx context.Context, id int64, worker string, lease time.Duration, done, total int64) error {
	return db.jobUpdate(ctx, id, worker, `lease_until = $3, updated_at = $4,
		progress_done = CASE WHEN CAST($6 AS BIGINT) > 0 THEN CAST($5 AS BIGINT) ELSE progress_done END,
		progress_total = CASE WHEN CAST($6 AS BIGINT) > 0 THEN CAST($6 AS BIGINT) ELSE progress_total END`,
		func(now time.Time) []any { return []any{now.Add(lease), now, done, total} })
}

// CompleteJob marks a job done, keeps its result and clears its payload,
// which may hold a one-time link.
func (db *DB) CompleteJob(ctx context.Context, id int64, worker string, result []byte) error {
	var res any
	if result != nil {
		res = string(result)
	}
	return db.jobUpdate(ctx, id, worker, `status = 'done', payload = '{}', result = $3, lease_until = NULL,
		finished_at = $4, updated_at = $4, progress_done = CASE WHEN progress_total > 0 THEN progress_total ELSE progress_done END`,
		func(now time.Time) []any { return []any{res, now} })
}

// FailJob records a failed attempt: the job is queued again at retryAt while
// attempts are left, else it has failed.
func (db *DB) FailJob(ctx context.Context, id int64, worker, message string, retryAt time.Time) error {
	if len(message) > 2000 {
		message = message[:2000]
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		now := db.now()
		held := " WHERE id = $1 AND claimed_by = $2 AND status = 'running'"
		if !retryAt.IsZero() {
			res, err := tx.ExecContext(ctx, `UPDATE jobs SET status = 'queued', run_at = $3, last_error = $4,
				lease_until = NULL, updated_at = $5`+held+" AND attempts < max_attempts",
				id, worker, retryAt.UTC().Truncate(time.Microsecond), message, now)
			if err != nil {
				return fmt.Errorf("update job %d: %w", id, err)
			}
			if n, _ := res.RowsAffected(); n > 0 {
				return nil
			}
		}
		res, err := tx.ExecContext(ctx, `UPDATE jobs SET status = 'failed', last_error = $3, lease_until = NULL,
			updated_at = $4, finished_at = $4`+held, id, worker, message, now)
		if err != nil {
			return fmt.Errorf("update job %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errLeaseLost(id)
		}
		return nil
	})
}

// jobUpdate changes a running job of worker: set is the SET clause, whose
// parameters start at $3 ($1 the id, $2 the worker).
func (db *DB) jobUpdate(ctx context.Context, id int64, worker, set string, args func(now time.Time) []any) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE jobs SET "+set+" WHERE id = $1 AND claimed_by = $2 AND status = 'running'",
			append([]any{id, worker}, args(db.now())...)...)
		if err != nil {
			return fmt.Errorf("update job %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errLeaseLost(id)
		}
		return nil
	})
}
