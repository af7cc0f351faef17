// Package pdftest reads the text of a PDF with poppler's pdftotext, the
// way a person's PDF reader would, so tests check what a document shows.
// Without pdftotext (Debian: poppler-utils) tests are skipped with a note,
// except in CI (CI=true), where they fail.
package pdftest

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

var announce sync.Once

// Text returns the text of the PDF document as pdftotext extracts it
// (layout kept, no-break spaces made plain, so "1 500 000 ₸" compares).
func Text(t testing.TB, document []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext must run in CI (CI=true), but it is not installed (apt-get install poppler-utils)")
		}
		announce.Do(func() {
			fmt.Fprintln(os.Stderr, "NOTE: pdftotext is not installed (apt-get install poppler-utils): PDF text tests are SKIPPED")
		})
		t.Skip("pdftotext not installed")
	}
	in := filepath.Join(t.TempDir(), "document.pdf")
	if err := os.WriteFile(in, document, 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	cmd := exec.Command(bin, "-layout", "-enc", "UTF-8", in, "-")
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("pdftotext: %v: %s", err, errb.String())
	}
	return strings.ReplaceAll(out.String(), "\u00a0", " ")
}

// Squeeze makes every run of spaces one space, so that text laid out in
// columns compares as words.
func Squeeze(s string) string { return strings.Join(strings.Fields(s), " ") }
