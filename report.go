package parasat

import (
	"context"
	"encoding/json"
	"strconv"
)

// KindOfHelp is what an aid record gave (FIGURES.md): money, goods, a
// service, development help ("a fishing rod": training, a job, tools, a
// small grant) or care and attention. The aid records of issue #6 use the
// same codes.
type KindOfHelp string

const (
	HelpMoney       KindOfHelp = "money"
	HelpGoods       KindOfHelp = "goods"
	HelpService     KindOfHelp = "service"
	HelpDevelopment KindOfHelp = "development"
	HelpCare        KindOfHelp = "care"
)

// KindsOfHelp lists the kinds in the order reports show them.
var KindsOfHelp = []KindOfHelp{HelpMoney, HelpGoods, HelpService, HelpDevelopment, HelpCare}

// Valid reports whether k is one of KindsOfHelp.
func (k KindOfHelp) Valid() bool {
	for _, v := range KindsOfHelp {
		if k == v {
			return true
		}
	}
	return false
}

// KindValues holds one number per kind of help.
type KindValues struct {
	Money       int64 `json:"money"`
	Goods       int64 `json:"goods"`
	Service     int64 `json:"service"`
	Development int64 `json:"development"`
	Care        int64 `json:"care"`
}

// Of returns the number for kind k (0 for an unknown kind).
func (v KindValues) Of(k KindOfHelp) int64 {
	switch k {
	case HelpMoney:
		return v.Money
	case HelpGoods:
		return v.Goods
	case HelpService:
		return v.Service
	case HelpDevelopment:
		return v.Development
	case HelpCare:
		return v.Care
	}
	return 0
}

// Set sets the number for kind k; an unknown kind changes nothing.
func (v *KindValues) Set(k KindOfHelp, n int64) {
	switch k {
	case HelpMoney:
		v.Money = n
	case HelpGoods:
		v.Goods = n
	case HelpService:
		v.Service = n
	case HelpDevelopment:
		v.Development = n
	case HelpCare:
		v.Care = n
	}
}

// Sum adds the numbers of every kind.
func (v KindValues) Sum() int64 { return v.Money + v.Goods + v.Service + v.Development + v.Care }

// Minutes is a duration of volunteer work in whole minutes, written in
// JSON as hours with up to two decimals (90 minutes → 1.5).
type Minutes int64

// MarshalJSON writes the minutes as a number of hours.
func (m Minutes) MarshalJSON() ([]byte, error) {
	neg, n := m < 0, int64(m)
	if neg {
		n = -n
	}
	hundredths := (n*100 + 30) / 60 // to the nearest hundredth of an hour
	s := strconv.FormatInt(hundredths/100, 10)
	if f := hundredths % 100; f != 0 {
		s += "." + strconv.FormatInt(f/10, 10)
		if f%10 != 0 {
			s += strconv.FormatInt(f%10, 10)
		}
	}
	if neg {
		s = "-" + s
	}
	return []byte(s), nil
}

// UnmarshalJSON reads a number of hours.
func (m *Minutes) UnmarshalJSON(b []byte) error {
	var h json.Number
	if err := json.Unmarshal(b, &h); err != nil {
		return err
	}
	f, err := h.Float64()
	if err != nil {
		return err
	}
	if f < 0 {
		*m = Minutes(f*60 - 0.5)
	} else {
		*m = Minutes(f*60 + 0.5)
	}
	return nil
}

// Figures are the numbers FIGURES.md defines, for one period and filter
// (a Summary) or one row of a Breakdown. Money is in tiyn.
//
// A figure listed in Suppressed is hidden from the public (see Suppress):
// its value here is 0 and every renderer shows a mark ("fewer than 5")
// instead; read values through Get to honour that.
type Figures struct {
	Events          int64      `json:"events" doc:"Events held or reported whose start falls in the period"`
	PeopleHelped    int64      `json:"people_helped" doc:"Distinct named people helped, plus anonymous counts"`
	FamiliesHelped  int64      `json:"families_helped" doc:"Distinct households helped"`
	AidValueTiyn    int64      `json:"aid_value_tiyn" doc:"Value of all aid, in tiyn"`
	AidByKind       KindValues `json:"aid_value_by_kind_tiyn" doc:"Value of aid by kind of help, in tiyn"`
	PeopleByKind    KindValues `json:"people_helped_by_kind" doc:"People helped with each kind of help"`
	MoneyRaisedTiyn int64      `json:"money_raised_tiyn" doc:"Money donations received, reversals subtracted, in tiyn"`
	Patrons         int64      `json:"patrons" doc:"Distinct patrons with a donation"`
	Volunteers      int64      `json:"volunteers" doc:"Distinct volunteers with confirmed hours"`
	VolunteerHours  Minutes    `json:"volunteer_hours" doc:"Confirmed volunteer hours"`
	Suppressed      FigureSet  `json:"suppressed,omitempty" doc:"Figures hidden because they describe fewer than 5 people"`
}

// IsEmpty reports whether every figure is zero: there is nothing to say.
func (f *Figures) IsEmpty() bool {
	for _, fig := range AllFigures {
		if f.Value(fig) != 0 {
			return false
		}
	}
	return true
}

// Summary is the figures of one period and filter, with what a statement
// needs to name who did the work.
type Summary struct {
	Filter ReportFilter `json:"filter"`
	Figures
	// Organisers counts the organisations, by type, that held the counted
	// events or gave the counted aid.
	Organisers []OrganiserCount `json:"organisers"`
}

// OrganiserCount is how many organisations of one type took part.
type OrganiserCount struct {
	Type  OrganisationType `json:"type"`
	Count int64            `json:"count"`
}

// Report is everything one report page or export shows: the summary, the
// same period last year, and the breakdowns asked for.
type Report struct {
	// Subject names whose report it is — an organisation, a region, the
	// country — for titles and the header of exports.
	Subject    Names       `json:"subject"`
	Summary    Summary     `json:"summary"`
	LastYear   *Summary    `json:"last_year,omitempty"`
	Breakdowns []Breakdown `json:"breakdowns"`
}

// Breakdown returns the report's breakdown by d, or nil.
func (r *Report) Breakdown(d Dimension) *Breakdown {
	for i := range r.Breakdowns {
		if r.Breakdowns[i].By == d {
			return &r.Breakdowns[i]
		}
	}
	return nil
}

// ReportService computes figures from the store. Implementations answer
// from precomputed daily totals, never by scanning all history.
type ReportService interface {
	// Summary returns the figures of f's period and filter.
	Summary(ctx context.Context, f ReportFilter) (*Summary, error)
	// Breakdown returns the figures of f split by one dimension; its
	// Total equals Summary(ctx, f)'s figures.
	Breakdown(ctx context.Context, f ReportFilter, by Dimension) (*Breakdown, error)
}

// BuildReport asks svc for the summary of f, the same period last year
// when lastYear is set, and the breakdowns by each of dims.
func BuildReport(ctx context.Context, svc ReportService, f ReportFilter, lastYear bool, dims ...Dimension) (*Report, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	s, err := svc.Summary(ctx, f)
	if err != nil {
		return nil, err
	}
	r := &Report{Summary: *s}
	if lastYear {
		prev := f
		prev.Period = f.Period.SameLastYear()
		if r.LastYear, err = svc.Summary(ctx, prev); err != nil {
			return nil, err
		}
	}
	for _, d := range dims {
		b, err := svc.Breakdown(ctx, f, d)
		if err != nil {
			return nil, err
		}
		r.Breakdowns = append(r.Breakdowns, *b)
	}
	return r, nil
}
