package parasat

import (
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
)

func people(n int64) Figures {
	return Figures{Events: 2, PeopleHelped: n, FamiliesHelped: n / 3, AidValueTiyn: n * 1000_00,
		AidByKind: KindValues{Goods: n * 1000_00}, PeopleByKind: KindValues{Goods: n}}
}

func TestSummaryJSONNames(t *testing.T) {
	s := Summary{Filter: ReportFilter{Period: QuarterPeriod(2019, 1), Region: "KZ-71"}, Figures: Figures{
		Events: 22, PeopleHelped: 1200, FamiliesHelped: 300, AidValueTiyn: 230_000_000,
		AidByKind: KindValues{Money: 100_000_000, Development: 130_000_000}, MoneyRaisedTiyn: 5,
		Patrons: 7, Volunteers: 40, VolunteerHours: 90}}
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]float64{"events": 22, "people_helped": 1200, "families_helped": 300,
		"aid_value_tiyn": 230_000_000, "money_raised_tiyn": 5, "patrons": 7, "volunteers": 40, "volunteer_hours": 1.5} {
		if got, ok := m[k].(float64); !ok || got != want {
			t.Errorf("%s = %v, want %v (JSON %s)", k, m[k], want, b)
		}
	}
	if byKind := m["aid_value_by_kind_tiyn"].(map[string]any); byKind["development"] != float64(130_000_000) {
		t.Errorf("aid by kind = %v", byKind)
	}
	if !strings.Contains(string(b), `"period":{"from":"2019-01-01","to":"2019-03-31"}`) || strings.Contains(string(b), "suppressed") {
		t.Errorf("JSON %s", b)
	}
	for min, want := range map[Minutes]string{0: "0", 60: "1", 90: "1.5", 100: "1.67", 61: "1.02", -90: "-1.5"} {
		if got, _ := min.MarshalJSON(); string(got) != want {
			t.Errorf("%d minutes = %s, want %s", min, got, want)
		}
	}
	var back Minutes
	if err := json.Unmarshal([]byte("1.5"), &back); err != nil || back != 90 {
		t.Errorf("1.5 hours = %d minutes, %v", back, err)
	}
}

func TestPrimarySuppression(t *testing.T) {
	for n, hidden := range map[int64]bool{0: false, 1: true, 4: true, 5: false, 1200: false} {
		s := Summary{Figures: people(n)}
		s.Volunteers, s.VolunteerHours, s.Patrons, s.MoneyRaisedTiyn = 2, 600, 9, 50_000_00
		s.Suppress()
		_, ok := s.Get(FigPeopleHelped)
		_, okValue := s.Get(FigAidValue)
		if ok == hidden || okValue == hidden {
			t.Errorf("%d people: people shown %v, value shown %v", n, ok, okValue)
		}
		if hidden && (s.PeopleHelped != 0 || s.AidValueTiyn != 0 || s.FamiliesHelped != 0 || s.PeopleByKind.Goods != 0) {
			t.Errorf("%d people: hidden values kept: %+v", n, s.Figures)
		}
		if _, ok := s.Get(FigEvents); !ok || s.Events != 2 {
			t.Errorf("%d people: events hidden", n)
		}
		if _, ok := s.Get(FigVolunteerHours); ok || s.VolunteerHours != 0 {
			t.Errorf("2 volunteers: hours shown")
		}
		if v, ok := s.Get(FigMoneyRaised); !ok || v != 50_000_00 {
			t.Errorf("9 patrons: money raised hidden")
		}
	}
}

func TestKindSplitIsProtected(t *testing.T) {
	s := Summary{Figures: Figures{PeopleHelped: 40, AidValueTiyn: 900,
		AidByKind:    KindValues{Money: 100, Goods: 300, Service: 200, Care: 300},
		PeopleByKind: KindValues{Money: 2, Goods: 20, Service: 8, Care: 30}}}
	s.Suppress()
	if got := s.Suppressed.List(); len(got) != 2 || got[0] != FigAidMoney || got[1] != FigAidService {
		t.Errorf("suppressed %v, want money (2 people) and service (fewest of the rest)", got)
	}
	if v, ok := s.Get(FigAidValue); !ok || v != 900 {
		t.Errorf("total value hidden")
	}
}

func region(key string, n int64) BreakdownRow { return BreakdownRow{Key: key, Figures: people(n)} }

func TestComplementarySuppression(t *testing.T) {
	b := Breakdown{By: ByRegion, Total: people(29), Rows: []BreakdownRow{region("KZ-71", 3), region("KZ-75", 6), region("KZ-79", 20)}}
	b.Suppress()
	hidden := hiddenRows(&b, FigPeopleHelped)
	if hidden != "KZ-71 KZ-75" {
		t.Errorf("hidden %q, want the small KZ-71 and the next smallest KZ-75", hidden)
	}
	two := Breakdown{By: ByRegion, Total: people(26), Rows: []BreakdownRow{region("KZ-71", 3), region("KZ-75", 3), region("KZ-79", 20)}}
	two.Suppress()
	if h := hiddenRows(&two, FigPeopleHelped); h != "KZ-71 KZ-75" {
		t.Errorf("two small cells: hidden %q", h)
	}
	// Three people helped at the one occasion of the period, five at none:
	// the row is hidden, and the total stays shown, since what it adds to
	// the row (those helped at no occasion) is a group shown nowhere.
	alone := Breakdown{By: ByOccasion, Total: people(8), Rows: []BreakdownRow{region("4", 3)}}
	alone.Suppress()
	if _, ok := alone.Total.Get(FigPeopleHelped); !ok {
		t.Errorf("the total of 8 people is hidden because of its one small row")
	}
	if h := hiddenRows(&alone, FigPeopleHelped); h != "4" {
		t.Errorf("hidden %q, want the occasion's 3 people", h)
	}
}

