package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/parasat-kz/parasat"
)

// prefixRange returns the bounds [lo, hi) of the strings starting with p,
// so that a prefix search is an index range on both engines.
func prefixRange(p string) (string, string) {
	return p, p + "\U0010FFFF"
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// ListBeneficiaries returns one page of beneficiaries in id order.
func (db *DB) ListBeneficiaries(ctx context.Context, f parasat.BeneficiaryFilter) ([]parasat.Beneficiary, error) {
	var (
		where []string
		args  []any
	)
	arg := func(v any) string { args = append(args, v); return "$" + strconv.Itoa(len(args)) }
	where = append(where, "id > "+arg(f.After))
	if f.Region != "" {
		where = append(where, "region_code = "+arg(f.Region))
	}
	if f.OrganisationID != 0 {
		where = append(where, "id IN (SELECT beneficiary_id FROM beneficiary_organisations WHERE organisation_id = "+arg(f.OrganisationID)+")")
	}
	if f.Category != "" {
		where = append(where, "id IN (SELECT beneficiary_id FROM beneficiary_categories WHERE category = "+arg(string(f.Category))+")")
	}
	if f.HouseholdID != 0 {
		where = append(where, "household_id = "+arg(f.HouseholdID))
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		if isDigits(q) {
			lo, hi := q, q+":" // ':' follows '9'
			where = append(where, "iin >= "+arg(lo)+" AND iin < "+arg(hi))
		} else {
			lo, hi := prefixRange(parasat.FoldForSearch(q))
			l, h := arg(lo), arg(hi)
			names := "((name_key >= " + l + " AND name_key < " + h + ") OR (latin_key >= " + l + " AND latin_key < " + h + "))"
			if db.engine == SQLite {
				// Without statistics SQLite answers the OR by walking the table
				// in id order, all of it for a rare name (0.3–0.5 s for one
				// person among a million); taking the ids from the two covering
				// indexes first costs in proportion to the matches instead.
				names = "id IN (SELECT id FROM beneficiaries WHERE name_key >= " + l + " AND name_key < " + h +
					" UNION ALL SELECT id FROM beneficiaries WHERE latin_key >= " + l + " AND latin_key < " + h + ")"
			}
			where = append(where, names)
		}
	}
	if scope := scopeCondition(f.RegionIn, f.OrganisationIn, arg); scope != "" {
		where = append(where, scope)
	}
	if db.engine == Postgres {
		// Plan each search for its own values. A prepared statement's generic
		// plan, which PostgreSQL adopts after a few runs, guesses how many
		// rows a name or organisation matches and walks the table in id order
		// for a rare one: 0.2–0.6 s for one person among a million.
		args = append([]any{pgx.QueryExecModeCacheDescribe}, args...)
	}
	rows, err := db.read.QueryContext(ctx, "SELECT "+beneficiaryColumns+" FROM beneficiaries WHERE "+
		strings.Join(where, " AND ")+" ORDER BY id LIMIT "+strconv.Itoa(pageSize(f.Limit)), args...)
	if err != nil {
		return nil, err
	}
	out := []parasat.Beneficiary{}
	for rows.Next() {
		b, err := scanBeneficiary(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, b)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, db.loadBeneficiaryLinks(ctx, out)
}

// scopeCondition limits a list to the regions and serving organisations a
// caller may read; nil for both means no limit, empty means nothing.
func scopeCondition(regions []string, orgs []int64, arg func(any) string) string {
	if regions == nil && orgs == nil {
		return ""
	}
	var parts []string
	if len(regions) > 0 {
		marks := make([]string, len(regions))
		for i, r := range regions {
			marks[i] = arg(r)
		}
		parts = append(parts, "region_code IN ("+strings.Join(marks, ", ")+")")
	}
	if len(orgs) > 0 {
		marks := make([]string, len(orgs))
		for i, o := range orgs {
			marks[i] = arg(o)
		}
		parts = append(parts, "id IN (SELECT beneficiary_id FROM beneficiary_organisations WHERE organisation_id IN ("+strings.Join(marks, ", ")+"))")
	}
	if len(parts) == 0 {
		return "1 = 0"
	}
	return "(" + strings.Join(parts, " OR ") + ")"
}

// UpdateBeneficiary replaces a person's record.
func (db *DB) UpdateBeneficiary(ctx context.Context, b *parasat.Beneficiary) error {
	b.Normalize()
	return db.inTx(ctx, func(tx *sql.Tx) error {
		before, err := db.beneficiaryWhere(ctx, tx, "id = $1", b.ID)
		if err != nil {
			return err
		}
		// Before validating: an anonymised record has no name or IIN, and
		// the answer must be that it cannot change, not that they are missing.
		if before.Anonymised != nil {
			return parasat.Errorf(parasat.EConflict, "the record was anonymised and can no longer change")
		}
		if err := b.Validate(db.now()); err != nil {
			return err
		}
		if err := checkBeneficiaryRefs(ctx, tx, b); err != nil {
			return err
		}
		b.Consent.RecordedBy = before.Consent.RecordedBy
		if !sameDate(b.Consent.GivenOn, before.Consent.GivenOn) {
			b.Consent.RecordedBy = parasat.ActorFrom(ctx).UserID
		}
		now := db.now()
		nameKey, latinKey := beneficiaryKeys(b)
		_, err = tx.ExecContext(ctx, `UPDATE beneficiaries SET full_name = $2, latin_name = $3, name_key = $4, latin_key = $5,
			iin = $6, birth_date = $7, sex = $8, region_code = $9, address = $10, phone = $11, household_id = $12,
			relation = $13, notes = $14, consent_given_on = $15, consent_scope = $16, consent_recorded_by = $17,
			updated_at = $18 WHERE id = $1`,
			b.ID, b.FullName, b.LatinName, nameKey, latinKey, b.IIN, b.BirthDate.Time, b.Sex, b.Region, b.Address,
			b.Phone, nullInt(b.HouseholdID), b.Relation, b.Notes, dateValue(b.Consent.GivenOn), b.Consent.Scope,
			nullID(b.Consent.RecordedBy), now)
		if violates(err, uniqueViolation, "iin") {
			return db.duplicateIIN(ctx, b.IIN)
		}
		if err != nil {
			return fmt.Errorf("update beneficiary: %w", err)
		}
		b.Created, b.Updated = before.Created, now
		if err := writeBeneficiaryLinks(ctx, tx, b); err != nil {
			return err
		}
		return db.audit(ctx, tx, "update", "beneficiary", strconv.FormatInt(b.ID, 10), b.Region, auditView(before), auditView(b))
	})
}

func sameDate(a, b *parasat.Date) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.Equal(b.Time)
}

// RecordVisit logs that the actor opened a beneficiary's full record.
func (db *DB) RecordVisit(ctx context.Context, beneficiaryID int64) error {
	a := parasat.ActorFrom(ctx)
	_, err := db.write.ExecContext(ctx, "INSERT INTO record_visits (at, user_id, address, entity, entity_id) VALUES ($1, $2, $3, 'beneficiary', $4)",
		db.now(), nullID(a.UserID), a.Address, strconv.FormatInt(beneficiaryID, 10))
	return err
}

// Visits returns the latest openings of a beneficiary's record, newest first.
func (db *DB) Visits(ctx context.Context, beneficiaryID int64, limit int) ([]parasat.Visit, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT v.at, COALESCE(v.user_id, 0), COALESCE(u.name, ''), v.address
		FROM record_visits v LEFT JOIN users u ON u.id = v.user_id
		WHERE v.entity = 'beneficiary' AND v.entity_id = $1 ORDER BY v.id DESC LIMIT `+strconv.Itoa(pageSize(limit)),
		strconv.FormatInt(beneficiaryID, 10))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []parasat.Visit{}
	for rows.Next() {
		var v parasat.Visit
		if err := rows.Scan(&v.At, &v.UserID, &v.UserName, &v.Address); err != nil {
			return nil, err
		}
		v.At = v.At.UTC()
		out = append(out, v)
	}
	return out, rows.Err()
}

// AnonymiseBeneficiary erases what identifies a person and keeps what the
// statistics count. The audit row records that it happened, not the data.
func (db *DB) AnonymiseBeneficiary(ctx context.Context, id int64) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		b, err := db.beneficiaryWhere(ctx, tx, "id = $1", id)
		if err != nil {
			return err
		}
		if b.Anonymised != nil {
			return nil
		}
		now := db.now()
		// Keep the year of birth for age statistics; 1 July is the middle of it.
		yearOnly := time.Date(b.BirthDate.Year(), time.July, 1, 0, 0, 0, 0, time.UTC)
		_, err = tx.ExecContext(ctx, `UPDATE beneficiaries SET full_name = '', latin_name = '', name_key = '', latin_key = '',
			iin = NULL, birth_date = $2, address = '', phone = '', relation = '', notes = '', consent_scope = '',
			anonymised_at = $3, updated_at = $3 WHERE id = $1`, id, yearOnly, now)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, "DELETE FROM beneficiary_documents WHERE beneficiary_id = $1", id)
		if err != nil {
			return fmt.Errorf("delete documents: %w", err)
		}
		if err := eraseKey(ctx, tx, "beneficiary", strconv.FormatInt(id, 10)); err != nil {
			return err
		}
		after := map[string]any{"anonymised": true}
		if n, _ := res.RowsAffected(); n > 0 {
			after["documents_deleted"] = n
		}
		return db.audit(ctx, tx, "update", "beneficiary", strconv.FormatInt(id, 10), b.Region,
			map[string]any{"anonymised": false}, after)
	})
}
