package e2e

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/parasat-kz/parasat/internal/browsertest"
)

// demoEvent returns the id of an event of the demo with the status.
func demoEvent(t *testing.T, s *site, status string) string {
	t.Helper()
	resp, err := http.Get(s.URL + "/api/v1/events?limit=5&status=" + status)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var list struct {
		Items []struct {
			ID int64 `json:"id"`
		} `json:"items"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&list); err != nil || len(list.Items) == 0 {
		t.Fatalf("no %s event in the demo: %v", status, err)
	}
	return strconv.FormatInt(list.Items[0].ID, 10)
}

// orgByEnglishName finds an organisation of the demo.
func (s *site) orgByEnglishName(t *testing.T, prefix string) string {
	t.Helper()
	for _, o := range s.orgs {
		if strings.HasPrefix(o.Name.EN, prefix) {
			return strconv.FormatInt(o.ID, 10)
		}
	}
	t.Fatalf("no demo organisation named %q…", prefix)
	return ""
}

// TestOrganiserRecordsTheResultsOfAnEvent: the manager of the Council of
// Mothers marks yesterday's event as held, records the two people who came
// (ticked in the list) and an anonymous group of 25, reports it with the
// volunteers and their hours, and the event page shows the results; the
// public page shows the same results and nobody's name.
func TestOrganiserRecordsTheResultsOfAnEvent(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	organiser := account{email: "gulnar@example.kz", name: "Гүлнар Сейітқызы"}
	out := s.CLI(t, password+"\n", "user", "create", "--email", organiser.email, "--name", organiser.name, "--password-stdin",
		"--role", "manager", "--organisation", s.orgByEnglishName(t, "Council of Mothers"))
	if !createdID.MatchString(out) {
		t.Fatalf("user create printed %q", out)
	}
	event := "/events/" + demoEvent(t, s, "planned")
	b := browsertest.New(t)
	b.Visit(s.URL + "/signin?next=" + event)
	switchTo(b, english)
	signIn(t, b, english, organiser)
	b.Contains(t, "Nobody has been recorded as helped at this event yet.")
	b.Click("The event took place")
	b.Contains(t, "The event is marked as held: now record who was helped.")

	b.Click("Record who was helped")
	labels, names := tickable(t, b)
	first, second := names[0], names[1]
	b.Select("What was given", "Food package")
	b.Fill("Value for each, ₸", "12000")
	b.Fill(labels[0], "yes")
	b.Fill(labels[1], "yes")
	b.Fill("People helped anonymously", "25")
	b.Axe(t)
	b.Submit("Save the help given")
	b.Contains(t, "Records of help saved: 3.")
	b.Contains(t, "27 people helped (2 by name, 25 anonymously)")
	b.Contains(t, "36 000 ₸ of help given")
	b.Contains(t, first)
	b.Contains(t, second)
	b.Contains(t, "An anonymous group of 25")

	b.Fill("Volunteers", "3")
	b.Fill("Volunteer hours", "6")
	b.Submit("Report the event")
	b.Contains(t, "The event is reported.")
	b.Contains(t, "Reported")
	b.Contains(t, "3 volunteers, 6 hours")
	b.Axe(t)
	signOut(t, b, organiser)

	// The public sees the results but nobody recognisable: no names, and
	// neither the 2 helped by name nor the 3 volunteers (fewer than 5).
	b.Visit(s.URL + event)
	b.Contains(t, "27 people helped")
	b.Contains(t, "Fewer than 5 volunteers took part.")
	if text := b.Text(); strings.Contains(text, first) || strings.Contains(text, second) || strings.Contains(text, "2 by name") {
		t.Errorf("the public page names the people helped or shows a group of fewer than 5:\n%s", text)
	}
}

// tickable returns the labels of two people of the form's list of those
// who may have come, each unique in the list, and their names as the
// event page shows them (without the year of birth).
func tickable(t *testing.T, b *browsertest.Browser) (labels, names [2]string) {
	t.Helper()
	text := b.Text()
	const legend, next = "Who came (people served by the event's organisations)", "IINs of others helped"
	from, to := strings.Index(text, legend), strings.Index(text, next)
	if from < 0 || to < from {
		t.Fatalf("no list of people on the form:\n%s", text)
	}
	count := map[string]int{}
	var lines []string
	for _, line := range strings.Split(text[from+len(legend):to], "\n") {
		if line = strings.TrimSpace(line); line != "" {
			count[line]++
			lines = append(lines, line)
		}
	}
	n := 0
	for _, line := range lines {
		name, _, _ := strings.Cut(line, " (")
		if count[line] == 1 && n < 2 {
			labels[n], names[n] = line, name
			n++
		}
	}
	if n < 2 {
		t.Fatalf("fewer than two people to tick:\n%s", text)
	}
	return labels, names
}