func TestMonthsProtectedWithinQuarter(t *testing.T) {
	rows := TimeRows(per("2019-01-01", "2019-06-30"), ByMonth)
	for i, n := range []int64{10, 12, 3, 30, 40, 50} {
		rows[i].Figures = people(n)
	}
	b := Breakdown{By: ByMonth, Rows: rows, Total: people(145)}
	b.Suppress()
	if h := hiddenRows(&b, FigAidValue); h != "2019-01 2019-03" {
		t.Errorf("hidden %q, want March and January (the smaller month of its quarter)", h)
	}
}

// The public summary of a filter is the same whatever breakdowns are shown
// beside it: the API's summary alone, the results page with its quarters,
// months and regions, the report page with categories and occasions.
func TestReportTotalsAgree(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	random := func(n int64) Figures {
		f := people(n)
		f.Volunteers, f.VolunteerHours = int64(rng.IntN(9)), Minutes(rng.IntN(600))
		f.Patrons, f.MoneyRaisedTiyn = int64(rng.IntN(9)), int64(rng.IntN(1000))*100
		return f
	}
	for range 300 {
		total := random(int64(rng.IntN(12)))
		alone := Summary{Figures: total}
		alone.Suppress()
		var dims []Breakdown
		for _, by := range []Dimension{ByOccasion, ByCategory, ByRegion, ByMonth} {
			b := Breakdown{By: by, Total: total}
			for i := range rng.IntN(4) {
				b.Rows = append(b.Rows, BreakdownRow{Key: string(rune('a' + i)), Figures: random(int64(rng.IntN(int(total.PeopleHelped) + 1)))})
			}
			dims = append(dims, b)
		}
		r := Report{Summary: Summary{Figures: total}, Breakdowns: dims}
		r.Suppress()
		if r.Summary.Suppressed != alone.Suppressed || r.Summary.Figures != alone.Figures {
			t.Fatalf("with breakdowns the summary hides %v, alone %v", r.Summary.Suppressed.List(), alone.Suppressed.List())
		}
		for _, b := range r.Breakdowns {
			if b.Total.Suppressed != alone.Suppressed {
				t.Fatalf("the %s breakdown's total hides %v, the summary %v", b.By, b.Total.Suppressed.List(), alone.Suppressed.List())
			}
			checkNoSmallShown(t, &b)
		}
	}
}

func hiddenRows(b *Breakdown, fig Figure) string {
	var out []string
	for _, r := range b.Rows {
		if r.Suppressed.Has(fig) {
			out = append(out, r.Key)
		}
	}
	return strings.Join(out, " ")
}

// After suppression no shown cell describes 1–4 people, and no set of
// cells with a shown total has exactly one hidden cell.
func TestSuppressionProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 500 {
		rows := TimeRows(YearPeriod(2019), ByMonth)
		var total Figures
		for i := range rows {
			f := &rows[i].Figures
			for _, k := range KindsOfHelp {
				n := int64(rng.IntN(9))
				f.PeopleByKind.Set(k, n)
				f.AidByKind.Set(k, n*int64(rng.IntN(5000)))
			}
			f.PeopleHelped = f.PeopleByKind.Sum()
			f.AidValueTiyn = f.AidByKind.Sum()
			f.Volunteers = int64(rng.IntN(7))
			f.VolunteerHours = Minutes(f.Volunteers * 120)
			total.PeopleHelped += f.PeopleHelped
			total.AidValueTiyn += f.AidValueTiyn
			total.Volunteers += f.Volunteers
			total.VolunteerHours += f.VolunteerHours
			for _, k := range KindsOfHelp {
				total.PeopleByKind.Set(k, total.PeopleByKind.Of(k)+f.PeopleByKind.Of(k))
				total.AidByKind.Set(k, total.AidByKind.Of(k)+f.AidByKind.Of(k))
			}
		}
		b := Breakdown{By: ByMonth, Rows: rows, Total: total}
		for b.protect() {
		}
		checkNoSmallShown(t, &b)
		checkNoLoneHidden(t, &b)
	}
}

func checkNoSmallShown(t *testing.T, b *Breakdown) {
	t.Helper()
	for _, r := range b.Rows {
		for _, fig := range AllFigures {
			c := cell{f: &r.Figures, fig: fig}
			if fig.People() != NoPeople && !c.hidden() && c.people() > 0 && c.people() < SmallCell {
				t.Fatalf("row %s shows %s describing %d people", r.Key, fig, c.people())
			}
		}
	}
}

func checkNoLoneHidden(t *testing.T, b *Breakdown) {
	t.Helper()
	for _, fig := range AllFigures {
		if b.Total.Suppressed.Has(fig) {
			continue
		}
		quarters := map[string]int{}
		n := 0
		for _, r := range b.Rows {
			if r.Suppressed.Has(fig) {
				n++
				quarters[r.Within]++
			}
		}
		if n == 1 {
			t.Fatalf("%s: exactly one hidden row under a shown total", fig)
		}
		for q, k := range quarters {
			if k == 1 {
				t.Fatalf("%s: exactly one hidden month in %s", fig, q)
			}
		}
	}
	for _, r := range b.Rows {
		if r.Suppressed.Has(FigAidValue) {
			continue
		}
		k := 0
		for _, kind := range KindsOfHelp {
			if r.Suppressed.Has(KindFigure(kind)) {
				k++
			}
		}
		if k == 1 {
			t.Fatalf("row %s: one kind hidden under its shown value", r.Key)
		}
	}
}
