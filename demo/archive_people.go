package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/parasat-kz/parasat"
)

// archive is the people the capital's associations helped in 2019, with
// fixed birth dates (the other demo people are born relative to today, and
// some of them were not born yet in 2019): veterans of the Great Patriotic
// War and home-front workers, pensioners living alone, people with
// disabilities and large families. All live in the capital, so the
// Assembly, a partner of every 2019 event, may help each of them.
type archive struct {
	veterans, elderly, disabled []int64
	families                    []int64           // households
	mothers                     []int64           // the heads of the families
	members                     map[int64][]int64 // household → its members
}

func archiveDate(rng *rand.Rand, fromYear, toYear int) parasat.Date {
	return parasat.Date{Time: time.Date(fromYear+rng.IntN(toYear-fromYear+1), time.Month(1+rng.IntN(12)), 1+rng.IntN(28), 0, 0, 0, 0, time.UTC)}
}

func loadArchivePeople(ctx context.Context, people PeopleStore, servedBy []int64) (*archive, error) {
	rng := rand.New(rand.NewPCG(2019, 1))
	consent := parasat.Date{Time: time.Date(2019, 1, 3, 0, 0, 0, 0, time.UTC)}
	serial := 5000
	person := func(sex parasat.Sex, born parasat.Date, cats ...parasat.Category) *parasat.Beneficiary {
		serial++
		surname := surnames[rng.IntN(len(surnames))]
		first, last := maleNames[rng.IntN(len(maleNames))], surname
		if sex == parasat.Female {
			first, last = femaleNames[rng.IntN(len(femaleNames))], feminine(surname)
		}
		b := &parasat.Beneficiary{FullName: last + " " + first, IIN: demoIIN(born.Time, sex, serial), BirthDate: born, Sex: sex,
			Region: parasat.CapitalCode, Organisations: []int64{servedBy[rng.IntN(len(servedBy))]},
			Consent: parasat.Consent{GivenOn: &consent, Scope: "көмек көрсету және есеп беру үшін"}}
		for _, c := range cats {
			b.Categories = append(b.Categories, parasat.CategoryAssignment{Category: c})
		}
		return b
	}
	a := &archive{members: map[int64][]int64{}}
	var singles []*parasat.Beneficiary
	groups := []struct {
		into      *[]int64
		n         int
		from, to  int
		sexChoice bool
		cats      []parasat.Category
	}{
		{&a.veterans, 18, 1921, 1929, true, []parasat.Category{parasat.CategoryVeteran, parasat.CategoryPensioner}},
		{&a.elderly, 40, 1933, 1952, true, []parasat.Category{parasat.CategoryPensioner, parasat.CategoryElderlyAlone}},
		{&a.disabled, 22, 1970, 2008, true, []parasat.Category{parasat.CategoryDisability}},
	}
	for _, g := range groups {
		for i := 0; i < g.n; i++ {
			sex := []parasat.Sex{parasat.Male, parasat.Female}[rng.IntN(2)]
			singles = append(singles, person(sex, archiveDate(rng, g.from, g.to), g.cats...))
		}
	}
	if err := people.CreateBeneficiaries(ctx, singles); err != nil {
		return nil, fmt.Errorf("demo: the 2019 people helped: %w", err)
	}
	k := 0
	for _, g := range groups {
		for i := 0; i < g.n; i++ {
			*g.into = append(*g.into, singles[k].ID)
			k++
		}
	}
	return a, a.loadFamilies(ctx, people, rng, person)
}

// loadFamilies registers twelve large families of 2019: a mother and four
// to six children born between 2003 and 2016.
func (a *archive) loadFamilies(ctx context.Context, people PeopleStore, rng *rand.Rand,
	person func(parasat.Sex, parasat.Date, ...parasat.Category) *parasat.Beneficiary) error {
	heads := make([]*parasat.Beneficiary, 12)
	for i := range heads {
		heads[i] = person(parasat.Female, archiveDate(rng, 1976, 1988), parasat.CategoryLargeFamily)
		heads[i].Relation = "отбасы басшысы"
	}
	if err := people.CreateBeneficiaries(ctx, heads); err != nil {
		return fmt.Errorf("demo: the 2019 families: %w", err)
	}
	var children []*parasat.Beneficiary
	for _, head := range heads {
		h := &parasat.Household{Name: head.FullName + " отбасы", Region: parasat.CapitalCode, HeadID: &head.ID,
			Address:    "Алматы ауданы, " + fmt.Sprint(2+rng.IntN(90)) + "-үй",
			Categories: []parasat.CategoryAssignment{{Category: parasat.CategoryLargeFamily}}}
		if err := people.CreateHousehold(ctx, h); err != nil {
			return fmt.Errorf("demo: a 2019 household: %w", err)
		}
		a.families, a.mothers = append(a.families, h.ID), append(a.mothers, head.ID)
		a.members[h.ID] = []int64{head.ID}
		for c := 0; c < 4+rng.IntN(3); c++ {
			child := person([]parasat.Sex{parasat.Male, parasat.Female}[rng.IntN(2)], archiveDate(rng, 2003, 2016))
			child.HouseholdID, child.Relation, child.Organisations = &h.ID, "бала", head.Organisations
			children = append(children, child)
		}
	}
	if err := people.CreateBeneficiaries(ctx, children); err != nil {
		return fmt.Errorf("demo: the 2019 children: %w", err)
	}
	for _, c := range children {
		a.members[*c.HouseholdID] = append(a.members[*c.HouseholdID], c.ID)
	}
	return nil
}
