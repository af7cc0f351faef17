package sqlstore

import (
	"context"
	"fmt"
)

// VerifyLedger recomputes, from the whole history, everything the running
// balances and totals claim, and lists every disagreement (none when the
// books are right). It scans all entries: a check for tests and for
// `parasat ledger verify`, never for a request.
func (db *DB) VerifyLedger(ctx context.Context) ([]string, error) {
	checks := []struct{ what, query string }{
		{"an account's balance is not the sum of its postings", `SELECT a.id, a.balance_tiyn - COALESCE(SUM(p.amount_tiyn), 0)
			FROM ledger_accounts a LEFT JOIN ledger_postings p ON p.account_id = a.id GROUP BY a.id, a.balance_tiyn, a.postings
			HAVING a.balance_tiyn <> COALESCE(SUM(p.amount_tiyn), 0) OR a.postings <> COUNT(p.entry_id)`},
		{"an entry's postings do not add up to zero in a fund", `SELECT p.entry_id, SUM(p.amount_tiyn) FROM ledger_postings p
			JOIN ledger_accounts a ON a.id = p.account_id GROUP BY p.entry_id, a.fund_id HAVING SUM(p.amount_tiyn) <> 0`},
		{"a fund's accounts do not add up to zero", `SELECT fund_id, SUM(balance_tiyn) FROM ledger_accounts GROUP BY fund_id
			HAVING SUM(balance_tiyn) <> 0`},
		{"a posting's running balance is wrong", `SELECT entry_id, balance_after_tiyn - running FROM (SELECT p.entry_id,
			p.balance_after_tiyn, SUM(p.amount_tiyn) OVER (PARTITION BY p.account_id ORDER BY p.entry_id) AS running
			FROM ledger_postings p) AS r WHERE balance_after_tiyn <> running`},
		{"a fund went below zero without a recorded overdraft", `SELECT e.id, p.balance_after_tiyn FROM ledger_postings p
			JOIN ledger_accounts a ON a.id = p.account_id JOIN ledger_entries e ON e.id = p.entry_id
			WHERE a.kind = 'cash' AND p.amount_tiyn < 0 AND p.balance_after_tiyn < 0 AND NOT e.overdraft`},
		{"an entry's amount is not what it moved", `SELECT e.id, e.amount_tiyn FROM ledger_entries e
			WHERE e.amount_tiyn <> (SELECT SUM(ABS(p.amount_tiyn)) FROM ledger_postings p JOIN ledger_accounts a ON a.id = p.account_id
			WHERE p.entry_id = e.id AND a.kind = 'cash') / (CASE WHEN e.to_fund_id IS NULL THEN 1 ELSE 2 END)`},
		{"a pledge's received amount is not the sum of its gifts", `SELECT pl.id, pl.received_tiyn - COALESCE((SELECT SUM(d.amount_tiyn)
			FROM donations d WHERE d.pledge_id = pl.id AND NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.reverses_id = d.entry_id)), 0)
			FROM pledges pl WHERE pl.received_tiyn <> COALESCE((SELECT SUM(d.amount_tiyn) FROM donations d WHERE d.pledge_id = pl.id
			AND NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.reverses_id = d.entry_id)), 0)`},
		{"the money raised of a day is not the sum of its gifts", `SELECT m.organisation_id, m.raised_tiyn FROM money_daily m
			WHERE m.raised_tiyn <> COALESCE((SELECT SUM(d.amount_tiyn) FROM donations d WHERE d.organisation_id = m.organisation_id
			AND d.received_on = m.day AND NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.reverses_id = d.entry_id)), 0)`},
		{"a stock item's totals are not the sum of its movements", `SELECT s.id, s.on_hand_qty FROM stock_items s
			WHERE s.on_hand_qty <> COALESCE((SELECT SUM(m.quantity) FROM stock_movements m WHERE m.item_id = s.id), 0)
			OR s.value_on_hand_tiyn <> COALESCE((SELECT SUM(m.value_tiyn) FROM stock_movements m WHERE m.item_id = s.id), 0)
			OR s.received_qty - s.issued_qty + s.adjusted_qty <> s.on_hand_qty OR s.value_in_tiyn - s.value_out_tiyn <> s.value_on_hand_tiyn`},
	}
	var problems []string
	for _, c := range checks {
		rows, err := db.read.QueryContext(ctx, c.query)
		if err != nil {
			return nil, fmt.Errorf("verify (%s): %w", c.what, err)
		}
		for rows.Next() {
			var id, diff int64
			if err := rows.Scan(&id, &diff); err != nil {
				rows.Close()
				return nil, err
			}
			problems = append(problems, fmt.Sprintf("%s: %d (%d)", c.what, id, diff))
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, err
		}
	}
	return problems, nil
}
