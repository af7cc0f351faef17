package http

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/parasat-kz/parasat"
)

// pledgeTo is the patron's promise of amount to an event, due in full on due.
func (m *moneyEnv) pledgeTo(event, amount int64, due parasat.Date) map[string]any {
	return map[string]any{"patron_id": m.patron.ID, "event_id": event, "schedule": "once", "amount_tiyn": amount, "due_on": due.String()}
}

func pledgePath(id int64) string { return "/api/v1/pledges/" + strconv.FormatInt(id, 10) }

func TestPledgesToAnEventThroughTheAPI(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		m := newMoneyEnv(t, e)
		ours := m.moneyEvent(t, m.org.ID, "KZ-71", nil, true)
		theirs := m.moneyEvent(t, m.other.ID, "KZ-75", []int64{m.org.ID}, false)
		yesterday := parasat.Date{Time: kzToday().AddDate(0, 0, -1)}
		// The same people record pledges to an event as gifts to it: its lead's and partners' staff, its region's coordinator.
		for _, c := range []struct {
			who    role
			event  parasat.Event
			status int
		}{
			{manager, ours, http.StatusCreated}, {coordinator, ours, http.StatusCreated}, {manager, theirs, http.StatusCreated},
			{coordinator, theirs, http.StatusForbidden}, {patron, ours, http.StatusForbidden}, {volunteer, ours, http.StatusForbidden},
		} {
			r := e.post("/api/v1/pledges", m.as(c.who), "", m.pledgeTo(c.event.ID, 1_000_000, yesterday))
			if r.status != c.status {
				t.Errorf("%s's pledge to event %d: %s; want %d", c.who, c.event.ID, r, c.status)
			}
		}

		r := e.post("/api/v1/pledges", m.as(manager), "event-pledge-1", m.pledgeTo(ours.ID, 50_000_000, yesterday))
		expect(t, r, http.StatusCreated)
		if strings.Contains(string(r.body), "campaign_id") {
			t.Errorf("a pledge to an event names a campaign: %s", r.body)
		}
		pl := decode[PledgeView](t, r)
		if pl.EventID != ours.ID || pl.OrganisationID != m.org.ID || pl.Region != "KZ-71" || pl.Promised != 50_000_000 ||
			pl.Received != 0 || pl.Overdue != 50_000_000 || r.header.Get("Location") != pledgePath(pl.ID) {
			t.Errorf("the pledge: %+v", pl)
		}
		if again := e.post("/api/v1/pledges", m.as(manager), "event-pledge-1", m.pledgeTo(ours.ID, 50_000_000, yesterday)); again.header.Get("Idempotent-Replayed") != "true" {
			t.Errorf("a retried pledge to an event: %s", again)
		}

		// A gift to the event's fund fulfils it in part; one to the campaign cannot.
		gift := m.giftTo(20_000_000, ours.ID)
		gift["pledge_id"] = pl.ID
		r = e.post("/api/v1/donations", m.as(manager), "", gift)
		expect(t, r, http.StatusCreated)
		donation := decode[parasat.Donation](t, r)
		elsewhere := m.gift(1_000_000, "kk")
		elsewhere["pledge_id"] = pl.ID
		expectProblem(t, e.post("/api/v1/donations", m.as(manager), "", elsewhere), http.StatusUnprocessableEntity, "body.pledge_id")
		got := decode[PledgeView](t, e.do(http.MethodGet, pledgePath(pl.ID), m.as(coordinator), nil))
		if got.Received != 20_000_000 || got.Overdue != 30_000_000 || got.Outstanding != 30_000_000 || got.Promised != 50_000_000 {
			t.Errorf("after a part payment: %+v", got)
		}

		// Listed by event, for those who may see it: the patron their own.
		list := func(who role, query string) []PledgeView {
			t.Helper()
			r := e.do(http.MethodGet, "/api/v1/pledges"+query, m.as(who), nil)
			expect(t, r, http.StatusOK)
			return decode[struct{ Items []PledgeView }](t, r).Items
		}
		if items := list(coordinator, "?event="+strconv.FormatInt(ours.ID, 10)); len(items) != 3 || items[0].ID != pl.ID ||
			items[0].Received != 20_000_000 {
			t.Errorf("the event's pledges: %+v", items)
		}
		for _, p := range list(coordinator, "") {
			if p.EventID == theirs.ID {
				t.Errorf("the capital's coordinator sees a pledge to an event in Almaty: %+v", p)
			}
		}
		if items := list(manager, "?event="+strconv.FormatInt(theirs.ID, 10)); len(items) != 1 || items[0].OrganisationID != m.other.ID ||
			items[0].Region != "KZ-75" {
			t.Errorf("a partner's manager sees the pledges to the event as %+v", items)
		}
		if items := list(patron, "?event="+strconv.FormatInt(ours.ID, 10)); len(items) != 3 {
			t.Errorf("the patron sees %d of their pledges to the event", len(items))
		}
		expect(t, e.do(http.MethodGet, pledgePath(pl.ID), m.as(volunteer), nil), http.StatusNotFound)

		// A reversed gift no longer counts.
		expect(t, e.post("/api/v1/donations/"+strconv.FormatInt(donation.ID, 10)+"/reversal", m.as(manager), "",
			map[string]any{"reason": "Жаңсақ іс-шара"}), http.StatusCreated)
		if got := decode[PledgeView](t, e.do(http.MethodGet, pledgePath(pl.ID), m.as(manager), nil)); got.Received != 0 || got.Overdue != 50_000_000 {
			t.Errorf("after the reversal: %+v", got)
		}
		problems, err := e.db.VerifyLedger(context.Background())
		if err != nil || len(problems) > 0 {
			t.Errorf("the books: %v, %v", problems, err)
		}
	})
}

