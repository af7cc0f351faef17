package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// Group commit for SQLite: gifts recorded at the same moment share one
// transaction (each in a savepoint of its own once one has failed, see
// groupRun). A gift that fails rolls back alone (with its receipt number,
// so numbers stay gap-free); the others commit together, with one fsync. Every caller
// waits for the commit before its answer, so an answered gift is as
// durable as with a transaction of its own. SQLite has one writer anyway:
// this only stops each gift from paying for a commit of its own. While a
// batch waits for its last gifts (see runGroups), other writes wait for
// the writer too, at most the time of a commit. PostgreSQL runs
// transactions in parallel and needs none of this.

const maxGroup = 64

type groupJob struct {
	ctx  context.Context
	fn   func(tx *sql.Tx) error
	done chan error
}

type groupWriter struct {
	once, stop sync.Once
	jobs       chan *groupJob
	quit       chan struct{}
	// batches and gifts count the group transactions committed and the
	// gifts they held.
	batches, gifts atomic.Int64
}

// GroupCommits returns how many group transactions the SQLite writer has
// committed and how many gifts they held (for benchmarks).
func (db *DB) GroupCommits() (batches, gifts int64) {
	return db.group.batches.Load(), db.group.gifts.Load()
}

// inGroupTx runs fn like inTx, on SQLite batched with concurrent callers.
func (db *DB) inGroupTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if db.engine != SQLite {
		return db.inTx(ctx, fn)
	}
	db.group.once.Do(func() {
		db.group.jobs, db.group.quit = make(chan *groupJob, maxGroup), make(chan struct{})
		go db.runGroups()
	})
	if db.group.jobs == nil {
		return errors.New("the database is closed")
	}
	j := &groupJob{ctx: ctx, fn: fn, done: make(chan error, 1)}
	select {
	case db.group.jobs <- j:
	case <-ctx.Done():
		return ctx.Err()
	case <-db.group.quit:
		return errors.New("the database is closed")
	}
	return <-j.done
}

// runGroups is the group writer. It opens a transaction for the first gift
// waiting and runs each gift in it as it comes. It commits when none is
// waiting and the batch holds as many gifts as were in flight at the last
// commit (the callers of that batch, who usually come back at once with
// their next gift, and those queued behind it); short of that it waits for
// the next gift — each time no longer than the last commit took, the cost
// of the second commit the wait may save. Concurrent callers so share one
// fsync instead of alternating in two half batches that pay for one each,
// and the writer runs their gifts while the others are still on their
// way. A lone caller never waits.
func (db *DB) runGroups() {
	target, linger := 1, time.Duration(0)
	for {
		var first *groupJob
		select {
		case first = <-db.group.jobs:
		case <-db.group.quit:
			return
		}
		var n int
		n, linger = db.runGroup(first, min(target, maxGroup), min(linger, maxLinger))
		target = n + len(db.group.jobs)
	}
}

// maxLinger bounds a wait for the next gift, whatever a commit takes.
const maxLinger = 5 * time.Millisecond

// runGroup runs one batch from its first job, as runGroups describes, and
// returns the number of jobs it held and how long its commit took.
func (db *DB) runGroup(first *groupJob, want int, linger time.Duration) (int, time.Duration) {
	g := &groupRun{db: db}
	if g.tx, g.err = db.write.BeginTx(context.Background(), nil); g.err != nil {
		g.err = fmt.Errorf("begin: %w", g.err)
	}
	g.add(first)
	for len(g.batch) < maxGroup {
		j := db.nextJob(len(g.batch) < want, linger)
		if j == nil {
			break
		}
		g.add(j)
	}
	db.group.batches.Add(1)
	db.group.gifts.Add(int64(len(g.batch)))
	start := time.Now()
	if g.err == nil {
		if err := g.tx.Commit(); err != nil {
			g.err = fmt.Errorf("commit: %w", err)
		}
	}
	took := time.Since(start)
	for i, j := range g.batch {
		if g.err != nil && g.results[i] == nil {
			g.results[i] = g.err
		}
		j.done <- g.results[i]
	}
	return len(g.batch), took
}

// groupRun is a batch being run. Its gifts run one after another in the
// transaction, at first without savepoints: each savepoint costs two
// statements and a copy of every page the gift touches, and gifts seldom
// fail once checked. When one fails, the transaction is rolled back and the
// gifts so far run again from the start, each in a savepoint of its own,
// as do the rest of the batch, so that the one that fails fails alone.
type groupRun struct {
	db      *DB
	tx      *sql.Tx
	err     error // the transaction could not begin or commit: every gift fails
	safe    bool  // each gift runs in a savepoint
	batch   []*groupJob
	results []error
}

func (g *groupRun) add(j *groupJob) {
	g.batch = append(g.batch, j)
	switch {
	case g.err != nil:
		g.results = append(g.results, nil) // failed with g.err
	case g.safe:
		g.results = append(g.results, g.db.savepoint(g.tx, j))
	case g.db.runJob(g.tx, j) == nil:
		g.results = append(g.results, nil)
	default:
		_ = g.tx.Rollback()
		g.safe, g.results = true, g.results[:0]
		if g.tx, g.err = g.db.write.BeginTx(context.Background(), nil); g.err != nil {
			g.err = fmt.Errorf("begin: %w", g.err)
			g.results = make([]error, len(g.batch))
			return
		}
		for _, j := range g.batch {
			g.results = append(g.results, g.db.savepoint(g.tx, j))
		}
	}
}

// nextJob returns a job waiting; when none is and wait is set, the next
// to come within linger; else nil.
func (db *DB) nextJob(wait bool, linger time.Duration) *groupJob {
	select {
	case j := <-db.group.jobs:
		return j
	default:
	}
	if !wait || linger <= 0 {
		return nil
	}
	t := time.NewTimer(linger)
	defer t.Stop()
	select {
	case j := <-db.group.jobs:
		return j
	case <-t.C:
	case <-db.group.quit:
	}
	return nil
}

const (
	qSavepoint  = "SAVEPOINT gift"
	qRollbackTo = "ROLLBACK TO gift"
	qRelease    = "RELEASE gift"
)

// runJob runs one job in the group's transaction.
func (db *DB) runJob(tx *sql.Tx, j *groupJob) error {
	if err := j.ctx.Err(); err != nil {
		return err
	}
	return j.fn(tx)
}

// savepoint runs one job in a savepoint of the group's transaction.
func (db *DB) savepoint(tx *sql.Tx, j *groupJob) error {
	if err := j.ctx.Err(); err != nil {
		return err
	}
	ctx := context.Background()
	if _, err := db.exec(ctx, tx, qSavepoint); err != nil {
		return err
	}
	err := j.fn(tx)
	if err != nil {
		if _, rerr := db.exec(ctx, tx, qRollbackTo); rerr != nil {
			return errors.Join(err, rerr)
		}
	}
	if _, rerr := db.exec(ctx, tx, qRelease); rerr != nil {
		return errors.Join(err, rerr)
	}
	return err
}

// stopGroups ends the group writer, if it runs.
func (db *DB) stopGroups() {
	db.group.once.Do(func() {}) // a writer that never started never will
	db.group.stop.Do(func() {
		if db.group.quit != nil {
			close(db.group.quit)
		}
	})
}
