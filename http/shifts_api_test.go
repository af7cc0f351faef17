package http

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/parasat-kz/parasat"
)

// shiftWorld is a published event of the fixture's organisation in two
// days, and volunteers with accounts of their own.
type shiftWorld struct {
	f     *roleFixture
	event *parasat.Event
}

func newShiftWorld(t *testing.T, e *env) *shiftWorld {
	t.Helper()
	w := &shiftWorld{f: newRoleFixture(t, e)}
	start := time.Now().Add(48 * time.Hour).Truncate(time.Minute)
	w.event = &parasat.Event{Title: parasat.Names{KK: "Азық-түлік себеті", EN: "Food baskets"}, Kind: parasat.EventDistribution,
		Starts: start, Ends: start.Add(4 * time.Hour), LeadID: w.f.org.ID, Address: "Достық үйі", Published: true}
	if err := e.db.CreateEvent(context.Background(), w.event); err != nil {
		t.Fatal(err)
	}
	return w
}

// volunteerAccount is an approved volunteer signed up with an account of
// their own (the volunteer role), and that account's API token.
type volunteerAccount struct {
	v     *parasat.Volunteer
	token string
}

func (w *shiftWorld) volunteers(t *testing.T, e *env, n int) []volunteerAccount {
	t.Helper()
	ctx := context.Background()
	out := make([]volunteerAccount, n)
	var records []*parasat.Volunteer
	for i := range n {
		u := &parasat.User{Email: fmt.Sprintf("helper%d@example.kz", i+1), Name: fmt.Sprintf("Көмекші %d", i+1),
			Grants: []parasat.Grant{{Role: parasat.RoleVolunteer}}}
		if err := e.db.CreateUser(ctx, u, ""); err != nil {
			t.Fatal(err)
		}
		secret, err := e.db.CreateToken(ctx, &parasat.APIToken{UserID: u.ID, Name: "shifts"})
		if err != nil {
			t.Fatal(err)
		}
		birth, _ := parasat.ParseDate(fmt.Sprintf("19%02d-04-%02d", 70+i%30, 1+i%28))
		consent := parasat.DayInKazakhstan(time.Now())
		v := &parasat.Volunteer{FullName: fmt.Sprintf("Көмекші %d", i+1), BirthDate: birth, Region: "KZ-71", Email: u.Email,
			Consent: parasat.Consent{GivenOn: &consent, Scope: "еріктілер ауысымдары"}, Status: parasat.VolunteerApproved,
			UserID: &u.ID, Organisations: []int64{w.f.org.ID}}
		records = append(records, v)
		out[i].token = secret
	}
	if err := e.db.CreateVolunteers(ctx, records); err != nil {
		t.Fatal(err)
	}
	for i, v := range records {
		out[i].v = v
	}
	return out
}

func (w *shiftWorld) shiftBody(offset time.Duration, hours, capacity int) map[string]any {
	start := w.event.Starts.Add(offset)
	return map[string]any{"role": map[string]string{"kk": "Тамақ тарату", "en": "Serving food"}, "starts_at": start,
		"ends_at": start.Add(time.Duration(hours) * time.Hour), "capacity": capacity, "skills": []string{"cooking"}}
}

func (w *shiftWorld) createShift(t *testing.T, e *env, body map[string]any) parasat.Shift {
	t.Helper()
	r := e.do(http.MethodPost, eventPath(w.event.ID, "/shifts"), "Bearer "+w.f.tokens[manager], body)
	expect(t, r, http.StatusCreated)
	return decode[parasat.Shift](t, r)
}

func shiftPath(id int64, suffix string) string {
	return "/api/v1/shifts/" + strconv.FormatInt(id, 10) + suffix
}

func signupPath(id int64, suffix string) string {
	return "/api/v1/signups/" + strconv.FormatInt(id, 10) + suffix
}

