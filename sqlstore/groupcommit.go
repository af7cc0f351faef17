package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
)

// Group commit for SQLite: gifts recorded at the same moment share one
// transaction, each inside a savepoint of its own. A gift that fails rolls
// back to its savepoint alone (with its receipt number, so numbers stay
// gap-free); the others commit together, with one fsync. Every caller
// waits for the commit before its answer, so an answered gift is as
// durable as with a transaction of its own. SQLite has one writer anyway:
// this only stops each gift from paying for a commit of its own.
// PostgreSQL runs transactions in parallel and needs none of this.

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

func (db *DB) runGroups() {
	for {
		var batch []*groupJob
		select {
		case j := <-db.group.jobs:
			batch = append(batch, j)
		case <-db.group.quit:
			return
		}
	drain:
		for len(batch) < maxGroup {
			select {
			case j := <-db.group.jobs:
				batch = append(batch, j)
			default:
				break drain
			}
		}
		db.commitGroup(batch)
	}
}

// commitGroup runs a batch in one transaction and tells each job its fate.
func (db *DB) commitGroup(batch []*groupJob) {
	results := make([]error, len(batch))
	tx, err := db.write.BeginTx(context.Background(), nil)
	if err != nil {
		for _, j := range batch {
			j.done <- fmt.Errorf("begin: %w", err)
		}
		return
	}
	for i, j := range batch {
		results[i] = db.savepoint(tx, j)
	}
	if err := tx.Commit(); err != nil {
		for i := range results {
			if results[i] == nil {
				results[i] = fmt.Errorf("commit: %w", err)
			}
		}
	}
	for i, j := range batch {
		j.done <- results[i]
	}
}

const (
	qSavepoint  = "SAVEPOINT gift"
	qRollbackTo = "ROLLBACK TO gift"
	qRelease    = "RELEASE gift"
)

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
