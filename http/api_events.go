package http

import (
	"bytes"
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/photo"
)

// EventBody is an event as clients send it.
type EventBody struct {
	Title         parasat.Names      `json:"title" doc:"In up to three languages; at least one"`
	Description   parasat.Names      `json:"description,omitempty"`
	Kind          string             `json:"kind" enum:"concert_visit,distribution,fundraiser,medical_help,repair,training,sports_culture,other"`
	Starts        time.Time          `json:"starts_at"`
	Ends          time.Time          `json:"ends_at" doc:"After starts_at"`
	Address       string             `json:"address,omitempty" doc:"Default: the lead organisation's address"`
	Region        string             `json:"region,omitempty" example:"KZ-71" doc:"Default: the lead organisation's region"`
	LeadID        int64              `json:"lead_organisation_id"`
	Partners      []int64            `json:"partner_organisations,omitempty"`
	Patrons       []int64            `json:"patrons,omitempty"`
	TargetGroups  []parasat.Category `json:"target_groups,omitempty"`
	PlannedBudget int64              `json:"planned_budget_tiyn,omitempty" doc:"In tiyn: 100 per tenge"`
	OccasionKey   string             `json:"occasion_key,omitempty" example:"nauryz"`
	Published     bool               `json:"published,omitempty" doc:"Shown on the public site"`
}

func (b *EventBody) event(id int64) *parasat.Event {
	return &parasat.Event{ID: id, Title: b.Title, Description: b.Description, Kind: parasat.EventKind(b.Kind),
		Starts: b.Starts, Ends: b.Ends, Address: b.Address, Region: b.Region, LeadID: b.LeadID, Partners: b.Partners,
		Patrons: b.Patrons, TargetGroups: b.TargetGroups, PlannedBudget: b.PlannedBudget, OccasionKey: b.OccasionKey,
		Published: b.Published}
}

// EventView is an event with the results computed from its aid records.
type EventView struct {
	parasat.Event
	Results *parasat.EventResults `json:"results"`
}

// EventPath names one event.
type EventPath struct {
	ID int64 `path:"id" minimum:"1"`
}

type eventOutput struct{ Body *EventView }

type createdEventOutput struct {
	Location string `header:"Location"`
	Body     *EventView
}

type eventListOutput struct {
	Body struct {
		Items      []parasat.Event `json:"items"`
		NextCursor string          `json:"next_cursor,omitempty"`
	}
}

type eventListInput struct {
	Region       string `query:"region" example:"KZ-71"`
	Organisation int64  `query:"organisation" doc:"Events this organisation leads or takes part in"`
	Kind         string `query:"kind" enum:"concert_visit,distribution,fundraiser,medical_help,repair,training,sports_culture,other"`
	Status       string `query:"status" enum:"planned,held,reported,cancelled"`
	From         string `query:"from" doc:"First day of the start, YYYY-MM-DD"`
	To           string `query:"to" doc:"Last day of the start, YYYY-MM-DD"`
	Limit        int    `query:"limit" minimum:"1" maximum:"500" default:"50"`
	Cursor       string `query:"cursor"`
}

// eventCursor is the keyset of the last event of a page: its start and ID.
func eventCursor(e parasat.Event) string {
	return makeCursor(e.ID, true, e.Starts.UTC().Format(time.RFC3339Nano))
}

func parseEventCursor(c string) (time.Time, int64, bool) {
	id, at, ok := parseCursor(c)
	if !ok || id == 0 {
		return time.Time{}, 0, ok
	}
	t, err := time.Parse(time.RFC3339Nano, at)
	return t, id, err == nil
}

// readableEvent loads an event the caller may see: a published one, or one
// the policy lets them read; any other is "not found".
func (s *Server) readableEvent(ctx context.Context, id int64) (*parasat.Event, error) {
	e, err := s.services.Events.Event(ctx, id)
	if err != nil {
		return nil, s.apiError(err)
	}
	if !e.Published && !parasat.Can(currentUser(ctx), parasat.ReadEvent, e.Resource()) {
		return nil, notVisible("event")
	}
	return e, nil
}

