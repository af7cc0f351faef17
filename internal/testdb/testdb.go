// Package testdb gives each test a PostgreSQL schema of its own on the server
// that PARASAT_TEST_DATABASE_URL names, so tests on both engines run in parallel.
package testdb

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"sync"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver for the admin connection
)

// Env names the variable holding the URL of a PostgreSQL server for tests.
const Env = "PARASAT_TEST_DATABASE_URL"

var announce sync.Once

// AnnounceSkip prints, once per test binary and whatever -v says, that the
// PostgreSQL tests will be skipped because Env is unset.
func AnnounceSkip() {
	if os.Getenv(Env) == "" {
		announce.Do(func() {
			fmt.Fprintf(os.Stderr, "NOTE: %s is not set: PostgreSQL tests are SKIPPED (SQLite tests run)\n", Env)
		})
	}
}

// PostgresURL creates an empty schema on the server Env names, drops it when
// the test ends, and returns a URL whose search_path is that schema. Without
// Env it skips the test.
func PostgresURL(t testing.TB) string {
	t.Helper()
	base := os.Getenv(Env)
	if base == "" {
		t.Skipf("%s not set: PostgreSQL test skipped", Env)
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("%s: %v", Env, err)
	}
	defer admin.Close()
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	schema := "test_" + hex.EncodeToString(b)
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("PostgreSQL named by %s is unreachable or refuses to create a schema: %v", Env, err)
	}
	t.Cleanup(func() {
		if admin, err := sql.Open("pgx", base); err == nil {
			_, _ = admin.Exec("DROP SCHEMA " + schema + " CASCADE")
			admin.Close()
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s: %v", Env, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
