package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/parasat-kz/parasat"
)

// The ledger's writing core: a fund's accounts, and posting an entry with
// its running balances (funds.go finds the fund a designation names).
// Everything here runs inside the caller's transaction, so that other
// stores (aid records, events) can record money in their own transactions:
// see spendInTx.

// Account kinds of a fund. Every fund has the first four from its start;
// spending accounts are opened per purpose and category when first used.
const (
	accountCash         = "cash"
	accountDonations    = "donations"
	accountTransfersIn  = "transfers_in"
	accountTransfersOut = "transfers_out"
	accountSpending     = "spending"
)

var fundAccounts = []string{accountCash, accountDonations, accountTransfersIn, accountTransfersOut}

// account returns the id of a fund's account, opening a spending account
// on its first use.
func account(ctx context.Context, tx *sql.Tx, fundID int64, kind string, purpose parasat.Purpose, category parasat.Category) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM ledger_accounts WHERE fund_id = $1 AND kind = $2 AND purpose = $3 AND category = $4`,
		fundID, kind, string(purpose), string(category)).Scan(&id)
	if !errors.Is(err, sql.ErrNoRows) {
		return id, err
	}
	// ON CONFLICT: a concurrent transaction may open the same account first.
	_, err = tx.ExecContext(ctx, `INSERT INTO ledger_accounts (fund_id, kind, purpose, category) VALUES ($1, $2, $3, $4)
		ON CONFLICT (fund_id, kind, purpose, category) DO NOTHING`, fundID, kind, string(purpose), string(category))
	if err != nil {
		return 0, err
	}
	err = tx.QueryRowContext(ctx, `SELECT id FROM ledger_accounts WHERE fund_id = $1 AND kind = $2 AND purpose = $3 AND category = $4`,
		fundID, kind, string(purpose), string(category)).Scan(&id)
	return id, err
}

const qFundAccounts = `SELECT id, kind FROM ledger_accounts WHERE fund_id = $1 AND purpose = '' AND category = ''`

// standingAccounts returns the ids of a fund's four standing accounts by kind.
func (db *DB) standingAccounts(ctx context.Context, tx *sql.Tx, fundID int64) (map[string]int64, error) {
	rows, err := db.query(ctx, tx, qFundAccounts, fundID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make(map[string]int64, 4)
	for rows.Next() {
		var (
			id   int64
			kind string
		)
		if err := rows.Scan(&id, &kind); err != nil {
			return nil, err
		}
		out[kind] = id
	}
	return out, rows.Err()
}

// leg is one posting to make: an amount on an account of a fund.
type leg struct {
	account, fund int64
	kind          string
	amount        int64
}

// legsOf looks up the accounts of the postings of a simple entry: pairs of
// (fund, account kind, amount). The standing accounts of funds read with
// findFundTx are known already.
func (db *DB) legsOf(ctx context.Context, tx *sql.Tx, purpose parasat.Purpose, category parasat.Category, funds []*fundRef, parts ...leg) ([]leg, error) {
	standing := map[int64]map[string]int64{}
	for _, f := range funds {
		if len(f.accounts) == len(fundAccounts) {
			standing[f.id] = f.accounts
		}
	}
	for i, l := range parts {
		if l.kind == accountSpending {
			id, err := account(ctx, tx, l.fund, l.kind, purpose, category)
			if err != nil {
				return nil, err
			}
			parts[i].account = id
			continue
		}
		if standing[l.fund] == nil {
			ids, err := db.standingAccounts(ctx, tx, l.fund)
			if err != nil {
				return nil, err
			}
			standing[l.fund] = ids
		}
		if parts[i].account = standing[l.fund][l.kind]; parts[i].account == 0 {
			return nil, fmt.Errorf("ledger: fund %d has no %s account", l.fund, l.kind)
		}
	}
	return parts, nil
}

// postEntry applies the legs to their accounts' running balances and records
// the entry with its postings. A fund's cash may go below zero only when
// allowOverdraft is set; the entry then records the overdraft and who
// allowed it. Accounts are updated in the order of their ids, so that two
// transactions never wait on each other's accounts (PostgreSQL).
func (db *DB) postEntry(ctx context.Context, tx *sql.Tx, e *parasat.LedgerEntry, legs []leg, allowOverdraft bool) error {
	var sum int64
	for _, l := range legs {
		sum += l.amount
	}
	if sum != 0 {
		return fmt.Errorf("ledger: the postings of a %s entry add up to %d, not zero", e.Kind, sum)
	}
	slices.SortFunc(legs, func(a, b leg) int { return int(a.account - b.account) })
	after, err := db.postBalances(ctx, tx, legs)
	if err != nil {
		return err
	}
	for i, l := range legs {
		if l.kind == accountCash && l.amount < 0 && after[i] < 0 {
			if !allowOverdraft {
				return insufficient(after[i] - l.amount)
			}
			e.Overdraft = true
		}
	}
	actor := parasat.ActorFrom(ctx)
	if e.Overdraft && actor.UserID != 0 {
		e.OverdraftBy = &actor.UserID
	}
	if actor.UserID != 0 {
		e.RecordedBy = &actor.UserID
	}
	e.Recorded = db.now()
	if err := db.insertEntry(ctx, tx, e); err != nil {
		return err
	}
	e.Postings = make([]parasat.Posting, len(legs))
	args := make([]any, 0, 4*len(legs))
	for i, l := range legs {
		args = append(args, e.ID, l.account, l.amount, after[i])
		e.Postings[i] = parasat.Posting{Account: l.kind, FundID: l.fund, Amount: l.amount, BalanceAfter: after[i]}
	}
	if _, err := db.exec(ctx, tx, postingsInsert(len(legs)), args...); err != nil {
		return fmt.Errorf("write postings: %w", err)
	}
	sortPostings(e.Postings)
	return nil
}

// qPost adds to an account's running balance.
const qPost = `UPDATE ledger_accounts SET balance_tiyn = balance_tiyn + $1, postings = postings + 1 WHERE id = $2`

// postBalances adds each leg's amount to its account's running balance and
// returns the balances after. On PostgreSQL each account is updated with
// RETURNING, in the order of their ids, so that two transactions never wait
// on each other's accounts. On SQLite, whose one writer runs one
// transaction at a time, the balances are read, then all the accounts
// updated in one statement: two statements instead of two per account
// (see RETURNING in dialect.go).
func (db *DB) postBalances(ctx context.Context, tx *sql.Tx, legs []leg) ([]int64, error) {
	after := make([]int64, len(legs))
	if db.engine == Postgres {
		for i, l := range legs {
			if err := tx.QueryRowContext(ctx, qPost+" RETURNING balance_tiyn", l.amount, l.account).Scan(&after[i]); err != nil {
				return nil, fmt.Errorf("post to account %d: %w", l.account, err)
			}
		}
		return after, nil
	}
	ids, changes := make([]any, len(legs)), make([]any, 0, 2*len(legs))
	for i, l := range legs {
		ids[i] = l.account
		changes = append(changes, l.account, l.amount)
	}
	q := balanceStatements(len(legs))
	balance, err := db.balancesOf(ctx, tx, q.read, ids)
	if err != nil {
		return nil, err
	}
	for i, l := range legs {
		b, ok := balance[l.account]
		if !ok {
			return nil, fmt.Errorf("post to account %d: %w", l.account, sql.ErrNoRows)
		}
		after[i] = b + l.amount
	}
	if _, err := db.exec(ctx, tx, q.post, changes...); err != nil {
		return nil, fmt.Errorf("post to accounts: %w", err)
	}
	return after, nil
}

// balancesOf reads the running balances of accounts by id.
func (db *DB) balancesOf(ctx context.Context, tx *sql.Tx, read string, ids []any) (map[int64]int64, error) {
	rows, err := db.query(ctx, tx, read, ids...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	balance := make(map[int64]int64, len(ids))
	for rows.Next() {
		var id, b int64
		if err := rows.Scan(&id, &b); err != nil {
			return nil, err
		}
		balance[id] = b
	}
	return balance, rows.Err()
}

// balanceStatement reads and updates the balances of n accounts (SQLite).
type balanceStatement struct{ read, post string }

// balanceStatementsOf are those of the usual entries: two and four postings.
var balanceStatementsOf = [...]balanceStatement{2: buildBalanceStatements(2), 4: buildBalanceStatements(4)}

func balanceStatements(n int) balanceStatement {
	if n < len(balanceStatementsOf) && balanceStatementsOf[n].read != "" {
		return balanceStatementsOf[n]
	}
	return buildBalanceStatements(n)
}

// buildBalanceStatements: the read takes the n ids as $1…$n; the update
// pairs of (id, amount) as $1, $2, $3, $4 …
func buildBalanceStatements(n int) balanceStatement {
	var read, cases, in strings.Builder
	read.WriteString("SELECT id, balance_tiyn FROM ledger_accounts WHERE id IN (")
	for i := range n {
		if i > 0 {
			read.WriteString(", ")
			in.WriteString(", ")
		}
		fmt.Fprintf(&read, "$%d", i+1)
		fmt.Fprintf(&cases, " WHEN $%d THEN $%d", 2*i+1, 2*i+2)
		fmt.Fprintf(&in, "$%d", 2*i+1)
	}
	read.WriteString(")")
	return balanceStatement{read: read.String(), post: "UPDATE ledger_accounts SET balance_tiyn = balance_tiyn + CASE id" + cases.String() +
		" END, postings = postings + 1 WHERE id IN (" + in.String() + ")"}
}

// postingsInserts are the statements of the usual entries: a gift or a
// spending (2 postings), a transfer (4).
var postingsInserts = [...]string{2: buildPostingsInsert(2), 4: buildPostingsInsert(4)}

// postingsInsert writes n postings in one statement.
func postingsInsert(n int) string {
	if n < len(postingsInserts) && postingsInserts[n] != "" {
		return postingsInserts[n]
	}
	return buildPostingsInsert(n)
}

func buildPostingsInsert(n int) string {
	var b strings.Builder
	b.WriteString("INSERT INTO ledger_postings (entry_id, account_id, amount_tiyn, balance_after_tiyn) VALUES ")
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "($%d, $%d, $%d, $%d)", 4*i+1, 4*i+2, 4*i+3, 4*i+4)
	}
	return b.String()
}

// sortPostings orders postings as they are read back: by fund, then account.
func sortPostings(ps []parasat.Posting) {
	slices.SortFunc(ps, func(a, b parasat.Posting) int {
		if a.FundID != b.FundID {
			return int(a.FundID - b.FundID)
		}
		return strings.Compare(a.Account, b.Account)
	})
}

// insufficient is the refusal of a spending larger than the fund holds.
func insufficient(balance int64) error {
	return &parasat.Error{Code: parasat.EInvalid, Message: "the fund does not hold enough money",
		Fields: []parasat.FieldError{{Field: "amount_tiyn", Code: "fund.insufficient",
			Message: "is more than the fund holds (" + strconv.FormatInt(balance, 10) + " tiyn); a coordinator may allow an overdraft"}}}
}

const qInsertEntry = `INSERT INTO ledger_entries (kind, fund_id, to_fund_id, organisation_id, to_organisation_id,
	amount_tiyn, occurred_on, purpose, category, memo, reverses_id, reason, overdraft, overdraft_by, recorded_at, recorded_by)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`

func (db *DB) insertEntry(ctx context.Context, tx *sql.Tx, e *parasat.LedgerEntry) error {
	var err error
	e.ID, err = db.insertID(ctx, tx, qInsertEntry, string(e.Kind), e.FundID, nullInt(e.ToFundID), e.OrganisationID,
		nullInt(e.ToOrganisationID), e.Amount, e.OccurredOn.Time, string(e.Purpose), string(e.Category), e.Memo, nullInt(e.Reverses),
		e.Reason, e.Overdraft, nullInt(e.OverdraftBy), e.Recorded, nullInt(e.RecordedBy))
	if err != nil {
		if violates(err, uniqueViolation, "reverses_id") {
			return alreadyReversed()
		}
		return fmt.Errorf("write ledger entry: %w", err)
	}
	return nil
}

func alreadyReversed() error {
	return &parasat.Error{Code: parasat.EConflict, Message: "the entry is already reversed",
		Fields: []parasat.FieldError{{Field: "entry", Code: "reversal.already", Message: "this entry has already been reversed"}}}
}
