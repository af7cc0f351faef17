package main

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBadStartsSayWhatIsWrongAndWriteNothing(t *testing.T) {
	t.Parallel()
	base := t.TempDir()
	notADir := filepath.Join(base, "file")
	if err := os.WriteFile(notADir, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	fresh := filepath.Join(base, "never-created")

	cases := []struct {
		name     string
		args     []string
		code     int
		contains string
	}{
		{"malformed URL", []string{"serve", "--data", fresh, "--database-url", "postgres://u:secret@[::1"}, 1, "the database URL is malformed"},
		{"unsupported URL", []string{"serve", "--data", fresh, "--database-url", "mysql://localhost/parasat"}, 1, "must start with postgres://"},
		{"unreachable database", []string{"serve", "--data", fresh, "--database-url", "postgres://u:secret@127.0.0.1:1/parasat?connect_timeout=5"}, 1, "cannot reach PostgreSQL at 127.0.0.1:1"},
		{"data directory not writable", []string{"serve", "--data", filepath.Join(notADir, "data")}, 1, "cannot create the data directory"},
		{"port in use", []string{"serve", "--data", fresh, "--addr", busy.Addr().String()}, 1, "already in use"},
		{"bad log level", []string{"serve", "--data", fresh, "--log-level", "loud"}, 2, "--log-level"},
		{"unknown flag", []string{"serve", "--colour"}, 2, "flag provided but not defined"},
		{"unknown command", []string{"launch"}, 2, "unknown command"},
		{"password on the command line", []string{"user", "create", "--data", fresh, "--email", "a@example.kz", "--name", "A", "--role", "admin"}, 2, "--password-stdin"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := runCLI(t, "", c.args...)
			lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
			if r.code != c.code || !strings.Contains(r.stderr, c.contains) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", r.code, r.stderr, c.code, c.contains)
			}
			if c.code == 1 && len(lines) != 1 {
				t.Errorf("stderr has %d lines; want one clear line:\n%s", len(lines), r.stderr)
			}
			if strings.Contains(r.stderr, "secret") {
				t.Errorf("the password of the URL leaked into the message: %q", r.stderr)
			}
		})
	}
	if _, err := os.Stat(fresh); !os.IsNotExist(err) {
		t.Errorf("a failed start created %s", fresh)
	}
}

func TestNewerSchemaIsRefusedWithoutWriting(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	if r := runCLI(t, "", "migrate", "--data", data); r.code != 0 {
		t.Fatalf("migrate: %s", r.stderr)
	}
	db := openSQLite(t, data)
	if _, err := db.Exec("INSERT INTO goose_db_version (version_id, is_applied) VALUES (9999, 1)"); err != nil {
		t.Fatal(err)
	}
	var before int
	_ = db.QueryRow("SELECT COUNT(*) FROM goose_db_version").Scan(&before)
	for _, args := range [][]string{{"serve", "--addr", "127.0.0.1:0"}, {"migrate"}, {"demo", "load"}} {
		r := runCLI(t, "", append(args, "--data", data)...)
		if r.code != 1 || !strings.Contains(r.stderr, "made by a newer release") || strings.Count(r.stderr, "\n") != 1 {
			t.Errorf("%v on a newer schema: exit %d, %q; want exit 1 and one line about a newer release", args, r.code, r.stderr)
		}
	}
	var after, orgs int
	_ = db.QueryRow("SELECT COUNT(*) FROM goose_db_version").Scan(&after)
	_ = db.QueryRow("SELECT COUNT(*) FROM organisations").Scan(&orgs)
	if after != before || orgs != 0 {
		t.Errorf("refused runs wrote: versions %d → %d, organisations %d", before, after, orgs)
	}
}

func TestEveryCommandHasHelp(t *testing.T) {
	t.Parallel()
	for _, c := range commands {
		args := append(strings.Fields(c.name), "--help")
		r := runCLI(t, "", args...)
		if r.code != 0 || !strings.Contains(r.stderr+r.stdout, "Usage: parasat "+c.name) {
			t.Errorf("%s --help: exit %d, %q", c.name, r.code, r.stderr)
		}
	}
	r := runCLI(t, "", "serve", "--help")
	for _, v := range []string{"PARASAT_ADDR", "PARASAT_DATA", "PARASAT_DATABASE_URL", "PARASAT_DEMO", "PARASAT_LOG_LEVEL"} {
		if !strings.Contains(r.stderr, v) {
			t.Errorf("serve --help does not document %s", v)
		}
	}
}

func TestServeWithNoFlagsUsesLoopback8080AndLocalData(t *testing.T) {
	if ln, err := net.Listen("tcp", "127.0.0.1:8080"); err != nil {
		t.Skip("127.0.0.1:8080 is taken on this machine; the default address cannot be tried")
	} else {
		ln.Close()
	}
	dir := t.TempDir()
	t.Chdir(dir)
	s := startServerArgs(t, nil, "serve")
	if s.URL != "http://127.0.0.1:8080" {
		t.Errorf("listening on %s; want 127.0.0.1:8080", s.URL)
	}
	if _, err := os.Stat(filepath.Join(dir, "parasat-data", "parasat.db")); err != nil {
		t.Errorf("no database under ./parasat-data: %v", err)
	}
	if code := s.stop(t); code != 0 {
		t.Errorf("exit code after SIGTERM = %d; want 0", code)
	}
}

func TestEnvironmentConfiguresServe(t *testing.T) {
	t.Parallel()
	data := filepath.Join(t.TempDir(), "from-env")
	s := startServerArgs(t, []string{"PARASAT_ADDR=127.0.0.1:0", "PARASAT_DATA=" + data, "PARASAT_DEMO=true", "PARASAT_LOG_FORMAT=json"}, "serve")
	if !strings.Contains(s.Logs(), `"msg":"database ready"`) {
		t.Errorf("PARASAT_LOG_FORMAT=json ignored:\n%s", s.Logs())
	}
	if _, err := os.Stat(filepath.Join(data, "parasat.db")); err != nil {
		t.Errorf("PARASAT_DATA ignored: %v", err)
	}
	if n := s.countOrganisations(t); n == 0 {
		t.Error("PARASAT_DEMO=true loaded no demo data")
	}
}
