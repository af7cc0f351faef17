package parasat

import (
	"errors"
	"net/url"
	"strconv"
	"strings"
)

// ReportFilter chooses what a report counts (FIGURES.md): a period and,
// optionally, a region (the event's, or for aid without an event the giving
// organisation's), an organisation with all its children, an occasion, a
// kind of help and a beneficiary category.
type ReportFilter struct {
	Period         Period     `json:"period"`
	Region         string     `json:"region,omitempty" doc:"ISO 3166-2 code such as KZ-71"`
	OrganisationID int64      `json:"organisation,omitempty" doc:"An organisation, with its child organisations"`
	Occasion       string     `json:"occasion,omitempty" doc:"The key of an occasion of the calendar, such as nauryz"`
	Kind           KindOfHelp `json:"kind,omitempty" doc:"money, goods, service, development or care"`
	Category       Category   `json:"category,omitempty" doc:"A beneficiary category"`
}

// Validate checks the filter's form: the period in order and not before
// 2000 (ParseReportFilter also checks it against today), the codes known.
// The store checks that the region, organisation and occasion exist.
func (f *ReportFilter) Validate() error {
	p := f.Period.problems(f.Period.To)
	f.check(&p)
	return p.Err()
}

func (f *ReportFilter) check(p *Problems) {
	if f.Region != "" && !regionCodePattern.MatchString(f.Region) {
		p.Add("region", "region.code", "must be an ISO 3166-2 code such as KZ-71")
	}
	if f.OrganisationID < 0 {
		p.Add("organisation", "negative", "must not be negative")
	}
	if f.Occasion != "" && !occasionKeyPattern.MatchString(f.Occasion) {
		p.Add("occasion", "event.occasion_key", "must be a key of lower-case letters, digits, _ and -, such as nauryz")
	}
	if f.Kind != "" && !f.Kind.Valid() {
		p.Add("kind", "report.kind", "must be money, goods, service, development or care")
	}
	if f.Category != "" && !f.Category.Valid() {
		p.Add("category", "category", "must be one of the beneficiary categories")
	}
}

// ParseReportFilter reads a filter from query parameters: from, to
// (YYYY-MM-DD; see ParsePeriod), region, organisation, occasion, kind and
// category. Every problem is reported at once, naming its parameter.
func ParseReportFilter(q url.Values, today Date) (ReportFilter, error) {
	var f ReportFilter
	var p Problems
	per, err := ParsePeriod(q.Get("from"), q.Get("to"), today)
	var e *Error
	if errors.As(err, &e) {
		p = append(p, e.Fields...)
	}
	f.Period = per
	f.Region = strings.ToUpper(strings.TrimSpace(q.Get("region")))
	f.OrganisationID = parseID(&p, q, "organisation")
	f.Occasion = strings.ToLower(strings.TrimSpace(q.Get("occasion")))
	f.Kind = KindOfHelp(strings.TrimSpace(q.Get("kind")))
	f.Category = Category(strings.TrimSpace(q.Get("category")))
	f.check(&p)
	if len(p) > 0 {
		return ReportFilter{}, p.Err()
	}
	return f, nil
}

func parseID(p *Problems, q url.Values, name string) int64 {
	s := strings.TrimSpace(q.Get(name))
	if s == "" {
		return 0
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		p.Add(name, "report.id", "must be the number of a record")
		return 0
	}
	return id
}

// Applicable returns the figures that mean something for this filter: a
// kind of help or a beneficiary category narrows the aid counted, but
// donations and volunteer hours have neither, so those figures are left
// out rather than shown unfiltered.
func (f *ReportFilter) Applicable() FigureSet {
	all := SetOf(AllFigures...)
	if f.Kind != "" || f.Category != "" {
		all &^= SetOf(FigMoneyRaised, FigPatrons, FigVolunteers, FigVolunteerHours)
	}
	if f.Kind != "" {
		for _, k := range KindsOfHelp {
			if k != f.Kind {
				all &^= SetOf(KindFigure(k))
			}
		}
	}
	return all
}
