package http

import (
	"encoding/csv"
	"net/http"
	"strconv"
	"strings"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
)

// option is one choice of a select or a group of checkboxes, already
// translated, so that templates need no lookups.
type option struct {
	Value, Label string
	Checked      bool
}

type volunteersPage struct {
	Items                               []parasat.Volunteer
	OrgNames, SkillNames, RegionNames   map[string]string
	Regions, Orgs, Skills, Statuses     []option
	Region, Organisation, Skill, Status string
	Query, Next                         string
	CanCreate                           bool
}

func (s *Server) volunteerFilter(r *http.Request) parasat.VolunteerFilter {
	q := r.URL.Query()
	f := parasat.VolunteerFilter{Region: q.Get("region"), Skill: q.Get("skill"),
		Status: parasat.VolunteerStatus(q.Get("status")), Query: q.Get("q"), Limit: 50,
		Visibility: visibility(currentUser(r.Context()), parasat.ReadVolunteer)}
	f.Organisation, _ = strconv.ParseInt(q.Get("organisation"), 10, 64)
	f.After, f.AfterName, _ = parseCursor(q.Get("after")) // a broken cursor starts from the first page
	return f
}

// peopleChoices are the names a people page shows: regions, organisations
// and skills in the page's language, by code or id.
type peopleChoices struct {
	regions, orgs, skills []option
	regionNames           map[string]string
	orgNames, skillNames  map[string]string
}

func (s *Server) loadPeopleChoices(r *http.Request, lang parasat.Language) (*peopleChoices, error) {
	c := &peopleChoices{regionNames: map[string]string{}, orgNames: map[string]string{}, skillNames: map[string]string{}}
	regions, err := s.services.Regions.ListRegions(r.Context())
	if err != nil {
		return nil, err
	}
	for _, rg := range regions {
		c.regionNames[rg.Code] = rg.Name.Best(lang)
		c.regions = append(c.regions, option{Value: rg.Code, Label: rg.Name.Best(lang)})
	}
	orgs, err := s.services.Organisations.ListOrganisations(r.Context(),
		parasat.OrganisationFilter{SortByName: lang, Limit: 500})
	if err != nil {
		return nil, err
	}
	for _, o := range orgs {
		id := strconv.FormatInt(o.ID, 10)
		c.orgNames[id] = o.Name.Best(lang)
		c.orgs = append(c.orgs, option{Value: id, Label: o.Name.Best(lang)})
	}
	skills, err := s.services.Skills.ListSkills(r.Context())
	if err != nil {
		return nil, err
	}
	for _, sk := range skills {
		c.skillNames[sk.Code] = sk.Names.Best(lang)
		c.skills = append(c.skills, option{Value: sk.Code, Label: sk.Names.Best(lang)})
	}
	return c, nil
}

// marked returns a copy of options with the given values checked.
func marked(options []option, values ...string) []option {
	out := make([]option, len(options))
	for i, o := range options {
		o.Checked = false
		for _, v := range values {
			if o.Value == v {
				o.Checked = true
			}
		}
		out[i] = o
	}
	return out
}

func ids(list []int64) []string {
	out := make([]string, len(list))
	for i, id := range list {
		out[i] = strconv.FormatInt(id, 10)
	}
	return out
}

