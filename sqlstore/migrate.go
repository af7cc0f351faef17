package sqlstore

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

//go:embed migrations
var migrationFiles embed.FS

// NewerSchemaError says the database was made by a newer release of Parasat.
// Running an older binary on it could lose data, so it is refused.
type NewerSchemaError struct {
	Database, Known int64
}

func (e *NewerSchemaError) Error() string {
	return fmt.Sprintf("the database has schema version %d but this Parasat knows only up to %d: it was made by a newer release; run that release or a newer one (or restore a backup made by this release)", e.Database, e.Known)
}

func (db *DB) provider() (*goose.Provider, error) {
	dir := "migrations/sqlite"
	dialect := goose.DialectSQLite3
	var opts []goose.ProviderOption
	if db.engine == Postgres {
		dir, dialect = "migrations/postgres", goose.DialectPostgres
		locker, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return nil, err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	} else {
		// Two processes may start at once on one data directory (a server
		// and `parasat migrate`); the side lock file serialises them.
		opts = append(opts, goose.WithLocker(&sqliteFileLocker{path: db.Path + ".migrate-lock"}))
	}
	sub, err := fs.Sub(migrationFiles, dir)
	if err != nil {
		return nil, err
	}
	return goose.NewProvider(dialect, db.write, sub, opts...)
}

// SchemaVersion returns the version of the database's schema and the newest
// version this release knows.
func (db *DB) SchemaVersion(ctx context.Context) (current, known int64, err error) {
	p, err := db.provider()
	if err != nil {
		return 0, 0, err
	}
	sources := p.ListSources()
	known = sources[len(sources)-1].Version
	exists, err := db.tableExists(ctx, "goose_db_version")
	if err != nil || !exists {
		return 0, known, err
	}
	err = db.read.QueryRowContext(ctx,
		"SELECT COALESCE(MAX(version_id), 0) FROM goose_db_version WHERE is_applied").Scan(&current)
	return current, known, err
}

// Migrate upgrades the schema to the newest version this release knows and
// keeps the reference data (the regions) present. It refuses a database made
// by a newer release without writing anything. It returns the versions it applied.
func (db *DB) Migrate(ctx context.Context) ([]int64, error) {
	current, known, err := db.SchemaVersion(ctx)
	if err != nil {
		return nil, fmt.Errorf("read schema version: %w", err)
	}
	if current > known {
		return nil, &NewerSchemaError{Database: current, Known: known}
	}
	p, err := db.provider()
	if err != nil {
		return nil, err
	}
	results, err := p.Up(ctx)
	if err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	applied := make([]int64, 0, len(results))
	for _, r := range results {
		applied = append(applied, r.Source.Version)
	}
	if err := db.seedRegions(ctx); err != nil {
		return applied, fmt.Errorf("seed regions: %w", err)
	}
	if err := db.fillUserSearchText(ctx); err != nil {
		return applied, fmt.Errorf("fill the search text of accounts: %w", err)
	}
	db.prepareHot(ctx)
	return applied, nil
}

// sqliteFileLocker holds an immediate transaction on a side database for as
// long as migrations run: SQLite's own lock, so it works on every platform
// and is released by the operating system if the process dies.
type sqliteFileLocker struct {
	path string
	db   *sql.DB
	tx   *sql.Tx
}

func (l *sqliteFileLocker) Lock(ctx context.Context, _ *sql.DB) error {
	db, err := sql.Open("sqlite", sqliteDSN(l.path, false))
	if err != nil {
		return err
	}
	tx, err := db.BeginTx(ctx, nil) // _txlock=immediate: waits up to busy_timeout
	if err != nil {
		db.Close()
		return fmt.Errorf("wait for another process migrating: %w", err)
	}
	// An immediate transaction only locks once the file exists as a database.
	if _, err := tx.ExecContext(ctx, "CREATE TABLE IF NOT EXISTS migrate_lock (x INTEGER)"); err != nil {
		_ = tx.Rollback()
		db.Close()
		return err
	}
	l.db, l.tx = db, tx
	return nil
}

func (l *sqliteFileLocker) Unlock(context.Context, *sql.DB) error {
	if l.tx == nil {
		return errors.New("migration lock not held")
	}
	err := errors.Join(l.tx.Rollback(), l.db.Close())
	l.tx, l.db = nil, nil
	return err
}
