package demo

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The demo's certificate is a PDF that poppler reads.
func TestDemoCertificateIsAPDF(t *testing.T) {
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	file := filepath.Join(t.TempDir(), "certificate.pdf")
	if err := os.WriteFile(file, onePagePDF("Demonstration certificate"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, "-q", file, "-").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "Demonstration certificate") {
		t.Errorf("pdftotext: %v\n%s", err, out)
	}
}
