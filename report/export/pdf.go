package export

import (
	"io"
	"strings"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
	"github.com/parasat-kz/parasat/pdf"
	"github.com/parasat-kz/parasat/report"
)

// PDF writes r as an A4 document in l's language, for the press, the
// Assembly's session and patrons: the statement first (the text people
// copy), the summary figures with the same period last year, the charts
// drawn as vectors, a table per breakdown and the definitions of the
// figures. Every page's header names the report, its subject, the period
// and the filters. today is the day the statement speaks from ("since the
// beginning of the year") and the document's date, so the same report
// made on the same day gives the same bytes.
func PDF(w io.Writer, l *i18n.Localizer, r *parasat.Report, today parasat.Date) error {
	doc := pdf.New(pdfHeader(l, r, today), today.Time)
	if st := report.Write(l, r, today); len(st.Sentences) > 0 {
		doc.Paragraph(st.Text())
	} else {
		doc.Paragraph(l.T("report.chart.empty"))
	}
	summaryTable(doc, l, r)
	charts(doc, l, r)
	for i := range r.Breakdowns {
		breakdownTable(doc, l, r, &r.Breakdowns[i])
	}
	doc.Heading(l.T("report.sheet.definitions"))
	defs := report.Definitions(l)
	facts := make([][2]string, len(defs))
	for i, d := range defs {
		facts[i] = [2]string{d.Term, d.Text}
	}
	doc.Facts(facts)
	return doc.Write(w)
}

// pdfHeader is the report's title and subject, then the period in words,
// the filters and the day it was made.
func pdfHeader(l *i18n.Localizer, r *parasat.Report, today parasat.Date) pdf.Header {
	title := report.Title(l)
	if subject := r.Subject.Best(l.Lang()); subject != "" {
		title += " — " + subject
	}
	details := []string{report.Column(l, "period") + ": " + report.PeriodText(l, r.Summary.Filter.Period)}
	for _, f := range filterLines(l, r) {
		details = append(details, f[0]+": "+f[1])
	}
	details = append(details, report.Prepared(l, today))
	return pdf.Header{Organisation: title, Details: strings.Join(details, " · "), PageLabel: l.T("pdf.page")}
}

// indent sets the kinds of help under the value of help they split.
const indent = "\u00a0\u00a0\u00a0\u00a0"

// summaryTable lists the figures that apply to the filter, with the same
// period last year when the report has it.
func summaryTable(doc *pdf.Document, l *i18n.Localizer, r *parasat.Report) {
	doc.Heading(l.T("report.sheet.summary"))
	t := pdf.Table{Header: []string{report.Column(l, "figure"), report.Column(l, "value")}, Right: []bool{false, true, true}, Keys: 1}
	if r.LastYear != nil {
		t.Header = append(t.Header, report.Column(l, "last_year"))
	}
	for _, fig := range figuresOf(r, "") {
		name := report.FigureName(l, fig)
		if fig.Kind() != "" {
			name = indent + name
		}
		row := []string{name, shownValue(l, &r.Summary.Figures, fig)}
		if r.LastYear != nil {
			row = append(row, shownValue(l, &r.LastYear.Figures, fig))
		}
		t.Rows = append(t.Rows, row)
	}
	doc.WriteTable(t)
}

// breakdownTable writes a breakdown's rows with the figures of its
// dimension that apply to the filter, and its total.
func breakdownTable(doc *pdf.Document, l *i18n.Localizer, r *parasat.Report, b *parasat.Breakdown) {
	figs := figuresOf(r, b.By)
	t := pdf.Table{Header: []string{report.DimensionColumn(l, b.By)}, Right: []bool{false}, Keys: 1,
		Rows: make([][]string, len(b.Rows)), Total: []string{report.Column(l, "total")}}
	for _, fig := range figs {
		t.Header = append(t.Header, report.FigureName(l, fig))
		t.Right = append(t.Right, true)
		t.Total = append(t.Total, shownValue(l, &b.Total, fig))
	}
	for i := range b.Rows {
		row := &b.Rows[i]
		cells := make([]string, 1, len(figs)+1)
		cells[0] = report.RowLabel(l, b.By, row)
		for _, fig := range figs {
			cells = append(cells, shownValue(l, &row.Figures, fig))
		}
		t.Rows[i] = cells
	}
	doc.Heading(report.DimensionName(l, b.By))
	doc.WriteTable(t)
}

// shownValue is a figure as people read it ("2 300 000 ₸"), or the mark
// of a suppressed one: values are read through Get, never Value.
func shownValue(l *i18n.Localizer, f *parasat.Figures, fig parasat.Figure) string {
	v, ok := f.Get(fig)
	if !ok {
		return report.SuppressedMark(l)
	}
	return report.Value(l, fig, v)
}
