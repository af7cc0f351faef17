package sqlstore

import (
	"testing"

	"github.com/parasat-kz/parasat"
)

// A patron's dashboard lists the events the patron supports: the filter by
// patron finds those and no others.
func TestListEventsOfAPatron(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		f := newEventFixture(t, db)
		other := company("ТОО «Жомарт»", "190440000020")
		must(t, db.CreatePatron(f.ctx, other))
		supported, elsewhere, unsupported := f.event(), f.event(), f.event()
		elsewhere.Patrons = []int64{other.ID}
		unsupported.Patrons = nil
		for _, e := range []*parasat.Event{supported, elsewhere, unsupported} {
			must(t, db.CreateEvent(f.ctx, e))
		}
		all := parasat.Visibility{All: true}
		for patron, want := range map[int64]int64{f.patron: supported.ID, other.ID: elsewhere.ID} {
			list, err := db.ListEvents(f.ctx, parasat.EventFilter{Patron: patron, Visibility: all})
			must(t, err)
			if len(list) != 1 || list[0].ID != want {
				t.Errorf("events of patron %d: %+v; want only event %d", patron, list, want)
			}
		}
		list, err := db.ListEvents(f.ctx, parasat.EventFilter{Visibility: all})
		must(t, err)
		if len(list) != 3 {
			t.Errorf("without a patron: %d events, want 3", len(list))
		}
	})
}
