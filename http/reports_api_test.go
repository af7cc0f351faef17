package http

import (
	"bytes"
	"context"
	"encoding/csv"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/demo"
	"github.com/parasat-kz/parasat/internal/libreoffice"
	"github.com/parasat-kz/parasat/internal/pdftest"
)

// summaryJSON is the body of GET /api/v1/reports/summary.
type summaryJSON struct {
	Events          int64            `json:"events"`
	PeopleHelped    int64            `json:"people_helped"`
	FamiliesHelped  int64            `json:"families_helped"`
	AidValueTiyn    int64            `json:"aid_value_tiyn"`
	MoneyRaisedTiyn int64            `json:"money_raised_tiyn"`
	Volunteers      int64            `json:"volunteers"`
	VolunteerHours  float64          `json:"volunteer_hours"`
	Suppressed      []parasat.Figure `json:"suppressed"`
	Exact           bool             `json:"exact"`
	LastYear        struct {
		Events       int64 `json:"events"`
		PeopleHelped int64 `json:"people_helped"`
	} `json:"last_year"`
}

func (e *env) summary(authorization string, q url.Values) summaryJSON {
	e.t.Helper()
	r := e.do("GET", "/api/v1/reports/summary?"+q.Encode(), authorization, nil)
	expect(e.t, r, 200)
	return decode[summaryJSON](e.t, r)
}

func TestReportFiguresOfFewPeopleAreSuppressedOutsideTheCallersScope(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		f := newRoleFixture(t, e)
		person, _ := servedPerson(t, e, "Жұмабаев Серік", 41, f.org.ID)
		day := today()
		if err := e.db.RecordAid(context.Background(), []*parasat.AidRecord{{GivenOn: day, OrganisationID: f.org.ID,
			Recipient: parasat.RecipientBeneficiary, BeneficiaryID: &person, Kind: parasat.AidGoods, Item: "food_package",
			Quantity: 1, ValueTiyn: 1_500_000}}); err != nil {
			t.Fatal(err)
		}
		region := url.Values{"region": {"KZ-71"}}
		org := url.Values{"organisation": {strconv.FormatInt(f.org.ID, 10)}}
		bearer := func(r role) string {
			if r == anonymous {
				return ""
			}
			return "Bearer " + f.tokens[r]
		}
		cases := []struct {
			who   role
			q     url.Values
			exact bool
		}{
			{anonymous, region, false}, {volunteer, region, false}, {patron, region, false},
			{coordinator, region, true}, {coordinator, url.Values{"region": {"KZ-75"}}, false}, {coordinator, url.Values{}, false},
			{manager, org, true}, {manager, region, false}, {admin, url.Values{}, true}, {admin, region, true},
		}
		for _, c := range cases {
			s := e.summary(bearer(c.who), c.q)
			if s.Exact != c.exact {
				t.Errorf("%s, %v: exact = %v, want %v", c.who, c.q, s.Exact, c.exact)
			}
			if c.exact && (s.PeopleHelped != 1 || s.AidValueTiyn != 1_500_000 || len(s.Suppressed) != 0) {
				t.Errorf("%s, %v sees %+v; want the one person and 15 000 ₸", c.who, c.q, s)
			}
			hidden := slices.Contains(s.Suppressed, parasat.FigPeopleHelped) && slices.Contains(s.Suppressed, parasat.FigAidValue)
			if !c.exact && c.q.Get("region") != "KZ-75" && (!hidden || s.PeopleHelped != 0 || s.AidValueTiyn != 0) {
				t.Errorf("%s, %v sees %+v; want the person and the value suppressed", c.who, c.q, s)
			}
		}
	})
}

func TestReportAPIRefusesBadFiltersNamingThem(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		for q, field := range map[string]string{
			"from=2026-05-01&to=2026-04-01": "body.to",
			"from=1.5.2026":                 "body.from",
			"region=KZ-99":                  "body.region",
			"organisation=987654":           "body.organisation",
			"organisation=first":            "body.organisation",
			"category=rich":                 "body.category",
		} {
			expectProblem(t, e.get("/api/v1/reports/summary?"+q), 422, field)
		}
		expectProblem(t, e.get("/api/v1/reports/summary?format=doc"), 422, "query.format")
		expectProblem(t, e.get("/api/v1/reports/breakdown?by=weekday"), 422, "query.by")
		expectProblem(t, e.get("/api/v1/reports/breakdown"), 422, "query.by")
	})
}

