package tally

import (
	"runtime"
	"sync"

	"github.com/parasat-kz/parasat"
)

// Counting the aid of a period: the hot loop of every summary. The index
// keeps aid by kind of help, and the scan marks the people and households
// helped with each kind in a set of that kind: scanning one kind at a time,
// the set being marked (125 KB for a million people) stays in the
// processor's cache, so marking costs one cached write per aid record.

// helped is what a scan of aid found: who received each kind of help, the
// sizes of anonymous groups and the value by kind, the events at which
// counted aid was given and the organisations that gave it.
type helped struct {
	people, households [5]bitset
	anonymous, values  [5]int64
	events, orgs       bitset
}

func (ix *Index) newHelped() *helped {
	h := &helped{events: newBitset(ix.maxEvent), orgs: newBitset(ix.maxOrg)}
	for k := range h.people {
		h.people[k], h.households[k] = newBitset(ix.maxPerson), newBitset(ix.maxHousehold)
	}
	return h
}

func (h *helped) merge(o *helped) {
	for k := range h.values {
		h.people[k].or(o.people[k])
		h.households[k].or(o.households[k])
		h.anonymous[k] += o.anonymous[k]
		h.values[k] += o.values[k]
	}
	h.events.or(o.events)
	h.orgs.or(o.orgs)
}

// parallelFacts is how many aid records a period must hold before its scan
// is shared between the processor's cores.
const parallelFacts = 200_000

// facts counts the aid records of day d.
func (ix *Index) facts(d int) int {
	n := 0
	for k := range ix.aid {
		if d < len(ix.aid[k]) {
			n += len(ix.aid[k][d].facts)
		}
	}
	return n
}

// scanAid counts the aid of the period m selects. The whole years of a
// country-wide summary come from the scans the index remembers (years.go).
func (ix *Index) scanAid(m *match) *helped {
	if m.digested() && m.region == 0 {
		if first, last, ok := wholeYears(m.from, m.to); ok {
			h := ix.scanPeriod(m, int(m.from), int(firstDay(first))-1)
			if end := firstDay(last + 1); end <= m.to {
				h.merge(ix.scanPeriod(m, int(end), int(m.to)))
			}
			ix.addYears(m, first, last, h)
			return h
		}
	}
	return ix.scanPeriod(m, int(m.from), int(m.to))
}

// scanPeriod counts the aid of days first to last that m selects,
// splitting a long period between goroutines, one per core, each scanning
// its own days.
func (ix *Index) scanPeriod(m *match, first, last int) *helped {
	var facts []int // of each day of the period
	total := 0
	for d := first; d <= last && d <= int(MaxDay); d++ {
		n := ix.facts(d)
		facts, total = append(facts, n), total+n
	}
	parts := min(runtime.GOMAXPROCS(0), 8, total/parallelFacts+1)
	if parts <= 1 {
		h := ix.newHelped()
		ix.scanDays(m, first, last, h)
		return h
	}
	found := make([]*helped, parts)
	var wg sync.WaitGroup
	from, seen := first, 0
	for p := range parts {
		// Days of about equal numbers of facts for each part.
		to := from
		for goal := total * (p + 1) / parts; to < last && seen+facts[to-first] < goal; to++ {
			seen += facts[to-first]
		}
		if p == parts-1 {
			to = last
		}
		seen += facts[min(to, last)-first]
		found[p] = ix.newHelped()
		wg.Add(1)
		go func(from, to int, h *helped) {
			defer wg.Done()
			ix.scanDays(m, from, to, h)
		}(from, to, found[p])
		from = to + 1
	}
	wg.Wait()
	for _, h := range found[1:] {
		found[0].merge(h)
	}
	return found[0]
}

// scanDays adds the aid records of days from to to that m counts to h, a
// kind of help at a time: from the days' digests when m filters at most by
// region and kind, else record by record.
func (ix *Index) scanDays(m *match, from, to int, h *helped) {
	if m.digested() {
		ix.scanDigest(m, from, to, h)
		return
	}
	events := m.aidOnly() // the events that count are those with such help
	for k := range ix.aid {
		if m.kind >= 0 && m.kind != k {
			continue
		}
		days, people, households := ix.aid[k], h.people[k], h.households[k]
		for d := from; d <= to && d < len(days); d++ {
			list := days[d].facts
			for i := range list {
				a := &list[i]
				if !m.aid(a, Day(d)) {
					continue
				}
				h.values[k] += a.Value
				h.orgs.set(a.Org)
				if events && a.Event != 0 {
					h.events.set(a.Event)
				}
				switch a.To {
				case ToPerson:
					people.set(a.Recipient)
				case ToHousehold:
					households.set(a.Recipient)
				case ToGroup:
					h.anonymous[k] += int64(a.Recipient)
				}
			}
		}
	}
}

// countAid sets the figures of aid from a scan: its value by kind and the
// people and families helped. The members of each household helped count
// as helped with what it received; a person helped twice, or by name and
// in their household, is one person. Over years of a national history this
// marks millions of members, so the kinds share the cores.
func (ix *Index) countAid(h *helped, fig *parasat.Figures) {
	parallel := ix.maxHousehold >= parallelHouseholds
	ix.eachKind(parallel, func(k int) {
		h.households[k].each(func(hh uint32) {
			for _, p := range ix.people.members.get(hh) {
				h.people[k].set(p)
			}
		})
	})
	everyone, fam := newBitset(ix.maxPerson), newBitset(ix.maxHousehold)
	for k, kind := range parasat.KindsOfHelp {
		fig.AidByKind.Set(kind, h.values[k])
		fig.AidValueTiyn += h.values[k]
		fig.PeopleByKind.Set(kind, h.people[k].count()+h.anonymous[k])
		fig.PeopleHelped += h.anonymous[k]
		everyone.or(h.people[k])
		fam.or(h.households[k])
	}
	fig.PeopleHelped += everyone.count()
	// The households of the people helped by name: each part of the people
	// marks its own set of households, merged after.
	parts := 1
	if parallel {
		parts = runtime.GOMAXPROCS(0)
	}
	found := make([]bitset, parts)
	ix.each(parts, func(i int) {
		found[i] = newBitset(ix.maxHousehold)
		words := everyone[len(everyone)*i/parts : len(everyone)*(i+1)/parts]
		base := uint32(len(everyone)*i/parts) * 64
		words.each(func(p uint32) {
			if hh := ix.householdOf(base + p); hh != 0 {
				found[i].set(hh)
			}
		})
	})
	for _, f := range found {
		fam.or(f)
	}
	fig.FamiliesHelped = fam.count()
}

// parallelHouseholds is how many households the index must know before
// counting shares the cores (a variable for the tests).
var parallelHouseholds uint32 = 20_000

// eachKind calls fn with each kind of help, at once on all cores when
// parallel.
func (ix *Index) eachKind(parallel bool, fn func(k int)) {
	if !parallel {
		for k := range ix.aid {
			fn(k)
		}
		return
	}
	ix.each(len(ix.aid), fn)
}

// each calls fn(0) … fn(n-1), at most one per core at a time.
func (ix *Index) each(n int, fn func(i int)) {
	if n == 1 {
		fn(0)
		return
	}
	var wg sync.WaitGroup
	cores := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i := range n {
		wg.Add(1)
		cores <- struct{}{}
		go func() {
			defer wg.Done()
			fn(i)
			<-cores
		}()
	}
	wg.Wait()
}
