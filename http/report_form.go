package http

import (
	"context"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
	"github.com/parasat-kz/parasat/report"
)

// The filter form of the report page. It works without JavaScript: the
// period is a preset (year to date, a whole year, a quarter, a month) with
// its year and month, or custom dates, and the server turns the choice into
// from and to. A link that names only from and to (as chart and export
// links do) opens the form on custom dates.

// periodPresets are the values of the form's period choice.
var periodPresets = []string{"ytd", "year", "q1", "q2", "q3", "q4", "month", "custom"}

// figuresForm is the form as the person filled it, its choices, and the
// translated problems by field.
type figuresForm struct {
	Period, Year, Month, From, To                    string
	Region, Organisation, Occasion, Kind, Category   string
	Periods, Years, Months, Regions, Orgs, Occasions []option
	Kinds, Categories                                []option
	Errors                                           map[string]string
}

// readFiguresForm reads the form from a query and resolves its period into
// the values of a report filter (from, to, region, …). Problems of the
// period's choice are in form.Errors; the filter's own are found later.
func readFiguresForm(l *i18n.Localizer, q url.Values, today parasat.Date) (*figuresForm, url.Values) {
	f := &figuresForm{Period: q.Get("period"), Year: q.Get("year"), Month: q.Get("month"),
		From: strings.TrimSpace(q.Get("from")), To: strings.TrimSpace(q.Get("to")),
		Region: strings.ToUpper(strings.TrimSpace(q.Get("region"))), Organisation: strings.TrimSpace(q.Get("organisation")),
		Occasion: strings.TrimSpace(q.Get("occasion")), Kind: strings.TrimSpace(q.Get("kind")),
		Category: strings.TrimSpace(q.Get("category")), Errors: map[string]string{}}
	if f.Period == "" {
		f.Period = "ytd"
		if f.From != "" || f.To != "" {
			f.Period = "custom"
		}
	}
	if f.Year == "" {
		f.Year = strconv.Itoa(today.Year())
	}
	if f.Month == "" {
		f.Month = strconv.Itoa(int(today.Month()))
	}
	values := url.Values{"region": {f.Region}, "organisation": {f.Organisation}, "occasion": {f.Occasion},
		"kind": {f.Kind}, "category": {f.Category}}
	if p, ok := f.preset(l, today); ok {
		f.From, f.To = p.From.String(), p.To.String()
	}
	values.Set("from", f.From)
	values.Set("to", f.To)
	return f, values
}

// preset resolves a preset period; ok is false for custom dates, and when
// the choice is wrong (its problem is recorded).
func (f *figuresForm) preset(l *i18n.Localizer, today parasat.Date) (parasat.Period, bool) {
	if !slices.Contains(periodPresets, f.Period) {
		f.Errors["period"] = l.T("report_page.error.period")
		return parasat.Period{}, false
	}
	switch f.Period {
	case "custom":
		return parasat.Period{}, false
	case "ytd":
		return parasat.YearToDate(today), true
	}
	year, err := strconv.Atoi(f.Year)
	if err != nil || year < firstReportYear || year > today.Year()+1 {
		f.Errors["year"] = l.T("report_page.error.year")
		return parasat.Period{}, false
	}
	switch f.Period {
	case "year":
		return parasat.YearPeriod(year), true
	case "month":
		m, err := strconv.Atoi(f.Month)
		if err != nil || m < 1 || m > 12 {
			f.Errors["month"] = l.T("report_page.error.month")
			return parasat.Period{}, false
		}
		return parasat.MonthPeriod(year, time.Month(m)), true
	}
	return parasat.QuarterPeriod(year, int(f.Period[1]-'0')), true
}

// firstReportYear is the earliest year the form offers: Parasat's records
// begin with the 2019 archive, and the Law "On Charity" dates from 2015.
const firstReportYear = 2015