// The demonstration data gives the founding article's figures (FIGURES.md)
// through the API, to anyone, by the capital's Assembly and by its region.
func TestReportAPIGivesTheFoundingArticlesFigures(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		if _, err := demo.Load(context.Background(), e.db); err != nil {
			t.Fatal(err)
		}
		assembly := capitalAssembly(t, e)
		for _, by := range []url.Values{{"organisation": {assembly}}, {"region": {"KZ-71"}}} {
			q1 := withPeriod(by, "2019-01-01", "2019-03-31")
			if s := e.summary("", q1); s.Events != 22 || s.PeopleHelped != 1200 || s.AidValueTiyn != 230_000_000 {
				t.Errorf("%v: %+v; want 22 events, 1 200 people, 2 300 000 ₸", q1, s)
			}
			// Compared with the year before: 2020's first days against 2019's.
			next := withPeriod(by, "2020-01-01", "2020-03-31")
			if s := e.summary("", next); s.LastYear.Events != 22 || s.LastYear.PeopleHelped != 1200 {
				t.Errorf("%v: the same period of 2019 has %+v; want 22 events and 1 200 people", next, s.LastYear)
			}
			april := withPeriod(by, "2019-01-01", "2019-04-25")
			s := e.summary("", april)
			if s.Events != 63 || s.AidValueTiyn < 1_400_000_000 || s.AidValueTiyn >= 1_450_000_000 || s.MoneyRaisedTiyn <= 1_400_000_000 {
				t.Errorf("%v: %+v; want 63 events and more than 14 million ₸ given and raised", april, s)
			}
		}
		q1 := withPeriod(url.Values{"organisation": {assembly}}, "2019-01-01", "2019-03-31")
		for lang, want := range map[string]string{"ru": "проведено 22 мероприятия", "kk": "22 іс-шара"} {
			r := e.get("/api/v1/reports/statement?" + q1.Encode() + "&lang=" + lang)
			expect(t, r, 200)
			text := strings.ReplaceAll(decode[struct{ Text string }](t, r).Text, "\u00a0", " ")
			if !strings.Contains(text, want) || !strings.Contains(text, "1 200") {
				t.Errorf("statement in %s: %q; want %q and 1 200 people", lang, text, want)
			}
		}
	})
}

var notDigits = regexp.MustCompile(`[^0-9.]`)

// The XLSX of the summary, opened by LibreOffice, shows the API's numbers.
func TestReportXLSXOpenedByLibreOfficeShowsTheAPIsNumbers(t *testing.T) {
	libreoffice.Require(t)
	e := newEnv(t, "sqlite", nil)
	if _, err := demo.Load(context.Background(), e.db); err != nil {
		t.Fatal(err)
	}
	q := withPeriod(url.Values{"organisation": {capitalAssembly(t, e)}}, "2019-01-01", "2019-04-25")
	api := e.summary(e.bearer(), q)
	q.Set("format", "xlsx")
	q.Set("lang", "ru")
	r := e.do("GET", "/api/v1/reports/summary?"+q.Encode(), e.bearer(), nil)
	expect(t, r, 200)
	if ct := r.header.Get("Content-Type"); !strings.Contains(ct, "spreadsheetml") {
		t.Fatalf("Content-Type %q", ct)
	}
	out := libreoffice.Convert(t, r.body, "report.xlsx", libreoffice.CSV)
	b, err := os.ReadFile(filepath.Join(out, "report-Итоги.csv"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	cells := map[string]string{}
	for _, row := range rows {
		if len(row) > 1 {
			cells[row[0]] = notDigits.ReplaceAllString(row[1], "")
		}
	}
	tiyn := func(cell string) int64 {
		v, err := strconv.ParseFloat(cell, 64)
		if err != nil {
			return -1
		}
		return int64(math.Round(v * 100))
	}
	for label, want := range map[string]int64{"Мероприятия": api.Events * 100, "Получили помощь, человек": api.PeopleHelped * 100,
		"Стоимость помощи": api.AidValueTiyn, "Собрано пожертвований": api.MoneyRaisedTiyn} {
		if got := tiyn(cells[label]); got != want {
			t.Errorf("%s: LibreOffice shows %q, the API says %d (hundredths)", label, cells[label], want)
		}
	}
}

func withPeriod(q url.Values, from, to string) url.Values {
	out := url.Values{"from": {from}, "to": {to}}
	for k, v := range q {
		out[k] = v
	}
	return out
}

// capitalAssembly is the ID of the capital's Assembly in the demo.
func capitalAssembly(t *testing.T, e *env) string {
	t.Helper()
	list, err := e.db.ListOrganisations(context.Background(), parasat.OrganisationFilter{Region: "KZ-71", Type: parasat.OrgAssembly, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range list {
		if o.ParentID != nil {
			return strconv.FormatInt(o.ID, 10)
		}
	}
	t.Fatal("the demo has no Assembly of the capital")
	return ""
}

// The PDF of a report, read back by poppler's pdftotext, holds the
// statement the API gives, in Kazakh and in Russian.
func TestReportPDFHoldsTheStatementInKazakhAndRussian(t *testing.T) {
	e := newEnv(t, "sqlite", nil)
	if _, err := demo.Load(context.Background(), e.db); err != nil {
		t.Fatal(err)
	}
	q := withPeriod(url.Values{"organisation": {capitalAssembly(t, e)}}, "2019-01-01", "2019-04-25")
	for _, lang := range []string{"kk", "ru"} {
		q.Set("lang", lang)
		st := e.get("/api/v1/reports/statement?" + q.Encode())
		expect(t, st, 200)
		sentences := decode[struct{ Sentences []string }](t, st).Sentences
		q.Set("format", "pdf")
		r := e.get("/api/v1/reports/summary?" + q.Encode())
		q.Del("format")
		expect(t, r, 200)
		if ct := r.header.Get("Content-Type"); ct != "application/pdf" {
			t.Fatalf("Content-Type %q", ct)
		}
		text := pdftest.Squeeze(pdftest.Text(t, r.body))
		if len(sentences) < 3 {
			t.Fatalf("%s: the statement has %d sentences", lang, len(sentences))
		}
		for _, s := range sentences {
			if !strings.Contains(text, pdftest.Squeeze(s)) {
				t.Errorf("%s: the PDF lacks the sentence %q; it reads:\n%s", lang, s, text)
			}
		}
	}
}
