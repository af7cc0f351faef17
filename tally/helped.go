package tally

import (
	"runtime"
	"sync"

	"github.com/parasat-kz/parasat"
)

// Counting the aid of a period: the hot loop of every summary.

// kindLanes holds a byte per ID — the kinds of help (a bit per kind of
// parasat.KindsOfHelp) a person or household received — eight to a word,
// so that two scans merge word by word. One byte per person costs one
// write per aid record, where a set of people per kind would cost two.
type kindLanes []uint64

func newKindLanes(maxID uint32) kindLanes { return make(kindLanes, int(maxID)/8+1) }

func (l kindLanes) add(id uint32, kind uint8) { l[id>>3] |= uint64(1<<kind) << (id & 7 * 8) }

func (l kindLanes) get(id uint32) uint8 { return uint8(l[id>>3] >> (id & 7 * 8)) }

func (l kindLanes) merge(o kindLanes) {
	for i, w := range o {
		l[i] |= w
	}
}

// each calls fn with every ID that received help and its kinds.
func (l kindLanes) each(fn func(id uint32, kinds uint8)) {
	for i, w := range l {
		for b := 0; w != 0; b, w = b+1, w>>8 {
			if k := uint8(w); k != 0 {
				fn(uint32(i*8+b), k)
			}
		}
	}
}

// helped is what a scan of aid found: who received which kinds of help,
// the sizes of anonymous groups by kind, the value by kind, the events at
// which counted aid was given and the organisations that gave it.
type helped struct {
	people, households kindLanes
	anonymous, values  [5]int64
	events, orgs       bitset
}

func (ix *Index) newHelped() *helped {
	return &helped{people: newKindLanes(ix.maxPerson), households: newKindLanes(ix.maxHousehold),
		events: newBitset(ix.maxEvent), orgs: newBitset(ix.maxOrg)}
}

func (h *helped) merge(o *helped) {
	h.people.merge(o.people)
	h.households.merge(o.households)
	for k := range h.values {
		h.anonymous[k] += o.anonymous[k]
		h.values[k] += o.values[k]
	}
	for i, w := range o.events {
		h.events[i] |= w
	}
	for i, w := range o.orgs {
		h.orgs[i] |= w
	}
}

// parallelFacts is how many aid records a period must hold before its scan
// is shared between the processor's cores.
const parallelFacts = 200_000

// scanAid counts the aid of the period m selects, splitting a long period
// between goroutines, one per core, each scanning its own days.
func (ix *Index) scanAid(m *match) *helped {
	last := min(int(m.to), len(ix.aid)-1)
	first := int(m.from)
	facts := 0
	for d := first; d <= last; d++ {
		facts += len(ix.aid[d])
	}
	parts := min(runtime.GOMAXPROCS(0), 8, facts/parallelFacts+1)
	if parts <= 1 {
		h := ix.newHelped()
		ix.scanDays(m, first, last, h)
		return h
	}
	// Days of about equal numbers of facts for each part.
	found := make([]*helped, parts)
	var wg sync.WaitGroup
	from, seen := first, 0
	for p := range parts {
		to := from
		if p == parts-1 {
			to = last
		} else {
			for goal := facts * (p + 1) / parts; to < last && seen+len(ix.aid[to]) < goal; to++ {
				seen += len(ix.aid[to])
			}
		}
		found[p] = ix.newHelped()
		wg.Add(1)
		go func(from, to int, h *helped) {
			defer wg.Done()
			ix.scanDays(m, from, to, h)
		}(from, to, found[p])
		if to < last {
			seen += len(ix.aid[to])
		}
		from = to + 1
	}
	wg.Wait()
	for _, h := range found[1:] {
		found[0].merge(h)
	}
	return found[0]
}

// scanDays adds the aid records of days from to to (indexes into ix.aid)
// that m counts to h.
func (ix *Index) scanDays(m *match, from, to int, h *helped) {
	all := m.all()
	for d := from; d <= to; d++ {
		list := ix.aid[d]
		for i := range list {
			a := &list[i]
			if !all && !m.aid(a, Day(d)) {
				continue
			}
			h.values[a.Kind] += a.Value
			h.orgs.set(a.Org)
			if a.Event != 0 {
				h.events.set(a.Event)
			}
			switch a.To {
			case ToPerson:
				h.people.add(a.Recipient, a.Kind)
			case ToHousehold:
				h.households.add(a.Recipient, a.Kind)
			case ToGroup:
				h.anonymous[a.Kind] += int64(a.Recipient)
			}
		}
	}
}

// countAid sets the figures of aid from a scan: its value by kind and the
// people and families helped. The members of each household helped count
// as helped with what it received; a person helped twice, or by name and
// in their household, is one person.
func (ix *Index) countAid(h *helped, fig *parasat.Figures) {
	for k, kind := range parasat.KindsOfHelp {
		fig.AidByKind.Set(kind, h.values[k])
		fig.AidValueTiyn += h.values[k]
	}
	fam := newBitset(ix.maxHousehold)
	h.households.each(func(hh uint32, kinds uint8) {
		fam.set(hh)
		for _, p := range ix.members[hh] {
			h.people[p>>3] |= uint64(kinds) << (p & 7 * 8)
		}
	})
	var byKind [5]int64
	h.people.each(func(p uint32, kinds uint8) {
		fig.PeopleHelped++
		for k := range byKind {
			byKind[k] += int64(kinds >> k & 1)
		}
		if hh := ix.householdOf(p); hh != 0 {
			fam.set(hh)
		}
	})
	for k, kind := range parasat.KindsOfHelp {
		fig.PeopleHelped += h.anonymous[k]
		fig.PeopleByKind.Set(kind, byKind[k]+h.anonymous[k])
	}
	fig.FamiliesHelped = fam.count()
}
