// Package libreoffice lets tests open exported files with the real
// LibreOffice (Debian's libreoffice-calc), headless, to check that what
// Parasat writes is what a spreadsheet program reads.
package libreoffice

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// Env names a variable that may give the path of soffice.
const Env = "PARASAT_SOFFICE"

func path() string {
	if p := os.Getenv(Env); p != "" {
		return p
	}
	if p, err := exec.LookPath("soffice"); err == nil {
		return p
	}
	return "/usr/bin/soffice"
}

var announce sync.Once

// Require skips the test, with a one-time NOTE on stderr, when LibreOffice
// is not installed; in CI (CI=true) it fails the test instead.
func Require(t testing.TB) string {
	t.Helper()
	p := path()
	if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
		return p
	}
	reason := fmt.Sprintf("no LibreOffice at %s (apt-get install libreoffice-calc, or set %s)", p, Env)
	if os.Getenv("CI") == "true" {
		t.Fatalf("LibreOffice tests must run in CI (CI=true), but %s", reason)
	}
	announce.Do(func() { fmt.Fprintf(os.Stderr, "NOTE: %s: LibreOffice tests are SKIPPED\n", reason) })
	t.Skipf("LibreOffice test skipped: %s", reason)
	return ""
}

// The conversions a test may ask for.
const (
	// CSV writes every sheet as FILE-SHEET.csv, UTF-8, comma-separated,
	// cells as shown (with their number formats).
	CSV = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"
	// FODS writes the flat OpenDocument spreadsheet: one XML file that
	// tells the type (float, date, string) and value of every cell.
	FODS = "fods"
)

// Convert writes data as name in a temporary folder, has LibreOffice
// convert it to format, and returns the folder holding the results.
// Each call uses its own LibreOffice profile, so tests may run in parallel.
func Convert(t testing.TB, data []byte, name, format string) string {
	t.Helper()
	soffice := Require(t)
	dir := t.TempDir()
	in := filepath.Join(dir, name)
	if err := os.WriteFile(in, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--headless", "--norestore", "--convert-to", format, "--outdir", out, in)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice --convert-to %s: %v\n%s", format, err, b)
	}
	return out
}
