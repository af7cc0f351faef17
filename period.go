package parasat

import (
	"strings"
	"time"
)

// Period is a span of calendar days in Kazakhstan, From and To both
// included (FIGURES.md): the unit every report is asked for.
type Period struct {
	From Date `json:"from" format:"date" doc:"First day, included (YYYY-MM-DD)"`
	To   Date `json:"to" format:"date" doc:"Last day, included (YYYY-MM-DD)"`
}

// PeriodKind names the shape of a period, which decides how statements and
// exports speak of it ("in the first quarter of 2019", "in March 2019").
type PeriodKind string

const (
	PeriodDay     PeriodKind = "day"     // one day
	PeriodMonth   PeriodKind = "month"   // a whole calendar month
	PeriodQuarter PeriodKind = "quarter" // a whole calendar quarter
	PeriodYear    PeriodKind = "year"    // a whole calendar year
	PeriodCustom  PeriodKind = "custom"  // anything else, year to date included
)

// Bounds of a sensible period. Parasat's oldest records are the 2019
// archive and the Law "On Charity" dates from 2015; a period starting before
// 2000 or reaching past the end of next year is a typing mistake.
var earliestReportDay = DateOf(2000, time.January, 1)

// DateOf returns the calendar day y-m-d; out-of-range values normalise the
// way time.Date does.
func DateOf(y int, m time.Month, d int) Date {
	return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// AddDays returns the day n days after d (before, for negative n).
func (d Date) AddDays(n int) Date { return Date{d.AddDate(0, 0, n)} }

// YearToDate is 1 January of today's year to today.
func YearToDate(today Date) Period {
	return Period{From: DateOf(today.Year(), time.January, 1), To: today}
}

// YearPeriod is the whole calendar year.
func YearPeriod(year int) Period {
	return Period{From: DateOf(year, time.January, 1), To: DateOf(year, time.December, 31)}
}

// QuarterPeriod is the calendar quarter q (1–4) of year.
func QuarterPeriod(year, q int) Period {
	from := DateOf(year, time.Month(3*(q-1)+1), 1)
	return Period{From: from, To: Date{from.AddDate(0, 3, -1)}}
}

// MonthPeriod is the calendar month m of year.
func MonthPeriod(year int, m time.Month) Period {
	from := DateOf(year, m, 1)
	return Period{From: from, To: Date{from.AddDate(0, 1, -1)}}
}

// ParsePeriod reads the from and to of a query (YYYY-MM-DD). Both empty
// means the year to date; only from means from that day to today; only to
// is refused. The result is validated against today (see ValidateAt).
func ParsePeriod(from, to string, today Date) (Period, error) {
	from, to = strings.TrimSpace(from), strings.TrimSpace(to)
	if from == "" && to == "" {
		return YearToDate(today), nil
	}
	var p Problems
	var per Period
	var err error
	if from == "" {
		p.Add("from", "required", "is required when to is given")
	} else if per.From, err = ParseDate(from); err != nil {
		p.Add("from", "date", "must be a date as YYYY-MM-DD")
	}
	if to == "" {
		per.To = today
	} else if per.To, err = ParseDate(to); err != nil {
		p.Add("to", "date", "must be a date as YYYY-MM-DD")
	}
	if len(p) > 0 {
		return Period{}, p.Err()
	}
	return per, per.ValidateAt(today)
}

// ValidateAt checks that the period is in order and sensible on today: to
// not before from, from not before 2000, to not after the end of next year.
func (p Period) ValidateAt(today Date) error { return p.problems(today).Err() }

func (per Period) problems(today Date) Problems {
	var p Problems
	if per.From.Before(earliestReportDay.Time) { // the zero date too
		p.Add("from", "period.too_early", "must be 2000-01-01 or later")
	}
	latest := DateOf(today.Year()+1, time.December, 31)
	switch {
	case per.To.Before(earliestReportDay.Time):
		p.Add("to", "period.too_early", "must be 2000-01-01 or later")
	case per.To.After(latest.Time):
		p.Add("to", "period.too_late", "must be at most the end of next year ("+latest.String()+")")
	case !per.From.IsZero() && per.To.Before(per.From.Time):
		p.Add("to", "period.order", "must not be before from")
	}
	return p
}

// Days is the number of days in the period, both ends included.
func (p Period) Days() int { return int(p.To.Sub(p.From.Time).Hours()/24) + 1 }

// Contains reports whether day falls within the period.
func (p Period) Contains(day Date) bool {
	return !day.Before(p.From.Time) && !day.After(p.To.Time)
}

// String writes the period as an ISO 8601 interval: 2019-01-01/2019-04-25.
func (p Period) String() string { return p.From.String() + "/" + p.To.String() }

// Kind tells whether the period is a day, a whole month, quarter or year,
// or custom.
func (p Period) Kind() PeriodKind {
	y, m := p.From.Year(), p.From.Month()
	switch {
	case p.From.Equal(p.To.Time):
		return PeriodDay
	case p.Equal(YearPeriod(y)):
		return PeriodYear
	case (m-1)%3 == 0 && p.Equal(QuarterPeriod(y, int(m-1)/3+1)):
		return PeriodQuarter
	case p.Equal(MonthPeriod(y, m)):
		return PeriodMonth
	}
	return PeriodCustom
}

// Equal reports whether both periods have the same days.
func (p Period) Equal(q Period) bool { return p.From.Equal(q.From.Time) && p.To.Equal(q.To.Time) }

// Quarter returns the quarter (1–4) of the period's first day.
func (p Period) Quarter() int { return int(p.From.Month()-1)/3 + 1 }

// SameLastYear is the same days one year earlier; 29 February becomes
// 28 February, so a whole month stays a whole month.
func (p Period) SameLastYear() Period {
	return Period{From: yearEarlier(p.From), To: yearEarlier(p.To)}
}

func yearEarlier(d Date) Date {
	y, m, day := d.Date()
	if m == time.February && day == 29 {
		day = 28
	}
	return DateOf(y-1, m, day)
}

// Quarters splits the period at calendar quarters: whole quarters, and
// the parts at either end clipped to the period.
func (p Period) Quarters() []Period { return p.split(3) }

// Months splits the period at calendar months, clipped like Quarters.
func (p Period) Months() []Period { return p.split(1) }

func (p Period) split(months int) []Period {
	var out []Period
	start := p.From
	for !start.After(p.To.Time) {
		first := DateOf(start.Year(), start.Month()-time.Month((int(start.Month())-1)%months), 1)
		end := Date{first.AddDate(0, months, -1)}
		if end.After(p.To.Time) {
			end = p.To
		}
		out = append(out, Period{From: start, To: end})
		start = end.AddDays(1)
	}
	return out
}
