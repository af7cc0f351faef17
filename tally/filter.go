package tally

import (
	"github.com/parasat-kz/parasat"
)

// match is a report filter compiled against the index: each test is a
// comparison of small numbers. The index's read lock is held while it is
// used.
type match struct {
	ix       *Index
	from, to Day
	region   uint8 // 0: any
	orgs     []bool
	occasion int // -1: any; 0 matches nothing (an unknown key)
	kind     int // -1: any
	category int // -1: any
	// none is set when the filter names a region or occasion no fact has:
	// nothing matches.
	none bool
}

func (ix *Index) compile(f parasat.ReportFilter) *match {
	m := &match{ix: ix, from: DayOf(f.Period.From.Time), to: DayOf(f.Period.To.Time), occasion: -1, kind: -1, category: -1}
	if f.Region != "" {
		if m.region = ix.regions.Index(f.Region); m.region == 0 {
			m.none = true
		}
	}
	if f.OrganisationID != 0 {
		m.orgs = ix.subtree(uint32(f.OrganisationID))
	}
	if f.Occasion != "" {
		n, ok := ix.occasionIndex[f.Occasion]
		if !ok {
			m.none = true
		}
		m.occasion = int(n)
	}
	if f.Kind != "" {
		k, _ := KindIndex(f.Kind)
		m.kind = int(k)
	}
	if f.Category != "" {
		c, _ := CategoryIndex(f.Category)
		m.category = int(c)
	}
	return m
}

// subtree marks an organisation and all its descendants.
func (ix *Index) subtree(root uint32) []bool {
	marks := make([]bool, max(ix.maxOrg, root)+1)
	stack := []uint32{root}
	for len(stack) > 0 {
		id := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if marks[id] {
			continue // a cycle the store refuses anyway
		}
		marks[id] = true
		stack = append(stack, ix.children[id]...)
	}
	return marks
}

func (m *match) org(id uint32) bool {
	return m.orgs == nil || int(id) < len(m.orgs) && m.orgs[id]
}

func (m *match) anyOrg(ids []uint32) bool {
	if m.orgs == nil {
		return true
	}
	for _, id := range ids {
		if m.org(id) {
			return true
		}
	}
	return false
}

func (m *match) occasionOf(event uint32) bool {
	return m.occasion < 0 || event != 0 && int(m.ix.eventOccasion[event]) == m.occasion
}

// digested tells whether the digests of days (aidDay) answer m: it filters
// aid at most by region and kind of help.
func (m *match) digested() bool { return m.orgs == nil && m.occasion < 0 && m.category < 0 }

// aid tells whether an aid record of day d is counted.
func (m *match) aid(a *Aid, d Day) bool {
	return (m.region == 0 || a.Region == m.region) &&
		(m.kind < 0 || int(a.Kind) == m.kind) &&
		m.org(a.Org) && m.occasionOf(a.Event) &&
		(m.category < 0 || m.ix.inCategory(a, uint8(m.category), d))
}

// event tells whether an event is counted, leaving aside the kind of help
// and category, which the aid given at it decides.
func (m *match) event(e *Event) bool {
	return e.Counted && (m.region == 0 || e.Region == m.region) &&
		(m.occasion < 0 || m.occasion > 0 && e.Occasion == m.ix.occasions[m.occasion]) &&
		m.anyOrg(e.Orgs)
}

// aidOnly: a kind of help or a category narrows the figures to aid; an
// event then counts when help of that kind or to people of that category
// was given at it.
func (m *match) aidOnly() bool { return m.kind >= 0 || m.category >= 0 }

func (m *match) gift(g *Gift) bool {
	return (m.region == 0 || g.Region == m.region) && m.org(g.Org) && m.occasionOf(g.Event)
}

func (m *match) hours(h *Hours) bool {
	if (m.region != 0 && h.Region != m.region) || !m.occasionOf(h.Event) {
		return false
	}
	if m.orgs == nil {
		return true
	}
	e := m.ix.eventByID[h.Event]
	return e != nil && m.anyOrg(e.Orgs)
}

// inCategory tells whether the recipient of a was in category c on day d:
// a person by their own categories or their household's; a household by
// its own or any member's. An anonymous group is in none.
func (ix *Index) inCategory(a *Aid, c uint8, d Day) bool {
	p := &ix.people
	switch a.To {
	case ToPerson:
		if !p.anyOf[c].has(a.Recipient) {
			return false
		}
		if p.personOpenOf[c].has(a.Recipient) {
			return true
		}
		hh := p.household.get(a.Recipient)
		return p.householdOpenOf[c].has(hh) || active(p.personCats.get(a.Recipient), c, d) || active(p.householdCats.get(hh), c, d)
	case ToHousehold:
		if !p.familyOf[c].has(a.Recipient) {
			return false
		}
		if p.householdOpenOf[c].has(a.Recipient) || active(p.householdCats.get(a.Recipient), c, d) {
			return true
		}
		for _, id := range p.members.get(a.Recipient) {
			if p.personOpenOf[c].has(id) || p.ownOf[c].has(id) && active(p.personCats.get(id), c, d) {
				return true
			}
		}
	}
	return false
}

func active(spans []Span, c uint8, d Day) bool {
	for _, s := range spans {
		if s.Category == c && s.From <= d && d <= s.Until {
			return true
		}
	}
	return false
}

// categories returns the categories the recipient of a was in on day d,
// as a bit mask of parasat.Categories.
func (ix *Index) categories(a *Aid, d Day) uint32 {
	var mask uint32
	add := func(spans []Span) {
		for _, s := range spans {
			if s.From <= d && d <= s.Until {
				mask |= 1 << s.Category
			}
		}
	}
	p := &ix.people
	switch a.To {
	case ToPerson:
		if p.personAny.get(a.Recipient) == 0 {
			return 0
		}
		add(p.personCats.get(a.Recipient))
		add(p.householdCats.get(ix.householdOf(a.Recipient)))
	case ToHousehold:
		if p.familyMask.get(a.Recipient) == 0 {
			return 0
		}
		add(p.householdCats.get(a.Recipient))
		for _, id := range p.members.get(a.Recipient) {
			add(p.personCats.get(id))
		}
	}
	return mask
}
