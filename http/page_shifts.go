package http

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
)

// eventShiftsView is the block of shifts on the event page
// (_event_shifts.html): what each shift offers, the visitor's own place,
// and for the event's organisers the way to add and run shifts.
type eventShiftsView struct {
	Rows      []shiftRow
	CanManage bool // the visitor may change the event: add and run its shifts
	Open      bool // the event takes sign-ups: it is planned or being held
	SignedIn  bool
	Volunteer *parasat.Volunteer // the visitor's own record, if any
	Back      string             // this page, to come back to after signing in or up
	// ReportHint says what the report form was prefilled with.
	ReportHint string
	// Hours are the confirmed hours so far, for the organisers.
	Hours string
}

// shiftRow is one shift as a page lists it.
type shiftRow struct {
	S         parasat.Shift
	Role      string
	When      string
	Skills    []string
	Started   bool
	Free      int             // places left
	Mine      *parasat.Signup // the visitor's sign-up, if any
	CanSignUp bool
}

// shiftWhen shows a shift's time in Kazakhstan: "17 March 2026 10:00–14:00",
// the end's day too when it is another.
func shiftWhen(l *i18n.Localizer, start, end time.Time) string {
	start, end = start.In(i18n.Zone()), end.In(i18n.Zone())
	if start.YearDay() == end.YearDay() && start.Year() == end.Year() {
		return l.DateTime(start) + "–" + end.Format("15:04")
	}
	return l.DateTime(start) + " – " + l.DateTime(end)
}

