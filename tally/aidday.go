package tally

import (
	"cmp"
	"slices"
)

// aidDay is one kind of help's aid records of one day, kept twice: whole,
// for summaries filtered by organisation, occasion or category and for
// breakdowns; and digested by region, for the summaries asked most — the
// country's and a region's — which then read 4 bytes per person or
// household helped instead of a 24-byte record, and nothing of the other
// regions.
type aidDay struct {
	facts []Aid // by region, then recipient kind
	// Per region index r (0 for none), its slice of the lists below is
	// [at[r], at[r+1]) of people, households, orgs and events.
	people, households []uint32 // who received help, once each
	orgs, events       []uint32 // distinct givers and events
	peopleAt           []int32
	householdsAt       []int32
	orgsAt             []int32
	eventsAt           []int32
	value, anonymous   []int64 // per region
}

// newAidDay digests the records of one kind and day; regions is the number
// of regions (their indexes run from 1).
func newAidDay(list []Aid, regions int) aidDay {
	slices.SortFunc(list, func(a, b Aid) int {
		return cmp.Or(cmp.Compare(a.Region, b.Region), cmp.Compare(a.To, b.To), cmp.Compare(a.Recipient, b.Recipient))
	})
	n := regions + 2
	d := aidDay{facts: slices.Clip(list), peopleAt: make([]int32, n), householdsAt: make([]int32, n), orgsAt: make([]int32, n),
		eventsAt: make([]int32, n), value: make([]int64, n-1), anonymous: make([]int64, n-1)}
	for r, i := 0, 0; r < n-1; r++ {
		d.peopleAt[r], d.householdsAt[r], d.orgsAt[r], d.eventsAt[r] =
			int32(len(d.people)), int32(len(d.households)), int32(len(d.orgs)), int32(len(d.events))
		orgs, events := len(d.orgs), len(d.events)
		for ; i < len(list) && int(list[i].Region) == r; i++ {
			a := &list[i]
			d.value[r] += a.Value
			switch a.To {
			case ToPerson:
				d.people = appendNew(d.people, a.Recipient)
			case ToHousehold:
				d.households = appendNew(d.households, a.Recipient)
			case ToGroup:
				d.anonymous[r] += int64(a.Recipient)
			}
			d.orgs = append(d.orgs, a.Org)
			if a.Event != 0 {
				d.events = append(d.events, a.Event)
			}
		}
		d.orgs = distinctTail(d.orgs, orgs)
		d.events = distinctTail(d.events, events)
	}
	d.peopleAt[n-1], d.householdsAt[n-1], d.orgsAt[n-1], d.eventsAt[n-1] =
		int32(len(d.people)), int32(len(d.households)), int32(len(d.orgs)), int32(len(d.events))
	d.people, d.households = slices.Clip(d.people), slices.Clip(d.households)
	d.orgs, d.events = slices.Clip(d.orgs), slices.Clip(d.events)
	return d
}

// appendNew appends id unless it is the last one (the records are sorted
// by recipient within a region and kind of recipient).
func appendNew(list []uint32, id uint32) []uint32 {
	if n := len(list); n > 0 && list[n-1] == id {
		return list
	}
	return append(list, id)
}

// distinctTail sorts list[from:] and removes its repeats.
func distinctTail(list []uint32, from int) []uint32 {
	tail := list[from:]
	slices.Sort(tail)
	return append(list[:from], slices.Compact(tail)...)
}

func (ix *Index) setAidDay(k int, d Day, list []Aid) {
	ix.years.forget(k, d)
	days := ix.aid[k]
	if int(d) >= len(days) {
		if len(list) == 0 {
			return
		}
		days = slices.Grow(days, int(d)+1-len(days))[:int(d)+1]
	}
	if len(list) == 0 {
		days[d] = aidDay{}
	} else {
		days[d] = newAidDay(list, len(ix.regions.codes)-1)
	}
	ix.aid[k] = days
}

// scanDigest adds what the digests of days from to to say of region r (0:
// every region) to h: the summary's path when it filters at most by region
// and kind of help.
func (ix *Index) scanDigest(m *match, from, to int, h *helped) {
	r0, r1 := 0, len(ix.regions.codes)
	if m.region != 0 {
		r0, r1 = int(m.region), int(m.region)+1
	}
	for k := range ix.aid {
		if m.kind >= 0 && m.kind != k {
			continue
		}
		days, people, households := ix.aid[k], h.people[k], h.households[k]
		for d := from; d <= to && d < len(days); d++ {
			day := &days[d]
			if len(day.facts) == 0 {
				continue
			}
			for r := r0; r < r1; r++ {
				h.values[k] += day.value[r]
				h.anonymous[k] += day.anonymous[r]
			}
			for _, p := range day.people[day.peopleAt[r0]:day.peopleAt[r1]] {
				people.set(p)
			}
			for _, hh := range day.households[day.householdsAt[r0]:day.householdsAt[r1]] {
				households.set(hh)
			}
			for _, o := range day.orgs[day.orgsAt[r0]:day.orgsAt[r1]] {
				h.orgs.set(o)
			}
			if m.aidOnly() { // the events that count are those with help of the kind
				for _, e := range day.events[day.eventsAt[r0]:day.eventsAt[r1]] {
					h.events.set(e)
				}
			}
		}
	}
}
