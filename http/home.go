package http

import (
	"net/http"

	"github.com/parasat-kz/parasat"
)

// homePage is the front page: the figures of the year so far, the counts
// of organisations, and, for a signed-in visitor, their dashboard.
type homePage struct {
	Organisations, Regions int
	Period                 string
	Cards                  []resultCard
	Exact, Hidden          bool
	Dashboard              *dashboard
}

// handleHome is the front page: what the centre does, live figures (only
// real counts, never placeholders) and where to go next. A signed-in
// visitor sees their dashboard first (dashboard.go): the front page is
// where signing in leads, so each role finds its figures without a click.
func (s *Server) handleHome(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	byRegion, err := s.services.Organisations.CountOrganisationsByRegion(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	// The summary of the very report the results page shows, so that both
	// pages show the same numbers, suppressed alike.
	f := yearSoFar("")
	exact, err := s.exactFigures(ctx, f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	rep, err := s.resultsReport(ctx, f, exact)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	p := s.newPage(w, r, "nav.home", nil)
	d := homePage{Period: periodText(p.T, f.Period), Exact: exact,
		Cards: figureCards(p.T, &rep.Summary.Figures, headlineFigures)}
	d.Hidden = cardsHide(d.Cards)
	for _, n := range byRegion {
		d.Organisations += n
		d.Regions++
	}
	if p.User != nil {
		if d.Dashboard, err = s.dashboard(r, p, byRegion); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	p.Data = d
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
