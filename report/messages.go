package report

import (
	"strconv"
	"strings"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
)

// The catalogue messages of reports (i18n/locales/reports.*.json): names
// and definitions of the figures, names of the breakdowns and their
// columns, months and quarters, chart titles. Each is reached through a
// function here, and MessageKeys lists them all.

var monthKeys = [...]string{"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"}

// FigureName is the short name of a figure, for column headers and charts.
func FigureName(l *i18n.Localizer, f parasat.Figure) string { return l.T("report.fig." + string(f)) }

// KindName is the name of a kind of help.
func KindName(l *i18n.Localizer, k parasat.KindOfHelp) string {
	return FigureName(l, parasat.KindFigure(k))
}

// DimensionName is the title of a breakdown ("By month"), also its sheet.
func DimensionName(l *i18n.Localizer, d parasat.Dimension) string {
	return l.T("report.dim." + string(d))
}

// DimensionColumn is the header of a breakdown's first column ("Month").
func DimensionColumn(l *i18n.Localizer, d parasat.Dimension) string {
	return l.T("report.col." + string(d))
}

// Column is a header of the report tables: figure, value, last_year,
// definition, from, to, code, name, total, period.
func Column(l *i18n.Localizer, name string) string { return l.T("report.col." + name) }

// MonthName is "March 2019"; ShortMonth is "Mar" for a chart's axis.
func MonthName(l *i18n.Localizer, d parasat.Date) string {
	return l.T("report.month."+monthKeys[d.Month()-1], "Year", strconv.Itoa(d.Year()))
}

// ShortMonth is the abbreviated name of the month of d.
func ShortMonth(l *i18n.Localizer, d parasat.Date) string {
	return l.T("report.month_short." + monthKeys[d.Month()-1])
}

// QuarterName is "Q1 2019".
func QuarterName(l *i18n.Localizer, d parasat.Date) string {
	q := (int(d.Month())-1)/3 + 1
	return l.T("report.quarter", "Quarter", strconv.Itoa(q), "Year", strconv.Itoa(d.Year()))
}

// SuppressedMark is shown instead of a suppressed figure.
func SuppressedMark(l *i18n.Localizer) string { return l.T("report.suppressed_mark") }

// Title is the title of a report.
func Title(l *i18n.Localizer) string { return l.T("report.title") }

// Prepared says when a document was made: "Prepared on 25 April 2019".
func Prepared(l *i18n.Localizer, day parasat.Date) string {
	return l.T("report.prepared", "Date", l.Date(day.Time))
}

// Definition is one term of the report page's definitions.
type Definition struct {
	Term string
	Text string
}

var definedTerms = []string{"period", "events", "people_helped", "families_helped", "aid_value_tiyn",
	"money_raised_tiyn", "patrons", "volunteers", "volunteer_hours", "region", "organisation", "suppressed"}

// Definitions returns the definition of every figure (FIGURES.md), of the
// period and the filters, and of suppression, in l's language.
func Definitions(l *i18n.Localizer) []Definition {
	out := make([]Definition, len(definedTerms))
	for i, t := range definedTerms {
		term := "report.fig." + t
		switch t {
		case "period":
			term = "report.col.period"
		case "region", "organisation":
			term = "report.col." + t
		case "suppressed":
			term = "report.suppressed_mark"
		}
		out[i] = Definition{Term: l.T(term), Text: l.T("report.def." + t)}
	}
	return out
}

// Hours formats minutes as hours for a chart: "1 200 h", "1 200 ч".
func Hours(l *i18n.Localizer, minutes int64) string {
	return l.T("report.unit.hours", "Hours", l.Number(minutes/60))
}

// MessageKeys lists every catalogue key the report packages use, for the
// test that checks the catalogues hold exactly the keys in use.
func MessageKeys() []string {
	keys := []string{"report.title", "report.quarter", "report.no_occasion", "report.suppressed_mark",
		"report.unit.hours", "report.sheet.summary", "report.sheet.definitions",
		"report.chart.by_month", "report.chart.by_region", "report.chart.kinds", "report.chart.desc", "report.chart.empty",
		"report.chart.hidden", "report.prepared"}
	for _, f := range parasat.AllFigures {
		keys = append(keys, "report.fig."+string(f))
	}
	for _, t := range definedTerms {
		keys = append(keys, "report.def."+t)
	}
	for _, d := range parasat.Dimensions {
		keys = append(keys, "report.dim."+string(d), "report.col."+string(d))
	}
	for _, c := range []string{"figure", "value", "last_year", "definition", "from", "to", "code", "name", "total", "period"} {
		keys = append(keys, "report.col."+c)
	}
	for _, m := range monthKeys {
		keys = append(keys, "report.month."+m, "report.month_short."+m)
	}
	return keys
}

// isReportKey reports whether key belongs to the reports catalogue.
func isReportKey(key string) bool { return strings.HasPrefix(key, "report.") }
