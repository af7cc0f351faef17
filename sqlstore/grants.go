package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/parasat-kz/parasat"
)

// GrantRole gives an account a role in its scope.
func (db *DB) GrantRole(ctx context.Context, g *parasat.Grant) error {
	if err := g.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM users WHERE id = $1", g.UserID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return parasat.Errorf(parasat.ENotFound, "account not found")
		}
		return db.insertGrant(ctx, tx, g)
	})
}

func (db *DB) insertGrant(ctx context.Context, tx *sql.Tx, g *parasat.Grant) error {
	if err := g.Validate(); err != nil {
		return err
	}
	var p parasat.Problems
	if g.Region != "" && !exists(ctx, tx, "SELECT COUNT(*) FROM regions WHERE code = $1", g.Region) {
		p.Add("region", "region.unknown", "no region has this code")
	}
	if g.OrganisationID != nil && !exists(ctx, tx, "SELECT COUNT(*) FROM organisations WHERE id = $1", *g.OrganisationID) {
		p.Add("organisation_id", "organisation.unknown", "no organisation has this id")
	}
	if err := p.Err(); err != nil {
		return err
	}
	g.Created = db.now()
	var by any
	if a := parasat.ActorFrom(ctx); a.UserID != 0 {
		by = a.UserID
	}
	err := tx.QueryRowContext(ctx, `INSERT INTO role_grants (user_id, role, region_code, organisation_id, created_at, created_by)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
		g.UserID, g.Role, nullString(g.Region), nullInt(g.OrganisationID), g.Created, by).Scan(&g.ID)
	if violates(err, uniqueViolation, "") {
		return &parasat.Error{Code: parasat.EConflict, Message: "the account already has this role",
			Fields: []parasat.FieldError{{Field: "role", Code: "grant.exists", Message: "the account already has this role in this scope"}}}
	}
	if err != nil {
		return fmt.Errorf("insert grant: %w", err)
	}
	return db.audit(ctx, tx, "create", "role_grant", strconv.FormatInt(g.ID, 10), g.Region, nil, g)
}

func exists(ctx context.Context, tx *sql.Tx, query string, arg any) bool {
	var n int
	return tx.QueryRowContext(ctx, query, arg).Scan(&n) == nil && n > 0
}

// RevokeRole takes a grant away from an account.
func (db *DB) RevokeRole(ctx context.Context, userID, grantID int64) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		all, err := db.grants(ctx, tx, []int64{userID})
		if err != nil {
			return err
		}
		for _, g := range all[userID] {
			if g.ID != grantID {
				continue
			}
			if _, err := tx.ExecContext(ctx, "DELETE FROM role_grants WHERE id = $1", grantID); err != nil {
				return err
			}
			return db.audit(ctx, tx, "delete", "role_grant", strconv.FormatInt(g.ID, 10), g.Region, &g, nil)
		}
		return parasat.Errorf(parasat.ENotFound, "the account has no such role")
	})
}

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// grants returns the grants of the given accounts, by account.
func (db *DB) grants(ctx context.Context, q querier, userIDs []int64) (map[int64][]parasat.Grant, error) {
	out := map[int64][]parasat.Grant{}
	if len(userIDs) == 0 {
		return out, nil
	}
	marks := make([]string, len(userIDs))
	args := make([]any, len(userIDs))
	for i, id := range userIDs {
		marks[i], args[i] = "$"+strconv.Itoa(i+1), id
	}
	query := `SELECT id, user_id, role, region_code, organisation_id, created_at
		FROM role_grants WHERE user_id IN (` + strings.Join(marks, ", ") + `) ORDER BY id`
	var rows *sql.Rows
	var err error
	if q == querier(db.read) && len(userIDs) == 1 { // every authenticated request: prepared on SQLite
		rows, err = db.readQuery(ctx, query, args...)
	} else {
		rows, err = q.QueryContext(ctx, query, args...)
	}
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			g      parasat.Grant
			region sql.NullString
			org    sql.NullInt64
		)
		if err := rows.Scan(&g.ID, &g.UserID, &g.Role, &region, &org, &g.Created); err != nil {
			return nil, err
		}
		g.Region, g.Created = region.String, g.Created.UTC()
		if org.Valid {
			g.OrganisationID = &org.Int64
		}
		out[g.UserID] = append(out[g.UserID], g)
	}
	return out, rows.Err()
}
