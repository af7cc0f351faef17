package http

import (
	"net/http"
	"strconv"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
)

type patronsPage struct {
	Items                      []parasat.Patron
	RegionNames                map[string]string
	Regions, Orgs, Kinds       []option
	Region, Organisation, Kind string
	Query, Next                string
	CanCreate                  bool
}

// kindOptions are the kinds of patron, in the page's language.
func kindOptions(l *i18n.Localizer, checked parasat.PatronKind) []option {
	return []option{
		{Value: string(parasat.PatronPerson), Label: l.T("patron.kind_person"), Checked: checked == parasat.PatronPerson},
		{Value: string(parasat.PatronCompany), Label: l.T("patron.kind_company"), Checked: checked == parasat.PatronCompany},
	}
}

func (s *Server) handlePatrons(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := parasat.PatronFilter{Region: q.Get("region"), Kind: parasat.PatronKind(q.Get("kind")), Query: q.Get("q"),
		Limit: 50, Visibility: visibility(currentUser(r.Context()), parasat.ReadPatron)}
	f.Organisation, _ = strconv.ParseInt(q.Get("organisation"), 10, 64)
	f.After, f.AfterName, _ = parseCursor(q.Get("after"))
	items, err := s.services.Patrons.ListPatrons(r.Context(), f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	p := s.newPage(w, r, "nav.patrons", nil)
	c, err := s.loadPeopleChoices(r, p.Lang)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	data := patronsPage{Items: items, RegionNames: c.regionNames, Region: f.Region, Organisation: q.Get("organisation"),
		Kind: string(f.Kind), Query: f.Query, CanCreate: parasat.CanSome(p.User, parasat.WritePatron)}
	data.Regions, data.Orgs, data.Kinds = marked(c.regions, f.Region), marked(c.orgs, data.Organisation), kindOptions(p.T, f.Kind)
	if len(items) == f.Limit {
		last := items[len(items)-1]
		data.Next = makeCursor(last.ID, true, last.SortKey())
	}
	p.Data = data
	s.render(w, http.StatusOK, "patrons", p)
}

// pagePatron loads the patron of the path that the caller may read.
func (s *Server) pagePatron(w http.ResponseWriter, r *http.Request) (*parasat.Patron, bool) {
	id, ok := pathID(r, "id")
	if !ok {
		s.notFound(w, r)
		return nil, false
	}
	p, err := s.services.Patrons.Patron(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return nil, false
	}
	if !parasat.Can(currentUser(r.Context()), parasat.ReadPatron, p.Resource()) {
		s.notFound(w, r)
		return nil, false
	}
	return p, true
}

type patronView struct {
	P                 *parasat.Patron
	RegionName        string
	Orgs              []option
	CanEdit, CanAudit bool
}

func (s *Server) handlePatron(w http.ResponseWriter, r *http.Request) {
	pt, ok := s.pagePatron(w, r)
	if !ok {
		return
	}
	p := s.newPage(w, r, "nav.patrons", nil)
	c, err := s.loadPeopleChoices(r, p.Lang)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	data := patronView{P: pt, RegionName: c.regionNames[pt.Region],
		CanEdit:  parasat.Can(p.User, parasat.WritePatron, pt.Resource()),
		CanAudit: parasat.Can(p.User, parasat.ReadAudit, parasat.Resource{Region: pt.Region})}
	for _, o := range marked(c.orgs, ids(pt.SupportedOrganisations)...) {
		if o.Checked {
			data.Orgs = append(data.Orgs, o)
		}
	}
	p.Data, p.Title = data, pt.Name
	p.Breadcrumbs = []crumb{{p.T.T("nav.patrons"), "/patrons"}, {p.Title, ""}}
	s.render(w, http.StatusOK, "patron", p)
}

type patronForm struct {
	ID                   int64
	P                    parasat.Patron
	Regions, Orgs, Kinds []option
	Errors               map[string]string
	Summary              string
}

func (s *Server) patronFormPage(w http.ResponseWriter, r *http.Request, status int, form patronForm) {
	p := s.newPage(w, r, "patron.new", nil)
	if form.ID != 0 {
		p.Title = p.T.T("patron.edit")
	}
	c, err := s.loadPeopleChoices(r, p.Lang)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	form.Regions, form.Orgs = marked(c.regions, form.P.Region), marked(c.orgs, ids(form.P.SupportedOrganisations)...)
	form.Kinds = kindOptions(p.T, form.P.Kind)
	p.Breadcrumbs = []crumb{{p.T.T("nav.patrons"), "/patrons"}}
	if form.ID != 0 {
		p.Breadcrumbs = append(p.Breadcrumbs, crumb{form.P.Name, "/patrons/" + strconv.FormatInt(form.ID, 10)})
	}
	p.Breadcrumbs = append(p.Breadcrumbs, crumb{p.Title, ""})
	p.Data = form
	s.render(w, status, "patron_form", p)
}

func (s *Server) handleNewPatronForm(w http.ResponseWriter, r *http.Request) {
	pt := parasat.Patron{Kind: parasat.PatronPerson, Region: parasat.CapitalCode}
	if regions := currentUser(r.Context()).CoordinatedRegions(); len(regions) > 0 {
		pt.Region = regions[0]
	}
	s.patronFormPage(w, r, http.StatusOK, patronForm{P: pt})
}

func (s *Server) handleEditPatronForm(w http.ResponseWriter, r *http.Request) {
	pt, ok := s.pagePatron(w, r)
	if !ok {
		return
	}
	if !parasat.Can(currentUser(r.Context()), parasat.WritePatron, pt.Resource()) {
		s.forbidden(w, r)
		return
	}
	s.patronFormPage(w, r, http.StatusOK, patronForm{ID: pt.ID, P: *pt})
}

func patronFromForm(r *http.Request) parasat.Patron {
	pt := parasat.Patron{Kind: parasat.PatronKind(r.PostFormValue("kind")), Name: r.PostFormValue("name"),
		BIN: r.PostFormValue("bin"), Region: r.PostFormValue("region"), Notes: r.PostFormValue("notes"),
		PublicConsent: r.PostFormValue("public_consent") == "yes",
		Contacts: parasat.Contacts{Phone: r.PostFormValue("phone"), Email: r.PostFormValue("email"),
			Website: r.PostFormValue("website"), Address: r.PostFormValue("address")}}
	for _, o := range r.PostForm["organisations"] {
		if id, err := strconv.ParseInt(o, 10, 64); err == nil {
			pt.SupportedOrganisations = append(pt.SupportedOrganisations, id)
		}
	}
	return pt
}

// handleSavePatron creates (POST /patrons) or updates (POST /patrons/{id}) a patron.
func (s *Server) handleSavePatron(w http.ResponseWriter, r *http.Request) {
	u := currentUser(r.Context())
	pt := patronFromForm(r)
	if r.PathValue("id") != "" {
		existing, ok := s.pagePatron(w, r)
		if !ok {
			return
		}
		if !parasat.Can(u, parasat.WritePatron, existing.Resource()) {
			s.forbidden(w, r)
			return
		}
		pt.ID, pt.UserID = existing.ID, existing.UserID // the account link is not on the form
	}
	pt.Normalize()
	l := s.catalog.For(s.language(r))
	form := patronForm{ID: pt.ID, P: pt}
	if !parasat.Can(u, parasat.WritePatron, pt.Resource()) {
		form.Summary = l.T("patron.not_allowed")
		s.patronFormPage(w, r, http.StatusUnprocessableEntity, form)
		return
	}
	var err error
	if pt.ID == 0 {
		err = s.services.Patrons.CreatePatron(r.Context(), &pt)
	} else {
		err = s.services.Patrons.UpdatePatron(r.Context(), &pt)
	}
	if err != nil {
		var ok bool
		if form.Errors, form.Summary, ok = formProblems(l, nil, err); !ok {
			s.pageError(w, r, err)
			return
		}
		s.patronFormPage(w, r, http.StatusUnprocessableEntity, form)
		return
	}
	if form.ID == 0 {
		setFlash(w, "flash.patron_created", "Name", pt.Name)
	} else {
		setFlash(w, "flash.saved")
	}
	http.Redirect(w, r, "/patrons/"+strconv.FormatInt(pt.ID, 10), http.StatusSeeOther)
}

func (s *Server) registerPatronPages(mux *http.ServeMux) {
	s.handlePage(mux, "GET /patrons", parasat.ReadPatron, s.handlePatrons)
	s.handlePage(mux, "GET /patrons/new", parasat.WritePatron, s.handleNewPatronForm)
	s.handlePage(mux, "POST /patrons", parasat.WritePatron, s.handleSavePatron)
	s.handlePage(mux, "GET /patrons/{id}", parasat.ReadPatron, s.handlePatron)
	s.handlePage(mux, "GET /patrons/{id}/edit", parasat.WritePatron, s.handleEditPatronForm)
	s.handlePage(mux, "POST /patrons/{id}", parasat.WritePatron, s.handleSavePatron)
}
