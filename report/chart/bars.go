package chart

import (
	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
	"github.com/parasat-kz/parasat/report"
)

// Months draws fig of a breakdown by month (or by quarter) as vertical
// bars over a value axis, the months along the bottom.
func Months(l *i18n.Localizer, b *parasat.Breakdown, fig parasat.Figure, opt Options) []byte {
	p := MonthPlot(l, b, fig)
	if p.Empty {
		return empty(opt.ID, p.Title, p.Desc)
	}
	top, step := NiceCeiling(p.Highest())
	const left, right, plotTop, plotH, bottom = 84.0, 8.0, 12.0, 180.0, 28.0
	s := svg{height: plotTop + plotH + bottom}
	s.open(opt.ID, p.Title, p.Desc)
	for v := int64(0); v <= top; v += step {
		y := plotTop + plotH - float64(v)/float64(top)*plotH
		s.line(left, y, width-right, y)
		s.textSized(left-6, y+4, "end", "tick", report.Compact(l, fig, v), 11)
	}
	slot := (width - left - right) / float64(len(p.Bars))
	small := fontSize
	switch {
	case slot < 24:
		small = 9
	case slot < 34:
		small = 11
	}
	for i, br := range p.Bars {
		x := left + float64(i)*slot
		if br.Shown && br.Value > 0 {
			h := float64(br.Value) / float64(top) * plotH
			value := report.Value(l, fig, br.Value)
			s.rect(x+slot*0.15, plotTop+plotH-h, slot*0.7, h, br.Color, value, br.Label+": "+value)
		}
		s.textSized(x+slot/2, plotTop+plotH+18, "middle", "label", br.Short, small)
	}
	return s.close()
}

// Ranking draws fig of any breakdown (regions, organisations, occasions)
// as horizontal bars, largest first, each with its name above it and its
// value at its end. Suppressed rows come last, marked, without a bar.
func Ranking(l *i18n.Localizer, b *parasat.Breakdown, fig parasat.Figure, opt Options) []byte {
	return horizontal(l, RankingPlot(l, b, fig), opt)
}

// Kinds draws the shares of the kinds of help in the value of aid, as
// horizontal bars labelled with the kind and its share in per cent.
func Kinds(l *i18n.Localizer, f *parasat.Figures, opt Options) []byte {
	return horizontal(l, KindsPlot(l, f), opt)
}

// horizontal draws bars one under another: label line, then the bar with
// its value (and note) after it.
func horizontal(l *i18n.Localizer, p Plot, opt Options) []byte {
	if p.Empty {
		return empty(opt.ID, p.Title, p.Desc)
	}
	highest := p.Highest()
	const rowH, barH, left, valueRoom = 40.0, 14.0, 4.0, 110.0
	s := svg{height: float64(len(p.Bars))*rowH + 8}
	s.open(opt.ID, p.Title, p.Desc)
	for i, br := range p.Bars {
		y := float64(i)*rowH + 4
		s.text(left, y+fontSize, "start", "label", br.Label)
		if !br.Shown {
			s.text(left, y+18+barH-3, "start", "suppressed", report.SuppressedMark(l))
			continue
		}
		w := float64(br.Value) / float64(highest) * (width - left - valueRoom)
		if br.Value > 0 {
			value := report.Value(l, p.Figure, br.Value)
			s.rect(left, y+18, w, barH, br.Color, value, br.Label+": "+value)
		}
		s.text(left+w+6, y+18+barH-3, "start", "value", br.End(l, p.Figure))
	}
	return s.close()
}
