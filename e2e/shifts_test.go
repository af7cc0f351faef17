package e2e

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/parasat-kz/parasat/internal/browsertest"
	"github.com/parasat-kz/parasat/internal/smtptest"
)

// api reads the JSON of a GET of the API with a bearer token ("" for none).
func api[T any](t *testing.T, s *site, token, path string) T {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, s.URL+"/api/v1"+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var v T
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s, %v", path, resp.Status, err)
	}
	return v
}

// decodeBody reads a JSON answer of the API, which must be a success.
func decodeBody(t *testing.T, resp *http.Response, v any) {
	t.Helper()
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil || resp.StatusCode >= 300 {
		t.Fatalf("%s %s: %s, %v", resp.Request.Method, resp.Request.URL.Path, resp.Status, err)
	}
}

// token makes an API token for an account of the site.
func (s *site) token(t *testing.T, a account) string {
	t.Helper()
	return strings.TrimSpace(s.CLI(t, "", "token", "create", "--email", a.email))
}

type openShift struct {
	ID      int64  `json:"id"`
	EventID int64  `json:"event_id"`
	Starts  string `json:"starts_at"`
	Role    struct {
		EN string `json:"en"`
	} `json:"role"`
}

type demoVolunteer struct {
	ID        int64    `json:"id"`
	FullName  string   `json:"full_name"`
	Email     string   `json:"email"`
	UserID    *int64   `json:"user_id"`
	Languages []string `json:"languages"`
}

// newcomer is an approved volunteer of the capital with an e-mail address,
// no account yet and no sign-up for the shift.
func newcomer(t *testing.T, s *site, token string, shift int64) demoVolunteer {
	t.Helper()
	taken := map[int64]bool{}
	signups := api[struct {
		Items []struct {
			VolunteerID int64 `json:"volunteer_id"`
		} `json:"items"`
	}](t, s, token, "/shifts/"+strconv.FormatInt(shift, 10)+"/signups")
	for _, g := range signups.Items {
		taken[g.VolunteerID] = true
	}
	list := api[struct{ Items []demoVolunteer }](t, s, token, "/volunteers?status=approved&region=KZ-71&limit=200")
	for _, v := range list.Items {
		if v.Email != "" && v.UserID == nil && !taken[v.ID] {
			return v
		}
	}
	t.Fatal("no approved volunteer of the demo without an account")
	return demoVolunteer{}
}

// mailTo waits for a mail to the address whose subject starts so.
func mailTo(t *testing.T, mails *smtptest.Server, to, subject string) *smtptest.Message {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	var seen []string
	for time.Now().Before(deadline) {
		seen = seen[:0]
		for _, m := range mails.Messages(t) {
			if m.To == to && strings.HasPrefix(m.Subject, subject) {
				return m
			}
			seen = append(seen, m.To+": "+m.Subject)
		}
		time.Sleep(50 * time.Millisecond) // poll the Maildir, as smtptest.Wait does
	}
	t.Fatalf("no mail to %s about %q arrived; the mails are %q", to, subject, seen)
	return nil
}

