package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"time"

	"github.com/parasat-kz/parasat"
)

// Reading the ledger. Balances come from the accounts' running balances,
// never from summing history, so they cost the same with ten entries or
// ten million.

const entryColumns = `e.id, e.kind, e.fund_id, f.kind, f.ref_id, e.to_fund_id, tf.kind, tf.ref_id, e.organisation_id,
	e.to_organisation_id, e.amount_tiyn, e.occurred_on, e.purpose, e.category, e.memo, e.reverses_id, r.id, e.reason,
	e.overdraft, e.overdraft_by, e.recorded_at, e.recorded_by, d.id`

const entryJoins = ` FROM ledger_entries e JOIN funds f ON f.id = e.fund_id LEFT JOIN funds tf ON tf.id = e.to_fund_id
	LEFT JOIN ledger_entries r ON r.reverses_id = e.id LEFT JOIN donations d ON d.entry_id = COALESCE(e.reverses_id, e.id)`

func scanEntry(row interface{ Scan(...any) error }) (parasat.LedgerEntry, error) {
	var (
		e                                       parasat.LedgerEntry
		fundKind                                string
		toFund, toRef, toOrg, reverses, reverse sql.NullInt64
		overdraftBy, recordedBy, donation       sql.NullInt64
		toKind                                  sql.NullString
		occurred                                time.Time
	)
	err := row.Scan(&e.ID, &e.Kind, &e.FundID, &fundKind, &e.Fund.ID, &toFund, &toKind, &toRef, &e.OrganisationID, &toOrg,
		&e.Amount, &occurred, &e.Purpose, &e.Category, &e.Memo, &reverses, &reverse, &e.Reason, &e.Overdraft, &overdraftBy,
		&e.Recorded, &recordedBy, &donation)
	e.Fund.Kind = parasat.DesignationKind(fundKind)
	e.OccurredOn, e.Recorded = dateFrom(occurred), e.Recorded.UTC()
	e.ToFundID, e.ToOrganisationID = int64Ptr(toFund), int64Ptr(toOrg)
	if toFund.Valid {
		e.To = &parasat.Designation{Kind: parasat.DesignationKind(toKind.String), ID: toRef.Int64}
	}
	e.Reverses, e.ReversedBy = int64Ptr(reverses), int64Ptr(reverse)
	e.OverdraftBy, e.RecordedBy, e.DonationID = int64Ptr(overdraftBy), int64Ptr(recordedBy), int64Ptr(donation)
	e.Postings = []parasat.Posting{}
	return e, err
}

// dateFrom reads a DATE column, which the drivers return as a time at midnight.
func dateFrom(t time.Time) parasat.Date {
	y, m, d := t.Date()
	return parasat.Date{Time: time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// getEntries reads entries with their postings, in the order of ids.
func getEntries(ctx context.Context, q queryer, ids []int64) ([]parasat.LedgerEntry, error) {
	if len(ids) == 0 {
		return []parasat.LedgerEntry{}, nil
	}
	var b listQuery
	rows, err := q.QueryContext(ctx, "SELECT "+entryColumns+entryJoins+" WHERE e.id IN ("+placeholders(&b, ids)+")", b.args...)
	if err != nil {
		return nil, err
	}
	byID := map[int64]*parasat.LedgerEntry{}
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		byID[e.ID] = &e
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	var p listQuery
	rows, err = q.QueryContext(ctx, `SELECT p.entry_id, a.kind, a.fund_id, p.amount_tiyn, p.balance_after_tiyn FROM ledger_postings p
		JOIN ledger_accounts a ON a.id = p.account_id WHERE p.entry_id IN (`+placeholders(&p, ids)+`)`, p.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id int64
			ps parasat.Posting
		)
		if err := rows.Scan(&id, &ps.Account, &ps.FundID, &ps.Amount, &ps.BalanceAfter); err != nil {
			return nil, err
		}
		if e := byID[id]; e != nil {
			e.Postings = append(e.Postings, ps)
		}
	}
	out := make([]parasat.LedgerEntry, 0, len(ids))
	for _, id := range ids {
		if e := byID[id]; e != nil {
			sortPostings(e.Postings)
			out = append(out, *e)
		}
	}
	return out, rows.Err()
}

// LedgerEntry returns one entry with its postings.
func (db *DB) LedgerEntry(ctx context.Context, id int64) (*parasat.LedgerEntry, error) {
	list, err := getEntries(ctx, db.read, []int64{id})
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, parasat.Errorf(parasat.ENotFound, "ledger entry %d not found", id)
	}
	return &list[0], nil
}

