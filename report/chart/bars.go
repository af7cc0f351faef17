package chart

import (
	"sort"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
	"github.com/parasat-kz/parasat/report"
)

// Months draws fig of a breakdown by month (or by quarter) as vertical
// bars over a value axis, the months along the bottom.
func Months(l *i18n.Localizer, b *parasat.Breakdown, fig parasat.Figure, opt Options) []byte {
	title := l.T("report.chart.by_month", "Figure", report.FigureName(l, fig))
	bars := make([]bar, len(b.Rows))
	for i := range b.Rows {
		r := &b.Rows[i]
		v, ok := r.Get(fig)
		bars[i] = bar{label: report.RowLabel(l, b.By, r), value: v, shown: ok, color: barColor}
		bars[i].short = bars[i].label
		if b.By == parasat.ByMonth && r.Period != nil {
			bars[i].short = report.ShortMonth(l, r.Period.From)
		}
	}
	total, totalShown := b.Total.Get(fig)
	desc, any := describe(l, fig, bars, total, totalShown)
	if !any {
		return empty(opt.ID, title, desc)
	}
	var highest int64
	for _, br := range bars {
		if br.shown {
			highest = max(highest, br.value)
		}
	}
	top, step := niceCeiling(highest)
	const left, right, plotTop, plotH, bottom = 84.0, 8.0, 12.0, 180.0, 28.0
	s := svg{height: plotTop + plotH + bottom}
	s.open(opt.ID, title, desc)
	for v := int64(0); v <= top; v += step {
		y := plotTop + plotH - float64(v)/float64(top)*plotH
		s.line(left, y, width-right, y)
		s.textSized(left-6, y+4, "end", "tick", report.Compact(l, fig, v), 11)
	}
	slot := (width - left - right) / float64(len(bars))
	small := fontSize
	switch {
	case slot < 24:
		small = 9
	case slot < 34:
		small = 11
	}
	for i, br := range bars {
		x := left + float64(i)*slot
		if br.shown && br.value > 0 {
			h := float64(br.value) / float64(top) * plotH
			s.rect(x+slot*0.15, plotTop+plotH-h, slot*0.7, h, br.color, report.Value(l, fig, br.value), br.label+": "+report.Value(l, fig, br.value))
		}
		s.textSized(x+slot/2, plotTop+plotH+18, "middle", "label", br.short, small)
	}
	return s.close()
}

// Ranking draws fig of any breakdown (regions, organisations, occasions)
// as horizontal bars, largest first, each with its name above it and its
// value at its end. Suppressed rows come last, marked, without a bar.
func Ranking(l *i18n.Localizer, b *parasat.Breakdown, fig parasat.Figure, opt Options) []byte {
	title := l.T("report.chart.by_region", "Figure", report.FigureName(l, fig))
	if b.By != parasat.ByRegion {
		title = report.FigureName(l, fig) + ": " + report.DimensionName(l, b.By)
	}
	bars := make([]bar, 0, len(b.Rows))
	for i := range b.Rows {
		r := &b.Rows[i]
		v, ok := r.Get(fig)
		if ok && v == 0 {
			continue // a ranking leaves out who did nothing
		}
		bars = append(bars, bar{label: report.RowLabel(l, b.By, r), value: v, shown: ok, color: barColor})
	}
	// Largest first; hidden rows last, by name, so that their place tells
	// nothing of their value.
	sort.SliceStable(bars, func(i, j int) bool {
		if bars[i].shown != bars[j].shown {
			return bars[i].shown
		}
		if !bars[i].shown {
			return bars[i].label < bars[j].label
		}
		return bars[i].value > bars[j].value
	})
	total, totalShown := b.Total.Get(fig)
	return horizontal(l, fig, bars, total, totalShown, title, opt)
}

// Kinds draws the shares of the kinds of help in the value of aid, as
// horizontal bars labelled with the kind and its share in per cent.
func Kinds(l *i18n.Localizer, f *parasat.Figures, opt Options) []byte {
	title := l.T("report.chart.kinds")
	values := make([]int64, len(parasat.KindsOfHelp))
	bars := make([]bar, len(parasat.KindsOfHelp))
	for i, k := range parasat.KindsOfHelp {
		v, ok := f.Get(parasat.KindFigure(k))
		values[i] = v
		bars[i] = bar{label: report.KindName(l, k), value: v, shown: ok, color: kindColors[k]}
	}
	if !hidesAny(bars) {
		for i, p := range report.Shares(values) {
			bars[i].note = report.Percent(l, p)
		}
	}
	total, totalShown := f.Get(parasat.FigAidValue)
	return horizontal(l, parasat.FigAidValue, bars, total, totalShown, title, opt)
}

// hidesAny reports whether a bar is suppressed: shares of what is left
// would mislead, so none are shown.
func hidesAny(bars []bar) bool {
	for _, b := range bars {
		if !b.shown {
			return true
		}
	}
	return false
}

// horizontal draws bars one under another: label line, then the bar with
// its value (and note) after it.
func horizontal(l *i18n.Localizer, fig parasat.Figure, bars []bar, total int64, totalShown bool, title string, opt Options) []byte {
	desc, any := describe(l, fig, bars, total, totalShown)
	if !any {
		return empty(opt.ID, title, desc)
	}
	var highest int64
	for _, br := range bars {
		if br.shown {
			highest = max(highest, br.value)
		}
	}
	const rowH, barH, left, valueRoom = 40.0, 14.0, 4.0, 110.0
	s := svg{height: float64(len(bars))*rowH + 8}
	s.open(opt.ID, title, desc)
	for i, br := range bars {
		y := float64(i)*rowH + 4
		s.text(left, y+fontSize, "start", "label", br.label)
		if !br.shown {
			s.text(left, y+18+barH-3, "start", "suppressed", report.SuppressedMark(l))
			continue
		}
		w := float64(br.value) / float64(highest) * (width - left - valueRoom)
		value := report.Value(l, fig, br.value)
		if br.value > 0 {
			s.rect(left, y+18, w, barH, br.color, value, br.label+": "+value)
		}
		end := report.Compact(l, fig, br.value)
		if br.note != "" {
			end = br.note + " · " + end
		}
		s.text(left+w+6, y+18+barH-3, "start", "value", end)
	}
	return s.close()
}
