package sqlstore

import (
	"context"
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/parasat-kz/parasat"
)

func beneficiaryIDs(list []parasat.Beneficiary) []int64 {
	out := []int64{}
	for _, b := range list {
		out = append(out, b.ID)
	}
	return out
}

func householdIDs(list []parasat.Household) []int64 {
	out := []int64{}
	for _, h := range list {
		out = append(out, h.ID)
	}
	return out
}

func TestListBeneficiariesFiltersSearchScopeAndPages(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		orgA, orgB := newOrg("Ассамблея"), newOrg("Ана кеңесі")
		orgB.Region = "KZ-75"
		must(t, db.CreateOrganisation(ctx, orgA))
		must(t, db.CreateOrganisation(ctx, orgB))
		home := &parasat.Household{Name: "Ивановтар", Region: "KZ-11"}
		must(t, db.CreateHousehold(ctx, home))

		seitova := personBorn("Сейітова Айгерім Нұрланқызы", "1985-03-15", parasat.Female, "KZ-71", 1)
		seitova.LatinName, seitova.Organisations = "Seitova Aigerim", []int64{orgA.ID}
		seitova.Categories = []parasat.CategoryAssignment{{Category: parasat.CategoryLowIncome}}
		kussainova := personBorn("Құсайынова Әсел", "1992-07-26", parasat.Female, "KZ-75", 2)
		kussainova.LatinName, kussainova.Organisations = "Kussainova Assel", []int64{orgA.ID}
		kussainova.Categories = []parasat.CategoryAssignment{{Category: parasat.CategoryDisability}}
		akhmetov := personBorn("Ахметов Ерлан", "1979-01-30", parasat.Male, "KZ-75", 3)
		akhmetov.Organisations = []int64{orgB.ID}
		ivanov := personBorn("Иванов Сергей", "2005-06-01", parasat.Male, "KZ-11", 4)
		ivanov.HouseholdID = &home.ID
		seitkaziev := personBorn("Сейтказиев Бауыржан", "1985-03-15", parasat.Male, "KZ-71", 5)
		people := []*parasat.Beneficiary{seitova, kussainova, akhmetov, ivanov, seitkaziev}
		for _, b := range people {
			must(t, db.CreateBeneficiary(ctx, b))
		}
		ids := func(bs ...*parasat.Beneficiary) []int64 {
			out := []int64{}
			for _, b := range bs {
				out = append(out, b.ID)
			}
			return out
		}
		list := func(f parasat.BeneficiaryFilter) []int64 {
			t.Helper()
			got, err := db.ListBeneficiaries(ctx, f)
			must(t, err)
			return beneficiaryIDs(got)
		}

		var paged [][]int64
		for f := (parasat.BeneficiaryFilter{Limit: 2}); ; {
			page := list(f)
			if len(page) == 0 {
				break
			}
			paged = append(paged, page)
			f.After = page[len(page)-1]
		}
		if want := [][]int64{ids(seitova, kussainova), ids(akhmetov, ivanov), ids(seitkaziev)}; !reflect.DeepEqual(paged, want) {
			t.Errorf("keyset pages %v; want %v", paged, want)
		}
		all, err := db.ListBeneficiaries(ctx, parasat.BeneficiaryFilter{})
		must(t, err)
		if len(all) != 5 || !reflect.DeepEqual(&all[0], asRead(seitova)) || !reflect.DeepEqual(&all[3], asRead(ivanov)) {
			t.Errorf("the list does not carry whole records: %+v", all)
		}

		cases := []struct {
			name string
			f    parasat.BeneficiaryFilter
			want []int64
		}{
			{"region", parasat.BeneficiaryFilter{Region: "KZ-75"}, ids(kussainova, akhmetov)},
			{"organisation", parasat.BeneficiaryFilter{OrganisationID: orgA.ID}, ids(seitova, kussainova)},
			{"category", parasat.BeneficiaryFilter{Category: parasat.CategoryDisability}, ids(kussainova)},
			{"household", parasat.BeneficiaryFilter{HouseholdID: home.ID}, ids(ivanov)},
			{"whole IIN", parasat.BeneficiaryFilter{Query: akhmetov.IIN}, ids(akhmetov)},
			{"IIN prefix", parasat.BeneficiaryFilter{Query: " 850315 "}, ids(seitova, seitkaziev)},
			{"Kazakh name prefix", parasat.BeneficiaryFilter{Query: "Сейіт"}, ids(seitova)},
			{"Russian spelling", parasat.BeneficiaryFilter{Query: "сейит"}, ids(seitova)},
			{"upper case", parasat.BeneficiaryFilter{Query: "СЕЙІТОВА АЙГЕРІМ"}, ids(seitova)},
			{"Russian spelling of another", parasat.BeneficiaryFilter{Query: "Кусай"}, ids(kussainova)},
			{"shared prefix", parasat.BeneficiaryFilter{Query: "сей"}, ids(seitova, seitkaziev)},
			{"Latin name", parasat.BeneficiaryFilter{Query: "kussain"}, ids(kussainova)},
			{"Latin name in capitals", parasat.BeneficiaryFilter{Query: "SEITOVA"}, ids(seitova)},
			{"not a prefix", parasat.BeneficiaryFilter{Query: "Айгерім"}, ids()},
			{"search and filter", parasat.BeneficiaryFilter{Query: "сей", Region: "KZ-71", After: seitova.ID}, ids(seitkaziev)},
			{"scope region", parasat.BeneficiaryFilter{RegionIn: []string{"KZ-71"}}, ids(seitova, seitkaziev)},
			{"scope organisation", parasat.BeneficiaryFilter{OrganisationIn: []int64{orgB.ID}}, ids(akhmetov)},
			{"scope both", parasat.BeneficiaryFilter{RegionIn: []string{"KZ-71"}, OrganisationIn: []int64{orgB.ID}}, ids(seitova, akhmetov, seitkaziev)},
			{"scope and search", parasat.BeneficiaryFilter{Query: "сейит", RegionIn: []string{"KZ-75"}}, ids()},
			{"empty scope", parasat.BeneficiaryFilter{RegionIn: []string{}, OrganisationIn: []int64{}}, ids()},
			{"empty region scope", parasat.BeneficiaryFilter{RegionIn: []string{}}, ids()},
			{"empty organisation scope", parasat.BeneficiaryFilter{OrganisationIn: []int64{}}, ids()},
		}
		for _, c := range cases {
			if got := list(c.f); !reflect.DeepEqual(got, c.want) {
				t.Errorf("%s: %v; want %v", c.name, got, c.want)
			}
		}
	})
}