// TestAVolunteerSignsUpForAShiftAndTheirHoursAppear: a coordinator invites
// an approved volunteer of the demo to an account; the volunteer sets a
// password from the mail that arrives at a real SMTP server, signs up for
// the shift that starts within the hour on the public event page, and gets
// its confirmation in their language; an organiser checks them in and out
// on a phone and confirms corrected hours, which appear on the volunteer's page.
func TestAVolunteerSignsUpForAShiftAndTheirHoursAppear(t *testing.T) {
	t.Parallel()
	mails := smtptest.Start(t, smtptest.Options{})
	s := newSite(t, "--smtp-addr", mails.Addr, "--smtp-from", "Parasat <noreply@parasat.example.kz>", "--smtp-tls", "none")
	token := s.token(t, s.coordinator)
	shift := api[struct{ Items []openShift }](t, s, "", "/shifts?region=KZ-71&limit=1").Items[0]
	v := newcomer(t, s, token, shift.ID)
	// Written to in the first language of theirs of Kazakh, Russian, English.
	lang, subject := english, "You are signed up: "
	if slices.Contains(v.Languages, "kk") {
		lang, subject = kazakh, "Сіз жазылдыңыз: "
	} else if slices.Contains(v.Languages, "ru") {
		lang, subject = russian, "Вы записаны: "
	}
	hoursPath := "/volunteers/" + strconv.FormatInt(v.ID, 10) + "/hours"
	before := api[struct {
		Minutes int64 `json:"confirmed_minutes"`
	}](t, s, token, hoursPath).Minutes

	coordinator := browsertest.New(t)
	coordinator.Visit(s.URL + "/signin?next=/volunteers/" + strconv.FormatInt(v.ID, 10))
	signIn(t, coordinator, english, s.coordinator)
	switchTo(coordinator, english)
	coordinator.Click("Invite to an account")
	coordinator.Contains(t, v.FullName+" is invited: a link to set a password is on its way to their e-mail.")

	invitation := mailTo(t, mails, v.Email, "")
	link := ""
	for _, l := range smtptest.Lines(invitation.Text) {
		if strings.HasPrefix(l, s.URL+"/password/set?token=") {
			link = l
		}
	}
	if link == "" {
		t.Fatalf("no link in the invitation:\n%s", invitation.Text)
	}
	volunteer := browsertest.New(t)
	volunteer.Visit(link)
	switchTo(volunteer, english)
	volunteer.Fill("New password", password)
	volunteer.Fill("Repeat the new password", password)
	volunteer.Submit()
	me := account{email: v.Email, name: v.FullName}
	signIn(t, volunteer, english, me) // the pages in English; the account keeps its language
	event := "/events/" + strconv.FormatInt(shift.EventID, 10)
	volunteer.Visit(s.URL + event)
	volunteer.Contains(t, "Volunteer shifts")
	volunteer.Contains(t, shift.Role.EN)
	volunteer.Click(`form[action="/shifts/` + strconv.FormatInt(shift.ID, 10) + `/signup"] button`)
	volunteer.Contains(t, "You are signed up. A confirmation is on its way to your e-mail.")
	volunteer.Contains(t, "You have a place.")
	volunteer.Axe(t)

	confirmation := mailTo(t, mails, v.Email, subject)
	if !strings.Contains(confirmation.Text, s.URL+"/my/shifts") || !strings.Contains(confirmation.Text, s.URL+event) ||
		confirmation.Header.Get("Content-Language") != lang.code {
		t.Errorf("the confirmation in %s:\n%s", lang.code, confirmation.Text)
	}

	// The organiser at the door, on a phone.
	signups := api[struct {
		Items []struct {
			ID          int64 `json:"id"`
			VolunteerID int64 `json:"volunteer_id"`
		} `json:"items"`
	}](t, s, token, "/shifts/"+strconv.FormatInt(shift.ID, 10)+"/signups")
	var signup string
	for _, g := range signups.Items {
		if g.VolunteerID == v.ID {
			signup = strconv.FormatInt(g.ID, 10)
		}
	}
	phone := browsertest.New(t, browsertest.Phone())
	phone.Visit(s.URL + "/signin?next=/shifts/" + strconv.FormatInt(shift.ID, 10))
	signIn(t, phone, english, s.coordinator)
	switchTo(phone, english)
	phone.Contains(t, v.FullName)
	phone.Contains(t, "Has not come yet")
	phone.Click(`form[action="/signups/` + signup + `/checkin"] button`)
	phone.Contains(t, "Checked in.")
	phone.Axe(t)
	fitsPhone(t, phone, "shift-checked-in")
	phone.Click(`form[action="/signups/` + signup + `/checkout"] button`)
	phone.Contains(t, "Checked out: now confirm the hours.")
	phone.Fill("Hours of "+v.FullName, "3,5")
	phone.Click(`form[action="/signups/` + signup + `/hours"] button`)
	phone.Contains(t, "The hours are confirmed.")
	phone.Contains(t, "3.5 h confirmed")
	fitsPhone(t, phone, "shift-hours")

	total := before + 210
	want := strconv.FormatInt(total/60, 10)
	if tenth := total % 60 * 10 / 60; tenth != 0 {
		want += "." + strconv.FormatInt(tenth, 10)
	}
	want += " hours confirmed"
	volunteer.Visit(s.URL + "/my/shifts")
	volunteer.Contains(t, want)
	volunteer.Axe(t)
	volunteer.Visit(s.URL + "/volunteers/" + strconv.FormatInt(v.ID, 10))
	volunteer.Contains(t, "Shifts and hours")
	volunteer.Contains(t, want)
}
