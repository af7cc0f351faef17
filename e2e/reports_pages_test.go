package e2e

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/parasat-kz/parasat/internal/browsertest"
)

// capitalAssembly is the ID of the Assembly of the capital in the demo,
// whose figures are the founding article's (FIGURES.md).
func (s *site) capitalAssembly(t *testing.T) string {
	t.Helper()
	for _, o := range s.orgs {
		if o.Name.EN == "Assembly of People of Kazakhstan of Astana" {
			return strconv.FormatInt(o.ID, 10)
		}
	}
	t.Fatal("the demo has no Assembly of the capital")
	return ""
}

// moreThan14Million is how the English statement says the value of help
// from 1 January to 25 April 2019: more than 14 million tenge, to a tenth.
var moreThan14Million = regexp.MustCompile(`received help worth more than 14(\.\d)? million tenge`)

// A visitor opens the report of the capital's Assembly for the first
// quarter of 2019 and reads the founding article's figures, then chooses
// 1 January – 25 April 2019 with the form, reads 63 events and a statement
// of more than 14 million tenge, and copies it.
func TestReportPageGivesTheFoundingArticlesFigures(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	b := browsertest.New(t)
	b.Visit(s.URL + "/reports?organisation=" + s.capitalAssembly(t) + "&from=2019-01-01&to=2019-03-31")
	switchTo(b, english)
	for _, want := range []string{"Events 22", "People helped 1 200", "Value of help 2 300 000 ₸",
		"In the first quarter of 2019", "held 22 events"} {
		b.Contains(t, want)
	}
	b.Select("Which period", "Choose dates")
	b.Fill("First day", "2019-01-01")
	b.Fill("Last day", "2019-04-25")
	b.Submit()
	b.Contains(t, "Events 63")
	if !moreThan14Million.MatchString(strings.ReplaceAll(b.Text(), "\u00a0", " ")) {
		t.Errorf("the statement of 1 January – 25 April 2019 does not say more than 14 million tenge:\n%s", b.Text())
	}
	b.Click("Copy the text")
	b.Contains(t, "The text is copied.")
	switchTo(b, russian)
	b.Contains(t, "проведено 63 мероприятия")
	b.Contains(t, "более 14,2 млн тенге")
}

// reportsTour visits the report page in one language with a browser of its
// own: as a visitor the year so far, the capital's Assembly in the first
// quarter of 2019 and the form sent back with a wrong date; then, as the
// admin, the page with its files, and the page of a file asked for.
func (s *site) reportsTour(t *testing.T, b *browsertest.Browser, l language, check func(*testing.T, *browsertest.Browser, shown)) {
	t.Helper()
	at := func(name string) {
		t.Helper()
		t.Run(name, func(t *testing.T) { check(t, b, shown{l, name}) })
	}
	q1 := "/reports?organisation=" + s.capitalAssembly(t) + "&from=2019-01-01&to=2019-03-31"
	b.Visit(s.URL + "/reports")
	switchTo(b, l)
	at("reports")
	b.Visit(s.URL + q1)
	at("reports_q1_2019")
	b.Visit(s.URL + "/reports?period=custom&from=2019-13-01&to=2019-03-31")
	at("reports_invalid")
	b.Visit(s.URL + "/signin?next=" + url.QueryEscape(q1))
	signIn(t, b, l, s.admin)
	at("reports_admin")
	b.Click(`form[action="/reports/exports"] button[value="xlsx"]`)
	at("report_export")
	signOut(t, b, s.admin)
}
