package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"time"

	"github.com/parasat-kz/parasat"
)

var _ parasat.BeneficiaryService = (*DB)(nil)

const beneficiaryColumns = `id, full_name, latin_name, COALESCE(iin, ''), birth_date, sex, region_code, address, phone,
	household_id, relation, notes, consent_given_on, consent_scope, COALESCE(consent_recorded_by, 0), anonymised_at,
	created_at, updated_at`

func scanBeneficiary(row interface{ Scan(...any) error }) (parasat.Beneficiary, error) {
	var (
		b          parasat.Beneficiary
		birth      time.Time
		household  sql.NullInt64
		consent    sql.NullTime
		anonymised sql.NullTime
	)
	err := row.Scan(&b.ID, &b.FullName, &b.LatinName, &b.IIN, &birth, &b.Sex, &b.Region, &b.Address, &b.Phone,
		&household, &b.Relation, &b.Notes, &consent, &b.Consent.Scope, &b.Consent.RecordedBy, &anonymised,
		&b.Created, &b.Updated)
	b.BirthDate = parasat.Date{Time: birth.UTC()}
	if household.Valid {
		b.HouseholdID = &household.Int64
	}
	if consent.Valid {
		b.Consent.GivenOn = &parasat.Date{Time: consent.Time.UTC()}
	}
	b.Anonymised = timePtr(anonymised)
	b.Created, b.Updated = b.Created.UTC(), b.Updated.UTC()
	b.Categories, b.Organisations = []parasat.CategoryAssignment{}, []int64{}
	return b, err
}

func dateValue(d *parasat.Date) any {
	if d == nil {
		return nil
	}
	return d.Time
}

