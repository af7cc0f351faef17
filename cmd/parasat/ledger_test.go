package main

import (
	"strings"
	"testing"
)

func TestLedgerVerifyAgreesOnTheDemo(t *testing.T) {
	dir := t.TempDir()
	if r := runCLI(t, "", "demo", "load", "--data", dir); r.code != 0 {
		t.Fatalf("demo load: %d %s", r.code, r.stderr)
	}
	r := runCLI(t, "", "ledger", "verify", "--data", dir)
	if r.code != 0 || !strings.Contains(r.stdout, "the ledger agrees with its history") {
		t.Errorf("ledger verify: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}
