package e2e

import (
	"regexp"
	"strings"
	"testing"

	"github.com/parasat-kz/parasat/internal/browsertest"
)

// untranslated are words of the interface that a Kazakh or Russian page
// must not show in English. Case matters and whole words count, so the
// brand (Parasat), API, OpenAPI, CSV, e-mail addresses, ISO codes such as
// KZ-71 and the JSON of the audit log (lowercase keys) do not match.
var untranslated = regexp.MustCompile(`\b(` + strings.Join([]string{
	"Organisations?", "Add an organisation", "Regions?", "Users?", "Audit log", "Home", "My account",
	"Main menu", "You are here", "Skip to content", "Language", "Sign in", "Sign out",
	"Save", "Cancel", "Search", "Filter", "Edit", "Back", "Delete", "Create", "Next page",
	"Previous page", "Download", "Required", "Name", "Type", "Address", "Phone", "Website",
	"Contacts", "Email", "E-mail", "Password", "Forgot your password", "Change password",
	"Current password", "New password", "Roles?", "Revoke", "Invite", "Account", "Access",
	"History of changes", "Created", "Updated", "When", "Who", "What", "Before", "After",
	"Not allowed", "Page not found", "Population", "Centre", "Code", "Figures today",
	"How to take part", "Coming soon", "Open-source", "Charity", "Houses of Friendship",
	"Please", "This field", "API tokens", "active", "expired", "revoked", "never",
	"Results", "My dashboard", "fewer than", "For the press", "What the figures mean", "Exact figures",
}, "|") + `)\b`)

// TestEveryPageIsAccessibleInEveryLanguage runs axe-core (WCAG 2.1 A and
// AA, and best practices) on every page a person can see, in Kazakh,
// Russian and English, and looks for English left on the Kazakh and Russian
// pages.
func TestEveryPageIsAccessibleInEveryLanguage(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	// Data may be in English: the names of organisations, and the records
	// of the audit log (JSON).
	var names []string
	for _, o := range s.orgs {
		if o.Name.EN != "" {
			names = append(names, o.Name.EN, "")
		}
	}
	data := strings.NewReplacer(names...)
	check := func(t *testing.T, b *browsertest.Browser, p shown) {
		b.Axe(t)
		if p.lang.code == "en" {
			return
		}
		text := b.Text()
		if found := untranslated.FindAllString(jsonObject.ReplaceAllString(data.Replace(text), ""), -1); len(found) > 0 {
			t.Errorf("the %s page shows English: %q; its text is:\n%s", p.lang.code, unique(found), text)
		}
	}
	// A browser per language: one lives at most a minute.
	for _, l := range languages {
		t.Run(l.code, func(t *testing.T) { s.tour(t, browsertest.New(t), l, check) })
		t.Run(l.code+"/results", func(t *testing.T) { s.resultsTour(t, browsertest.New(t), l, check) })
		t.Run(l.code+"/dashboards", func(t *testing.T) { s.dashboardsTour(t, browsertest.New(t), l, check) })
		t.Run(l.code+"/people", func(t *testing.T) { s.peopleTour(t, browsertest.New(t), l, check) })
		t.Run(l.code+"/events", func(t *testing.T) { s.eventsTour(t, browsertest.New(t), l, check) })
		t.Run(l.code+"/shifts", func(t *testing.T) { s.shiftsTour(t, browsertest.New(t), l, check) })
		t.Run(l.code+"/money", func(t *testing.T) { s.moneyTour(t, browsertest.New(t), l, check) })
		t.Run(l.code+"/reports", func(t *testing.T) { s.reportsTour(t, browsertest.New(t), l, check) })
	}
}

// jsonObject is a record of the audit log, on one line.
var jsonObject = regexp.MustCompile(`\{.*\}`)

// unique is words without repeats, in their first order.
func unique(words []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, w := range words {
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}
