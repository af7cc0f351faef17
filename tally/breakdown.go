package tally

import (
	"slices"
	"strconv"

	"github.com/parasat-kz/parasat"
)

// Breakdown splits the figures of f by one dimension. Its Total is the
// Summary of f. Distinct counts are counted within each row: the people,
// households, patrons and volunteers a row meets are collected as pairs
// (row, ID) and counted after sorting, so that a breakdown with a
// thousand organisations costs one pass over the period.
func (ix *Index) Breakdown(f parasat.ReportFilter, by parasat.Dimension) *parasat.Breakdown {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	m := ix.compile(f)
	b := &parasat.Breakdown{By: by, Rows: []parasat.BreakdownRow{}}
	if !m.none && m.from <= m.to {
		h := ix.scanAid(m)
		ix.countAid(h, &b.Total)
		ix.countEvents(m, &b.Total, h.orgs, h.events)
		ok := f.Applicable()
		if ok.Has(parasat.FigMoneyRaised) {
			ix.countGifts(m, &b.Total)
		}
		if ok.Has(parasat.FigVolunteers) {
			ix.countHours(m, &b.Total)
		}
		r := ix.newRows(m, f, by)
		r.scan(h.events)
		b.Rows = r.finish()
	} else if by == parasat.ByQuarter || by == parasat.ByMonth {
		b.Rows = parasat.TimeRows(f.Period, by)
	}
	return b
}

// rows accumulates the figures of each row of a breakdown.
type rows struct {
	ix   *Index
	m    *match
	by   parasat.Dimension
	ok   parasat.FigureSet
	out  []parasat.BreakdownRow
	keys map[uint64]int32 // an organisation's or occasion's number → row
	// dayRow maps a day of the period to its row (time dimensions).
	dayRow []int32
	// Pairs of (row, ID) for the distinct counts: people and households
	// with the kind of help in the low 3 bits, patrons and volunteers.
	people, households, patrons, volunteers []uint64
	anonymous                               [][5]int64
	buf                                     []int32
}

func (ix *Index) newRows(m *match, f parasat.ReportFilter, by parasat.Dimension) *rows {
	r := &rows{ix: ix, m: m, by: by, ok: by.Figures() & f.Applicable(), keys: map[uint64]int32{}}
	switch by {
	case parasat.ByQuarter, parasat.ByMonth:
		r.out = parasat.TimeRows(f.Period, by)
		r.dayRow = make([]int32, int(m.to-m.from)+1)
		for i, row := range r.out {
			for d := DayOf(row.Period.From.Time); d <= DayOf(row.Period.To.Time); d++ {
				r.dayRow[d-m.from] = int32(i)
			}
		}
	case parasat.ByRegion:
		for i := 1; i < len(ix.regions.codes); i++ {
			if m.region == 0 || int(m.region) == i {
				r.keys[uint64(i)] = int32(len(r.out))
				r.out = append(r.out, parasat.BreakdownRow{Key: ix.regions.codes[i], Name: ix.regions.names[i]})
			}
		}
	case parasat.ByCategory:
		for _, c := range parasat.Categories {
			r.out = append(r.out, parasat.BreakdownRow{Key: string(c)})
		}
	case parasat.ByKind:
		for _, k := range parasat.KindsOfHelp {
			r.out = append(r.out, parasat.BreakdownRow{Key: string(k)})
		}
	}
	r.anonymous = make([][5]int64, len(r.out))
	return r
}

// row returns the row of an organisation or occasion, adding it when new.
func (r *rows) row(key uint64) int32 {
	if i, ok := r.keys[key]; ok {
		return i
	}
	row := parasat.BreakdownRow{}
	switch r.by {
	case parasat.ByOrganisation:
		row.Key = strconv.FormatUint(key, 10)
		if o := r.ix.orgs[uint32(key)]; o != nil {
			row.Name = o.Name
		}
	case parasat.ByOccasion:
		row.Key = r.ix.occasions[key]
	}
	i := int32(len(r.out))
	r.keys[key] = i
	r.out = append(r.out, row)
	r.anonymous = append(r.anonymous, [5]int64{})
	return i
}

