package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"reflect"

	"github.com/parasat-kz/parasat"
)

// audit writes one row of the audit log in the transaction of the change it
// records, so a change and its record are committed or lost together. Only
// the fields that changed are kept: before holds their old values, after the
// new ones; a create has no before and a delete no after. region is the
// region the record belongs to ("" for none), so coordinators can read the
// history of their region.
func (db *DB) audit(ctx context.Context, tx *sql.Tx, action, entity, entityID, region string, before, after any) error {
	if authEntities[entity] {
		db.auth.changing(tx)
	}
	if personalFields[entity] == nil && (before == nil) != (after == nil) && !isNilPointer(before) && !isNilPointer(after) {
		return db.auditCreateOrDelete(ctx, tx, action, entity, entityID, region, before, after)
	}
	oldFields, err := flatten(before)
	if err != nil {
		return err
	}
	newFields, err := flatten(after)
	if err != nil {
		return err
	}
	oldChanged, newChanged := changedFields(oldFields, newFields)
	if action == "update" && len(newChanged) == 0 && len(oldChanged) == 0 {
		return nil // nothing changed, nothing to record
	}
	if err := sealPersonal(ctx, tx, entity, entityID, oldChanged, newChanged); err != nil {
		return fmt.Errorf("seal personal values: %w", err)
	}
	actor := db.actorID(ctx)
	_, err = db.exec(ctx, tx, qAuditInsert,
		db.now(), actor.id, actor.address, action, entity, entityID, nullString(region),
		jsonOrNull(oldChanged, before == nil), jsonOrNull(newChanged, after == nil))
	if err != nil {
		return fmt.Errorf("write audit log: %w", err)
	}
	return nil
}

// auditCreateOrDelete writes the audit row of a record without personal
// values that is created (before is nil) or deleted (after is nil): all
// its fields, flattened straight from its JSON (see flatJSON).
func (db *DB) auditCreateOrDelete(ctx context.Context, tx *sql.Tx, action, entity, entityID, region string, before, after any) error {
	var values [2]any
	for i, v := range []any{before, after} {
		if v == nil {
			continue
		}
		s, err := flatJSON(v)
		if err != nil {
			return err
		}
		values[i] = s
	}
	actor := db.actorID(ctx)
	if _, err := db.exec(ctx, tx, qAuditInsert, db.now(), actor.id, actor.address, action, entity, entityID, nullString(region),
		values[0], values[1]); err != nil {
		return fmt.Errorf("write audit log: %w", err)
	}
	return nil
}

// auditCreatedJSON writes the audit row of a record without personal
// values that is created, from its JSON already encoded (see encodedAnswer).
func (db *DB) auditCreatedJSON(ctx context.Context, tx *sql.Tx, entity, entityID, region string, raw []byte) error {
	if personalFields[entity] != nil {
		return fmt.Errorf("audit: the personal values of a %s must be sealed", entity)
	}
	after, err := flatJSONOf(raw)
	if err != nil {
		return err
	}
	actor := db.actorID(ctx)
	if _, err := db.exec(ctx, tx, qAuditInsert, db.now(), actor.id, actor.address, "create", entity, entityID, nullString(region),
		nil, after); err != nil {
		return fmt.Errorf("write audit log: %w", err)
	}
	return nil
}

func isNilPointer(v any) bool {
	r := reflect.ValueOf(v)
	return r.Kind() == reflect.Pointer && r.IsNil()
}

// auditActor is who acts, as the audit log stores them: no account is NULL.
type auditActor struct {
	id      any
	address string
}

func (db *DB) actorID(ctx context.Context) auditActor {
	a := parasat.ActorFrom(ctx)
	if a.UserID == 0 {
		return auditActor{nil, a.Address}
	}
	return auditActor{a.UserID, a.Address}
}

const qAuditInsert = `INSERT INTO audit_log
	(at, actor_user_id, actor_address, action, entity, entity_id, region_code, before, after)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`

// flatten turns a record into field → value, nested objects as "a.b".
func flatten(v any) (map[string]any, error) {
	if v == nil || (reflect.ValueOf(v).Kind() == reflect.Pointer && reflect.ValueOf(v).IsNil()) {
		return nil, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	out := map[string]any{}
	var walk func(prefix string, m map[string]any)
	walk = func(prefix string, m map[string]any) {
		for k, v := range m {
			if sub, ok := v.(map[string]any); ok {
				walk(prefix+k+".", sub)
				continue
			}
			out[prefix+k] = v
		}
	}
	walk("", m)
	// Bookkeeping times change with every write and say nothing new.
	delete(out, "updated_at")
	return out, nil
}

func changedFields(before, after map[string]any) (map[string]any, map[string]any) {
	oldChanged, newChanged := map[string]any{}, map[string]any{}
	for k, v := range before {
		if w, ok := after[k]; !ok || !reflect.DeepEqual(v, w) {
			oldChanged[k] = v
		}
	}
	for k, v := range after {
		if w, ok := before[k]; !ok || !reflect.DeepEqual(v, w) {
			newChanged[k] = v
		}
	}
	return oldChanged, newChanged
}

func jsonOrNull(m map[string]any, absent bool) any {
	if absent {
		return nil
	}
	b, _ := json.Marshal(m) // a map of JSON values always marshals
	return string(b)
}
