package tally

import (
	"sync"
	"time"
)

// The country's figures over several years — "all history", "the last five
// years" — would read every aid record's digest of those years on every
// request: some 70 ms for ten million records. But the past does not
// change, or rarely: so the index remembers, for each kind of help and each
// whole year, what a country-wide scan of that year found, and a summary
// over many years scans only the part years at its ends. A change to a day's
// aid forgets that day's year of that kind; changes come almost always to
// the current year, whose scan costs a few milliseconds.

// yearScan is what the digests of one kind of help over one whole calendar
// year hold for the whole country.
type yearScan struct {
	people, households, events, orgs bitset
	anonymous, value                 int64
}

type yearKey struct {
	kind uint8
	year int
}

// yearScans holds the remembered years. Entries are added while the
// index's read lock is held (by concurrent summaries, hence the mutex) and
// forgotten under its write lock.
type yearScans struct {
	mu   sync.Mutex
	scan map[yearKey]*yearScan
}

func (y *yearScans) get(k yearKey) *yearScan {
	y.mu.Lock()
	defer y.mu.Unlock()
	return y.scan[k]
}

func (y *yearScans) put(k yearKey, s *yearScan) {
	y.mu.Lock()
	defer y.mu.Unlock()
	if y.scan == nil {
		y.scan = map[yearKey]*yearScan{}
	}
	y.scan[k] = s
}

// forget drops the year of day d of kind k; the index's write lock is held.
func (y *yearScans) forget(k int, d Day) {
	y.mu.Lock()
	defer y.mu.Unlock()
	delete(y.scan, yearKey{uint8(k), d.Date().Year()})
}

// firstDay returns the day of 1 January of year.
func firstDay(year int) Day { return DayOf(time.Date(year, time.January, 1, 0, 0, 0, 0, time.UTC)) }

// wholeYears splits the days from to to into the whole calendar years they
// cover, first to last, and the part years before and after them; when no
// year is whole, the part before is the whole period.
func wholeYears(from, to Day) (first, last int, ok bool) {
	first, last = from.Date().Year(), to.Date().Year()
	if firstDay(first) != from {
		first++
	}
	if last >= MaxDay.Date().Year() || int(firstDay(last+1)) != int(to)+1 {
		last-- // the index's last year is never whole
	}
	return first, last, first <= last
}

// yearScan returns the country-wide scan of kind k over year, scanning it
// when it is not remembered.
func (ix *Index) yearScan(k int, year int) *yearScan {
	key := yearKey{uint8(k), year}
	if s := ix.years.get(key); s != nil {
		return s
	}
	from, to := int(firstDay(year)), int(firstDay(year+1))-1
	if !ix.anyAid(k, from, to) {
		s := &yearScan{} // a year without such help remembers no empty sets
		ix.years.put(key, s)
		return s
	}
	h := ix.newHelped()
	ix.scanDigest(&match{kind: k, occasion: -1, category: -1}, from, to, h)
	s := &yearScan{people: h.people[k], households: h.households[k], events: h.events, orgs: h.orgs,
		anonymous: h.anonymous[k], value: h.values[k]}
	ix.years.put(key, s)
	return s
}

// addYears adds the remembered scans of the years first to last, of the
// kinds m selects, to h. The years not remembered yet are scanned first,
// one per core at a time.
func (ix *Index) addYears(m *match, first, last int, h *helped) {
	var keys []yearKey
	for y := first; y <= last; y++ {
		for k := range ix.aid {
			if m.kind < 0 || m.kind == k {
				keys = append(keys, yearKey{uint8(k), y})
			}
		}
	}
	var missing []yearKey
	for _, key := range keys {
		if ix.years.get(key) == nil {
			missing = append(missing, key)
		}
	}
	if len(missing) > 0 {
		ix.each(len(missing), func(i int) { ix.yearScan(int(missing[i].kind), missing[i].year) })
	}
	for _, key := range keys {
		k, s := int(key.kind), ix.yearScan(int(key.kind), key.year)
		h.people[k].or(s.people)
		h.households[k].or(s.households)
		h.anonymous[k] += s.anonymous
		h.values[k] += s.value
		h.orgs.or(s.orgs)
		if m.aidOnly() {
			h.events.or(s.events)
		}
	}
}

// anyAid tells whether there is aid of kind k on any day from to to.
func (ix *Index) anyAid(k, from, to int) bool {
	days := ix.aid[k]
	for d := from; d <= to && d < len(days); d++ {
		if len(days[d].facts) > 0 {
			return true
		}
	}
	return false
}

// RememberYears scans every year that holds aid now, so that the first
// country-wide summary over whole years after a load answers as quickly as
// the next.
func (ix *Index) RememberYears() {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	first, last := -1, -1
	for k := range ix.aid {
		for d := range ix.aid[k] {
			if len(ix.aid[k][d].facts) > 0 {
				if first < 0 || d < first {
					first = d
				}
				last = max(last, d)
			}
		}
	}
	if first < 0 {
		return
	}
	ix.addYears(&match{kind: -1, occasion: -1, category: -1}, Day(first).Date().Year(), Day(last).Date().Year(), ix.newHelped())
}
