package http

import (
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/parasat-kz/parasat"
)

// The front page and /results show the figures of the year so far, the
// same numbers as GET /api/v1/reports/summary; the public sees the cells
// describing fewer than 5 people suppressed, staff whose role covers them
// see them exact (results_fixture_test.go counts them by hand).

func TestFrontPageShowsTheYearsFiguresAsTheAPIDoes(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		w := newResultsWorld(t, e)
		l, fewer := enLocalizer(e), "fewer than 5"
		api := e.summary("", url.Values{})
		if api.Events != 3 || api.PeopleHelped != 22 || api.AidValueTiyn != 87_000_000 || api.MoneyRaisedTiyn != 0 ||
			!slices.Contains(api.Suppressed, parasat.FigMoneyRaised) {
			t.Fatalf("the API says %+v; want 3 events, 22 people, 870 000 ₸, the money raised suppressed", api)
		}
		status, page := e.page(http.MethodGet, "/", "", nil)
		if status != http.StatusOK {
			t.Fatalf("front page: %d", status)
		}
		for fig, want := range map[parasat.Figure]string{parasat.FigEvents: "3", parasat.FigPeopleHelped: "22",
			parasat.FigAidValue: l.Money(api.AidValueTiyn), parasat.FigMoneyRaised: fewer, parasat.FigVolunteers: fewer,
			parasat.FigVolunteerHours: fewer} {
			if got := cardValue(page, fig); got != want {
				t.Errorf("the public front page shows %s %q, want %q", fig, got, want)
			}
		}
		if !strings.Contains(page, `href="/results"`) || !strings.Contains(page, "so that nobody who was helped can be recognised") {
			t.Error("the front page neither links to /results nor explains the hidden figures")
		}
		// The Secretariat sees the same report exact.
		_, page = e.page(http.MethodGet, "/", w.f.tokens[admin], nil)
		for fig, want := range map[parasat.Figure]string{parasat.FigEvents: "3", parasat.FigPeopleHelped: "22",
			parasat.FigMoneyRaised: l.Money(100_000_000), parasat.FigVolunteers: "1", parasat.FigVolunteerHours: "2 h"} {
			if got := cardValue(page, fig); got != want {
				t.Errorf("the admin's front page shows %s %q, want %q", fig, got, want)
			}
		}
	})
}

func TestResultsPageSuppressesForThePublicWhatStaffSeeExact(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		w := newResultsWorld(t, e)
		l, fewer := enLocalizer(e), "fewer than 5"
		status, page := e.page(http.MethodGet, "/results", "", nil)
		if status != http.StatusOK {
			t.Fatalf("/results: %d", status)
		}
		if cardValue(page, parasat.FigEvents) != "3" || cardValue(page, parasat.FigPeopleHelped) != "22" || cardValue(page, parasat.FigPatrons) != fewer {
			t.Errorf("the public /results shows events %q, people %q, patrons %q", cardValue(page, parasat.FigEvents),
				cardValue(page, parasat.FigPeopleHelped), cardValue(page, parasat.FigPatrons))
		}
		// Every region is listed and links to its page; KZ-75's two people
		// are hidden, and so is KZ-35 (the smallest other), so that 22 − 13
		// tells nothing.
		public := map[string][]string{"KZ-71": {"1", "13", l.Money(70_000_000)}, "KZ-75": {"1", fewer, fewer},
			"KZ-35": {"1", fewer, fewer}, "KZ-10": {"0", "0", l.Money(0)}}
		exact := map[string][]string{"KZ-71": {"1", "13", l.Money(70_000_000)}, "KZ-75": {"1", "2", l.Money(10_000_000)},
			"KZ-35": {"1", "7", l.Money(7_000_000)}}
		for who, want := range map[role]map[string][]string{anonymous: public, admin: exact} {
			token := ""
			if who != anonymous {
				token = w.f.tokens[who]
			}
			_, page := e.page(http.MethodGet, "/results", token, nil)
			if n := strings.Count(page, `<a href="/results/KZ-`); n != 20 {
				t.Errorf("%s: %d regions link to their results, want 20", who, n)
			}
			for code, cells := range want {
				if got := tableRow(page, `href="/results/`+code+`"`); len(got) < 3 || !slices.Equal(got[:3], cells) {
					t.Errorf("%s sees %s as %q, want %q", who, code, got, cells)
				}
			}
		}
		// The statement in the page's language, the charts with their tables.
		for _, want := range []string{"have held 3 events", `<svg`, `id="chart-months-title"`, `id="chart-regions-title"`,
			`id="chart-kinds-title"`, "<caption>By month</caption>", "Development (“a fishing rod”)"} {
			if !strings.Contains(strings.ReplaceAll(page, "\u00a0", " "), want) {
				t.Errorf("the admin's /results lacks %q", want)
			}
		}
		// Services (one person) are hidden from the public, and goods with them.
		_, page = e.page(http.MethodGet, "/results", "", nil)
		if got := tableRow(page, `<th scope="row">Services</th>`); len(got) < 1 || got[0] != fewer {
			t.Errorf("the public sees services as %q", got)
		}
	})
}

