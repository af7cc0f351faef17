package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"github.com/parasat-kz/parasat"
)

// CreateBeneficiary registers a person. A second record with the same IIN is
// refused by the database itself, so even concurrent inserts cannot make one.
func (db *DB) CreateBeneficiary(ctx context.Context, b *parasat.Beneficiary) error {
	return db.CreateBeneficiaries(ctx, []*parasat.Beneficiary{b})
}

// CreateBeneficiaries registers people in one transaction, all or none.
// Every person is checked before anything is written; the rows, their
// links and their audit rows are then written in multi-row statements, so
// that an import of 100,000 people takes seconds.
func (db *DB) CreateBeneficiaries(ctx context.Context, list []*parasat.Beneficiary) error {
	first := map[string]int{}
	for i, b := range list {
		b.Normalize()
		if err := b.Validate(db.now()); err != nil {
			return err
		}
		if j, dup := first[b.IIN]; dup {
			return &parasat.Error{Code: parasat.EConflict, Message: "the same IIN is given twice",
				Fields: []parasat.FieldError{{Field: "iin", Code: "iin.taken",
					Message: fmt.Sprintf("people %d and %d have the same IIN", j, i)}}}
		}
		first[b.IIN] = i
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if err := checkRefs(ctx, tx, beneficiaryRefChecks(list)...); err != nil {
			return err
		}
		now, actor := db.now(), parasat.ActorFrom(ctx).UserID
		for _, b := range list {
			if b.Consent.GivenOn != nil {
				b.Consent.RecordedBy = actor
			}
			b.Created, b.Updated = now, now
		}
		if err := beneficiaryInsert(db).run(ctx, db, tx, list); err != nil {
			return err
		}
		var cats, orgs [][]any
		audits := make([]batchAudit, len(list))
		for i, b := range list {
			for _, c := range b.Categories {
				cats = append(cats, []any{b.ID, c.Category, dateValue(c.ValidFrom), dateValue(c.ValidUntil)})
			}
			seen := map[int64]bool{}
			for _, id := range b.Organisations {
				if !seen[id] {
					orgs, seen[id] = append(orgs, []any{b.ID, id}), true
				}
			}
			audits[i] = batchAudit{strconv.FormatInt(b.ID, 10), b.Region, auditView(b)}
		}
		if err := db.insertMany(ctx, tx, "beneficiary_categories", "beneficiary_id, category, valid_from, valid_until", cats); err != nil {
			return err
		}
		if err := db.insertMany(ctx, tx, "beneficiary_organisations", "beneficiary_id, organisation_id", orgs); err != nil {
			return err
		}
		return db.auditCreates(ctx, tx, "beneficiary", audits)
	})
}

var beneficiaryInsertColumns = []string{"full_name", "latin_name", "name_key", "latin_key", "iin", "birth_date", "sex",
	"region_code", "address", "phone", "household_id", "relation", "notes", "consent_given_on", "consent_scope",
	"consent_recorded_by", "created_at", "updated_at"}

// beneficiaryInsert writes people, each found back by IIN.
func beneficiaryInsert(db *DB) bulkInsert[*parasat.Beneficiary] {
	return bulkInsert[*parasat.Beneficiary]{table: "beneficiaries", columns: beneficiaryInsertColumns,
		values: func(b *parasat.Beneficiary) []any {
			nameKey, latinKey := beneficiaryKeys(b)
			return []any{b.FullName, b.LatinName, nameKey, latinKey, b.IIN, b.BirthDate.Time, b.Sex, b.Region, b.Address,
				b.Phone, nullInt(b.HouseholdID), b.Relation, b.Notes, dateValue(b.Consent.GivenOn), b.Consent.Scope,
				nullID(b.Consent.RecordedBy), b.Created, b.Updated}
		},
		returning: "id, iin",
		scan: func(rows *sql.Rows) (int64, keyed, error) {
			var got parasat.Beneficiary
			err := rows.Scan(&got.ID, &got.IIN)
			return got.ID, &got, err
		},
		setID: func(b *parasat.Beneficiary, id int64) { b.ID = id },
		failed: func(ctx context.Context, chunk []*parasat.Beneficiary, err error) error {
			if violates(err, uniqueViolation, "iin") {
				return db.duplicateIINOf(ctx, chunk)
			}
			return fmt.Errorf("insert beneficiaries: %w", err)
		},
	}
}

// duplicateIINOf names the first person of the list whose IIN is taken.
func (db *DB) duplicateIINOf(ctx context.Context, list []*parasat.Beneficiary) error {
	ids, err := db.MatchBeneficiaries(ctx, list)
	if err == nil {
		for i, id := range ids {
			if id != 0 {
				return db.duplicateIIN(ctx, list[i].IIN)
			}
		}
	}
	return db.duplicateIIN(ctx, list[0].IIN)
}

// beneficiaryRefChecks are the references of many people, one check per table.
func beneficiaryRefChecks(list []*parasat.Beneficiary) []refCheck {
	checks := []refCheck{
		{"regions", "code", map[any]bool{}, parasat.FieldError{Field: "region", Code: "region.unknown", Message: "no region has this code"}},
		{"households", "id", map[any]bool{}, parasat.FieldError{Field: "household_id", Code: "household.unknown",
			Message: "no household has this id"}},
		{"organisations", "id", map[any]bool{}, parasat.FieldError{Field: "organisations", Code: "organisation.unknown",
			Message: "no organisation has this id"}},
	}
	for _, b := range list {
		checks[0].values[b.Region] = true
		if b.HouseholdID != nil {
			checks[1].values[*b.HouseholdID] = true
		}
		for _, id := range b.Organisations {
			checks[2].values[id] = true
		}
	}
	return checks
}