func TestHouseholdMembersAndLargeFamily(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := parasat.WithActor(context.Background(), parasat.Actor{Address: "192.0.2.9"})
		head := personBorn("Сейітов Нұрлан", "1980-04-12", parasat.Male, "KZ-71", 1)
		must(t, db.CreateBeneficiary(ctx, head))
		h := &parasat.Household{Name: " Сейітовтер  отбасы ", Region: "kz-71", Address: "Астана, Мәңгілік Ел 8", HeadID: &head.ID,
			Categories: []parasat.CategoryAssignment{{Category: parasat.CategoryLowIncome}}}
		must(t, db.CreateHousehold(ctx, h))
		if h.ID == 0 || h.Name != "Сейітовтер отбасы" || h.Region != "KZ-71" || !h.Created.Equal(fixedNow) {
			t.Errorf("after create: %+v", h)
		}
		if got, _ := db.Beneficiary(ctx, head.ID); got.HouseholdID == nil || *got.HouseholdID != h.ID {
			t.Errorf("the head's household is %v; want %d", got.HouseholdID, h.ID)
		}

		// Born on fixedNow's day in 2008: 18 today, no longer a child.
		members := []struct{ name, birth, relation string }{
			{"Сейітова Жанар", "1982-09-01", "wife"}, {"Сейітов Ержан", "2008-03-15", "son"},
			{"Сейітова Аружан", "2018-02-11", "daughter"}, {"Сейітов Тимур", "2008-03-16", "son"},
			{"Сейітова Меруерт", "2012-12-31", "daughter"}, {"Сейітов Әли", "2015-06-20", "son"},
		}
		ids := map[string]int64{}
		for i, m := range members {
			sex := parasat.Male
			if m.relation != "son" {
				sex = parasat.Female
			}
			b := personBorn(m.name, m.birth, sex, "KZ-71", 10+i)
			must(t, db.CreateBeneficiary(ctx, b))
			must(t, db.SetMembership(ctx, b.ID, h.ID, " "+m.relation+" "))
			ids[m.name] = b.ID
		}
		got, err := db.Household(ctx, h.ID)
		must(t, err)
		m := func(id int64, name, birth, relation string) parasat.HouseholdMember {
			return parasat.HouseholdMember{BeneficiaryID: id, FullName: name, BirthDate: ymd(birth), Relation: relation}
		}
		want := []parasat.HouseholdMember{m(head.ID, "Сейітов Нұрлан", "1980-04-12", ""),
			m(ids["Сейітова Жанар"], "Сейітова Жанар", "1982-09-01", "wife"), m(ids["Сейітов Ержан"], "Сейітов Ержан", "2008-03-15", "son"),
			m(ids["Сейітов Тимур"], "Сейітов Тимур", "2008-03-16", "son"), m(ids["Сейітова Меруерт"], "Сейітова Меруерт", "2012-12-31", "daughter"),
			m(ids["Сейітов Әли"], "Сейітов Әли", "2015-06-20", "son"), m(ids["Сейітова Аружан"], "Сейітова Аружан", "2018-02-11", "daughter")}
		if !reflect.DeepEqual(got.Members, want) {
			t.Errorf("members\n %+v\nwant, by birth date,\n %+v", got.Members, want)
		}
		if got.Name != h.Name || got.Address != h.Address || *got.HeadID != head.ID || !reflect.DeepEqual(got.Categories, h.Categories) {
			t.Errorf("read back %+v", got)
		}
		if n := got.ChildrenOn(fixedNow); n != 4 || !got.IsLargeFamily(fixedNow) {
			t.Errorf("%d children, large family %v; want 4 and true", n, got.IsLargeFamily(fixedNow))
		}

		entries := beneficiaryHistory(t, db, ids["Сейітов Тимур"])
		if len(entries) != 2 || entries[1].Region != "KZ-71" || entries[1].ActorAddress != "192.0.2.9" ||
			string(entries[1].Before) != `{"household_id":null,"relation":""}` || string(entries[1].After) != `{"household_id":`+strconv.FormatInt(h.ID, 10)+`,"relation":"son"}` {
			t.Errorf("membership audit: %+v", entries)
		}

		db.Now = func() time.Time { return fixedNow.Add(time.Hour) }
		must(t, db.SetMembership(ctx, ids["Сейітов Тимур"], 0, "")) // moved out: three children left
		if out, _ := db.Beneficiary(ctx, ids["Сейітов Тимур"]); out.HouseholdID != nil || out.Relation != "" || !out.Updated.Equal(fixedNow.Add(time.Hour)) {
			t.Errorf("after leaving: household %v, relation %q, updated %v", out.HouseholdID, out.Relation, out.Updated)
		}
		got, _ = db.Household(ctx, h.ID)
		if n := got.ChildrenOn(fixedNow); n != 3 || got.IsLargeFamily(fixedNow) || len(got.Members) != 6 {
			t.Errorf("%d children of %d members, large family %v; want 3 of 6 and false", n, len(got.Members), got.IsLargeFamily(fixedNow))
		}
		if entries := beneficiaryHistory(t, db, ids["Сейітов Тимур"]); len(entries) != 3 ||
			string(entries[2].Before) != `{"household_id":`+strconv.FormatInt(h.ID, 10)+`,"relation":"son"}` || string(entries[2].After) != `{"household_id":null,"relation":""}` {
			t.Errorf("audit of leaving: %+v", entries)
		}
		if err := db.SetMembership(ctx, head.ID, 4242, "head"); fieldOf(err) != "household_id:household.unknown" {
			t.Errorf("membership of an unknown household: %v", err)
		}
		if err := db.SetMembership(ctx, 4242, h.ID, "son"); parasat.ErrorCode(err) != parasat.ENotFound {
			t.Errorf("membership of an unknown beneficiary: %v; want not found", err)
		}
		if _, err := db.Household(ctx, h.ID+1); parasat.ErrorCode(err) != parasat.ENotFound {
			t.Errorf("unknown household: %v; want not found", err)
		}
	})
}

