package http

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/parasat-kz/parasat"
)

type beneficiariesPage struct {
	Items                   []parasat.Beneficiary
	Regions                 []parasat.Region
	RegionNames             map[string]string
	Region, Category, Query string
	Next                    string
	Categories              []parasat.Category
	CanCreate               bool
}

func (s *Server) handleBeneficiaries(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	after, _ := strconv.ParseInt(q.Get("after"), 10, 64)
	regions, orgs := readScope(currentUser(r.Context()))
	f := parasat.BeneficiaryFilter{Region: q.Get("region"), Category: parasat.Category(q.Get("category")), Query: q.Get("q"),
		RegionIn: regions, OrganisationIn: orgs, After: after, Limit: 50}
	items, err := s.services.Beneficiaries.ListBeneficiaries(r.Context(), f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	p := s.newPage(w, r, "nav.beneficiaries", nil)
	all, names, err := s.regionNames(r, p.Lang)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	data := beneficiariesPage{Items: items, Regions: all, RegionNames: names, Region: f.Region, Category: string(f.Category),
		Query: f.Query, Categories: parasat.Categories, CanCreate: parasat.CanSome(p.User, parasat.WriteBeneficiary)}
	if len(items) == f.Limit {
		data.Next = strconv.FormatInt(items[len(items)-1].ID, 10)
	}
	p.Data = data
	s.render(w, http.StatusOK, "beneficiaries", p)
}

type beneficiaryView struct {
	B          *parasat.Beneficiary
	Household  *parasat.Household
	RegionName string
	OrgNames   map[int64]string
	Visits     []parasat.Visit
	CanEdit    bool
	CanAudit   bool
	Age        int
	Warnings   []string // translated
	Documents  documentsView
}

// pageBeneficiary loads a beneficiary the visitor may read, or shows "not
// found": their existence is private.
func (s *Server) pageBeneficiary(w http.ResponseWriter, r *http.Request) *parasat.Beneficiary {
	id, ok := pathID(r, "id")
	if !ok {
		s.notFound(w, r)
		return nil
	}
	b, err := s.services.Beneficiaries.Beneficiary(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return nil
	}
	if !parasat.Can(currentUser(r.Context()), parasat.ReadBeneficiary, b.Resource()) {
		s.notFound(w, r)
		return nil
	}
	return b
}

func (s *Server) handleBeneficiary(w http.ResponseWriter, r *http.Request) {
	b := s.pageBeneficiary(w, r)
	if b == nil {
		return
	}
	s.showBeneficiary(w, r, b, http.StatusOK, documentsView{})
}

// showBeneficiary shows a beneficiary's record, with the document form as
// given (its error, what was typed), and logs the visit.
func (s *Server) showBeneficiary(w http.ResponseWriter, r *http.Request, b *parasat.Beneficiary, status int, docs documentsView) {
	if err := s.services.Beneficiaries.RecordVisit(r.Context(), b.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	p := s.newPage(w, r, "nav.beneficiaries", nil)
	data := beneficiaryView{B: b, OrgNames: map[int64]string{}, Age: b.AgeOn(s.today())}
	for _, w := range b.Warnings {
		data.Warnings = append(data.Warnings, p.T.T("field."+w.Code))
	}
	if b.HouseholdID != nil {
		data.Household, _ = s.services.Households.Household(r.Context(), *b.HouseholdID)
	}
	if rg, err := s.services.Regions.Region(r.Context(), b.Region); err == nil {
		data.RegionName = rg.Name.Best(p.Lang)
	}
	for _, id := range b.Organisations {
		if o, err := s.services.Organisations.Organisation(r.Context(), id); err == nil {
			data.OrgNames[id] = o.Name.Best(p.Lang)
		}
	}
	data.CanEdit = b.Anonymised == nil && parasat.Can(p.User, parasat.WriteBeneficiary, b.Resource())
	data.CanAudit = parasat.Can(p.User, parasat.ReadAudit, b.Resource())
	if data.CanAudit {
		data.Visits, _ = s.services.Beneficiaries.Visits(r.Context(), b.ID, 20)
	}
	if err := s.fillDocuments(r.Context(), &docs, b, data.CanEdit); err != nil {
		s.serverError(w, r, err)
		return
	}
	data.Documents = docs
	p.Data, p.Title = data, b.FullName
	if b.Anonymised != nil {
		p.Title = p.T.T("beneficiary.anonymised")
	}
	p.Breadcrumbs = []crumb{{p.T.T("nav.beneficiaries"), "/beneficiaries"}, {p.Title, ""}}
	s.render(w, status, "beneficiary", p)
}

type beneficiaryForm struct {
	ID            int64
	B             parasat.Beneficiary
	Organisations []option // to choose from, those serving the person checked
	Regions       []parasat.Region
	Categories    []parasat.Category
	Checked       map[parasat.Category]bool
	Errors        map[string]string
	Summary       string
}

func (s *Server) beneficiaryFormPage(w http.ResponseWriter, r *http.Request, status int, form beneficiaryForm) {
	p := s.newPage(w, r, "beneficiary.new", nil)
	regions, _, err := s.regionNames(r, p.Lang)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	form.Regions, form.Categories = regions, parasat.Categories
	if form.Organisations, err = s.organisationOptions(r.Context(), p.Lang, form.B.Organisations...); err != nil {
		s.serverError(w, r, err)
		return
	}
	form.Checked = map[parasat.Category]bool{}
	for _, c := range form.B.Categories {
		form.Checked[c.Category] = true
	}
	p.Breadcrumbs = []crumb{{p.T.T("nav.beneficiaries"), "/beneficiaries"}}
	if form.ID != 0 {
		p.Title = p.T.T("beneficiary.edit")
		p.Breadcrumbs = append(p.Breadcrumbs, crumb{form.B.FullName, "/beneficiaries/" + strconv.FormatInt(form.ID, 10)})
	}
	p.Breadcrumbs = append(p.Breadcrumbs, crumb{p.Title, ""})
	p.Data = form
	s.render(w, status, "beneficiary_form", p)
}

func (s *Server) handleNewBeneficiaryForm(w http.ResponseWriter, r *http.Request) {
	u := currentUser(r.Context())
	form := beneficiaryForm{B: parasat.Beneficiary{Region: parasat.CapitalCode}}
	if regions := u.CoordinatedRegions(); len(regions) > 0 {
		form.B.Region = regions[0]
	}
	if orgs := u.ManagedOrganisations(); len(orgs) > 0 {
		form.B.Organisations = []int64{orgs[0]}
	}
	s.beneficiaryFormPage(w, r, http.StatusOK, form)
}

// beneficiaryFromForm reads the form; bad numbers among the organisations
// are reported rather than dropped.
func beneficiaryFromForm(r *http.Request) (parasat.Beneficiary, bool) {
	b := parasat.Beneficiary{FullName: r.PostFormValue("full_name"), LatinName: r.PostFormValue("latin_name"),
		IIN: r.PostFormValue("iin"), Sex: parasat.Sex(r.PostFormValue("sex")), Region: r.PostFormValue("region"),
		Address: r.PostFormValue("address"), Phone: r.PostFormValue("phone"), Notes: r.PostFormValue("notes"),
		Categories: []parasat.CategoryAssignment{}, Organisations: []int64{}}
	if d, err := parasat.ParseDate(r.PostFormValue("birth_date")); err == nil {
		b.BirthDate = d
	}
	for _, c := range r.PostForm["category"] {
		b.Categories = append(b.Categories, parasat.CategoryAssignment{Category: parasat.Category(c)})
	}
	if d, err := parasat.ParseDate(r.PostFormValue("consent_given_on")); err == nil {
		b.Consent.GivenOn = &d
	}
	b.Consent.Scope = r.PostFormValue("consent_scope")
	ok := true
	for _, v := range r.PostForm["organisations"] {
		for _, part := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' }) {
			id, err := strconv.ParseInt(part, 10, 64)
			if err != nil || id <= 0 {
				ok = false
				continue
			}
			b.Organisations = append(b.Organisations, id)
		}
	}
	return b, ok
}
