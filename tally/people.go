package tally

import "slices"

// people is what the figures need to know of beneficiaries and households,
// in slices indexed by ID (IDs are dense: a slice lookup costs a fraction
// of a map's, and a summary makes one per aid record it counts).
type people struct {
	household     byID[uint32]   // person → household, 0 for none
	members       byID[[]uint32] // household → people
	personCats    byID[[]Span]
	householdCats byID[[]Span]
	// Masks of the categories ever held (bits of parasat.Categories) by a
	// person, a person or their household (what aid to a person is
	// counted under), a household itself, and a household or any of its
	// members (what aid to a household is counted under): most records are
	// ruled out by a category filter with one lookup, without dates.
	personMask, personAny, householdMask, familyMask byID[uint16]
	// The same by category, as sets of IDs: a filter of one category tests
	// a set of 125 KB for a million people, which stays in the processor's
	// cache, where a mask per person (2 MB) would not.
	anyOf, ownOf, familyOf [16]bitset
	// Masks, and sets, of the categories a person or a household holds
	// with no end and no start: most statuses (a veteran, a disability for
	// life) need no dates checked.
	personOpen, householdOpen     byID[uint16]
	personOpenOf, householdOpenOf [16]bitset
}

// setMask sets id's mask in masks and keeps the sets of each category in
// step.
func setMask(masks *byID[uint16], sets *[16]bitset, id uint32, m uint16) {
	old := masks.get(id)
	masks.set(id, m)
	for c := range sets {
		if bit := uint16(1) << c; (old^m)&bit != 0 {
			sets[c].put(id, m&bit != 0)
		}
	}
}

// byID is a slice indexed by ID that grows as IDs are set.
type byID[T any] []T

func (s byID[T]) get(id uint32) T {
	if int(id) < len(s) {
		return s[id]
	}
	var zero T
	return zero
}

func (s *byID[T]) set(id uint32, v T) {
	if int(id) >= len(*s) {
		*s = slices.Grow(*s, int(id)+1-len(*s))[:int(id)+1]
	}
	(*s)[id] = v
}

func maskOf(spans []Span) uint16 {
	var m uint16
	for _, s := range spans {
		m |= 1 << s.Category
	}
	return m
}

// openMaskOf is the mask of the categories held on every day.
func openMaskOf(spans []Span) uint16 {
	var m uint16
	for _, s := range spans {
		if s.From == 0 && s.Until == MaxDay {
			m |= 1 << s.Category
		}
	}
	return m
}

func (p *people) setPerson(n Person) {
	old := p.household.get(n.ID)
	if old != n.Household {
		if old != 0 {
			p.members.set(old, slices.DeleteFunc(p.members.get(old), func(id uint32) bool { return id == n.ID }))
		}
		if n.Household != 0 {
			p.members.set(n.Household, append(p.members.get(n.Household), n.ID))
		}
	}
	p.household.set(n.ID, n.Household)
	p.personCats.set(n.ID, slices.Clip(n.Categories))
	setMask(&p.personMask, &p.ownOf, n.ID, maskOf(n.Categories))
	setMask(&p.personOpen, &p.personOpenOf, n.ID, openMaskOf(n.Categories))
	setMask(&p.personAny, &p.anyOf, n.ID, p.personMask.get(n.ID)|p.householdMask.get(n.Household))
	p.updateFamily(old)
	p.updateFamily(n.Household)
}

func (p *people) setHousehold(h Household) {
	p.householdCats.set(h.ID, slices.Clip(h.Categories))
	p.householdMask.set(h.ID, maskOf(h.Categories))
	setMask(&p.householdOpen, &p.householdOpenOf, h.ID, openMaskOf(h.Categories))
	for _, id := range p.members.get(h.ID) {
		setMask(&p.personAny, &p.anyOf, id, p.personMask.get(id)|p.householdMask.get(h.ID))
	}
	p.updateFamily(h.ID)
}

// updateFamily recomputes the mask of a household with its members.
func (p *people) updateFamily(hh uint32) {
	if hh == 0 {
		return
	}
	m := p.householdMask.get(hh)
	for _, id := range p.members.get(hh) {
		m |= p.personMask.get(id)
	}
	setMask(&p.familyMask, &p.familyOf, hh, m)
}

func (ix *Index) householdOf(person uint32) uint32 { return ix.people.household.get(person) }
