package sqlstore

import (
	"strconv"
	"testing"

	"github.com/parasat-kz/parasat"
)

// The figures of reportFixture, counted by hand from its comment.

func period(from, to string) parasat.Period { return parasat.Period{From: day(from), To: day(to)} }

var firstQuarter = period("2026-01-01", "2026-03-31")

// want is the figures a test expects; fields left -1 are not checked.
type want struct {
	events, people, families, aid, raised, patrons, volunteers, minutes int64
}

func checkFigures(t *testing.T, what string, got *parasat.Figures, w want) {
	t.Helper()
	pairs := []struct {
		name      string
		got, want int64
	}{
		{"events", got.Events, w.events}, {"people_helped", got.PeopleHelped, w.people},
		{"families_helped", got.FamiliesHelped, w.families}, {"aid_value_tiyn", got.AidValueTiyn, w.aid},
		{"money_raised_tiyn", got.MoneyRaisedTiyn, w.raised}, {"patrons", got.Patrons, w.patrons},
		{"volunteers", got.Volunteers, w.volunteers}, {"volunteer_minutes", int64(got.VolunteerHours), w.minutes},
	}
	for _, p := range pairs {
		if p.want >= 0 && p.got != p.want {
			t.Errorf("%s: %s = %d, want %d", what, p.name, p.got, p.want)
		}
	}
}

func summary(t *testing.T, db *DB, f parasat.ReportFilter) *parasat.Summary {
	t.Helper()
	s, err := db.Summary(t.Context(), f)
	must(t, err)
	return s
}

func TestSummaryCountsEachFigureAsFiguresMdDefinesIt(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		f := newReportFixture(t, db)
		// Events e1, e2, e3 (e4 planned, e5 cancelled, e6 in December).
		// People: p1 twice (by name and in the Sadykovs), p2, p3, p4 twice
		// (February and March), p5, p6 (once in the quarter: the December
		// help is before it), 10 anonymous: 16. Families: the Sadykovs.
		// Value: 1 000 + 3 000 + 5 000 + 0 + 2 000 + 500 + 400 = 11 900 ₸.
		// Raised: 10 000 + 5 000 + 2 000 (the reversed 3 000 counts 0).
		// Patrons: patron 1 (patron 2's gift was reversed). Volunteers: v1,
		// v2, v3 by confirmed hours (2 + 3 + 1 + 1.5 h) and e3's reported 7
		// and 10 h.
		s := summary(t, db, parasat.ReportFilter{Period: firstQuarter})
		checkFigures(t, "first quarter", &s.Figures, want{3, 16, 1, 1_190_000, 1_700_000, 1, 10, 450 + 600})
		byKind := parasat.KindValues{Money: 90_000, Goods: 400_000, Service: 500_000, Development: 200_000, Care: 0}
		if s.AidByKind != byKind {
			t.Errorf("value by kind %+v, want %+v", s.AidByKind, byKind)
		}
		people := parasat.KindValues{Money: 2, Goods: 3, Service: 1, Development: 1, Care: 10}
		if s.PeopleByKind != people {
			t.Errorf("people by kind %+v, want %+v", s.PeopleByKind, people)
		}
		organisers := []parasat.OrganiserCount{{Type: parasat.OrgAssembly, Count: 1}, {Type: parasat.OrgEthnoCultural, Count: 1},
			{Type: parasat.OrgMothersCouncil, Count: 1}, {Type: parasat.OrgYouthWing, Count: 1}}
		if !equalOrganisers(s.Organisers, organisers) {
			t.Errorf("organisers %+v, want %+v", s.Organisers, organisers)
		}

		// The region KZ-71: e1, e2; p1–p4, p6 and 10 anonymous; the gifts to
		// astana (and assoc's reversed one); the shifts of e1 and e2.
		s = summary(t, db, parasat.ReportFilter{Period: firstQuarter, Region: "KZ-71"})
		checkFigures(t, "KZ-71", &s.Figures, want{2, 15, 1, 1_140_000, 1_500_000, 1, 3, 450})
		s = summary(t, db, parasat.ReportFilter{Period: firstQuarter, Region: "KZ-75"})
		checkFigures(t, "KZ-75", &s.Figures, want{1, 1, 0, 50_000, 200_000, 0, 7, 600})

		// astana with its children: e1 (lead), e2 (youth, a grandchild);
		// everything but the mothers' help and gift.
		s = summary(t, db, parasat.ReportFilter{Period: firstQuarter, OrganisationID: f.astana})
		checkFigures(t, "astana's tree", &s.Figures, want{2, 15, 1, 1_140_000, 1_500_000, 1, 3, 450})
		// assoc with youth: e2 (e4 is planned, e5 cancelled); a3, a4, a5.
		s = summary(t, db, parasat.ReportFilter{Period: firstQuarter, OrganisationID: f.assoc})
		checkFigures(t, "assoc's tree", &s.Figures, want{1, 11, 0, 700_000, 0, 0, 1, 90})
		// The mothers are a partner of e1, so e1 is theirs too.
		s = summary(t, db, parasat.ReportFilter{Period: firstQuarter, OrganisationID: f.mothers})
		checkFigures(t, "mothers", &s.Figures, want{2, 1, 0, 50_000, 200_000, 0, 3 + 7, 360 + 600})
	})
}

