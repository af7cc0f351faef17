package http

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
)

// The organisers' page of one shift, made for a phone at the door: each
// volunteer with large buttons to check in and out, then their hours to
// confirm or correct; the waitlist in turn. It works without JavaScript.

type shiftPage struct {
	Row        shiftRow
	E          *parasat.Event
	EventTitle string
	Places     []signupRow // holding a place
	Waiting    []signupRow // on the waitlist, in turn
	Ended      []signupRow // cancelled or removed
	Open       bool        // the event is neither reported nor cancelled
	CheckInAt  string      // when check-in opens, while it has not
	Summary    string
}

// signupRow is one volunteer on the shift page.
type signupRow struct {
	G                       parasat.Signup
	Name, Phone             string
	In, Out                 string
	Worked, Confirmed       string // hours as text
	Hours                   string // the value of the hours field
	CanCheckIn, CanCheckOut bool
	CanHours, CanRemove     bool
	Error                   string
}

// clock shows a time of day in Kazakhstan.
func clock(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.In(i18n.Zone()).Format("15:04")
}

func (s *Server) handleShift(w http.ResponseWriter, r *http.Request) {
	sh, e, ok := s.writablePageShift(w, r, "id")
	if ok {
		s.shiftPage(w, r, http.StatusOK, sh, e, 0, "")
	}
}

