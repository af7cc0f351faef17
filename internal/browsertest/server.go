package browsertest

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// Server is a `parasat serve` started for one test.
type Server struct {
	URL     string // http://127.0.0.1:PORT, without a trailing slash
	DataDir string // its --data directory

	cmd  *exec.Cmd
	done chan struct{}
	mu   sync.Mutex
	logs bytes.Buffer
}

var (
	buildOnce sync.Once
	binary    string
	buildErr  error
)

// build compiles ./cmd/parasat once per test binary. The binary goes to one
// path per module root, replaced by each build (a rename, so a server still
// running an older one is unaffected): nothing piles up in the temp directory.
func build() (string, error) {
	buildOnce.Do(func() {
		root, err := ModuleRoot()
		if err != nil {
			buildErr = err
			return
		}
		sum := sha256.Sum256([]byte(root))
		dir := filepath.Join(os.TempDir(), "parasat-browsertest-bin-"+hex.EncodeToString(sum[:6]))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			buildErr = err
			return
		}
		tmp := filepath.Join(dir, fmt.Sprintf("parasat.%d.tmp", os.Getpid()))
		cmd := exec.Command("go", "build", "-o", tmp, "./cmd/parasat")
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			os.Remove(tmp)
			buildErr = fmt.Errorf("go build ./cmd/parasat: %v\n%s", err, out)
			return
		}
		binary = filepath.Join(dir, "parasat")
		buildErr = os.Rename(tmp, binary)
	})
	return binary, buildErr
}

// cleanEnv is the environment without the caller's PARASAT_* settings, which
// the server would read as its flags.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "PARASAT_") {
			env = append(env, kv)
		}
	}
	return env
}

var listening = regexp.MustCompile(`"?msg"?[=:]"?listening"?,? ?"?addr"?[=:]"?([^\s"]+)`)

// StartServer builds ./cmd/parasat (once per test binary) and runs
// `parasat serve --addr 127.0.0.1:0 --data DIR args...` on a new temporary
// DIR, waits until it listens, and kills it when the test ends. Its log is
// shown when the test fails.
func StartServer(t testing.TB, args ...string) *Server {
	t.Helper()
	bin, err := build()
	if err != nil {
		t.Fatalf("browsertest: %v", err)
	}
	s := &Server{DataDir: t.TempDir(), done: make(chan struct{})}
	s.cmd = exec.Command(bin, append([]string{"serve", "--addr", "127.0.0.1:0", "--data", s.DataDir}, args...)...)
	s.cmd.Env = cleanEnv()
	stderr, err := s.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	s.cmd.Stdout = lockedWriter{&s.mu, &s.logs}
	if err := s.cmd.Start(); err != nil {
		t.Fatalf("browsertest: start %s: %v", bin, err)
	}
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			s.mu.Lock()
			s.logs.WriteString(sc.Text() + "\n")
			s.mu.Unlock()
			if m := listening.FindStringSubmatch(sc.Text()); m != nil {
				select {
				case addr <- m[1]:
				default:
				}
			}
		}
		_ = s.cmd.Wait()
		close(s.done)
	}()
	t.Cleanup(func() {
		_ = s.cmd.Process.Kill()
		<-s.done
		if t.Failed() {
			t.Logf("browsertest: the server's log:\n%s", s.Logs())
		}
	})
	select {
	case a := <-addr:
		s.URL = "http://" + a
	case <-s.done:
		t.Fatalf("browsertest: parasat serve %s exited before listening:\n%s", strings.Join(args, " "), s.Logs())
	case <-time.After(time.Minute):
		t.Fatalf("browsertest: parasat serve did not listen within a minute:\n%s", s.Logs())
	}
	return s
}

// Logs is what the server has logged so far.
func (s *Server) Logs() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.logs.String()
}

// CLI runs another command of the same binary on the server's data, as
// `parasat args... --data DIR` (unless args name --data), with stdin as its
// standard input, e.g. s.CLI(t, "secret\n", "user", "create", "--email", …).
// It fails the test unless the command exits 0, and returns its standard output.
func (s *Server) CLI(t testing.TB, stdin string, args ...string) string {
	t.Helper()
	bin, err := build()
	if err != nil {
		t.Fatalf("browsertest: %v", err)
	}
	hasData := false
	for _, a := range args {
		if a == "--data" || a == "-data" || strings.HasPrefix(a, "--data=") || strings.HasPrefix(a, "-data=") {
			hasData = true
		}
	}
	if !hasData {
		args = append(args, "--data", s.DataDir)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = cleanEnv()
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("browsertest: parasat %s: %v\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), err, out.String(), errb.String())
	}
	return out.String()
}
