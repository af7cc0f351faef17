package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"github.com/parasat-kz/parasat"
	"testing"
)

type auditRow struct {
	action, actorAddress string
	actor                sql.NullInt64
	before, after        string
}

// auditRows reads the audit log of one record, oldest first, with before and
// after re-encoded so that JSONB and TEXT compare alike.
func auditRows(t *testing.T, db *DB, entity, id string) []auditRow {
	t.Helper()
	rows, err := db.read.QueryContext(context.Background(), `SELECT action, actor_user_id, actor_address,
		COALESCE(CAST(before AS TEXT), ''), COALESCE(CAST(after AS TEXT), '')
		FROM audit_log WHERE entity = $1 AND entity_id = $2 ORDER BY id`, entity, id)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []auditRow
	for rows.Next() {
		var r auditRow
		if err := rows.Scan(&r.action, &r.actor, &r.actorAddress, &r.before, &r.after); err != nil {
			t.Fatal(err)
		}
		r.before, r.after = canonicalJSON(t, r.before), canonicalJSON(t, r.after)
		out = append(out, r)
	}
	return out
}

func canonicalJSON(t *testing.T, s string) string {
	if s == "" {
		return ""
	}
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("audit JSON %q: %v", s, err)
	}
	b, _ := json.Marshal(v) // maps marshal with sorted keys
	return string(b)
}

func TestAuditLogIsAppendOnly(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		r, _ := db.Region(ctx, "KZ-71")
		r.CentreEN = "Astana city"
		if err := db.UpdateRegion(ctx, r); err != nil {
			t.Fatal(err)
		}
		if _, err := db.write.ExecContext(ctx, "UPDATE audit_log SET actor_address = 'forged'"); err == nil {
			t.Error("UPDATE of the audit log succeeded; it must be refused")
		}
		if _, err := db.write.ExecContext(ctx, "DELETE FROM audit_log"); err == nil {
			t.Error("DELETE from the audit log succeeded; it must be refused")
		}
		if n := len(auditRows(t, db, "region", "KZ-71")); n != 1 {
			t.Errorf("%d audit rows after forgery attempts; want 1", n)
		}
	})
}

// TestFailedTransactionLeavesNoAuditRow makes a change fail after its audit
// row was written in the same transaction: the row must vanish with it.
func TestFailedTransactionLeavesNoAuditRow(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		count := func() (n int) {
			if err := db.read.QueryRowContext(ctx, "SELECT COUNT(*) FROM audit_log").Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		before := count()
		missing := int64(424242)
		// The account and its audit row are inserted first; the grant's
		// organisation does not exist, so the transaction fails after them.
		u := &parasat.User{Email: "late-failure@example.kz", Name: "Late", Grants: []parasat.Grant{{Role: parasat.RoleManager, OrganisationID: &missing}}}
		if err := db.CreateUser(ctx, u, ""); parasat.ErrorCode(err) != parasat.EInvalid {
			t.Fatalf("CreateUser with an unknown organisation: %v; want invalid", err)
		}
		if after := count(); after != before {
			t.Errorf("audit rows %d → %d after a failed transaction", before, after)
		}
		if _, err := db.UserByEmail(ctx, u.Email); parasat.ErrorCode(err) != parasat.ENotFound {
			t.Errorf("the failed account exists: %v", err)
		}
	})
}
