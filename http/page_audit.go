package http

import (
	"net/http"
	"strconv"

	"github.com/parasat-kz/parasat"
)

type auditPage struct {
	Entries                           []parasat.AuditEntry
	Entity, EntityID, Actor, From, To string
	Errors                            map[string]string
	Next                              string
}

// handleAudit browses the audit log with the same filters and scope as the API.
func (s *Server) handleAudit(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	data := auditPage{Entity: q.Get("entity"), EntityID: q.Get("entity_id"), Actor: q.Get("actor"), From: q.Get("from"), To: q.Get("to")}
	in := &auditListInput{Entity: data.Entity, EntityID: data.EntityID, From: data.From, To: data.To, Limit: 50}
	in.Cursor, _ = strconv.ParseInt(q.Get("before"), 10, 64)
	in.Actor, _ = strconv.ParseInt(data.Actor, 10, 64)
	p := s.newPage(w, r, "nav.audit_log", nil)
	f, err := auditFilter(currentUser(r.Context()), in)
	status := http.StatusOK
	if err != nil {
		data.Errors = map[string]string{}
		for _, field := range []string{"from", "to"} {
			if _, bad := parseDay(q.Get(field)); bad {
				data.Errors[field] = p.T.T("field.date")
			}
		}
		status = http.StatusUnprocessableEntity
	} else {
		data.Entries, err = s.services.Audit.ListAudit(r.Context(), f)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		if len(data.Entries) == in.Limit {
			data.Next = strconv.FormatInt(data.Entries[len(data.Entries)-1].ID, 10)
		}
	}
	p.Data = data
	s.render(w, status, "audit", p)
}
