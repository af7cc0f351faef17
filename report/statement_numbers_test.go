package report

import (
	"strings"
	"testing"

	"github.com/parasat-kz/parasat"
)

func simpleReport(p parasat.Period, f parasat.Figures) *parasat.Report {
	return &parasat.Report{Summary: parasat.Summary{Filter: parasat.ReportFilter{Period: p}, Figures: f}}
}

// Counts: Russian nouns and verbs by the three plural forms, English
// singular and plural, Kazakh singular nouns.
func TestStatementCounts(t *testing.T) {
	today := date("2026-05-10")
	ytd := parasat.YearToDate(today)
	for _, tc := range []struct {
		n                  int64
		ruEvents, ruPeople string
		enEvents, enPeople string
	}{
		{1, "1_мероприятие", "получил 1_человек", "1_event has been held", "1_person has received"},
		{2, "2_мероприятия", "получили 2_человека", "2_events have been held", "2_people have received"},
		{5, "5_мероприятий", "получили 5_человек", "5_events have been held", "5_people have received"},
		{11, "11_мероприятий", "получили 11_человек", "11_events have been held", "11_people have received"},
		{21, "21_мероприятие", "получил 21_человек", "21_events have been held", "21_people have received"},
		{22, "22_мероприятия", "получили 22_человека", "22_events have been held", "22_people have received"},
		{63, "63_мероприятия", "получили 63_человека", "63_events have been held", "63_people have received"},
		{101, "101_мероприятие", "получил 101_человек", "101_events have been held", "101_people have received"},
		{112, "112_мероприятий", "получили 112_человек", "112_events have been held", "112_people have received"},
		{1200, "1_200_мероприятий", "получили 1_200_человек", "1_200_events have been held", "1_200_people have received"},
	} {
		got := statements(t, simpleReport(ytd, parasat.Figures{Events: tc.n, PeopleHelped: tc.n, AidValueTiyn: 999 * tenge}), today)
		n := visible(localizersNumber(t, tc.n))
		compare(t, n, got, map[parasat.Language][]string{
			parasat.Russian: {"С начала года проведено " + tc.ruEvents + ".", "Помощь на сумму 999_тенге " + tc.ruPeople + "."},
			parasat.English: {"Since the beginning of the year, " + tc.enEvents + ".", "In total, " + tc.enPeople + " help worth 999_tenge."},
			parasat.Kazakh:  {"Жыл басынан бері " + n + "_іс-шара өткізілді.", "Барлығы " + n + "_адамға 999_теңге көлемінде көмек көрсетілді."},
		})
	}
}

func localizersNumber(t *testing.T, n int64) string { return localizers(t)[parasat.English].Number(n) }

// Kazakh "олардың N-сі": the possessive after the number read aloud.
func TestKazakhQuarterOfThem(t *testing.T) {
	year := parasat.YearPeriod(2025)
	for n, want := range map[int64]string{1: "біреуі", 2: "2-сі", 5: "5-і", 6: "6-сы", 10: "10-ы", 11: "11-і",
		21: "21-і", 22: "22-сі", 40: "40-ы", 50: "50-і", 63: "63-і", 101: "101-і", 1200: "1_200-і"} {
		r := simpleReport(year, parasat.Figures{Events: n + 3})
		rows := parasat.TimeRows(year, parasat.ByQuarter)
		rows[1].Events = n
		r.Breakdowns = []parasat.Breakdown{{By: parasat.ByQuarter, Rows: rows}}
		got := statements(t, r, date("2026-05-10"))
		if s := got[parasat.Kazakh]; len(s) != 2 || s[1] != "Екінші тоқсанда олардың "+want+" өткізілді." {
			t.Errorf("%d events in Q2: %q", n, s)
		}
		if s := got[parasat.Russian]; len(s) != 2 || !strings.HasPrefix(s[1], "Во втором квартале проведено ") {
			t.Errorf("ru: %q", s)
		}
		wantEN := "In the second quarter, " + visible(localizersNumber(t, n)) + "_events were held."
		if n == 1 {
			wantEN = "In the second quarter, 1_event was held."
		}
		if s := got[parasat.English]; len(s) != 2 || s[1] != wantEN {
			t.Errorf("en: %q, want %q", s, wantEN)
		}
	}
}

