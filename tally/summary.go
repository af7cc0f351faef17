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
	orgs := map[uint32]bool{}
	a := ix.countAid(m, &s.Figures, orgs)
	ix.countEvents(m, &s.Figures, orgs, a.events)
	ok := f.Applicable()
	if ok.Has(parasat.FigMoneyRaised) {
		ix.countGifts(m, &s.Figures)
	}
	if ok.Has(parasat.FigVolunteers) {
		ix.countHours(m, &s.Figures)
	}
	s.Organisers = ix.organisers(orgs)
	return s
}

// helped is who received the aid counted: people by name and households,
// in all and by kind of help, and the sizes of anonymous groups.
type helped struct {
	people, households bitset
	byKind             [5]struct{ people, households bitset }
	anonymous          [5]int64
	events             bitset // events at which counted aid was given
}

func (ix *Index) newHelped() *helped {
	return &helped{people: newBitset(ix.maxPerson), households: newBitset(ix.maxHousehold), events: newBitset(ix.maxEvent)}
}

func (h *helped) kind(k uint8, ix *Index) *struct{ people, households bitset } {
	bk := &h.byKind[k]
	if bk.people == nil {
		bk.people, bk.households = newBitset(ix.maxPerson), newBitset(ix.maxHousehold)
	}
	return bk
}

func (ix *Index) countAid(m *match, fig *parasat.Figures, orgs map[uint32]bool) *helped {
	h := ix.newHelped()
	var values [5]int64
	for d := m.from; d <= m.to && int(d) < len(ix.aid); d++ {
		for i := range ix.aid[d] {
			a := &ix.aid[d][i]
			if !m.aid(a, d) {
				continue
			}
			values[a.Kind] += a.Value
			orgs[a.Org] = true
			if a.Event != 0 {
				h.events.set(a.Event)
			}
			switch a.To {
			case ToPerson:
				h.people.set(a.Recipient)
				h.kind(a.Kind, ix).people.set(a.Recipient)
			case ToHousehold:
				h.households.set(a.Recipient)
				h.kind(a.Kind, ix).households.set(a.Recipient)
			case ToGroup:
				h.anonymous[a.Kind] += int64(a.Recipient)
			}
		}
		if d == MaxDay {
			break
		}
	}
	var anonymous int64
	for k, kind := range parasat.KindsOfHelp {
		fig.AidByKind.Set(kind, values[k])
		fig.AidValueTiyn += values[k]
		anonymous += h.anonymous[k]
		if bk := h.byKind[k]; bk.people != nil {
			fig.PeopleByKind.Set(kind, ix.people(bk.people, bk.households)+h.anonymous[k])
		} else {
			fig.PeopleByKind.Set(kind, h.anonymous[k])
		}
	}
	fig.PeopleHelped = ix.people(h.people, h.households) + anonymous
	fig.FamiliesHelped = ix.families(h.people, h.households)
	return h
}

// people adds the members of the households to the people helped by name
// and counts them: a person helped twice, or by name and in their
// household, is one person.
func (ix *Index) people(people, households bitset) int64 {
	households.each(func(hh uint32) {
		for _, p := range ix.members[hh] {
			people.set(p)
		}
	})
	return people.count()
}

// families counts the households helped, themselves or through a member.
// people must already hold the members of the households (see people).
func (ix *Index) families(people, households bitset) int64 {
	fam := newBitset(ix.maxHousehold)
	copy(fam, households)
	people.each(func(p uint32) {
		if hh := ix.householdOf(p); hh != 0 {
			fam.set(hh)
		}
	})
	return fam.count()
}

func (ix *Index) countEvents(m *match, fig *parasat.Figures, orgs map[uint32]bool, withAid bitset) {
	for d := m.from; d <= m.to && int(d) < len(ix.events); d++ {
		for _, e := range ix.events[d] {
			if !m.event(e) || m.aidOnly() && !withAid.has(e.ID) {
				continue
			}
			fig.Events++
			for _, o := range e.Orgs {
				orgs[o] = true
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
func (ix *Index) organisers(ids map[uint32]bool) []parasat.OrganiserCount {
	n := map[parasat.OrganisationType]int64{}
	for id := range ids {
		if o := ix.orgs[id]; o != nil {
			n[o.Type]++
		}
	}
	out := []parasat.OrganiserCount{}
	for _, t := range parasat.OrganisationTypes {
		if n[t] > 0 {
			out = append(out, parasat.OrganiserCount{Type: t, Count: n[t]})
		}
	}
	return out
}
