package http

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/parasat-kz/parasat"
)

// SignupPath names one sign-up.
type SignupPath struct {
	ID int64 `path:"id" minimum:"1"`
}

// SignUpBody names the volunteer to sign up; without it, the caller's own
// volunteer record.
type SignUpBody struct {
	VolunteerID int64 `json:"volunteer_id,omitempty" doc:"Staff sign up the volunteers they manage; a volunteer leaves it out"`
}

// HoursBody corrects the minutes computed from check-in and check-out;
// without it, they are confirmed as they are.
type HoursBody struct {
	Minutes *int64 `json:"minutes,omitempty" doc:"Minutes worked (60 for an hour); at most the shift's length and two hours"`
}

// SignupView is a sign-up as the organisers of its shift see it: with the
// volunteer's name and phone, to call them and to check them in.
type SignupView struct {
	parasat.Signup
	VolunteerName string `json:"volunteer_name"`
	Phone         string `json:"phone,omitempty"`
}

type signupOutput struct{ Body *parasat.Signup }

type createdSignupOutput struct {
	Location string `header:"Location"`
	Body     *parasat.Signup
}

type hoursOutput struct {
	Body struct {
		*parasat.VolunteerHours
		NextCursor string `json:"next_cursor,omitempty"`
	}
}

// ownVolunteer is the volunteer's record of the account u, or nil.
func (s *Server) ownVolunteer(ctx context.Context, u *parasat.User) (*parasat.Volunteer, error) {
	if u == nil {
		return nil, nil
	}
	list, err := s.services.Volunteers.ListVolunteers(ctx, parasat.VolunteerFilter{
		Visibility: parasat.Visibility{OwnerUserID: u.ID}, Limit: 1})
	if err != nil || len(list) == 0 {
		return nil, err
	}
	return s.services.Volunteers.Volunteer(ctx, list[0].ID)
}

// signupVolunteer is the volunteer a sign-up is for: the one named (id), or
// the caller's own record.
func (s *Server) signupVolunteer(ctx context.Context, id int64) (*parasat.Volunteer, error) {
	if id == 0 {
		v, err := s.ownVolunteer(ctx, currentUser(ctx))
		if err != nil {
			return nil, s.apiError(err)
		}
		if v == nil {
			return nil, huma.Error422UnprocessableEntity("your account has no volunteer's record",
				&huma.ErrorDetail{Location: "body.volunteer_id", Message: "offer your help at /volunteer first, or name the volunteer"})
		}
		return v, nil
	}
	v, err := s.services.Volunteers.Volunteer(ctx, id)
	if err != nil {
		return nil, s.apiError(err)
	}
	return v, nil
}

// signupFor loads a sign-up the caller may act on: as the volunteer (or
// staff managing them) with SignUpShift, or as an organiser of its event
// with WriteEvent; a sign-up they may not act on is "not found".
func (s *Server) signupFor(ctx context.Context, id int64, asOrganiser bool) (*parasat.Signup, *parasat.Event, error) {
	g, err := s.services.Shifts.Signup(ctx, id)
	if err != nil {
		return nil, nil, s.apiError(err)
	}
	e, err := s.services.Events.Event(ctx, g.EventID)
	if err != nil {
		return nil, nil, s.apiError(err)
	}
	u := currentUser(ctx)
	if parasat.Can(u, parasat.WriteEvent, e.WriteResource()) {
		return g, e, nil
	}
	if !asOrganiser {
		if v, err := s.services.Volunteers.Volunteer(ctx, g.VolunteerID); err == nil && parasat.Can(u, parasat.SignUpShift, v.Resource()) {
			return g, e, nil
		}
	}
	return nil, nil, notVisible("sign-up")
}

func (s *Server) registerSignupRoutes(api huma.API) {
	huma.Register(api, operation("list-shift-signups", http.MethodGet, "/shifts/{id}/signups", parasat.WriteEvent,
		"The sign-ups of a shift, for its organisers: places, then the waitlist in turn, then those withdrawn", "Shifts"),
		s.listShiftSignups)
	huma.Register(api, operation("sign-up", http.MethodPost, "/shifts/{id}/signups", parasat.SignUpShift,
		"Sign an approved volunteer up: a place, or a turn on the waitlist when the shift is full", "Shifts"), s.signUp)
	huma.Register(api, operation("get-signup", http.MethodGet, "/signups/{id}", parasat.SignUpShift,
		"Read a sign-up: its place or turn on the waitlist, check-in, check-out and hours", "Shifts"),
		func(ctx context.Context, in *SignupPath) (*signupOutput, error) {
			g, _, err := s.signupFor(ctx, in.ID, false)
			return &signupOutput{Body: g}, err
		})
	s.signupChange(api, "cancel-signup", "/signups/{id}/cancel", parasat.SignUpShift,
		"Withdraw a sign-up before the shift starts (the volunteer); the place goes to the first on the waitlist",
		func(ctx context.Context, id int64) (*parasat.Signup, error) {
			return s.services.Shifts.CancelSignup(ctx, id)
		})
	s.signupChange(api, "remove-signup", "/signups/{id}/remove", parasat.WriteEvent,
		"Take a volunteer off a shift (its organisers); the place goes to the first on the waitlist",
		func(ctx context.Context, id int64) (*parasat.Signup, error) {
			return s.services.Shifts.RemoveSignup(ctx, id)
		})
	s.signupChange(api, "check-in", "/signups/{id}/check-in", parasat.WriteEvent,
		"Check a volunteer in, now (from an hour before the shift to its end)",
		func(ctx context.Context, id int64) (*parasat.Signup, error) {
			return s.services.Shifts.CheckIn(ctx, id)
		})
	s.signupChange(api, "check-out", "/signups/{id}/check-out", parasat.WriteEvent,
		"Check a volunteer out, now: the minutes worked are computed, rounded to 5 minutes",
		func(ctx context.Context, id int64) (*parasat.Signup, error) {
			return s.services.Shifts.CheckOut(ctx, id)
		})
	huma.Register(api, changeOperation("confirm-hours", http.MethodPost, "/signups/{id}/hours", parasat.WriteEvent,
		"Confirm a volunteer's hours as computed, or corrected with minutes", "Shifts"), s.confirmHours)
	huma.Register(api, operation("volunteer-hours", http.MethodGet, "/volunteers/{id}/hours", parasat.ReadVolunteer,
		"A volunteer's confirmed hours in total, the sign-ups to come and the shifts worked, newest first (follow next_cursor)",
		"Volunteers"), s.volunteerHours)
	s.registerInviteRoute(api)
}