// ListLedgerEntries returns a page of a fund's or an organisation's
// entries, newest first, along an index.
func (db *DB) ListLedgerEntries(ctx context.Context, f parasat.LedgerFilter) ([]parasat.LedgerEntry, error) {
	limit := strconv.Itoa(pageSize(f.Limit))
	before := f.Before
	if before <= 0 {
		before = 1<<63 - 1
	}
	var query string
	var args []any
	switch {
	case f.FundID != 0:
		// Every entry of a fund posts to its cash account: its postings,
		// newest first, along the (account, entry) index.
		var cash int64
		err := db.readRow(ctx, "SELECT id FROM ledger_accounts WHERE fund_id = $1 AND kind = 'cash'", f.FundID).Scan(&cash)
		if errors.Is(err, sql.ErrNoRows) {
			return []parasat.LedgerEntry{}, nil
		} else if err != nil {
			return nil, err
		}
		query = `SELECT entry_id FROM ledger_postings WHERE account_id = $1 AND entry_id < $2 ORDER BY entry_id DESC LIMIT ` + limit
		args = []any{cash, before}
	case f.OrganisationID != 0:
		query = `SELECT id FROM (SELECT id FROM (SELECT id FROM ledger_entries WHERE organisation_id = $1 AND id < $2
			ORDER BY id DESC LIMIT ` + limit + `) AS own UNION SELECT id FROM (SELECT id FROM ledger_entries
			WHERE to_organisation_id = $1 AND id < $2 ORDER BY id DESC LIMIT ` + limit + `) AS incoming) AS both_sides
			ORDER BY id DESC LIMIT ` + limit
		args = []any{f.OrganisationID, before}
	default:
		return nil, parasat.Errorf(parasat.EInvalid, "name a fund or an organisation")
	}
	ids, err := queryIDs(ctx, db.read, query, args...)
	if err != nil {
		return nil, err
	}
	return getEntries(ctx, db.read, ids)
}

