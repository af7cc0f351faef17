package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/parasat-kz/parasat"
)

// batchAudit is the audit of one record created in a batch.
type batchAudit struct {
	entityID, region string
	after            any
}

// auditChunk is how many audit rows one INSERT carries (9 parameters each).
const auditChunk = 400

// auditCreates writes the audit rows of many records created in one
// transaction — one row per record, as audit does, but with a few
// multi-row INSERTs instead of one statement per record, so that recording
// the help given to 500 people stays one quick transaction.
func (db *DB) auditCreates(ctx context.Context, tx *sql.Tx, entity string, rows []batchAudit) error {
	actor := parasat.ActorFrom(ctx)
	var userID any
	if actor.UserID != 0 {
		userID = actor.UserID
	}
	now := db.now()
	for start := 0; start < len(rows); start += auditChunk {
		chunk := rows[start:min(start+auditChunk, len(rows))]
		args := make([]any, 0, len(chunk)*9)
		for _, r := range chunk {
			fields, err := flatten(r.after)
			if err != nil {
				return err
			}
			if err := sealPersonal(ctx, tx, entity, r.entityID, fields); err != nil {
				return fmt.Errorf("seal personal values: %w", err)
			}
			args = append(args, now, userID, actor.Address, "create", entity, r.entityID, nullString(r.region), nil,
				jsonOrNull(fields, false))
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO audit_log
			(at, actor_user_id, actor_address, action, entity, entity_id, region_code, before, after)
			VALUES `+db.valueRows(len(chunk), 9), args...); err != nil {
			return fmt.Errorf("write audit log: %w", err)
		}
	}
	return nil
}
