package chart

import (
	"sort"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
	"github.com/parasat-kz/parasat/report"
)

// Plot is a chart before it is drawn: what it says, in one language. The
// SVG here and the PDF of report/export draw the same Plot, so that both
// show the same bars, in the same order, with the same words.
type Plot struct {
	Title string
	// Desc names the highest bar and the total, or says that every bar is
	// suppressed, or that there is nothing to show (then Empty is set and
	// no bar is drawn).
	Desc   string
	Empty  bool
	Figure parasat.Figure // what the bars measure
	Bars   []Bar
}

// Bar is one bar of a plot.
type Bar struct {
	Label string // the row's name: "March 2019", a region
	Short string // the name under a vertical bar: "Mar"
	Value int64  // in the figure's unit (tiyn, minutes, a count)
	Shown bool   // false when suppressed: the mark is drawn, no bar
	Color string // "#rrggbb"
	Note  string // written before the value at the bar's end (a share), or ""
}

// End is the text at the end of a horizontal bar, or above a vertical
// one: the value in short ("2,3 млн ₸"), after the note if any.
func (b Bar) End(l *i18n.Localizer, fig parasat.Figure) string {
	end := report.Compact(l, fig, b.Value)
	if b.Note != "" {
		end = b.Note + " · " + end
	}
	return end
}

// Highest is the largest value of a shown bar (0 when none is shown).
func (p *Plot) Highest() int64 {
	var h int64
	for _, b := range p.Bars {
		if b.Shown {
			h = max(h, b.Value)
		}
	}
	return h
}

// MonthPlot is fig of a breakdown by month (or by quarter) as vertical
// bars, one for every row, in time order.
func MonthPlot(l *i18n.Localizer, b *parasat.Breakdown, fig parasat.Figure) Plot {
	p := Plot{Title: l.T("report.chart.by_month", "Figure", report.FigureName(l, fig)), Figure: fig,
		Bars: make([]Bar, len(b.Rows))}
	for i := range b.Rows {
		r := &b.Rows[i]
		v, ok := r.Get(fig)
		p.Bars[i] = Bar{Label: report.RowLabel(l, b.By, r), Value: v, Shown: ok, Color: barColor}
		p.Bars[i].Short = p.Bars[i].Label
		if b.By == parasat.ByMonth && r.Period != nil {
			p.Bars[i].Short = report.ShortMonth(l, r.Period.From)
		}
	}
	p.describe(l, &b.Total)
	return p
}

// RankingPlot is fig of any breakdown (regions, organisations, occasions)
// as horizontal bars, largest first, leaving out rows of zero. Suppressed
// rows come last, by name, so that their place tells nothing of their
// value.
func RankingPlot(l *i18n.Localizer, b *parasat.Breakdown, fig parasat.Figure) Plot {
	p := Plot{Title: l.T("report.chart.by_region", "Figure", report.FigureName(l, fig)), Figure: fig,
		Bars: make([]Bar, 0, len(b.Rows))}
	if b.By != parasat.ByRegion {
		p.Title = report.FigureName(l, fig) + ": " + report.DimensionName(l, b.By)
	}
	for i := range b.Rows {
		r := &b.Rows[i]
		v, ok := r.Get(fig)
		if ok && v == 0 {
			continue // a ranking leaves out who did nothing
		}
		p.Bars = append(p.Bars, Bar{Label: report.RowLabel(l, b.By, r), Value: v, Shown: ok, Color: barColor})
	}
	bars := p.Bars
	sort.SliceStable(bars, func(i, j int) bool {
		if bars[i].Shown != bars[j].Shown {
			return bars[i].Shown
		}
		if !bars[i].Shown {
			return bars[i].Label < bars[j].Label
		}
		return bars[i].Value > bars[j].Value
	})
	p.describe(l, &b.Total)
	return p
}

// KindsPlot is the value of each kind of help as horizontal bars, each
// noted with its share of the value in per cent — unless a kind is
// suppressed, since shares of what is left would mislead.
func KindsPlot(l *i18n.Localizer, f *parasat.Figures) Plot {
	p := Plot{Title: l.T("report.chart.kinds"), Figure: parasat.FigAidValue, Bars: make([]Bar, len(parasat.KindsOfHelp))}
	values := make([]int64, len(parasat.KindsOfHelp))
	hidden := false
	for i, k := range parasat.KindsOfHelp {
		v, ok := f.Get(parasat.KindFigure(k))
		values[i] = v
		hidden = hidden || !ok
		p.Bars[i] = Bar{Label: report.KindName(l, k), Value: v, Shown: ok, Color: kindColors[k]}
	}
	if !hidden {
		for i, share := range report.Shares(values) {
			p.Bars[i].Note = report.Percent(l, share)
		}
	}
	p.describe(l, f)
	return p
}

// describe writes the plot's description: the highest shown bar and the
// total of the figure, or that there is nothing to show.
func (p *Plot) describe(l *i18n.Localizer, total *parasat.Figures) {
	best := -1
	for i, b := range p.Bars {
		if b.Shown && b.Value > 0 && (best < 0 || b.Value > p.Bars[best].Value) {
			best = i
		}
	}
	if best < 0 {
		for _, b := range p.Bars {
			if !b.Shown { // there are results, too small to show: not "nothing"
				p.Desc = l.T("report.chart.hidden")
				return
			}
		}
		p.Desc, p.Empty = l.T("report.chart.empty"), true
		return
	}
	t := report.SuppressedMark(l)
	if v, ok := total.Get(p.Figure); ok {
		t = report.Value(l, p.Figure, v)
	}
	p.Desc = l.T("report.chart.desc", "Label", p.Bars[best].Label, "Value", report.Value(l, p.Figure, p.Bars[best].Value), "Total", t)
}

// NiceCeiling returns a round number ≥ v for the top of a value axis, and
// the step of its four gridlines: 1, 2, 2.5 or 5 times a power of ten.
func NiceCeiling(v int64) (top, step int64) {
	if v <= 0 {
		return 4, 1
	}
	for p := int64(1); ; p *= 10 {
		for _, s := range []int64{p, 2 * p, 5 * p / 2, 5 * p} {
			if s*4 >= v {
				return 4 * s, s
			}
		}
	}
}
