package sqlstore

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/parasat-kz/parasat/internal/testdb"
)

// The store tests are written once and run on every engine: SQLite always,
// PostgreSQL when PARASAT_TEST_DATABASE_URL names a server. Each test gets its
// own SQLite directory or PostgreSQL schema, so tests run in parallel.

func TestMain(m *testing.M) {
	testdb.AnnounceSkip()
	os.Exit(m.Run())
}

// forEachEngine runs test as a subtest on each engine with a fresh, migrated
// database whose clock is fixed at fixedNow.
func forEachEngine(t *testing.T, test func(t *testing.T, db *DB)) {
	t.Helper()
	for _, engine := range []Engine{SQLite, Postgres} {
		t.Run(string(engine), func(t *testing.T) {
			t.Parallel()
			test(t, openTestDB(t, engine))
		})
	}
}

var fixedNow = time.Date(2026, 3, 15, 9, 30, 0, 0, time.UTC)

func openTestDB(t *testing.T, engine Engine) *DB {
	t.Helper()
	ctx := context.Background()
	db, err := Open(ctx, testConfig(t, engine))
	if err != nil {
		t.Fatalf("open %s: %v", engine, err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatalf("migrate %s: %v", engine, err)
	}
	db.Now = func() time.Time { return fixedNow }
	return db
}

// testConfig returns a config for an empty database of its own on engine.
func testConfig(t *testing.T, engine Engine) Config {
	t.Helper()
	if engine == SQLite {
		return Config{DataDir: t.TempDir()}
	}
	return Config{DatabaseURL: testdb.PostgresURL(t)}
}
