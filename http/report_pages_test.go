package http

import (
	"context"
	"encoding/xml"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/demo"
)

// pageAs sends a request to a page in lang as the bearer of token ("" for
// nobody), without following redirects.
func (e *env) pageAs(method, path, lang, token string, form url.Values) *response {
	e.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, e.srv.URL+path, body)
	if err != nil {
		e.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	req.AddCookie(&http.Cookie{Name: LanguageCookie, Value: lang})
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return &response{status: resp.StatusCode, header: resp.Header, body: b}
}

var (
	cardPattern = regexp.MustCompile(`<span class="name">([^<]+)</span>\s*<strong>([^<]+)</strong>`)
	tagPattern  = regexp.MustCompile(`<[^>]+>`)
)

// cards reads the summary's cards of a report page: figure name → value,
// with no-break spaces as spaces.
func cards(page string) map[string]string {
	out := map[string]string{}
	for _, m := range cardPattern.FindAllStringSubmatch(page, -1) {
		out[html.UnescapeString(m[1])] = plainSpaces(html.UnescapeString(m[2]))
	}
	return out
}

// visible is the page's text without tags, scripts and charts, with
// no-break spaces as spaces and runs of white space as one.
func visible(page string) string {
	page = regexp.MustCompile(`(?s)<script.*?</script>|<svg.*?</svg>`).ReplaceAllString(page, " ")
	return strings.Join(strings.Fields(plainSpaces(html.UnescapeString(tagPattern.ReplaceAllString(page, " ")))), " ")
}

func plainSpaces(s string) string { return strings.ReplaceAll(s, "\u00a0", " ") }

// The founding article's figures (FIGURES.md) on the report page, by the
// capital's Assembly, in three languages, chosen by dates or by preset;
// and the same demo's charts and tables at their own addresses.
func TestReportPageShowsTheFoundingArticlesFigures(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		if _, err := demo.Load(context.Background(), e.db); err != nil {
			t.Fatal(err)
		}
		assembly := capitalAssembly(t, e)
		q1 := "/reports?organisation=" + assembly + "&from=2019-01-01&to=2019-03-31"
		r := e.pageAs(http.MethodGet, q1, "en", "", nil)
		expect(t, r, http.StatusOK)
		page := string(r.body)
		got := cards(page)
		for name, want := range map[string]string{"Events": "22", "People helped": "1 200", "Value of help": "2 300 000 ₸"} {
			if got[name] != want {
				t.Errorf("card %q shows %q, want %q (cards: %v)", name, got[name], want, got)
			}
		}
		text := visible(page)
		for _, want := range []string{"Assembly of People of Kazakhstan of Astana · 1 January – 31 March 2019",
			"In the first quarter of 2019", "held 22 events", "1 200 people", "received help worth 2.3 million tenge",
			"As on every public page", "Nothing was recorded in the same period a year earlier.",
			"Value of help by month", "January 2019 681 000 ₸", "By organisation", "What the figures mean",
			"Distinct people who received help in the period", "Sign in to prepare the whole report"} {
			if !strings.Contains(text, want) {
				t.Errorf("the English page lacks %q", want)
			}
		}
		if n := strings.Count(page, `<svg `); n != 3 {
			t.Errorf("%d charts inline, want 3 (months, regions, kinds)", n)
		}
		// The same quarter as a preset gives the same figures; the form shows the choice.
		preset := e.pageAs(http.MethodGet, "/reports?period=q1&year=2019&organisation="+assembly, "ru", "", nil)
		expect(t, preset, http.StatusOK)
		if c := cards(string(preset.body)); c["Мероприятия"] != "22" || c["Стоимость помощи"] != "2 300 000 ₸" {
			t.Errorf("Q1 2019 chosen by preset, in Russian: %v", c)
		}
		if !strings.Contains(string(preset.body), `<option value="q1" selected>`) {
			t.Error("the form does not show the first quarter chosen")
		}
		april := e.pageAs(http.MethodGet, "/reports?organisation="+assembly+"&from=2019-01-01&to=2019-04-25", "kk", "", nil)
		expect(t, april, http.StatusOK)
		kk := visible(string(april.body))
		if c := cards(string(april.body)); c["Іс-шаралар"] != "63" {
			t.Errorf("1 January – 25 April 2019 in Kazakh: %v", c)
		}
		if !strings.Contains(kk, "63 іс-шара өткізді") || !strings.Contains(kk, "14,2 млн теңгеден астам көмек") {
			t.Errorf("the Kazakh statement does not say 63 events and more than 14 million tenge:\n%s", kk)
		}
		chartsAreServedAsSVG(t, e)
		tablesDownloadAsCSV(t, e)
	})
}

