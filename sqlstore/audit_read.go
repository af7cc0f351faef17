package sqlstore

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"github.com/parasat-kz/parasat"
)

var _ parasat.AuditService = (*DB)(nil)

// ListAudit returns one page of the audit log, newest first.
func (db *DB) ListAudit(ctx context.Context, f parasat.AuditFilter) ([]parasat.AuditEntry, error) {
	var (
		where []string
		args  []any
	)
	arg := func(v any) string { args = append(args, v); return "$" + strconv.Itoa(len(args)) }
	if f.Before > 0 {
		where = append(where, "a.id < "+arg(f.Before))
	}
	if f.Entity != "" {
		where = append(where, "a.entity = "+arg(f.Entity))
	}
	if f.EntityID != "" {
		where = append(where, "a.entity_id = "+arg(f.EntityID))
	}
	if f.ActorID != 0 {
		where = append(where, "a.actor_user_id = "+arg(f.ActorID))
	}
	if !f.From.IsZero() {
		where = append(where, "a.at >= "+arg(f.From.UTC()))
	}
	if !f.To.IsZero() {
		where = append(where, "a.at < "+arg(f.To.UTC()))
	}
	if f.Regions != nil {
		marks := []string{"''"} // an empty scope matches nothing
		for _, r := range f.Regions {
			marks = append(marks, arg(r))
		}
		where = append(where, "a.region_code IN ("+strings.Join(marks, ", ")+")")
	}
	q := `SELECT a.id, a.at, a.actor_user_id, COALESCE(u.name, ''), a.actor_address, a.action, a.entity, a.entity_id,
		COALESCE(a.region_code, ''), COALESCE(CAST(a.before AS TEXT), ''), COALESCE(CAST(a.after AS TEXT), '')
		FROM audit_log a LEFT JOIN users u ON u.id = a.actor_user_id`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY a.id DESC LIMIT " + strconv.Itoa(pageSize(f.Limit))
	rows, err := db.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []parasat.AuditEntry{}
	for rows.Next() {
		var (
			e             parasat.AuditEntry
			actor         sql.NullInt64
			before, after string
		)
		if err := rows.Scan(&e.ID, &e.At, &actor, &e.ActorName, &e.ActorAddress, &e.Action, &e.Entity, &e.EntityID,
			&e.Region, &before, &after); err != nil {
			return nil, err
		}
		e.At = e.At.UTC()
		if actor.Valid {
			e.ActorUserID = &actor.Int64
		}
		if before != "" {
			e.Before = db.openPersonal(ctx, e.Entity, e.EntityID, []byte(before))
		}
		if after != "" {
			e.After = db.openPersonal(ctx, e.Entity, e.EntityID, []byte(after))
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