func TestResultsOfARegion(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		w := newResultsWorld(t, e)
		for who, want := range map[role]string{anonymous: "fewer than 5", coordinator: "fewer than 5", admin: "2"} {
			token := ""
			if who != anonymous {
				token = w.f.tokens[who]
			}
			status, page := e.page(http.MethodGet, "/results/kz-75", token, nil)
			if status != http.StatusOK || cardValue(page, parasat.FigPeopleHelped) != want || cardValue(page, parasat.FigEvents) != "1" {
				t.Errorf("%s: /results/kz-75 %d shows people %q, want %q", who, status, cardValue(page, parasat.FigPeopleHelped), want)
			}
		}
		// The coordinator of KZ-71 sees their region exact, its
		// organisations ranked, and a link back to the country.
		_, page := e.page(http.MethodGet, "/results/KZ-71", w.f.tokens[coordinator], nil)
		if cardValue(page, parasat.FigPatrons) != "1" || !strings.Contains(page, "You see the exact figures") ||
			!strings.Contains(page, `href="/organisations/`+idStr(w.f.org.ID)+`"`) || !strings.Contains(page, `href="/results"`) {
			t.Errorf("the coordinator's /results/KZ-71 shows patrons %q, without the exact note, ranking or way back", cardValue(page, parasat.FigPatrons))
		}
		if status, _ := e.page(http.MethodGet, "/results?region=kz-75", "", nil); status != http.StatusSeeOther {
			t.Errorf("/results?region=kz-75: %d, want a redirect to /results/KZ-75", status)
		}
		if status, _ := e.page(http.MethodGet, "/results/KZ-99", "", nil); status != http.StatusNotFound {
			t.Errorf("/results/KZ-99: %d, want 404", status)
		}
	})
}

func TestResultsPagesInEveryLanguage(t *testing.T) {
	e := newEnv(t, "sqlite", nil)
	newResultsWorld(t, e)
	want := map[string][]string{"kk": {"Нәтижелер", "іс-шара", "5-тен аз"}, "ru": {"Итоги", "мероприяти", "менее 5"}}
	for lang, words := range want {
		b := e.browser(t, lang)
		for _, path := range []string{"/", "/results", "/results/KZ-71"} {
			code, page := b.get(path)
			if code != http.StatusOK {
				t.Errorf("%s %s: %d", lang, path, code)
			}
			if k := resultsRawKey.FindString(page); k != "" {
				t.Errorf("%s %s shows the key %q instead of its text", lang, path, k)
			}
			if path == "/results" {
				for _, w := range words {
					if !strings.Contains(page, w) {
						t.Errorf("%s %s lacks %q", lang, path, w)
					}
				}
			}
		}
	}
}

// resultsRawKey is a message key of these pages shown instead of its text.
var resultsRawKey = regexp.MustCompile(`[>\s](results|dash|home|report|nav)\.[a-z_.]+[<\s]`)
