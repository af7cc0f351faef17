package e2e

import (
	"strconv"
	"testing"

	"github.com/parasat-kz/parasat/demo"
	"github.com/parasat-kz/parasat/internal/browsertest"
)

// The results: the public page of the year so far, the front page's
// figures, and each role's dashboard, with the demo.

// figuresOf is what the tests read of GET /api/v1/reports/summary.
type figuresOf struct {
	Events       int64 `json:"events"`
	PeopleHelped int64 `json:"people_helped"`
	Filter       struct {
		Period struct {
			From string `json:"from"`
			To   string `json:"to"`
		} `json:"period"`
	} `json:"filter"`
	Suppressed []string `json:"suppressed"`
}

// grouped writes n as the pages do, digits grouped by three (the browser's
// text counts the no-break space as a space).
func grouped(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + " " + s[i:]
	}
	return s
}

// The same number of events of the year, and of people helped, on the
// front page, on /results and in the API, in every language.
func TestResultsShowTheYearsFiguresAsTheFrontPageAndTheAPI(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	sum := api[figuresOf](t, s, "", "/reports/summary")
	year := sum.Filter.Period.From[:4]
	if sum.Events == 0 || sum.PeopleHelped == 0 || sum.Filter.Period.From != year+"-01-01" {
		t.Fatalf("the demo's year so far: %+v; want events and people helped since 1 January", sum)
	}
	words := map[string]struct{ events, people, link, heading string }{
		"en": {"Events", "People helped", "All the results: by month, by region, for the press", "Republic of Kazakhstan: results since the beginning of " + year},
		"kk": {"Іс-шаралар", "Көмек алған адамдар", "Барлық нәтижелер: айлар мен өңірлер бойынша, баспасөзге арналған мәтін",
			"Қазақстан Республикасы: " + year + " жылдың басынан бергі нәтижелер"},
		"ru": {"Мероприятия", "Получили помощь, человек", "Все итоги: по месяцам, по регионам, для прессы",
			"Республика Казахстан: итоги с начала " + year + " года"},
	}
	b := browsertest.New(t)
	for _, l := range languages {
		w := words[l.code]
		events, people := grouped(sum.Events)+" "+w.events, grouped(sum.PeopleHelped)+" "+w.people
		b.Visit(s.URL + "/")
		switchTo(b, l)
		b.Contains(t, events)
		b.Contains(t, people)
		b.Click(w.link)
		b.Contains(t, w.heading)
		b.Contains(t, events)
		b.Contains(t, people)
	}
	// The capital's page, from the table of regions.
	b.Click("Astana")
	b.Contains(t, "Astana: results since the beginning of "+year)
}

// demoAccount signs in with a demonstration account on the sign-in page
// shown, whose labels are in l, and waits for the dashboard.
func demoSignIn(t *testing.T, b *browsertest.Browser, l language, email string) {
	t.Helper()
	b.Fill(l.email, email)
	b.Fill(l.password, demo.Password)
	b.Submit()
	b.Contains(t, map[string]string{"kk": "Менің көрсеткіштерім", "ru": "Мои показатели", "en": "My dashboard"}[l.code])
}

// resultsTour visits, in one language with a browser of its own, the
// results of the country and of two regions: the capital, and Karaganda
// with its small figures suppressed.
func (s *site) resultsTour(t *testing.T, b *browsertest.Browser, l language, check func(*testing.T, *browsertest.Browser, shown)) {
	t.Helper()
	at := func(name string) {
		t.Helper()
		t.Run(name, func(t *testing.T) { check(t, b, shown{l, name}) })
	}
	b.Visit(s.URL + "/results")
	switchTo(b, l)
	at("results")
	for _, p := range []struct{ name, path string }{{"results_capital", "/results/KZ-71"}, {"results_karaganda", "/results/KZ-35"}} {
		b.Visit(s.URL + p.path)
		at(p.name)
	}
}

// dashboardsTour visits, in one language with a browser of its own, the
// dashboard of each demonstration account but the admin's (the main tour
// shows it): coordinator, manager, volunteer and patron.
func (s *site) dashboardsTour(t *testing.T, b *browsertest.Browser, l language, check func(*testing.T, *browsertest.Browser, shown)) {
	t.Helper()
	at := func(name string) {
		t.Helper()
		t.Run(name, func(t *testing.T) { check(t, b, shown{l, name}) })
	}
	b.Visit(s.URL + "/signin?next=/")
	switchTo(b, l)
	for _, a := range demo.Accounts[1:] {
		b.Visit(s.URL + "/signin?next=/")
		demoSignIn(t, b, l, a.Email)
		at("dashboard_" + string(a.Role))
		b.Click(`form[action="/signout"] button`)
	}
}