// Bad input shows a message in the page's language next to its field, and
// no figures.
func TestReportPageShowsProblemsNextToTheirFields(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		for _, c := range []struct{ query, lang, field, message string }{
			{"period=custom&from=2019-13-01&to=2019-03-31", "ru", "from", "Введите дату в виде ГГГГ-ММ-ДД"},
			{"from=2019-04-01&to=2019-03-01", "en", "to", "The end of the period must not be before its start"},
			{"region=KZ-99", "kk", "region", "Мұндай өңір жоқ"},
			{"organisation=987654", "en", "organisation", "There is no organisation with this number"},
			{"period=q5", "en", "period", "Choose a period from the list"},
			{"period=month&year=2019&month=13", "ru", "month", "Выберите месяц из списка"},
			{"period=year&year=1990", "en", "year", "Choose a year from the list"},
		} {
			r := e.pageAs(http.MethodGet, "/reports?"+c.query, c.lang, "", nil)
			page := string(r.body)
			want := `<p class="error" id="e-` + c.field + `">` + c.message + `</p>`
			if r.status != http.StatusUnprocessableEntity || !strings.Contains(page, want) {
				t.Errorf("%s: status %d; want 422 and %s", c.query, r.status, want)
			}
			if strings.Contains(page, `class="cards"`) {
				t.Errorf("%s: figures are shown beside the problem", c.query)
			}
		}
	})
}

// The public sees a figure of fewer than 5 people as "fewer than 5"; a
// coordinator of the region sees it exact, and the page says which applies.
func TestReportPageSuppressesSmallCellsForThoseOutsideTheFiltersScope(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		f := newRoleFixture(t, e)
		person, _ := servedPerson(t, e, "Жұмабаев Серік", 41, f.org.ID)
		day := today()
		if err := e.db.RecordAid(context.Background(), []*parasat.AidRecord{{GivenOn: day, OrganisationID: f.org.ID,
			Recipient: parasat.RecipientBeneficiary, BeneficiaryID: &person, Kind: parasat.AidGoods, Item: "food_package",
			Quantity: 1, ValueTiyn: 1_500_000}}); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			who             role
			people, value   string
			note            string
			exportsOffered  bool
			suppressedShown bool
		}{
			{anonymous, "fewer than 5", "fewer than 5", "As on every public page", false, true},
			{volunteer, "fewer than 5", "fewer than 5", "Your role does not cover this report", true, true},
			{coordinator, "1", "15 000 ₸", "You see the exact figures", true, false},
		} {
			r := e.pageAs(http.MethodGet, "/reports?region=KZ-71", "en", f.tokens[c.who], nil)
			expect(t, r, http.StatusOK)
			got, text := cards(string(r.body)), visible(string(r.body))
			if got["People helped"] != c.people || got["Value of help"] != c.value || !strings.Contains(text, c.note) {
				t.Errorf("%s sees %v; want %s people, %s, and %q", c.who, got, c.people, c.value, c.note)
			}
			if offered := strings.Contains(text, "Prepare an XLSX workbook"); offered != c.exportsOffered {
				t.Errorf("%s: files offered %v, want %v", c.who, offered, c.exportsOffered)
			}
			if strings.Contains(text, "15 000 ₸") == c.suppressedShown {
				t.Errorf("%s: the exact value shown %v", c.who, !c.suppressedShown)
			}
		}
	})
}

