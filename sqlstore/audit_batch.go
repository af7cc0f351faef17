package sqlstore

import (
	"context"
	"crypto/rand"
	"database/sql"
	"fmt"
)

// batchAudit is the audit of one record created in a batch.
type batchAudit struct {
	entityID, region string
	after            any
}

// auditCreates writes the audit rows of many records created in one
// transaction — one row per record, as audit does, but with a few
// multi-row INSERTs instead of one statement per record, so that recording
// the help given to 500 people, or importing 100,000, stays one quick
// transaction. Each new person gets a fresh key sealing their personal
// values (inserted in batches too), so that erasing them works as for a
// person created alone.
func (db *DB) auditCreates(ctx context.Context, tx *sql.Tx, entity string, records []batchAudit) error {
	actor := db.actorID(ctx)
	now := db.now()
	var keys, rows [][]any
	for _, r := range records {
		fields, err := flatten(r.after)
		if err != nil {
			return err
		}
		if hasPersonal(entity, fields) {
			key := make([]byte, 32)
			if _, err := rand.Read(key); err != nil {
				return err
			}
			gcm, err := newGCM(key)
			if err != nil {
				return err
			}
			if err := sealFields(gcm, entity, r.entityID, fields); err != nil {
				return fmt.Errorf("seal personal values: %w", err)
			}
			keys = append(keys, []any{entity, r.entityID, key})
		}
		rows = append(rows, []any{now, actor.id, actor.address, "create", entity, r.entityID, nullString(r.region),
			nil, jsonOrNull(fields, false)})
	}
	if err := db.insertMany(ctx, tx, "erasable_keys", "entity, entity_id, key", keys); err != nil {
		return err
	}
	return db.insertMany(ctx, tx, "audit_log",
		"at, actor_user_id, actor_address, action, entity, entity_id, region_code, before, after", rows)
}
