package export

import (
	"io"
	"strconv"
	"testing"

	"github.com/parasat-kz/parasat"
)

// yearReport is a year of a whole country's figures with every breakdown
// at a realistic size: 4 quarters, 12 months, 20 regions, orgs
// organisations, 200 occasions, 10 categories, 5 kinds, and last year.
func yearReport(orgs int) *parasat.Report {
	p := parasat.YearPeriod(2025)
	fig := func(i int) parasat.Figures {
		n := int64(i%97 + 5)
		f := figures(n, n*40, n*1_234_567)
		f.MoneyRaisedTiyn, f.Patrons, f.Volunteers, f.VolunteerHours = n*999_999_99, n, n*3, parasat.Minutes(n*600+15)
		return f
	}
	rows := func(n int, key func(int) string) []parasat.BreakdownRow {
		out := make([]parasat.BreakdownRow, n)
		for i := range out {
			k := key(i)
			out[i] = parasat.BreakdownRow{Key: k, Name: parasat.Names{KK: "Ұйым " + k, RU: "Организация " + k, EN: "Organisation " + k}, Figures: fig(i)}
		}
		return out
	}
	id := strconv.Itoa
	total := fig(1_000_000)
	timed := func(by parasat.Dimension) parasat.Breakdown {
		b := parasat.Breakdown{By: by, Rows: parasat.TimeRows(p, by), Total: total}
		for i := range b.Rows {
			b.Rows[i].Figures = fig(i)
		}
		return b
	}
	regions := parasat.KazakhstanRegions()
	r := &parasat.Report{Subject: parasat.Names{KK: "Қазақстан", RU: "Казахстан", EN: "Kazakhstan"},
		Summary:  parasat.Summary{Filter: parasat.ReportFilter{Period: p}, Figures: total},
		LastYear: &parasat.Summary{Filter: parasat.ReportFilter{Period: p.SameLastYear()}, Figures: fig(7)},
		Breakdowns: []parasat.Breakdown{timed(parasat.ByQuarter), timed(parasat.ByMonth),
			{By: parasat.ByRegion, Total: total, Rows: rows(len(regions), func(i int) string { return regions[i].Code })},
			{By: parasat.ByOrganisation, Total: total, Rows: rows(orgs, id)},
			{By: parasat.ByOccasion, Total: total, Rows: rows(200, id)},
			{By: parasat.ByCategory, Total: total, Rows: rows(len(parasat.Categories), func(i int) string { return string(parasat.Categories[i]) })},
			{By: parasat.ByKind, Total: total, Rows: rows(len(parasat.KindsOfHelp), func(i int) string { return string(parasat.KindsOfHelp[i]) })},
		}}
	return r
}

// BenchmarkYearXLSX measures writing a year's workbook with every
// breakdown (the target for the whole export, queries included, is under
// 10 s for a year of 10,000,000 aid records).
func BenchmarkYearXLSX(b *testing.B) {
	for _, orgs := range []int{300, 10_000} {
		b.Run("organisations="+strconv.Itoa(orgs), func(b *testing.B) {
			r, l := yearReport(orgs), loc(b, parasat.Kazakh)
			b.ReportAllocs()
			for b.Loop() {
				if err := XLSX(io.Discard, l, r); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkYearPDF measures writing a year's PDF with every breakdown,
// its charts and the statement (the target for a year's export
// with all breakdowns is well under 10 s).
func BenchmarkYearPDF(b *testing.B) {
	for _, orgs := range []int{300, 10_000} {
		b.Run("organisations="+strconv.Itoa(orgs), func(b *testing.B) {
			r, l, today := yearReport(orgs), loc(b, parasat.Kazakh), parasat.DateOf(2025, 12, 31)
			b.ReportAllocs()
			for b.Loop() {
				if err := PDF(io.Discard, l, r, today); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkYearCSV measures the CSV of the largest breakdown.
func BenchmarkYearCSV(b *testing.B) {
	r, l := yearReport(300), loc(b, parasat.Russian)
	for b.Loop() {
		if err := CSV(io.Discard, l, r, parasat.ByOrganisation); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSuppressYear measures suppression of a year's report for the
// public page.
func BenchmarkSuppressYear(b *testing.B) {
	base := yearReport(300)
	for b.Loop() {
		b.StopTimer()
		r := *base
		r.Breakdowns = make([]parasat.Breakdown, len(base.Breakdowns))
		for i, bd := range base.Breakdowns {
			r.Breakdowns[i] = bd
			r.Breakdowns[i].Rows = append([]parasat.BreakdownRow(nil), bd.Rows...)
		}
		b.StartTimer()
		r.Suppress()
	}
}
