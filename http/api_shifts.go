package http

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/parasat-kz/parasat"
)

// ShiftBody is a shift as clients send it.
type ShiftBody struct {
	Role     parasat.Names `json:"role" doc:"What the volunteers do (serving food, driving), in up to three languages; at least one"`
	Starts   time.Time     `json:"starts_at" doc:"Within a day of the event"`
	Ends     time.Time     `json:"ends_at" doc:"After starts_at, at most 12 hours later"`
	Capacity int           `json:"capacity" doc:"How many volunteers the shift needs, 1 to 500"`
	Skills   []string      `json:"skills,omitempty" doc:"Codes from GET /skills that the shift wants"`
}

func (b *ShiftBody) shift(id, eventID int64) *parasat.Shift {
	return &parasat.Shift{ID: id, EventID: eventID, Role: b.Role, Starts: b.Starts, Ends: b.Ends, Capacity: b.Capacity, Skills: b.Skills}
}

// ShiftPath names one shift.
type ShiftPath struct {
	ID int64 `path:"id" minimum:"1"`
}

type shiftOutput struct{ Body *parasat.Shift }

type createdShiftOutput struct {
	Location string `header:"Location"`
	Body     *parasat.Shift
}

type shiftListOutput struct {
	Body struct {
		Items []parasat.Shift `json:"items"`
		// Hours sums the confirmed hours of the shifts.
		Hours *parasat.ShiftHours `json:"hours"`
	}
}

type openShiftsOutput struct {
	Body struct {
		Items      []parasat.OpenShift `json:"items"`
		NextCursor string              `json:"next_cursor,omitempty"`
	}
}

// readableShift loads a shift whose event the caller may see.
func (s *Server) readableShift(ctx context.Context, id int64) (*parasat.Shift, *parasat.Event, error) {
	sh, err := s.services.Shifts.Shift(ctx, id)
	if err != nil {
		return nil, nil, s.apiError(err)
	}
	e, err := s.readableEvent(ctx, sh.EventID)
	if err != nil {
		return nil, nil, notVisible("shift")
	}
	return sh, e, nil
}

// writableShift loads a shift the caller runs: they may change its event.
func (s *Server) writableShift(ctx context.Context, id int64) (*parasat.Shift, *parasat.Event, error) {
	sh, e, err := s.readableShift(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	if err := s.authorize(ctx, parasat.WriteEvent, e.WriteResource()); err != nil {
		return nil, nil, err
	}
	return sh, e, nil
}

func (s *Server) registerShiftRoutes(api huma.API) {
	huma.Register(api, operation("list-event-shifts", http.MethodGet, "/events/{id}/shifts", parasat.ReadPublished,
		"List an event's volunteer shifts with their places taken and waitlists", "Shifts"),
		func(ctx context.Context, in *EventPath) (*shiftListOutput, error) {
			if _, err := s.readableEvent(ctx, in.ID); err != nil {
				return nil, err
			}
			list, err := s.services.Shifts.ListShifts(ctx, in.ID)
			if err != nil {
				return nil, s.apiError(err)
			}
			out := &shiftListOutput{}
			out.Body.Items = list
			out.Body.Hours, err = s.services.Shifts.EventShiftHours(ctx, in.ID)
			return out, s.apiErrorOrNil(err)
		})
	huma.Register(api, operation("create-shift", http.MethodPost, "/events/{id}/shifts", parasat.WriteEvent,
		"Add a volunteer shift to a planned or held event (its organisers)", "Shifts"), s.createShift)
	huma.Register(api, operation("list-open-shifts", http.MethodGet, "/shifts", parasat.ReadPublished,
		"List the shifts of published events that volunteers can still sign up for, by start (follow next_cursor)", "Shifts"),
		s.listOpenShifts)
	huma.Register(api, operation("get-shift", http.MethodGet, "/shifts/{id}", parasat.ReadPublished,
		"Read one shift", "Shifts"), func(ctx context.Context, in *ShiftPath) (*shiftOutput, error) {
		sh, _, err := s.readableShift(ctx, in.ID)
		return &shiftOutput{Body: sh}, err
	})
	huma.Register(api, operation("update-shift", http.MethodPut, "/shifts/{id}", parasat.WriteEvent,
		"Change a shift: more places go to its waitlist; fewer than those taken are refused", "Shifts"), s.updateShift)
	huma.Register(api, operation("delete-shift", http.MethodDelete, "/shifts/{id}", parasat.WriteEvent,
		"Remove a shift nobody has worked yet; its sign-ups and reminders are withdrawn", "Shifts"),
		func(ctx context.Context, in *ShiftPath) (*struct{}, error) {
			if _, _, err := s.writableShift(ctx, in.ID); err != nil {
				return nil, err
			}
			return nil, s.apiErrorOrNil(s.services.Shifts.DeleteShift(ctx, in.ID))
		})
	s.registerSignupRoutes(api)
}

func (s *Server) listOpenShifts(ctx context.Context, in *struct {
	Region string `query:"region" example:"KZ-71"`
	Limit  int    `query:"limit" minimum:"1" maximum:"500" default:"50"`
	Cursor string `query:"cursor"`
}) (*openShiftsOutput, error) {
	f := parasat.OpenShiftFilter{Region: in.Region, Limit: in.Limit}
	var ok bool
	if f.AfterStart, f.AfterID, ok = parseEventCursor(in.Cursor); !ok {
		return nil, badCursor(in.Cursor)
	}
	list, err := s.services.Shifts.OpenShifts(ctx, f)
	if err != nil {
		return nil, s.apiError(err)
	}
	out := &openShiftsOutput{}
	out.Body.Items = list
	if len(list) == in.Limit {
		last := list[len(list)-1]
		out.Body.NextCursor = makeCursor(last.ID, true, last.Starts.UTC().Format(time.RFC3339Nano))
	}
	return out, nil
}

func (s *Server) createShift(ctx context.Context, in *struct {
	EventPath
	Body ShiftBody
}) (*createdShiftOutput, error) {
	if _, err := s.writableEvent(ctx, in.ID); err != nil {
		return nil, err
	}
	sh := in.Body.shift(0, in.ID)
	if err := s.services.Shifts.CreateShift(ctx, sh); err != nil {
		return nil, s.apiError(err)
	}
	return &createdShiftOutput{Location: APIPrefix + "/shifts/" + strconv.FormatInt(sh.ID, 10), Body: sh}, nil
}

func (s *Server) updateShift(ctx context.Context, in *struct {
	ShiftPath
	Body ShiftBody
}) (*shiftOutput, error) {
	before, _, err := s.writableShift(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	sh := in.Body.shift(in.ID, before.EventID)
	if err := s.services.Shifts.UpdateShift(ctx, sh); err != nil {
		return nil, s.apiError(err)
	}
	sh, err = s.services.Shifts.Shift(ctx, in.ID)
	return &shiftOutput{Body: sh}, s.apiErrorOrNil(err)
}
