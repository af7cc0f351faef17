package http

import (
	"net/http"

	"github.com/parasat-kz/parasat"
)

type homeFigures struct {
	Organisations, Regions int
	// For a signed-in coordinator: the organisations of their regions.
	MyRegions []regionCount
	// For a signed-in manager: the organisations they manage.
	MyOrganisations []parasat.Organisation
}

type regionCount struct {
	Code, Name    string
	Organisations int
}

// handleHome is the public front page: what the centre does, live figures
// (only real counts, never placeholders) and where to go next.
func (s *Server) handleHome(w http.ResponseWriter, r *http.Request) {
	byRegion, err := s.services.Organisations.CountOrganisationsByRegion(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	var f homeFigures
	for _, n := range byRegion {
		f.Organisations += n
		f.Regions++
	}
	p := s.newPage(w, r, "nav.home", nil)
	if u := p.User; u != nil {
		for _, code := range u.CoordinatedRegions() {
			if rg, err := s.services.Regions.Region(r.Context(), code); err == nil {
				f.MyRegions = append(f.MyRegions, regionCount{code, rg.Name.Best(p.Lang), byRegion[code]})
			}
		}
		for _, id := range u.ManagedOrganisations() {
			if o, err := s.services.Organisations.Organisation(r.Context(), id); err == nil {
				f.MyOrganisations = append(f.MyOrganisations, *o)
			}
		}
	}
	p.Data = f
	p.Title = p.T.T("app.tagline")
	s.render(w, http.StatusOK, "home", p)
}

type regionRow struct {
	Region        parasat.Region
	Organisations int64
}

func (s *Server) handleRegions(w http.ResponseWriter, r *http.Request) {
	regions, err := s.services.Regions.ListRegions(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	counts, err := s.services.Organisations.CountOrganisationsByRegion(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	rows := make([]regionRow, len(regions))
	for i, rg := range regions {
		rows[i] = regionRow{Region: rg, Organisations: int64(counts[rg.Code])}
	}
	s.render(w, http.StatusOK, "regions", s.newPage(w, r, "nav.regions", rows))
}
