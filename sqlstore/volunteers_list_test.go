package sqlstore

import (
	"context"
	"slices"
	"testing"

	"github.com/parasat-kz/parasat"
)

func volunteerNames(list []parasat.Volunteer) []string {
	out := make([]string, len(list))
	for i, v := range list {
		out[i] = v.FullName
	}
	return out
}

// seedVolunteers makes: two in KZ-71 of organisation a, one of b, one in
// KZ-75 with no organisation, and one in KZ-75 linked to owner's account.
func seedVolunteers(t *testing.T, db *DB) (a, b int64, owner *parasat.User) {
	t.Helper()
	ctx := context.Background()
	orgs := createOrgs(t, db, "Бірінші ұйым", "Екінші ұйым")
	a, b = orgs[0], orgs[1]
	owner = newUser(t, db, "own@example.kz", "Own")
	vs := []*parasat.Volunteer{
		adultVolunteer(t, "Нұрлан Әбенов", a),
		adultVolunteer(t, "Анна Ким", a),
		adultVolunteer(t, "Тимур Ли", b),
		adultVolunteer(t, "Ольга Шмидт"),
		adultVolunteer(t, "Бауыржан Исаев"),
	}
	vs[1].Skills, vs[1].Status = []string{"medical", "driving"}, parasat.VolunteerApproved
	vs[2].Email = "timur.li@example.kz"
	vs[3].Region, vs[4].Region = "KZ-75", "KZ-75"
	vs[4].UserID = &owner.ID
	if err := db.CreateVolunteers(ctx, vs); err != nil {
		t.Fatal(err)
	}
	return a, b, owner
}

func TestVolunteerListIsScopedToWhatTheCallerMayRead(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		a, b, owner := seedVolunteers(t, db)
		for _, c := range []struct {
			name string
			vis  parasat.Visibility
			want []string
		}{
			{"nothing granted", parasat.Visibility{}, []string{}},
			{"all", parasat.Visibility{All: true}, []string{"Анна Ким", "Бауыржан Исаев", "Нұрлан Әбенов", "Ольга Шмидт", "Тимур Ли"}},
			{"coordinator of KZ-75", parasat.Visibility{RegionIn: []string{"KZ-75"}}, []string{"Бауыржан Исаев", "Ольга Шмидт"}},
			{"manager of a", parasat.Visibility{OrganisationIn: []int64{a}}, []string{"Анна Ким", "Нұрлан Әбенов"}},
			{"manager of a and b", parasat.Visibility{OrganisationIn: []int64{a, b}}, []string{"Анна Ким", "Нұрлан Әбенов", "Тимур Ли"}},
			{"the volunteer themself", parasat.Visibility{OwnerUserID: owner.ID}, []string{"Бауыржан Исаев"}},
			{"another account", parasat.Visibility{OwnerUserID: owner.ID + 1}, []string{}},
			{"manager of b who volunteers", parasat.Visibility{OrganisationIn: []int64{b}, OwnerUserID: owner.ID},
				[]string{"Бауыржан Исаев", "Тимур Ли"}},
		} {
			list, err := db.ListVolunteers(context.Background(), parasat.VolunteerFilter{Visibility: c.vis})
			if err != nil {
				t.Fatal(err)
			}
			if got := volunteerNames(list); !slices.Equal(got, c.want) {
				t.Errorf("%s sees %q; want %q", c.name, got, c.want)
			}
		}
	})
}

func TestVolunteerListFilters(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		a, _, _ := seedVolunteers(t, db)
		all := parasat.Visibility{All: true}
		for _, c := range []struct {
			name string
			f    parasat.VolunteerFilter
			want []string
		}{
			{"region", parasat.VolunteerFilter{Region: "KZ-71"}, []string{"Анна Ким", "Нұрлан Әбенов", "Тимур Ли"}},
			{"organisation", parasat.VolunteerFilter{Organisation: a}, []string{"Анна Ким", "Нұрлан Әбенов"}},
			{"skill", parasat.VolunteerFilter{Skill: "medical"}, []string{"Анна Ким"}},
			{"status", parasat.VolunteerFilter{Status: parasat.VolunteerApproved}, []string{"Анна Ким"}},
			{"pending in KZ-75", parasat.VolunteerFilter{Status: parasat.VolunteerPending, Region: "KZ-75"}, []string{"Бауыржан Исаев", "Ольга Шмидт"}},
			{"surname spelled the Russian way", parasat.VolunteerFilter{Query: "абен"}, []string{"Нұрлан Әбенов"}},
			{"first name in capitals", parasat.VolunteerFilter{Query: "НУРЛАН"}, []string{"Нұрлан Әбенов"}},
			{"inside a word does not match", parasat.VolunteerFilter{Query: "бенов"}, []string{}},
			{"e-mail", parasat.VolunteerFilter{Query: "timur.li@"}, []string{"Тимур Ли"}},
			{"a LIKE wildcard is literal", parasat.VolunteerFilter{Query: "%"}, []string{}},
		} {
			c.f.Visibility = all
			list, err := db.ListVolunteers(context.Background(), c.f)
			if err != nil {
				t.Fatal(err)
			}
			if got := volunteerNames(list); !slices.Equal(got, c.want) {
				t.Errorf("%s: %q; want %q", c.name, got, c.want)
			}
		}
		list, _ := db.ListVolunteers(context.Background(), parasat.VolunteerFilter{Visibility: all, Skill: "medical"})
		if len(list) != 1 || !slices.Equal(list[0].Skills, []string{"driving", "medical"}) || !slices.Equal(list[0].Organisations, []int64{a}) {
			t.Errorf("a listed volunteer lacks their links: %+v", list)
		}
	})
}

func TestVolunteerPagesFollowTheKeyset(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		var batch []*parasat.Volunteer
		// Two people with one name (born on other days) must both be listed.
		for i, n := range []string{"Ләззат", "Айдар", "Ләззат", "Ғалым", "Виктор", "Бекзат", "Азамат"} {
			v := adultVolunteer(t, n+" Тестов")
			v.BirthDate.Time = v.BirthDate.AddDate(0, 0, i)
			batch = append(batch, v)
		}
		if err := db.CreateVolunteers(context.Background(), batch); err != nil {
			t.Fatal(err)
		}
		var seen []string
		f := parasat.VolunteerFilter{Visibility: parasat.Visibility{All: true}, Limit: 3}
		for pages := 0; ; pages++ {
			list, err := db.ListVolunteers(context.Background(), f)
			if err != nil {
				t.Fatal(err)
			}
			seen = append(seen, volunteerNames(list)...)
			if len(list) < f.Limit || pages > 5 {
				break
			}
			last := list[len(list)-1]
			f.After, f.AfterName = last.ID, last.SortKey()
		}
		if len(seen) != len(batch) || !slices.IsSortedFunc(seen, func(a, b string) int {
			return compareStrings(parasat.FoldForSearch(a), parasat.FoldForSearch(b))
		}) {
			t.Errorf("pages gave %q; want all %d in name order", seen, len(batch))
		}
	})
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