func (s *Server) handleVolunteers(w http.ResponseWriter, r *http.Request) {
	f := s.volunteerFilter(r)
	items, err := s.services.Volunteers.ListVolunteers(r.Context(), f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	p := s.newPage(w, r, "nav.volunteers", nil)
	c, err := s.loadPeopleChoices(r, p.Lang)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	data := volunteersPage{Items: items, OrgNames: c.orgNames, SkillNames: c.skillNames, RegionNames: c.regionNames,
		Region: f.Region, Skill: f.Skill, Status: string(f.Status), Query: f.Query,
		CanCreate: parasat.CanSome(p.User, parasat.WriteVolunteer)}
	if f.Organisation != 0 {
		data.Organisation = strconv.FormatInt(f.Organisation, 10)
	}
	data.Regions, data.Orgs, data.Skills = marked(c.regions, f.Region), marked(c.orgs, data.Organisation), marked(c.skills, f.Skill)
	for _, st := range parasat.VolunteerStatuses {
		data.Statuses = append(data.Statuses, option{Value: string(st), Label: statusLabel(p.T, st), Checked: st == f.Status})
	}
	if len(items) == f.Limit {
		last := items[len(items)-1]
		data.Next = makeCursor(last.ID, true, last.SortKey())
	}
	p.Data = data
	s.render(w, http.StatusOK, "volunteers", p)
}

// handleVolunteersCSV downloads every volunteer the filter selects and the
// caller may read, page by page so that memory stays flat.
func (s *Server) handleVolunteersCSV(w http.ResponseWriter, r *http.Request) {
	f := s.volunteerFilter(r)
	f.Limit, f.After, f.AfterName = 500, 0, ""
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="volunteers.csv"`)
	out := csv.NewWriter(w)
	_ = out.Write([]string{"id", "full_name", "birth_date", "region", "city", "phone", "email", "organisations", "skills",
		"languages", "other_languages", "weekdays", "evenings", "weekends", "consent_given_on", "parent_name",
		"parent_phone", "emergency_name", "emergency_phone", "status"})
	yes := map[bool]string{true: "yes", false: ""}
	for {
		items, err := s.services.Volunteers.ListVolunteers(r.Context(), f)
		if err != nil {
			s.logger.Error("csv", "err", err)
			return
		}
		for _, v := range items {
			langs := make([]string, len(v.Languages))
			for i, l := range v.Languages {
				langs[i] = string(l)
			}
			consent, parentName, parentPhone := "", "", ""
			if v.Consent.GivenOn != nil {
				consent = v.Consent.GivenOn.String()
			}
			if v.ParentConsent != nil {
				parentName, parentPhone = v.ParentConsent.Name, v.ParentConsent.Phone
			}
			_ = out.Write([]string{strconv.FormatInt(v.ID, 10), v.FullName, v.BirthDate.String(), v.Region, v.City,
				v.Phone, v.Email, strings.Join(ids(v.Organisations), ";"), strings.Join(v.Skills, ";"),
				strings.Join(langs, ";"), v.OtherLanguages, yes[v.Availability.Weekdays], yes[v.Availability.Evenings],
				yes[v.Availability.Weekends], consent, parentName, parentPhone, v.EmergencyContact.Name,
				v.EmergencyContact.Phone, string(v.Status)})
		}
		if len(items) < f.Limit {
			break
		}
		last := items[len(items)-1]
		f.After, f.AfterName = last.ID, last.SortKey()
	}
	out.Flush()
}

// pageVolunteer loads the volunteer of the path that the caller may read; a
// volunteer they may not read is "not found", as in the API.
func (s *Server) pageVolunteer(w http.ResponseWriter, r *http.Request) (*parasat.Volunteer, bool) {
	id, ok := pathID(r, "id")
	if !ok {
		s.notFound(w, r)
		return nil, false
	}
	v, err := s.services.Volunteers.Volunteer(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return nil, false
	}
	if !parasat.Can(currentUser(r.Context()), parasat.ReadVolunteer, v.Resource()) {
		s.notFound(w, r)
		return nil, false
	}
	return v, true
}

type volunteerView struct {
	V                     *parasat.Volunteer
	Age                   int
	RegionName, DecidedBy string
	Orgs, Skills          []option
	CanEdit, CanAudit     bool
	CanApprove, CanReject bool
	CanInvite             bool
	Shifts                *volunteerHoursView
}

func (s *Server) handleVolunteer(w http.ResponseWriter, r *http.Request) {
	v, ok := s.pageVolunteer(w, r)
	if !ok {
		return
	}
	p := s.newPage(w, r, "nav.volunteers", nil)
	c, err := s.loadPeopleChoices(r, p.Lang)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	data := volunteerView{V: v, Age: parasat.YearsOld(v.BirthDate, parasat.DayInKazakhstan(s.today())),
		RegionName: c.regionNames[v.Region]}
	for _, o := range marked(c.orgs, ids(v.Organisations)...) {
		if o.Checked {
			data.Orgs = append(data.Orgs, o)
		}
	}
	for _, code := range v.Skills {
		data.Skills = append(data.Skills, option{Value: code, Label: c.skillNames[code]})
	}
	if v.DecidedBy != nil {
		if u, err := s.services.Users.User(r.Context(), *v.DecidedBy); err == nil {
			data.DecidedBy = u.Name
		}
	}
	data.CanEdit = parasat.Can(p.User, parasat.WriteVolunteer, v.Resource())
	data.CanApprove = data.CanEdit && v.Status != parasat.VolunteerApproved
	data.CanReject = data.CanEdit && v.Status != parasat.VolunteerRejected
	data.CanAudit = parasat.Can(p.User, parasat.ReadAudit, parasat.Resource{Region: v.Region})
	data.CanInvite = data.CanEdit && v.Status == parasat.VolunteerApproved && v.UserID == nil && v.Email != ""
	if data.Shifts, err = s.volunteerHoursBlock(r, p, v); err != nil {
		s.serverError(w, r, err)
		return
	}
	p.Data, p.Title = data, v.FullName
	p.Breadcrumbs = []crumb{{p.T.T("nav.volunteers"), "/volunteers"}, {p.Title, ""}}
	s.render(w, http.StatusOK, "volunteer", p)
}

// handleDecideVolunteer approves or rejects; a rejection asks first.
func (s *Server) handleDecideVolunteer(status parasat.VolunteerStatus, flashKey string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v, ok := s.pageVolunteer(w, r)
		if !ok {
			return
		}
		if !parasat.Can(currentUser(r.Context()), parasat.WriteVolunteer, v.Resource()) {
			s.forbidden(w, r)
			return
		}
		back := "/volunteers/" + strconv.FormatInt(v.ID, 10)
		if status == parasat.VolunteerRejected && !s.confirmed(w, r, back, "confirm.reject_volunteer", "Name", v.FullName) {
			return
		}
		if _, err := s.services.Volunteers.DecideVolunteer(r.Context(), v.ID, status); err != nil && parasat.ErrorCode(err) != parasat.EConflict {
			s.pageError(w, r, err)
			return
		}
		setFlash(w, flashKey, "Name", v.FullName)
		http.Redirect(w, r, back, http.StatusSeeOther)
	}
}

func (s *Server) registerPeoplePages(mux *http.ServeMux) {
	s.handlePage(mux, "GET /volunteers", parasat.ReadVolunteer, s.handleVolunteers)
	s.handlePage(mux, "GET /volunteers.csv", parasat.ReadVolunteer, s.handleVolunteersCSV)
	s.handlePage(mux, "GET /volunteers/new", parasat.WriteVolunteer, s.handleNewVolunteerForm)
	s.handlePage(mux, "POST /volunteers", parasat.WriteVolunteer, s.handleSaveVolunteer)
	s.handlePage(mux, "GET /volunteers/{id}", parasat.ReadVolunteer, s.handleVolunteer)
	s.handlePage(mux, "GET /volunteers/{id}/edit", parasat.WriteVolunteer, s.handleEditVolunteerForm)
	s.handlePage(mux, "POST /volunteers/{id}", parasat.WriteVolunteer, s.handleSaveVolunteer)
	s.handlePage(mux, "POST /volunteers/{id}/approve", parasat.WriteVolunteer, s.handleDecideVolunteer(parasat.VolunteerApproved, "flash.volunteer_approved"))
	s.handlePage(mux, "POST /volunteers/{id}/reject", parasat.WriteVolunteer, s.handleDecideVolunteer(parasat.VolunteerRejected, "flash.volunteer_rejected"))
	s.handlePage(mux, "GET /volunteer", parasat.SignUpVolunteer, s.handleSignUpForm)
	s.handlePage(mux, "POST /volunteer", parasat.SignUpVolunteer, s.handleSignUp)
	s.handlePage(mux, "GET /volunteer/thanks", parasat.SignUpVolunteer, s.handleSignUpThanks)
	s.registerPatronPages(mux)
}

// statusLabel names a volunteer's status in the page's language.
func statusLabel(l *i18n.Localizer, st parasat.VolunteerStatus) string {
	switch st {
	case parasat.VolunteerApproved:
		return l.T("volunteer.status_approved")
	case parasat.VolunteerRejected:
		return l.T("volunteer.status_rejected")
	}
	return l.T("volunteer.status_pending")
}