// aidRows returns the rows an aid record of day d counts in.
func (r *rows) aidRows(a *Aid, d Day) []int32 {
	r.buf = r.buf[:0]
	switch r.by {
	case parasat.ByQuarter, parasat.ByMonth:
		r.buf = append(r.buf, r.dayRow[d-r.m.from])
	case parasat.ByRegion:
		if i, ok := r.keys[uint64(a.Region)]; ok {
			r.buf = append(r.buf, i)
		}
	case parasat.ByOrganisation:
		r.buf = append(r.buf, r.row(uint64(a.Org)))
	case parasat.ByOccasion:
		r.buf = append(r.buf, r.row(uint64(r.ix.eventOccasion[a.Event])))
	case parasat.ByCategory:
		mask := r.ix.categories(a, d)
		for c := range parasat.Categories {
			if mask&(1<<c) != 0 {
				r.buf = append(r.buf, int32(c))
			}
		}
	case parasat.ByKind:
		r.buf = append(r.buf, int32(a.Kind))
	}
	return r.buf
}

// eventRows returns the rows of an event (every organisation of it, for
// the organisation dimension) or of a fact tied to an event.
func (r *rows) eventRows(e *Event, region uint8, d Day) []int32 {
	r.buf = r.buf[:0]
	switch r.by {
	case parasat.ByQuarter, parasat.ByMonth:
		r.buf = append(r.buf, r.dayRow[d-r.m.from])
	case parasat.ByRegion:
		if i, ok := r.keys[uint64(region)]; ok {
			r.buf = append(r.buf, i)
		}
	case parasat.ByOrganisation:
		if e != nil {
			for _, o := range e.Orgs {
				if r.m.org(o) {
					r.buf = append(r.buf, r.row(uint64(o)))
				}
			}
		}
	case parasat.ByOccasion:
		var occ uint16
		if e != nil {
			occ = r.ix.eventOccasion[e.ID]
		}
		r.buf = append(r.buf, r.row(uint64(occ)))
	}
	return r.buf
}

func (r *rows) scan(withAid bitset) {
	r.scanAid()
	if !r.ok.Has(parasat.FigEvents) {
		return
	}
	r.scanEvents(withAid)
	if r.ok.Has(parasat.FigMoneyRaised) {
		r.scanGifts()
	}
	if r.ok.Has(parasat.FigVolunteers) {
		r.scanHours()
	}
}

func (r *rows) scanAid() {
	ix := r.ix
	for k := range ix.aid {
		r.scanKind(ix.aid[k])
	}
}

func (r *rows) scanKind(days []aidDay) {
	m := r.m
	for d := m.from; d <= m.to && int(d) < len(days); d++ {
		for i := range days[d].facts {
			a := &days[d].facts[i]
			if !m.aid(a, d) {
				continue
			}
			for _, row := range r.aidRows(a, d) {
				fig := &r.out[row].Figures
				kind := parasat.KindsOfHelp[a.Kind]
				fig.AidByKind.Set(kind, fig.AidByKind.Of(kind)+a.Value)
				fig.AidValueTiyn += a.Value
				pair := uint64(row)<<35 | uint64(a.Recipient)<<3 | uint64(a.Kind)
				switch a.To {
				case ToPerson:
					r.people = append(r.people, pair)
				case ToHousehold:
					r.households = append(r.households, pair)
				case ToGroup:
					r.anonymous[row][a.Kind] += int64(a.Recipient)
				}
			}
		}
		if d == MaxDay {
			break
		}
	}
}

func (r *rows) scanEvents(withAid bitset) {
	ix, m := r.ix, r.m
	for d := m.from; d <= m.to && int(d) < len(ix.events); d++ {
		for _, e := range ix.events[d] {
			if !m.event(e) || m.aidOnly() && !withAid.has(e.ID) {
				continue
			}
			for _, row := range r.eventRows(e, e.Region, d) {
				fig := &r.out[row].Figures
				fig.Events++
				if !e.HasShifts && !m.aidOnly() {
					fig.Volunteers += e.Volunteers
					fig.VolunteerHours += parasat.Minutes(e.Minutes)
				}
			}
		}
		if d == MaxDay {
			break
		}
	}
}

