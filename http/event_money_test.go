package http

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/internal/pdftest"
)

// moneyEvent plans an event through the API as the admin: led by lead in
// region, with partners, started yesterday.
func (m *moneyEnv) moneyEvent(t *testing.T, lead int64, region string, partners []int64, published bool) parasat.Event {
	t.Helper()
	start := time.Now().Add(-26 * time.Hour).UTC().Truncate(time.Second)
	r := m.e.do(http.MethodPost, "/api/v1/events", m.e.bearer(), map[string]any{
		"title": map[string]string{"kk": "Мейірім керуені", "ru": "Караван милосердия", "en": "Caravan of Mercy"},
		"kind":  "distribution", "starts_at": start, "ends_at": start.Add(4 * time.Hour), "lead_organisation_id": lead,
		"region": region, "partner_organisations": partners, "published": published})
	expect(t, r, http.StatusCreated)
	return decode[parasat.Event](t, r)
}

// managerBrowser is the manager of the money's organisation, signed in
// to the pages in lang.
func (m *moneyEnv) managerBrowser(t *testing.T, lang string) *browser {
	t.Helper()
	if err := m.e.db.SetPasswordHash(context.Background(), m.users[manager].ID, mustHash(t, "manager pass 12")); err != nil {
		t.Fatal(err)
	}
	b := m.e.browser(t, lang)
	b.signIn("manager@example.kz", "manager pass 12")
	return b
}

// shownPage is the page at path, which must answer 200 with every text
// translated.
func shownPage(t *testing.T, b *browser, path string) string {
	t.Helper()
	code, page := b.get(path)
	if code != http.StatusOK {
		t.Fatalf("%s %s: %d", b.lang, path, code)
	}
	if k := rawKey.FindString(page); k != "" {
		t.Errorf("%s %s shows the key %q instead of its text", b.lang, path, k)
	}
	return page
}

// giftTo is the patron's public gift to an event.
func (m *moneyEnv) giftTo(amount int64, event int64) map[string]any {
	g := m.gift(amount, "ru")
	g["designation"] = map[string]any{"kind": "event", "id": event}
	return g
}

func TestGiftsToAnEventThroughTheAPI(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		m := newMoneyEnv(t, e)
		ours := m.moneyEvent(t, m.org.ID, "KZ-71", nil, true)
		theirs := m.moneyEvent(t, m.other.ID, "KZ-75", []int64{m.org.ID}, false)
		// The staff of the lead, of a partner and the coordinator of the region record gifts; nobody else.
		for _, c := range []struct {
			who    role
			event  parasat.Event
			status int
		}{
			{manager, ours, http.StatusCreated}, {coordinator, ours, http.StatusCreated}, {manager, theirs, http.StatusCreated},
			{coordinator, theirs, http.StatusForbidden}, {patron, ours, http.StatusForbidden}, {volunteer, ours, http.StatusForbidden},
		} {
			r := e.post("/api/v1/donations", m.as(c.who), "", m.giftTo(1_000_000, c.event.ID))
			if r.status != c.status {
				t.Errorf("%s's gift to event %d: %s; want %d", c.who, c.event.ID, r, c.status)
			}
		}
		r := e.post("/api/v1/donations", m.as(manager), "event-gift-1", m.giftTo(25_000_000, ours.ID))
		expect(t, r, http.StatusCreated)
		gift := decode[parasat.Donation](t, r)
		if gift.Designation != (parasat.Designation{Kind: parasat.DesignateEvent, ID: ours.ID}) || gift.OrganisationID != m.org.ID ||
			gift.Region != "KZ-71" || gift.Receipt == nil {
			t.Errorf("the gift: %+v", gift)
		}
		if again := e.post("/api/v1/donations", m.as(manager), "event-gift-1", m.giftTo(25_000_000, ours.ID)); again.header.Get("Idempotent-Replayed") != "true" {
			t.Errorf("a retried gift to an event: %s", again)
		}
		spend := map[string]any{"fund": map[string]any{"kind": "event", "id": ours.ID}, "amount_tiyn": 6_000_000,
			"occurred_on": kzToday().String(), "purpose": "event_costs", "memo": "Автобус"}
		expect(t, e.post("/api/v1/ledger/spendings", m.as(manager), "", spend), http.StatusCreated)
		move := map[string]any{"from": map[string]any{"kind": "event", "id": ours.ID}, "to": map[string]any{"kind": "general", "id": m.org.ID},
			"amount_tiyn": 1_000_000, "occurred_on": kzToday().String()}
		expect(t, e.post("/api/v1/ledger/transfers", m.as(manager), "", move), http.StatusCreated)
		list := decode[struct{ Items []parasat.Donation }](t, e.do(http.MethodGet, "/api/v1/donations?event="+strconv.FormatInt(ours.ID, 10),
			m.as(coordinator), nil)).Items
		if len(list) != 3 {
			t.Errorf("the event's gifts: %d; want 3", len(list))
		}
		// Anyone reads the account of a published event; an unpublished one is for its staff.
		tr := decode[parasat.Transparency](t, e.get(eventPath(ours.ID, "/transparency")))
		if tr.Scope != "event" || tr.Donations != 27_000_000 || tr.Spent != 6_000_000 || tr.TransfersOut != 1_000_000 ||
			tr.Balance != 20_000_000 || len(tr.NamedDonors) != 1 || tr.NamedDonors[0].Name != m.patron.Name {
			t.Errorf("the event's account: %+v", tr)
		}
		expect(t, e.get(eventPath(theirs.ID, "/transparency")), http.StatusNotFound)
		expect(t, e.do(http.MethodGet, eventPath(theirs.ID, "/transparency"), m.as(manager), nil), http.StatusOK)
		org := decode[parasat.Transparency](t, e.get("/api/v1/organisations/"+strconv.FormatInt(m.org.ID, 10)+"/transparency"))
		if org.Donations != 27_000_000 || org.Spent != 6_000_000 || org.Balance != 21_000_000 {
			t.Errorf("the lead's account does not include the event's fund: %+v", org)
		}
		r = e.do(http.MethodGet, "/api/v1/donations/"+strconv.FormatInt(gift.ID, 10)+"/receipt", m.as(patron), nil)
		expect(t, r, http.StatusOK)
		if text := pdftest.Text(t, r.body); !strings.Contains(text, "Караван милосердия") {
			t.Errorf("the receipt does not name the event:\n%s", text)
		}
	})
}

