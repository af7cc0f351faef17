package http

import (
	"errors"
	"math"
	"net/http"
	"strconv"
	"strings"
	"unicode"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/photo"
)

// handleHoldEvent records that the event took place.
func (s *Server) handleHoldEvent(w http.ResponseWriter, r *http.Request) {
	s.eventAction(w, r, "flash.event_held", func(e *parasat.Event) error {
		_, err := s.services.Events.HoldEvent(r.Context(), e.ID)
		return err
	})
}

func (s *Server) handleCancelEvent(w http.ResponseWriter, r *http.Request) {
	s.eventAction(w, r, "flash.event_cancelled", func(e *parasat.Event) error {
		_, err := s.services.Events.CancelEvent(r.Context(), e.ID, r.PostFormValue("reason"))
		return err
	})
}

// handleReportEvent reports the event with the volunteers and hours of the form.
func (s *Server) handleReportEvent(w http.ResponseWriter, r *http.Request) {
	form := reportForm{Volunteers: strings.TrimSpace(r.PostFormValue("volunteers")), Hours: strings.TrimSpace(r.PostFormValue("hours"))}
	l := s.catalog.For(s.language(r))
	s.eventActionForm(w, r, "flash.event_reported", &form, func(e *parasat.Event) error {
		n, err1 := strconv.Atoi(form.Volunteers)
		h, err2 := strconv.ParseFloat(strings.Replace(form.Hours, ",", ".", 1), 64)
		if err1 != nil || err2 != nil || math.IsNaN(h) || h > 1e7 {
			return &parasat.Error{Code: parasat.EInvalid, Message: "volunteers and hours are numbers",
				Fields: []parasat.FieldError{{Field: "volunteers", Code: "event.report_numbers", Message: l.T("field.event.report_numbers")}}}
		}
		_, err := s.services.Events.ReportEvent(r.Context(), e.ID, parasat.EventReport{Volunteers: n, VolunteerMinutes: int64(math.Round(h * 60))})
		return err
	})
}

func (s *Server) handleUploadEventPhoto(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, photo.MaxBytes+64<<10)
	s.eventAction(w, r, "flash.photo_saved", func(e *parasat.Event) error {
		file, _, err := r.FormFile("photo")
		if err != nil {
			var tooBig *http.MaxBytesError
			code := "photo.required"
			if errors.As(err, &tooBig) {
				code = "photo.too_large"
			}
			return &parasat.Error{Code: parasat.EInvalid, Fields: []parasat.FieldError{{Field: "photo", Code: code}}}
		}
		defer file.Close()
		ph, err := photo.Process(file)
		if err != nil {
			return err
		}
		return s.services.Events.SetEventPhoto(r.Context(), e.ID, ph)
	})
}

func (s *Server) eventAction(w http.ResponseWriter, r *http.Request, flash string, do func(*parasat.Event) error) {
	s.eventActionForm(w, r, flash, &reportForm{}, do)
}

// eventActionForm runs one change of an event the visitor may change; a
// refusal shows the event page again with the reason.
func (s *Server) eventActionForm(w http.ResponseWriter, r *http.Request, flash string, form *reportForm, do func(*parasat.Event) error) {
	e, ok := s.writablePageEvent(w, r)
	if !ok {
		return
	}
	if err := do(e); err != nil {
		l := s.catalog.For(s.language(r))
		errs, ok := fieldErrors(l, err)
		if !ok {
			s.pageError(w, r, err)
			return
		}
		form.Errors, form.Summary = errs, firstFieldError(l, err)
		s.eventPage(w, r, http.StatusUnprocessableEntity, e, *form)
		return
	}
	setFlash(w, flash)
	http.Redirect(w, r, "/events/"+strconv.FormatInt(e.ID, 10), http.StatusSeeOther)
}

// handleDeleteAid removes an aid record made by mistake, after asking.
func (s *Server) handleDeleteAid(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r, "id")
	if !ok {
		s.notFound(w, r)
		return
	}
	a, err := s.services.Aid.AidRecord(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	var lead int64
	back := "/events"
	if a.EventID != nil {
		if e, err := s.services.Events.Event(r.Context(), *a.EventID); err == nil {
			lead, back = e.LeadID, "/events/"+strconv.FormatInt(e.ID, 10)
		}
	}
	if !parasat.Can(currentUser(r.Context()), parasat.WriteAid, a.Resource(lead)) {
		s.forbidden(w, r)
		return
	}
	if !s.confirmed(w, r, back, "confirm.delete_aid") {
		return
	}
	if err := s.services.Aid.DeleteAidRecord(r.Context(), id); err != nil && parasat.ErrorCode(err) != parasat.EConflict {
		s.pageError(w, r, err)
		return
	}
	setFlash(w, "flash.aid_deleted")
	http.Redirect(w, r, back, http.StatusSeeOther)
}

// splitIINs reads IINs pasted in any layout: one a line, or separated by
// spaces, commas or semicolons.
func splitIINs(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == ',' || r == ';' })
}