// writableEvent loads an event the caller may change.
func (s *Server) writableEvent(ctx context.Context, id int64) (*parasat.Event, error) {
	e, err := s.readableEvent(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := s.authorize(ctx, parasat.WriteEvent, e.WriteResource()); err != nil {
		return nil, err
	}
	return e, nil
}

func (s *Server) eventView(ctx context.Context, e *parasat.Event) (*EventView, error) {
	r, err := s.services.Events.EventResults(ctx, e.ID)
	if err != nil {
		return nil, s.apiError(err)
	}
	if !parasat.Can(currentUser(ctx), parasat.ReadEvent, e.Resource()) {
		r.Suppress() // as the public sees reports: nobody recognisable
	}
	return &EventView{Event: *e, Results: r}, nil
}

func (s *Server) registerEventRoutes(api huma.API) {
	huma.Register(api, operation("list-events", http.MethodGet, "/events", parasat.ReadPublished,
		"List published events and those the caller may see, by start (follow next_cursor)", "Events"), s.listEvents)
	huma.Register(api, operation("get-event", http.MethodGet, "/events/{id}", parasat.ReadPublished,
		"Read one event with its results", "Events"), func(ctx context.Context, in *EventPath) (*eventOutput, error) {
		e, err := s.readableEvent(ctx, in.ID)
		if err != nil {
			return nil, err
		}
		v, err := s.eventView(ctx, e)
		return &eventOutput{Body: v}, err
	})
	huma.Register(api, operation("create-event", http.MethodPost, "/events", parasat.WriteEvent,
		"Plan an event (managers for their organisation, coordinators in their region)", "Events"), s.createEvent)
	huma.Register(api, operation("update-event", http.MethodPut, "/events/{id}", parasat.WriteEvent,
		"Change an event, replacing every field with the ones sent", "Events"), s.updateEvent)
	huma.Register(api, changeOperation("hold-event", http.MethodPost, "/events/{id}/hold", parasat.WriteEvent,
		"Record that a planned event took place", "Events"), func(ctx context.Context, in *EventPath) (*eventOutput, error) {
		return s.moveEvent(ctx, in.ID, func(id int64) (*parasat.Event, error) { return s.services.Events.HoldEvent(ctx, id) })
	})
	huma.Register(api, changeOperation("cancel-event", http.MethodPost, "/events/{id}/cancel", parasat.WriteEvent,
		"Cancel a planned event, saying why", "Events"), func(ctx context.Context, in *struct {
		EventPath
		Body struct {
			Reason string `json:"reason" maxLength:"2000"`
		}
	}) (*eventOutput, error) {
		return s.moveEvent(ctx, in.ID, func(id int64) (*parasat.Event, error) {
			return s.services.Events.CancelEvent(ctx, id, in.Body.Reason)
		})
	})
	huma.Register(api, changeOperation("report-event", http.MethodPost, "/events/{id}/report", parasat.WriteEvent,
		"Report a held event: volunteers and their time; people helped and value come from its aid records", "Events"),
		func(ctx context.Context, in *struct {
			EventPath
			Body parasat.EventReport
		}) (*eventOutput, error) {
			return s.moveEvent(ctx, in.ID, func(id int64) (*parasat.Event, error) {
				return s.services.Events.ReportEvent(ctx, id, in.Body)
			})
		})
	op := operation("put-event-photo", http.MethodPut, "/events/{id}/photo", parasat.WriteEvent,
		"Upload the event's photo (JPEG, PNG, GIF or WebP, up to 15 MB); it is scaled and stripped of metadata", "Events")
	op.MaxBodyBytes = photo.MaxBytes + 1024
	huma.Register(api, op, func(ctx context.Context, in *struct {
		EventPath
		RawBody []byte `contentType:"application/octet-stream"`
	}) (*eventOutput, error) {
		if _, err := s.writableEvent(ctx, in.ID); err != nil {
			return nil, err
		}
		p, err := photo.Process(bytes.NewReader(in.RawBody))
		if err != nil {
			return nil, s.apiError(err)
		}
		if err := s.services.Events.SetEventPhoto(ctx, in.ID, p); err != nil {
			return nil, s.apiError(err)
		}
		e, err := s.readableEvent(ctx, in.ID)
		if err != nil {
			return nil, err
		}
		v, err := s.eventView(ctx, e)
		return &eventOutput{Body: v}, err
	})
}

func (s *Server) listEvents(ctx context.Context, in *eventListInput) (*eventListOutput, error) {
	f := parasat.EventFilter{Region: in.Region, Organisation: in.Organisation, Kind: parasat.EventKind(in.Kind),
		Limit: in.Limit, IncludePublished: true, Visibility: visibility(currentUser(ctx), parasat.ReadEvent)}
	if in.Status != "" {
		f.Statuses = []parasat.EventStatus{parasat.EventStatus(in.Status)}
	}
	for _, d := range []struct {
		text, field string
		into        **parasat.Date
	}{{in.From, "from", &f.From}, {in.To, "to", &f.To}} {
		if d.text == "" {
			continue
		}
		day, err := parasat.ParseDate(d.text)
		if err != nil {
			return nil, huma.Error422UnprocessableEntity("invalid date",
				&huma.ErrorDetail{Location: "query." + d.field, Message: "must be a date such as 2019-04-25", Value: d.text})
		}
		*d.into = &day
	}
	var ok bool
	if f.AfterStart, f.AfterID, ok = parseEventCursor(in.Cursor); !ok {
		return nil, badCursor(in.Cursor)
	}
	items, err := s.services.Events.ListEvents(ctx, f)
	if err != nil {
		return nil, s.apiError(err)
	}
	out := &eventListOutput{}
	out.Body.Items = items
	if len(items) == in.Limit {
		out.Body.NextCursor = eventCursor(items[len(items)-1])
	}
	return out, nil
}

// withDefaultRegion fills an event's region from its lead organisation, as
// the store will, so that the policy judges the region the event gets.
func (s *Server) withDefaultRegion(ctx context.Context, e *parasat.Event) {
	if e.Region == "" && e.LeadID > 0 {
		if o, err := s.services.Organisations.Organisation(ctx, e.LeadID); err == nil {
			e.Region = o.Region
		}
	}
}

func (s *Server) createEvent(ctx context.Context, in *struct{ Body EventBody }) (*createdEventOutput, error) {
	e := in.Body.event(0)
	e.Normalize()
	s.withDefaultRegion(ctx, e)
	if err := s.authorize(ctx, parasat.WriteEvent, e.WriteResource()); err != nil {
		return nil, err
	}
	if err := s.services.Events.CreateEvent(ctx, e); err != nil {
		return nil, s.apiError(err)
	}
	v, err := s.eventView(ctx, e)
	return &createdEventOutput{Location: APIPrefix + "/events/" + strconv.FormatInt(e.ID, 10), Body: v}, err
}

func (s *Server) updateEvent(ctx context.Context, in *struct {
	EventPath
	Body EventBody
}) (*eventOutput, error) {
	if _, err := s.writableEvent(ctx, in.ID); err != nil {
		return nil, err
	}
	e := in.Body.event(in.ID)
	e.Normalize()
	s.withDefaultRegion(ctx, e)
	if err := s.authorize(ctx, parasat.WriteEvent, e.WriteResource()); err != nil {
		return nil, err
	}
	if err := s.services.Events.UpdateEvent(ctx, e); err != nil {
		return nil, s.apiError(err)
	}
	v, err := s.eventView(ctx, e)
	return &eventOutput{Body: v}, err
}

// moveEvent changes an event's status after checking the caller may change it.
func (s *Server) moveEvent(ctx context.Context, id int64, move func(int64) (*parasat.Event, error)) (*eventOutput, error) {
	if _, err := s.writableEvent(ctx, id); err != nil {
		return nil, err
	}
	e, err := move(id)
	if err != nil {
		return nil, s.apiError(err)
	}
	v, err := s.eventView(ctx, e)
	return &eventOutput{Body: v}, err
}

// changeOperation is an operation that changes a record without creating
// one: its success is 200, not the 201 of other POSTs.
func changeOperation(id, method, path string, action parasat.Action, summary string, tags ...string) huma.Operation {
	op := operation(id, method, path, action, summary, tags...)
	op.DefaultStatus = http.StatusOK
	return op
}
