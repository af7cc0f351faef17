package tally

import (
	"os"
	"runtime"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/parasat-kz/parasat"
)

// The index alone, without a database: PARASAT_BENCH_AID facts (default
// 1,000,000) spread over 2019–2026 like sqlstore's report benchmarks, to
// see what a summary costs per fact.

func benchIndex(b *testing.B) (*Index, int) {
	n := 1_000_000
	if s := os.Getenv("PARASAT_BENCH_AID"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil {
			b.Fatal(err)
		}
	}
	ix := New(NewRegions(parasat.KazakhstanRegions()))
	first := DayOf(time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC))
	const days = 2891
	people, households := n/10, n/100
	batch := &Batch{Aid: map[Day][]Aid{}, Events: map[Day][]Event{}}
	for i := 0; i < n; i++ {
		d := first + Day(i*7919%days)
		a := Aid{Value: 500_000 + int64(i%97)*10_000, Org: uint32(1 + i%2000), Region: uint8(1 + i%20), Kind: uint8(i % 5)}
		switch {
		case i%20 < 12:
			a.To, a.Recipient = ToPerson, uint32(1+i*104729%people)
		case i%20 < 17:
			a.To, a.Recipient = ToHousehold, uint32(1+i*7%households)
		default:
			a.To, a.Recipient = ToGroup, uint32(1+i%50)
		}
		if i%10 < 7 {
			a.Event = uint32(1 + i*7919%(n/50))
		}
		batch.Aid[d] = append(batch.Aid[d], a)
	}
	for i := 1; i <= people; i++ {
		p := Person{ID: uint32(i)}
		if i%2 == 0 {
			p.Household = uint32(1 + i/2%households)
		}
		if i%3 == 0 { // as the sqlstore benchmarks: a third of the people in one of four categories
			p.Categories = []Span{{Category: uint8([]int{1, 4, 5, 3}[i%4]), Until: MaxDay}}
		}
		batch.People = append(batch.People, p)
	}
	for h := 4; h <= households; h += 4 {
		batch.Households = append(batch.Households, Household{ID: uint32(h), Categories: []Span{{Category: 2, Until: MaxDay}}})
	}
	ix.Apply(batch)
	return ix, n
}

func BenchmarkIndexSummary(b *testing.B) {
	ix, n := benchIndex(b)
	for _, c := range []struct {
		name     string
		from, to string
		f        parasat.ReportFilter
	}{{"year", "2026-01-01", "2026-11-30", parasat.ReportFilter{}}, {"all_history", "2019-01-01", "2026-11-30", parasat.ReportFilter{}},
		{"region_year", "2026-01-01", "2026-11-30", parasat.ReportFilter{Region: "KZ-71"}},
		{"category_year", "2026-01-01", "2026-11-30", parasat.ReportFilter{Category: parasat.CategoryDisability}},
		{"organisation_year", "2026-01-01", "2026-11-30", parasat.ReportFilter{OrganisationID: 555}}} {
		from, _ := parasat.ParseDate(c.from)
		to, _ := parasat.ParseDate(c.to)
		f := c.f
		f.Period = parasat.Period{From: from, To: to}
		b.Run(c.name, func(b *testing.B) {
			runtime.GC() // the garbage of building the index is not the summary's
			cpu := cpuTime()
			for b.Loop() {
				ix.Summary(f)
			}
			// CPU time, beside the wall time: on a shared machine it tells
			// what the summary costs, whoever else is running.
			b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/1000/float64(b.N), "cpu-ms/op")
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/fact-of-history")
		})
	}
}

// cpuTime is the processor time this process has used, in all its threads.
func cpuTime() time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}
