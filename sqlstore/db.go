// Package sqlstore implements Parasat's services with database/sql, once, for
// both engines: embedded SQLite (modernc.org/sqlite, no cgo) and PostgreSQL
// (pgx). The few differences between the engines live in dialect.go.
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Engine names a database engine.
type Engine string

const (
	SQLite   Engine = "sqlite"
	Postgres Engine = "postgres"
)

// Config says which database to open.
type Config struct {
	// DatabaseURL selects PostgreSQL (postgres://… or postgresql://…).
	// Empty means the embedded SQLite database under DataDir.
	DatabaseURL string
	// DataDir holds the SQLite database; it is created when missing.
	DataDir string
}

// DB is an open Parasat database. Writes go through one connection on SQLite
// (SQLite has a single writer; queueing in Go beats busy-waiting in SQLite)
// and reads through a pool; on PostgreSQL both are the same pool.
type DB struct {
	engine Engine
	write  *sql.DB
	read   *sql.DB
	// Path is the SQLite database file, "" on PostgreSQL.
	Path string
	// Now is the clock; tests replace it. Times are stored in UTC.
	Now func() time.Time

	// jobsQueued is called after a transaction that queued jobs commits,
	// to wake this process's workers (see OnJobsQueued); queuedIn holds
	// the open transactions that queued jobs.
	jobsQueued atomic.Pointer[func()]
	queuedIn   sync.Map
	// stmts are the prepared hot statements (SQLite; see prepared.go).
	stmts statements
	// group batches concurrent gifts into one transaction (groupcommit.go).
	group groupWriter
	// tally is the index of report figures (tally.go).
	tally tallyState
	// auth remembers the accounts of API tokens for a moment (authcache.go).
	auth authCache
}

// Open connects to the database the config names and checks that it answers.
// It does not migrate: call Migrate.
func Open(ctx context.Context, cfg Config) (*DB, error) {
	var (
		db  *DB
		err error
	)
	switch {
	case cfg.DatabaseURL == "":
		db, err = openSQLite(ctx, cfg.DataDir)
	case strings.HasPrefix(cfg.DatabaseURL, "postgres://"), strings.HasPrefix(cfg.DatabaseURL, "postgresql://"):
		db, err = openPostgres(ctx, cfg.DatabaseURL)
	default:
		return nil, &ConfigError{Msg: "the database URL must start with postgres:// or postgresql:// (leave it empty for the embedded SQLite database)"}
	}
	if err != nil {
		return nil, err
	}
	db.Now = time.Now
	return db, nil
}

// ConfigError is a problem with how the database was named or reached that
// the person starting Parasat must fix; its message says what to do.
type ConfigError struct {
	Msg string
	Err error
}

func (e *ConfigError) Error() string { return e.Msg }
func (e *ConfigError) Unwrap() error { return e.Err }

// Engine tells which engine this database runs on.
func (db *DB) Engine() Engine { return db.engine }

// Pools returns the connection pools by name, for metrics: "read" and
// "write" on SQLite, one "main" pool on PostgreSQL.
func (db *DB) Pools() map[string]*sql.DB {
	if db.read == db.write {
		return map[string]*sql.DB{"main": db.read}
	}
	return map[string]*sql.DB{"read": db.read, "write": db.write}
}

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.read.PingContext(ctx); err != nil {
		return err
	}
	var one int
	return db.read.QueryRowContext(ctx, "SELECT 1").Scan(&one)
}

// Close closes every connection.
func (db *DB) Close() error {
	db.stopGroups()
	var errs []error
	if db.read != db.write {
		errs = append(errs, db.read.Close())
	}
	errs = append(errs, db.write.Close())
	return errors.Join(errs...)
}

// now returns the clock's time in UTC at the microsecond precision both
// engines store, so that a value read back equals the value written.
func (db *DB) now() time.Time { return db.Now().UTC().Truncate(time.Microsecond) }

// inTx runs fn in a write transaction and commits it when fn returns nil.
func (db *DB) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		db.queuedIn.Delete(tx)
		db.auth.finished(tx, false)
		return err
	}
	if err := tx.Commit(); err != nil {
		db.queuedIn.Delete(tx)
		db.auth.finished(tx, false)
		return fmt.Errorf("commit: %w", err)
	}
	db.committed(tx)
	db.auth.finished(tx, true)
	return nil
}
