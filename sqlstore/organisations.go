package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/parasat-kz/parasat"
)

var _ parasat.OrganisationService = (*DB)(nil)

const organisationColumns = `id, name_kk, name_ru, name_en, type, region_code, bin, parent_id,
	phone, email, website, address, created_at, updated_at`

func scanOrganisation(row interface{ Scan(...any) error }) (parasat.Organisation, error) {
	var (
		o      parasat.Organisation
		bin    sql.NullString
		parent sql.NullInt64
	)
	err := row.Scan(&o.ID, &o.Name.KK, &o.Name.RU, &o.Name.EN, &o.Type, &o.Region, &bin, &parent,
		&o.Contacts.Phone, &o.Contacts.Email, &o.Contacts.Website, &o.Contacts.Address, &o.Created, &o.Updated)
	o.BIN = bin.String
	if parent.Valid {
		o.ParentID = &parent.Int64
	}
	o.Created, o.Updated = o.Created.UTC(), o.Updated.UTC()
	return o, err
}

func organisationSearchText(o *parasat.Organisation) string {
	return parasat.FoldForSearch(strings.Join([]string{o.Name.KK, o.Name.RU, o.Name.EN}, "\n"))
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nullInt(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}

// DefaultPageSize and MaxPageSize bound list queries.
const (
	DefaultPageSize = 50
	MaxPageSize     = 500
)

func pageSize(n int) int {
	switch {
	case n <= 0:
		return DefaultPageSize
	case n > MaxPageSize:
		return MaxPageSize
	}
	return n
}

// ListOrganisations returns one page of organisations in id order.
func (db *DB) ListOrganisations(ctx context.Context, f parasat.OrganisationFilter) ([]parasat.Organisation, error) {
	var (
		where []string
		args  []any
	)
	arg := func(v any) string { args = append(args, v); return "$" + strconv.Itoa(len(args)) }
	order := "id"
	if name := sortName(f.SortByName); name != "" {
		order = name + ", id"
		if f.After > 0 {
			n, id := arg(f.AfterName), arg(f.After)
			where = append(where, "("+name+" > "+n+" OR ("+name+" = "+n+" AND id > "+id+"))")
		}
	} else {
		where = append(where, "id > "+arg(f.After))
	}
	if f.Region != "" {
		where = append(where, "region_code = "+arg(f.Region))
	}
	if f.Type != "" {
		where = append(where, "type = "+arg(string(f.Type)))
	}
	if f.ParentID != nil {
		where = append(where, "parent_id = "+arg(*f.ParentID))
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		where = append(where, "search_text LIKE "+arg("%"+escapeLike(parasat.FoldForSearch(q))+"%")+" ESCAPE '\\'")
	}
	if len(where) == 0 {
		where = append(where, "1 = 1")
	}
	query := "SELECT " + organisationColumns + " FROM organisations WHERE " + strings.Join(where, " AND ") +
		" ORDER BY " + order + " LIMIT " + strconv.Itoa(pageSize(f.Limit))
	rows, err := db.read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []parasat.Organisation{}
	for rows.Next() {
		o, err := scanOrganisation(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// sortName is the SQL expression of an organisation's name in lang, with
// the other languages as fallbacks, or "" for no such language.
func sortName(lang parasat.Language) string {
	cols := map[parasat.Language]string{parasat.Kazakh: "name_kk", parasat.Russian: "name_ru", parasat.English: "name_en"}
	first, ok := cols[lang]
	if !ok {
		return ""
	}
	expr := "COALESCE(NULLIF(" + first + ", ''), "
	for _, l := range parasat.Languages {
		if l != lang {
			expr += "NULLIF(" + cols[l] + ", ''), "
		}
	}
	return expr + "'')"
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// Organisation returns one organisation.
func (db *DB) Organisation(ctx context.Context, id int64) (*parasat.Organisation, error) {
	return getOrganisation(ctx, db.read, id)
}

type queryRower interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func getOrganisation(ctx context.Context, q queryRower, id int64) (*parasat.Organisation, error) {
	o, err := scanOrganisation(q.QueryRowContext(ctx, "SELECT "+organisationColumns+" FROM organisations WHERE id = $1", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, parasat.Errorf(parasat.ENotFound, "organisation %d not found", id)
	}
	if err != nil {
		return nil, err
	}
	return &o, nil
}

// CountOrganisations returns how many organisations there are.
func (db *DB) CountOrganisations(ctx context.Context) (int, error) {
	var n int
	err := db.read.QueryRowContext(ctx, "SELECT COUNT(*) FROM organisations").Scan(&n)
	return n, err
}

// CountOrganisationsByRegion counts organisations per region, from the
// region index alone.
func (db *DB) CountOrganisationsByRegion(ctx context.Context) (map[string]int, error) {
	rows, err := db.read.QueryContext(ctx, "SELECT region_code, COUNT(*) FROM organisations GROUP BY region_code")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var (
			code string
			n    int
		)
		if err := rows.Scan(&code, &n); err != nil {
			return nil, err
		}
		out[code] = n
	}
	return out, rows.Err()
}

// CreateOrganisation stores a new organisation and sets its ID and times.
func (db *DB) CreateOrganisation(ctx context.Context, o *parasat.Organisation) error {
	o.Normalize()
	if err := o.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if err := checkOrganisationRefs(ctx, tx, o); err != nil {
			return err
		}
		now := db.now()
		err := tx.QueryRowContext(ctx, `INSERT INTO organisations
			(name_kk, name_ru, name_en, type, region_code, bin, parent_id, phone, email, website, address, search_text, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id`,
			o.Name.KK, o.Name.RU, o.Name.EN, o.Type, o.Region, nullString(o.BIN), nullInt(o.ParentID),
			o.Contacts.Phone, o.Contacts.Email, o.Contacts.Website, o.Contacts.Address,
			organisationSearchText(o), now).Scan(&o.ID)
		if err != nil {
			return db.organisationWriteError(ctx, o, err)
		}
		o.Created, o.Updated = now, now
		return db.audit(ctx, tx, "create", "organisation", strconv.FormatInt(o.ID, 10), o.Region, nil, o)
	})
}

// UpdateOrganisation replaces every editable field of an organisation.
func (db *DB) UpdateOrganisation(ctx context.Context, o *parasat.Organisation) error {
	o.Normalize()
	if err := o.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		before, err := getOrganisation(ctx, tx, o.ID)
		if err != nil {
			return err
		}
		if err := checkOrganisationRefs(ctx, tx, o); err != nil {
			return err
		}
		now := db.now()
		_, err = tx.ExecContext(ctx, `UPDATE organisations SET name_kk = $2, name_ru = $3, name_en = $4, type = $5,
			region_code = $6, bin = $7, parent_id = $8, phone = $9, email = $10, website = $11, address = $12,
			search_text = $13, updated_at = $14 WHERE id = $1`,
			o.ID, o.Name.KK, o.Name.RU, o.Name.EN, o.Type, o.Region, nullString(o.BIN), nullInt(o.ParentID),
			o.Contacts.Phone, o.Contacts.Email, o.Contacts.Website, o.Contacts.Address,
			organisationSearchText(o), now)
		if err != nil {
			return db.organisationWriteError(ctx, o, err)
		}
		o.Created, o.Updated = before.Created, now
		return db.audit(ctx, tx, "update", "organisation", strconv.FormatInt(o.ID, 10), o.Region, before, o)
	})
}

// checkOrganisationRefs reports a missing region or parent as a field error
// (rather than waiting for the foreign key) and refuses a parent chain that
// would lead back to the organisation itself.
func checkOrganisationRefs(ctx context.Context, tx *sql.Tx, o *parasat.Organisation) error {
	var p parasat.Problems
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM regions WHERE code = $1", o.Region).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		p.Add("region", "region.unknown", "no region has this code")
	}
	for id, hops := nullInt(o.ParentID), 0; id != nil; hops++ {
		if o.ID != 0 && id.(int64) == o.ID {
			p.Add("parent_id", "parent.cycle", "the parent is this organisation or one of its descendants")
			break
		}
		var next sql.NullInt64
		err := tx.QueryRowContext(ctx, "SELECT parent_id FROM organisations WHERE id = $1", id).Scan(&next)
		if errors.Is(err, sql.ErrNoRows) {
			if hops == 0 {
				p.Add("parent_id", "parent.unknown", "no organisation has this id")
			}
			break
		}
		if err != nil {
			return err
		}
		id = nil
		if next.Valid {
			id = next.Int64
		}
	}
	return p.Err()
}

// organisationWriteError explains a failed write. The other organisation is
// looked up outside the failed transaction, which PostgreSQL has aborted.
func (db *DB) organisationWriteError(ctx context.Context, o *parasat.Organisation, err error) error {
	if violates(err, uniqueViolation, "bin") {
		var other int64
		_ = db.read.QueryRowContext(ctx, "SELECT id FROM organisations WHERE bin = $1", o.BIN).Scan(&other)
		return &parasat.Error{Code: parasat.EConflict, Message: "BIN already registered",
			Fields: []parasat.FieldError{{Field: "bin", Code: "bin.taken",
				Message: fmt.Sprintf("organisation %d already has this BIN", other)}}}
	}
	return fmt.Errorf("write organisation: %w", err)
}
