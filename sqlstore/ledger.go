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

// The ledger's writing core: finding the fund a designation names (an
// organisation's general fund is opened on first use), the fund's
// accounts, and posting an entry with its running balances. Everything here
// runs inside the caller's transaction, so that other stores (aid records,
// events) can record money in their own transactions: see spendInTx.

// fundRef is what a write needs to know of a fund.
type fundRef struct {
	id, organisationID int64
	region             string
	designation        parasat.Designation
	campaignID         *int64
	partners           []int64
}

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

// resolveFund returns the fund d names, opening an organisation's general
// fund when it has none yet. A designation of a record that does not exist
// is a field error on field.
func (db *DB) resolveFund(ctx context.Context, tx *sql.Tx, d parasat.Designation, field string) (*fundRef, error) {
	f, err := findFund(ctx, tx, d)
	if err == nil || !errors.Is(err, sql.ErrNoRows) {
		return f, err
	}
	if d.Kind != parasat.DesignateGeneral {
		return nil, unknownDesignation(field, d)
	}
	var region string
	if err := tx.QueryRowContext(ctx, "SELECT region_code FROM organisations WHERE id = $1", d.ID).Scan(&region); errors.Is(err, sql.ErrNoRows) {
		return nil, unknownDesignation(field, d)
	} else if err != nil {
		return nil, err
	}
	id, err := db.openFund(ctx, tx, d, d.ID, nil)
	if errors.Is(err, errFundExists) {
		// Another transaction opened it meanwhile (PostgreSQL waited for it).
		return findFund(ctx, tx, d)
	}
	if err != nil {
		return nil, err
	}
	return &fundRef{id: id, organisationID: d.ID, region: region, designation: d}, nil
}

// errFundExists: the fund was opened by another transaction first.
var errFundExists = errors.New("the fund exists")

func unknownDesignation(field string, d parasat.Designation) error {
	p := parasat.Problems{}
	if d.Kind == parasat.DesignateCampaign {
		p.Add(field+".id", "campaign.unknown", "no campaign has this id")
	} else {
		p.Add(field+".id", "organisation.unknown", "no organisation has this id")
	}
	return p.Err()
}

// findFund reads the fund of a designation; sql.ErrNoRows when it has none.
func findFund(ctx context.Context, q queryer, d parasat.Designation) (*fundRef, error) {
	f := &fundRef{designation: d}
	var campaign sql.NullInt64
	err := q.QueryRowContext(ctx, `SELECT f.id, f.organisation_id, o.region_code, f.campaign_id FROM funds f
		JOIN organisations o ON o.id = f.organisation_id WHERE f.kind = $1 AND f.ref_id = $2`,
		string(d.Kind), d.ID).Scan(&f.id, &f.organisationID, &f.region, &campaign)
	if err != nil {
		return nil, err
	}
	f.campaignID = int64Ptr(campaign)
	if f.campaignID != nil {
		links, err := loadLinks[int64](ctx, q, "campaign_partners", "campaign_id", "organisation_id", []int64{*f.campaignID})
		if err != nil {
			return nil, err
		}
		f.partners = links[*f.campaignID]
	}
	return f, nil
}

// openFund creates a fund and its four standing accounts.
func (db *DB) openFund(ctx context.Context, tx *sql.Tx, d parasat.Designation, organisationID int64, campaignID *int64) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO funds (kind, ref_id, organisation_id, campaign_id, created_at)
		VALUES ($1, $2, $3, $4, $5) ON CONFLICT (kind, ref_id) DO NOTHING RETURNING id`,
		string(d.Kind), d.ID, organisationID, nullInt(campaignID), db.now()).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, errFundExists
	}
	if err != nil {
		return 0, fmt.Errorf("open fund: %w", err)
	}
	for _, kind := range fundAccounts {
		if _, err := tx.ExecContext(ctx, "INSERT INTO ledger_accounts (fund_id, kind) VALUES ($1, $2)", id, kind); err != nil {
			return 0, fmt.Errorf("open account: %w", err)
		}
	}
	return id, nil
}

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

// leg is one posting to make: an amount on an account of a fund.
type leg struct {
	account, fund int64
	kind          string
	amount        int64
}

// legsOf looks up the accounts of the postings of a simple entry: pairs of
// (fund, account kind, amount).
func legsOf(ctx context.Context, tx *sql.Tx, purpose parasat.Purpose, category parasat.Category, parts ...leg) ([]leg, error) {
	for i, l := range parts {
		p, c := parasat.Purpose(""), parasat.Category("")
		if l.kind == accountSpending {
			p, c = purpose, category
		}
		id, err := account(ctx, tx, l.fund, l.kind, p, c)
		if err != nil {
			return nil, err
		}
		parts[i].account = id
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
	after := make([]int64, len(legs))
	for i, l := range legs {
		err := tx.QueryRowContext(ctx, `UPDATE ledger_accounts SET balance_tiyn = balance_tiyn + $1, postings = postings + 1
			WHERE id = $2 RETURNING balance_tiyn`, l.amount, l.account).Scan(&after[i])
		if err != nil {
			return fmt.Errorf("post to account %d: %w", l.account, err)
		}
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
	for i, l := range legs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO ledger_postings (entry_id, account_id, amount_tiyn, balance_after_tiyn)
			VALUES ($1, $2, $3, $4)`, e.ID, l.account, l.amount, after[i]); err != nil {
			return fmt.Errorf("write posting: %w", err)
		}
		e.Postings[i] = parasat.Posting{Account: l.kind, FundID: l.fund, Amount: l.amount, BalanceAfter: after[i]}
	}
	sortPostings(e.Postings)
	return nil
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

func (db *DB) insertEntry(ctx context.Context, tx *sql.Tx, e *parasat.LedgerEntry) error {
	err := tx.QueryRowContext(ctx, `INSERT INTO ledger_entries (kind, fund_id, to_fund_id, organisation_id, to_organisation_id,
		amount_tiyn, occurred_on, purpose, category, memo, reverses_id, reason, overdraft, overdraft_by, recorded_at, recorded_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id`,
		string(e.Kind), e.FundID, nullInt(e.ToFundID), e.OrganisationID, nullInt(e.ToOrganisationID), e.Amount, e.OccurredOn.Time, string(e.Purpose),
		string(e.Category), e.Memo, nullInt(e.Reverses), e.Reason, e.Overdraft, nullInt(e.OverdraftBy), e.Recorded,
		nullInt(e.RecordedBy)).Scan(&e.ID)
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
