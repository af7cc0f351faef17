package http

import (
	"html/template"
	"sort"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
	"github.com/parasat-kz/parasat/report"
)

// How the results page, the front page and the dashboards show figures:
// large cards, tables of figures and charts. Every value is read through
// Figures.Get, so a suppressed one shows the mark "fewer than 5" and never
// its number; nothing here counts anything.

// resultCard is one figure shown large: its value, formatted, or the mark
// of a suppressed figure.
type resultCard struct {
	Figure parasat.Figure
	Label  string
	Value  string
	Hidden bool
}

// headlineFigures are the figures of the front page.
var headlineFigures = []parasat.Figure{parasat.FigEvents, parasat.FigPeopleHelped, parasat.FigAidValue,
	parasat.FigMoneyRaised, parasat.FigVolunteers, parasat.FigVolunteerHours}

// resultFigures are the figures of the results page and the dashboards.
var resultFigures = []parasat.Figure{parasat.FigEvents, parasat.FigPeopleHelped, parasat.FigFamiliesHelped,
	parasat.FigAidValue, parasat.FigMoneyRaised, parasat.FigPatrons, parasat.FigVolunteers, parasat.FigVolunteerHours}

func figureCards(l *i18n.Localizer, f *parasat.Figures, figs []parasat.Figure) []resultCard {
	out := make([]resultCard, len(figs))
	for i, fig := range figs {
		c := figureCell(l, f, fig)
		out[i] = resultCard{Figure: fig, Label: report.FigureName(l, fig), Value: c.Text, Hidden: c.Hidden}
	}
	return out
}

// valueCell is one value of a table of figures.
type valueCell struct {
	Text   string
	Hidden bool // suppressed: Text is the mark
}

func figureCell(l *i18n.Localizer, f *parasat.Figures, fig parasat.Figure) valueCell {
	v, ok := f.Get(fig)
	if !ok {
		return valueCell{Text: report.SuppressedMark(l), Hidden: true}
	}
	return valueCell{Text: report.Value(l, fig, v)}
}

// figureRow is a row of a table of figures: its label (a link when Href is
// set) and a cell per column.
type figureRow struct {
	Label, Href string
	Cells       []valueCell
}

// figureTable is a table of figures: the caption, the header of the first
// column and of every figure, the rows and a total.
type figureTable struct {
	Caption, First string
	Columns        []string
	Rows           []figureRow
	Total          *figureRow
}

// breakdownTable shows figs of every row of b, with b's total; href, when
// not nil, links a row's label.
func breakdownTable(l *i18n.Localizer, b *parasat.Breakdown, figs []parasat.Figure, href func(*parasat.BreakdownRow) string) figureTable {
	t := figureTable{Caption: report.DimensionName(l, b.By), First: report.DimensionColumn(l, b.By)}
	for _, fig := range figs {
		t.Columns = append(t.Columns, report.FigureName(l, fig))
	}
	row := func(label string, f *parasat.Figures) figureRow {
		r := figureRow{Label: label}
		for _, fig := range figs {
			r.Cells = append(r.Cells, figureCell(l, f, fig))
		}
		return r
	}
	for i := range b.Rows {
		r := row(report.RowLabel(l, b.By, &b.Rows[i]), &b.Rows[i].Figures)
		if href != nil {
			r.Href = href(&b.Rows[i])
		}
		t.Rows = append(t.Rows, r)
	}
	total := row(report.Column(l, "total"), &b.Total)
	t.Total = &total
	return t
}

// topRows returns a copy of b with at most n rows, those with the most of
// fig first and suppressed rows last (by key, so that their place tells
// nothing of their value), leaving out rows where fig and events are zero.
// It is applied after suppression, to what may be shown: fewer rows never
// reveal more.
func topRows(b *parasat.Breakdown, fig parasat.Figure, n int) *parasat.Breakdown {
	out := *b
	out.Rows = nil
	for _, r := range b.Rows {
		if v, ok := r.Get(fig); !ok || v != 0 || r.Events != 0 {
			out.Rows = append(out.Rows, r)
		}
	}
	sort.SliceStable(out.Rows, func(i, j int) bool {
		a, aok := out.Rows[i].Get(fig)
		c, cok := out.Rows[j].Get(fig)
		switch {
		case aok != cok:
			return aok
		case !aok:
			return out.Rows[i].Key < out.Rows[j].Key
		case a != c:
			return a > c
		}
		return out.Rows[i].Events > out.Rows[j].Events
	})
	if len(out.Rows) > n {
		out.Rows = out.Rows[:n]
	}
	return &out
}

// kindsTable shows the value of each kind of help and its share of the
// whole; shares are left out when a kind is suppressed, as the chart does.
func kindsTable(l *i18n.Localizer, f *parasat.Figures) figureTable {
	t := figureTable{Caption: report.DimensionName(l, parasat.ByKind), First: report.DimensionColumn(l, parasat.ByKind),
		Columns: []string{report.Column(l, "value"), l.T("results.share")}}
	values := make([]int64, len(parasat.KindsOfHelp))
	shares := true
	for i, k := range parasat.KindsOfHelp {
		v, ok := f.Get(parasat.KindFigure(k))
		values[i], shares = v, shares && ok
	}
	pct := report.Shares(values)
	if total, ok := f.Get(parasat.FigAidValue); !ok || total == 0 {
		shares = false
	}
	for i, k := range parasat.KindsOfHelp {
		r := figureRow{Label: report.KindName(l, k), Cells: []valueCell{figureCell(l, f, parasat.KindFigure(k)), {}}}
		if shares {
			r.Cells[1].Text = report.Percent(l, pct[i])
		}
		t.Rows = append(t.Rows, r)
	}
	total := figureRow{Label: report.Column(l, "total"), Cells: []valueCell{figureCell(l, f, parasat.FigAidValue), {}}}
	t.Total = &total
	return t
}

// svg marks a chart drawn by report/chart as safe to inline: the package
// escapes every text it writes.
func svg(b []byte) template.HTML { return template.HTML(b) }

// hides reports whether the table shows the mark of a suppressed figure,
// so that the page explains it.
func (t *figureTable) hides() bool {
	rows := t.Rows
	if t.Total != nil {
		rows = append(rows[:len(rows):len(rows)], *t.Total)
	}
	for _, r := range rows {
		for _, c := range r.Cells {
			if c.Hidden {
				return true
			}
		}
	}
	return false
}

// cardsHide reports whether a card shows the mark of a suppressed figure.
func cardsHide(cards []resultCard) bool {
	for _, c := range cards {
		if c.Hidden {
			return true
		}
	}
	return false
}
