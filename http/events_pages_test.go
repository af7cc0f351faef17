package http

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/parasat-kz/parasat"
)

// page sends a form (or, with nil, a GET) to a page in English as the
// bearer of token, and returns the status and the body.
func (e *env) page(method, path, token string, form url.Values) (int, string) {
	e.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, e.srv.URL+path, body)
	if err != nil {
		e.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	req.AddCookie(&http.Cookie{Name: LanguageCookie, Value: "en"})
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestEventPageNamesPeopleOnlyToThoseWhoMayReadThem(t *testing.T) {
	e := newEnv(t, "sqlite", nil)
	f := newRoleFixture(t, e)
	ctx := context.Background()
	person, _ := servedPerson(t, e, "Ахметов Серік", 201, f.org.ID)
	start := time.Now().Add(-5 * time.Hour)
	ev := &parasat.Event{Title: parasat.Names{EN: "Victory Day for veterans"}, Kind: parasat.EventConcertVisit, Starts: start,
		Ends: start.Add(2 * time.Hour), LeadID: f.org.ID, Published: true}
	if err := e.db.CreateEvent(ctx, ev); err != nil {
		t.Fatal(err)
	}
	path := "/events/" + strconv.FormatInt(ev.ID, 10)
	// Bad input on the form: an empty anonymous group, refused with the reason, nothing stored.
	status, body := e.page(http.MethodPost, path+"/aid", f.tokens[manager], url.Values{"given_on": {parasat.DayInKazakhstan(start).String()},
		"what": {"care/concert"}, "quantity": {"1"}, "value": {"0"}, "people": {strconv.FormatInt(person, 10)}, "group_size": {"0"}})
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "An anonymous group has at least one person.") {
		t.Errorf("an empty group: %d\n%s", status, body)
	}
	if list, _ := e.db.ListAid(ctx, parasat.AidFilter{Event: ev.ID, Visibility: parasat.Visibility{All: true}}); len(list) != 0 {
		t.Errorf("%d aid records stored from a refused form", len(list))
	}
	status, _ = e.page(http.MethodPost, path+"/aid", f.tokens[manager], url.Values{"given_on": {parasat.DayInKazakhstan(start).String()},
		"what": {"care/concert"}, "quantity": {"1"}, "value": {"0"}, "people": {strconv.FormatInt(person, 10)}, "group_size": {"40"}})
	if status != http.StatusSeeOther {
		t.Fatalf("recording the help: %d", status)
	}
	for _, c := range []struct {
		who   string
		token string
		named bool
	}{{"the public", "", false}, {"the manager", f.tokens[manager], true}, {"the coordinator", f.tokens[coordinator], true},
		{"a volunteer", f.tokens[volunteer], false}} {
		status, body := e.page(http.MethodGet, path, c.token, nil)
		if status != http.StatusOK || !strings.Contains(body, "41") || !strings.Contains(body, "people helped") {
			t.Errorf("%s: %d, no results\n%s", c.who, status, body)
		}
		if strings.Contains(body, "Ахметов Серік") != c.named {
			t.Errorf("%s: the name shown is %v, want %v", c.who, !c.named, c.named)
		}
	}
	// Reporting without volunteers' numbers is refused with the reason.
	if _, err := e.db.HoldEvent(ctx, ev.ID); err != nil {
		t.Fatal(err)
	}
	status, body = e.page(http.MethodPost, path+"/report", f.tokens[manager], url.Values{"volunteers": {"2"}, "hours": {"1000"}})
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "More hours than the volunteers had during the event") {
		t.Errorf("absurd hours: %d\n%s", status, body)
	}
}