func TestListHouseholdsAndHouseholdRules(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		seitovs := &parasat.Household{Name: "Сейітовтер отбасы", Region: "KZ-71"}
		akhmetovs := &parasat.Household{Name: "Ахметовтер", Region: "KZ-75"}
		kims := &parasat.Household{Name: "Семья Ким", Region: "KZ-71"}
		for _, h := range []*parasat.Household{seitovs, akhmetovs, kims} {
			must(t, db.CreateHousehold(ctx, h))
		}
		cases := []struct {
			name string
			f    parasat.HouseholdFilter
			want []int64
		}{
			{"all", parasat.HouseholdFilter{}, []int64{seitovs.ID, akhmetovs.ID, kims.ID}},
			{"page", parasat.HouseholdFilter{After: seitovs.ID, Limit: 1}, []int64{akhmetovs.ID}},
			{"Russian spelling", parasat.HouseholdFilter{Query: "сейит"}, []int64{seitovs.ID}},
			{"capitals", parasat.HouseholdFilter{Query: "АХМЕТ"}, []int64{akhmetovs.ID}},
			{"prefix only", parasat.HouseholdFilter{Query: "Ким"}, []int64{}},
			{"region", parasat.HouseholdFilter{Region: "KZ-71"}, []int64{seitovs.ID, kims.ID}},
			{"scope", parasat.HouseholdFilter{RegionIn: []string{"KZ-75"}}, []int64{akhmetovs.ID}},
			{"scope and search", parasat.HouseholdFilter{RegionIn: []string{"KZ-75"}, Query: "сейит"}, []int64{}},
			{"empty scope", parasat.HouseholdFilter{RegionIn: []string{}}, []int64{}},
		}
		for _, c := range cases {
			got, err := db.ListHouseholds(ctx, c.f)
			if err != nil || !reflect.DeepEqual(householdIDs(got), c.want) {
				t.Errorf("%s: %v, %v; want %v", c.name, householdIDs(got), err, c.want)
			}
		}

		missing := int64(4242)
		for _, c := range []struct {
			h    *parasat.Household
			want string
		}{
			{&parasat.Household{Name: "Ешкімдер", Region: "KZ-71", HeadID: &missing}, "head_id:beneficiary.unknown"},
			{&parasat.Household{Name: "Ешкімдер", Region: "KZ-99"}, "region:region.unknown"},
			{&parasat.Household{Name: " ", Region: "KZ-71"}, "name:required"},
		} {
			if err := db.CreateHousehold(ctx, c.h); parasat.ErrorCode(err) != parasat.EInvalid || fieldOf(err) != c.want {
				t.Errorf("create %+v: %v; want invalid on %s", c.h, err, c.want)
			}
		}
		if n := rowCount(t, db, "SELECT COUNT(*) FROM households"); n != 3 {
			t.Errorf("%d households after failed creates; want 3", n)
		}
		if n := rowCount(t, db, "SELECT COUNT(*) FROM audit_log WHERE entity = 'household'"); n != 3 {
			t.Errorf("%d household audit rows after failed creates; want 3", n)
		}
	})
}

