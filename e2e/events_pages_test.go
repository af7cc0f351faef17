package e2e

import (
	"testing"

	"github.com/parasat-kz/parasat/internal/browsertest"
)

// eventsTour visits the events' pages in one language with a browser of
// its own: the public calendar and a public event page, then, as the admin,
// the list of all events, a reported event with its aid, the planning and
// editing forms, a planned event and the form recording who was helped.
func (s *site) eventsTour(t *testing.T, b *browsertest.Browser, l language, check func(*testing.T, *browsertest.Browser, shown)) {
	t.Helper()
	at := func(name string) {
		t.Helper()
		t.Run(name, func(t *testing.T) { check(t, b, shown{l, name}) })
	}
	reported, planned := "/events/"+demoEvent(t, s, "reported"), "/events/"+demoEvent(t, s, "planned")
	b.Visit(s.URL + "/events")
	switchTo(b, l)
	at("events_public")
	b.Visit(s.URL + reported)
	at("event_public")
	b.Visit(s.URL + "/signin?next=/events/all")
	signIn(t, b, l, s.admin)
	for _, p := range []struct{ name, path string }{
		{"events_all", "/events/all"},
		{"event", reported},
		{"event_edit", reported + "/edit"},
		{"events_new", "/events/new"},
		{"event_planned", planned},
		{"event_aid", planned + "/aid"},
	} {
		b.Visit(s.URL + p.path)
		at(p.name)
	}
	signOut(t, b, s.admin)
}
