package http

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/parasat-kz/parasat"
)

// Each role's part of the dashboard on the signed-in home shows its
// figures (results_fixture_test.go counts them by hand): exact for the
// staff whose role covers them, suppressed as the public sees them for a
// volunteer and a patron.

// peopleRow is the comparison table's row of people helped: this year,
// the same days last year, this quarter, the same days last year.
const peopleRow = `<th scope="row">People helped</th>`

func TestDashboardsOfTheStaff(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		w := newResultsWorld(t, e)
		l := enLocalizer(e)
		for who, want := range map[role][]string{
			admin:       {"22", "3", "22", "3"},
			coordinator: {"13", "3", "13", "3"},
			manager:     {"13", "3", "13", "3"},
		} {
			status, page := e.page(http.MethodGet, "/", w.f.tokens[who], nil)
			if status != http.StatusOK {
				t.Fatalf("%s: home %d", who, status)
			}
			if got := tableRow(page, peopleRow); !slices.Equal(got, want) {
				t.Errorf("%s sees people helped %q, want %q", who, got, want)
			}
			if !strings.Contains(page, "<h1>My dashboard</h1>") || !strings.Contains(page, "Exact figures: your role covers them.") {
				t.Errorf("%s: no dashboard of exact figures", who)
			}
		}
		// Who did the most, and where to go next.
		_, page := e.page(http.MethodGet, "/", w.f.tokens[coordinator], nil)
		org := `href="/organisations/` + idStr(w.f.org.ID) + `"`
		if got := tableRow(page, org); !slices.Equal(got, []string{"1", "13", l.Money(70_000_000)}) {
			t.Errorf("the coordinator's top organisation: %q", got)
		}
		for _, link := range []string{`href="/results/KZ-71"`, `href="/reports?region=KZ-71"`, `href="/organisations?region=KZ-71"`} {
			if !strings.Contains(page, link) {
				t.Errorf("the coordinator's dashboard has no %s", link)
			}
		}
		_, page = e.page(http.MethodGet, "/", w.f.tokens[manager], nil)
		if !strings.Contains(page, `href="/reports?organisation=`+idStr(w.f.org.ID)+`"`) || strings.Contains(page, "/results/KZ-75") {
			t.Error("the manager's dashboard does not link to their organisation's report, or shows another region")
		}
		_, page = e.page(http.MethodGet, "/", w.f.tokens[admin], nil)
		if got := tableRow(page, `href="/results/KZ-75"`); !slices.Equal(got, []string{"1", "2", l.Money(10_000_000)}) {
			t.Errorf("the admin's regions: KZ-75 is %q", got)
		}
	})
}

func TestDashboardOfAVolunteer(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		w := newResultsWorld(t, e)
		_, page := e.page(http.MethodGet, "/", w.f.tokens[volunteer], nil)
		for _, want := range []string{"<strong>2.5</strong> hours this year", "<strong>3.5</strong> hours in all",
			"<strong>2</strong> shifts with confirmed hours", "Tomorrow&#39;s concert</a>: Welcoming guests", `href="/my/shifts"`} {
			if !strings.Contains(page, want) {
				t.Errorf("the volunteer's dashboard lacks %q", want)
			}
		}
		// The events worked at: what they did, the small one suppressed.
		l := enLocalizer(e)
		if got := tableRow(page, `href="/events/`+idStr(w.a.ID)+`"`); len(got) != 3 || got[1] != "13" || got[2] != l.Money(70_000_000) {
			t.Errorf("event A on the volunteer's dashboard: %q", got)
		}
		if got := tableRow(page, `href="/events/`+idStr(w.l.ID)+`"`); len(got) != 3 || got[1] != "fewer than 5" || got[2] != "fewer than 5" {
			t.Errorf("last year's event of 3 people on the volunteer's dashboard: %q", got)
		}
		if strings.Contains(page, "Exact figures") || strings.Contains(page, "Жұмабаев") {
			t.Error("the volunteer's dashboard shows staff figures or names a person helped")
		}
	})
}

func TestDashboardOfAPatron(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		w := newResultsWorld(t, e)
		l := enLocalizer(e)
		_, page := e.page(http.MethodGet, "/", w.f.tokens[patron], nil)
		year := idStr(int64(today().Year()))
		for _, want := range []string{"<strong>" + l.Money(100_000_000) + "</strong> given in " + year + ", in 1 gift",
			"<strong>" + l.Money(130_000_000) + "</strong> given in all, in 2 gifts", `href="/donations"`} {
			if !strings.Contains(page, want) {
				t.Errorf("the patron's dashboard lacks %q", want)
			}
		}
		fund := `href="/organisations/` + idStr(w.f.org.ID) + `/transparency"`
		if got := tableRow(page, fund); !slices.Equal(got, []string{l.Money(130_000_000), l.Money(130_000_000), l.Money(0)}) {
			t.Errorf("the fund of the patron's gifts: %q", got)
		}
		org := `<th scope="row"><a href="/organisations/` + idStr(w.f.org.ID) + `"`
		if got := tableRow(page, org); !slices.Equal(got, []string{"1", "13", l.Money(70_000_000)}) {
			t.Errorf("the organisation the patron supports: %q", got)
		}
		if got := tableRow(page, `href="/events/`+idStr(w.a.ID)+`"`); len(got) != 3 || got[1] != "13" {
			t.Errorf("event A the patron supports: %q", got)
		}
		if got := tableRow(page, `href="/events/`+idStr(w.b.ID)+`"`); len(got) != 3 || got[1] != "fewer than 5" || got[2] != "fewer than 5" {
			t.Errorf("event B of two people, which the patron supports: %q", got)
		}
		for _, name := range []string{"Жұмабаев", "Ли Светлана", "Ким Ольга"} {
			if strings.Contains(page, name) {
				t.Errorf("the patron's dashboard names %s, who was helped", name)
			}
		}
	})
}

// Someone with several roles sees a part for each.
func TestDashboardOfSeveralRoles(t *testing.T) {
	e := newEnv(t, "sqlite", nil)
	newResultsWorld(t, e)
	u := &parasat.User{Email: "two@example.kz", Name: "Two roles", Grants: []parasat.Grant{
		{Role: parasat.RoleCoordinator, Region: "KZ-75"}, {Role: parasat.RoleVolunteer}, {Role: parasat.RolePatron}}}
	if err := e.db.CreateUser(context.Background(), u, ""); err != nil {
		t.Fatal(err)
	}
	token, err := e.db.CreateToken(context.Background(), &parasat.APIToken{UserID: u.ID, Name: "test"})
	if err != nil {
		t.Fatal(err)
	}
	_, page := e.page(http.MethodGet, "/", token, nil)
	if got := tableRow(page, peopleRow); len(got) != 4 || got[0] != "2" {
		t.Errorf("the coordinator of KZ-75 sees people helped %q, want 2 this year", got)
	}
	for _, want := range []string{"My volunteering", "Your account has no volunteer&#39;s record yet", "My gifts and what they did",
		"not linked to a patron&#39;s record"} {
		if !strings.Contains(page, want) {
			t.Errorf("the dashboard of several roles lacks %q", want)
		}
	}
}
