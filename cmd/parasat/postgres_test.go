package main

import (
	"strings"
	"testing"

	"github.com/parasat-kz/parasat/internal/testdb"
)

func TestServeOnPostgres(t *testing.T) {
	t.Parallel()
	url := testdb.PostgresURL(t)
	s := startServer(t, "--database-url", url, "--demo")
	if !strings.Contains(s.Logs(), "PostgreSQL") {
		t.Errorf("the server does not say it runs on PostgreSQL:\n%s", s.Logs())
	}
	token := adminToken(t, "--database-url", url)
	demo := s.countOrganisations(t)
	code, body, err := s.do(t, "POST", "/api/v1/organisations", token,
		map[string]any{"name": map[string]string{"en": "Almaty Council of Mothers"}, "type": "council_of_mothers", "region": "KZ-75"})
	if err != nil || code != 201 {
		t.Fatalf("POST on PostgreSQL: %d %v %s", code, err, body)
	}
	if n := s.countOrganisations(t); n != demo+1 {
		t.Errorf("%d organisations; want %d", n, demo+1)
	}
	if code, _, _ := s.do(t, "GET", "/readyz", "", nil); code != 200 {
		t.Errorf("/readyz on PostgreSQL = %d", code)
	}
	r := runCLI(t, "", "backup", "--database-url", url, "--to", t.TempDir()+"/x.db")
	if r.code != 1 || !strings.Contains(r.stderr, "pg_dump") {
		t.Errorf("backup on PostgreSQL: %d %q; want a pointer to pg_dump", r.code, r.stderr)
	}
	if code := s.stop(t); code != 0 {
		t.Errorf("SIGTERM exit code %d", code)
	}
}
