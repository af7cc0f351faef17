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
)

// TestAVolunteerSignsUpOnTheEventPageAndTheOrganiserRunsTheShift goes
// through the pages as a browser without JavaScript would: the public page
// shows the places and names nobody; a volunteer signs up; the organiser
// checks them in and out and confirms corrected hours; the hours are on the
// volunteer's pages and fill in the event's report.
func TestAVolunteerSignsUpOnTheEventPageAndTheOrganiserRunsTheShift(t *testing.T) {
	e := newEnv(t, "sqlite", nil)
	w := newShiftWorld(t, e)
	ctx := context.Background()
	// An event that began ten minutes ago; its shift starts in twenty.
	ev := &parasat.Event{Title: parasat.Names{EN: "Iftar for neighbours"}, Kind: parasat.EventDistribution,
		Starts: time.Now().Add(-10 * time.Minute), Ends: time.Now().Add(3 * time.Hour), LeadID: w.f.org.ID, Published: true}
	if err := e.db.CreateEvent(ctx, ev); err != nil {
		t.Fatal(err)
	}
	start := time.Now().Add(20 * time.Minute)
	sh := &parasat.Shift{EventID: ev.ID, Role: parasat.Names{EN: "Serving food"}, Starts: start, Ends: start.Add(4 * time.Hour), Capacity: 2}
	if err := e.db.CreateShift(ctx, sh); err != nil {
		t.Fatal(err)
	}
	people := w.volunteers(t, e, 2)
	eventPage := "/events/" + strconv.FormatInt(ev.ID, 10)
	status, body := e.page(http.MethodGet, eventPage, "", nil)
	if status != http.StatusOK || !strings.Contains(body, "Volunteer shifts") || !strings.Contains(body, "2 places free of 2") ||
		!strings.Contains(body, "/signin?next=") {
		t.Fatalf("the public event page: %d\n%s\n%s", status, body, e.logs)
	}
	signUp := "/shifts/" + strconv.FormatInt(sh.ID, 10) + "/signup"
	if status, _ := e.page(http.MethodPost, signUp, people[0].token, url.Values{}); status != http.StatusSeeOther {
		t.Fatalf("signing up on the page: %d", status)
	}
	if _, body := e.page(http.MethodGet, eventPage, people[0].token, nil); !strings.Contains(body, "You have a place.") ||
		!strings.Contains(body, "Cancel my sign-up") || !strings.Contains(body, "1 place free of 2") {
		t.Errorf("the event page after signing up:\n%s", body)
	}
	status, body = e.page(http.MethodPost, signUp, people[0].token, url.Values{})
	if status != http.StatusConflict || !strings.Contains(body, "The volunteer is already signed up for this shift.") {
		t.Errorf("signing up twice: %d\n%s", status, body)
	}
	if _, body := e.page(http.MethodGet, eventPage, "", nil); strings.Contains(body, people[0].v.FullName) {
		t.Errorf("the public event page names a volunteer")
	}
	if status, _ := e.page(http.MethodPost, signUp, people[1].token, url.Values{}); status != http.StatusSeeOther {
		t.Fatalf("the second sign-up: %d", status)
	}

	manager := w.f.tokens[manager]
	shiftPage := "/shifts/" + strconv.FormatInt(sh.ID, 10)
	status, body = e.page(http.MethodGet, shiftPage, manager, nil)
	if status != http.StatusOK || !strings.Contains(body, people[0].v.FullName) || strings.Count(body, ">Check in<") != 2 {
		t.Fatalf("the organiser's shift page: %d\n%s", status, body)
	}
	if status, _ := e.page(http.MethodGet, shiftPage, people[0].token, nil); status != http.StatusForbidden {
		t.Errorf("a volunteer opens the organisers' page: %d", status)
	}
	list, _ := e.db.ShiftSignups(ctx, sh.ID)
	first, second := list[0].ID, list[1].ID
	act := func(id int64, what string, form url.Values) (int, string) {
		return e.page(http.MethodPost, "/signups/"+strconv.FormatInt(id, 10)+"/"+what, manager, form)
	}
	status, body = act(second, "checkout", url.Values{})
	if status != http.StatusConflict || !strings.Contains(body, "The volunteer has not checked in: check them in first.") {
		t.Errorf("a check-out before the check-in: %d\n%s", status, body)
	}
	for _, what := range []string{"checkin", "checkout"} {
		if status, _ := act(first, what, url.Values{}); status != http.StatusSeeOther {
			t.Fatalf("%s: %d", what, status)
		}
	}
	status, body = act(first, "hours", url.Values{"hours": {"10"}})
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "More than the shift&#39;s length and two hours") {
		t.Errorf("ten hours of a four-hour shift: %d\n%s", status, body)
	}
	if status, _ := act(first, "hours", url.Values{"hours": {"3,5"}}); status != http.StatusSeeOther {
		t.Fatalf("confirming corrected hours: %d", status)
	}
	if _, body := e.page(http.MethodGet, shiftPage, manager, nil); !strings.Contains(body, "3.5 h confirmed") {
		t.Errorf("the shift page after the hours:\n%s", body)
	}
	status, body = e.page(http.MethodGet, "/my/shifts", people[0].token, nil)
	if status != http.StatusOK || !strings.Contains(body, "<strong>3.5</strong> hours confirmed") {
		t.Errorf("the volunteer's own page: %d\n%s", status, body)
	}
	mine := "/volunteers/" + strconv.FormatInt(people[0].v.ID, 10)
	if _, body := e.page(http.MethodGet, mine, people[0].token, nil); !strings.Contains(body, "<strong>3.5</strong> hours confirmed") {
		t.Errorf("the volunteer's record:\n%s", body)
	}
	// Held, the event's report is filled in from the confirmed hours.
	if _, err := e.db.HoldEvent(ctx, ev.ID); err != nil {
		t.Fatal(err)
	}
	_, body = e.page(http.MethodGet, eventPage, manager, nil)
	if !strings.Contains(body, `name="volunteers" type="number" value="1"`) || !strings.Contains(body, `name="hours" type="text" value="3.5"`) ||
		!strings.Contains(body, "Filled in from the shifts&#39; confirmed hours: 1 volunteer, 3.5 h.") ||
		!strings.Contains(body, "Hours confirmed so far: 1 volunteer, 3.5 h.") {
		t.Errorf("the report form of the held event:\n%s", body)
	}
}

