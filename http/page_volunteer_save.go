package http

import (
	"net/http"
	"strconv"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
)

// formProblems turns what went wrong with a form into messages by
// field: malformed dates first, then the domain's or the store's refusal.
// ok is false when err is not about the input.
func formProblems(l *i18n.Localizer, badDates []string, err error) (errs map[string]string, summary string, ok bool) {
	errs = map[string]string{}
	for _, f := range badDates {
		errs[f] = l.T("field.date")
	}
	summary = l.T("form.invalid")
	if err != nil {
		more, isField := fieldErrors(l, err)
		if !isField {
			return nil, "", false
		}
		for f, msg := range more {
			if errs[f] == "" {
				errs[f] = msg
			}
		}
		if parasat.ErrorCode(err) == parasat.EConflict {
			summary = firstFieldError(l, err)
		}
	}
	return errs, summary, true
}

// handleSaveVolunteer creates (POST /volunteers) or updates (POST
// /volunteers/{id}) a volunteer from the staff's form.
func (s *Server) handleSaveVolunteer(w http.ResponseWriter, r *http.Request) {
	l := s.catalog.For(s.language(r))
	u := currentUser(r.Context())
	form, v, bad := s.readVolunteerForm(r, false, l)
	if r.PathValue("id") != "" {
		existing, ok := s.pageVolunteer(w, r)
		if !ok {
			return
		}
		if !parasat.Can(u, parasat.WriteVolunteer, existing.Resource()) {
			s.forbidden(w, r)
			return
		}
		v.ID, v.UserID = existing.ID, existing.UserID // the account link is not on the form
	}
	v.Normalize()
	form.ID, form.V = v.ID, v
	if !parasat.Can(u, parasat.WriteVolunteer, v.Resource()) {
		// Most likely a manager who left out their own organisation: the
		// route is theirs, the record is not yet, so say so on the form.
		form.Summary = l.T("volunteer.not_allowed")
		s.volunteerFormPage(w, r, http.StatusUnprocessableEntity, form)
		return
	}
	var err error
	switch {
	case len(bad) > 0:
		err = v.Validate(parasat.DayInKazakhstan(s.today())) // show the other problems too
	case v.ID == 0:
		err = s.services.Volunteers.CreateVolunteer(r.Context(), &v)
	default:
		err = s.services.Volunteers.UpdateVolunteer(r.Context(), &v)
	}
	if err != nil || len(bad) > 0 {
		var ok bool
		if form.Errors, form.Summary, ok = formProblems(l, bad, err); !ok {
			s.pageError(w, r, err)
			return
		}
		s.volunteerFormPage(w, r, http.StatusUnprocessableEntity, form)
		return
	}
	if form.ID == 0 {
		setFlash(w, "flash.volunteer_created", "Name", v.FullName)
	} else {
		setFlash(w, "flash.saved")
	}
	http.Redirect(w, r, "/volunteers/"+strconv.FormatInt(v.ID, 10), http.StatusSeeOther)
}

// handleSignUpForm is the public page where anyone offers to volunteer.
func (s *Server) handleSignUpForm(w http.ResponseWriter, r *http.Request) {
	s.volunteerFormPage(w, r, http.StatusOK, volunteerForm{Public: true, V: parasat.Volunteer{Region: parasat.CapitalCode}})
}

// handleSignUp records a pending volunteer from the public page. A person
// signed in with an account of their own (not staff recording someone)
// gets the record linked to it, so that they can read it later.
func (s *Server) handleSignUp(w http.ResponseWriter, r *http.Request) {
	l := s.catalog.For(s.language(r))
	form, v, bad := s.readVolunteerForm(r, true, l)
	v.Status = parasat.VolunteerPending
	if u := currentUser(r.Context()); u != nil && !parasat.CanSome(u, parasat.WriteVolunteer) {
		v.UserID = &u.ID
	}
	v.Normalize()
	form.V = v
	var err error
	if len(bad) > 0 {
		err = v.Validate(parasat.DayInKazakhstan(s.today()))
	} else {
		err = s.services.Volunteers.CreateVolunteer(r.Context(), &v)
	}
	if err != nil || len(bad) > 0 {
		var ok bool
		if form.Errors, form.Summary, ok = formProblems(l, bad, err); !ok {
			s.pageError(w, r, err)
			return
		}
		s.volunteerFormPage(w, r, http.StatusUnprocessableEntity, form)
		return
	}
	http.Redirect(w, r, "/volunteer/thanks", http.StatusSeeOther)
}

func (s *Server) handleSignUpThanks(w http.ResponseWriter, r *http.Request) {
	s.render(w, http.StatusOK, "volunteer_thanks", s.newPage(w, r, "signup.thanks_title", nil))
}
