package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strconv"

	"github.com/parasat-kz/parasat"
)

var _ parasat.DonationService = (*DB)(nil)

// RecordDonation records a gift of money in one transaction: its ledger
// entry (cash in, donations out), the gift, its numbered receipt for a
// named donor, the pledge it fulfils, the public totals and the day's money
// raised, and the audit row.
func (db *DB) RecordDonation(ctx context.Context, d *parasat.Donation) error {
	d.Normalize()
	if err := d.Validate(db.today()); err != nil {
		return err
	}
	return db.inGroupTx(ctx, func(tx *sql.Tx) error {
		answer := &encodedAnswer{v: d}
		return db.idempotent(ctx, tx, answer, func() error { return db.donateInTx(ctx, tx, d, &answer.json) })
	})
}

// RecordDonations records several gifts in one transaction, all or none;
// field names of a refused one are prefixed with its index.
func (db *DB) RecordDonations(ctx context.Context, ds []*parasat.Donation) error {
	today := db.today()
	for i, d := range ds {
		d.Normalize()
		if err := d.Validate(today); err != nil {
			return atIndex(i, err)
		}
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		for i, d := range ds {
			if err := db.donateInTx(ctx, tx, d, nil); err != nil {
				return atIndex(i, err)
			}
		}
		return nil
	})
}

// donateInTx records a gift in tx. The gift's JSON, encoded for its audit
// row, is kept in encoded when it is not nil.
func (db *DB) donateInTx(ctx context.Context, tx *sql.Tx, d *parasat.Donation, encoded *[]byte) error {
	f, err := db.resolveFund(ctx, tx, d.Designation, "designation")
	if err != nil {
		return err
	}
	if err := f.takesMoney("designation"); err != nil {
		return err
	}
	if err := db.checkDonor(ctx, tx, &d.Donor, &d.DonorUserID); err != nil {
		return err
	}
	if d.PledgeID != nil {
		if err := checkPledge(ctx, tx, d, f); err != nil {
			return err
		}
	}
	legs, err := db.legsOf(ctx, tx, "", "", []*fundRef{f}, leg{fund: f.id, kind: accountCash, amount: d.Amount},
		leg{fund: f.id, kind: accountDonations, amount: -d.Amount})
	if err != nil {
		return err
	}
	e := &parasat.LedgerEntry{Kind: parasat.EntryDonation, Fund: f.designation, FundID: f.id, OrganisationID: f.organisationID,
		Amount: d.Amount, OccurredOn: d.ReceivedOn}
	if err := db.postEntry(ctx, tx, e, legs, false); err != nil {
		return err
	}
	d.FundID, d.OrganisationID, d.Region, d.EntryID, d.Recorded, d.Partners = f.id, f.organisationID, f.region, e.ID, e.Recorded, f.partners
	d.ID, err = db.insertID(ctx, tx, qInsertDonation, e.ID, f.id, f.organisationID, nullInt(f.campaignID), nullInt(f.eventID),
		string(d.Donor.Kind), nullInt(d.Donor.PatronID), d.Donor.Name, d.Donor.Contact, string(d.Donor.Language), d.Donor.Public,
		d.Amount, d.ReceivedOn.Time, string(d.Channel), d.Reference, nullInt(d.PledgeID), d.Recorded)
	if err != nil {
		return err
	}
	if d.Donor.Kind != parasat.DonorAnonymous {
		if d.Receipt, err = db.issueReceipt(ctx, tx, d); err != nil {
			return err
		}
	}
	if err := db.donationTotals(ctx, tx, d, 1); err != nil {
		return err
	}
	raw, err := json.Marshal(d)
	if err != nil {
		return err
	}
	if encoded != nil {
		*encoded = raw
	}
	return db.auditCreatedJSON(ctx, tx, "donation", strconv.FormatInt(d.ID, 10), f.region, raw)
}

// checkDonor fills in a patron's name and account, and refuses to name
// publicly a patron who has not agreed to it.
func (db *DB) checkDonor(ctx context.Context, tx *sql.Tx, donor *parasat.Donor, userID **int64) error {
	if donor.Kind != parasat.DonorPatron {
		return nil
	}
	var (
		consent bool
		user    sql.NullInt64
	)
	err := db.queryRow(ctx, tx, qPatronDonor, *donor.PatronID).Scan(&donor.Name, &consent, &user)
	if errors.Is(err, sql.ErrNoRows) {
		p := parasat.Problems{}
		p.Add("donor.patron_id", "patron.unknown", "no patron has this id")
		return p.Err()
	}
	if err != nil {
		return err
	}
	if donor.Public && !consent {
		p := parasat.Problems{}
		p.Add("donor.public", "donor.no_consent", "the patron has not agreed to be named publicly")
		return p.Err()
	}
	*userID = int64Ptr(user)
	return nil
}

// checkPledge makes sure the gift comes from the pledge's patron to the
// fund of its campaign or event.
func checkPledge(ctx context.Context, tx *sql.Tx, d *parasat.Donation, f *fundRef) error {
	var (
		patron          int64
		campaign, event sql.NullInt64
	)
	err := tx.QueryRowContext(ctx, "SELECT patron_id, campaign_id, event_id FROM pledges WHERE id = $1", *d.PledgeID).
		Scan(&patron, &campaign, &event)
	p := parasat.Problems{}
	switch {
	case errors.Is(err, sql.ErrNoRows):
		p.Add("pledge_id", "pledge.unknown", "no pledge has this id")
	case err != nil:
		return err
	case patron != *d.Donor.PatronID || !sameID(campaign, f.campaignID) || !sameID(event, f.eventID):
		p.Add("pledge_id", "pledge.mismatch", "the pledge is another patron's or for another campaign or event")
	}
	return p.Err()
}