func TestStaffInviteAnApprovedVolunteerToAnAccount(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		w := newShiftWorld(t, e)
		ctx := context.Background()
		consent := parasat.DayInKazakhstan(time.Now())
		birth, _ := parasat.ParseDate("1995-02-14")
		v := &parasat.Volunteer{FullName: "Динара Әлиева", BirthDate: birth, Region: "KZ-71", Email: "dinara@example.kz",
			Languages: []parasat.Language{parasat.Russian}, Consent: parasat.Consent{GivenOn: &consent, Scope: "ауысымдар"}}
		if err := e.db.CreateVolunteer(ctx, v); err != nil {
			t.Fatal(err)
		}
		invite := "/api/v1/volunteers/" + strconv.FormatInt(v.ID, 10) + "/invite"
		coordinator := "Bearer " + w.f.tokens[coordinator]
		expectProblem(t, e.do(http.MethodPost, invite, coordinator, nil), http.StatusConflict, "body.status")
		if _, err := e.db.DecideVolunteer(ctx, v.ID, parasat.VolunteerApproved); err != nil {
			t.Fatal(err)
		}
		expectProblem(t, e.do(http.MethodPost, invite, "Bearer "+w.f.tokens[volunteer], nil), http.StatusForbidden, "")
		r := e.do(http.MethodPost, invite, coordinator, nil)
		expect(t, r, http.StatusCreated)
		out := decode[struct {
			Account parasat.User `json:"account"`
			Link    string       `json:"set_password_link"`
		}](t, r)
		if !out.Account.Has(parasat.RoleVolunteer) || out.Account.Language != parasat.Russian || !strings.HasPrefix(out.Link, "/password/set?token=") {
			t.Errorf("the invitation %+v", out)
		}
		linked, _ := e.db.Volunteer(ctx, v.ID)
		if linked.UserID == nil || *linked.UserID != out.Account.ID {
			t.Errorf("the volunteer is not linked to the new account: %+v", linked.UserID)
		}
		if m := queuedMails(t, e); m["invitation"] != 1 {
			t.Errorf("mails %v; want the invitation", m)
		}
		expectProblem(t, e.do(http.MethodPost, invite, coordinator, nil), http.StatusConflict, "body.user_id")
		// With the link, the volunteer sets a password, and signs up themself.
		token := strings.TrimPrefix(out.Link, "/password/set?token=")
		if _, err := e.db.UsePasswordReset(ctx, token, mustHash(t, "Дастархан 2026")); err != nil {
			t.Fatal(err)
		}
		b := e.browser(t, "en")
		b.signIn("dinara@example.kz", "Дастархан 2026")
		if status, page := b.get("/my/shifts"); status != http.StatusOK || !strings.Contains(page, "Shifts you can sign up for") {
			t.Errorf("the invited volunteer's page: %d\n%s", status, page)
		}
	})
}