func TestBadPledgesToEventsAreRefusedAndRecordNothing(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		m := newMoneyEnv(t, e)
		ev := m.moneyEvent(t, m.org.ID, "KZ-71", nil, true)
		cancelled := m.moneyEvent(t, m.org.ID, "KZ-71", nil, true)
		expect(t, e.do(http.MethodPost, eventPath(cancelled.ID, "/cancel"), m.as(coordinator), map[string]any{"reason": "Дауыл"}), http.StatusOK)
		due := parasat.Date{Time: kzToday().AddDate(0, 1, 0)}
		both := m.pledgeTo(ev.ID, 1_000_000, due)
		both["campaign_id"] = m.campaign.ID
		neither := m.pledgeTo(0, 1_000_000, due)
		delete(neither, "event_id")
		for _, c := range []struct {
			name     string
			body     map[string]any
			location string
			says     string
		}{
			{"to a campaign and an event", both, "body.event_id", "not both"},
			{"to nothing", neither, "body.campaign_id", "campaign or the event"},
			{"to an unknown event", m.pledgeTo(ev.ID+1000, 1_000_000, due), "body.event_id", "no event"},
			{"to a cancelled event", m.pledgeTo(cancelled.ID, 1_000_000, due), "body.event_id", "cancelled"},
		} {
			p := expectProblem(t, e.post("/api/v1/pledges", m.as(manager), "", c.body), http.StatusUnprocessableEntity, c.location)
			if len(p.Errors) != 1 || !strings.Contains(p.Errors[0].Message, c.says) {
				t.Errorf("a pledge %s: %+v", c.name, p.Errors)
			}
		}
		all, err := e.db.ListPledges(context.Background(), parasat.PledgeFilter{Visibility: parasat.Visibility{All: true}})
		if err != nil || len(all) != 0 {
			t.Errorf("refused pledges recorded %d (%v)", len(all), err)
		}
		// A gift fulfilling a pledge to the event cannot go elsewhere once the event is cancelled either.
		pl := e.post("/api/v1/pledges", m.as(manager), "", m.pledgeTo(ev.ID, 1_000_000, due))
		expect(t, pl, http.StatusCreated)
		expect(t, e.do(http.MethodPost, eventPath(ev.ID, "/cancel"), m.as(coordinator), map[string]any{"reason": "Боран"}), http.StatusOK)
		gift := m.giftTo(1_000_000, ev.ID)
		gift["pledge_id"] = decode[PledgeView](t, pl).ID
		expectProblem(t, e.post("/api/v1/donations", m.as(manager), "", gift), http.StatusUnprocessableEntity, "body.designation.id")
	})
}
