package tally

import (
	"math/rand/v2"
	"runtime"
	"testing"
	"time"

	"github.com/parasat-kz/parasat"
)

// The index's counts against a plain count with maps over the same random
// facts, for periods long enough that the scan is shared between
// goroutines and short enough that it is not.

type world struct {
	ix        *Index
	aid       map[Day][]Aid
	household map[uint32]uint32
	members   map[uint32][]uint32
}

func randomWorld(t *testing.T, facts int) *world {
	t.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	var regions []parasat.Region
	regions = append(regions, parasat.KazakhstanRegions()...)
	w := &world{ix: New(NewRegions(regions)), aid: map[Day][]Aid{}, household: map[uint32]uint32{}, members: map[uint32][]uint32{}}
	b := &Batch{Aid: w.aid}
	for p := uint32(1); p <= 5000; p++ {
		person := Person{ID: p}
		if p%3 == 0 {
			person.Household = 1 + p%700
			w.household[p] = person.Household
			w.members[person.Household] = append(w.members[person.Household], p)
		}
		b.People = append(b.People, person)
	}
	first := DayOf(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC))
	for range facts {
		a := Aid{Value: rng.Int64N(1_000_000), Org: 1 + rng.Uint32N(50), Region: uint8(1 + rng.IntN(20)), Kind: uint8(rng.IntN(5))}
		switch rng.IntN(10) {
		case 0, 1, 2, 3, 4, 5:
			a.To, a.Recipient = ToPerson, 1+rng.Uint32N(5000)
		case 6, 7, 8:
			a.To, a.Recipient = ToHousehold, 1+rng.Uint32N(800) // some households have nobody registered
		default:
			a.To, a.Recipient = ToGroup, 1+rng.Uint32N(40)
		}
		d := first + Day(rng.IntN(731))
		w.aid[d] = append(w.aid[d], a)
	}
	w.ix.Apply(b)
	return w
}

// naive counts the aid of days from–to (and kind k, when k >= 0) with maps.
func (w *world) naive(from, to Day, region uint8, k int) parasat.Figures {
	var f parasat.Figures
	people, families := map[uint32]bool{}, map[uint32]bool{}
	for d := from; d <= to; d++ {
		for _, a := range w.aid[d] {
			if region != 0 && a.Region != region || k >= 0 && int(a.Kind) != k {
				continue
			}
			f.AidValueTiyn += a.Value
			switch a.To {
			case ToPerson:
				people[a.Recipient] = true
				if hh := w.household[a.Recipient]; hh != 0 {
					families[hh] = true
				}
			case ToHousehold:
				families[a.Recipient] = true
				for _, p := range w.members[a.Recipient] {
					people[p] = true
				}
			case ToGroup:
				f.PeopleHelped += int64(a.Recipient)
			}
		}
	}
	f.PeopleHelped += int64(len(people))
	f.FamiliesHelped = int64(len(families))
	return f
}