func TestSummaryNarrowedByKindCategoryAndOccasion(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		newReportFixture(t, db)
		// Money, patrons and volunteers have no kind or category: they are
		// not counted (-1 leaves them unchecked; they must be 0).
		goods := summary(t, db, parasat.ReportFilter{Period: firstQuarter, Kind: parasat.HelpGoods})
		checkFigures(t, "goods", &goods.Figures, want{1, 3, 1, 400_000, 0, 0, 0, 0})
		// p4 is a veteran throughout; a pensioner only until 15 February,
		// before both of his helps; the Sadykovs are a large family, and p1
		// helped by name is in it.
		veterans := summary(t, db, parasat.ReportFilter{Period: firstQuarter, Category: parasat.CategoryVeteran})
		checkFigures(t, "veterans", &veterans.Figures, want{1, 1, 0, 700_000, 0, 0, 0, 0})
		pensioners := summary(t, db, parasat.ReportFilter{Period: firstQuarter, Category: parasat.CategoryPensioner})
		checkFigures(t, "pensioners", &pensioners.Figures, want{0, 0, 0, 0, 0, 0, 0, 0})
		large := summary(t, db, parasat.ReportFilter{Period: firstQuarter, Category: parasat.CategoryLargeFamily})
		checkFigures(t, "large families", &large.Figures, want{1, 3, 1, 400_000, 0, 0, 0, 0})
		// charity_day is e2's occasion: its help and its shift.
		day := summary(t, db, parasat.ReportFilter{Period: firstQuarter, Occasion: "charity_day"})
		checkFigures(t, "charity day", &day.Figures, want{1, 11, 0, 500_000, 0, 0, 1, 90})
		none := summary(t, db, parasat.ReportFilter{Period: firstQuarter, Occasion: "nauryz"})
		checkFigures(t, "an occasion nothing has", &none.Figures, want{0, 0, 0, 0, 0, 0, 0, 0})
	})
}

func TestSummaryAtThePeriodsEdges(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		newReportFixture(t, db)
		// p6 was helped on 31 December (e6) and on 2 January: a period
		// across the new year counts him once and both helps; one that
		// starts on 1 January only the second, and e6 not at all.
		across := summary(t, db, parasat.ReportFilter{Period: period("2025-12-01", "2026-01-05")})
		checkFigures(t, "December to 5 January", &across.Figures, want{1, 1, 0, 110_000, 900, 1, 0, 0})
		january := summary(t, db, parasat.ReportFilter{Period: period("2026-01-01", "2026-01-09")})
		checkFigures(t, "1–9 January", &january.Figures, want{0, 1, 0, 40_000, 0, 0, 0, 0})
		// Both ends are included: the day of e1 alone.
		one := summary(t, db, parasat.ReportFilter{Period: period("2026-01-10", "2026-01-10")})
		checkFigures(t, "10 January", &one.Figures, want{1, 3, 1, 400_000, 0, 0, 3, 360})
	})
}