// signupChange registers an operation that changes one sign-up; the
// organisers' ones (WriteEvent) are not open to the volunteer.
func (s *Server) signupChange(api huma.API, id, path string, action parasat.Action, summary string,
	change func(context.Context, int64) (*parasat.Signup, error)) {
	huma.Register(api, changeOperation(id, http.MethodPost, path, action, summary, "Shifts"),
		func(ctx context.Context, in *SignupPath) (*signupOutput, error) {
			if _, _, err := s.signupFor(ctx, in.ID, action == parasat.WriteEvent); err != nil {
				return nil, err
			}
			g, err := change(ctx, in.ID)
			return &signupOutput{Body: g}, s.apiErrorOrNil(err)
		})
}

type shiftSignupsOutput struct {
	Body struct {
		Items []SignupView `json:"items"`
	}
}

func (s *Server) listShiftSignups(ctx context.Context, in *ShiftPath) (*shiftSignupsOutput, error) {
	if _, _, err := s.writableShift(ctx, in.ID); err != nil {
		return nil, err
	}
	list, err := s.services.Shifts.ShiftSignups(ctx, in.ID)
	if err != nil {
		return nil, s.apiError(err)
	}
	out := &shiftSignupsOutput{}
	out.Body.Items = []SignupView{}
	for _, g := range list {
		view := SignupView{Signup: g}
		if v, err := s.services.Volunteers.Volunteer(ctx, g.VolunteerID); err == nil {
			view.VolunteerName, view.Phone = v.FullName, v.Phone
		}
		out.Body.Items = append(out.Body.Items, view)
	}
	return out, nil
}

func (s *Server) volunteerHours(ctx context.Context, in *struct {
	VolunteerPath
	Limit  int    `query:"limit" minimum:"1" maximum:"500" default:"50"`
	Cursor string `query:"cursor"`
}) (*hoursOutput, error) {
	v, err := s.services.Volunteers.Volunteer(ctx, in.ID)
	if err != nil {
		return nil, s.apiError(err)
	}
	if !parasat.Can(currentUser(ctx), parasat.ReadVolunteer, v.Resource()) {
		return nil, notVisible("volunteer")
	}
	f := parasat.HoursFilter{Limit: in.Limit}
	var ok bool
	if f.BeforeStart, f.BeforeID, ok = parseEventCursor(in.Cursor); !ok {
		return nil, badCursor(in.Cursor)
	}
	h, err := s.services.Shifts.VolunteerHours(ctx, v.ID, f)
	if err != nil {
		return nil, s.apiError(err)
	}
	out := &hoursOutput{}
	out.Body.VolunteerHours = h
	if n := len(h.History); n == in.Limit {
		out.Body.NextCursor = makeCursor(h.History[n-1].ID, true, h.History[n-1].Starts.UTC().Format(time.RFC3339Nano))
	}
	return out, nil
}

func (s *Server) signUp(ctx context.Context, in *struct {
	ShiftPath
	Body *SignUpBody
}) (*createdSignupOutput, error) {
	sh, _, err := s.readableShift(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	var who int64
	if in.Body != nil {
		who = in.Body.VolunteerID
	}
	v, err := s.signupVolunteer(ctx, who)
	if err != nil {
		return nil, err
	}
	if err := s.authorize(ctx, parasat.SignUpShift, v.Resource()); err != nil {
		return nil, err
	}
	g, err := s.services.Shifts.SignUp(ctx, sh.ID, v.ID)
	if err != nil {
		return nil, s.apiError(err)
	}
	return &createdSignupOutput{Location: APIPrefix + "/signups/" + strconv.FormatInt(g.ID, 10), Body: g}, nil
}

func (s *Server) confirmHours(ctx context.Context, in *struct {
	SignupPath
	Body *HoursBody
}) (*signupOutput, error) {
	if _, _, err := s.signupFor(ctx, in.ID, true); err != nil {
		return nil, err
	}
	var minutes *int64
	if in.Body != nil {
		minutes = in.Body.Minutes
	}
	g, err := s.services.Shifts.ConfirmHours(ctx, in.ID, minutes)
	return &signupOutput{Body: g}, s.apiErrorOrNil(err)
}
