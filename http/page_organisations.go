package http

import (
	"encoding/csv"
	"net/http"
	"strconv"
	"strings"

	"github.com/parasat-kz/parasat"
)

type organisationsPage struct {
	Items               []parasat.Organisation
	Regions             []parasat.Region
	RegionNames         map[string]string
	Region, Type, Query string
	Sort                string
	Next                string
	CanCreate           bool
	Types               []parasat.OrganisationType
}

func (s *Server) organisationFilter(r *http.Request) parasat.OrganisationFilter {
	q := r.URL.Query()
	f := parasat.OrganisationFilter{Region: q.Get("region"), Type: parasat.OrganisationType(q.Get("type")),
		Query: q.Get("q"), Limit: 50}
	if q.Get("sort") == "name" {
		f.SortByName = s.language(r)
	}
	f.After, f.AfterName, _ = parseCursor(q.Get("after")) // a broken cursor starts from the first page
	return f
}

func (s *Server) regionNames(r *http.Request, lang parasat.Language) ([]parasat.Region, map[string]string, error) {
	regions, err := s.services.Regions.ListRegions(r.Context())
	if err != nil {
		return nil, nil, err
	}
	names := map[string]string{}
	for _, rg := range regions {
		names[rg.Code] = rg.Name.Best(lang)
	}
	return regions, names, nil
}

