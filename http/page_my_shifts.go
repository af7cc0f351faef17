package http

import (
	"net/http"
	"strconv"
	"time"

	"github.com/parasat-kz/parasat"
)

// A volunteer's shifts and hours: on their record (/volunteers/{id}, for
// themself and the staff who may read it) and on their own page
// (/my/shifts), which also offers the shifts open to sign-up.

// volunteerHoursView is the block of shifts and hours of a volunteer.
type volunteerHoursView struct {
	VolunteerID int64
	Total       string // confirmed hours
	Minutes     int64
	Shifts      int
	Upcoming    []historyRow
	History     []historyRow
	Next        string // cursor of the next page of history
	Own         bool   // the visitor is the volunteer
}

// historyRow is one sign-up of a volunteer.
type historyRow struct {
	VS                parasat.VolunteerShift
	Event, Role, When string
	Hours             string
	CanCancel         bool
}

func (s *Server) volunteerHoursBlock(r *http.Request, p *page, v *parasat.Volunteer) (*volunteerHoursView, error) {
	f := parasat.HoursFilter{Limit: 20}
	f.BeforeStart, f.BeforeID, _ = parseEventCursor(r.URL.Query().Get("before"))
	h, err := s.services.Shifts.VolunteerHours(r.Context(), v.ID, f)
	if err != nil {
		return nil, err
	}
	own := p.User != nil && v.UserID != nil && *v.UserID == p.User.ID
	out := &volunteerHoursView{VolunteerID: v.ID, Total: hoursText(p.T, h.ConfirmedMinutes, p.Lang), Minutes: h.ConfirmedMinutes,
		Shifts: h.Shifts, Own: own}
	now := time.Now()
	row := func(vs parasat.VolunteerShift) historyRow {
		hr := historyRow{VS: vs, Event: vs.EventTitle.Best(p.Lang), Role: vs.Role.Best(p.Lang), When: shiftWhen(p.T, vs.Starts, vs.Ends)}
		if vs.ConfirmedMinutes != nil {
			hr.Hours = hoursText(p.T, *vs.ConfirmedMinutes, p.Lang)
		}
		hr.CanCancel = now.Before(vs.Starts) && parasat.Can(p.User, parasat.SignUpShift, v.Resource())
		return hr
	}
	for _, vs := range h.Upcoming {
		out.Upcoming = append(out.Upcoming, row(vs))
	}
	for _, vs := range h.History {
		out.History = append(out.History, row(vs))
	}
	if n := len(h.History); n == f.Limit {
		out.Next = makeCursor(h.History[n-1].ID, true, h.History[n-1].Starts.UTC().Format(time.RFC3339Nano))
	}
	return out, nil
}

// openShiftRow is a shift offered to the volunteer on their page.
type openShiftRow struct {
	shiftRow
	EventID           int64
	EventTitle, Place string
}

type myShiftsPage struct {
	V       *parasat.Volunteer
	Hours   *volunteerHoursView
	Open    []openShiftRow
	Next    string
	Summary string
}

func (s *Server) handleMyShifts(w http.ResponseWriter, r *http.Request) {
	s.myShiftsPage(w, r, http.StatusOK, "")
}