func TestStatementPeriods(t *testing.T) {
	today := date("2026-05-10")
	for _, tc := range []struct {
		p          parasat.Period
		kk, ru, en string
	}{
		{parasat.YearPeriod(2019), "2019_жылы", "В 2019_году", "In 2019,"},
		{parasat.QuarterPeriod(2019, 1), "2019_жылдың бірінші тоқсанында", "В первом квартале 2019_года", "In the first quarter of 2019,"},
		{parasat.QuarterPeriod(2019, 2), "2019_жылдың екінші тоқсанында", "Во втором квартале 2019_года", "In the second quarter of 2019,"},
		{parasat.MonthPeriod(2019, 3), "2019_жылғы наурыз айында", "В марте 2019_года", "In March 2019,"},
		{parasat.Period{From: date("2019-03-15"), To: date("2019-03-15")}, "2019_жылғы 15 наурызда", "15 марта 2019_года", "On 15 March 2019,"},
		{parasat.Period{From: date("2019-09-01"), To: date("2019-09-01")}, "2019_жылғы 1 қыркүйекте", "1 сентября 2019_года", "On 1 September 2019,"},
		{parasat.Period{From: date("2019-01-01"), To: date("2019-04-25")}, "2019_жылғы 1 қаңтар мен 25 сәуір аралығында",
			"С 1 января по 25 апреля 2019_года", "From 1 January to 25 April 2019,"},
		{parasat.Period{From: date("2019-03-10"), To: date("2019-04-25")}, "2019_жылғы 10 наурыз бен 25 сәуір аралығында",
			"С 10 марта по 25 апреля 2019_года", "From 10 March to 25 April 2019,"},
		{parasat.Period{From: date("2019-09-05"), To: date("2019-10-25")}, "2019_жылғы 5 қыркүйек пен 25 қазан аралығында",
			"С 5 сентября по 25 октября 2019_года", "From 5 September to 25 October 2019,"},
		{parasat.Period{From: date("2019-03-05"), To: date("2019-03-20")}, "2019_жылғы 5–20 наурыз аралығында",
			"С 5 по 20 марта 2019_года", "From 5 to 20 March 2019,"},
		{parasat.Period{From: date("2019-12-05"), To: date("2020-01-20")}, "2019_жылғы 5 желтоқсан мен 2020_жылғы 20 қаңтар аралығында",
			"С 5 декабря 2019_года по 20 января 2020_года", "From 5 December 2019 to 20 January 2020,"},
		{parasat.YearToDate(today), "Жыл басынан бері", "С начала года", "Since the beginning of the year,"},
	} {
		got := statements(t, simpleReport(tc.p, parasat.Figures{Events: 5}), today)
		past := tc.p.To.Before(today.Time)
		compare(t, tc.p.String(), got, map[parasat.Language][]string{
			parasat.Kazakh:  {tc.kk + " 5_іс-шара өткізілді."},
			parasat.Russian: {tc.ru + " проведено 5_мероприятий."},
			parasat.English: {tc.en + map[bool]string{true: " 5_events were held.", false: " 5_events have been held."}[past]},
		})
	}
}