func TestMoneyForAnUnknownOrCancelledEventIsRefused(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		m := newMoneyEnv(t, e)
		ev := m.moneyEvent(t, m.org.ID, "KZ-71", nil, true)
		expect(t, e.post("/api/v1/donations", m.as(manager), "", m.giftTo(5_000_000, ev.ID)), http.StatusCreated)
		expectProblem(t, e.post("/api/v1/donations", m.as(manager), "", m.giftTo(100, ev.ID+1000)), http.StatusUnprocessableEntity,
			"body.designation.id")
		expect(t, e.do(http.MethodPost, eventPath(ev.ID, "/cancel"), m.as(coordinator), map[string]any{"reason": "Дауыл"}), http.StatusOK)
		p := expectProblem(t, e.post("/api/v1/donations", m.as(manager), "", m.giftTo(100, ev.ID)), http.StatusUnprocessableEntity,
			"body.designation.id")
		if !strings.Contains(p.Errors[0].Message, "cancelled") {
			t.Errorf("the refusal says %q", p.Errors[0].Message)
		}
		need := m.gift(100, "kk")
		need["designation"] = map[string]any{"kind": "need", "id": 1}
		expectProblem(t, e.post("/api/v1/donations", m.as(manager), "", need), http.StatusUnprocessableEntity, "body.designation.kind")
		// What the cancelled event holds goes back to the organisation.
		move := map[string]any{"from": map[string]any{"kind": "event", "id": ev.ID}, "to": map[string]any{"kind": "general", "id": m.org.ID},
			"amount_tiyn": 5_000_000, "occurred_on": kzToday().String(), "memo": "Іс-шара болмады"}
		expect(t, e.post("/api/v1/ledger/transfers", m.as(manager), "", move), http.StatusCreated)
		tr := decode[parasat.Transparency](t, e.get(eventPath(ev.ID, "/transparency")))
		if tr.Donations != 5_000_000 || tr.Balance != 0 {
			t.Errorf("the cancelled event's account: %+v", tr)
		}
		problems, err := e.db.VerifyLedger(context.Background())
		if err != nil || len(problems) > 0 {
			t.Errorf("the books: %v, %v", problems, err)
		}
	})
}

