package http

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
)

// volunteerForm is the form of a volunteer: the staff's (new and edit) or
// the public sign-up page's, which asks for consent with checkboxes instead
// of dates and offers one organisation to join.
type volunteerForm struct {
	ID     int64
	Public bool
	V      parasat.Volunteer
	// The fields as typed, so that a refused form shows them again.
	BirthDate, ConsentOn, ConsentScope string
	ParentName, ParentPhone, ParentOn  string
	Consented, ParentConsented         bool
	Regions, Orgs, Skills, Langs       []option
	Errors                             map[string]string
	Summary                            string
}

// formDate reads a YYYY-MM-DD field: nil when empty, ok false when malformed.
func formDate(r *http.Request, name string) (*parasat.Date, bool) {
	s := strings.TrimSpace(r.PostFormValue(name))
	if s == "" {
		return nil, true
	}
	d, err := parasat.ParseDate(s)
	if err != nil {
		return nil, false
	}
	return &d, true
}

// readVolunteerForm reads the posted form into a volunteer. Malformed dates
// are returned by field name; they are left zero in the volunteer.
func (s *Server) readVolunteerForm(r *http.Request, public bool, l *i18n.Localizer) (volunteerForm, parasat.Volunteer, []string) {
	form := volunteerForm{Public: public, BirthDate: r.PostFormValue("birth_date"),
		ConsentOn: r.PostFormValue("consent_given_on"), ConsentScope: r.PostFormValue("consent_scope"),
		ParentName: r.PostFormValue("parent_name"), ParentPhone: r.PostFormValue("parent_phone"),
		ParentOn: r.PostFormValue("parent_given_on"), Consented: r.PostFormValue("consent") == "yes",
		ParentConsented: r.PostFormValue("parent_consent") == "yes"}
	v := parasat.Volunteer{FullName: r.PostFormValue("full_name"), Region: r.PostFormValue("region"),
		City: r.PostFormValue("city"), Phone: r.PostFormValue("phone"), Email: r.PostFormValue("email"),
		Skills: r.PostForm["skills"], OtherLanguages: r.PostFormValue("other_languages"),
		Availability: parasat.Availability{Weekdays: r.PostFormValue("weekdays") == "yes",
			Evenings: r.PostFormValue("evenings") == "yes", Weekends: r.PostFormValue("weekends") == "yes"},
		EmergencyContact: parasat.EmergencyContact{Name: r.PostFormValue("emergency_name"), Phone: r.PostFormValue("emergency_phone")}}
	for _, code := range r.PostForm["languages"] {
		v.Languages = append(v.Languages, parasat.Language(code))
	}
	for _, o := range append(r.PostForm["organisations"], r.PostForm["organisation"]...) {
		if id, err := strconv.ParseInt(o, 10, 64); err == nil {
			v.Organisations = append(v.Organisations, id)
		}
	}
	var bad []string
	date := func(name string) *parasat.Date {
		d, ok := formDate(r, name)
		if !ok {
			bad = append(bad, name)
		}
		return d
	}
	if d := date("birth_date"); d != nil {
		v.BirthDate = *d
	}
	today := parasat.DayInKazakhstan(s.today())
	if public {
		// Ticking the box is the consent, given today, to the text shown.
		if form.Consented {
			v.Consent = parasat.Consent{GivenOn: &today, Scope: l.T("volunteer.consent_text")}
		}
		if form.ParentConsented || strings.TrimSpace(form.ParentName+form.ParentPhone) != "" {
			v.ParentConsent = &parasat.ParentConsent{Name: form.ParentName, Phone: form.ParentPhone}
			if form.ParentConsented {
				v.ParentConsent.GivenOn = today
			}
		}
		return form, v, bad
	}
	v.Consent = parasat.Consent{GivenOn: date("consent_given_on"), Scope: form.ConsentScope}
	parentOn := date("parent_given_on")
	if parentOn != nil || strings.TrimSpace(form.ParentName+form.ParentPhone) != "" {
		v.ParentConsent = &parasat.ParentConsent{Name: form.ParentName, Phone: form.ParentPhone}
		if parentOn != nil {
			v.ParentConsent.GivenOn = *parentOn
		}
	}
	return form, v, bad
}

// formOf fills a form from a stored (or default) volunteer.
func formOf(v parasat.Volunteer) volunteerForm {
	form := volunteerForm{ID: v.ID, V: v, BirthDate: dateText(&v.BirthDate), ConsentOn: dateText(v.Consent.GivenOn),
		ConsentScope: v.Consent.Scope}
	if pc := v.ParentConsent; pc != nil {
		form.ParentName, form.ParentPhone, form.ParentOn = pc.Name, pc.Phone, dateText(&pc.GivenOn)
	}
	return form
}

func dateText(d *parasat.Date) string {
	if d == nil || d.IsZero() {
		return ""
	}
	return d.String()
}

func (s *Server) volunteerFormPage(w http.ResponseWriter, r *http.Request, status int, form volunteerForm) {
	var p *page
	switch {
	case form.Public:
		p = s.newPage(w, r, "signup.title", nil)
	case form.ID != 0:
		p = s.newPage(w, r, "volunteer.edit", nil)
	default:
		p = s.newPage(w, r, "volunteer.new", nil)
	}
	c, err := s.loadPeopleChoices(r, p.Lang)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	form.Regions, form.Skills = marked(c.regions, form.V.Region), marked(c.skills, form.V.Skills...)
	form.Orgs = marked(c.orgs, ids(form.V.Organisations)...)
	for _, lang := range parasat.Languages {
		form.Langs = append(form.Langs, option{Value: string(lang), Label: p.T.T("lang." + string(lang)),
			Checked: slices.Contains(form.V.Languages, lang)})
	}
	if !form.Public {
		p.Breadcrumbs = []crumb{{p.T.T("nav.volunteers"), "/volunteers"}}
		if form.ID != 0 {
			p.Breadcrumbs = append(p.Breadcrumbs, crumb{form.V.FullName, "/volunteers/" + strconv.FormatInt(form.ID, 10)})
		}
		p.Breadcrumbs = append(p.Breadcrumbs, crumb{p.Title, ""})
	}
	p.Data = form
	s.render(w, status, "volunteer_form", p)
}

func (s *Server) handleNewVolunteerForm(w http.ResponseWriter, r *http.Request) {
	u := currentUser(r.Context())
	today := parasat.DayInKazakhstan(s.today())
	v := parasat.Volunteer{Region: parasat.CapitalCode, Organisations: u.ManagedOrganisations(),
		Consent: parasat.Consent{GivenOn: &today, Scope: s.catalog.For(s.language(r)).T("volunteer.consent_text")}}
	if regions := u.CoordinatedRegions(); len(regions) > 0 {
		v.Region = regions[0]
	}
	s.volunteerFormPage(w, r, http.StatusOK, formOf(v))
}

func (s *Server) handleEditVolunteerForm(w http.ResponseWriter, r *http.Request) {
	v, ok := s.pageVolunteer(w, r)
	if !ok {
		return
	}
	if !parasat.Can(currentUser(r.Context()), parasat.WriteVolunteer, v.Resource()) {
		s.forbidden(w, r)
		return
	}
	s.volunteerFormPage(w, r, http.StatusOK, formOf(*v))
}