func TestBreakdownsCountDistinctPeopleWithinEachRow(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		f := newReportFixture(t, db)
		months, err := db.Breakdown(t.Context(), parasat.ReportFilter{Period: firstQuarter}, parasat.ByMonth)
		must(t, err)
		if len(months.Rows) != 3 {
			t.Fatalf("%d rows by month, want 3", len(months.Rows))
		}
		// p4 is helped in February and in March: one person in each month,
		// one in the quarter, so the months add up to 17 but the total is 16.
		checkFigures(t, "January", &months.Rows[0].Figures, want{1, 4, 1, 440_000, 1_000_000, 1, 3, 360})
		checkFigures(t, "February", &months.Rows[1].Figures, want{1, 11, 0, 500_000, 500_000, 1, 1, 90})
		checkFigures(t, "March", &months.Rows[2].Figures, want{1, 2, 0, 250_000, 200_000, 0, 7, 600})
		checkFigures(t, "the months' total", &months.Total, want{3, 16, 1, 1_190_000, 1_700_000, 1, 10, 1050})
		if months.Rows[1].Key != "2026-02" || months.Rows[1].Within != "2026-Q1" {
			t.Errorf("February's row: key %q within %q", months.Rows[1].Key, months.Rows[1].Within)
		}

		orgs, err := db.Breakdown(t.Context(), parasat.ReportFilter{Period: firstQuarter}, parasat.ByOrganisation)
		must(t, err)
		rows := map[string]*parasat.BreakdownRow{}
		for _, r := range orgs.Rows {
			rows[r.Key] = &r
		}
		key := func(id int64) string { return strconv.FormatInt(id, 10) }
		checkFigures(t, "astana's row", &rows[key(f.astana)].Figures, want{1, 4, 1, 440_000, 1_500_000, 1, 3, 360})
		checkFigures(t, "youth's row", &rows[key(f.youth)].Figures, want{1, 11, 0, 500_000, 0, 0, 1, 90})
		checkFigures(t, "assoc's row", &rows[key(f.assoc)].Figures, want{0, 1, 0, 200_000, 0, 0, 0, 0})
		checkFigures(t, "mothers' row", &rows[key(f.mothers)].Figures, want{2, 1, 0, 50_000, 200_000, 0, 10, 960})
		if orgs.Rows[0].Key != key(f.youth) || rows[key(f.astana)].Name.KK != "Астана Ассамблеясы" {
			t.Errorf("organisations in order %v; want the largest help first, named", orgs.Rows)
		}

		kinds, err := db.Breakdown(t.Context(), parasat.ReportFilter{Period: firstQuarter, Region: "KZ-71"}, parasat.ByKind)
		must(t, err)
		checkFigures(t, "goods in KZ-71", &kinds.Rows[1].Figures, want{0, 3, 1, 400_000, 0, 0, 0, 0})
		checkFigures(t, "care in KZ-71", &kinds.Rows[4].Figures, want{0, 10, 0, 0, 0, 0, 0, 0})

		cats, err := db.Breakdown(t.Context(), parasat.ReportFilter{Period: firstQuarter}, parasat.ByCategory)
		must(t, err)
		for _, r := range cats.Rows {
			switch parasat.Category(r.Key) {
			case parasat.CategoryVeteran:
				checkFigures(t, "veterans' row", &r.Figures, want{0, 1, 0, 700_000, 0, 0, 0, 0})
			case parasat.CategoryLargeFamily:
				checkFigures(t, "large families' row", &r.Figures, want{0, 3, 1, 400_000, 0, 0, 0, 0})
			case parasat.CategoryDisability:
				checkFigures(t, "disability's row", &r.Figures, want{0, 1, 0, 50_000, 0, 0, 0, 0})
			case parasat.CategoryPensioner:
				checkFigures(t, "pensioners' row", &r.Figures, want{0, 0, 0, 0, 0, 0, 0, 0})
			}
		}

		occasions, err := db.Breakdown(t.Context(), parasat.ReportFilter{Period: firstQuarter}, parasat.ByOccasion)
		must(t, err)
		if len(occasions.Rows) != 2 || occasions.Rows[0].Key != "charity_day" || occasions.Rows[1].Key != "" {
			t.Fatalf("rows by occasion %+v, want charity_day and none", occasions.Rows)
		}
		checkFigures(t, "charity day's row", &occasions.Rows[0].Figures, want{1, 11, 0, 500_000, 0, 0, 1, 90})
		checkFigures(t, "no occasion's row", &occasions.Rows[1].Figures, want{2, 6, 1, 690_000, 1_700_000, 1, 10, 960})

		regions, err := db.Breakdown(t.Context(), parasat.ReportFilter{Period: firstQuarter}, parasat.ByRegion)
		must(t, err)
		if len(regions.Rows) != 20 {
			t.Errorf("%d rows by region, want all 20 regions", len(regions.Rows))
		}
		for _, r := range regions.Rows {
			switch r.Key {
			case "KZ-71":
				checkFigures(t, "KZ-71's row", &r.Figures, want{2, 15, 1, 1_140_000, 1_500_000, 1, 3, 450})
			case "KZ-75":
				checkFigures(t, "KZ-75's row", &r.Figures, want{1, 1, 0, 50_000, 200_000, 0, 7, 600})
			case "KZ-10":
				checkFigures(t, "Abai's row", &r.Figures, want{0, 0, 0, 0, 0, 0, 0, 0})
			}
		}
	})
}

func equalOrganisers(a, b []parasat.OrganiserCount) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
