package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"github.com/parasat-kz/parasat"
)

// Finding the people of an import who are registered already, by the
// identity keys of the domain (parasat.IdentityKeys): the registered records
// that might match are read by an indexed column, and their keys compared.

type keyed interface{ IdentityKeys() []string }

// matchByKeys gives each record the id of a registered one sharing a key, or 0.
func matchByKeys[T keyed](list []T, registered map[string]int64) []int64 {
	ids := make([]int64, len(list))
	for i, r := range list {
		for _, k := range r.IdentityKeys() {
			if id, ok := registered[k]; ok {
				ids[i] = id
				break
			}
		}
	}
	return ids
}

// registeredKeys reads the rows that query (with "IN (…)" filled with the
// values) selects and records the keys of each under its id.
func registeredKeys[V any](ctx context.Context, q queryer, query func(in string) string, values []V,
	scan func(*sql.Rows) (int64, keyed, error)) (map[string]int64, error) {
	out := map[string]int64{}
	if len(values) == 0 {
		return out, nil
	}
	var b listQuery
	rows, err := q.QueryContext(ctx, query(placeholders(&b, values)), b.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		id, rec, err := scan(rows)
		if err != nil {
			return nil, err
		}
		for _, k := range rec.IdentityKeys() {
			out[k] = id
		}
	}
	return out, rows.Err()
}

// MatchBeneficiaries finds the people already registered with the IINs given.
func (db *DB) MatchBeneficiaries(ctx context.Context, list []*parasat.Beneficiary) ([]int64, error) {
	iins := make([]string, len(list))
	for i, b := range list {
		iins[i] = b.IIN
	}
	known, err := registeredKeys(ctx, db.read, func(in string) string {
		return "SELECT id, iin FROM beneficiaries WHERE iin IN (" + in + ")"
	}, iins, func(rows *sql.Rows) (int64, keyed, error) {
		var b parasat.Beneficiary
		err := rows.Scan(&b.ID, &b.IIN)
		return b.ID, &b, err
	})
	if err != nil {
		return nil, err
	}
	return matchByKeys(list, known), nil
}

// MatchVolunteers finds the volunteers already registered with the same
// name and birth date.
func (db *DB) MatchVolunteers(ctx context.Context, list []*parasat.Volunteer) ([]int64, error) {
	names := make([]string, len(list))
	for i, v := range list {
		names[i] = v.SortKey()
	}
	known, err := registeredKeys(ctx, db.read, func(in string) string {
		return "SELECT id, name_key, birth_date FROM volunteers WHERE name_key IN (" + in + ")"
	}, names, func(rows *sql.Rows) (int64, keyed, error) {
		var (
			v     parasat.Volunteer
			birth time.Time
		)
		err := rows.Scan(&v.ID, &v.FullName, &birth)
		v.BirthDate = *dateOf(sql.NullTime{Time: birth, Valid: true})
		return v.ID, &v, err
	})
	if err != nil {
		return nil, err
	}
	return matchByKeys(list, known), nil
}

// MatchPatrons finds the patrons already registered with the same BIN, or,
// for a person, the same name and phone or e-mail.
func (db *DB) MatchPatrons(ctx context.Context, list []*parasat.Patron) ([]int64, error) {
	var values []any
	for _, p := range list {
		values = append(values, p.SortKey())
		if p.BIN != "" {
			values = append(values, p.BIN)
		}
	}
	known, err := registeredKeys(ctx, db.read, func(in string) string {
		return "SELECT " + patronColumns + " FROM patrons WHERE name_key IN (" + in + ") OR bin IN (" + in + ")"
	}, values, func(rows *sql.Rows) (int64, keyed, error) {
		p, err := scanPatron(rows)
		return p.ID, &p, err
	})
	if err != nil {
		return nil, err
	}
	return matchByKeys(list, known), nil
}
