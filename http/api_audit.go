package http

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
)

type auditListInput struct {
	Entity   string `query:"entity" doc:"Kind of record, such as organisation" example:"organisation"`
	EntityID string `query:"entity_id" doc:"Id of the record (with entity)"`
	Actor    int64  `query:"actor" doc:"Only changes made by this account"`
	From     string `query:"from" doc:"First day, YYYY-MM-DD (Kazakhstan time)" example:"2026-01-01"`
	To       string `query:"to" doc:"Last day, YYYY-MM-DD, included" example:"2026-03-31"`
	Limit    int    `query:"limit" minimum:"1" maximum:"500" default:"50"`
	Cursor   int64  `query:"cursor" minimum:"0" doc:"next_cursor of the previous page"`
}

type auditListOutput struct {
	Body struct {
		Items      []parasat.AuditEntry `json:"items"`
		NextCursor string               `json:"next_cursor,omitempty"`
	}
}

// parseDay reads a YYYY-MM-DD day in Kazakhstan's time; bad is true for a
// value that is present but not a date.
func parseDay(value string) (day time.Time, bad bool) {
	if value == "" {
		return time.Time{}, false
	}
	day, err := time.ParseInLocation("2006-01-02", value, i18n.Zone())
	return day, err != nil
}

// auditFilter turns query parameters into a filter limited to what the
// caller may read: everything for an admin, their regions for a coordinator.
func auditFilter(u *parasat.User, in *auditListInput) (parasat.AuditFilter, error) {
	f := parasat.AuditFilter{Entity: in.Entity, EntityID: in.EntityID, ActorID: in.Actor, Before: in.Cursor, Limit: in.Limit}
	var problems []error
	for _, d := range []struct {
		name, value string
		into        *time.Time
		plusDay     bool
	}{{"from", in.From, &f.From, false}, {"to", in.To, &f.To, true}} {
		if d.value == "" {
			continue
		}
		day, bad := parseDay(d.value)
		if bad {
			problems = append(problems, &huma.ErrorDetail{Location: "query." + d.name, Message: "must be a date as YYYY-MM-DD", Value: d.value})
			continue
		}
		if d.plusDay {
			day = day.AddDate(0, 0, 1)
		}
		*d.into = day
	}
	if len(problems) > 0 {
		return f, huma.Error422UnprocessableEntity("invalid filter", problems...)
	}
	if !u.IsAdmin() {
		f.Regions = u.CoordinatedRegions()
	}
	return f, nil
}

func (s *Server) registerAuditRoutes(api huma.API) {
	huma.Register(api, operation("list-audit", http.MethodGet, "/audit", parasat.ReadAudit,
		"The audit log, newest first (admins: all; coordinators: records of their region)", "Audit"),
		func(ctx context.Context, in *auditListInput) (*auditListOutput, error) {
			f, err := auditFilter(currentUser(ctx), in)
			if err != nil {
				return nil, err
			}
			entries, err := s.services.Audit.ListAudit(ctx, f)
			if err != nil {
				return nil, s.apiError(err)
			}
			out := &auditListOutput{}
			out.Body.Items = entries
			if len(entries) == in.Limit {
				out.Body.NextCursor = strconv.FormatInt(entries[len(entries)-1].ID, 10)
			}
			return out, nil
		})
}
