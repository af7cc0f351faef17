package http

import (
	"html/template"
	"maps"
	"slices"
	"sort"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
	"github.com/parasat-kz/parasat/report"
	"github.com/parasat-kz/parasat/report/chart"
)

// What the report page shows of a report, prepared in the page's language:
// every number is formatted here (i18n's Money and Number through
// report.Value), suppressed figures read "fewer than 5", so the template
// only lays them out.

// chartFigure is the figure the charts of the page draw.
const chartFigure = parasat.FigAidValue

// cardFigures are the summary's cards, when the filter lets them mean
// something (parasat.ReportFilter.Applicable); the split of the value by
// kind of help is the chart of kinds.
var cardFigures = []parasat.Figure{parasat.FigEvents, parasat.FigPeopleHelped, parasat.FigFamiliesHelped,
	parasat.FigAidValue, parasat.FigMoneyRaised, parasat.FigPatrons, parasat.FigVolunteers, parasat.FigVolunteerHours}

// reportView is a report as the page shows it.
type reportView struct {
	Subject, Period string
	Exact           bool
	Cards           []figureCard
	// NothingLastYear is set when the same period a year earlier counted
	// nothing at all: one sentence says so instead of a card each.
	NothingLastYear bool
	Statement       string
	Charts          []chartView
	Tables          []tableView
	Definitions     []report.Definition
	// Query selects the report's figures, for the links of charts and
	// tables; Fields are the same as the hidden fields of the files' form.
	Query  template.URL
	Fields []hiddenField
}

type hiddenField struct{ Name, Value string }

// figureCard is one figure of the summary with the same period a year
// earlier and the change in words (the arrow is decoration).
type figureCard struct {
	Name, Value, LastYear, Change string
	Trend                         string // up, down, same, or "" when there is nothing to compare
}

// chartView is a chart drawn inline, its own address, and its data as a table.
type chartView struct {
	ID, Title, URL string
	SVG            template.HTML
	Head           []string
	Rows           [][]string
}

// tableView is one breakdown as a table.
type tableView struct {
	ID, Title string
	By        parasat.Dimension
	Head      []string
	Rows      [][]string // the row's name, then its values
	Total     []string
}

func newReportView(l *i18n.Localizer, r *parasat.Report, exact bool, today parasat.Date) *reportView {
	per := r.Summary.Filter.Period
	v := &reportView{Subject: r.Subject.Best(l.Lang()), Exact: exact,
		Period: report.PeriodText(l, per), Statement: report.Write(l, r, today).Text(),
		Definitions: report.Definitions(l)}
	q := filterQuery(r.Summary.Filter)
	v.Query = template.URL(q.Encode())
	for _, name := range slices.Sorted(maps.Keys(q)) {
		v.Fields = append(v.Fields, hiddenField{name, q.Get(name)})
	}
	ok, lastYear := r.Summary.Filter.Applicable(), r.LastYear
	if lastYear != nil && lastYear.IsEmpty() {
		v.NothingLastYear, lastYear = true, nil
	}
	for _, fig := range cardFigures {
		if ok.Has(fig) {
			v.Cards = append(v.Cards, newCard(l, fig, &r.Summary.Figures, lastYear))
		}
	}
	v.Charts = chartViews(l, r, q.Encode())
	for _, d := range parasat.Dimensions {
		if b := r.Breakdown(d); b != nil {
			v.Tables = append(v.Tables, newTable(l, r, b))
		}
	}
	return v
}

// shown formats a figure, or the mark of a suppressed one.
func shown(l *i18n.Localizer, f *parasat.Figures, fig parasat.Figure) string {
	if v, ok := f.Get(fig); ok {
		return report.Value(l, fig, v)
	}
	return report.SuppressedMark(l)
}

func newCard(l *i18n.Localizer, fig parasat.Figure, now *parasat.Figures, lastYear *parasat.Summary) figureCard {
	c := figureCard{Name: report.FigureName(l, fig), Value: shown(l, now, fig)}
	if lastYear == nil {
		return c
	}
	c.LastYear = l.T("report_page.last_year", "Value", shown(l, &lastYear.Figures, fig))
	cur, ok1 := now.Get(fig)
	prev, ok2 := lastYear.Get(fig)
	if !ok1 || !ok2 {
		return c
	}
	diff := cur - prev
	abs := report.Value(l, fig, max(diff, -diff))
	switch {
	case diff == 0:
		c.Trend, c.Change = "same", l.T("report_page.change.same")
	case prev == 0:
		c.Trend, c.Change = "up", l.T("report_page.change.up_from_none", "Diff", abs)
	case diff > 0:
		c.Trend, c.Change = "up", l.T("report_page.change.up", "Diff", abs, "Percent", "+"+report.Percent(l, percentOf(diff, prev)))
	default:
		c.Trend, c.Change = "down", l.T("report_page.change.down", "Diff", abs, "Percent", "−"+report.Percent(l, percentOf(-diff, prev)))
	}
	return c
}

// percentOf is part as a whole per cent of whole, rounded half up.
func percentOf(part, whole int64) int64 { return (part*100 + whole/2) / whole }

