package tally

import (
	"github.com/parasat-kz/parasat"
)

// Summary counts the figures of f (FIGURES.md). The filter must be valid;
// a region or occasion the index does not know gives zeros.
func (ix *Index) Summary(f parasat.ReportFilter) *parasat.Summary {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	m := ix.compile(f)
	s := &parasat.Summary{Filter: f, Organisers: []parasat.OrganiserCount{}}
	if m.none || m.from > m.to {
		return s
	}
	h := ix.scanAid(m)
	ix.countAid(h, &s.Figures)
	ix.countEvents(m, &s.Figures, h.orgs, h.events)
	ok := f.Applicable()
	if ok.Has(parasat.FigMoneyRaised) {
		ix.countGifts(m, &s.Figures)
	}
	if ok.Has(parasat.FigVolunteers) {
		ix.countHours(m, &s.Figures)
	}
	s.Organisers = ix.organisers(h.orgs)
	return s
}

func (ix *Index) countEvents(m *match, fig *parasat.Figures, orgs bitset, withAid bitset) {
	for d := m.from; d <= m.to && int(d) < len(ix.events); d++ {
		for _, e := range ix.events[d] {
			if !m.event(e) || m.aidOnly() && !withAid.has(e.ID) {
				continue
			}
			fig.Events++
			for _, o := range e.Orgs {
				orgs.set(o)
			}
			if !e.HasShifts && !m.aidOnly() {
				fig.Volunteers += e.Volunteers
				fig.VolunteerHours += parasat.Minutes(e.Minutes)
			}
		}
		if d == MaxDay {
			break
		}
	}
}

func (ix *Index) countGifts(m *match, fig *parasat.Figures) {
	patrons := newBitset(ix.maxPatron)
	for d := m.from; d <= m.to && int(d) < len(ix.gifts); d++ {
		for i := range ix.gifts[d] {
			g := &ix.gifts[d][i]
			if !m.gift(g) {
				continue
			}
			fig.MoneyRaisedTiyn += g.Amount
			if g.Patron != 0 && g.Amount > 0 {
				patrons.set(g.Patron)
			}
		}
		if d == MaxDay {
			break
		}
	}
	fig.Patrons = patrons.count()
}

func (ix *Index) countHours(m *match, fig *parasat.Figures) {
	volunteers := newBitset(ix.maxVolunteer)
	for d := m.from; d <= m.to && int(d) < len(ix.hours); d++ {
		for i := range ix.hours[d] {
			h := &ix.hours[d][i]
			if !m.hours(h) {
				continue
			}
			fig.VolunteerHours += parasat.Minutes(h.Minutes)
			volunteers.set(h.Volunteer)
		}
		if d == MaxDay {
			break
		}
	}
	fig.Volunteers += volunteers.count()
}

// organisers counts the organisations by type, in the order of
// parasat.OrganisationTypes.
func (ix *Index) organisers(ids bitset) []parasat.OrganiserCount {
	n := map[parasat.OrganisationType]int64{}
	ids.each(func(id uint32) {
		if o := ix.orgs[id]; o != nil {
			n[o.Type]++
		}
	})
	out := []parasat.OrganiserCount{}
	for _, t := range parasat.OrganisationTypes {
		if n[t] > 0 {
			out = append(out, parasat.OrganiserCount{Type: t, Count: n[t]})
		}
	}
	return out
}
