package report

import (
	"strconv"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
)

// RowLabel names a row of a breakdown in l's language: "Q1 2019",
// "March 2019", a region's, organisation's or occasion's name, a category
// or a kind of help.
func RowLabel(l *i18n.Localizer, by parasat.Dimension, r *parasat.BreakdownRow) string {
	switch by {
	case parasat.ByQuarter, parasat.ByMonth:
		if r.Period != nil {
			if by == parasat.ByQuarter {
				return QuarterName(l, r.Period.From)
			}
			return MonthName(l, r.Period.From)
		}
	case parasat.ByCategory:
		return l.T("category." + r.Key)
	case parasat.ByKind:
		return KindName(l, parasat.KindOfHelp(r.Key))
	case parasat.ByOccasion:
		if r.Key == "" {
			return l.T("report.no_occasion")
		}
	}
	if s := r.Name.Best(l.Lang()); s != "" {
		return s
	}
	return r.Key
}

// PeriodText writes a period's days in words for a heading: "1 қаңтар –
// 25 сәуір 2019", "1 января – 25 апреля 2019", "1 January – 25 April
// 2019"; the year is written once when both ends share it, one day is
// one date.
func PeriodText(l *i18n.Localizer, p parasat.Period) string {
	to := l.Date(p.To.Time)
	switch {
	case p.From.Equal(p.To.Time):
		return to
	case p.From.Year() == p.To.Year():
		return strconv.Itoa(p.From.Day()) + " " + l.MonthInDate(p.From.Month()) + " – " + to
	}
	return l.Date(p.From.Time) + " – " + to
}

// Value formats a figure's value in full, as tables show it: money with
// i18n's Money ("2 300 000 ₸"), hours as hours, counts with Number.
func Value(l *i18n.Localizer, fig parasat.Figure, v int64) string {
	switch fig.Unit() {
	case parasat.UnitTiyn:
		return l.Money(v)
	case parasat.UnitMinutes:
		return Hours(l, v)
	}
	return l.Number(v)
}

// Compact formats a value short enough for a chart's axis or the end of a
// bar: "2,3 млн ₸", "14 мың ₸", "14k ₸", "1 200". Money is cut down like
// in the statement, to at most one decimal.
func Compact(l *i18n.Localizer, fig parasat.Figure, v int64) string {
	switch fig.Unit() {
	case parasat.UnitMinutes:
		return Hours(l, v)
	case parasat.UnitCount:
		return l.Number(v)
	}
	if v < 0 {
		return "−" + Compact(l, fig, -v)
	}
	s := speak(v)
	if s.scale == 0 {
		return l.Number(s.whole) + nbsp + "₸"
	}
	units := map[parasat.Language][4]string{
		parasat.Kazakh:  {1: "мың", 2: "млн", 3: "млрд"},
		parasat.Russian: {1: "тыс.", 2: "млн", 3: "млрд"},
		parasat.English: {1: "k", 2: "m", 3: "bn"},
	}[l.Lang()]
	num := l.Number(s.whole)
	if s.tenths != 0 {
		num = s.decimal(l)
	}
	if l.Lang() == parasat.English {
		return num + units[s.scale] + nbsp + "₸"
	}
	return num + nbsp + units[s.scale] + nbsp + "₸"
}

// Shares divides 100 per cent among values in proportion, as whole per
// cents that add up to exactly 100 (largest remainder first); all zero
// gives all zero.
func Shares(values []int64) []int64 {
	var total int64
	for _, v := range values {
		total += max(v, 0)
	}
	out := make([]int64, len(values))
	if total == 0 {
		return out
	}
	type rest struct {
		i int
		r int64
	}
	var given int64
	rests := make([]rest, len(values))
	for i, v := range values {
		v = max(v, 0)
		out[i] = v * 100 / total
		given += out[i]
		rests[i] = rest{i, v * 100 % total}
	}
	for given < 100 {
		best := -1
		for j, r := range rests {
			if best < 0 || r.r > rests[best].r {
				best = j
			}
		}
		out[rests[best].i]++
		rests[best].r = -1
		given++
	}
	return out
}

// Percent formats a whole per cent: "45 %" in Kazakh and Russian, "45%"
// in English.
func Percent(l *i18n.Localizer, p int64) string {
	if l.Lang() == parasat.English {
		return strconv.FormatInt(p, 10) + "%"
	}
	return strconv.FormatInt(p, 10) + nbsp + "%"
}