// Sentences without data are left out; the first sentence said carries
// the period.
func TestStatementLeavesOutWhatIsZero(t *testing.T) {
	today := date("2026-05-10")
	p := parasat.YearPeriod(2025)
	if got := statements(t, simpleReport(p, parasat.Figures{}), today); len(got) != 0 {
		t.Errorf("empty report says %q", got)
	}
	got := statements(t, simpleReport(p, parasat.Figures{PeopleHelped: 7, Volunteers: 1, VolunteerHours: 45}), today)
	compare(t, "no events", got, map[parasat.Language][]string{
		parasat.Russian: {"В 2025_году помощь получили 7_человек.", "В мероприятиях участвовал 1_волонтёр."},
		parasat.English: {"In 2025, 7_people received help.", "In all, 1_volunteer took part."},
		parasat.Kazakh:  {"2025_жылы 7_адамға көмек көрсетілді.", "Іс-шараларға 1_ерікті қатысты."},
	})
	got = statements(t, simpleReport(p, parasat.Figures{MoneyRaisedTiyn: 2_000_000 * tenge, Patrons: 1}), today)
	compare(t, "donations only", got, map[parasat.Language][]string{
		parasat.Russian: {"В 2025_году поступило пожертвований на сумму 2_миллиона тенге, в том числе от 1_мецената."},
		parasat.English: {"In 2025, donations of 2_million tenge were received, including from 1_patron."},
		parasat.Kazakh:  {"2025_жылы қайырымдылыққа 2_миллион теңге жиналды, оның ішінде 1_меценаттан."},
	})
	// Suppressed figures are not said: 3 people helped is hidden.
	r := simpleReport(p, parasat.Figures{Events: 2, PeopleHelped: 3, AidValueTiyn: 50_000 * tenge,
		PeopleByKind: parasat.KindValues{Goods: 3}, AidByKind: parasat.KindValues{Goods: 50_000 * tenge}})
	r.Suppress()
	got = statements(t, r, today)
	compare(t, "suppressed", got, map[parasat.Language][]string{
		parasat.Russian: {"В 2025_году проведено 2_мероприятия."},
		parasat.English: {"In 2025, 2_events were held."},
		parasat.Kazakh:  {"2025_жылы 2_іс-шара өткізілді."},
	})
}

// Who did the work: the organisations by type, singular or plural, never
// the coordinating Assembly itself; one patron is "a patron".
func TestStatementAuthors(t *testing.T) {
	p := parasat.YearPeriod(2025)
	r := simpleReport(p, parasat.Figures{Events: 1, Patrons: 1})
	r.Summary.Organisers = []parasat.OrganiserCount{{Type: parasat.OrgYouthWing, Count: 1},
		{Type: parasat.OrgEthnoCultural, Count: 1}, {Type: parasat.OrgFoundation, Count: 3}}
	got := statements(t, r, date("2026-05-10"))
	compare(t, "authors", got, map[parasat.Language][]string{
		parasat.Russian: {"В 2025_году силами этнокультурного объединения, молодёжного крыла и благотворительных фондов при поддержке мецената проведено 1_мероприятие."},
		parasat.English: {"In 2025, an ethno-cultural association, the youth wing and charitable foundations, with the support of a patron, held 1_event."},
		parasat.Kazakh:  {"2025_жылы этномәдени бірлестік, Жастар қанаты мен қайырымдылық қорлары меценаттың қолдауымен 1_іс-шара өткізді."},
	})
}

// The amounts of the founding article and their neighbours, in sentences.
func TestStatementAmounts(t *testing.T) {
	p := parasat.YearPeriod(2025)
	for _, tc := range []struct {
		tenge      int64
		kk, ru, en string
	}{
		{14_080_000, "14_миллионнан астам теңге көлемінде", "на сумму более 14_миллионов тенге", "worth more than 14_million tenge"},
		{2_300_000, "2,3_млн теңге көлемінде", "на сумму 2,3_млн тенге", "worth 2.3_million tenge"},
		{999, "999_теңге көлемінде", "на сумму 999_тенге", "worth 999_tenge"},
		{1_000_000, "1_миллион теңге көлемінде", "на сумму 1_миллион тенге", "worth 1_million tenge"},
		{2_350_000, "2,3_млн теңгеден астам", "на сумму более 2,3_млн тенге", "worth more than 2.3_million tenge"},
	} {
		got := statements(t, simpleReport(p, parasat.Figures{PeopleHelped: 22, AidValueTiyn: tc.tenge * tenge}), date("2026-05-10"))
		compare(t, "amount", got, map[parasat.Language][]string{
			parasat.Russian: {"В 2025_году помощь " + tc.ru + " получили 22_человека."},
			parasat.English: {"In 2025, 22_people received help " + tc.en + "."},
			parasat.Kazakh:  {"2025_жылы 22_адамға " + tc.kk + " көмек көрсетілді."},
		})
	}
}
