package http

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/parasat-kz/parasat"
)

// saveBeneficiary creates (id 0) or updates a beneficiary from the form.
func (s *Server) saveBeneficiary(w http.ResponseWriter, r *http.Request, id int64) {
	b, orgsOK := beneficiaryFromForm(r)
	b.ID = id
	b.Normalize()
	l := s.catalog.For(s.language(r))
	form := beneficiaryForm{ID: id, B: b}
	if !orgsOK {
		form.Errors, form.Summary = map[string]string{"organisations": l.T("field.organisation_ids")}, l.T("form.invalid")
		s.beneficiaryFormPage(w, r, http.StatusUnprocessableEntity, form)
		return
	}
	resources := []parasat.Resource{b.Resource()}
	if id != 0 {
		existing := s.pageBeneficiary(w, r)
		if existing == nil {
			return
		}
		resources = append(resources, existing.Resource())
	}
	for _, res := range resources {
		if !parasat.Can(currentUser(r.Context()), parasat.WriteBeneficiary, res) {
			s.forbidden(w, r)
			return
		}
	}
	var err error
	if id == 0 {
		err = s.services.Beneficiaries.CreateBeneficiary(r.Context(), &b)
	} else {
		err = s.services.Beneficiaries.UpdateBeneficiary(r.Context(), &b)
	}
	if err != nil {
		errs, ok := fieldErrors(l, err)
		if !ok {
			s.pageError(w, r, err)
			return
		}
		var e *parasat.Error
		if errors.As(err, &e) && e.Existing != nil && parasat.Can(currentUser(r.Context()), parasat.ReadBeneficiary, e.Existing.Resource) {
			errs["iin"] = l.T("field.iin.taken_link", "Path", "/beneficiaries/"+strconv.FormatInt(e.Existing.ID, 10))
		}
		form.Errors, form.Summary = errs, l.T("form.invalid")
		s.beneficiaryFormPage(w, r, http.StatusUnprocessableEntity, form)
		return
	}
	if len(b.Warnings) > 0 {
		setFlash(w, "beneficiary.saved_with_warnings")
	} else {
		setFlash(w, "flash.saved")
	}
	http.Redirect(w, r, "/beneficiaries/"+strconv.FormatInt(b.ID, 10), http.StatusSeeOther)
}

func (s *Server) handleEditBeneficiaryForm(w http.ResponseWriter, r *http.Request) {
	b := s.pageBeneficiary(w, r)
	if b == nil {
		return
	}
	if b.Anonymised != nil || !parasat.Can(currentUser(r.Context()), parasat.WriteBeneficiary, b.Resource()) {
		s.forbidden(w, r)
		return
	}
	form := beneficiaryForm{ID: b.ID, B: *b}
	s.beneficiaryFormPage(w, r, http.StatusOK, form)
}

// handleAnonymise erases a person after a confirmation.
func (s *Server) handleAnonymise(w http.ResponseWriter, r *http.Request) {
	b := s.pageBeneficiary(w, r)
	if b == nil {
		return
	}
	if !parasat.Can(currentUser(r.Context()), parasat.WriteBeneficiary, b.Resource()) {
		s.forbidden(w, r)
		return
	}
	if !s.confirmed(w, r, "/beneficiaries/"+strconv.FormatInt(b.ID, 10), "confirm.anonymise", "Name", b.FullName) {
		return
	}
	if err := s.services.Beneficiaries.AnonymiseBeneficiary(r.Context(), b.ID); err != nil {
		s.pageError(w, r, err)
		return
	}
	setFlash(w, "flash.anonymised")
	http.Redirect(w, r, "/beneficiaries/"+strconv.FormatInt(b.ID, 10), http.StatusSeeOther)
}

func (s *Server) registerBeneficiaryPages(mux *http.ServeMux) {
	s.handlePage(mux, "GET /beneficiaries", parasat.ReadBeneficiary, s.handleBeneficiaries)
	s.handlePage(mux, "GET /beneficiaries/new", parasat.WriteBeneficiary, s.handleNewBeneficiaryForm)
	s.handlePage(mux, "POST /beneficiaries", parasat.WriteBeneficiary, func(w http.ResponseWriter, r *http.Request) {
		s.saveBeneficiary(w, r, 0)
	})
	s.handlePage(mux, "GET /beneficiaries/{id}", parasat.ReadBeneficiary, s.handleBeneficiary)
	s.handlePage(mux, "GET /beneficiaries/{id}/edit", parasat.WriteBeneficiary, s.handleEditBeneficiaryForm)
	s.handlePage(mux, "POST /beneficiaries/{id}", parasat.WriteBeneficiary, func(w http.ResponseWriter, r *http.Request) {
		id, ok := pathID(r, "id")
		if !ok {
			s.notFound(w, r)
			return
		}
		s.saveBeneficiary(w, r, id)
	})
	s.handlePage(mux, "POST /beneficiaries/{id}/anonymise", parasat.WriteBeneficiary, s.handleAnonymise)
}
