package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/parasat-kz/parasat"
)

var _ parasat.RegionService = (*DB)(nil)

const regionColumns = "code, kind, name_kk, name_ru, name_en, centre_en, population, since"

func scanRegion(row interface{ Scan(...any) error }) (parasat.Region, error) {
	var (
		r     parasat.Region
		since sql.NullTime
	)
	err := row.Scan(&r.Code, &r.Kind, &r.Name.KK, &r.Name.RU, &r.Name.EN, &r.CentreEN, &r.Population, &since)
	if since.Valid {
		r.Since = &parasat.Date{Time: since.Time.UTC()}
	}
	return r, err
}

func sinceValue(r *parasat.Region) any {
	if r.Since == nil {
		return nil
	}
	return r.Since.Time
}

// ListRegions returns every region ordered by code.
func (db *DB) ListRegions(ctx context.Context) ([]parasat.Region, error) {
	rows, err := db.read.QueryContext(ctx, "SELECT "+regionColumns+" FROM regions ORDER BY code")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []parasat.Region
	for rows.Next() {
		r, err := scanRegion(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Region returns one region by its ISO 3166-2 code.
func (db *DB) Region(ctx context.Context, code string) (*parasat.Region, error) {
	r, err := scanRegion(db.read.QueryRowContext(ctx, "SELECT "+regionColumns+" FROM regions WHERE code = $1", code))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, parasat.Errorf(parasat.ENotFound, "region %s not found", code)
	}
	if err != nil {
		return nil, err
	}
	return &r, nil
}

// CreateRegion adds a region, for the day the country is divided anew.
func (db *DB) CreateRegion(ctx context.Context, r *parasat.Region) error {
	if err := r.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "INSERT INTO regions ("+regionColumns+") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
			r.Code, r.Kind, r.Name.KK, r.Name.RU, r.Name.EN, r.CentreEN, r.Population, sinceValue(r))
		if violates(err, uniqueViolation, "") {
			return &parasat.Error{Code: parasat.EConflict, Message: "region already exists",
				Fields: []parasat.FieldError{{Field: "code", Code: "region.exists", Message: "a region with this code already exists"}}}
		}
		if err != nil {
			return fmt.Errorf("insert region: %w", err)
		}
		return db.audit(ctx, tx, "create", "region", r.Code, r.Code, nil, r)
	})
}

// UpdateRegion changes a region's names, kind, centre, population and date.
func (db *DB) UpdateRegion(ctx context.Context, r *parasat.Region) error {
	if err := r.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		before, err := scanRegion(tx.QueryRowContext(ctx, "SELECT "+regionColumns+" FROM regions WHERE code = $1", r.Code))
		if errors.Is(err, sql.ErrNoRows) {
			return parasat.Errorf(parasat.ENotFound, "region %s not found", r.Code)
		}
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE regions SET kind = $2, name_kk = $3, name_ru = $4, name_en = $5,
			centre_en = $6, population = $7, since = $8 WHERE code = $1`,
			r.Code, r.Kind, r.Name.KK, r.Name.RU, r.Name.EN, r.CentreEN, r.Population, sinceValue(r))
		if err != nil {
			return fmt.Errorf("update region: %w", err)
		}
		return db.audit(ctx, tx, "update", "region", r.Code, r.Code, &before, r)
	})
}

// seedRegions inserts the regions of the reference data that the database
// lacks. It never overwrites a region someone has edited.
func (db *DB) seedRegions(ctx context.Context) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		for _, r := range parasat.KazakhstanRegions() {
			_, err := tx.ExecContext(ctx, "INSERT INTO regions ("+regionColumns+") VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (code) DO NOTHING",
				r.Code, r.Kind, r.Name.KK, r.Name.RU, r.Name.EN, r.CentreEN, r.Population, sinceValue(&r))
			if err != nil {
				return err
			}
		}
		return nil
	})
}
