package sqlstore

import (
	"context"
	"database/sql"
	"strconv"

	"github.com/parasat-kz/parasat"
)

var _ parasat.LedgerService = (*DB)(nil)

func (db *DB) today() parasat.Date { return parasat.DayInKazakhstan(db.now()) }

// RecordSpending records money going out of a fund for a purpose.
func (db *DB) RecordSpending(ctx context.Context, s *parasat.Spending) (*parasat.LedgerEntry, error) {
	s.Normalize()
	if err := s.Validate(db.today()); err != nil {
		return nil, err
	}
	e := &parasat.LedgerEntry{}
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		return db.idempotent(ctx, tx, e, func() error {
			got, err := db.spendInTx(ctx, tx, s)
			if err == nil {
				*e = *got
			}
			return err
		})
	})
	return e, err
}

// RecordSpendings records several spendings in one transaction, all or
// none; field names of a refused one are prefixed with its index.
func (db *DB) RecordSpendings(ctx context.Context, ss []*parasat.Spending) ([]*parasat.LedgerEntry, error) {
	today := db.today()
	for i, s := range ss {
		s.Normalize()
		if err := s.Validate(today); err != nil {
			return nil, atIndex(i, err)
		}
	}
	out := make([]*parasat.LedgerEntry, len(ss))
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		for i, s := range ss {
			e, err := db.spendInTx(ctx, tx, s)
			if err != nil {
				return atIndex(i, err)
			}
			out[i] = e
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// spendInTx records a spending inside the caller's transaction, with its
// audit row. The spending must be normalized and validated. Other stores
// call it to pay for what they record (money aid, an event's costs), so the
// record and its money share one transaction.
func (db *DB) spendInTx(ctx context.Context, tx *sql.Tx, s *parasat.Spending) (*parasat.LedgerEntry, error) {
	f, err := db.resolveFund(ctx, tx, s.Fund, "fund")
	if err != nil {
		return nil, err
	}
	legs, err := db.legsOf(ctx, tx, s.Purpose, s.Category, []*fundRef{f},
		leg{fund: f.id, kind: accountCash, amount: -s.Amount}, leg{fund: f.id, kind: accountSpending, amount: s.Amount})
	if err != nil {
		return nil, err
	}
	e := &parasat.LedgerEntry{Kind: parasat.EntrySpending, Fund: f.designation, FundID: f.id, OrganisationID: f.organisationID,
		Amount: s.Amount, OccurredOn: s.OccurredOn, Purpose: s.Purpose, Category: s.Category, Memo: s.Memo}
	if err := db.postEntry(ctx, tx, e, legs, s.AllowOverdraft); err != nil {
		return nil, err
	}
	return e, db.auditEntry(ctx, tx, e, f.region)
}

// RecordTransfer moves money from one fund to another.
func (db *DB) RecordTransfer(ctx context.Context, t *parasat.Transfer) (*parasat.LedgerEntry, error) {
	t.Normalize()
	if err := t.Validate(db.today()); err != nil {
		return nil, err
	}
	e := &parasat.LedgerEntry{}
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		return db.idempotent(ctx, tx, e, func() error {
			from, err := db.resolveFund(ctx, tx, t.From, "from")
			if err != nil {
				return err
			}
			to, err := db.resolveFund(ctx, tx, t.To, "to")
			if err != nil {
				return err
			}
			if err := to.takesMoney("to"); err != nil {
				return err
			}
			legs, err := db.legsOf(ctx, tx, "", "", []*fundRef{from, to},
				leg{fund: from.id, kind: accountCash, amount: -t.Amount}, leg{fund: from.id, kind: accountTransfersOut, amount: t.Amount},
				leg{fund: to.id, kind: accountTransfersIn, amount: -t.Amount}, leg{fund: to.id, kind: accountCash, amount: t.Amount})
			if err != nil {
				return err
			}
			*e = parasat.LedgerEntry{Kind: parasat.EntryTransfer, Fund: from.designation, FundID: from.id,
				OrganisationID: from.organisationID, To: &to.designation, ToFundID: &to.id, ToOrganisationID: &to.organisationID,
				Amount: t.Amount, OccurredOn: t.OccurredOn, Memo: t.Memo}
			if err := db.postEntry(ctx, tx, e, legs, t.AllowOverdraft); err != nil {
				return err
			}
			return db.auditEntry(ctx, tx, e, from.region)
		})
	})
	return e, err
}

