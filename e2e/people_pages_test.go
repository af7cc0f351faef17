package e2e

import (
	"testing"

	"github.com/parasat-kz/parasat/internal/browsertest"
)

// peopleTour visits the registers of people in one language with a browser
// of its own (a browser lives at most a minute): the public volunteer
// sign-up, then, as the admin, the lists, records and forms of people helped,
// households, volunteers and patrons, and the import form. The demo makes
// record 1 of each.
func (s *site) peopleTour(t *testing.T, b *browsertest.Browser, l language, check func(*testing.T, *browsertest.Browser, shown)) {
	t.Helper()
	at := func(name string) {
		t.Helper()
		t.Run(name, func(t *testing.T) { check(t, b, shown{l, name}) })
	}
	b.Visit(s.URL + "/volunteer")
	switchTo(b, l)
	at("volunteer_signup")
	b.Visit(s.URL + "/signin?next=/")
	signIn(t, b, l, s.admin)
	for _, p := range []struct{ name, path string }{
		{"beneficiaries", "/beneficiaries"},
		{"beneficiary", "/beneficiaries/1"},
		{"beneficiary_edit", "/beneficiaries/1/edit"},
		{"beneficiaries_new", "/beneficiaries/new"},
		{"beneficiaries_import", "/beneficiaries/import"},
		{"households", "/households"},
		{"household", "/households/1"},
		{"volunteers", "/volunteers"},
		{"volunteer", "/volunteers/1"},
		{"volunteers_new", "/volunteers/new"},
		{"patrons", "/patrons"},
		{"patron", "/patrons/1"},
		{"patrons_new", "/patrons/new"},
		{"volunteers_import", "/volunteers/import"},
		{"patrons_import", "/patrons/import"},
	} {
		b.Visit(s.URL + p.path)
		at(p.name)
	}
	signOut(t, b, s.admin)
}
