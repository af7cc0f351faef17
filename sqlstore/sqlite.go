package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"modernc.org/sqlite" // also registers the pure-Go "sqlite" driver
	sqlite3 "modernc.org/sqlite/lib"
)

// SQLiteFile is the name of the database file inside the data directory.
const SQLiteFile = "parasat.db"

// sqlitePragmas come first in every connection: busy_timeout before anything
// else so that no statement fails at once while another process writes; WAL
// so readers never block the writer; foreign keys enforced; synchronous FULL
// so that a write answered as done survives even a power cut.
var sqlitePragmas = []string{
	"busy_timeout(10000)",
	"journal_mode(WAL)",
	"foreign_keys(1)",
	"synchronous(FULL)",
}

func sqliteDSN(path string, readOnly bool) string {
	q := url.Values{}
	for _, p := range sqlitePragmas {
		q.Add("_pragma", p)
	}
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	} else {
		// Take the write lock when a transaction begins, not at its first
		// write, so that two processes never deadlock upgrading read locks.
		q.Set("_txlock", "immediate")
		// Keep the writer's statement and savepoint journals in memory.
		// They only undo a statement or a savepoint within a transaction
		// (each gift of a group commit has one) and play no part in
		// recovery, which is the WAL's; in a temporary file every page
		// they keep cost a few system calls on the writer.
		q.Add("_pragma", "temp_store(MEMORY)")
	}
	q.Set("_time_format", "sqlite")
	return "file:" + filepath.ToSlash(path) + "?" + q.Encode()
}

func openSQLite(ctx context.Context, dataDir string) (*DB, error) {
	if dataDir == "" {
		dataDir = "parasat-data"
	}
	if err := ensureWritableDir(dataDir); err != nil {
		return nil, err
	}
	path := filepath.Join(dataDir, SQLiteFile)
	write, err := sql.Open("sqlite", sqliteDSN(path, false))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	write.SetMaxOpenConns(1)
	write.SetMaxIdleConns(1)
	write.SetConnMaxLifetime(0)
	if err := pingSQLite(ctx, write); err != nil {
		write.Close()
		return nil, &ConfigError{Msg: fmt.Sprintf("cannot open the database %s: %v", path, err), Err: err}
	}
	read, err := sql.Open("sqlite", sqliteDSN(path, true))
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	n := max(4, runtime.NumCPU())
	read.SetMaxOpenConns(n)
	read.SetMaxIdleConns(n)
	return &DB{engine: SQLite, write: write, read: read, Path: path}, nil
}

// pingSQLite opens the first connection. Switching a new database to WAL
// needs a moment of exclusive access, and SQLite answers SQLITE_BUSY at once,
// without waiting busy_timeout, when another process is opening the same new
// file at that instant (several servers or commands started together); so
// busy answers are retried for up to ten seconds.
func pingSQLite(ctx context.Context, db *sql.DB) error {
	deadline := time.Now().Add(10 * time.Second)
	for wait := 5 * time.Millisecond; ; wait = min(2*wait, 200*time.Millisecond) {
		err := db.PingContext(ctx)
		var sqErr *sqlite.Error
		if err == nil || !errors.As(err, &sqErr) || sqErr.Code()&0xff != sqlite3.SQLITE_BUSY || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(wait):
		}
	}
}

// ensureWritableDir creates dir when missing and proves that files can be
// created in it, so a read-only location fails before anything is written.
func ensureWritableDir(dir string) error {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return &ConfigError{Msg: fmt.Sprintf("cannot create the data directory %s: %v; choose another with --data or PARASAT_DATA", dir, unwrapPathError(err)), Err: err}
	}
	probe, err := os.CreateTemp(dir, ".write-test-*")
	if err != nil {
		return &ConfigError{Msg: fmt.Sprintf("the data directory %s is not writable: %v; choose another with --data or PARASAT_DATA", dir, unwrapPathError(err)), Err: err}
	}
	probe.Close()
	return os.Remove(probe.Name())
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