// queuedMails counts the mail jobs by template.
func queuedMails(t *testing.T, e *env) map[string]int {
	t.Helper()
	jobs, err := e.db.ListJobs(context.Background(), parasat.JobFilter{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, j := range jobs {
		var m parasat.Mail
		if err := json.Unmarshal(j.Payload, &m); err == nil {
			out[m.Template]++
		}
	}
	return out
}

// TestCapacityIsNeverExceededWhenVolunteersRace: twenty volunteers sign up
// for five places at once, each through the API with their own token.
// Exactly five get places, the other fifteen are on the waitlist in the
// order they were recorded, and a place freed goes to the first of them.
func TestCapacityIsNeverExceededWhenVolunteersRace(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		w := newShiftWorld(t, e)
		sh := w.createShift(t, e, w.shiftBody(0, 4, 5))
		people := w.volunteers(t, e, 20)
		got := make([]parasat.Signup, len(people))
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i, p := range people {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				r := e.do(http.MethodPost, shiftPath(sh.ID, "/signups"), "Bearer "+p.token, nil)
				if r.status != http.StatusCreated {
					t.Errorf("sign-up of %s: %s", p.v.FullName, r)
					return
				}
				_ = json.Unmarshal(r.body, &got[i])
			}()
		}
		close(start)
		wg.Wait()
		if t.Failed() {
			return
		}
		sort.Slice(got, func(i, j int) bool { return got[i].ID < got[j].ID })
		for i, g := range got {
			want, position := parasat.SignupConfirmed, 0
			if i >= 5 {
				want, position = parasat.SignupWaitlisted, i-4
			}
			if g.Status != want || g.Position != position {
				t.Errorf("sign-up %d in order (id %d): %s, position %d; want %s, %d", i+1, g.ID, g.Status, g.Position, want, position)
			}
		}
		after := decode[parasat.Shift](t, e.get(shiftPath(sh.ID, "")))
		if after.Confirmed != 5 || after.Waitlisted != 15 || after.Free() != 0 {
			t.Errorf("the shift after the race: %d places taken, %d waiting", after.Confirmed, after.Waitlisted)
		}
		if m := queuedMails(t, e); m["shift_confirmed"] != 5 || m["shift_reminder"] != 5 || m["shift_promoted"] != 0 {
			t.Errorf("mails queued %v; want a confirmation and a reminder for each of the five", m)
		}
		// The second with a place cancels: the first on the waitlist takes it and is mailed.
		owner := map[int64]string{}
		for _, p := range people {
			owner[p.v.ID] = p.token
		}
		expect(t, e.do(http.MethodPost, signupPath(got[1].ID, "/cancel"), "Bearer "+owner[got[1].VolunteerID], nil), http.StatusOK)
		first := decode[parasat.Signup](t, e.do(http.MethodGet, signupPath(got[5].ID, ""), "Bearer "+owner[got[5].VolunteerID], nil))
		second := decode[parasat.Signup](t, e.do(http.MethodGet, signupPath(got[6].ID, ""), "Bearer "+owner[got[6].VolunteerID], nil))
		if first.Status != parasat.SignupConfirmed || second.Status != parasat.SignupWaitlisted || second.Position != 1 {
			t.Errorf("after a cancellation: the first waiting is %s, the second %s at %d", first.Status, second.Status, second.Position)
		}
		if m := queuedMails(t, e); m["shift_promoted"] != 1 || m["shift_reminder"] != 5 {
			t.Errorf("mails after the cancellation %v; want one promotion, and the cancelled reminder replaced by the promoted one's", m)
		}
	})
}

