package http

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/parasat-kz/parasat"
)

// eventBody is a concert of org, yesterday, in the API's shape.
func eventBody(org int64, published bool) map[string]any {
	start := time.Now().Add(-26 * time.Hour).UTC().Truncate(time.Second)
	return map[string]any{"title": map[string]string{"kk": "Жеңіс күні ардагерлерге", "ru": "День Победы для ветеранов"},
		"kind": "concert_visit", "starts_at": start, "ends_at": start.Add(3 * time.Hour), "lead_organisation_id": org,
		"target_groups": []string{"veteran"}, "planned_budget_tiyn": 30_000_000, "published": published}
}

func eventPath(id int64, suffix string) string {
	return "/api/v1/events/" + strconv.FormatInt(id, 10) + suffix
}

// servedPerson registers a veteran served by org and returns their id and IIN.
func servedPerson(t *testing.T, e *env, name string, serial int, org int64) (int64, string) {
	t.Helper()
	iin := validIIN("400509", 3, serial)
	birth, _ := parasat.ParseDate("1940-05-09")
	b := &parasat.Beneficiary{FullName: name, IIN: iin, BirthDate: birth, Sex: parasat.Male, Region: "KZ-71",
		Organisations: []int64{org}, Categories: []parasat.CategoryAssignment{{Category: parasat.CategoryVeteran}}}
	if err := e.db.CreateBeneficiary(context.Background(), b); err != nil {
		t.Fatal(err)
	}
	return b.ID, iin
}

func TestEventAPIFromPlanToReport(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		f := newRoleFixture(t, e)
		as := func(r role) string { return "Bearer " + f.tokens[r] }
		// A manager plans for their own organisation only.
		expectProblem(t, e.do(http.MethodPost, "/api/v1/events", as(manager), eventBody(f.other.ID, false)), http.StatusForbidden, "")
		bad := eventBody(f.org.ID, false)
		bad["ends_at"] = time.Now().Add(-30 * time.Hour)
		expectProblem(t, e.do(http.MethodPost, "/api/v1/events", as(manager), bad), http.StatusUnprocessableEntity, "body.ends_at")
		created := e.do(http.MethodPost, "/api/v1/events", as(manager), eventBody(f.org.ID, false))
		expect(t, created, http.StatusCreated)
		ev := decode[EventView](t, created)
		if ev.Region != "KZ-71" || ev.Status != parasat.EventPlanned || ev.Results == nil || ev.Results.AidRecords != 0 {
			t.Errorf("created %+v", ev)
		}
		// Unpublished: hidden from the public, and from the other region's staff.
		expectProblem(t, e.get(eventPath(ev.ID, "")), http.StatusNotFound, "")
		if list := decode[struct{ Items []parasat.Event }](t, e.get("/api/v1/events")); len(list.Items) != 0 {
			t.Errorf("the public sees %d unpublished events", len(list.Items))
		}
		expect(t, e.do(http.MethodGet, eventPath(ev.ID, ""), as(coordinator), nil), http.StatusOK)
		// Reporting is refused until the event is held and has results.
		report := map[string]any{"volunteers": 4, "volunteer_minutes": 600}
		expectProblem(t, e.do(http.MethodPost, eventPath(ev.ID, "/report"), as(manager), report), http.StatusConflict, "body.status")
		expect(t, e.do(http.MethodPost, eventPath(ev.ID, "/hold"), as(manager), nil), http.StatusOK)
		expectProblem(t, e.do(http.MethodPost, eventPath(ev.ID, "/report"), as(manager), report), http.StatusConflict, "body.aid")

		first, _ := servedPerson(t, e, "Ахметов Серік", 101, f.org.ID)
		_, secondIIN := servedPerson(t, e, "Петров Николай", 102, f.org.ID)
		_, strangerIIN := servedPerson(t, e, "Омаров Ержан", 103, f.other.ID)
		day := parasat.DayInKazakhstan(time.Now().Add(-26 * time.Hour)).String()
		gift := func(extra map[string]any) map[string]any {
			b := map[string]any{"given_on": day, "event_id": ev.ID, "kind": "goods", "item": "food_package", "value_tiyn": 1_200_000}
			for k, v := range extra {
				b[k] = v
			}
			return b
		}
		// Somebody the organisation does not serve spoils the whole batch.
		refused := e.do(http.MethodPost, "/api/v1/aid/bulk", as(manager), map[string]any{"records": []any{
			gift(map[string]any{"recipient": "beneficiary", "beneficiary_id": first}),
			gift(map[string]any{"recipient": "beneficiary", "iin": strangerIIN})}})
		expectProblem(t, refused, http.StatusUnprocessableEntity, "body.records.1.beneficiary_id")
		for _, body := range []map[string]any{
			gift(map[string]any{"recipient": "group", "group_size": 0, "kind": "care", "item": "concert", "value_tiyn": 0}),
			gift(map[string]any{"recipient": "beneficiary", "beneficiary_id": first, "value_tiyn": -5}),
			gift(map[string]any{"recipient": "beneficiary", "beneficiary_id": first, "value_tiyn": int64(1e15)}),
			gift(map[string]any{"recipient": "beneficiary", "beneficiary_id": first, "given_on": kzToday().Time.AddDate(0, 0, 2).Format("2006-01-02")}),
		} {
			expect(t, e.do(http.MethodPost, "/api/v1/aid", as(manager), body), http.StatusUnprocessableEntity)
		}
		bulk := e.do(http.MethodPost, "/api/v1/aid/bulk", as(manager), map[string]any{"records": []any{
			gift(map[string]any{"recipient": "beneficiary", "beneficiary_id": first}),
			gift(map[string]any{"recipient": "beneficiary", "iin": secondIIN}),
			gift(map[string]any{"recipient": "group", "group_size": 35, "kind": "care", "item": "concert", "value_tiyn": 0})}})
		expect(t, bulk, http.StatusCreated)
		if items := decode[struct{ Items []parasat.AidRecord }](t, bulk).Items; len(items) != 3 || items[1].BeneficiaryID == nil ||
			items[0].OrganisationID != f.org.ID || items[2].ID <= items[0].ID {
			t.Errorf("bulk answered %+v", items)
		}
		// Another region's coordinator sees none of it; this region's sees all.
		if list := decode[struct{ Items []parasat.AidRecord }](t, e.do(http.MethodGet, "/api/v1/aid?event="+strconv.FormatInt(ev.ID, 10), as(coordinator), nil)); len(list.Items) != 3 {
			t.Errorf("the coordinator sees %d aid records", len(list.Items))
		}
		reported := e.do(http.MethodPost, eventPath(ev.ID, "/report"), as(manager), report)
		expect(t, reported, http.StatusOK)
		got := decode[EventView](t, reported)
		if got.Status != parasat.EventReported || got.Results.PeopleNamed != 2 || got.Results.PeopleAnonymous != 35 ||
			got.Results.ValueTiyn != 2_400_000 || *got.Results.Volunteers != 4 || got.ReportedBy == nil || *got.ReportedBy != f.users[manager].ID {
			t.Errorf("reported %+v, results %+v", got.Event, got.Results)
		}
		expectProblem(t, e.do(http.MethodPost, eventPath(ev.ID, "/cancel"), as(manager), map[string]string{"reason": "late"}),
			http.StatusConflict, "body.status")
	})
}

