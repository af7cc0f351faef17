package sqlstore

import (
	"context"
	"errors"
	"testing"
)

func TestMigrateTwiceAppliesNothingTwice(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		applied, err := db.Migrate(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(applied) != 0 {
			t.Errorf("second Migrate applied %v; want nothing", applied)
		}
		current, known, err := db.SchemaVersion(ctx)
		if err != nil || current != known || current < 1 {
			t.Errorf("SchemaVersion = %d, %d, %v; want equal and at least 1", current, known, err)
		}
		regions, err := db.ListRegions(ctx)
		if err != nil || len(regions) != 20 {
			t.Errorf("after two migrations: %d regions, %v; want 20", len(regions), err)
		}
	})
}

func TestNewerSchemaIsRefusedAndNothingWritten(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		_, known, _ := db.SchemaVersion(ctx)
		// Pretend a newer release applied a migration this one does not know.
		if _, err := db.write.ExecContext(ctx,
			"INSERT INTO goose_db_version (version_id, is_applied) VALUES ($1, $2)", known+1, true); err != nil {
			t.Fatal(err)
		}
		_, err := db.Migrate(ctx)
		var newer *NewerSchemaError
		if !errors.As(err, &newer) || newer.Database != known+1 || newer.Known != known {
			t.Fatalf("Migrate on a newer schema: %v; want NewerSchemaError{%d, %d}", err, known+1, known)
		}
		var rows int
		if err := db.read.QueryRowContext(ctx, "SELECT COUNT(*) FROM goose_db_version").Scan(&rows); err != nil {
			t.Fatal(err)
		}
		prov, _ := db.provider()
		want := len(prov.ListSources()) + 2 // version 0, the known ones (numbers may have gaps while branches merge), and the newer one
		if rows != want {
			t.Errorf("goose_db_version has %d rows after a refused migration; want %d", rows, want)
		}
	})
}

func TestConcurrentMigrationsOnOneSQLiteDirectory(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			db, err := Open(ctx, Config{DataDir: dir})
			if err != nil {
				errs <- err
				return
			}
			defer db.Close()
			_, err = db.Migrate(ctx)
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Errorf("concurrent migrate: %v", err)
		}
	}
}
