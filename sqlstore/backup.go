package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"modernc.org/sqlite"
)

// ErrNotSQLite is returned by Backup and Restore on PostgreSQL, whose own
// tools (pg_dump, pg_restore) do the job better.
var ErrNotSQLite = errors.New("backup and restore work on the embedded SQLite database; for PostgreSQL use pg_dump and pg_restore")

// Backup writes a consistent copy of the SQLite database to path while the
// server may go on writing: VACUUM INTO reads one snapshot (WAL lets writers
// continue) and the copy appears under its name only once it is complete.
func (db *DB) Backup(ctx context.Context, path string) error {
	if db.engine != SQLite {
		return ErrNotSQLite
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(abs), "."+filepath.Base(abs)+".partial-*")
	if err != nil {
		return fmt.Errorf("cannot write the backup next to %s: %w", path, unwrapPathError(err))
	}
	tmp.Close()
	os.Remove(tmp.Name()) // VACUUM INTO refuses an existing file
	defer os.Remove(tmp.Name())
	if _, err := db.write.ExecContext(ctx, "VACUUM INTO $1", tmp.Name()); err != nil {
		return fmt.Errorf("copy the database: %w", err)
	}
	if err := os.Rename(tmp.Name(), abs); err != nil {
		return fmt.Errorf("put the backup in place: %w", err)
	}
	return nil
}

// Restore replaces the content of the SQLite database with the backup at
// path, through SQLite's online backup API, so a running server sees the
// restored data at its next transaction instead of a file swapped under it.
// The backup is checked first (a Parasat database, intact, not newer than
// this release); the database is then migrated to this release.
func (db *DB) Restore(ctx context.Context, path string) error {
	if db.engine != SQLite {
		return ErrNotSQLite
	}
	if err := db.checkBackup(ctx, path); err != nil {
		return err
	}
	conn, err := db.write.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	err = conn.Raw(func(dc any) error {
		restorer, ok := dc.(interface {
			NewRestore(string) (*sqlite.Backup, error)
		})
		if !ok {
			return errors.New("the SQLite driver offers no restore")
		}
		b, err := restorer.NewRestore(path)
		if err != nil {
			return err
		}
		for {
			more, err := b.Step(-1)
			if err != nil {
				_ = b.Finish()
				return err
			}
			if !more {
				return b.Finish()
			}
		}
	})
	if err != nil {
		return fmt.Errorf("restore from %s: %w", path, err)
	}
	conn.Close()
	_, err = db.Migrate(ctx)
	return err
}

// checkBackup opens a would-be backup read-only and refuses anything that is
// not an intact Parasat database this release can run.
func (db *DB) checkBackup(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("cannot read the backup: %w", unwrapPathError(err))
	}
	src, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path)+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		return err
	}
	defer src.Close()
	var check string
	if err := src.QueryRowContext(ctx, "PRAGMA quick_check").Scan(&check); err != nil || check != "ok" {
		return fmt.Errorf("%s is not an intact SQLite database (%v%s)", path, err, check)
	}
	backup := &DB{engine: SQLite, read: src, write: src, Path: path}
	current, known, err := backup.SchemaVersion(ctx)
	if err != nil {
		return fmt.Errorf("%s: cannot read its schema version: %w", path, err)
	}
	if current == 0 {
		return fmt.Errorf("%s is not a Parasat database (it has no schema version)", path)
	}
	if current > known {
		return fmt.Errorf("%s: %w", path, &NewerSchemaError{Database: current, Known: known})
	}
	return nil
}