func TestSummaryCountsLikeAPlainCount(t *testing.T) {
	w := randomWorld(t, 600_000)
	defer func(n uint32) { parallelHouseholds = n }(parallelHouseholds)
	for _, procs := range []int{1, 2, 4} {
		old := runtime.GOMAXPROCS(procs)
		parallelHouseholds = 0 // the world's few households are counted as a big one's are
		if procs == 1 {
			parallelHouseholds = 1 << 31
		}
		for _, c := range []struct {
			from, to string
			region   string
			kind     parasat.KindOfHelp
		}{
			{"2024-01-01", "2025-12-31", "", ""}, {"2024-03-05", "2024-03-05", "", ""}, {"2024-02-10", "2025-06-30", "KZ-71", ""},
			{"2024-01-01", "2025-12-31", "", parasat.HelpGoods}, {"2025-01-01", "2025-03-31", "KZ-75", parasat.HelpCare},
			// Whole years with part years before and after them, or none.
			{"2023-06-01", "2026-02-01", "", ""}, {"2024-02-29", "2025-12-31", "", parasat.HelpMoney},
			{"2024-01-01", "2025-12-30", "", ""}, {"2000-01-01", "2169-06-01", "", ""},
		} {
			from, _ := parasat.ParseDate(c.from)
			to, _ := parasat.ParseDate(c.to)
			f := parasat.ReportFilter{Period: parasat.Period{From: from, To: to}, Region: c.region, Kind: c.kind}
			got := w.ix.Summary(f)
			k := -1
			if c.kind != "" {
				ki, _ := KindIndex(c.kind)
				k = int(ki)
			}
			want := w.naive(DayOf(from.Time), DayOf(to.Time), w.ix.regions.Index(c.region), k)
			if got.PeopleHelped != want.PeopleHelped || got.FamiliesHelped != want.FamiliesHelped || got.AidValueTiyn != want.AidValueTiyn {
				t.Errorf("%d cores, %+v: people %d, families %d, value %d; a plain count gives %d, %d, %d", procs, c,
					got.PeopleHelped, got.FamiliesHelped, got.AidValueTiyn, want.PeopleHelped, want.FamiliesHelped, want.AidValueTiyn)
			}
			if got.PeopleHelped == 0 {
				t.Errorf("%+v counted nobody: the case tests nothing", c)
			}
		}
		runtime.GOMAXPROCS(old)
	}
}

// A change to a day of a year whose country-wide scan the index remembers
// is counted by the next summary.
func TestSummaryCountsAChangeToARememberedYear(t *testing.T) {
	w := randomWorld(t, 50_000)
	from, _ := parasat.ParseDate("2024-01-01")
	to, _ := parasat.ParseDate("2025-12-31")
	f := parasat.ReportFilter{Period: parasat.Period{From: from, To: to}}
	w.ix.RememberYears() // as a load does: 2024 and 2025
	before := w.ix.Summary(f)
	day := DayOf(time.Date(2024, 7, 15, 0, 0, 0, 0, time.UTC))
	changed := append(w.aid[day][1:], Aid{Value: 123, Org: 7, Region: 3, Kind: 2, To: ToPerson, Recipient: 4999},
		Aid{Value: 77, Org: 7, Region: 3, Kind: 4, To: ToGroup, Recipient: 9})
	w.aid[day] = changed
	w.ix.Apply(&Batch{Aid: map[Day][]Aid{day: changed}})
	got := w.ix.Summary(f)
	want := w.naive(DayOf(from.Time), DayOf(to.Time), 0, -1)
	if got.PeopleHelped != want.PeopleHelped || got.AidValueTiyn != want.AidValueTiyn || got.FamiliesHelped != want.FamiliesHelped {
		t.Errorf("after a change: people %d, value %d, families %d; a plain count gives %d, %d, %d",
			got.PeopleHelped, got.AidValueTiyn, got.FamiliesHelped, want.PeopleHelped, want.AidValueTiyn, want.FamiliesHelped)
	}
	if got.AidValueTiyn == before.AidValueTiyn {
		t.Error("the change did not change the value: the case tests nothing")
	}
}

func TestDaysAndSets(t *testing.T) {
	d := DayOf(time.Date(2019, 4, 25, 13, 0, 0, 0, time.UTC))
	if got := d.Date().String(); got != "2019-04-25" {
		t.Errorf("a day round trip gives %s", got)
	}
	if DayOf(time.Date(1985, 1, 1, 0, 0, 0, 0, time.UTC)) != 0 || DayOf(time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC)) != MaxDay {
		t.Error("days outside the index's range are not clamped")
	}
	b := newBitset(100)
	b.set(9)
	b.set(64)
	o := newBitset(100)
	o.set(99)
	b.or(o)
	var seen []uint32
	b.each(func(id uint32) { seen = append(seen, id) })
	if len(seen) != 3 || seen[0] != 9 || seen[1] != 64 || seen[2] != 99 || b.count() != 3 || !b.has(64) || b.has(63) {
		t.Errorf("a set holds %v", seen)
	}
}
