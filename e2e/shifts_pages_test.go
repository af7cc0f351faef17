package e2e

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/parasat-kz/parasat/internal/browsertest"
)

// shiftPlaces are what the tour of the shift pages visits, found once per site.
type shiftPlaces struct {
	volunteer          account // a demo volunteer invited to an account
	volunteerID        string
	event, shift, past string // a coming event, its full shift with a waitlist, a shift worked
}

var shiftTours sync.Map // *site → *shiftPlaces

// shiftPlacesOf invites a demo volunteer to an account (the link comes back
// in the API's answer: the tour's server sends no mail), sets its password
// from the link, and finds the shifts to show.
func (s *site) shiftPlacesOf(t *testing.T) *shiftPlaces {
	t.Helper()
	if p, ok := shiftTours.Load(s); ok {
		return p.(*shiftPlaces)
	}
	token := s.token(t, s.coordinator) // not the admin, whose own account page the tour shows
	var full openShift
	for _, sh := range api[struct{ Items []openShift }](t, s, "", "/shifts?region=KZ-71").Items {
		if sh.Role.EN == "Driver: delivery to homes" {
			full = sh
		}
	}
	if full.ID == 0 {
		t.Fatal("no full shift of drivers among the demo's coming shifts")
	}
	v := newcomer(t, s, token, full.ID)
	req, _ := http.NewRequest(http.MethodPost, s.URL+"/api/v1/volunteers/"+strconv.FormatInt(v.ID, 10)+"/invite", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var invited struct {
		Link string `json:"set_password_link"`
	}
	decodeBody(t, resp, &invited)
	secret := strings.TrimPrefix(invited.Link, "/password/set?token=")
	resp, err = http.PostForm(s.URL+"/password/set", url.Values{"token": {secret}, "password": {password}, "password_confirm": {password}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	hours := api[struct {
		History []struct {
			ShiftID int64 `json:"shift_id"`
		} `json:"history"`
	}](t, s, token, "/volunteers/"+strconv.FormatInt(v.ID, 10)+"/hours")
	p := &shiftPlaces{volunteer: account{email: v.Email, name: v.FullName}, volunteerID: strconv.FormatInt(v.ID, 10),
		event: "/events/" + strconv.FormatInt(full.EventID, 10), shift: "/shifts/" + strconv.FormatInt(full.ID, 10)}
	if len(hours.History) > 0 {
		p.past = "/shifts/" + strconv.FormatInt(hours.History[0].ShiftID, 10)
	}
	shiftTours.Store(s, p)
	return p
}

// shiftsTour visits the shift pages in one language with a browser of its
// own: a coming event's shifts as the public sees them, the volunteer's own
// page and the event as they see it, then as the admin the event with its
// shifts to run, the form of a new shift (and sent back with an error), the
// check-in page of a full shift with its waitlist, one of a shift worked,
// the form to change a shift, and the volunteer's record with their hours.
func (s *site) shiftsTour(t *testing.T, b *browsertest.Browser, l language, check func(*testing.T, *browsertest.Browser, shown)) {
	t.Helper()
	p := s.shiftPlacesOf(t)
	at := func(name string) {
		t.Helper()
		t.Run(name, func(t *testing.T) { check(t, b, shown{l, name}) })
	}
	b.Visit(s.URL + p.event)
	switchTo(b, l)
	at("event_shifts_public")
	b.Visit(s.URL + "/signin?next=/my/shifts")
	signIn(t, b, l, p.volunteer)
	at("my_shifts")
	b.Visit(s.URL + p.event)
	at("event_shifts_volunteer")
	signOut(t, b, p.volunteer)
	b.Visit(s.URL + "/signin?next=" + p.event)
	signIn(t, b, l, s.admin)
	at("event_shifts_organiser")
	b.Visit(s.URL + p.event + "/shifts/new")
	at("shift_new")
	b.Fill(map[string]string{"kk": "Орын саны", "ru": "Число мест", "en": "Places"}[l.code], "0")
	b.Submit()
	b.Contains(t, map[string]string{"kk": "Ауысымға кемінде бір ерікті керек.", "ru": "Смене нужен хотя бы один волонтёр.",
		"en": "A shift needs at least one volunteer."}[l.code])
	at("shift_invalid")
	for _, page := range []struct{ name, path string }{{"shift_run", p.shift}, {"shift_worked", p.past},
		{"shift_edit", p.shift + "/edit"}, {"volunteer_hours", "/volunteers/" + p.volunteerID}} {
		if page.path == "" {
			continue
		}
		b.Visit(s.URL + page.path)
		at(page.name)
	}
	signOut(t, b, s.admin)
}
