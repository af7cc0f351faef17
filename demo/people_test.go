package demo

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/sqlstore"
)

func TestLoadAddsVolunteersAndPatrons(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		if loaded, err := Load(ctx, db); err != nil || !loaded {
			t.Fatalf("Load = %v, %v", loaded, err)
		}
		all := parasat.Visibility{All: true}
		var volunteers []parasat.Volunteer
		f := parasat.VolunteerFilter{Visibility: all, Limit: sqlstore.MaxPageSize}
		for {
			page, err := db.ListVolunteers(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			volunteers = append(volunteers, page...)
			if len(page) < f.Limit {
				break
			}
			f.After, f.AfterName = page[len(page)-1].ID, page[len(page)-1].SortKey()
		}
		checkDemoVolunteers(t, volunteers)
		patrons, err := db.ListPatrons(ctx, parasat.PatronFilter{Visibility: all, Limit: sqlstore.MaxPageSize})
		if err != nil {
			t.Fatal(err)
		}
		checkDemoPatrons(t, patrons)
		astana, _ := db.ListVolunteers(ctx, parasat.VolunteerFilter{Visibility: all, Region: "KZ-71", Limit: sqlstore.MaxPageSize})
		if len(astana) < len(volunteers)*3/4 {
			t.Errorf("%d of %d volunteers are in Astana; want most", len(astana), len(volunteers))
		}
	})
}

func checkDemoVolunteers(t *testing.T, vs []parasat.Volunteer) {
	t.Helper()
	if len(vs) < 280 || len(vs) > 330 {
		t.Errorf("%d volunteers; want about 300", len(vs))
	}
	status := map[parasat.VolunteerStatus]int{}
	regions := map[string]bool{}
	minors := 0
	for _, v := range vs {
		status[v.Status]++
		regions[v.Region] = true
		age := parasat.YearsOld(v.BirthDate, *v.Consent.GivenOn)
		if age < 16 || age > 70 {
			t.Errorf("%s was %d when signing up", v.FullName, age)
		}
		if age < parasat.AdultAge {
			minors++
			if v.ParentConsent == nil {
				t.Errorf("%s signed up at %d without a parent's consent", v.FullName, age)
			}
		}
		if len(v.Skills) == 0 || len(v.Languages) == 0 {
			t.Errorf("%s has no skills or no languages", v.FullName)
		}
	}
	if status[parasat.VolunteerApproved] < len(vs)*2/3 || status[parasat.VolunteerPending] < 10 {
		t.Errorf("statuses %v; want mostly approved, some pending", status)
	}
	if minors < 5 || len(regions) < 4 {
		t.Errorf("%d minors in %d regions; want some minors and a few regions", minors, len(regions))
	}
}

func checkDemoPatrons(t *testing.T, ps []parasat.Patron) {
	t.Helper()
	if len(ps) < 35 || len(ps) > 45 {
		t.Errorf("%d patrons; want about 40", len(ps))
	}
	bins := map[string]bool{}
	for _, s := range dataset {
		bins[s.bin] = true
	}
	kinds, public := map[parasat.PatronKind]int{}, 0
	for _, p := range ps {
		kinds[p.Kind]++
		if p.PublicConsent {
			public++
		}
		if p.Kind == parasat.PatronCompany {
			if parasat.IdentityNumberProblem(p.BIN) != "" || bins[p.BIN] {
				t.Errorf("%s has BIN %q, invalid or taken", p.Name, p.BIN)
			}
			bins[p.BIN] = true
		}
	}
	if kinds[parasat.PatronCompany] < 15 || kinds[parasat.PatronPerson] < 15 || public < len(ps)*2/5 || public > len(ps)*3/5 {
		t.Errorf("kinds %v, %d public of %d; want people and companies, about half public", kinds, public, len(ps))
	}
}

func TestDemoPeopleAreTheSameEveryTime(t *testing.T) {
	ids := map[string]int64{}
	for i, s := range dataset {
		ids[s.key] = int64(i + 1)
	}
	today := parasat.DayInKazakhstan(time.Date(2026, 3, 15, 9, 0, 0, 0, time.UTC))
	a, err := makeVolunteers(ids, today)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := makeVolunteers(ids, today)
	names := func(vs []*parasat.Volunteer) []string {
		var out []string
		for _, v := range vs {
			out = append(out, v.FullName+v.BirthDate.String())
		}
		return out
	}
	if !slices.Equal(names(a), names(b)) {
		t.Error("two runs made different volunteers")
	}
	for _, v := range a {
		v.Normalize()
		if err := v.Validate(today); err != nil {
			t.Errorf("%s: %v", v.FullName, err)
		}
	}
	for _, p := range makePatrons(ids) {
		p.Normalize()
		if err := p.Validate(); err != nil {
			t.Errorf("%s: %v", p.Name, err)
		}
	}
	if got := feminineSurname("Асқарұлы") + " " + feminineSurname("Ковальский") + " " + feminineSurname("Ким"); got != "Асқарқызы Ковальская Ким" {
		t.Errorf("feminine surnames: %s", got)
	}
	if got := latin("Жұлдыз Қасымова"); got != "zhuldyzkasymova" {
		t.Errorf("latin = %q", got)
	}
}

func TestDemoPeopleHelped(t *testing.T) {
	ctx := context.Background()
	db, err := sqlstore.Open(ctx, sqlstore.Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if loaded, err := Load(ctx, db); err != nil || !loaded {
		t.Fatalf("Load: %v, %v", loaded, err)
	}
	var all []parasat.Beneficiary
	for after := int64(0); ; {
		page, err := db.ListBeneficiaries(ctx, parasat.BeneficiaryFilter{After: after, Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		all = append(all, page...)
		after = page[len(page)-1].ID
	}
	if len(all) < 300 {
		t.Errorf("%d people helped; want a few hundred", len(all))
	}
	categories, warnings := map[parasat.Category]int{}, 0
	for _, b := range all {
		for _, c := range b.Categories {
			categories[c.Category]++
		}
		if len(parasat.IINWarnings(b.IIN, b.BirthDate, b.Sex)) > 0 {
			warnings++
		}
		if len(b.Organisations) == 0 {
			t.Errorf("%s is served by no organisation", b.FullName)
		}
	}
	for _, c := range []parasat.Category{parasat.CategoryLargeFamily, parasat.CategoryVeteran, parasat.CategoryPensioner,
		parasat.CategoryDisability, parasat.CategoryOrphan, parasat.CategoryDisasterVictim, parasat.CategoryChildSpecialNeeds} {
		if categories[c] == 0 {
			t.Errorf("no demo person in category %s", c)
		}
	}
	if warnings != 0 {
		t.Errorf("%d demo IINs disagree with the birth date or sex they should encode", warnings)
	}
	households, err := db.ListHouseholds(ctx, parasat.HouseholdFilter{Limit: 500})
	if err != nil || len(households) != 60+12 { // today's families, and the large families helped in 2019
		t.Fatalf("%d households, %v; want 72", len(households), err)
	}
	large := 0
	for _, h := range households {
		full, err := db.Household(ctx, h.ID)
		if err != nil {
			t.Fatal(err)
		}
		if full.IsLargeFamily(time.Now()) {
			large++
		}
	}
	if large == 0 {
		t.Error("no large family among the demo households")
	}
}