// rowName names a row of a breakdown; occasions by the catalogue's names.
func rowName(l *i18n.Localizer, by parasat.Dimension, row *parasat.BreakdownRow) string {
	if by == parasat.ByOccasion && row.Key != "" {
		return occasionName(l, row.Key)
	}
	return report.RowLabel(l, by, row)
}

// tableFigures are the columns of a page's table of breakdown by: the
// figures that mean something for the filter and the dimension, the split
// by kind left to the files.
func tableFigures(r *parasat.Report, by parasat.Dimension) []parasat.Figure {
	ok := r.Summary.Filter.Applicable() & by.Figures()
	var out []parasat.Figure
	for _, fig := range cardFigures {
		if ok.Has(fig) {
			out = append(out, fig)
		}
	}
	return out
}

func newTable(l *i18n.Localizer, r *parasat.Report, b *parasat.Breakdown) tableView {
	figs := tableFigures(r, b.By)
	t := tableView{ID: "table-" + string(b.By), Title: report.DimensionName(l, b.By), By: b.By,
		Head: []string{report.DimensionColumn(l, b.By)}}
	line := func(name string, f *parasat.Figures) []string {
		out := []string{name}
		for _, fig := range figs {
			out = append(out, shown(l, f, fig))
		}
		return out
	}
	for _, fig := range figs {
		t.Head = append(t.Head, report.FigureName(l, fig))
	}
	for i := range b.Rows {
		row := &b.Rows[i]
		if b.By != parasat.ByQuarter && b.By != parasat.ByMonth && row.IsEmpty() && row.Suppressed == 0 {
			continue // a region or organisation that did nothing; months stay, as a series
		}
		t.Rows = append(t.Rows, line(rowName(l, b.By, row), &row.Figures))
	}
	t.Total = line(report.Column(l, "total"), &b.Total)
	return t
}

// chartViews are the charts of the page — the value of help by month, the
// ranking of regions, the shares of the kinds of help — each with its data.
func chartViews(l *i18n.Localizer, r *parasat.Report, query string) []chartView {
	var out []chartView
	valueHead := []string{"", report.FigureName(l, chartFigure)}
	if b := r.Breakdown(parasat.ByMonth); b != nil {
		c := chartView{ID: "chart-months", Title: l.T("report.chart.by_month", "Figure", report.FigureName(l, chartFigure)),
			URL: "/reports/charts/months.svg?" + query, SVG: template.HTML(chart.Months(l, b, chartFigure, chart.Options{ID: "chart-months"})),
			Head: append([]string{report.DimensionColumn(l, parasat.ByMonth)}, valueHead[1:]...)}
		for i := range b.Rows {
			c.Rows = append(c.Rows, []string{rowName(l, b.By, &b.Rows[i]), shown(l, &b.Rows[i].Figures, chartFigure)})
		}
		out = append(out, c)
	}
	if b := r.Breakdown(parasat.ByRegion); b != nil {
		c := chartView{ID: "chart-regions", Title: l.T("report.chart.by_region", "Figure", report.FigureName(l, chartFigure)),
			URL: "/reports/charts/regions.svg?" + query, SVG: template.HTML(chart.Ranking(l, b, chartFigure, chart.Options{ID: "chart-regions"})),
			Head: append([]string{report.DimensionColumn(l, parasat.ByRegion)}, valueHead[1:]...)}
		for _, row := range ranked(l, b) {
			c.Rows = append(c.Rows, []string{rowName(l, b.By, row), shown(l, &row.Figures, chartFigure)})
		}
		out = append(out, c)
	}
	kinds := chartView{ID: "chart-kinds", Title: l.T("report.chart.kinds"), URL: "/reports/charts/kinds.svg?" + query,
		SVG:  template.HTML(chart.Kinds(l, &r.Summary.Figures, chart.Options{ID: "chart-kinds"})),
		Head: []string{report.DimensionColumn(l, parasat.ByKind), report.FigureName(l, chartFigure), l.T("report_page.share")}}
	values, hidden := make([]int64, len(parasat.KindsOfHelp)), false
	for i, k := range parasat.KindsOfHelp {
		v, ok := r.Summary.Get(parasat.KindFigure(k))
		values[i], hidden = v, hidden || !ok
	}
	shares := report.Shares(values)
	for i, k := range parasat.KindsOfHelp {
		share := report.Percent(l, shares[i])
		if hidden {
			share = "—" // shares of what is left would mislead, as the chart says
		}
		kinds.Rows = append(kinds.Rows, []string{report.KindName(l, k), shown(l, &r.Summary.Figures, parasat.KindFigure(k)), share})
	}
	return append(out, kinds)
}

// ranked orders a breakdown's rows as chart.Ranking draws them: the
// largest value first, suppressed rows last by name, rows of nothing left out.
func ranked(l *i18n.Localizer, b *parasat.Breakdown) []*parasat.BreakdownRow {
	var out []*parasat.BreakdownRow
	for i := range b.Rows {
		if v, ok := b.Rows[i].Get(chartFigure); !ok || v != 0 {
			out = append(out, &b.Rows[i])
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		vi, oki := out[i].Get(chartFigure)
		vj, okj := out[j].Get(chartFigure)
		if oki != okj {
			return oki
		}
		if !oki {
			return rowName(l, b.By, out[i]) < rowName(l, b.By, out[j])
		}
		return vi > vj
	})
	return out
}
