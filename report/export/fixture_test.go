package export

import (
	"bytes"
	"sync"
	"testing"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
)

const tenge = 100

var catalog = sync.OnceValues(i18n.Load)

func loc(t testing.TB, lang parasat.Language) *i18n.Localizer {
	t.Helper()
	c, err := catalog()
	if err != nil {
		t.Fatal(err)
	}
	return c.For(lang)
}

func day(s string) parasat.Date {
	d, err := parasat.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func figures(events, people, aidTenge int64) parasat.Figures {
	return parasat.Figures{Events: events, PeopleHelped: people, FamiliesHelped: people / 4,
		AidValueTiyn: aidTenge * tenge, AidByKind: parasat.KindValues{Goods: aidTenge * tenge / 2, Development: aidTenge * tenge / 2},
		PeopleByKind: parasat.KindValues{Goods: people, Development: people / 2}}
}

// capital2019 is the capital's report for 1 January – 25 April 2019 with
// every breakdown, small enough to check by hand.
func capital2019() *parasat.Report {
	p := parasat.Period{From: day("2019-01-01"), To: day("2019-04-25")}
	months := parasat.TimeRows(p, parasat.ByMonth)
	for i, f := range []parasat.Figures{figures(6, 300, 500_000), figures(7, 400, 800_000), figures(9, 500, 1_000_000), figures(41, 400, 11_780_000)} {
		months[i].Figures = f
	}
	quarters := parasat.TimeRows(p, parasat.ByQuarter)
	quarters[0].Figures, quarters[1].Figures = figures(22, 1200, 2_300_000), figures(41, 400, 11_780_000)
	total := figures(63, 1500, 14_080_000)
	total.MoneyRaisedTiyn, total.Patrons, total.Volunteers, total.VolunteerHours = 14_250_000*tenge+50, 25, 350, 1200*60+30
	name := func(kk, ru, en string) parasat.Names { return parasat.Names{KK: kk, RU: ru, EN: en} }
	lastYear := figures(40, 900, 9_000_000)
	return &parasat.Report{
		Subject:  name("Астана қаласының Ассамблеясы", "Ассамблея города Астаны", "Assembly of Astana"),
		Summary:  parasat.Summary{Filter: parasat.ReportFilter{Period: p, Region: "KZ-71"}, Figures: total},
		LastYear: &parasat.Summary{Filter: parasat.ReportFilter{Period: p.SameLastYear(), Region: "KZ-71"}, Figures: lastYear},
		Breakdowns: []parasat.Breakdown{
			{By: parasat.ByQuarter, Rows: quarters, Total: total},
			{By: parasat.ByMonth, Rows: months, Total: total},
			{By: parasat.ByRegion, Total: total, Rows: []parasat.BreakdownRow{
				{Key: "KZ-71", Name: name("Астана қаласы", "город Астана", "Astana"), Figures: figures(60, 1450, 13_900_000)},
				{Key: "KZ-11", Name: name("Ақмола облысы", "Акмолинская область", "Akmola Region"), Figures: figures(3, 50, 180_000)},
			}},
			{By: parasat.ByKind, Total: total, Rows: []parasat.BreakdownRow{
				{Key: "goods", Figures: parasat.Figures{PeopleHelped: 1500, AidValueTiyn: 7_040_000 * tenge}},
				{Key: "development", Figures: parasat.Figures{PeopleHelped: 750, AidValueTiyn: 7_040_000 * tenge}},
			}},
			{By: parasat.ByOccasion, Total: total, Rows: []parasat.BreakdownRow{
				{Key: "3", Name: name("Наурыз", "Наурыз", "Nauryz"), Figures: figures(20, 600, 4_000_000)},
				{Key: "", Figures: figures(43, 900, 10_080_000)},
			}},
		},
	}
}

func xlsx(t testing.TB, lang parasat.Language, r *parasat.Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := XLSX(&buf, loc(t, lang), r); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
