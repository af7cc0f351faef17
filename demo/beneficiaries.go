package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/parasat-kz/parasat"
)

// PeopleStore is what the demo needs to register people helped.
type PeopleStore interface {
	parasat.BeneficiaryService
	parasat.HouseholdService
}

// Fictional names, in Kazakh spelling where they are Kazakh; the surname's
// feminine form adds "а" (Сейітов → Сейітова).
var (
	surnames = []string{"Сейітов", "Жұмабаев", "Омаров", "Ахметов", "Нұрланов", "Қасымов", "Беков", "Сәрсенбаев",
		"Тоқтаров", "Әбілов", "Ержанов", "Құдайбергенов", "Мұхамеджанов", "Исаев", "Кеңесов", "Байжанов",
		"Петров", "Ким", "Шмидт", "Юсупов", "Ибрагимов", "Ковальчук", "Алиев", "Гайнуллин"}
	maleNames   = []string{"Ержан", "Нұрлан", "Бауыржан", "Алихан", "Дәурен", "Асқар", "Тимур", "Санжар", "Айдос", "Ілияс", "Сергей", "Рустам"}
	femaleNames = []string{"Айгерім", "Гүлнар", "Аружан", "Дана", "Мадина", "Әсел", "Жанар", "Сәуле", "Камила", "Ботагөз", "Ольга", "Лейла"}
)

// feminine gives the feminine form of a surname (Ким and Шмидт stay).
func feminine(surname string) string {
	switch {
	case len(surname) > 2 && (surname[len(surname)-2:] == "в" || surname[len(surname)-2:] == "н"):
		return surname + "а"
	}
	return surname
}

// demoIIN makes a valid IIN that encodes the birth date and sex, with a serial
// that keeps numbers distinct.
func demoIIN(birth time.Time, sex parasat.Sex, serial int) string {
	century := 3
	if birth.Year() >= 2000 {
		century = 5
	}
	if sex == parasat.Female {
		century++
	}
	for s := serial; ; s += 1000 {
		first := fmt.Sprintf("%02d%02d%02d%d%04d", birth.Year()%100, int(birth.Month()), birth.Day(), century, s%10000)
		if d, ok := parasat.CheckDigit(first); ok {
			return first + strconv.Itoa(d)
		}
	}
}

// loadBeneficiaries registers families and people living alone across the
// categories, served by the organisations of the demo, with a fixed seed so
// that every demo database is the same.
func loadBeneficiaries(ctx context.Context, people PeopleStore, servedBy map[string][]int64, today time.Time) error {
	rng := rand.New(rand.NewPCG(2019, 4))
	serial := 0
	person := func(surname string, sex parasat.Sex, age int, region string, orgs []int64, cats ...parasat.Category) *parasat.Beneficiary {
		serial++
		birth := today.AddDate(-age, -rng.IntN(12), -rng.IntN(28))
		first, last := maleNames[rng.IntN(len(maleNames))], surname
		if sex == parasat.Female {
			first, last = femaleNames[rng.IntN(len(femaleNames))], feminine(surname)
		}
		b := &parasat.Beneficiary{FullName: last + " " + first, IIN: demoIIN(birth, sex, serial),
			BirthDate: parasat.Date{Time: time.Date(birth.Year(), birth.Month(), birth.Day(), 0, 0, 0, 0, time.UTC)},
			Sex:       sex, Region: region, Organisations: orgs, Categories: []parasat.CategoryAssignment{},
			Consent: parasat.Consent{GivenOn: &parasat.Date{Time: today.AddDate(0, -rng.IntN(10), 0).Truncate(24 * time.Hour)},
				Scope: "көмек көрсету және есеп беру үшін"}}
		for _, c := range cats {
			b.Categories = append(b.Categories, parasat.CategoryAssignment{Category: c})
		}
		return b
	}
	regions := []string{"KZ-71", "KZ-71", "KZ-71", "KZ-35"}
	// Families: heads first (one transaction), then their households, then
	// the children (one transaction), so loading stays quick.
	type family struct {
		surname  string
		region   string
		org      []int64
		children int
		cats     []parasat.Category
		head     *parasat.Beneficiary
	}
	families := make([]family, 60)
	heads := make([]*parasat.Beneficiary, len(families))
	for i := range families {
		f := &families[i]
		f.region = regions[i%len(regions)]
		orgs := servedBy[f.region]
		f.org = []int64{orgs[i%len(orgs)]}
		f.surname = surnames[rng.IntN(len(surnames))]
		f.children = 1 + rng.IntN(6)
		f.cats = []parasat.Category{parasat.CategoryLowIncome}
		if f.children >= parasat.LargeFamilyChildren {
			f.cats = []parasat.Category{parasat.CategoryLargeFamily}
		}
		f.head = person(f.surname, parasat.Female, 28+rng.IntN(20), f.region, f.org, f.cats...)
		f.head.Relation = "отбасы басшысы"
		heads[i] = f.head
	}
	if err := people.CreateBeneficiaries(ctx, heads); err != nil {
		return fmt.Errorf("heads of families: %w", err)
	}
	if err := addDemoDocument(ctx, people, heads[0]); err != nil {
		return err
	}
	var children []*parasat.Beneficiary
	for i := range families {
		f := &families[i]
		h := &parasat.Household{Name: f.surname + " отбасы", Region: f.region, HeadID: &f.head.ID,
			Address: "Сарыарқа ауданы, " + strconv.Itoa(1+rng.IntN(120)) + "-үй", Categories: []parasat.CategoryAssignment{{Category: f.cats[0]}}}
		if err := people.CreateHousehold(ctx, h); err != nil {
			return fmt.Errorf("household %d: %w", i, err)
		}
		for c := 0; c < f.children; c++ {
			sex := parasat.Male
			if rng.IntN(2) == 0 {
				sex = parasat.Female
			}
			var childCats []parasat.Category
			if rng.IntN(8) == 0 {
				childCats = append(childCats, parasat.CategoryChildSpecialNeeds)
			}
			child := person(f.surname, sex, 1+rng.IntN(17), f.region, f.org, childCats...)
			child.HouseholdID, child.Relation = &h.ID, "бала"
			children = append(children, child)
		}
	}
	if err := people.CreateBeneficiaries(ctx, children); err != nil {
		return fmt.Errorf("children: %w", err)
	}
	alone := []struct {
		count int
		age   int
		cats  []parasat.Category
	}{
		{40, 70, []parasat.Category{parasat.CategoryPensioner, parasat.CategoryElderlyAlone}},
		{12, 80, []parasat.Category{parasat.CategoryVeteran, parasat.CategoryPensioner}},
		{25, 30, []parasat.Category{parasat.CategoryDisability}},
		{10, 12, []parasat.Category{parasat.CategoryOrphan}},
		{20, 40, []parasat.Category{parasat.CategoryDisasterVictim}},
	}
	var singles []*parasat.Beneficiary
	for _, group := range alone {
		for i := 0; i < group.count; i++ {
			region := regions[i%len(regions)]
			sex := []parasat.Sex{parasat.Male, parasat.Female}[rng.IntN(2)]
			orgs := servedBy[region]
			singles = append(singles, person(surnames[rng.IntN(len(surnames))], sex, group.age+rng.IntN(10), region,
				[]int64{orgs[rng.IntN(len(orgs))]}, group.cats...))
		}
	}
	if err := people.CreateBeneficiaries(ctx, singles); err != nil {
		return fmt.Errorf("people living alone: %w", err)
	}
	return nil
}
