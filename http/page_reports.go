package http

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
	"github.com/parasat-kz/parasat/report/chart"
	"github.com/parasat-kz/parasat/report/export"
)

// The report page (issue #8): figures for any period and filter, open to
// everyone — the public sees small cells suppressed, staff whose role
// covers the filter see them exact — with the comparison to a year
// earlier, the press statement, charts, tables and definitions; charts
// also at their own addresses, and each table as CSV.

type reportsPage struct {
	Form   *figuresForm
	Report *reportView // nil when the form has problems
	// Signed in: the account may ask for files, and sees its own.
	SignedIn bool
	Formats  []parasat.ExportFormat
	Exports  []exportRow
	// SignIn is the sign-in link that comes back to this report.
	SignIn string
}

func (s *Server) registerReportPages(mux *http.ServeMux) {
	s.handlePage(mux, "GET /reports", parasat.ReadReport, s.handleReports)
	s.handlePage(mux, "GET /reports/charts/months.svg", parasat.ReadReport, s.handleReportChart("months"))
	s.handlePage(mux, "GET /reports/charts/regions.svg", parasat.ReadReport, s.handleReportChart("regions"))
	s.handlePage(mux, "GET /reports/charts/kinds.svg", parasat.ReadReport, s.handleReportChart("kinds"))
	s.handlePage(mux, "GET /reports/table.csv", parasat.ReadReport, s.handleReportCSV)
	s.registerReportExportPages(mux)
}

func (s *Server) handleReports(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(w, r, "report.title", nil)
	day := today()
	form, values := readFiguresForm(p.T, r.URL.Query(), day)
	data := reportsPage{Form: form, SignedIn: p.User != nil, Formats: exportableFormats,
		SignIn: "/signin?next=" + url.QueryEscape(r.URL.RequestURI())}
	f, err := reportFilter(values)
	if err == nil && len(form.Errors) == 0 {
		var rep *parasat.Report
		var exact bool
		if rep, exact, err = s.figuresFor(r.Context(), f, true, parasat.Dimensions...); err == nil {
			data.Report = newReportView(p.T, rep, exact, day)
		}
	}
	if errs, ok := fieldErrors(p.T, err); ok {
		for k, v := range errs {
			if form.Errors[k] == "" {
				form.Errors[k] = v
			}
		}
	} else if err != nil {
		s.serverError(w, r, err)
		return
	}
	period := parasat.YearToDate(day)
	if data.Report != nil {
		period = f.Period
	}
	if err := s.figuresFormOptions(r.Context(), p.T, form, period, day); err != nil {
		s.serverError(w, r, err)
		return
	}
	if p.User != nil {
		if data.Exports, err = s.exportRows(r.Context(), p.T, p.User.ID); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	p.Data = data
	status := http.StatusOK
	if data.Report == nil {
		status = http.StatusUnprocessableEntity
	}
	s.render(w, status, "reports", p)
}

// figuresFor counts f's report as the caller may see it.
func (s *Server) figuresFor(ctx context.Context, f parasat.ReportFilter, lastYear bool, dims ...parasat.Dimension) (*parasat.Report, bool, error) {
	exact, err := s.exactFigures(ctx, f)
	if err != nil {
		return nil, false, err
	}
	rep, err := s.buildReport(ctx, f, exact, lastYear, dims...)
	return rep, exact, err
}

// handleReportChart serves one chart of the report page as an SVG image,
// in the page's language, for the filter of the query.
func (s *Server) handleReportChart(name string) http.HandlerFunc {
	dims := map[string][]parasat.Dimension{"months": {parasat.ByMonth}, "regions": {parasat.ByRegion}}[name]
	return func(w http.ResponseWriter, r *http.Request) {
		l := s.catalog.For(s.language(r))
		rep, ok := s.plainReport(w, r, l, dims...)
		if !ok {
			return
		}
		var svg []byte
		switch name {
		case "months":
			svg = chart.Months(l, &rep.Breakdowns[0], chartFigure, chart.Options{})
		case "regions":
			svg = chart.Ranking(l, &rep.Breakdowns[0], chartFigure, chart.Options{})
		default:
			svg = chart.Kinds(l, &rep.Summary.Figures, chart.Options{})
		}
		w.Header().Set("Content-Type", "image/svg+xml")
		w.Header().Set("Content-Language", string(l.Lang()))
		w.Header().Set("X-Content-Type-Options", "nosniff")
		_, _ = w.Write(svg)
	}
}

// handleReportCSV serves one table of the report — the summary, or the
// breakdown named by by — as CSV with HXL hashtags. One table is small
// (a row per region, month or organisation), so it is written at once.
func (s *Server) handleReportCSV(w http.ResponseWriter, r *http.Request) {
	l := s.catalog.For(s.language(r))
	by := parasat.Dimension(r.URL.Query().Get("by"))
	if by != "" && !by.Valid() {
		http.Error(w, l.T("report_page.error.table"), http.StatusUnprocessableEntity)
		return
	}
	var dims []parasat.Dimension
	if by != "" {
		dims = append(dims, by)
	}
	rep, ok := s.plainReport(w, r, l, dims...)
	if !ok {
		return
	}
	var b bytes.Buffer
	if err := export.CSV(&b, l, rep, by); err != nil {
		s.serverError(w, r, err)
		return
	}
	name := reportFileName(rep.Summary.Filter, "csv")
	if by != "" {
		name = strings.TrimSuffix(name, ".csv") + "-" + string(by) + ".csv"
	}
	w.Header().Set("Content-Type", csvType)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	_, _ = w.Write(b.Bytes())
}

// plainReport counts the report of the query's filter for a chart or a
// table; a bad filter is answered 422 with its first problem as text.
func (s *Server) plainReport(w http.ResponseWriter, r *http.Request, l *i18n.Localizer, dims ...parasat.Dimension) (*parasat.Report, bool) {
	f, err := reportFilter(r.URL.Query())
	var rep *parasat.Report
	if err == nil {
		rep, _, err = s.figuresFor(r.Context(), f, false, dims...)
	}
	if msg := firstFieldError(l, err); msg != "" {
		http.Error(w, msg, http.StatusUnprocessableEntity)
		return nil, false
	}
	if err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	return rep, true
}
