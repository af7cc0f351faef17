package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/parasat-kz/parasat"
)

var _ parasat.HouseholdService = (*DB)(nil)

const householdColumns = "id, name, region_code, address, head_id, created_at, updated_at"

func scanHousehold(row interface{ Scan(...any) error }) (parasat.Household, error) {
	var (
		h    parasat.Household
		head sql.NullInt64
	)
	err := row.Scan(&h.ID, &h.Name, &h.Region, &h.Address, &head, &h.Created, &h.Updated)
	if head.Valid {
		h.HeadID = &head.Int64
	}
	h.Created, h.Updated = h.Created.UTC(), h.Updated.UTC()
	h.Categories, h.Members = []parasat.CategoryAssignment{}, []parasat.HouseholdMember{}
	return h, err
}

// CreateHousehold registers a household.
func (db *DB) CreateHousehold(ctx context.Context, h *parasat.Household) error {
	h.Normalize()
	if err := h.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if err := checkHouseholdRefs(ctx, tx, h); err != nil {
			return err
		}
		now := db.now()
		err := tx.QueryRowContext(ctx, `INSERT INTO households (name, name_key, region_code, address, head_id, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id`,
			h.Name, parasat.FoldForSearch(h.Name), h.Region, h.Address, nullInt(h.HeadID), now).Scan(&h.ID)
		if err != nil {
			return fmt.Errorf("insert household: %w", err)
		}
		h.Created, h.Updated = now, now
		if err := db.afterHouseholdWrite(ctx, tx, h); err != nil {
			return err
		}
		return db.audit(ctx, tx, "create", "household", strconv.FormatInt(h.ID, 10), h.Region, nil, h)
	})
}

// afterHouseholdWrite stores the categories and puts the head in the household.
func (db *DB) afterHouseholdWrite(ctx context.Context, tx *sql.Tx, h *parasat.Household) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM household_categories WHERE household_id = $1", h.ID); err != nil {
		return err
	}
	for _, c := range h.Categories {
		if _, err := tx.ExecContext(ctx, `INSERT INTO household_categories (household_id, category, valid_from, valid_until)
			VALUES ($1, $2, $3, $4)`, h.ID, c.Category, dateValue(c.ValidFrom), dateValue(c.ValidUntil)); err != nil {
			return err
		}
	}
	if h.HeadID == nil {
		return nil
	}
	// The head lives in the household: move them in, audited on their record.
	head, err := db.beneficiaryWhere(ctx, tx, "id = $1", *h.HeadID)
	if err != nil {
		return err
	}
	if head.HouseholdID != nil && *head.HouseholdID == h.ID {
		return nil
	}
	if _, err := tx.ExecContext(ctx, "UPDATE beneficiaries SET household_id = $2, updated_at = $3 WHERE id = $1",
		head.ID, h.ID, db.now()); err != nil {
		return err
	}
	var was any
	if head.HouseholdID != nil {
		was = *head.HouseholdID
	}
	return db.audit(ctx, tx, "update", "beneficiary", strconv.FormatInt(head.ID, 10), head.Region,
		map[string]any{"household_id": was}, map[string]any{"household_id": h.ID})
}

func checkHouseholdRefs(ctx context.Context, tx *sql.Tx, h *parasat.Household) error {
	var p parasat.Problems
	if !exists(ctx, tx, "SELECT COUNT(*) FROM regions WHERE code = $1", h.Region) {
		p.Add("region", "region.unknown", "no region has this code")
	}
	if h.HeadID != nil && !exists(ctx, tx, "SELECT COUNT(*) FROM beneficiaries WHERE id = $1", *h.HeadID) {
		p.Add("head_id", "beneficiary.unknown", "no beneficiary has this id")
	}
	return p.Err()
}

// Household returns a household with its members and categories.
func (db *DB) Household(ctx context.Context, id int64) (*parasat.Household, error) {
	return db.householdWhere(ctx, db.read, id)
}