// beneficiaryKeys are the folded names the prefix search compares with.
func beneficiaryKeys(b *parasat.Beneficiary) (string, string) {
	return parasat.FoldForSearch(b.FullName), parasat.FoldForSearch(b.LatinName)
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// auditView is what the audit log keeps of a beneficiary: everything but the
// computed warnings.
func auditView(b *parasat.Beneficiary) *parasat.Beneficiary {
	c := *b
	c.Warnings = nil
	return &c
}

// duplicateIIN is the conflict of a second record with an IIN. It names the
// existing record; the HTTP layer shows it only to those who may read it.
func (db *DB) duplicateIIN(ctx context.Context, iin string) error {
	e := &parasat.Error{Code: parasat.EConflict, Message: "a beneficiary with this IIN exists",
		Fields: []parasat.FieldError{{Field: "iin", Code: "iin.taken", Message: "a person with this IIN is already registered"}}}
	if existing, err := db.BeneficiaryByIIN(ctx, iin); err == nil {
		e.Existing = &parasat.RecordRef{Entity: "beneficiary", ID: existing.ID, Resource: existing.Resource()}
	}
	return e
}

func checkBeneficiaryRefs(ctx context.Context, tx *sql.Tx, b *parasat.Beneficiary) error {
	var p parasat.Problems
	if !exists(ctx, tx, "SELECT COUNT(*) FROM regions WHERE code = $1", b.Region) {
		p.Add("region", "region.unknown", "no region has this code")
	}
	if b.HouseholdID != nil && !exists(ctx, tx, "SELECT COUNT(*) FROM households WHERE id = $1", *b.HouseholdID) {
		p.Add("household_id", "household.unknown", "no household has this id")
	}
	for _, id := range b.Organisations {
		if !exists(ctx, tx, "SELECT COUNT(*) FROM organisations WHERE id = $1", id) {
			p.Add("organisations", "organisation.unknown", "no organisation has this id")
			break
		}
	}
	return p.Err()
}

// writeBeneficiaryLinks replaces the categories and serving organisations.
func writeBeneficiaryLinks(ctx context.Context, tx *sql.Tx, b *parasat.Beneficiary) error {
	for _, q := range []string{"DELETE FROM beneficiary_categories WHERE beneficiary_id = $1",
		"DELETE FROM beneficiary_organisations WHERE beneficiary_id = $1"} {
		if _, err := tx.ExecContext(ctx, q, b.ID); err != nil {
			return err
		}
	}
	for _, c := range b.Categories {
		if _, err := tx.ExecContext(ctx, `INSERT INTO beneficiary_categories (beneficiary_id, category, valid_from, valid_until)
			VALUES ($1, $2, $3, $4)`, b.ID, c.Category, dateValue(c.ValidFrom), dateValue(c.ValidUntil)); err != nil {
			return err
		}
	}
	seen := map[int64]bool{}
	for _, id := range b.Organisations {
		if seen[id] {
			continue
		}
		seen[id] = true
		if _, err := tx.ExecContext(ctx, "INSERT INTO beneficiary_organisations (beneficiary_id, organisation_id) VALUES ($1, $2)",
			b.ID, id); err != nil {
			return err
		}
	}
	return nil
}

// Beneficiary returns one person with their categories and organisations.
func (db *DB) Beneficiary(ctx context.Context, id int64) (*parasat.Beneficiary, error) {
	return db.beneficiaryWhere(ctx, db.read, "id = $1", id)
}

// BeneficiaryByIIN finds the person with an IIN.
func (db *DB) BeneficiaryByIIN(ctx context.Context, iin string) (*parasat.Beneficiary, error) {
	return db.beneficiaryWhere(ctx, db.read, "iin = $1", iin)
}

func (db *DB) beneficiaryWhere(ctx context.Context, q queryRower, where string, arg any) (*parasat.Beneficiary, error) {
	b, err := scanBeneficiary(q.QueryRowContext(ctx, "SELECT "+beneficiaryColumns+" FROM beneficiaries WHERE "+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, parasat.Errorf(parasat.ENotFound, "beneficiary not found")
	}
	if err != nil {
		return nil, err
	}
	list := []parasat.Beneficiary{b}
	if err := db.loadBeneficiaryLinks(ctx, list); err != nil {
		return nil, err
	}
	b = list[0]
	b.Warnings = parasat.IINWarnings(b.IIN, b.BirthDate, b.Sex)
	return &b, nil
}

// loadBeneficiaryLinks fills categories and organisations of a page of
// beneficiaries with two queries, whatever the page size.
func (db *DB) loadBeneficiaryLinks(ctx context.Context, list []parasat.Beneficiary) error {
	if len(list) == 0 {
		return nil
	}
	index := map[int64]int{}
	marks, args := inList(len(list), func(i int) any { index[list[i].ID] = i; return list[i].ID })
	rows, err := db.read.QueryContext(ctx, `SELECT beneficiary_id, category, valid_from, valid_until
		FROM beneficiary_categories WHERE beneficiary_id IN (`+marks+`) ORDER BY beneficiary_id, category`, args...)
	if err != nil {
		return err
	}
	for rows.Next() {
		var (
			id          int64
			c           parasat.CategoryAssignment
			from, until sql.NullTime
		)
		if err := rows.Scan(&id, &c.Category, &from, &until); err != nil {
			rows.Close()
			return err
		}
		c.ValidFrom, c.ValidUntil = datePtr(from), datePtr(until)
		list[index[id]].Categories = append(list[index[id]].Categories, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = db.read.QueryContext(ctx, `SELECT beneficiary_id, organisation_id FROM beneficiary_organisations
		WHERE beneficiary_id IN (`+marks+`) ORDER BY beneficiary_id, organisation_id`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, org int64
		if err := rows.Scan(&id, &org); err != nil {
			return err
		}
		list[index[id]].Organisations = append(list[index[id]].Organisations, org)
	}
	return rows.Err()
}

func datePtr(t sql.NullTime) *parasat.Date {
	if !t.Valid {
		return nil
	}
	return &parasat.Date{Time: t.Time.UTC()}
}

// inList returns "$1, $2, …" for n values and the values themselves.
func inList(n int, value func(i int) any) (string, []any) {
	marks := make([]byte, 0, n*4)
	args := make([]any, n)
	for i := 0; i < n; i++ {
		if i > 0 {
			marks = append(marks, ", "...)
		}
		marks = append(marks, '$')
		marks = strconv.AppendInt(marks, int64(i+1), 10)
		args[i] = value(i)
	}
	return string(marks), args
}