func queryIDs(ctx context.Context, q queryer, query string, args ...any) ([]int64, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// Fund returns the fund a designation names with its totals. An
// organisation or an event without entries yet has a fund of zeros.
func (db *DB) Fund(ctx context.Context, d parasat.Designation) (*parasat.Fund, error) {
	ref, err := db.findFund(ctx, d)
	if errors.Is(err, sql.ErrNoRows) {
		return db.unopenedFund(ctx, d)
	}
	if err != nil {
		return nil, err
	}
	return db.fundOf(ctx, ref)
}

// unopenedFund is the fund of zeros of an organisation or an event that
// has received no money yet.
func (db *DB) unopenedFund(ctx context.Context, d parasat.Designation) (*parasat.Fund, error) {
	switch d.Kind {
	case parasat.DesignateGeneral:
		o, err := db.Organisation(ctx, d.ID)
		if err != nil {
			return nil, err
		}
		return &parasat.Fund{Designation: d, OrganisationID: o.ID, Region: o.Region, Name: o.Name, Partners: []int64{}}, nil
	case parasat.DesignateEvent:
		e, err := db.Event(ctx, d.ID)
		if err != nil {
			return nil, err
		}
		return &parasat.Fund{Designation: d, OrganisationID: e.LeadID, Region: e.Region, Name: e.Title, Partners: e.Partners}, nil
	}
	return nil, parasat.Errorf(parasat.ENotFound, "no fund for %s %d", d.Kind, d.ID)
}

// FundResource describes the fund a designation names for the policy,
// reading neither its name nor its figures.
func (db *DB) FundResource(ctx context.Context, d parasat.Designation) (parasat.Resource, error) {
	ref, err := db.findFund(ctx, d)
	if errors.Is(err, sql.ErrNoRows) {
		f, err := db.unopenedFund(ctx, d)
		if err != nil {
			return parasat.Resource{}, err
		}
		return f.Resource(), nil
	}
	if err != nil {
		return parasat.Resource{}, err
	}
	return parasat.Resource{Region: ref.region, OrganisationID: ref.organisationID, Organisations: ref.partners}, nil
}

// FundByID returns a fund by its own id.
func (db *DB) FundByID(ctx context.Context, id int64) (*parasat.Fund, error) {
	var d parasat.Designation
	err := db.read.QueryRowContext(ctx, "SELECT kind, ref_id FROM funds WHERE id = $1", id).Scan(&d.Kind, &d.ID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, parasat.Errorf(parasat.ENotFound, "fund %d not found", id)
	}
	if err != nil {
		return nil, err
	}
	return db.Fund(ctx, d)
}

func (db *DB) fundOf(ctx context.Context, ref *fundRef) (*parasat.Fund, error) {
	f := &parasat.Fund{ID: ref.id, Designation: ref.designation, OrganisationID: ref.organisationID, Region: ref.region,
		Partners: ref.partners}
	if f.Partners == nil {
		f.Partners = []int64{}
	}
	query, id := "SELECT name_kk, name_ru, name_en FROM organisations WHERE id = $1", ref.organisationID
	switch {
	case ref.campaignID != nil:
		query, id = "SELECT name_kk, name_ru, name_en FROM campaigns WHERE id = $1", *ref.campaignID
	case ref.eventID != nil:
		query, id = "SELECT title_kk, title_ru, title_en FROM events WHERE id = $1", *ref.eventID
	}
	if err := db.readRow(ctx, query, id).Scan(&f.Name.KK, &f.Name.RU, &f.Name.EN); err != nil {
		return nil, err
	}
	totals, err := fundTotals(ctx, db.read, []int64{ref.id})
	if err != nil {
		return nil, err
	}
	f.FundTotals = totals[ref.id]
	return f, nil
}

// fundTotals reads the running balances of the funds' accounts.
func fundTotals(ctx context.Context, q queryer, funds []int64) (map[int64]parasat.FundTotals, error) {
	out := make(map[int64]parasat.FundTotals, len(funds))
	if len(funds) == 0 {
		return out, nil
	}
	var b listQuery
	rows, err := q.QueryContext(ctx, `SELECT fund_id, kind, balance_tiyn FROM ledger_accounts WHERE fund_id IN (`+
		placeholders(&b, funds)+`)`, b.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			fund, balance int64
			kind          string
		)
		if err := rows.Scan(&fund, &kind, &balance); err != nil {
			return nil, err
		}
		t := out[fund]
		switch kind {
		case accountCash:
			t.Balance += balance
		case accountDonations:
			t.Donations -= balance
		case accountTransfersIn:
			t.TransfersIn -= balance
		case accountTransfersOut:
			t.TransfersOut += balance
		case accountSpending:
			t.Spent += balance
		}
		out[fund] = t
	}
	return out, rows.Err()
}

// ListFunds lists an organisation's funds, its general fund first, then
// its campaigns' and its events', newest first (at most 200 of each).
func (db *DB) ListFunds(ctx context.Context, organisationID int64) ([]parasat.Fund, error) {
	general, err := db.Fund(ctx, parasat.Designation{Kind: parasat.DesignateGeneral, ID: organisationID})
	if err != nil {
		return nil, err
	}
	out := []parasat.Fund{*general}
	for _, kind := range []parasat.DesignationKind{parasat.DesignateCampaign, parasat.DesignateEvent} {
		ids, err := queryIDs(ctx, db.read, "SELECT ref_id FROM funds WHERE organisation_id = $1 AND kind = $2 ORDER BY id DESC LIMIT 200",
			organisationID, string(kind))
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			f, err := db.Fund(ctx, parasat.Designation{Kind: kind, ID: id})
			if err != nil {
				return nil, err
			}
			out = append(out, *f)
		}
	}
	return out, nil
}

// MoneyRaised sums the money raised per day of the organisations.
func (db *DB) MoneyRaised(ctx context.Context, organisations []int64, from, to parasat.Date) (int64, error) {
	if len(organisations) == 0 {
		return 0, nil
	}
	var b listQuery
	fromArg, toArg := b.arg(from.Time), b.arg(to.Time)
	var sum int64
	err := db.read.QueryRowContext(ctx, "SELECT COALESCE(SUM(raised_tiyn), 0) FROM money_daily WHERE day >= "+fromArg+
		" AND day <= "+toArg+" AND organisation_id IN ("+placeholders(&b, organisations)+")", b.args...).Scan(&sum)
	return sum, err
}