// myShiftsPage shows the visitor's own page of shifts, with summary (a
// refused sign-up) at the top.
func (s *Server) myShiftsPage(w http.ResponseWriter, r *http.Request, status int, summary string) {
	ctx := r.Context()
	p := s.newPage(w, r, "nav.my_shifts", nil)
	d := myShiftsPage{Summary: summary}
	v, err := s.ownVolunteer(ctx, p.User)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if d.V = v; v != nil {
		if d.Hours, err = s.volunteerHoursBlock(r, p, v); err != nil {
			s.serverError(w, r, err)
			return
		}
		if err := s.openShiftRows(r, p, &d); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	p.Data = d
	s.render(w, status, "my_shifts", p)
}

// openShiftRows lists the shifts of the volunteer's region still open to
// sign-up, marking those they hold already.
func (s *Server) openShiftRows(r *http.Request, p *page, d *myShiftsPage) error {
	f := parasat.OpenShiftFilter{Region: d.V.Region, Limit: 20}
	f.AfterStart, f.AfterID, _ = parseEventCursor(r.URL.Query().Get("after"))
	list, err := s.services.Shifts.OpenShifts(r.Context(), f)
	if err != nil {
		return err
	}
	skills, err := s.skillNames(r.Context(), p.Lang)
	if err != nil {
		return err
	}
	mine := map[int64]*parasat.Signup{}
	for i := range d.Hours.Upcoming {
		mine[d.Hours.Upcoming[i].VS.ShiftID] = &d.Hours.Upcoming[i].VS.Signup
	}
	now := time.Now()
	for _, o := range list {
		row := openShiftRow{shiftRow: rowOfShift(p.T, p.Lang, o.Shift, skills, now), EventID: o.EventID,
			EventTitle: o.EventTitle.Best(p.Lang), Place: o.Address}
		row.Mine = mine[o.ID]
		row.CanSignUp = row.Mine == nil && !row.Started && d.V.Status == parasat.VolunteerApproved
		d.Open = append(d.Open, row)
	}
	if len(list) == f.Limit {
		d.Next = eventCursor(parasat.Event{ID: list[len(list)-1].ID, Starts: list[len(list)-1].Starts})
	}
	return nil
}

// handleSignUpShift signs the visitor's own volunteer record up for the
// shift of the path, and goes back to the page the form was on.
func (s *Server) handleSignUpShift(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, ok := pathID(r, "id")
	if !ok {
		s.notFound(w, r)
		return
	}
	sh, err := s.services.Shifts.Shift(ctx, id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	r.SetPathValue("id", strconv.FormatInt(sh.EventID, 10))
	e, ok := s.pageEvent(w, r)
	if !ok {
		return
	}
	v, err := s.ownVolunteer(ctx, currentUser(ctx))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	fromEvent := r.PostFormValue("from") != "my"
	var g *parasat.Signup
	if v == nil {
		err = &parasat.Error{Code: parasat.EConflict, Fields: []parasat.FieldError{{Field: "shift", Code: "shift.no_volunteer_record"}}}
	} else {
		g, err = s.services.Shifts.SignUp(ctx, sh.ID, v.ID)
	}
	if err != nil {
		msg := firstFieldError(s.catalog.For(s.language(r)), err)
		if msg == "" {
			s.pageError(w, r, err)
			return
		}
		if fromEvent {
			s.eventPage(w, r, http.StatusConflict, e, reportForm{Summary: msg})
		} else {
			s.myShiftsPage(w, r, http.StatusConflict, msg)
		}
		return
	}
	if g.Status == parasat.SignupConfirmed {
		setFlash(w, "flash.signed_up")
	} else {
		setFlash(w, "flash.waitlisted", "Position", strconv.Itoa(g.Position))
	}
	back := "/my/shifts"
	if fromEvent {
		back = "/events/" + strconv.FormatInt(e.ID, 10) + "#shifts"
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}

// handleCancelSignup withdraws a sign-up of the visitor (or of a volunteer
// they manage) and goes back to where the form was.
func (s *Server) handleCancelSignup(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, ok := pathID(r, "id")
	if !ok {
		s.notFound(w, r)
		return
	}
	g, err := s.services.Shifts.Signup(ctx, id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v, err := s.services.Volunteers.Volunteer(ctx, g.VolunteerID)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if !parasat.Can(currentUser(ctx), parasat.SignUpShift, v.Resource()) {
		s.notFound(w, r)
		return
	}
	back := safeNext(r.PostFormValue("next"))
	if _, err := s.services.Shifts.CancelSignup(ctx, id); err != nil {
		msg := firstFieldError(s.catalog.For(s.language(r)), err)
		if msg == "" {
			s.pageError(w, r, err)
			return
		}
		setFlash(w, "flash.cancel_refused", "Reason", msg)
	} else {
		setFlash(w, "flash.signup_cancelled")
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}