// Each chart is an SVG image at its own address, in the asker's language
// (of the demo's figures).
func chartsAreServedAsSVG(t *testing.T, e *env) {
	t.Run("charts", func(t *testing.T) {
		q := "?region=KZ-71&from=2019-01-01&to=2019-04-25"
		for name, title := range map[string]string{"months": "Стоимость помощи по месяцам", "regions": "Стоимость помощи по регионам",
			"kinds": "Виды помощи: доля в стоимости"} {
			r := e.pageAs(http.MethodGet, "/reports/charts/"+name+".svg"+q, "ru", "", nil)
			expect(t, r, http.StatusOK)
			if ct := r.header.Get("Content-Type"); ct != "image/svg+xml" {
				t.Errorf("%s: Content-Type %q", name, ct)
			}
			var svg struct {
				XMLName xml.Name
				Role    string `xml:"role,attr"`
				Title   string `xml:"title"`
				Bars    []struct {
					Value string `xml:"data-value,attr"`
				} `xml:"rect"`
			}
			if err := xml.Unmarshal(r.body, &svg); err != nil || svg.XMLName.Local != "svg" || svg.Role != "img" {
				t.Fatalf("%s: not an accessible SVG (%v): %.200s", name, err, r.body)
			}
			if svg.Title != title {
				t.Errorf("%s: title %q, want %q", name, svg.Title, title)
			}
		}
		months := string(e.pageAs(http.MethodGet, "/reports/charts/months.svg"+q, "en", "", nil).body)
		if !strings.Contains(plainSpaces(months), `data-value="11 925 000 ₸"`) {
			t.Error("the bar of April 2019 does not carry its value, 11 925 000 ₸")
		}
		r := e.pageAs(http.MethodGet, "/reports/charts/kinds.svg?from=2019-05-01&to=2019-04-01", "en", "", nil)
		if r.status != http.StatusUnprocessableEntity || !strings.Contains(string(r.body), "must not be before its start") {
			t.Errorf("a chart of a bad period: %d %s", r.status, r.body)
		}
	})
}

// Each table of the page is a CSV file with HXL hashtags (of the demo's
// figures).
func tablesDownloadAsCSV(t *testing.T, e *env) {
	t.Run("csv", func(t *testing.T) {
		r := e.pageAs(http.MethodGet, "/reports/table.csv?by=quarter&region=KZ-71&from=2019-01-01&to=2019-03-31", "en", "", nil)
		expect(t, r, http.StatusOK)
		if cd := r.header.Get("Content-Disposition"); !strings.Contains(cd, `filename="parasat-2019-01-01-2019-03-31-quarter.csv"`) {
			t.Errorf("Content-Disposition %q", cd)
		}
		lines := strings.Split(strings.TrimSpace(string(r.body)), "\r\n")
		if len(lines) != 3 || !strings.HasPrefix(lines[0], "From,To,Events,People helped") ||
			!strings.HasPrefix(lines[1], "#date+start") || !strings.HasPrefix(lines[2], "2019-01-01,2019-03-31,22,1200,") {
			t.Errorf("the quarter's CSV:\n%s", r.body)
		}
		if r := e.pageAs(http.MethodGet, "/reports/table.csv?by=weekday", "en", "", nil); r.status != http.StatusUnprocessableEntity {
			t.Errorf("a table that does not exist: %d", r.status)
		}
	})
}

// Each card compares its figure with the same period a year earlier, in
// words (the arrow is decoration).
func TestReportPageComparesWithAYearEarlier(t *testing.T) {
	e := newEnv(t, "sqlite", nil)
	f := newRoleFixture(t, e)
	day := today()
	recordHelp(t, e, f.org.ID, day, 80, 6)
	recordHelp(t, e, f.org.ID, parasat.Period{From: day, To: day}.SameLastYear().From, 90, 4)
	r := e.pageAs(http.MethodGet, "/reports?region=KZ-71", "en", f.tokens[admin], nil)
	expect(t, r, http.StatusOK)
	text := visible(string(r.body))
	for _, want := range []string{
		"People helped 6 A year earlier: 4 ▲ up 2 (+50%)",
		"Value of help 90 000 ₸ A year earlier: 60 000 ₸ ▲ up 30 000 ₸ (+50%)",
		"Events 0 A year earlier: 0 ＝ the same as a year earlier",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the page lacks %q:\n%s", want, text)
		}
	}
	ru := visible(string(e.pageAs(http.MethodGet, "/reports?region=KZ-71&from="+day.AddDays(-300).String(), "ru", f.tokens[admin], nil).body))
	if !strings.Contains(ru, "Получили помощь, человек 6 Годом ранее: 4 ▲ больше на 2 (+50 %)") {
		t.Errorf("the comparison in Russian:\n%s", ru)
	}
}