func TestPublishedEventsArePublicWithoutNames(t *testing.T) {
	e := newEnv(t, "sqlite", nil)
	f := newRoleFixture(t, e)
	created := e.do(http.MethodPost, "/api/v1/events", e.bearer(), eventBody(f.org.ID, true))
	expect(t, created, http.StatusCreated)
	ev := decode[EventView](t, created)
	public := e.get(eventPath(ev.ID, ""))
	expect(t, public, http.StatusOK)
	if got := decode[EventView](t, public); got.Title.KK != "Жеңіс күні ардагерлерге" || got.Results == nil {
		t.Errorf("public event %+v", got)
	}
	expectProblem(t, e.get("/api/v1/aid?event="+strconv.FormatInt(ev.ID, 10)), http.StatusUnauthorized, "")
	expectProblem(t, e.do(http.MethodGet, "/api/v1/aid", "Bearer "+f.tokens[volunteer], nil), http.StatusForbidden, "")
}

// The results of a published event are public, but a group of fewer than 5
// people helped or volunteers is not, as in every public report: the
// public sees that there were fewer than 5, the event's staff the numbers.
func TestPublicEventResultsHideFewPeople(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		f := newRoleFixture(t, e)
		created := e.do(http.MethodPost, "/api/v1/events", e.bearer(), eventBody(f.org.ID, true))
		expect(t, created, http.StatusCreated)
		ev := decode[EventView](t, created)
		a, _ := servedPerson(t, e, "Жұмабаев Серік", 51, f.org.ID)
		b, _ := servedPerson(t, e, "Омаров Ержан", 52, f.org.ID)
		for _, id := range []int64{a, b} {
			expect(t, e.do(http.MethodPost, "/api/v1/aid", e.bearer(), map[string]any{"event_id": ev.ID, "recipient": "beneficiary",
				"beneficiary_id": id, "given_on": today().String(), "kind": "goods", "item": "food_package", "quantity": 1,
				"value_tiyn": 1_000_000}), http.StatusCreated)
		}
		public := decode[EventView](t, e.get(eventPath(ev.ID, "")))
		if r := public.Results; r.PeopleHelped != 0 || r.PeopleNamed != 0 || r.ValueTiyn != 0 || !r.Hidden(parasat.ResultPeople) {
			t.Errorf("the public sees %+v; want the 2 people and their help hidden", r)
		}
		staff := decode[EventView](t, e.do(http.MethodGet, eventPath(ev.ID, ""), "Bearer "+f.tokens[manager], nil))
		if r := staff.Results; r.PeopleHelped != 2 || r.ValueTiyn != 2_000_000 || len(r.Suppressed) != 0 {
			t.Errorf("the organiser sees %+v; want 2 people and 20 000 ₸", r)
		}
		page := e.get("/events/" + strconv.FormatInt(ev.ID, 10))
		expect(t, page, http.StatusOK)
		if body := string(page.body); !strings.Contains(body, "5 адамнан азға") || strings.Contains(body, "20 000") {
			t.Errorf("the public event page does not hide the 2 people helped:\n%s", body)
		}
	})
}
