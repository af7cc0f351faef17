package sqlstore

import (
	"context"

	"github.com/parasat-kz/parasat"
)

var _ parasat.TransparencyService = (*DB)(nil)

// CampaignTransparency is the public account of a campaign's fund.
func (db *DB) CampaignTransparency(ctx context.Context, campaignID int64) (*parasat.Transparency, error) {
	c, err := db.Campaign(ctx, campaignID)
	if err != nil {
		return nil, err
	}
	t := &parasat.Transparency{Scope: "campaign", ID: c.ID, Name: c.Name, OrganisationID: c.OrganisationID, Region: c.Region,
		FundTotals: c.Totals, Campaign: c, Goods: []parasat.StockItem{}}
	if t.Spending, err = spendingByPurpose(ctx, db, []int64{c.FundID}); err != nil {
		return nil, err
	}
	t.NamedDonors, err = namedDonors(ctx, db, "fund", c.FundID)
	return t, err
}

// EventTransparency is the account of the money given for an event: its
// fund's totals, spending by purpose and the donors who agreed to be named;
// zeros while the event has received nothing.
func (db *DB) EventTransparency(ctx context.Context, eventID int64) (*parasat.Transparency, error) {
	f, err := db.Fund(ctx, parasat.Designation{Kind: parasat.DesignateEvent, ID: eventID})
	if err != nil {
		return nil, err
	}
	t := &parasat.Transparency{Scope: "event", ID: eventID, Name: f.Name, OrganisationID: f.OrganisationID, Region: f.Region,
		FundTotals: f.FundTotals, Goods: []parasat.StockItem{}, Spending: []parasat.PurposeTotal{}, NamedDonors: []parasat.PublicDonor{}}
	if f.ID == 0 {
		return t, nil
	}
	if t.Spending, err = spendingByPurpose(ctx, db, []int64{f.ID}); err != nil {
		return nil, err
	}
	t.NamedDonors, err = namedDonors(ctx, db, "fund", f.ID)
	return t, err
}

// OrganisationTransparency is the public account of all the funds an
// organisation holds (its general fund, its campaigns' and its events') and
// its stock of goods.
func (db *DB) OrganisationTransparency(ctx context.Context, organisationID int64) (*parasat.Transparency, error) {
	o, err := db.Organisation(ctx, organisationID)
	if err != nil {
		return nil, err
	}
	t := &parasat.Transparency{Scope: "organisation", ID: o.ID, Name: o.Name, OrganisationID: o.ID, Region: o.Region}
	funds, err := queryIDs(ctx, db.read, "SELECT id FROM funds WHERE organisation_id = $1", o.ID)
	if err != nil {
		return nil, err
	}
	totals, err := fundTotals(ctx, db.read, funds)
	if err != nil {
		return nil, err
	}
	for _, ft := range totals {
		t.Balance += ft.Balance
		t.Donations += ft.Donations
		t.TransfersIn += ft.TransfersIn
		t.TransfersOut += ft.TransfersOut
		t.Spent += ft.Spent
	}
	if t.Spending, err = spendingByPurpose(ctx, db, funds); err != nil {
		return nil, err
	}
	if t.Goods, err = db.ListStock(ctx, o.ID); err != nil {
		return nil, err
	}
	for _, s := range t.Goods {
		t.GoodsIn += s.ValueIn
		t.GoodsOut += s.ValueOut
		t.GoodsOnHand += s.ValueOnHand
	}
	t.NamedDonors, err = namedDonors(ctx, db, "organisation", o.ID)
	return t, err
}

// spendingByPurpose sums the funds' spending accounts by purpose and category.
func spendingByPurpose(ctx context.Context, db *DB, funds []int64) ([]parasat.PurposeTotal, error) {
	out := []parasat.PurposeTotal{}
	if len(funds) == 0 {
		return out, nil
	}
	var b listQuery
	rows, err := db.read.QueryContext(ctx, `SELECT purpose, category, SUM(balance_tiyn) FROM ledger_accounts
		WHERE kind = 'spending' AND fund_id IN (`+placeholders(&b, funds)+`) GROUP BY purpose, category
		HAVING SUM(balance_tiyn) <> 0 ORDER BY purpose, category`, b.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var p parasat.PurposeTotal
		if err := rows.Scan(&p.Purpose, &p.Category, &p.Amount); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// namedDonors are the donors who agreed to be named, largest gifts first.
func namedDonors(ctx context.Context, db *DB, scope string, id int64) ([]parasat.PublicDonor, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT name, total_tiyn, gifts FROM public_donors
		WHERE scope = $1 AND scope_id = $2 AND total_tiyn > 0 ORDER BY total_tiyn DESC, donor_key DESC LIMIT 100`, scope, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []parasat.PublicDonor{}
	for rows.Next() {
		var d parasat.PublicDonor
		if err := rows.Scan(&d.Name, &d.Amount, &d.Gifts); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}
