package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

func TestSecondStartAppliesNoMigrationTwiceAndDuplicatesNoDemo(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	first := startServer(t, "--data", data, "--demo")
	if !strings.Contains(first.Logs(), `migrations_applied="[1 2`) || !strings.Contains(first.Logs(), "loaded=true") {
		t.Errorf("first start did not migrate and load the demo:\n%s", first.Logs())
	}
	count := first.countOrganisations(t)
	if count < 10 {
		t.Errorf("demo has %d organisations; want a realistic dataset", count)
	}
	if code := first.stop(t); code != 0 {
		t.Fatalf("SIGTERM exit code %d; want 0\n%s", code, first.Logs())
	}
	second := startServer(t, "--data", data, "--demo")
	if !strings.Contains(second.Logs(), "migrations_applied=[]") || !strings.Contains(second.Logs(), "loaded=false") {
		t.Errorf("second start migrated or loaded again:\n%s", second.Logs())
	}
	if n := second.countOrganisations(t); n != count {
		t.Errorf("second start: %d organisations; want the same %d", n, count)
	}
	r := runCLI(t, "", "demo", "load", "--data", data) // while the server runs
	if r.code != 0 || !strings.Contains(r.stdout, "already has data") {
		t.Errorf("demo load on a filled database: %d %q %q", r.code, r.stdout, r.stderr)
	}
	r = runCLI(t, "", "migrate", "--data", data)
	if r.code != 0 || !strings.Contains(r.stdout, "up to date at version ") {
		t.Errorf("migrate on a current database: %d %q %q", r.code, r.stdout, r.stderr)
	}
	if n := second.countOrganisations(t); n != count {
		t.Errorf("after demo load and migrate: %d organisations; want %d", n, count)
	}
}

// TestKill9LosesNoAnsweredWrite kills the server in the middle of a stream of
// writes: every organisation answered 201 must be there after a restart.
func TestKill9LosesNoAnsweredWrite(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	s := startServer(t, "--data", data)
	token := adminToken(t, "--data", data) // the CLI writes while the server runs

	type answered struct {
		ID   int64
		Name string
	}
	var (
		mu       sync.Mutex
		created  []answered
		okCount  atomic.Int64
		stop     = make(chan struct{})
		killOnce sync.Once
		wg       sync.WaitGroup
	)
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				name := fmt.Sprintf("Ұйым %d-%d", w, i)
				code, body, err := s.do(t, "POST", "/api/v1/organisations", token,
					map[string]any{"name": map[string]string{"kk": name}, "type": "other", "region": "KZ-71"})
				if err != nil {
					return // the server is gone: this write was never answered
				}
				if code != 201 {
					t.Errorf("POST answered %d: %s", code, body)
					return
				}
				var o struct{ ID int64 }
				if err := json.Unmarshal(body, &o); err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				created = append(created, answered{o.ID, name})
				mu.Unlock()
				if okCount.Add(1) == 150 {
					killOnce.Do(func() { s.kill(); close(stop) })
				}
			}
		}()
	}
	wg.Wait()
	if len(created) < 150 {
		t.Fatalf("only %d writes answered before the server died:\n%s", len(created), s.Logs())
	}

	restarted := startServer(t, "--data", data)
	for _, o := range created {
		code, body, err := restarted.do(t, "GET", fmt.Sprintf("/api/v1/organisations/%d", o.ID), "", nil)
		if err != nil || code != 200 || !strings.Contains(string(body), o.Name) {
			t.Errorf("organisation %d (%s) answered 201 before kill -9 but reads %d %v %s", o.ID, o.Name, code, err, body)
		}
	}
	var check string
	if err := openSQLite(t, data).QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Errorf("integrity_check after kill -9 = %q, %v", check, err)
	}
}

func TestBackupWhileServingThenRestore(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	s := startServer(t, "--data", data, "--demo")
	token := adminToken(t, "--data", data)
	before := s.countOrganisations(t)
	file := filepath.Join(t.TempDir(), "parasat-backup.db")
	if r := runCLI(t, "", "backup", "--data", data, "--to", file); r.code != 0 {
		t.Fatalf("backup while serving: %d %s", r.code, r.stderr)
	}
	code, body, _ := s.do(t, "POST", "/api/v1/organisations", token,
		map[string]any{"name": map[string]string{"ru": "После резервной копии"}, "type": "other", "region": "KZ-75"})
	if code != 201 {
		t.Fatalf("POST after backup: %d %s", code, body)
	}
	if r := runCLI(t, "", "restore", "--data", data, "--from", file); r.code != 0 {
		t.Fatalf("restore: %d %s", r.code, r.stderr)
	}
	// The running server sees the restored database at its next query.
	if n := s.countOrganisations(t); n != before {
		t.Errorf("after restore the server lists %d organisations; want the %d of the backup", n, before)
	}
	r := runCLI(t, "", "restore", "--data", data, "--from", filepath.Join(data, "missing.db"))
	if r.code != 1 || !strings.Contains(r.stderr, "cannot read the backup") {
		t.Errorf("restore from a missing file: %d %q", r.code, r.stderr)
	}
	if n := s.countOrganisations(t); n != before {
		t.Errorf("a refused restore changed the data: %d organisations; want %d", n, before)
	}
}
