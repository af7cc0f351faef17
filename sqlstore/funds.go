package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/parasat-kz/parasat"
)

// Finding the fund a designation names: in a write transaction (with its
// accounts, opening an organisation's general fund or an event's on first
// use), or for the policy (with the partners of its campaign or event).

// fundRef is what a write needs to know of a fund. An event's fund is in
// the event's region (which may differ from its lead organisation's) and
// knows the event's status, since a cancelled event takes no more money.
type fundRef struct {
	id, organisationID int64
	region             string
	designation        parasat.Designation
	campaignID         *int64
	eventID            *int64
	eventStatus        parasat.EventStatus
	partners           []int64
	// accounts are the ids of the fund's standing accounts by kind, when
	// read with the fund in a write transaction.
	accounts map[string]int64
}

// takesMoney refuses money coming into the fund of a cancelled event (a
// gift, a transfer in); field names the designation.
func (f *fundRef) takesMoney(field string) error {
	if f.eventStatus != parasat.EventCancelled {
		return nil
	}
	p := parasat.Problems{}
	p.Add(field+".id", "designation.event_cancelled", "the event is cancelled and takes no more money; choose its organisation's general fund or another event")
	return p.Err()
}

// resolveFund returns the fund d names, opening an organisation's general
// fund or an event's when it has none yet. A designation of a record that
// does not exist is a field error on field.
func (db *DB) resolveFund(ctx context.Context, tx *sql.Tx, d parasat.Designation, field string) (*fundRef, error) {
	f, err := db.findFundTx(ctx, tx, d)
	if err == nil || !errors.Is(err, sql.ErrNoRows) {
		return f, err
	}
	f = &fundRef{designation: d}
	switch d.Kind {
	case parasat.DesignateGeneral:
		f.organisationID = d.ID
		err = tx.QueryRowContext(ctx, "SELECT region_code FROM organisations WHERE id = $1", d.ID).Scan(&f.region)
	case parasat.DesignateEvent:
		f.eventID = &d.ID
		err = tx.QueryRowContext(ctx, "SELECT lead_organisation_id, region_code, status FROM events WHERE id = $1", d.ID).
			Scan(&f.organisationID, &f.region, &f.eventStatus)
	default:
		return nil, d.Unknown(field)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return nil, d.Unknown(field)
	} else if err != nil {
		return nil, err
	}
	id, err := db.openFund(ctx, tx, d, f.organisationID)
	if errors.Is(err, errFundExists) {
		// Another transaction opened it meanwhile (PostgreSQL waited for it).
		return db.findFundTx(ctx, tx, d)
	}
	if err != nil {
		return nil, err
	}
	f.id = id
	return f, nil
}

// errFundExists: the fund was opened by another transaction first.
var errFundExists = errors.New("the fund exists")

// qFindFundTx reads a fund with its standing accounts, one row each.
const qFindFundTx = `SELECT f.id, f.organisation_id, COALESCE(ev.region_code, o.region_code), f.campaign_id, f.event_id,
	COALESCE(ev.status, ''), a.id, a.kind FROM funds f JOIN organisations o ON o.id = f.organisation_id
	LEFT JOIN events ev ON ev.id = f.event_id JOIN ledger_accounts a ON a.fund_id = f.id AND a.purpose = '' AND a.category = ''
	WHERE f.kind = $1 AND f.ref_id = $2`

// findFundTx reads the fund of a designation in a write transaction, with
// its standing accounts but without its partners (which only the policy
// needs); sql.ErrNoRows when it has none.
func (db *DB) findFundTx(ctx context.Context, tx *sql.Tx, d parasat.Designation) (*fundRef, error) {
	rows, err := db.query(ctx, tx, qFindFundTx, string(d.Kind), d.ID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	f := &fundRef{designation: d, accounts: make(map[string]int64, len(fundAccounts))}
	for rows.Next() {
		var (
			campaign, event, account sql.NullInt64
			kind                     string
		)
		if err := rows.Scan(&f.id, &f.organisationID, &f.region, &campaign, &event, &f.eventStatus, &account, &kind); err != nil {
			return nil, err
		}
		f.campaignID, f.eventID = int64Ptr(campaign), int64Ptr(event)
		f.accounts[kind] = account.Int64
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if f.id == 0 {
		return nil, sql.ErrNoRows
	}
	return f, nil
}

// findFund reads the fund of a designation with the partners of its
// campaign or event, in one statement; sql.ErrNoRows when it has none.
func (db *DB) findFund(ctx context.Context, d parasat.Designation) (*fundRef, error) {
	f := &fundRef{designation: d}
	var (
		campaign, event sql.NullInt64
		partners        sql.NullString
	)
	query := qFindFund
	if db.engine == Postgres {
		query = qFindFundPostgres
	}
	if err := db.readRow(ctx, query, string(d.Kind), d.ID).Scan(&f.id, &f.organisationID, &f.region, &campaign, &event,
		&f.eventStatus, &partners); err != nil {
		return nil, err
	}
	f.campaignID, f.eventID = int64Ptr(campaign), int64Ptr(event)
	var err error
	f.partners, err = parseIDList(partners.String)
	return f, err
}

// qFindFund reads a fund with the partners of its campaign or event as a
// list of ids (see idList).
var (
	qFindFund         = findFundQuery(SQLite)
	qFindFundPostgres = findFundQuery(Postgres)
)

func findFundQuery(e Engine) string {
	return `SELECT f.id, f.organisation_id, COALESCE(ev.region_code, o.region_code), f.campaign_id, f.event_id,
	COALESCE(ev.status, ''), COALESCE(` + idList(e, "organisation_id", "FROM campaign_partners WHERE campaign_id = f.campaign_id") + `,
	` + idList(e, "organisation_id", "FROM event_organisations WHERE event_id = f.event_id AND role = 'partner'") + `)
	FROM funds f JOIN organisations o ON o.id = f.organisation_id LEFT JOIN events ev ON ev.id = f.event_id
	WHERE f.kind = $1 AND f.ref_id = $2`
}

// openFund creates the fund a designation names, held by organisationID,
// and its four standing accounts.
func (db *DB) openFund(ctx context.Context, tx *sql.Tx, d parasat.Designation, organisationID int64) (int64, error) {
	var campaign, event *int64
	switch d.Kind {
	case parasat.DesignateCampaign:
		campaign = &d.ID
	case parasat.DesignateEvent:
		event = &d.ID
	}
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO funds (kind, ref_id, organisation_id, campaign_id, event_id, created_at)
		VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (kind, ref_id) DO NOTHING RETURNING id`,
		string(d.Kind), d.ID, organisationID, nullInt(campaign), nullInt(event), db.now()).Scan(&id)
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
