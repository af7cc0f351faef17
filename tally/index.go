package tally

import (
	"slices"
	"sync"
)

// Index holds the facts the figures count, partitioned by day, and what
// the filters need to know about people and organisations. It is safe for
// concurrent use: queries share it, Apply takes it alone.
type Index struct {
	mu      sync.RWMutex
	regions *Regions

	// aid is by kind of help, then by day: a summary counts one kind at a
	// time, so that the set of people it marks stays in the processor's cache.
	aid    [5][]aidDay
	events [][]*Event // by the day they start
	gifts  [][]Gift   // by the day received
	hours  [][]Hours  // by the day of the shift
	// years remembers the country-wide scans of whole years (years.go).
	years yearScans

	eventByID map[uint32]*Event
	// occasions numbers the occasion keys of events; 0 is none.
	occasions     []string
	occasionIndex map[string]uint16
	eventOccasion map[uint32]uint16

	orgs     map[uint32]*Org
	children map[uint32][]uint32

	people       people
	maxPerson    uint32
	maxHousehold uint32
	maxPatron    uint32
	maxVolunteer uint32
	maxEvent     uint32
	maxOrg       uint32
}

// New returns an empty index of the given regions.
func New(regions *Regions) *Index {
	return &Index{
		regions:       regions,
		eventByID:     map[uint32]*Event{},
		occasions:     []string{""},
		occasionIndex: map[string]uint16{"": 0},
		eventOccasion: map[uint32]uint16{},
		orgs:          map[uint32]*Org{},
		children:      map[uint32][]uint32{},
	}
}

// Regions returns the numbering of regions the index was made with.
func (ix *Index) Regions() *Regions { return ix.regions }

// Batch is what one refresh read from the database. Each day listed
// replaces that day's facts of its kind entirely (an empty list empties
// it); each person, household and organisation listed replaces what the
// index knew of it.
type Batch struct {
	Aid        map[Day][]Aid
	Events     map[Day][]Event
	Gifts      map[Day][]Gift
	Hours      map[Day][]Hours
	People     []Person
	Households []Household
	// Orgs, when not nil, is every organisation.
	Orgs []Org
}

// Apply brings the index up to date with b.
func (ix *Index) Apply(b *Batch) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	for d, list := range b.Aid {
		var byKind [5][]Aid
		for _, a := range list {
			byKind[a.Kind] = append(byKind[a.Kind], a)
			ix.maxEvent, ix.maxOrg = max(ix.maxEvent, a.Event), max(ix.maxOrg, a.Org)
			switch a.To {
			case ToPerson:
				ix.maxPerson = max(ix.maxPerson, a.Recipient)
			case ToHousehold:
				ix.maxHousehold = max(ix.maxHousehold, a.Recipient)
			}
		}
		for k := range byKind {
			ix.setAidDay(k, d, byKind[k])
		}
	}
	for d, list := range b.Gifts {
		ix.gifts = setDay(ix.gifts, d, list)
		for _, g := range list {
			ix.maxPatron = max(ix.maxPatron, g.Patron)
		}
	}
	for d, list := range b.Hours {
		ix.hours = setDay(ix.hours, d, list)
		for _, h := range list {
			ix.maxVolunteer = max(ix.maxVolunteer, h.Volunteer)
		}
	}
	for d, list := range b.Events {
		ix.setEvents(d, list)
	}
	for _, p := range b.People {
		ix.people.setPerson(p)
		ix.maxPerson = max(ix.maxPerson, p.ID)
		ix.maxHousehold = max(ix.maxHousehold, p.Household)
	}
	for _, h := range b.Households {
		ix.people.setHousehold(h)
		ix.maxHousehold = max(ix.maxHousehold, h.ID)
	}
	if b.Orgs != nil {
		ix.setOrgs(b.Orgs)
	}
}

func setDay[T any](days [][]T, d Day, list []T) [][]T {
	if int(d) >= len(days) {
		if len(list) == 0 {
			return days
		}
		days = slices.Grow(days, int(d)+1-len(days))[:int(d)+1]
	}
	days[d] = slices.Clip(list)
	return days
}

func (ix *Index) setEvents(d Day, list []Event) {
	if int(d) < len(ix.events) {
		for _, e := range ix.events[d] {
			if ix.eventByID[e.ID] == e {
				delete(ix.eventByID, e.ID)
				delete(ix.eventOccasion, e.ID)
			}
		}
	}
	ptrs := make([]*Event, len(list))
	for i := range list {
		e := &list[i]
		ptrs[i] = e
		ix.eventByID[e.ID] = e
		ix.maxEvent = max(ix.maxEvent, e.ID)
		if e.Occasion == "" {
			delete(ix.eventOccasion, e.ID)
			continue
		}
		n, ok := ix.occasionIndex[e.Occasion]
		if !ok {
			n = uint16(len(ix.occasions))
			ix.occasions = append(ix.occasions, e.Occasion)
			ix.occasionIndex[e.Occasion] = n
		}
		ix.eventOccasion[e.ID] = n
	}
	ix.events = setDay(ix.events, d, ptrs)
}

func (ix *Index) setOrgs(list []Org) {
	ix.orgs = make(map[uint32]*Org, len(list))
	ix.children = map[uint32][]uint32{}
	for i := range list {
		o := &list[i]
		ix.orgs[o.ID] = o
		ix.maxOrg = max(ix.maxOrg, o.ID)
		if o.Parent != 0 {
			ix.children[o.Parent] = append(ix.children[o.Parent], o.ID)
		}
	}
}

// Size counts the facts the index holds, for logs and tests.
func (ix *Index) Size() (aid, events, gifts, hours, people int) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	for k := range ix.aid {
		for _, d := range ix.aid[k] {
			aid += len(d.facts)
		}
	}
	for _, d := range ix.events {
		events += len(d)
	}
	for _, d := range ix.gifts {
		gifts += len(d)
	}
	for _, d := range ix.hours {
		hours += len(d)
	}
	return aid, events, gifts, hours, len(ix.people.household)
}
