package main

import (
	"context"
	"fmt"
	"strings"
)

// runLedgerVerify recomputes the ledger from its whole history and reports
// every disagreement with the running balances and totals.
func runLedgerVerify(ctx context.Context, args []string, env environment) error {
	fs := newFlagSet("ledger verify", "Recompute every balance and total of the ledger and the stock of goods from\ntheir whole history, and report any disagreement. Reads only; it scans all\nentries, so run it off-peak on a large database.", env.stderr)
	cfg := databaseFlags(fs)
	if err := parseFlags(fs, args, env.getenv); err != nil {
		return err
	}
	db, _, err := openDatabase(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	problems, err := db.VerifyLedger(ctx)
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		return fmt.Errorf("%d disagreements:\n  %s", len(problems), strings.Join(problems, "\n  "))
	}
	fmt.Fprintf(env.stdout, "%s: the ledger agrees with its history\n", describeDatabase(db, cfg))
	return nil
}
