package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/parasat-kz/parasat/internal/testdb"
	_ "modernc.org/sqlite"
)

// These tests run the real binary, as a coordinator would: built once,
// started as a process, stopped with signals, killed with SIGKILL.

var binary string

func TestMain(m *testing.M) {
	testdb.AnnounceSkip()
	dir, err := os.MkdirTemp("", "parasat-bin-")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "parasat")
	build := exec.Command("go", "build", "-o", binary, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0") // proves the binary needs no cgo
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "build parasat: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// cleanEnv is the environment without any PARASAT_* setting of the caller.
func cleanEnv(extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "PARASAT_") {
			env = append(env, kv)
		}
	}
	return append(env, extra...)
}

type result struct {
	stdout, stderr string
	code           int
}

// runCLI runs one command to completion.
func runCLI(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Env = cleanEnv()
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("run %v: %v", args, err)
	}
	return result{out.String(), errb.String(), code}
}

// server is a running `parasat serve`.
type server struct {
	cmd  *exec.Cmd
	URL  string
	mu   sync.Mutex
	logs bytes.Buffer
	done chan struct{}
}

var listeningLine = regexp.MustCompile(`"?msg"?[=:]"?listening"?,? ?"?addr"?[=:]"?([^\s"]+)`)

// startServer starts `parasat serve` on a free loopback port and waits for
// it to say it listens.
func startServer(t *testing.T, args ...string) *server {
	t.Helper()
	return startServerArgs(t, nil, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
}

// startServerArgs runs the binary with exactly these arguments and extra
// environment, and waits for it to listen.
func startServerArgs(t *testing.T, env []string, args ...string) *server {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = cleanEnv(env...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &server{cmd: cmd, done: make(chan struct{})}
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			s.mu.Lock()
			s.logs.WriteString(sc.Text() + "\n")
			s.mu.Unlock()
			if m := listeningLine.FindStringSubmatch(sc.Text()); m != nil {
				addr <- m[1]
			}
		}
		_ = cmd.Wait()
		close(s.done)
	}()
	t.Cleanup(func() { s.kill() })
	select {
	case a := <-addr:
		s.URL = "http://" + a
	case <-s.done:
		t.Fatalf("server exited before listening:\n%s", s.Logs())
	case <-time.After(time.Minute):
		t.Fatalf("server did not listen within a minute:\n%s", s.Logs())
	}
	return s
}

func (s *server) Logs() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.logs.String()
}

// stop sends SIGTERM and returns the exit code.
func (s *server) stop(t *testing.T) int {
	t.Helper()
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(time.Minute):
		t.Fatal("server did not stop within a minute of SIGTERM")
	}
	return s.cmd.ProcessState.ExitCode()
}

// kill sends SIGKILL, as a power cut or the OOM killer would.
func (s *server) kill() {
	_ = s.cmd.Process.Kill()
	<-s.done
}

func (s *server) do(t *testing.T, method, path, token string, body any) (int, []byte, error) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, s.URL+path, rd)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}

// countOrganisations follows every page of the list.
func (s *server) countOrganisations(t *testing.T) int {
	t.Helper()
	n, cursor := 0, ""
	for {
		code, body, err := s.do(t, "GET", "/api/v1/organisations?limit=500&cursor="+cursor, "", nil)
		if err != nil || code != 200 {
			t.Fatalf("list organisations: %d %v %s", code, err, body)
		}
		var page struct {
			Items      []json.RawMessage `json:"items"`
			NextCursor string            `json:"next_cursor"`
		}
		if err := json.Unmarshal(body, &page); err != nil {
			t.Fatal(err)
		}
		n += len(page.Items)
		if page.NextCursor == "" {
			return n
		}
		cursor = page.NextCursor
	}
}

// adminToken creates an admin account and returns a fresh API token.
func adminToken(t *testing.T, dbArgs ...string) string {
	t.Helper()
	r := runCLI(t, "correct horse battery staple\n", append([]string{"user", "create", "--email", "Admin@Example.kz",
		"--name", "Әсел Нұрланқызы", "--role", "admin", "--password-stdin"}, dbArgs...)...)
	if r.code != 0 {
		t.Fatalf("user create: %d %s", r.code, r.stderr)
	}
	r = runCLI(t, "", append([]string{"token", "create", "--email", "admin@example.kz"}, dbArgs...)...)
	if r.code != 0 || !strings.HasPrefix(r.stdout, "pst_") {
		t.Fatalf("token create: %d %q %s", r.code, r.stdout, r.stderr)
	}
	return strings.TrimSpace(r.stdout)
}

// openSQLite opens a data directory's database directly, to look beneath the API.
func openSQLite(t *testing.T, dataDir string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dataDir, "parasat.db")+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