func TestUpdateHouseholdChangesHeadAndIsAudited(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		mother := personBorn("Ахметова Сәуле", "1975-02-03", parasat.Female, "KZ-75", 1)
		son := personBorn("Ахметов Арман", "1999-10-10", parasat.Male, "KZ-75", 2)
		must(t, db.CreateBeneficiary(ctx, mother))
		must(t, db.CreateBeneficiary(ctx, son))
		h := &parasat.Household{Name: "Ахметовтер", Region: "KZ-75", HeadID: &mother.ID}
		must(t, db.CreateHousehold(ctx, h))

		db.Now = func() time.Time { return fixedNow.Add(time.Hour) }
		h.Name, h.HeadID = "Ахметовтер отбасы", &son.ID
		h.Categories = []parasat.CategoryAssignment{{Category: parasat.CategoryLargeFamily}}
		must(t, db.UpdateHousehold(ctx, h))
		got, err := db.Household(ctx, h.ID)
		must(t, err)
		if got.Name != "Ахметовтер отбасы" || *got.HeadID != son.ID || !reflect.DeepEqual(got.Categories, h.Categories) ||
			!got.Created.Equal(fixedNow) || !got.Updated.Equal(fixedNow.Add(time.Hour)) {
			t.Errorf("read back %+v", got)
		}
		if len(got.Members) != 2 || got.Members[0].BeneficiaryID != mother.ID || got.Members[1].BeneficiaryID != son.ID {
			t.Errorf("members %+v; want the mother and the new head", got.Members)
		}
		entries, err := db.ListAudit(ctx, parasat.AuditFilter{Entity: "household", EntityID: strconv.FormatInt(h.ID, 10)})
		must(t, err)
		wantBefore := `{"categories":[],"head_id":` + strconv.FormatInt(mother.ID, 10) + `,"name":"Ахметовтер"}`
		wantAfter := `{"categories":[{"category":"large_family"}],"head_id":` + strconv.FormatInt(son.ID, 10) + `,"name":"Ахметовтер отбасы"}`
		if len(entries) != 2 || entries[0].Region != "KZ-75" || canonicalJSON(t, string(entries[0].Before)) != wantBefore ||
			canonicalJSON(t, string(entries[0].After)) != wantAfter {
			t.Errorf("audit %+v\nwant an update from %s to %s", entries, wantBefore, wantAfter)
		}
		h.ID = 4242
		if err := db.UpdateHousehold(ctx, h); parasat.ErrorCode(err) != parasat.ENotFound {
			t.Errorf("update of an unknown household: %v; want not found", err)
		}
	})
}