// skillNames names skills in the page's language.
func (s *Server) skillNames(ctx context.Context, lang parasat.Language) (map[string]string, error) {
	skills, err := s.services.Skills.ListSkills(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, sk := range skills {
		out[sk.Code] = sk.Names.Best(lang)
	}
	return out, nil
}

func rowOfShift(l *i18n.Localizer, lang parasat.Language, sh parasat.Shift, skills map[string]string, now time.Time) shiftRow {
	row := shiftRow{S: sh, Role: sh.Role.Best(lang), When: shiftWhen(l, sh.Starts, sh.Ends), Started: !now.Before(sh.Starts), Free: sh.Free()}
	for _, c := range sh.Skills {
		row.Skills = append(row.Skills, skills[c])
	}
	return row
}

// eventShiftsBlock prepares the block of shifts of the event page, or nil
// when there is nothing to show.
func (s *Server) eventShiftsBlock(r *http.Request, p *page, e *parasat.Event, canManage bool) (*eventShiftsView, error) {
	ctx := r.Context()
	list, err := s.services.Shifts.ListShifts(ctx, e.ID)
	if err != nil || len(list) == 0 && !canManage {
		return nil, err
	}
	v := &eventShiftsView{CanManage: canManage, SignedIn: p.User != nil, Back: "/events/" + strconv.FormatInt(e.ID, 10),
		Open: e.Status == parasat.EventPlanned || e.Status == parasat.EventHeld}
	if v.Volunteer, err = s.ownVolunteer(ctx, p.User); err != nil {
		return nil, err
	}
	mine := map[int64]*parasat.Signup{}
	if v.Volunteer != nil {
		h, err := s.services.Shifts.VolunteerHours(ctx, v.Volunteer.ID, parasat.HoursFilter{Limit: 1})
		if err != nil {
			return nil, err
		}
		for i := range h.Upcoming {
			mine[h.Upcoming[i].ShiftID] = &h.Upcoming[i].Signup
		}
	}
	skills, err := s.skillNames(ctx, p.Lang)
	if err != nil {
		return nil, err
	}
	if canManage && len(list) > 0 {
		h, err := s.services.Shifts.EventShiftHours(ctx, e.ID)
		if err != nil {
			return nil, err
		}
		v.Hours = p.T.N("shift.event_hours", h.Volunteers, "Hours", hoursText(p.T, h.Minutes, p.Lang))
	}
	now := time.Now()
	for _, sh := range list {
		row := rowOfShift(p.T, p.Lang, sh, skills, now)
		row.Mine = mine[sh.ID]
		row.CanSignUp = v.Open && !row.Started && row.Mine == nil && v.Volunteer != nil &&
			v.Volunteer.Status == parasat.VolunteerApproved
		v.Rows = append(v.Rows, row)
	}
	return v, nil
}

// prefillReport fills the report form of an event with shifts from their
// confirmed hours (FIGURES.md: an event with shifts counts those).
func (s *Server) prefillReport(ctx context.Context, l *i18n.Localizer, lang parasat.Language, e *parasat.Event, v *eventView) error {
	if v.Shifts == nil || len(v.Shifts.Rows) == 0 || e.Status != parasat.EventHeld {
		return nil
	}
	h, err := s.services.Shifts.EventShiftHours(ctx, e.ID)
	if err != nil {
		return err
	}
	if v.Report.Volunteers == "" {
		v.Report.Volunteers, v.Report.Hours = strconv.Itoa(h.Volunteers), hoursText(l, h.Minutes, lang)
	}
	v.Shifts.ReportHint = l.N("shift.report_prefilled", h.Volunteers, "Hours", hoursText(l, h.Minutes, lang))
	if h.Unconfirmed > 0 {
		v.Shifts.ReportHint += " " + l.N("shift.report_unconfirmed", h.Unconfirmed)
	}
	return nil
}

// shiftForm is the form of a new or changed shift, sent back with its errors.
type shiftForm struct {
	ID                 int64
	Event              *parasat.Event
	EventTitle         string
	S                  parasat.Shift
	Starts, Ends, Size string
	Skills             []option
	Errors             map[string]string
	Summary            string
}

func (s *Server) shiftFormPage(w http.ResponseWriter, r *http.Request, status int, form shiftForm) {
	p := s.newPage(w, r, "shift.new", nil)
	if form.ID != 0 {
		p.Title = p.T.T("shift.edit")
	}
	skills, err := s.services.Skills.ListSkills(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, sk := range skills {
		form.Skills = append(form.Skills, option{Value: sk.Code, Label: sk.Names.Best(p.Lang)})
	}
	form.Skills = marked(form.Skills, form.S.Skills...)
	form.EventTitle = form.Event.Title.Best(p.Lang)
	p.Data = form
	p.Breadcrumbs = []crumb{{p.T.T("nav.events"), "/events"},
		{form.EventTitle, "/events/" + strconv.FormatInt(form.Event.ID, 10)}, {p.Title, ""}}
	s.render(w, status, "shift_form", p)
}

func formOfShift(e *parasat.Event, sh parasat.Shift) shiftForm {
	return shiftForm{ID: sh.ID, Event: e, S: sh, Starts: sh.Starts.In(i18n.Zone()).Format(dateTimeLocal),
		Ends: sh.Ends.In(i18n.Zone()).Format(dateTimeLocal), Size: strconv.Itoa(sh.Capacity)}
}

func (s *Server) handleNewShiftForm(w http.ResponseWriter, r *http.Request) {
	e, ok := s.writablePageEvent(w, r)
	if !ok {
		return
	}
	end := min(e.Ends.Unix(), e.Starts.Add(4*time.Hour).Unix())
	s.shiftFormPage(w, r, http.StatusOK, formOfShift(e, parasat.Shift{Starts: e.Starts, Ends: time.Unix(end, 0), Capacity: 5}))
}

// shiftFromForm reads the form; bad holds the fields that could not be read.
func shiftFromForm(r *http.Request, e *parasat.Event) (shiftForm, map[string]string) {
	f := func(name string) string { return strings.TrimSpace(r.PostFormValue(name)) }
	form := shiftForm{Event: e, Starts: f("starts_at"), Ends: f("ends_at"), Size: f("capacity"),
		S: parasat.Shift{EventID: e.ID, Role: parasat.Names{KK: f("role_kk"), RU: f("role_ru"), EN: f("role_en")},
			Skills: r.PostForm["skills"]}}
	bad := map[string]string{}
	parseLocalTimes(bad, localTime{form.Starts, "starts_at", &form.S.Starts}, localTime{form.Ends, "ends_at", &form.S.Ends})
	if n, err := strconv.Atoi(form.Size); err == nil {
		form.S.Capacity = n
	} else {
		bad["capacity"] = "field.shift.capacity_number"
	}
	return form, bad
}

// handleCreateShift adds a shift to the event of the path.
func (s *Server) handleCreateShift(w http.ResponseWriter, r *http.Request) {
	if e, ok := s.writablePageEvent(w, r); ok {
		s.saveShift(w, r, e, 0)
	}
}

// handleUpdateShift changes the shift of the path.
func (s *Server) handleUpdateShift(w http.ResponseWriter, r *http.Request) {
	if sh, e, ok := s.writablePageShift(w, r, "id"); ok {
		s.saveShift(w, r, e, sh.ID)
	}
}

// saveShift creates (id 0) or changes a shift of e from the form.
func (s *Server) saveShift(w http.ResponseWriter, r *http.Request, e *parasat.Event, id int64) {
	form, bad := shiftFromForm(r, e)
	form.ID, form.S.ID = id, id
	var err error
	switch {
	case len(bad) > 0:
	case id == 0:
		err = s.services.Shifts.CreateShift(r.Context(), &form.S)
	default:
		err = s.services.Shifts.UpdateShift(r.Context(), &form.S)
	}
	if err != nil || len(bad) > 0 {
		l := s.catalog.For(s.language(r))
		var ok bool
		if form.Errors, form.Summary, ok = formProblems(l, nil, err); !ok {
			s.pageError(w, r, err)
			return
		}
		for field, key := range bad {
			form.Errors[field] = l.T(key)
		}
		s.shiftFormPage(w, r, http.StatusUnprocessableEntity, form)
		return
	}
	setFlash(w, "flash.shift_saved")
	http.Redirect(w, r, "/events/"+strconv.FormatInt(e.ID, 10)+"#shifts", http.StatusSeeOther)
}

// writablePageShift loads the shift of the path (parameter name) that the
// visitor runs: they may change its event.
func (s *Server) writablePageShift(w http.ResponseWriter, r *http.Request, name string) (*parasat.Shift, *parasat.Event, bool) {
	id, ok := pathID(r, name)
	if !ok {
		s.notFound(w, r)
		return nil, nil, false
	}
	sh, err := s.services.Shifts.Shift(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return nil, nil, false
	}
	e, err := s.services.Events.Event(r.Context(), sh.EventID)
	if err != nil {
		s.pageError(w, r, err)
		return nil, nil, false
	}
	u := currentUser(r.Context())
	if !parasat.Can(u, parasat.WriteEvent, e.WriteResource()) {
		if e.Published || parasat.Can(u, parasat.ReadEvent, e.Resource()) {
			s.forbidden(w, r)
		} else {
			s.notFound(w, r)
		}
		return nil, nil, false
	}
	return sh, e, true
}

func (s *Server) handleEditShiftForm(w http.ResponseWriter, r *http.Request) {
	sh, e, ok := s.writablePageShift(w, r, "id")
	if ok {
		s.shiftFormPage(w, r, http.StatusOK, formOfShift(e, *sh))
	}
}

func (s *Server) handleDeleteShift(w http.ResponseWriter, r *http.Request) {
	sh, e, ok := s.writablePageShift(w, r, "id")
	if !ok {
		return
	}
	back := "/events/" + strconv.FormatInt(e.ID, 10)
	l := s.catalog.For(s.language(r))
	if !s.confirmed(w, r, back+"#shifts", "confirm.delete_shift", "Role", sh.Role.Best(l.Lang())) {
		return
	}
	if err := s.services.Shifts.DeleteShift(r.Context(), sh.ID); err != nil {
		if msg := firstFieldError(l, err); msg != "" && parasat.ErrorCode(err) == parasat.EConflict {
			setFlash(w, "flash.shift_refused", "Reason", msg)
			http.Redirect(w, r, "/shifts/"+strconv.FormatInt(sh.ID, 10), http.StatusSeeOther)
			return
		}
		s.pageError(w, r, err)
		return
	}
	setFlash(w, "flash.shift_deleted")
	http.Redirect(w, r, back+"#shifts", http.StatusSeeOther)
}

func (s *Server) registerShiftPages(mux *http.ServeMux) {
	s.handlePage(mux, "GET /events/{id}/shifts/new", parasat.WriteEvent, s.handleNewShiftForm)
	s.handlePage(mux, "POST /events/{id}/shifts", parasat.WriteEvent, s.handleCreateShift)
	s.handlePage(mux, "GET /shifts/{id}", parasat.WriteEvent, s.handleShift)
	s.handlePage(mux, "GET /shifts/{id}/edit", parasat.WriteEvent, s.handleEditShiftForm)
	s.handlePage(mux, "POST /shifts/{id}", parasat.WriteEvent, s.handleUpdateShift)
	s.handlePage(mux, "POST /shifts/{id}/delete", parasat.WriteEvent, s.handleDeleteShift)
	s.handlePage(mux, "POST /shifts/{id}/signup", parasat.SignUpShift, s.handleSignUpShift)
	s.handlePage(mux, "POST /signups/{id}/cancel", parasat.SignUpShift, s.handleCancelSignup)
	s.handlePage(mux, "POST /signups/{id}/remove", parasat.WriteEvent, s.handleRemoveSignup)
	s.handlePage(mux, "POST /signups/{id}/checkin", parasat.WriteEvent, s.handleCheckIn)
	s.handlePage(mux, "POST /signups/{id}/checkout", parasat.WriteEvent, s.handleCheckOut)
	s.handlePage(mux, "POST /signups/{id}/hours", parasat.WriteEvent, s.handleConfirmHours)
	s.handlePage(mux, "GET /my/shifts", parasat.OwnShifts, s.handleMyShifts)
	s.handlePage(mux, "POST /volunteers/{id}/invite", parasat.WriteVolunteer, s.handleInviteVolunteer)
}