// shiftPage shows the shift; failed, when not 0, is the sign-up whose
// change was refused with reason.
func (s *Server) shiftPage(w http.ResponseWriter, r *http.Request, status int, sh *parasat.Shift, e *parasat.Event, failed int64, reason string) {
	ctx := r.Context()
	p := s.newPage(w, r, "shift.page", nil)
	list, err := s.services.Shifts.ShiftSignups(ctx, sh.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	skills, err := s.skillNames(ctx, p.Lang)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	now := time.Now()
	d := shiftPage{Row: rowOfShift(p.T, p.Lang, *sh, skills, now), E: e, EventTitle: e.Title.Best(p.Lang),
		Open: e.Status == parasat.EventPlanned || e.Status == parasat.EventHeld}
	if opens := sh.Starts.Add(-parasat.CheckInEarly); now.Before(opens) {
		d.CheckInAt = p.T.DateTime(opens.In(i18n.Zone()))
	}
	for _, g := range list {
		row := s.signupRow(r, p, g, sh, d.Open, now)
		if g.ID == failed {
			row.Error, row.Hours = reason, r.PostFormValue("hours")
		}
		switch g.Status {
		case parasat.SignupConfirmed:
			d.Places = append(d.Places, row)
		case parasat.SignupWaitlisted:
			d.Waiting = append(d.Waiting, row)
		default:
			d.Ended = append(d.Ended, row)
		}
	}
	if failed != 0 {
		d.Summary = reason
	}
	p.Data, p.Title = d, d.Row.Role
	p.Breadcrumbs = []crumb{{p.T.T("nav.events"), "/events"}, {d.EventTitle, "/events/" + strconv.FormatInt(e.ID, 10)}, {p.Title, ""}}
	s.render(w, status, "shift", p)
}

func (s *Server) signupRow(r *http.Request, p *page, g parasat.Signup, sh *parasat.Shift, open bool, now time.Time) signupRow {
	row := signupRow{G: g, In: clock(g.CheckedIn), Out: clock(g.CheckedOut)}
	if v, err := s.services.Volunteers.Volunteer(r.Context(), g.VolunteerID); err == nil {
		row.Name, row.Phone = v.FullName, v.Phone
	}
	if g.Minutes != nil {
		row.Worked = hoursText(p.T, *g.Minutes, p.Lang)
		row.Hours = row.Worked
	}
	if g.ConfirmedMinutes != nil {
		row.Confirmed = hoursText(p.T, *g.ConfirmedMinutes, p.Lang)
		row.Hours = row.Confirmed
	}
	placed := open && g.Status == parasat.SignupConfirmed
	row.CanCheckIn = placed && g.CheckedIn == nil && !now.Before(sh.Starts.Add(-parasat.CheckInEarly)) && now.Before(sh.Ends)
	row.CanCheckOut = placed && g.CheckedIn != nil && g.CheckedOut == nil
	row.CanHours = placed && (g.CheckedOut != nil || g.CheckedIn == nil && !now.Before(sh.Ends))
	row.CanRemove = open && g.Status.Active() && g.CheckedIn == nil
	return row
}

// parseHours reads hours as people type them: "3", "3,5", "3.5", "3:30".
func parseHours(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	if h, m, ok := strings.Cut(s, ":"); ok {
		hours, err1 := strconv.ParseInt(h, 10, 64)
		minutes, err2 := strconv.ParseInt(m, 10, 64)
		if err1 != nil || err2 != nil || hours < 0 || minutes < 0 || minutes > 59 || hours > 1000 {
			return 0, false
		}
		return hours*60 + minutes, true
	}
	whole, frac, _ := strings.Cut(strings.Replace(s, ",", ".", 1), ".")
	hours, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || hours < 0 || hours > 1000 || len(frac) > 2 {
		return 0, false
	}
	minutes := hours * 60
	if frac != "" {
		f, err := strconv.ParseInt(frac, 10, 64)
		if err != nil || f < 0 {
			return 0, false
		}
		if len(frac) == 1 {
			f *= 10
		}
		minutes += (f*60 + 50) / 100
	}
	return minutes, true
}

// signupAction runs an organiser's change of the sign-up of the path and
// comes back to the shift's page, which shows a refusal by the volunteer;
// with a question (a message key), it asks first.
func (s *Server) signupAction(w http.ResponseWriter, r *http.Request, flash string, do func(id int64) error, question ...string) {
	id, ok := pathID(r, "id")
	if !ok {
		s.notFound(w, r)
		return
	}
	g, err := s.services.Shifts.Signup(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	r.SetPathValue("id", strconv.FormatInt(g.ShiftID, 10))
	sh, e, ok := s.writablePageShift(w, r, "id")
	if !ok {
		return
	}
	back := "/shifts/" + strconv.FormatInt(sh.ID, 10)
	if len(question) > 0 {
		name := ""
		if v, err := s.services.Volunteers.Volunteer(r.Context(), g.VolunteerID); err == nil {
			name = v.FullName
		}
		if !s.confirmed(w, r, back, question[0], "Name", name) {
			return
		}
	}
	if err := do(id); err != nil {
		l := s.catalog.For(s.language(r))
		msg := firstFieldError(l, err)
		code := parasat.ErrorCode(err)
		if msg == "" || code != parasat.EConflict && code != parasat.EInvalid {
			s.pageError(w, r, err)
			return
		}
		if sh, err = s.services.Shifts.Shift(r.Context(), sh.ID); err != nil {
			s.serverError(w, r, err)
			return
		}
		status := http.StatusConflict
		if code == parasat.EInvalid {
			status = http.StatusUnprocessableEntity
		}
		s.shiftPage(w, r, status, sh, e, id, msg)
		return
	}
	setFlash(w, flash)
	http.Redirect(w, r, back+"#signup-"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

func (s *Server) handleCheckIn(w http.ResponseWriter, r *http.Request) {
	s.signupAction(w, r, "flash.checked_in", func(id int64) error {
		_, err := s.services.Shifts.CheckIn(r.Context(), id)
		return err
	})
}

func (s *Server) handleCheckOut(w http.ResponseWriter, r *http.Request) {
	s.signupAction(w, r, "flash.checked_out", func(id int64) error {
		_, err := s.services.Shifts.CheckOut(r.Context(), id)
		return err
	})
}

func (s *Server) handleConfirmHours(w http.ResponseWriter, r *http.Request) {
	s.signupAction(w, r, "flash.hours_confirmed", func(id int64) error {
		var minutes *int64
		if text := r.PostFormValue("hours"); strings.TrimSpace(text) != "" {
			m, ok := parseHours(text)
			if !ok {
				return &parasat.Error{Code: parasat.EInvalid, Message: "hours are a number",
					Fields: []parasat.FieldError{{Field: "minutes", Code: "shift.hours_number", Message: "hours are a number such as 3,5 or 3:30"}}}
			}
			minutes = &m
		}
		_, err := s.services.Shifts.ConfirmHours(r.Context(), id, minutes)
		return err
	})
}

func (s *Server) handleRemoveSignup(w http.ResponseWriter, r *http.Request) {
	s.signupAction(w, r, "flash.signup_removed", func(id int64) error {
		_, err := s.services.Shifts.RemoveSignup(r.Context(), id)
		return err
	}, "confirm.remove_signup")
}
