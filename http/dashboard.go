package http

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
	"github.com/parasat-kz/parasat/report"
)

// The dashboard on the signed-in home: a part for each role the visitor
// holds. The Secretariat sees the country, a coordinator each region they
// coordinate, a manager each organisation they run (with its children):
// the year so far and this quarter beside the same days last year, and who
// did the most. A volunteer sees their hours and the events they worked at
// (dashboard_volunteer.go), a patron their gifts and what they supported
// (dashboard_patron.go). Figures come from buildReport, exact only where
// the visitor's role covers them, as on the report API.

type dashboard struct {
	Scopes    []*scopePart
	Volunteer *volunteerPart
	Patron    *patronPart
}

func (s *Server) dashboard(r *http.Request, p *page, orgCounts map[string]int) (*dashboard, error) {
	ctx, u := r.Context(), p.User
	d := &dashboard{}
	var filters []parasat.ReportFilter
	if u.IsAdmin() {
		filters = append(filters, parasat.ReportFilter{})
	}
	for _, code := range u.CoordinatedRegions() {
		filters = append(filters, parasat.ReportFilter{Region: code})
	}
	for _, id := range u.ManagedOrganisations() {
		filters = append(filters, parasat.ReportFilter{OrganisationID: id})
	}
	for i, f := range filters {
		part, err := s.scopePart(ctx, p.T, f)
		if code := parasat.ErrorCode(err); code == parasat.ENotFound || code == parasat.EInvalid {
			continue // a grant of a region or organisation no longer there
		}
		if err != nil {
			return nil, err
		}
		part.ID = "scope-" + strconv.Itoa(i)
		if f.Region != "" {
			part.Organisations, part.OrganisationsHref = orgCounts[f.Region], "/organisations?region="+f.Region
		}
		d.Scopes = append(d.Scopes, part)
	}
	var err error
	if u.Has(parasat.RoleVolunteer) {
		if d.Volunteer, err = s.volunteerPart(ctx, p); err != nil {
			return nil, err
		}
	}
	if u.Has(parasat.RolePatron) {
		if d.Patron, err = s.patronPart(ctx, p); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// scopePart is the dashboard of the country, a region or an organisation.
type scopePart struct {
	ID    string // of its heading
	Title string
	// Href is its public page: its results, or the organisation's page.
	Href              string
	Organisations     int // a region's organisations, and where they are listed
	OrganisationsHref string
	Exact             bool
	Figures           figureTable // each figure this year and this quarter, beside the same days last year
	Top               figureTable // the organisations (of the country: the regions) that helped the most people
	Report            string      // the report page of the same filter
}

func (s *Server) scopePart(ctx context.Context, l *i18n.Localizer, f parasat.ReportFilter) (*scopePart, error) {
	t := today()
	year, quarter := f, f
	year.Period = parasat.YearToDate(t)
	quarter.Period = parasat.Period{From: parasat.QuarterPeriod(t.Year(), int(t.Month()-1)/3+1).From, To: t}
	exact, err := s.exactFigures(ctx, year)
	if err != nil {
		return nil, err
	}
	rank, href := parasat.ByOrganisation, func(r *parasat.BreakdownRow) string { return "/organisations/" + r.Key }
	if f.Region == "" && f.OrganisationID == 0 {
		rank, href = parasat.ByRegion, func(r *parasat.BreakdownRow) string { return "/results/" + r.Key }
	}
	ry, err := s.buildReport(ctx, year, exact, true, rank)
	if err != nil {
		return nil, err
	}
	rq, err := s.buildReport(ctx, quarter, exact, true)
	if err != nil {
		return nil, err
	}
	part := &scopePart{Title: ry.Subject.Best(l.Lang()), Exact: exact, Figures: comparisonTable(l, ry, rq), Report: reportsLink(f)}
	switch {
	case f.Region != "":
		part.Href = "/results/" + f.Region
	case f.OrganisationID != 0:
		part.Href = "/organisations/" + strconv.FormatInt(f.OrganisationID, 10)
	default:
		part.Href = "/results"
	}
	part.Top = breakdownTable(l, topRows(ry.Breakdown(rank), parasat.FigPeopleHelped, 5),
		[]parasat.Figure{parasat.FigEvents, parasat.FigPeopleHelped, parasat.FigAidValue}, href)
	part.Top.Caption = l.T("dash.top_organisations")
	if rank == parasat.ByRegion {
		part.Top.Caption = l.T("dash.top_regions")
	}
	part.Top.Total = nil // the total is in the table of figures above
	return part, nil
}

// comparisonTable shows each figure of the year so far and of the quarter
// so far, each beside the same days of last year.
func comparisonTable(l *i18n.Localizer, year, quarter *parasat.Report) figureTable {
	y, last := strconv.Itoa(year.Summary.Filter.Period.From.Year()), strconv.Itoa(year.Summary.Filter.Period.From.Year()-1)
	t := figureTable{Caption: l.T("dash.figures_caption"), First: report.Column(l, "figure"), Columns: []string{
		l.T("dash.col.year", "Year", y), l.T("dash.col.last_year", "Year", last),
		l.T("dash.col.quarter", "Quarter", report.QuarterName(l, quarter.Summary.Filter.Period.From)), l.T("dash.col.last_year", "Year", last)}}
	for _, fig := range resultFigures {
		t.Rows = append(t.Rows, figureRow{Label: report.FigureName(l, fig), Cells: []valueCell{
			figureCell(l, &year.Summary.Figures, fig), figureCell(l, &year.LastYear.Figures, fig),
			figureCell(l, &quarter.Summary.Figures, fig), figureCell(l, &quarter.LastYear.Figures, fig)}})
	}
	return t
}

// reportsLink is the report page of the filter's region or organisation.
func reportsLink(f parasat.ReportFilter) string {
	q := url.Values{}
	if f.Region != "" {
		q.Set("region", f.Region)
	}
	if f.OrganisationID != 0 {
		q.Set("organisation", strconv.FormatInt(f.OrganisationID, 10))
	}
	if len(q) == 0 {
		return "/reports"
	}
	return "/reports?" + q.Encode()
}
