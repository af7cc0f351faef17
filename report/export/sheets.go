package export

import (
	"github.com/xuri/excelize/v2"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/report"
)

// summary writes the first sheet: title, period and filters, then every
// figure with the same period last year.
func (b *book) summary() error {
	l, s := b.l, &b.r.Summary
	sw, err := b.sheet(l.T("report.sheet.summary"), []float64{34, 18, 18})
	if err != nil {
		return err
	}
	filters := filterLines(l, b.r)
	header := 4 + len(filters)
	if err := freeze(sw, 0, header); err != nil {
		return err
	}
	title := report.Title(l)
	if subject := b.r.Subject.Best(l.Lang()); subject != "" {
		title += " — " + subject
	}
	n := 1
	if err := row(sw, n, b.text(title, b.st.title)); err != nil {
		return err
	}
	n++
	p := s.Filter.Period
	if err := row(sw, n, b.text(report.Column(l, "period"), b.st.bold), b.dateCell(p.From), b.dateCell(p.To)); err != nil {
		return err
	}
	for _, fl := range filters {
		n++
		if err := row(sw, n, b.text(fl[0], b.st.bold), b.text(fl[1], b.st.text)); err != nil {
			return err
		}
	}
	n = header
	head := []excelize.Cell{b.text(report.Column(l, "figure"), b.st.header), b.text(report.Column(l, "value"), b.st.header)}
	if b.r.LastYear != nil {
		head = append(head, b.text(report.Column(l, "last_year"), b.st.header))
	}
	if err := row(sw, n, head...); err != nil {
		return err
	}
	for _, fig := range figuresOf(b.r, "") {
		n++
		cells := []excelize.Cell{b.text(report.FigureName(l, fig), b.st.text), b.cell(&s.Figures, fig, false)}
		if b.r.LastYear != nil {
			cells = append(cells, b.cell(&b.r.LastYear.Figures, fig, false))
		}
		if err := row(sw, n, cells...); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// breakdown writes one sheet: a row per row of the breakdown, then the
// total. Time rows have their first and last day as dates; the others
// their code and name.
func (b *book) breakdown(bd *parasat.Breakdown) error {
	l := b.l
	figs := figuresOf(b.r, bd.By)
	widths := []float64{30, 12, 12}
	if !timeDimension(bd.By) {
		widths = []float64{12, 40}
	}
	keyCols := len(widths)
	for range figs {
		widths = append(widths, 16)
	}
	sw, err := b.sheet(report.DimensionName(l, bd.By), widths)
	if err != nil {
		return err
	}
	if err := freeze(sw, keyCols, 1); err != nil {
		return err
	}
	head := []excelize.Cell{b.text(report.DimensionColumn(l, bd.By), b.st.header),
		b.text(report.Column(l, "from"), b.st.header), b.text(report.Column(l, "to"), b.st.header)}
	if !timeDimension(bd.By) {
		head = []excelize.Cell{b.text(report.Column(l, "code"), b.st.header), b.text(report.DimensionColumn(l, bd.By), b.st.header)}
	}
	for _, fig := range figs {
		head = append(head, b.text(report.FigureName(l, fig), b.st.header))
	}
	if err := row(sw, 1, head...); err != nil {
		return err
	}
	cells := make([]excelize.Cell, 0, len(head))
	for i := range bd.Rows {
		r := &bd.Rows[i]
		cells = cells[:0]
		if timeDimension(bd.By) {
			p := rowPeriod(b.r, r)
			cells = append(cells, b.text(label(l, bd.By, r), b.st.text), b.dateCell(p.From), b.dateCell(p.To))
		} else {
			cells = append(cells, b.text(r.Key, b.st.text), b.text(label(l, bd.By, r), b.st.text))
		}
		for _, fig := range figs {
			cells = append(cells, b.cell(&r.Figures, fig, false))
		}
		if err := row(sw, i+2, cells...); err != nil {
			return err
		}
	}
	total := []excelize.Cell{b.text(report.Column(l, "total"), b.st.bold)}
	for len(total) < keyCols {
		total = append(total, excelize.Cell{})
	}
	for _, fig := range figs {
		total = append(total, b.cell(&bd.Total, fig, true))
	}
	if err := row(sw, len(bd.Rows)+2, total...); err != nil {
		return err
	}
	return sw.Flush()
}

// definitions writes what every figure counts (FIGURES.md).
func (b *book) definitions() error {
	l := b.l
	sw, err := b.sheet(l.T("report.sheet.definitions"), []float64{30, 100})
	if err != nil {
		return err
	}
	if err := freeze(sw, 0, 1); err != nil {
		return err
	}
	if err := row(sw, 1, b.text(report.Column(l, "figure"), b.st.header), b.text(report.Column(l, "definition"), b.st.header)); err != nil {
		return err
	}
	for i, d := range report.Definitions(l) {
		if err := row(sw, i+2, b.text(d.Term, b.st.bold), b.text(d.Text, b.st.wrap)); err != nil {
			return err
		}
	}
	return sw.Flush()
}
