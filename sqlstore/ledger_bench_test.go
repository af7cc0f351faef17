package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/parasat-kz/parasat"
)

// Reading balances and the public account with a ledger of
// PARASAT_BENCH_LEDGER_ENTRIES entries (default 100000; `make bench-ledger`
// uses 10000000), on SQLite and (when PARASAT_TEST_DATABASE_URL is set)
// PostgreSQL. Half the entries are gifts to one campaign, the one read; the
// rest are gifts and spendings of 400 other funds. The target is under
// 50 ms for a campaign's balance and for the transparency page: balances are
// running totals, so reading one never scans history.

const ledgerBenchEnv = "PARASAT_BENCH_LEDGER_ENTRIES"

func ledgerBenchSize(b *testing.B) int {
	s := os.Getenv(ledgerBenchEnv)
	if s == "" {
		return 100_000
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1000 || n > 50_000_000 {
		b.Fatalf("%s=%q: want a number of entries from 1000 to 50000000", ledgerBenchEnv, s)
	}
	return n
}

// ledgerBench is a database with a big ledger and the campaign to read.
type ledgerBench struct {
	*DB
	campaign, org int64
}

func BenchmarkLedger(b *testing.B) {
	for _, engine := range []Engine{SQLite, Postgres} {
		var (
			once sync.Once
			lb   *ledgerBench
		)
		fill := func(sb *testing.B) *ledgerBench {
			once.Do(func() { lb = fillLedger(cleanupOn{sb, b}, engine, ledgerBenchSize(sb)) })
			if lb == nil {
				sb.Skip("no database: see the first run")
			}
			return lb
		}
		ctx := context.Background()
		for _, c := range []struct {
			name string
			read func(lb *ledgerBench) error
		}{
			{"CampaignBalance", func(lb *ledgerBench) error {
				c, err := lb.Campaign(ctx, lb.campaign)
				if err == nil && c.Totals.Balance <= 0 {
					err = fmt.Errorf("balance %d", c.Totals.Balance)
				}
				return err
			}},
			{"CampaignTransparency", func(lb *ledgerBench) error {
				_, err := lb.CampaignTransparency(ctx, lb.campaign)
				return err
			}},
			{"OrganisationTransparency", func(lb *ledgerBench) error {
				_, err := lb.OrganisationTransparency(ctx, lb.org)
				return err
			}},
			{"FundEntriesPage", func(lb *ledgerBench) error {
				c, _ := lb.Campaign(ctx, lb.campaign)
				list, err := lb.ListLedgerEntries(ctx, parasat.LedgerFilter{FundID: c.FundID, Limit: 50})
				if err == nil && len(list) != 50 {
					err = fmt.Errorf("%d entries", len(list))
				}
				return err
			}},
		} {
			b.Run(string(engine)+"/"+c.name, func(sb *testing.B) {
				lb := fill(sb)
				sb.ReportAllocs()
				sb.ResetTimer()
				for range sb.N {
					if err := c.read(lb); err != nil {
						sb.Fatal(err)
					}
				}
			})
		}
	}
}

// fillLedger makes n entries with generated SQL, each a gift (cash in,
// donations out) or, for one in ten of the other funds, a spending; then
// sets the accounts' running balances from their postings and adds the
// donors who agreed to be named.
func fillLedger(t cleanupOn, engine Engine, n int) *ledgerBench {
	ctx := context.Background()
	cfg := benchConfig(t.owner.(*testing.B), engine)
	db, err := Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	db.Now = func() time.Time { return fixedNow }
	lb := &ledgerBench{DB: db}
	f := newMoneyFixture(t, db)
	lb.campaign, lb.org = f.campaign.ID, f.org
	funds := []int64{f.campaign.FundID}
	for i := range 400 {
		c := &parasat.Campaign{Name: parasat.Names{KK: "Науқан " + strconv.Itoa(i)}, OrganisationID: []int64{f.org, f.other}[i%2],
			Target: 100_000_000, StartsOn: day("2020-01-01"), EndsOn: day("2026-12-31")}
		if err := db.CreateCampaign(ctx, c); err != nil {
			t.Fatal(err)
		}
		funds = append(funds, c.FundID)
	}
	if engine == SQLite {
		if _, err := db.write.ExecContext(ctx, "PRAGMA cache_size = -262144"); err != nil {
			t.Fatal(err)
		}
	}
	start := time.Now()
	if err := db.inTx(ctx, func(tx *sql.Tx) error { return insertLedger(ctx, tx, engine, funds, n) }); err != nil {
		t.Fatalf("fill: %v", err)
	}
	if engine == Postgres {
		if _, err := db.write.ExecContext(ctx, "VACUUM ANALYZE ledger_entries, ledger_postings, ledger_accounts, public_donors"); err != nil {
			t.Fatal(err)
		}
	} else if _, err := db.write.ExecContext(ctx, "ANALYZE"); err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: %d ledger entries with %d postings written in %v", engine, n, 2*n, time.Since(start).Round(time.Millisecond))
	return lb
}

func insertLedger(ctx context.Context, tx *sql.Tx, engine Engine, funds []int64, n int) error {
	// bench_funds numbers the funds 0..F-1 with their accounts; fund 0 is the campaign read.
	stmts := []string{`CREATE TEMPORARY TABLE bench_funds (n BIGINT PRIMARY KEY, fund_id BIGINT, organisation_id BIGINT,
		cash BIGINT, donations BIGINT, spending BIGINT)`}
	for i, id := range funds {
		stmts = append(stmts, fmt.Sprintf(`INSERT INTO bench_funds SELECT %d, f.id, f.organisation_id,
			(SELECT id FROM ledger_accounts WHERE fund_id = f.id AND kind = 'cash'),
			(SELECT id FROM ledger_accounts WHERE fund_id = f.id AND kind = 'donations'), 0 FROM funds f WHERE f.id = %d`, i, id))
		stmts = append(stmts, fmt.Sprintf(`INSERT INTO ledger_accounts (fund_id, kind, purpose, category) VALUES (%d, 'spending', 'aid', '%s')`,
			id, parasat.Categories[i%len(parasat.Categories)]))
	}
	stmts = append(stmts, `UPDATE bench_funds SET spending = (SELECT id FROM ledger_accounts a WHERE a.fund_id = bench_funds.fund_id
		AND a.kind = 'spending')`)
	series := "WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM g WHERE i < $1)"
	from := "g"
	if engine == Postgres {
		series, from = "", "generate_series(1, $1) AS g(i)"
		stmts = append(stmts, "ALTER TABLE ledger_entries DISABLE TRIGGER ledger_no_reversal_of_reversal")
	}
	// Gifts to fund 0 on even i, to fund i mod F otherwise; every tenth odd one is a spending.
	pick := fmt.Sprintf("CASE WHEN g.i %% 2 = 0 THEN 0 ELSE 1 + g.i %% %d END", len(funds)-1)
	spend := "(g.i % 2 = 1 AND g.i % 20 = 1)"
	for _, s := range stmts {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("%s: %w", s, err)
		}
	}
	if _, err := tx.ExecContext(ctx, series+` INSERT INTO ledger_entries (kind, fund_id, organisation_id, amount_tiyn, occurred_on,
		purpose, category, recorded_at) SELECT CASE WHEN `+spend+` THEN 'spending' ELSE 'donation' END, bf.fund_id, bf.organisation_id,
		100000 + (g.i % 97) * 1000, $2, CASE WHEN `+spend+` THEN 'aid' ELSE '' END, '', $3
		FROM `+from+` JOIN bench_funds bf ON bf.n = `+pick, n, fixedNow, fixedNow); err != nil {
		return fmt.Errorf("entries: %w", err)
	}
	for _, s := range []string{
		`INSERT INTO ledger_postings (entry_id, account_id, amount_tiyn, balance_after_tiyn)
			SELECT e.id, bf.cash, CASE WHEN e.kind = 'spending' THEN -e.amount_tiyn ELSE e.amount_tiyn END, 0
			FROM ledger_entries e JOIN bench_funds bf ON bf.fund_id = e.fund_id`,
		`INSERT INTO ledger_postings (entry_id, account_id, amount_tiyn, balance_after_tiyn)
			SELECT e.id, CASE WHEN e.kind = 'spending' THEN bf.spending ELSE bf.donations END,
			CASE WHEN e.kind = 'spending' THEN e.amount_tiyn ELSE -e.amount_tiyn END, 0
			FROM ledger_entries e JOIN bench_funds bf ON bf.fund_id = e.fund_id`,
		`UPDATE ledger_accounts SET balance_tiyn = (SELECT COALESCE(SUM(p.amount_tiyn), 0) FROM ledger_postings p
			WHERE p.account_id = ledger_accounts.id), postings = (SELECT COUNT(*) FROM ledger_postings p WHERE p.account_id = ledger_accounts.id)`,
		`INSERT INTO public_donors (scope, scope_id, donor_key, name, total_tiyn, gifts)
			SELECT 'fund', bf.fund_id, 'n:' || CAST(e.id AS TEXT), 'Демеуші ' || CAST(e.id AS TEXT), e.amount_tiyn, 1
			FROM ledger_entries e JOIN bench_funds bf ON bf.fund_id = e.fund_id WHERE bf.n = 0 AND e.id % 50 = 0`,
		`INSERT INTO public_donors (scope, scope_id, donor_key, name, total_tiyn, gifts)
			SELECT 'organisation', organisation_id, donor_key, name, total_tiyn, gifts FROM public_donors p
			JOIN bench_funds bf ON bf.fund_id = p.scope_id WHERE p.scope = 'fund'`,
	} {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("%s: %w", s, err)
		}
	}
	if engine == Postgres {
		_, err := tx.ExecContext(ctx, "ALTER TABLE ledger_entries ENABLE TRIGGER ledger_no_reversal_of_reversal")
		return err
	}
	return nil
}
