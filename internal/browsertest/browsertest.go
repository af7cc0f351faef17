// Package browsertest drives Debian's Chromium (headless, through chromedp)
// against a real `parasat serve`, so that a page test reads as the steps of a
// person, one line each:
//
//	srv := browsertest.StartServer(t, "--demo")
//	b := browsertest.New(t)
//	b.Visit(srv.URL + "/signin")
//	b.Fill("Email", "a@example.kz")
//	b.Fill("Password", "correct horse battery staple")
//	b.Submit()
//	b.Contains(t, "Organisations")
//	b.Axe(t)
//
// Every step waits on a condition (a page load, a DOM state), never on a
// sleep, and fails the test with what it found instead, a full-page
// screenshot and the page's HTML (see ArtifactDirEnv).
//
// It needs Chromium at /usr/bin/chromium (or ChromiumEnv) and axe-core at
// node_modules/axe-core of the module root (`npm ci`). Without them the tests
// are skipped with a note, except in CI (CI=true), where they fail.
package browsertest

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

const (
	// ChromiumEnv names a Chromium binary to use instead of DefaultChromium.
	ChromiumEnv = "PARASAT_CHROMIUM"
	// DefaultChromium is where Debian's package puts Chromium.
	DefaultChromium = "/usr/bin/chromium"
	// ArtifactDirEnv names a directory for screenshots and page HTML. Without
	// it they go to a fresh temporary directory, kept only when a test failed.
	ArtifactDirEnv = "PARASAT_SCREENSHOT_DIR"
	// axeScript is the path of axe-core under the module root.
	axeScript = "node_modules/axe-core/axe.min.js"
)

// chromiumPath is the Chromium binary the tests start.
func chromiumPath() string {
	if p := os.Getenv(ChromiumEnv); p != "" {
		return p
	}
	return DefaultChromium
}

// Available tells whether browser tests can run here: Chromium and axe-core
// are installed. When not, reason says what is missing and how to get it.
func Available() (reason string, ok bool) {
	p := chromiumPath()
	if fi, err := os.Stat(p); err != nil || fi.IsDir() || fi.Mode()&0o111 == 0 {
		return fmt.Sprintf("no Chromium at %s (apt-get install chromium, or set %s)", p, ChromiumEnv), false
	}
	root, err := ModuleRoot()
	if err != nil {
		return err.Error(), false
	}
	if _, err := os.Stat(filepath.Join(root, axeScript)); err != nil {
		return fmt.Sprintf("no axe-core at %s (run `npm ci` in %s)", filepath.Join(root, axeScript), root), false
	}
	return "", true
}

var announce sync.Once

// note prints, once per test binary and whatever -v says, why browser tests
// are skipped.
var note = func(reason string) {
	announce.Do(func() {
		fmt.Fprintf(os.Stderr, "NOTE: %s: browser tests are SKIPPED\n", reason)
	})
}

// Require skips the test, with a one-time NOTE on stderr, when browser tests
// cannot run here; in CI (CI=true) it fails the test instead, since there the
// browser tests must run. New calls it, so tests need not.
func Require(t testing.TB) {
	t.Helper()
	reason, ok := Available()
	if ok {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("browser tests must run in CI (CI=true), but %s", reason)
	}
	note(reason)
	t.Skipf("browser test skipped: %s", reason)
}

var (
	rootOnce sync.Once
	root     string
	rootErr  error
)

// ModuleRoot is the directory of go.mod, found by walking up from the
// working directory (go test runs a test in its package's directory).
func ModuleRoot() (string, error) {
	rootOnce.Do(func() {
		dir, err := os.Getwd()
		if err != nil {
			rootErr = err
			return
		}
		for {
			if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
				root = dir
				return
			}
			parent := filepath.Dir(dir)
			if parent == dir {
				rootErr = errors.New("browsertest: no go.mod above the working directory")
				return
			}
			dir = parent
		}
	})
	return root, rootErr
}