func (s *Server) handleOrganisations(w http.ResponseWriter, r *http.Request) {
	f := s.organisationFilter(r)
	items, err := s.services.Organisations.ListOrganisations(r.Context(), f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	p := s.newPage(w, r, "nav.organisations", nil)
	regions, names, err := s.regionNames(r, p.Lang)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	data := organisationsPage{Items: items, Regions: regions, RegionNames: names, Region: f.Region, Type: string(f.Type),
		Query: f.Query, Types: parasat.OrganisationTypes, CanCreate: parasat.CanSome(p.User, parasat.CreateOrganisation),
		Sort: r.URL.Query().Get("sort")}
	if len(items) == f.Limit {
		last := items[len(items)-1]
		data.Next = makeCursor(last.ID, f.SortByName != "", last.Name.Best(f.SortByName))
	}
	p.Data = data
	s.render(w, http.StatusOK, "organisations", p)
}

// handleOrganisationsCSV downloads every organisation the filter selects,
// page by page so memory stays flat however many there are.
func (s *Server) handleOrganisationsCSV(w http.ResponseWriter, r *http.Request) {
	f := s.organisationFilter(r)
	f.Limit, f.After, f.AfterName = 500, 0, ""
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="organisations.csv"`)
	out := csv.NewWriter(w)
	_ = out.Write([]string{"id", "name_kk", "name_ru", "name_en", "type", "region", "bin", "parent_id", "phone", "email", "website", "address"})
	for {
		items, err := s.services.Organisations.ListOrganisations(r.Context(), f)
		if err != nil {
			s.logger.Error("csv", "err", err)
			return
		}
		for _, o := range items {
			parent := ""
			if o.ParentID != nil {
				parent = strconv.FormatInt(*o.ParentID, 10)
			}
			_ = out.Write([]string{strconv.FormatInt(o.ID, 10), o.Name.KK, o.Name.RU, o.Name.EN, string(o.Type), o.Region,
				o.BIN, parent, o.Contacts.Phone, o.Contacts.Email, o.Contacts.Website, o.Contacts.Address})
		}
		if len(items) < f.Limit {
			break
		}
		last := items[len(items)-1]
		f.After, f.AfterName = last.ID, last.Name.Best(f.SortByName)
	}
	out.Flush()
}

type organisationView struct {
	Org        *parasat.Organisation
	Parent     *parasat.Organisation
	Children   []parasat.Organisation
	RegionName string
	CanEdit    bool
	CanAudit   bool
}

func (s *Server) handleOrganisation(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r, "id")
	if !ok {
		s.notFound(w, r)
		return
	}
	o, err := s.services.Organisations.Organisation(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	p := s.newPage(w, r, "nav.organisations", nil)
	data := organisationView{Org: o}
	if o.ParentID != nil {
		data.Parent, _ = s.services.Organisations.Organisation(r.Context(), *o.ParentID)
	}
	data.Children, err = s.services.Organisations.ListOrganisations(r.Context(), parasat.OrganisationFilter{ParentID: &o.ID, Limit: 500})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if rg, err := s.services.Regions.Region(r.Context(), o.Region); err == nil {
		data.RegionName = rg.Name.Best(p.Lang)
	}
	res := parasat.Resource{Region: o.Region, OrganisationID: o.ID}
	data.CanEdit = parasat.Can(p.User, parasat.UpdateOrganisation, res)
	data.CanAudit = parasat.Can(p.User, parasat.ReadAudit, res)
	p.Data, p.Title = data, o.Name.Best(p.Lang)
	p.Breadcrumbs = []crumb{{p.T.T("nav.organisations"), "/organisations"}, {p.Title, ""}}
	s.render(w, http.StatusOK, "organisation", p)
}

type organisationForm struct {
	ID      int64
	Org     parasat.Organisation
	Parent  string
	Regions []parasat.Region
	Types   []parasat.OrganisationType
	Errors  map[string]string
	Summary string
}

func (s *Server) organisationFormPage(w http.ResponseWriter, r *http.Request, status int, form organisationForm) {
	p := s.newPage(w, r, "org.new", nil)
	regions, _, err := s.regionNames(r, p.Lang)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	form.Regions, form.Types = regions, parasat.OrganisationTypes
	p.Breadcrumbs = []crumb{{p.T.T("nav.organisations"), "/organisations"}}
	if form.ID != 0 {
		p.Title = p.T.T("org.edit")
		p.Breadcrumbs = append(p.Breadcrumbs, crumb{form.Org.Name.Best(p.Lang), "/organisations/" + strconv.FormatInt(form.ID, 10)})
	}
	p.Breadcrumbs = append(p.Breadcrumbs, crumb{p.Title, ""})
	p.Data = form
	s.render(w, status, "organisation_form", p)
}

func (s *Server) handleNewOrganisationForm(w http.ResponseWriter, r *http.Request) {
	form := organisationForm{Org: parasat.Organisation{Type: parasat.OrgEthnoCultural}}
	if regions := currentUser(r.Context()).CoordinatedRegions(); len(regions) > 0 {
		form.Org.Region = regions[0]
	} else {
		form.Org.Region = parasat.CapitalCode
	}
	s.organisationFormPage(w, r, http.StatusOK, form)
}

func organisationFromForm(r *http.Request) (parasat.Organisation, string) {
	o := parasat.Organisation{
		Name:   parasat.Names{KK: r.PostFormValue("name_kk"), RU: r.PostFormValue("name_ru"), EN: r.PostFormValue("name_en")},
		Type:   parasat.OrganisationType(r.PostFormValue("type")),
		Region: r.PostFormValue("region"), BIN: r.PostFormValue("bin"),
		Contacts: parasat.Contacts{Phone: r.PostFormValue("phone"), Email: r.PostFormValue("email"),
			Website: r.PostFormValue("website"), Address: r.PostFormValue("address")},
	}
	parent := strings.TrimSpace(r.PostFormValue("parent_id"))
	if id, err := strconv.ParseInt(parent, 10, 64); err == nil {
		o.ParentID = &id
	}
	return o, parent
}

// saveOrganisation creates (id 0) or updates an organisation from the form,
// after checking the policy for the region it is and will be in.
func (s *Server) saveOrganisation(w http.ResponseWriter, r *http.Request, id int64) {
	o, parent := organisationFromForm(r)
	o.ID = id
	o.Normalize()
	l := s.catalog.For(s.language(r))
	form := organisationForm{ID: id, Org: o, Parent: parent}
	if parent != "" && o.ParentID == nil {
		form.Errors, form.Summary = map[string]string{"parent_id": l.T("field.parent.unknown")}, l.T("form.invalid")
		s.organisationFormPage(w, r, http.StatusUnprocessableEntity, form)
		return
	}
	action, regions := parasat.CreateOrganisation, []string{o.Region}
	if id != 0 {
		existing, err := s.services.Organisations.Organisation(r.Context(), id)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		action, regions = parasat.UpdateOrganisation, []string{existing.Region, o.Region}
	}
	for _, region := range regions {
		if !parasat.Can(currentUser(r.Context()), action, parasat.Resource{Region: region, OrganisationID: id}) {
			s.forbidden(w, r)
			return
		}
	}
	var err error
	if id == 0 {
		err = s.services.Organisations.CreateOrganisation(r.Context(), &o)
	} else {
		err = s.services.Organisations.UpdateOrganisation(r.Context(), &o)
	}
	if err != nil {
		errs, ok := fieldErrors(l, err)
		if !ok {
			s.pageError(w, r, err)
			return
		}
		form.Errors, form.Summary = errs, l.T("form.invalid")
		s.organisationFormPage(w, r, http.StatusUnprocessableEntity, form)
		return
	}
	if id == 0 {
		setFlash(w, "org.created", "Name", o.Name.Best(l.Lang()))
	} else {
		setFlash(w, "flash.saved")
	}
	http.Redirect(w, r, "/organisations/"+strconv.FormatInt(o.ID, 10), http.StatusSeeOther)
}

func (s *Server) handleEditOrganisationForm(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r, "id")
	if !ok {
		s.notFound(w, r)
		return
	}
	o, err := s.services.Organisations.Organisation(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if !parasat.Can(currentUser(r.Context()), parasat.UpdateOrganisation, parasat.Resource{Region: o.Region, OrganisationID: o.ID}) {
		s.forbidden(w, r)
		return
	}
	form := organisationForm{ID: id, Org: *o}
	if o.ParentID != nil {
		form.Parent = strconv.FormatInt(*o.ParentID, 10)
	}
	s.organisationFormPage(w, r, http.StatusOK, form)
}

func (s *Server) registerOrganisationPages(mux *http.ServeMux) {
	s.handlePage(mux, "GET /organisations", parasat.ReadPublished, s.handleOrganisations)
	s.handlePage(mux, "GET /organisations.csv", parasat.ReadPublished, s.handleOrganisationsCSV)
	s.handlePage(mux, "GET /organisations/new", parasat.CreateOrganisation, s.handleNewOrganisationForm)
	s.handlePage(mux, "POST /organisations", parasat.CreateOrganisation, func(w http.ResponseWriter, r *http.Request) {
		s.saveOrganisation(w, r, 0)
	})
	s.handlePage(mux, "GET /organisations/{id}", parasat.ReadPublished, s.handleOrganisation)
	s.handlePage(mux, "GET /organisations/{id}/edit", parasat.UpdateOrganisation, s.handleEditOrganisationForm)
	s.handlePage(mux, "POST /organisations/{id}", parasat.UpdateOrganisation, func(w http.ResponseWriter, r *http.Request) {
		id, ok := pathID(r, "id")
		if !ok {
			s.notFound(w, r)
			return
		}
		s.saveOrganisation(w, r, id)
	})
}
