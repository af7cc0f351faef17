package e2e

import (
	"testing"

	"github.com/parasat-kz/parasat/internal/browsertest"
)

// moneyTour visits the pages of money and gifts in one language with a
// browser of its own: a campaign's public page and an organisation's public
// account as a visitor, then, as the admin, the gifts, pledges, ledger,
// goods and their forms, and an event's pledges. The demo makes campaign 1,
// gift 1 and entry 1.
func (s *site) moneyTour(t *testing.T, b *browsertest.Browser, l language, check func(*testing.T, *browsertest.Browser, shown)) {
	t.Helper()
	at := func(name string) {
		t.Helper()
		t.Run(name, func(t *testing.T) { check(t, b, shown{l, name}) })
	}
	b.Visit(s.URL + "/campaigns")
	switchTo(b, l)
	at("campaigns")
	for _, p := range []struct{ name, path string }{
		{"campaign", "/campaigns/1"},
		{"transparency", "/organisations/" + s.orgID + "/transparency"},
	} {
		b.Visit(s.URL + p.path)
		at(p.name)
	}
	b.Visit(s.URL + "/signin?next=/")
	signIn(t, b, l, s.admin)
	for _, p := range []struct{ name, path string }{
		{"donations", "/donations"},
		{"donation", "/donations/1"},
		{"donations_new", "/donations/new"},
		{"pledges", "/pledges"},
		{"pledges_new", "/pledges/new"},
		{"ledger", "/ledger"},
		{"ledger_entry", "/ledger/entries/1"},
		{"spending_new", "/ledger/spendings/new"},
		{"transfer_new", "/ledger/transfers/new"},
		{"goods", "/goods"},
		{"campaigns_new", "/campaigns/new"},
		{"campaign_edit", "/campaigns/1/edit"},
	} {
		b.Visit(s.URL + p.path)
		at(p.name)
	}
	// The event the demo's newest pledges are for, with its pledges; a new
	// pledge to it; the gift form started from one of them.
	b.Visit(s.URL + "/pledges")
	b.Click(`td a[href^="/events/"]`)
	at("event_pledges")
	event := b.URL()
	b.Click(`a[href^="/pledges/new?event="]`)
	at("pledges_new_event")
	b.Visit(event)
	b.Click(`a[href^="/donations/new?pledge="]`)
	at("donations_new_pledge")
	signOut(t, b, s.admin)
}