func TestAnEventsMoneyOnItsPagesInEveryLanguage(t *testing.T) {
	e := newEnv(t, "sqlite", nil)
	m := newMoneyEnv(t, e)
	ev := m.moneyEvent(t, m.org.ID, "KZ-71", nil, true)
	id := strconv.FormatInt(ev.ID, 10)
	beneficiary, _ := servedPerson(t, e, "Серікбаев Бауыржан", 7, m.org.ID)
	staff := m.managerBrowser(t, "ru")
	if !strings.Contains(shownPage(t, staff, "/donations/new?fund=event:"+id), `value="event:`+id+`" selected`) {
		t.Error("the gift form does not offer the event's fund, chosen")
	}
	gift := url.Values{"fund": {"event:" + id}, "donor_kind": {"patron"}, "patron": {strconv.FormatInt(m.patron.ID, 10)},
		"public": {"yes"}, "donor_language": {"ru"}, "amount": {"120 000"}, "received_on": {kzToday().String()}, "channel": {"cash"}}
	if code, body, loc := staff.post("/donations", gift); code != http.StatusSeeOther {
		t.Fatalf("a gift to the event from the form: %d → %q\n%s", code, loc, body)
	}
	anonymous := url.Values{"fund": {"event:" + id}, "donor_kind": {"anonymous"}, "amount": {"30 000"}, "received_on": {kzToday().String()},
		"channel": {"cash"}}
	if code, _, _ := staff.post("/donations", anonymous); code != http.StatusSeeOther {
		t.Fatalf("an anonymous gift to the event: %d", code)
	}
	if !strings.Contains(shownPage(t, staff, "/ledger/spendings/new?fund=event:"+id), `value="event:`+id+`" selected`) {
		t.Error("the spending form does not start from the event's fund")
	}
	spend := url.Values{"fund": {"event:" + id}, "purpose": {"aid"}, "category": {"veteran"}, "amount": {"50 000"}, "occurred_on": {kzToday().String()}}
	if code, _, _ := staff.post("/ledger/spendings", spend); code != http.StatusSeeOther {
		t.Fatalf("aid paid from the event's fund: %d", code)
	}
	// The person helped, who must never be named with the money.
	aid := map[string]any{"given_on": kzToday().String(), "event_id": ev.ID, "recipient": "beneficiary", "beneficiary_id": beneficiary,
		"kind": "money", "item": "financial_aid", "value_tiyn": 5_000_000}
	expect(t, e.do(http.MethodPost, "/api/v1/aid", m.as(manager), aid), http.StatusCreated)
	wants := map[string][]string{
		"ru": {"Деньги на мероприятие", "150\u00a0000\u00a0₸", "50\u00a0000\u00a0₸", "100\u00a0000\u00a0₸", "Денежная помощь: Ветеран"},
		"kk": {"Іс-шараға берілген қаражат", "150\u00a0000\u00a0₸"},
		"en": {"Money given for the event", "150\u00a0000\u00a0₸"},
	}
	for lang, want := range wants {
		public := e.browser(t, lang)
		body := shownPage(t, public, "/events/"+id)
		for _, w := range append(want, m.patron.Name) {
			if !strings.Contains(body, w) {
				t.Errorf("%s: the public event page lacks %q", lang, w)
			}
		}
		if strings.Contains(body, "Серікбаев") || strings.Contains(body, "/donations/new") {
			t.Errorf("%s: the public event page names the person helped or offers to record a gift", lang)
		}
	}
	if body := shownPage(t, staff, "/events/"+id); !strings.Contains(body, "/donations/new?fund=event:"+id) ||
		!strings.Contains(body, "/ledger/spendings/new?fund=event:"+id) {
		t.Error("the event's page does not let its staff record money")
	}
	code, csv, h := e.browser(t, "en").send(http.MethodGet, "/events/"+id+"/transparency.csv", nil)
	if code != http.StatusOK || !strings.HasPrefix(h.Get("Content-Type"), "text/csv") || !strings.Contains(csv, "donors,"+m.patron.Name+",12000000") {
		t.Errorf("the event's account as CSV: %d\n%s", code, csv)
	}
	if body := shownPage(t, staff, "/ledger?organisation="+strconv.FormatInt(m.org.ID, 10)); !strings.Contains(body, `href="/events/`+id+`"`) {
		t.Error("the ledger does not list the event's fund")
	}
	// A cancelled event refuses gifts on the form, in the page's language.
	if code, _, _ := staff.post("/events/"+id+"/cancel", url.Values{"reason": {"Буран"}}); code != http.StatusSeeOther {
		t.Fatalf("cancelling: %d", code)
	}
	if code, body, _ := staff.post("/donations", anonymous); code != http.StatusUnprocessableEntity || !strings.Contains(body, "Мероприятие отменено") {
		t.Errorf("a gift to a cancelled event: %d", code)
	}
	if body := shownPage(t, staff, "/events/"+id); strings.Contains(body, "/donations/new?fund=event:"+id) {
		t.Error("a cancelled event still offers to record a gift")
	}
}

// The money forms name an event by its day in Kazakhstan: one that starts
// at 01:30 on 15 March there began on 14 March in UTC.
func TestTheGiftFormDatesAnEventInKazakhstan(t *testing.T) {
	e := newEnv(t, "sqlite", nil)
	m := newMoneyEnv(t, e)
	start := time.Date(2025, 3, 14, 20, 30, 0, 0, time.UTC)
	r := e.do(http.MethodPost, "/api/v1/events", e.bearer(), map[string]any{
		"title": map[string]string{"kk": "Наурыз мейрамы", "ru": "Праздник Наурыз", "en": "Nauryz celebration"},
		"kind":  "concert_visit", "starts_at": start, "ends_at": start.Add(3 * time.Hour), "lead_organisation_id": m.org.ID,
		"region": "KZ-71"})
	expect(t, r, http.StatusCreated)
	staff := m.managerBrowser(t, "ru")
	code, page := staff.get("/donations/new")
	if code != http.StatusOK || !strings.Contains(page, "Праздник Наурыз, 15 марта 2025") {
		t.Errorf("the gift form (%d) does not date the event 15 March 2025:\n%s", code, page)
	}
}