// ReverseEntry reverses any entry but a reversal; reversing a donation's
// entry also undoes what the donation changed (see ReverseDonation).
func (db *DB) ReverseEntry(ctx context.Context, r *parasat.Reversal) (*parasat.LedgerEntry, error) {
	r.Normalize()
	if err := r.Validate(); err != nil {
		return nil, err
	}
	e := &parasat.LedgerEntry{}
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		return db.idempotent(ctx, tx, e, func() error {
			got, err := db.reverseInTx(ctx, tx, r)
			if err == nil {
				*e = *got
			}
			return err
		})
	})
	return e, err
}

// reverseInTx posts the opposite of an entry, which must not be a reversal
// nor reversed already, and undoes a donation's side records.
func (db *DB) reverseInTx(ctx context.Context, tx *sql.Tx, r *parasat.Reversal) (*parasat.LedgerEntry, error) {
	orig, err := getEntries(ctx, tx, []int64{r.EntryID})
	if err != nil {
		return nil, err
	}
	if len(orig) == 0 {
		return nil, parasat.Errorf(parasat.ENotFound, "ledger entry %d not found", r.EntryID)
	}
	o := orig[0]
	switch {
	case o.Kind == parasat.EntryReversal:
		return nil, &parasat.Error{Code: parasat.EInvalid, Message: "a reversal cannot be reversed",
			Fields: []parasat.FieldError{{Field: "entry", Code: "reversal.of_reversal",
				Message: "this entry is itself a reversal; record the correct entry again instead"}}}
	case o.ReversedBy != nil:
		return nil, alreadyReversed()
	}
	legs, err := reversedLegs(ctx, tx, o.ID)
	if err != nil {
		return nil, err
	}
	e := &parasat.LedgerEntry{Kind: parasat.EntryReversal, Fund: o.Fund, FundID: o.FundID, OrganisationID: o.OrganisationID,
		To: o.To, ToFundID: o.ToFundID, ToOrganisationID: o.ToOrganisationID, Amount: o.Amount, OccurredOn: db.today(),
		Purpose: o.Purpose, Category: o.Category, Memo: o.Memo, Reverses: &o.ID, Reason: r.Reason, DonationID: o.DonationID}
	if err := db.postEntry(ctx, tx, e, legs, r.AllowOverdraft); err != nil {
		return nil, err
	}
	if o.DonationID != nil {
		if err := db.undoDonation(ctx, tx, *o.DonationID); err != nil {
			return nil, err
		}
	}
	f, err := db.findFundTx(ctx, tx, o.Fund)
	if err != nil {
		return nil, err
	}
	return e, db.auditEntry(ctx, tx, e, f.region)
}

// reversedLegs are the postings of an entry with opposite signs.
func reversedLegs(ctx context.Context, tx *sql.Tx, entryID int64) ([]leg, error) {
	rows, err := tx.QueryContext(ctx, `SELECT p.account_id, a.fund_id, a.kind, p.amount_tiyn FROM ledger_postings p
		JOIN ledger_accounts a ON a.id = p.account_id WHERE p.entry_id = $1`, entryID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var legs []leg
	for rows.Next() {
		var l leg
		if err := rows.Scan(&l.account, &l.fund, &l.kind, &l.amount); err != nil {
			return nil, err
		}
		l.amount = -l.amount
		legs = append(legs, l)
	}
	return legs, rows.Err()
}

// auditEntry writes the audit row of a new entry.
func (db *DB) auditEntry(ctx context.Context, tx *sql.Tx, e *parasat.LedgerEntry, region string) error {
	return db.audit(ctx, tx, "create", "ledger_entry", strconv.FormatInt(e.ID, 10), region, nil, e)
}
