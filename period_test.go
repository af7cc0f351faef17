package parasat

import (
	"errors"
	"net/url"
	"testing"
	"time"
)

func day(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func per(from, to string) Period { return Period{From: day(from), To: day(to)} }

func TestPeriodShapes(t *testing.T) {
	for _, tc := range []struct {
		got, want Period
		kind      PeriodKind
	}{
		{YearToDate(day("2019-04-25")), per("2019-01-01", "2019-04-25"), PeriodCustom},
		{YearPeriod(2024), per("2024-01-01", "2024-12-31"), PeriodYear},
		{QuarterPeriod(2019, 1), per("2019-01-01", "2019-03-31"), PeriodQuarter},
		{QuarterPeriod(2019, 4), per("2019-10-01", "2019-12-31"), PeriodQuarter},
		{MonthPeriod(2024, time.February), per("2024-02-01", "2024-02-29"), PeriodMonth},
		{MonthPeriod(2023, time.February), per("2023-02-01", "2023-02-28"), PeriodMonth},
		{per("2019-03-15", "2019-03-15"), per("2019-03-15", "2019-03-15"), PeriodDay},
		{per("2019-03-01", "2019-05-31"), per("2019-03-01", "2019-05-31"), PeriodCustom},
	} {
		if !tc.got.Equal(tc.want) {
			t.Errorf("got %s, want %s", tc.got, tc.want)
		}
		if k := tc.got.Kind(); k != tc.kind {
			t.Errorf("%s: kind %s, want %s", tc.got, k, tc.kind)
		}
	}
	if n := per("2019-01-01", "2019-04-25").Days(); n != 115 {
		t.Errorf("days = %d, want 115", n)
	}
}

func TestSameLastYear(t *testing.T) {
	for _, tc := range []struct{ in, want Period }{
		{per("2019-01-01", "2019-04-25"), per("2018-01-01", "2018-04-25")},
		{per("2024-01-01", "2024-02-29"), per("2023-01-01", "2023-02-28")},
		{per("2024-02-29", "2024-03-10"), per("2023-02-28", "2023-03-10")},
		{MonthPeriod(2024, time.February), MonthPeriod(2023, time.February)},
	} {
		if got := tc.in.SameLastYear(); !got.Equal(tc.want) {
			t.Errorf("%s last year = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestPeriodSplit(t *testing.T) {
	p := per("2019-02-10", "2019-07-05")
	qs := p.Quarters()
	want := []Period{per("2019-02-10", "2019-03-31"), per("2019-04-01", "2019-06-30"), per("2019-07-01", "2019-07-05")}
	if len(qs) != len(want) {
		t.Fatalf("quarters = %v", qs)
	}
	for i := range want {
		if !qs[i].Equal(want[i]) {
			t.Errorf("quarter %d = %s, want %s", i, qs[i], want[i])
		}
	}
	ms := p.Months()
	if len(ms) != 6 || !ms[0].Equal(per("2019-02-10", "2019-02-28")) || !ms[5].Equal(per("2019-07-01", "2019-07-05")) {
		t.Errorf("months = %v", ms)
	}
	rows := TimeRows(YearPeriod(2019), ByMonth)
	if len(rows) != 12 || rows[0].Key != "2019-01" || rows[2].Within != "2019-Q1" || rows[3].Within != "2019-Q2" {
		t.Errorf("month rows = %+v", rows)
	}
	if q := TimeRows(YearPeriod(2019), ByQuarter); len(q) != 4 || q[3].Key != "2019-Q4" || !q[3].Period.Equal(QuarterPeriod(2019, 4)) {
		t.Errorf("quarter rows = %+v", q)
	}
}

// fieldCodes returns field → code of an EInvalid error.
func fieldCodes(t *testing.T, err error) map[string]string {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) || e.Code != EInvalid {
		t.Fatalf("error %v is not EInvalid", err)
	}
	out := map[string]string{}
	for _, f := range e.Fields {
		out[f.Field] = f.Code
	}
	return out
}

func TestParsePeriod(t *testing.T) {
	today := day("2026-05-10")
	for _, tc := range []struct {
		from, to string
		want     Period
	}{
		{"", "", per("2026-01-01", "2026-05-10")},
		{"2019-01-01", "2019-04-25", per("2019-01-01", "2019-04-25")},
		{" 2019-01-01 ", "", per("2019-01-01", "2026-05-10")},
		{"2026-06-01", "2027-12-31", per("2026-06-01", "2027-12-31")},
	} {
		got, err := ParsePeriod(tc.from, tc.to, today)
		if err != nil || !got.Equal(tc.want) {
			t.Errorf("ParsePeriod(%q, %q) = %s, %v; want %s", tc.from, tc.to, got, err, tc.want)
		}
	}
	for _, tc := range []struct {
		from, to string
		want     map[string]string
	}{
		{"2019-04-25", "2019-01-01", map[string]string{"to": "period.order"}},
		{"", "2019-01-01", map[string]string{"from": "required"}},
		{"25.04.2019", "2019-13-01", map[string]string{"from": "date", "to": "date"}},
		{"1999-12-31", "2019-01-01", map[string]string{"from": "period.too_early"}},
		{"0001-01-01", "9999-12-31", map[string]string{"from": "period.too_early", "to": "period.too_late"}},
		{"2026-01-01", "2028-01-01", map[string]string{"to": "period.too_late"}},
	} {
		_, err := ParsePeriod(tc.from, tc.to, today)
		got := fieldCodes(t, err)
		if len(got) != len(tc.want) {
			t.Errorf("ParsePeriod(%q, %q): %v, want %v", tc.from, tc.to, got, tc.want)
		}
		for f, c := range tc.want {
			if got[f] != c {
				t.Errorf("ParsePeriod(%q, %q): field %s code %q, want %q", tc.from, tc.to, f, got[f], c)
			}
		}
	}
}

func TestParseReportFilter(t *testing.T) {
	today := day("2019-04-25")
	q, _ := url.ParseQuery("from=2019-01-01&to=2019-03-31&region=kz-71&organisation=7&occasion=Nauryz&kind=development&category=veteran")
	f, err := ParseReportFilter(q, today)
	if err != nil {
		t.Fatal(err)
	}
	want := ReportFilter{Period: QuarterPeriod(2019, 1), Region: "KZ-71", OrganisationID: 7, Occasion: "nauryz", Kind: HelpDevelopment,
		Category: CategoryVeteran}
	if !f.Period.Equal(want.Period) || f.Region != want.Region || f.OrganisationID != 7 || f.Occasion != want.Occasion ||
		f.Kind != want.Kind || f.Category != want.Category {
		t.Errorf("filter = %+v", f)
	}
	if err := f.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
	bad, _ := url.ParseQuery("from=2019-04-01&to=2019-03-01&region=Astana&organisation=x&occasion=-3&kind=cash&category=rich")
	_, err = ParseReportFilter(bad, today)
	got := fieldCodes(t, err)
	for f, c := range map[string]string{"to": "period.order", "region": "region.code", "organisation": "report.id",
		"occasion": "event.occasion_key", "kind": "report.kind", "category": "category"} {
		if got[f] != c {
			t.Errorf("field %s: code %q, want %q (all: %v)", f, got[f], c, got)
		}
	}
}

func TestApplicableFigures(t *testing.T) {
	all := ReportFilter{}
	if a := all.Applicable(); a.Len() != len(AllFigures) {
		t.Errorf("no filter: %v", a.List())
	}
	k := ReportFilter{Kind: HelpGoods}
	a := k.Applicable()
	if a.Has(FigMoneyRaised) || a.Has(FigVolunteers) || a.Has(FigAidMoney) || !a.Has(FigAidGoods) || !a.Has(FigPeopleHelped) || !a.Has(FigEvents) {
		t.Errorf("kind filter: %v", a.List())
	}
	if d := ByCategory.Figures(); d.Has(FigEvents) || d.Has(FigMoneyRaised) || !d.Has(FigAidDevelopment) || !d.Has(FigFamiliesHelped) {
		t.Errorf("category breakdown: %v", d.List())
	}
	if d := ByKind.Figures(); d.Has(FigAidMoney) || !d.Has(FigAidValue) {
		t.Errorf("kind breakdown: %v", d.List())
	}
}