func TestShiftAPIRefusesBadInputWithTheField(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		w := newShiftWorld(t, e)
		as := func(r role) string { return "Bearer " + w.f.tokens[r] }
		bad := w.shiftBody(0, 4, 5)
		bad["ends_at"] = w.event.Starts.Add(-time.Hour)
		expectProblem(t, e.do(http.MethodPost, eventPath(w.event.ID, "/shifts"), as(manager), bad), http.StatusUnprocessableEntity, "body.ends_at")
		expectProblem(t, e.do(http.MethodPost, eventPath(w.event.ID, "/shifts"), as(manager), w.shiftBody(0, 4, 0)),
			http.StatusUnprocessableEntity, "body.capacity")
		expectProblem(t, e.do(http.MethodPost, eventPath(w.event.ID, "/shifts"), as(manager), w.shiftBody(0, 4, 100000)),
			http.StatusUnprocessableEntity, "body.capacity")
		expectProblem(t, e.do(http.MethodPost, eventPath(w.event.ID, "/shifts"), as(volunteer), w.shiftBody(0, 4, 5)), http.StatusForbidden, "")
		if list := decode[struct{ Items []parasat.Shift }](t, e.get(eventPath(w.event.ID, "/shifts"))).Items; len(list) != 0 {
			t.Fatalf("%d shifts stored from refused input", len(list))
		}
		morning := w.createShift(t, e, w.shiftBody(0, 3, 5))
		noon := w.createShift(t, e, w.shiftBody(2*time.Hour, 2, 5))
		people := w.volunteers(t, e, 2)
		me := "Bearer " + people[0].token
		r := e.do(http.MethodPost, shiftPath(morning.ID, "/signups"), me, nil)
		expect(t, r, http.StatusCreated)
		g := decode[parasat.Signup](t, r)
		expectProblem(t, e.do(http.MethodPost, shiftPath(morning.ID, "/signups"), me, nil), http.StatusConflict, "body.shift")
		expectProblem(t, e.do(http.MethodPost, shiftPath(noon.ID, "/signups"), me, nil), http.StatusConflict, "body.shift")
		// A volunteer signs up nobody else, and sees nobody else's sign-up.
		expectProblem(t, e.do(http.MethodPost, shiftPath(noon.ID, "/signups"), me, map[string]any{"volunteer_id": people[1].v.ID}),
			http.StatusForbidden, "")
		expectProblem(t, e.do(http.MethodGet, signupPath(g.ID, ""), "Bearer "+people[1].token, nil), http.StatusNotFound, "")
		expectProblem(t, e.do(http.MethodPost, signupPath(g.ID, "/cancel"), "Bearer "+people[1].token, nil), http.StatusNotFound, "")
		// Nor runs the shift.
		expectProblem(t, e.do(http.MethodPost, signupPath(g.ID, "/check-in"), me, nil), http.StatusForbidden, "")
		expectProblem(t, e.do(http.MethodPost, signupPath(g.ID, "/check-out"), as(manager), nil), http.StatusConflict, "body.signup")
		expectProblem(t, e.do(http.MethodPost, signupPath(g.ID, "/check-in"), as(manager), nil), http.StatusConflict, "body.signup")
		// The organiser sees who signed up, with their phone; the public only the counts.
		list := decode[struct{ Items []SignupView }](t, e.do(http.MethodGet, shiftPath(morning.ID, "/signups"), as(manager), nil)).Items
		if len(list) != 1 || list[0].VolunteerName != "Көмекші 1" {
			t.Errorf("the organiser's list %+v", list)
		}
		expectProblem(t, e.get(shiftPath(morning.ID, "/signups")), http.StatusUnauthorized, "")
		if pub := decode[parasat.Shift](t, e.get(shiftPath(morning.ID, ""))); pub.Confirmed != 1 || pub.Free() != 4 {
			t.Errorf("the public shift %+v", pub)
		}
		hours := decode[parasat.VolunteerHours](t, e.do(http.MethodGet, "/api/v1/volunteers/"+strconv.FormatInt(people[0].v.ID, 10)+"/hours", me, nil))
		if len(hours.Upcoming) != 1 || hours.Upcoming[0].Role.EN != "Serving food" || hours.ConfirmedMinutes != 0 {
			t.Errorf("the volunteer's own hours %+v", hours)
		}
		expectProblem(t, e.do(http.MethodGet, "/api/v1/volunteers/"+strconv.FormatInt(people[1].v.ID, 10)+"/hours", me, nil),
			http.StatusNotFound, "")
		expectProblem(t, e.do(http.MethodPut, shiftPath(morning.ID, ""), as(manager), w.shiftBody(0, 3, 0)), http.StatusUnprocessableEntity, "body.capacity")
		if s := decode[parasat.Shift](t, e.get(shiftPath(morning.ID, ""))); s.Capacity != 5 {
			t.Errorf("a refused change changed the capacity to %d", s.Capacity)
		}
		expect(t, e.do(http.MethodDelete, shiftPath(noon.ID, ""), as(manager), nil), http.StatusNoContent)
		if ids := shiftIDs(decode[struct{ Items []parasat.Shift }](t, e.get(eventPath(w.event.ID, "/shifts"))).Items); !slices.Equal(ids, []int64{morning.ID}) {
			t.Errorf("shifts after the removal %v", ids)
		}
	})
}

func shiftIDs(list []parasat.Shift) []int64 {
	var out []int64
	for _, s := range list {
		out = append(out, s.ID)
	}
	return out
}