func (db *DB) householdWhere(ctx context.Context, q queryRower, id int64) (*parasat.Household, error) {
	h, err := scanHousehold(q.QueryRowContext(ctx, "SELECT "+householdColumns+" FROM households WHERE id = $1", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, parasat.Errorf(parasat.ENotFound, "household not found")
	}
	if err != nil {
		return nil, err
	}
	rows, err := db.read.QueryContext(ctx, `SELECT id, full_name, birth_date, relation FROM beneficiaries
		WHERE household_id = $1 ORDER BY birth_date, id`, id)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var (
			m     parasat.HouseholdMember
			birth time.Time
		)
		if err := rows.Scan(&m.BeneficiaryID, &m.FullName, &birth, &m.Relation); err != nil {
			rows.Close()
			return nil, err
		}
		m.BirthDate = parasat.Date{Time: birth.UTC()}
		h.Members = append(h.Members, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	cats, err := db.read.QueryContext(ctx, `SELECT category, valid_from, valid_until FROM household_categories
		WHERE household_id = $1 ORDER BY category`, id)
	if err != nil {
		return nil, err
	}
	defer cats.Close()
	for cats.Next() {
		var (
			c           parasat.CategoryAssignment
			from, until sql.NullTime
		)
		if err := cats.Scan(&c.Category, &from, &until); err != nil {
			return nil, err
		}
		c.ValidFrom, c.ValidUntil = datePtr(from), datePtr(until)
		h.Categories = append(h.Categories, c)
	}
	return &h, cats.Err()
}

// UpdateHousehold changes a household's name, region, address, head and categories.
func (db *DB) UpdateHousehold(ctx context.Context, h *parasat.Household) error {
	h.Normalize()
	if err := h.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		before, err := db.householdWhere(ctx, tx, h.ID)
		if err != nil {
			return err
		}
		if err := checkHouseholdRefs(ctx, tx, h); err != nil {
			return err
		}
		now := db.now()
		if _, err := tx.ExecContext(ctx, `UPDATE households SET name = $2, name_key = $3, region_code = $4, address = $5,
			head_id = $6, updated_at = $7 WHERE id = $1`,
			h.ID, h.Name, parasat.FoldForSearch(h.Name), h.Region, h.Address, nullInt(h.HeadID), now); err != nil {
			return err
		}
		h.Created, h.Updated = before.Created, now
		if err := db.afterHouseholdWrite(ctx, tx, h); err != nil {
			return err
		}
		before.Members, h.Members = nil, nil // membership is audited on the beneficiaries
		return db.audit(ctx, tx, "update", "household", strconv.FormatInt(h.ID, 10), h.Region, before, h)
	})
}

// ListHouseholds returns one page of households in id order.
func (db *DB) ListHouseholds(ctx context.Context, f parasat.HouseholdFilter) ([]parasat.Household, error) {
	var (
		where []string
		args  []any
	)
	arg := func(v any) string { args = append(args, v); return "$" + strconv.Itoa(len(args)) }
	where = append(where, "id > "+arg(f.After))
	if f.Region != "" {
		where = append(where, "region_code = "+arg(f.Region))
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		lo, hi := prefixRange(parasat.FoldForSearch(q))
		where = append(where, "name_key >= "+arg(lo)+" AND name_key < "+arg(hi))
	}
	if f.RegionIn != nil {
		marks := []string{"''"}
		for _, r := range f.RegionIn {
			marks = append(marks, arg(r))
		}
		where = append(where, "region_code IN ("+strings.Join(marks, ", ")+")")
	}
	rows, err := db.read.QueryContext(ctx, "SELECT "+householdColumns+" FROM households WHERE "+
		strings.Join(where, " AND ")+" ORDER BY id LIMIT "+strconv.Itoa(pageSize(f.Limit)), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []parasat.Household{}
	for rows.Next() {
		h, err := scanHousehold(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// SetMembership moves a beneficiary into a household (0: out of any).
func (db *DB) SetMembership(ctx context.Context, beneficiaryID, householdID int64, relation string) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		b, err := db.beneficiaryWhere(ctx, tx, "id = $1", beneficiaryID)
		if err != nil {
			return err
		}
		var household any
		if householdID != 0 {
			if !exists(ctx, tx, "SELECT COUNT(*) FROM households WHERE id = $1", householdID) {
				return (&parasat.Problems{{Field: "household_id", Code: "household.unknown", Message: "no household has this id"}}).Err()
			}
			household = householdID
		}
		relation = strings.TrimSpace(relation)
		if _, err := tx.ExecContext(ctx, "UPDATE beneficiaries SET household_id = $2, relation = $3, updated_at = $4 WHERE id = $1",
			beneficiaryID, household, relation, db.now()); err != nil {
			return err
		}
		var was any
		if b.HouseholdID != nil {
			was = *b.HouseholdID
		}
		return db.audit(ctx, tx, "update", "beneficiary", strconv.FormatInt(beneficiaryID, 10), b.Region,
			map[string]any{"household_id": was, "relation": b.Relation}, map[string]any{"household_id": household, "relation": relation})
	})
}
