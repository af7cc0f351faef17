package parasat

import (
	"context"
	"encoding/json"
	"time"
)

// AuditEntry is one change recorded in the audit log: who, when, from
// where, what, and the changed fields before and after. Entries are written
// in the transaction of the change and never edited.
type AuditEntry struct {
	ID           int64           `json:"id"`
	At           time.Time       `json:"at"`
	ActorUserID  *int64          `json:"actor_user_id,omitempty"`
	ActorName    string          `json:"actor_name,omitempty"`
	ActorAddress string          `json:"actor_address"`
	Action       string          `json:"action" enum:"create,update,delete"`
	Entity       string          `json:"entity"`
	EntityID     string          `json:"entity_id"`
	Region       string          `json:"region,omitempty"`
	Before       json.RawMessage `json:"before,omitempty"`
	After        json.RawMessage `json:"after,omitempty"`
}

// AuditFilter selects audit entries, newest first. Regions limits the
// entries to records of those regions (a coordinator's view); nil means all.
// Before is the keyset cursor: the ID of the last entry of the previous page.
type AuditFilter struct {
	Entity   string
	EntityID string
	ActorID  int64
	From, To time.Time // To is exclusive
	Regions  []string
	Before   int64
	Limit    int
}

// AuditService reads the audit log; nothing in Parasat can change it.
type AuditService interface {
	ListAudit(ctx context.Context, f AuditFilter) ([]AuditEntry, error)
}