// sameID reports whether a column and a fund's reference name the same
// record, or both none.
func sameID(col sql.NullInt64, ref *int64) bool {
	if !col.Valid || ref == nil {
		return !col.Valid && ref == nil
	}
	return col.Int64 == *ref
}

// issueReceipt gives the gift the next receipt number of its organisation
// and year. The counter row is advanced in the gift's transaction: a gift
// rolled back takes its number with it, and concurrent gifts wait for the
// row (PostgreSQL) or the write lock (SQLite), so numbers have no gaps.
func (db *DB) issueReceipt(ctx context.Context, tx *sql.Tx, d *parasat.Donation) (*parasat.Receipt, error) {
	r := &parasat.Receipt{DonationID: d.ID, OrganisationID: d.OrganisationID, Year: d.ReceivedOn.Year(),
		Language: d.Donor.Language, Issued: d.Recorded}
	key := []any{r.OrganisationID, r.Year}
	if err := db.changeReturning(ctx, tx, qReceiptCounter, "last_number", qReceiptNumber, key, key, &r.Number); err != nil {
		return nil, err
	}
	var err error
	r.ID, err = db.insertID(ctx, tx, qInsertReceipt, r.DonationID, r.OrganisationID, r.Year, r.Number, string(r.Language), r.Issued)
	return r, err
}

// donationTotals adds a gift (sign 1) or takes it away (sign −1, when it is
// reversed) from its pledge, the public donors' totals and the money raised
// on its day.
func (db *DB) donationTotals(ctx context.Context, tx *sql.Tx, d *parasat.Donation, sign int64) error {
	amount := sign * d.Amount
	if d.PledgeID != nil {
		if _, err := tx.ExecContext(ctx, "UPDATE pledges SET received_tiyn = received_tiyn + $1 WHERE id = $2", amount, *d.PledgeID); err != nil {
			return err
		}
	}
	if d.Donor.Public {
		key := "n:" + parasat.FoldForSearch(d.Donor.Name)
		if d.Donor.PatronID != nil {
			key = "p:" + strconv.FormatInt(*d.Donor.PatronID, 10)
		}
		if _, err := db.exec(ctx, tx, qPublicDonors, "fund", d.FundID, key, d.Donor.Name, amount, sign, "organisation",
			d.OrganisationID); err != nil {
			return err
		}
	}
	_, err := db.exec(ctx, tx, qMoneyDaily, d.OrganisationID, d.ReceivedOn.Time, amount, sign)
	return err
}

// The statements of recording a gift (prepared on SQLite, see prepared.go).
const (
	qPatronDonor    = "SELECT name, public_consent, user_id FROM patrons WHERE id = $1"
	qInsertDonation = `INSERT INTO donations (entry_id, fund_id, organisation_id, campaign_id, event_id, donor_kind, patron_id,
		donor_name, donor_contact, donor_language, public_name, amount_tiyn, received_on, channel, channel_reference, pledge_id,
		recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`
	qReceiptCounter = `INSERT INTO receipt_counters (organisation_id, year, last_number) VALUES ($1, $2, 1)
		ON CONFLICT (organisation_id, year) DO UPDATE SET last_number = receipt_counters.last_number + 1`
	qReceiptNumber = "SELECT last_number FROM receipt_counters WHERE organisation_id = $1 AND year = $2"
	qInsertReceipt = `INSERT INTO receipts (donation_id, organisation_id, year, number, language, issued_at)
		VALUES ($1, $2, $3, $4, $5, $6)`
	// qPublicDonors adds to a donor's totals of the fund and of the organisation.
	qPublicDonors = `INSERT INTO public_donors (scope, scope_id, donor_key, name, total_tiyn, gifts)
		VALUES ($1, $2, $3, $4, $5, $6), ($7, $8, $3, $4, $5, $6) ON CONFLICT (scope, scope_id, donor_key) DO UPDATE
		SET total_tiyn = public_donors.total_tiyn + excluded.total_tiyn, gifts = public_donors.gifts + excluded.gifts`
	qMoneyDaily = `INSERT INTO money_daily (organisation_id, day, raised_tiyn, donations) VALUES ($1, $2, $3, $4)
		ON CONFLICT (organisation_id, day) DO UPDATE SET raised_tiyn = money_daily.raised_tiyn + excluded.raised_tiyn,
		donations = money_daily.donations + excluded.donations`
)

// undoDonation takes a reversed gift out of its pledge and the totals.
func (db *DB) undoDonation(ctx context.Context, tx *sql.Tx, donationID int64) error {
	list, err := db.donationsWhere(ctx, tx, "d.id = $1", donationID)
	if err != nil {
		return err
	}
	if len(list) == 0 {
		return parasat.Errorf(parasat.ENotFound, "donation %d not found", donationID)
	}
	return db.donationTotals(ctx, tx, &list[0], -1)
}

// ReverseDonation reverses the entry of a gift.
func (db *DB) ReverseDonation(ctx context.Context, donationID int64, r *parasat.Reversal) (*parasat.LedgerEntry, error) {
	var entry int64
	err := db.read.QueryRowContext(ctx, "SELECT entry_id FROM donations WHERE id = $1", donationID).Scan(&entry)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, parasat.Errorf(parasat.ENotFound, "donation %d not found", donationID)
	}
	if err != nil {
		return nil, err
	}
	r.EntryID = entry
	return db.ReverseEntry(ctx, r)
}