// figuresFormOptions fills the form's choices in the page's language; the
// occasions are those of period.
func (s *Server) figuresFormOptions(ctx context.Context, l *i18n.Localizer, f *figuresForm, period parasat.Period, today parasat.Date) error {
	periodNames := map[string]string{"ytd": l.T("report_page.period.ytd"), "year": l.T("report_page.period.year"),
		"q1": l.T("report_page.period.q1"), "q2": l.T("report_page.period.q2"), "q3": l.T("report_page.period.q3"),
		"q4": l.T("report_page.period.q4"), "month": l.T("report_page.period.month"), "custom": l.T("report_page.period.custom")}
	for _, p := range periodPresets {
		f.Periods = append(f.Periods, option{Value: p, Label: periodNames[p], Checked: p == f.Period})
	}
	for y := today.Year(); y >= firstReportYear; y-- {
		v := strconv.Itoa(y)
		f.Years = append(f.Years, option{Value: v, Label: v, Checked: v == f.Year})
	}
	for m := 1; m <= 12; m++ {
		v := strconv.Itoa(m)
		f.Months = append(f.Months, option{Value: v, Label: l.T("report_page.month." + v), Checked: v == f.Month})
	}
	regions, err := s.services.Regions.ListRegions(ctx)
	if err != nil {
		return err
	}
	for _, rg := range regions {
		f.Regions = append(f.Regions, option{Value: rg.Code, Label: rg.Name.Best(l.Lang()), Checked: rg.Code == f.Region})
	}
	if f.Orgs, err = s.organisationOptions(ctx, l.Lang()); err != nil {
		return err
	}
	f.Orgs = marked(f.Orgs, f.Organisation)
	if f.Occasions, err = s.occasionOptions(ctx, l, period, f.Occasion); err != nil {
		return err
	}
	for _, k := range parasat.KindsOfHelp {
		f.Kinds = append(f.Kinds, option{Value: string(k), Label: report.KindName(l, k), Checked: string(k) == f.Kind})
	}
	for _, c := range parasat.Categories {
		f.Categories = append(f.Categories, option{Value: string(c), Label: l.T("category." + string(c)), Checked: string(c) == f.Category})
	}
	return nil
}

// occasionOptions lists the occasions of the period's events and aid (a
// breakdown from memory: milliseconds for a year), and the chosen one.
func (s *Server) occasionOptions(ctx context.Context, l *i18n.Localizer, period parasat.Period, chosen string) ([]option, error) {
	b, err := s.services.Reports.Breakdown(ctx, parasat.ReportFilter{Period: period}, parasat.ByOccasion)
	if err != nil {
		return nil, err
	}
	var out []option
	for _, row := range b.Rows {
		if row.Key != "" && row.Key != chosen {
			out = append(out, option{Value: row.Key, Label: occasionName(l, row.Key)})
		}
	}
	if chosen != "" {
		out = append(out, option{Value: chosen, Label: occasionName(l, chosen), Checked: true})
	}
	slices.SortFunc(out, func(a, b option) int { return strings.Compare(a.Label, b.Label) })
	return out, nil
}

// namedOccasions are the occasions whose names the catalogue has (those
// the demonstration's events are held for); the calendar of occasions
// will name the rest.
var namedOccasions = []string{"nauryz", "victory_day", "childrens_day", "back_to_school", "older_persons_day", "volunteer_day"}

// occasionName is the name of an occasion in l's language, or its key
// when the catalogue does not know it.
func occasionName(l *i18n.Localizer, key string) string {
	if slices.Contains(namedOccasions, key) {
		return l.T("report_page.occasion." + key)
	}
	return key
}

// filterQuery is the query that selects f: what chart, table and export
// links carry.
func filterQuery(f parasat.ReportFilter) url.Values {
	q := url.Values{"from": {f.Period.From.String()}, "to": {f.Period.To.String()}}
	for k, v := range map[string]string{"region": f.Region, "occasion": f.Occasion, "kind": string(f.Kind), "category": string(f.Category)} {
		if v != "" {
			q.Set(k, v)
		}
	}
	if f.OrganisationID != 0 {
		q.Set("organisation", strconv.FormatInt(f.OrganisationID, 10))
	}
	return q
}
