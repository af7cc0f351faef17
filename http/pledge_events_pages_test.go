package http

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/parasat-kz/parasat"
)

func TestPledgesToAnEventOnItsPages(t *testing.T) {
	e := newEnv(t, "sqlite", nil)
	m := newMoneyEnv(t, e)
	ev := m.moneyEvent(t, m.org.ID, "KZ-71", nil, true)
	id := strconv.FormatInt(ev.ID, 10)
	staff := m.managerBrowser(t, "ru")
	if body := shownPage(t, staff, "/events/"+id); !strings.Contains(body, "/pledges/new?event="+id) {
		t.Error("the event's page does not offer to record a pledge")
	}
	if body := shownPage(t, staff, "/pledges/new?event="+id); !strings.Contains(body, `value="event:`+id+`" selected`) ||
		!strings.Contains(body, `value="campaign:`+strconv.FormatInt(m.campaign.ID, 10)+`"`) {
		t.Error("the pledge form does not offer the event, chosen, and the campaign")
	}
	yesterday := kzToday().AddDate(0, 0, -1).Format("2006-01-02")
	pledge := url.Values{"patron": {strconv.FormatInt(m.patron.ID, 10)}, "target": {"event:" + id}, "schedule": {"by_date"},
		"amount": {"300 000"}, "due_on": {yesterday}}
	if code, body, loc := staff.post("/pledges", pledge); code != http.StatusSeeOther || loc != "/events/"+id {
		t.Fatalf("a pledge to the event from the form: %d → %q\n%s", code, loc, body)
	}
	list, err := e.db.ListPledges(context.Background(), parasat.PledgeFilter{EventID: ev.ID, Visibility: parasat.Visibility{All: true}})
	if err != nil || len(list) != 1 {
		t.Fatalf("the event's pledges: %+v, %v", list, err)
	}
	pl := strconv.FormatInt(list[0].ID, 10)
	// A second pledge, of another patron, still to come.
	nextMonth := parasat.Date{Time: kzToday().AddDate(0, 1, 0)}
	other := parasat.Patron{Kind: parasat.PatronCompany, Name: "«Береке» ЖШС", BIN: "190440000010", Region: "KZ-71"}
	if err := e.db.CreatePatron(context.Background(), &other); err != nil {
		t.Fatal(err)
	}
	second := m.pledgeTo(ev.ID, 50_000_000, nextMonth)
	second["patron_id"] = other.ID
	expect(t, e.post("/api/v1/pledges", m.as(manager), "", second), http.StatusCreated)
	// The gift form starts from the pledge: its fund, its patron, what is overdue.
	form := shownPage(t, staff, "/donations/new?pledge="+pl)
	for _, want := range []string{`value="event:` + id + `" selected`, `value="` + strconv.FormatInt(m.patron.ID, 10) + `" selected`,
		`name="pledge" type="number" value="` + pl + `"`, `name="amount" type="text" value="300000"`} {
		if !strings.Contains(form, want) {
			t.Errorf("the gift form from the pledge lacks %s\n%s", want, form)
		}
	}
	gift := url.Values{"donor_kind": {"patron"}, "patron": {strconv.FormatInt(m.patron.ID, 10)}, "donor_language": {"ru"},
		"amount": {"120 000"}, "received_on": {kzToday().String()}, "channel": {"cash"}, "pledge": {pl}}
	if code, body, _ := staff.post("/donations", gift); code != http.StatusSeeOther {
		t.Fatalf("a gift fulfilling the pledge, its fund left to the pledge: %d\n%s", code, body)
	}
	wants := map[string][]string{
		"ru": {"Обещания", "300\u00a0000\u00a0₸", "120\u00a0000\u00a0₸", "180\u00a0000\u00a0₸", m.patron.Name, other.Name,
			"Итого", "800\u00a0000\u00a0₸"},
		"kk": {"Уәделер", "Мерзімі өтті", "180\u00a0000\u00a0₸"},
		"en": {"Pledges", "Overdue", "180\u00a0000\u00a0₸"},
	}
	for lang, want := range wants {
		b := staff
		if lang != "ru" {
			b = e.browser(t, lang)
			b.signIn("manager@example.kz", "manager pass 12")
		}
		body := shownPage(t, b, "/events/"+id)
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: the event's page lacks %q", lang, w)
			}
		}
		if list := shownPage(t, b, "/pledges"); !strings.Contains(list, `href="/events/`+id+`">`+ev.Title.Best(parasat.Language(lang))+`</a>`) {
			t.Errorf("%s: the pledges do not name the event they are for", lang)
		}
	}
	if body := shownPage(t, e.browser(t, "ru"), "/events/"+id); strings.Contains(body, "Обещания") || strings.Contains(body, "/pledges/new") {
		t.Error("the public event page shows the pledges")
	}
	// Pledging to a cancelled event is refused in the page's language, and its page offers no more pledges.
	if code, _, _ := staff.post("/events/"+id+"/cancel", url.Values{"reason": {"Буран"}}); code != http.StatusSeeOther {
		t.Fatalf("cancelling: %d", code)
	}
	if code, body, _ := staff.post("/pledges", pledge); code != http.StatusUnprocessableEntity || !strings.Contains(body, "записать обещание на него нельзя") {
		t.Errorf("a pledge to a cancelled event: %d", code)
	}
	pledge.Del("target")
	if code, body, _ := staff.post("/pledges", pledge); code != http.StatusUnprocessableEntity || !strings.Contains(body, "Выберите кампанию или мероприятие") {
		t.Errorf("a pledge to nothing: %d", code)
	}
	if body := shownPage(t, staff, "/events/"+id); strings.Contains(body, "/pledges/new?event=") || strings.Contains(body, "/donations/new?pledge=") {
		t.Error("a cancelled event still offers to record a pledge or a gift for one")
	}
}
