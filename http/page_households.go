package http

import (
	"net/http"
	"strconv"

	"github.com/parasat-kz/parasat"
)

type householdsPage struct {
	Items       []parasat.Household
	RegionNames map[string]string
	Query       string
	Next        string
}

func (s *Server) handleHouseholds(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	after, _ := strconv.ParseInt(q.Get("after"), 10, 64)
	regions, _ := readScope(currentUser(r.Context()))
	f := parasat.HouseholdFilter{Query: q.Get("q"), RegionIn: regions, After: after, Limit: 50}
	items, err := s.services.Households.ListHouseholds(r.Context(), f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	p := s.newPage(w, r, "nav.households", nil)
	_, names, err := s.regionNames(r, p.Lang)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	data := householdsPage{Items: items, RegionNames: names, Query: f.Query}
	if len(items) == f.Limit {
		data.Next = strconv.FormatInt(items[len(items)-1].ID, 10)
	}
	p.Data = data
	p.Breadcrumbs = []crumb{{p.T.T("nav.beneficiaries"), "/beneficiaries"}, {p.Title, ""}}
	s.render(w, http.StatusOK, "households", p)
}

type householdView struct {
	H          *parasat.Household
	RegionName string
	Children   int
	Large      bool
	CanAudit   bool
}

func (s *Server) handleHousehold(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r, "id")
	if !ok {
		s.notFound(w, r)
		return
	}
	h, err := s.services.Households.Household(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	res := householdResource(h)
	if !parasat.Can(currentUser(r.Context()), parasat.ReadBeneficiary, res) {
		s.notFound(w, r)
		return
	}
	p := s.newPage(w, r, "nav.households", nil)
	today := s.today()
	data := householdView{H: h, Children: h.ChildrenOn(today), Large: h.IsLargeFamily(today),
		CanAudit: parasat.Can(p.User, parasat.ReadAudit, res)}
	if rg, err := s.services.Regions.Region(r.Context(), h.Region); err == nil {
		data.RegionName = rg.Name.Best(p.Lang)
	}
	p.Data, p.Title = data, h.Name
	p.Breadcrumbs = []crumb{{p.T.T("nav.households"), "/households"}, {h.Name, ""}}
	s.render(w, http.StatusOK, "household", p)
}

func (s *Server) registerHouseholdPages(mux *http.ServeMux) {
	s.handlePage(mux, "GET /households", parasat.ReadBeneficiary, s.handleHouseholds)
	s.handlePage(mux, "GET /households/{id}", parasat.ReadBeneficiary, s.handleHousehold)
}