func (r *rows) scanGifts() {
	ix, m := r.ix, r.m
	for d := m.from; d <= m.to && int(d) < len(ix.gifts); d++ {
		for i := range ix.gifts[d] {
			g := &ix.gifts[d][i]
			if !m.gift(g) {
				continue
			}
			var rws []int32
			if r.by == parasat.ByOrganisation {
				rws = append(r.buf[:0], r.row(uint64(g.Org)))
			} else {
				rws = r.eventRows(ix.eventByID[g.Event], g.Region, d)
			}
			for _, row := range rws {
				r.out[row].MoneyRaisedTiyn += g.Amount
				if g.Patron != 0 && g.Amount > 0 {
					r.patrons = append(r.patrons, uint64(row)<<32|uint64(g.Patron))
				}
			}
		}
		if d == MaxDay {
			break
		}
	}
}

func (r *rows) scanHours() {
	ix, m := r.ix, r.m
	for d := m.from; d <= m.to && int(d) < len(ix.hours); d++ {
		for i := range ix.hours[d] {
			h := &ix.hours[d][i]
			if !m.hours(h) {
				continue
			}
			for _, row := range r.eventRows(ix.eventByID[h.Event], h.Region, d) {
				r.out[row].VolunteerHours += parasat.Minutes(h.Minutes)
				r.volunteers = append(r.volunteers, uint64(row)<<32|uint64(h.Volunteer))
			}
		}
		if d == MaxDay {
			break
		}
	}
}

// finish counts the distinct people, families, patrons and volunteers of
// each row and orders the rows.
func (r *rows) finish() []parasat.BreakdownRow {
	ix := r.ix
	fam := make([]uint64, 0, len(r.households))
	for _, p := range r.households {
		row, hh, kind := p>>35, uint32(p>>3), p&7
		fam = append(fam, row<<32|uint64(hh))
		for _, member := range ix.people.members.get(hh) {
			r.people = append(r.people, row<<35|uint64(member)<<3|kind)
		}
	}
	slices.Sort(r.people)
	prev := ^uint64(0)
	for _, p := range slices.Compact(r.people) {
		row, person, kind := p>>35, uint32(p>>3), parasat.KindsOfHelp[p&7]
		fig := &r.out[row].Figures
		if p>>3 != prev>>3 {
			fig.PeopleHelped++
			if hh := ix.householdOf(person); hh != 0 {
				fam = append(fam, row<<32|uint64(hh))
			}
		}
		fig.PeopleByKind.Set(kind, fig.PeopleByKind.Of(kind)+1)
		prev = p
	}
	countPairs(fam, func(row int) { r.out[row].FamiliesHelped++ })
	countPairs(r.patrons, func(row int) { r.out[row].Patrons++ })
	countPairs(r.volunteers, func(row int) { r.out[row].Volunteers++ })
	for row, anon := range r.anonymous {
		fig := &r.out[row].Figures
		for k, n := range anon {
			fig.PeopleHelped += n
			kind := parasat.KindsOfHelp[k]
			fig.PeopleByKind.Set(kind, fig.PeopleByKind.Of(kind)+n)
		}
	}
	r.order()
	return r.out
}

// countPairs sorts (row, ID) pairs and calls one for each distinct pair.
func countPairs(pairs []uint64, one func(row int)) {
	slices.Sort(pairs)
	for _, p := range slices.Compact(pairs) {
		one(int(p >> 32))
	}
}

// order sorts the rows made as they were met: organisations by the value
// of their help, then their events, then their number; occasions by key,
// the row of no occasion last.
func (r *rows) order() {
	switch r.by {
	case parasat.ByOrganisation:
		slices.SortStableFunc(r.out, func(a, b parasat.BreakdownRow) int {
			if a.AidValueTiyn != b.AidValueTiyn {
				return cmpDesc(a.AidValueTiyn, b.AidValueTiyn)
			}
			if a.Events != b.Events {
				return cmpDesc(a.Events, b.Events)
			}
			x, _ := strconv.ParseInt(a.Key, 10, 64)
			y, _ := strconv.ParseInt(b.Key, 10, 64)
			return cmpDesc(y, x)
		})
	case parasat.ByOccasion:
		slices.SortStableFunc(r.out, func(a, b parasat.BreakdownRow) int {
			switch {
			case a.Key == b.Key:
				return 0
			case a.Key == "":
				return 1
			case b.Key == "":
				return -1
			case a.Key < b.Key:
				return -1
			}
			return 1
		})
	}
}

func cmpDesc(a, b int64) int {
	switch {
	case a > b:
		return -1
	case a < b:
		return 1
	}
	return 0
}
