package sqlstore

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/parasat-kz/parasat"
)

// modelEntry is what the test remembers of a recorded entry: how it moved
// each fund's cash, and whether it is a reversal or reversed.
type modelEntry struct {
	id       int64
	moves    map[int]int64 // fund index → change of its cash
	reversal bool
	reversed bool
}

// TestLedgerPropertyRandomSequences records random donations, spendings,
// transfers and reversals, and after each checks that the store did what a
// simple model of the books says — refusing exactly the spendings the funds
// cannot cover without an allowed overdraft — and that every balance still
// equals the sum of its entries and nothing went below zero without a
// recorded overdraft.
func TestLedgerPropertyRandomSequences(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		f := newMoneyFixture(t, db)
		e := newMoneyEvent(t, db, f)
		funds := []parasat.Designation{general(f.org), general(f.other), f.toCampaign(), toEvent(e.ID)}
		seen := map[string]int{}
		for seed := uint64(1); seed <= 2; seed++ {
			for k, n := range runLedgerSequence(t, db, f, funds, rand.New(rand.NewPCG(seed, 2026)), 60) {
				seen[k] += n
			}
		}
		// The sequences must have met every kind of refusal, or they prove less than they claim.
		for _, want := range []string{"", "entry:reversal.of_reversal", "entry:reversal.already", "amount_tiyn:fund.insufficient"} {
			if seen[want] == 0 {
				t.Errorf("the random sequences never produced %q: %v", want, seen)
			}
		}
	})
}

func runLedgerSequence(t *testing.T, db *DB, f *moneyFixture, funds []parasat.Designation, rng *rand.Rand, steps int) map[string]int {
	t.Helper()
	ctx := f.ctx
	cash := make([]int64, len(funds))
	for i, d := range funds {
		got, err := db.Fund(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		cash[i] = got.Balance
	}
	var entries []*modelEntry
	refused := map[string]int{}
	amount := func() int64 { return (1 + rng.Int64N(50)) * 100_000 } // 1 000 to 50 000 ₸
	for step := range steps {
		allow := rng.IntN(4) == 0
		var (
			e     *parasat.LedgerEntry
			err   error
			moves map[int]int64
			rev   *modelEntry
		)
		switch op := rng.IntN(10); {
		case op < 3:
			i, a := rng.IntN(len(funds)), amount()
			d := anonymousGift(a, funds[i])
			if err = db.RecordDonation(ctx, d); err == nil {
				e = &parasat.LedgerEntry{ID: d.EntryID}
			}
			moves = map[int]int64{i: a}
		case op < 5:
			i, a := rng.IntN(len(funds)), amount()
			e, err = db.RecordSpending(ctx, &parasat.Spending{Fund: funds[i], Amount: a, OccurredOn: day("2026-03-14"),
				Purpose: parasat.PurposeEventCosts, AllowOverdraft: allow})
			moves = map[int]int64{i: -a}
		case op < 7:
			i, j, a := rng.IntN(len(funds)), rng.IntN(len(funds)-1), amount()
			if j >= i {
				j++
			}
			e, err = db.RecordTransfer(ctx, &parasat.Transfer{From: funds[i], To: funds[j], Amount: a, OccurredOn: day("2026-03-14"),
				AllowOverdraft: allow})
			moves = map[int]int64{i: -a, j: a}
		default:
			if len(entries) == 0 {
				continue
			}
			rev = entries[rng.IntN(len(entries))]
			e, err = db.ReverseEntry(ctx, &parasat.Reversal{EntryID: rev.id, Reason: "тексеру", AllowOverdraft: allow})
			moves = map[int]int64{}
			for i, m := range rev.moves {
				moves[i] = -m
			}
		}
		wantErr := ""
		switch {
		case rev != nil && rev.reversal:
			wantErr = "entry:reversal.of_reversal"
		case rev != nil && rev.reversed:
			wantErr = "entry:reversal.already"
		case !allow && overdraws(cash, moves):
			wantErr = "amount_tiyn:fund.insufficient"
		}
		if got := fieldOf(err); got != wantErr || err != nil && wantErr == "" {
			t.Fatalf("step %d: error %v (%s); the model expects %q", step, err, got, wantErr)
		}
		refused[wantErr]++
		if err == nil {
			for i, m := range moves {
				cash[i] += m
			}
			entries = append(entries, &modelEntry{id: e.ID, moves: moves, reversal: rev != nil})
			if rev != nil {
				rev.reversed = true
			}
		}
		for i, d := range funds {
			got, err := db.Fund(ctx, d)
			if err != nil {
				t.Fatal(err)
			}
			if got.Balance != cash[i] || got.Balance != got.Donations+got.TransfersIn-got.TransfersOut-got.Spent {
				t.Fatalf("step %d: fund %d holds %d (%+v); the model says %d", step, i, got.Balance, got.FundTotals, cash[i])
			}
		}
		verified(t, db)
		if t.Failed() {
			t.Fatalf("step %d broke the books", step)
		}
	}
	checkSumsBySQL(t, db)
	return refused
}

// overdraws reports whether the moves take a fund's cash below zero by a debit.
func overdraws(cash []int64, moves map[int]int64) bool {
	for i, m := range moves {
		if m < 0 && cash[i]+m < 0 {
			return true
		}
	}
	return false
}

// checkSumsBySQL sums the postings of each account independently of the
// store's own check, and compares with the running balances.
func checkSumsBySQL(t *testing.T, db *DB) {
	t.Helper()
	rows, err := db.read.QueryContext(context.Background(), `SELECT a.id, a.balance_tiyn,
		(SELECT COALESCE(SUM(p.amount_tiyn), 0) FROM ledger_postings p WHERE p.account_id = a.id) FROM ledger_accounts a`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var total int64
	for rows.Next() {
		var id, balance, sum int64
		if err := rows.Scan(&id, &balance, &sum); err != nil {
			t.Fatal(err)
		}
		if balance != sum {
			t.Errorf("account %d: balance %d, postings sum to %d", id, balance, sum)
		}
		total += balance
	}
	if total != 0 {
		t.Errorf("all accounts add up to %d, not zero", total)
	}
}
