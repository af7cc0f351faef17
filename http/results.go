package http

import (
	"context"
	"html/template"
	"net/http"
	"net/url"
	"strings"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
	"github.com/parasat-kz/parasat/report"
	"github.com/parasat-kz/parasat/report/chart"
)

// The public results page: the figures of the year so far for the whole
// country (/results) or one region (/results/KZ-71), the press statement,
// and charts with their data tables. The report is built by buildReport,
// the path the report API takes, so the page shows the API's numbers, with
// small cells suppressed unless the visitor's role covers them.

func (s *Server) registerResultsPages(mux *http.ServeMux) {
	s.handlePage(mux, "GET /results", parasat.ReadReport, s.handleResults)
	s.handlePage(mux, "GET /results/{code}", parasat.ReadReport, s.handleResults)
}

// resultsReport is the report of the results page, which the front page
// shows the summary of: the quarters for the statement, the months for the
// chart of the year, and the regions of the country or the organisations
// of a region for the ranking.
func (s *Server) resultsReport(ctx context.Context, f parasat.ReportFilter, exact bool) (*parasat.Report, error) {
	rank := parasat.ByRegion
	if f.Region != "" {
		rank = parasat.ByOrganisation
	}
	return s.buildReport(ctx, f, exact, false, parasat.ByQuarter, parasat.ByMonth, rank)
}

// yearSoFar is the filter of the results page: the year to date, for the
// country or a region.
func yearSoFar(region string) parasat.ReportFilter {
	return parasat.ReportFilter{Period: parasat.YearToDate(today()), Region: region}
}

type resultsPage struct {
	Subject     string
	Region      string // the region's code, on a region's page
	Period      string
	Exact       bool // the visitor sees the figures as they are
	Hidden      bool // some figure is suppressed
	Cards       []resultCard
	Statement   string
	Charts      []resultsChart
	Definitions []report.Definition
}

// resultsChart is a chart with the table of its data.
type resultsChart struct {
	ID, Title string
	SVG       template.HTML
	Table     figureTable
}

func (s *Server) handleResults(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	code := strings.ToUpper(r.PathValue("code"))
	if q := strings.TrimSpace(r.URL.Query().Get("region")); code == "" && q != "" {
		// A region chosen the way the report page names it.
		http.Redirect(w, r, "/results/"+url.PathEscape(strings.ToUpper(q)), http.StatusSeeOther)
		return
	}
	if code != "" {
		if _, err := s.services.Regions.Region(ctx, code); err != nil {
			s.pageError(w, r, err)
			return
		}
	}
	f := yearSoFar(code)
	exact, err := s.exactFigures(ctx, f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	rep, err := s.resultsReport(ctx, f, exact)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	p := s.newPage(w, r, "nav.results", nil)
	l := p.T
	v := resultsPage{Subject: rep.Subject.Best(p.Lang), Region: code, Exact: exact,
		Period: periodText(l, f.Period), Cards: figureCards(l, &rep.Summary.Figures, resultFigures),
		Statement: report.Write(l, rep, today()).Text(), Charts: resultsCharts(l, rep), Definitions: report.Definitions(l)}
	v.Hidden = cardsHide(v.Cards)
	for i := range v.Charts {
		v.Hidden = v.Hidden || v.Charts[i].Table.hides()
	}
	p.Title = l.T("results.heading", "Subject", v.Subject, "Year", f.Period.From.Year())
	if code != "" {
		p.Breadcrumbs = []crumb{{l.T("nav.results"), "/results"}, {v.Subject, ""}}
	}
	p.Data = v
	s.render(w, http.StatusOK, "results", p)
}

// periodText is "Period: 1 January 2026 to 4 December 2026".
func periodText(l *i18n.Localizer, p parasat.Period) string {
	return l.T("results.period", "From", l.Date(p.From.Time), "To", l.Date(p.To.Time))
}

// resultsCharts are the events by month, the ranking of regions (or of a
// region's organisations) by people helped, and the kinds of help.
func resultsCharts(l *i18n.Localizer, rep *parasat.Report) []resultsChart {
	months := rep.Breakdown(parasat.ByMonth)
	columns := []parasat.Figure{parasat.FigEvents, parasat.FigPeopleHelped, parasat.FigAidValue}
	out := []resultsChart{{ID: "chart-months", Title: l.T("report.chart.by_month", "Figure", report.FigureName(l, parasat.FigEvents)),
		SVG: svg(chart.Months(l, months, parasat.FigEvents, chart.Options{ID: "chart-months"})), Table: breakdownTable(l, months, columns, nil)}}
	people := report.FigureName(l, parasat.FigPeopleHelped)
	if regions := rep.Breakdown(parasat.ByRegion); regions != nil {
		// Every region in the table, each linking to its own page.
		table := breakdownTable(l, regions, []parasat.Figure{parasat.FigEvents, parasat.FigPeopleHelped, parasat.FigAidValue,
			parasat.FigMoneyRaised, parasat.FigVolunteers}, func(r *parasat.BreakdownRow) string { return "/results/" + r.Key })
		out = append(out, resultsChart{ID: "chart-regions", Title: l.T("report.chart.by_region", "Figure", people),
			SVG: svg(chart.Ranking(l, topRows(regions, parasat.FigPeopleHelped, len(regions.Rows)), parasat.FigPeopleHelped,
				chart.Options{ID: "chart-regions"})), Table: table})
	}
	if orgs := rep.Breakdown(parasat.ByOrganisation); orgs != nil {
		top := topRows(orgs, parasat.FigPeopleHelped, 10)
		table := breakdownTable(l, top, columns, func(r *parasat.BreakdownRow) string { return "/organisations/" + r.Key })
		table.Caption, table.Total.Label = l.T("results.top_organisations"), l.T("results.all_organisations")
		out = append(out, resultsChart{ID: "chart-organisations", Title: people + ": " + report.DimensionName(l, parasat.ByOrganisation),
			SVG: svg(chart.Ranking(l, top, parasat.FigPeopleHelped, chart.Options{ID: "chart-organisations"})), Table: table})
	}
	return append(out, resultsChart{ID: "chart-kinds", Title: l.T("report.chart.kinds"),
		SVG: svg(chart.Kinds(l, &rep.Summary.Figures, chart.Options{ID: "chart-kinds"})), Table: kindsTable(l, &rep.Summary.Figures)})
}
