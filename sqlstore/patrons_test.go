package sqlstore

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/parasat-kz/parasat"
)

func company(name, bin string, orgs ...int64) *parasat.Patron {
	return &parasat.Patron{Kind: parasat.PatronCompany, Name: name, BIN: bin, Region: "KZ-71",
		Contacts: parasat.Contacts{Phone: "+7 7172 00 10 10"}, SupportedOrganisations: orgs}
}

func patronNames(list []parasat.Patron) []string {
	out := make([]string, len(list))
	for i, p := range list {
		out[i] = p.Name
	}
	return out
}

func TestPatronCreateReadUpdateIsAudited(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := parasat.WithActor(context.Background(), parasat.Actor{Address: "192.0.2.3"})
		orgs := createOrgs(t, db, "Меценаттар клубы")
		p := company(" ТОО  «Дала Құрылыс» ", "190440000010", orgs[0], orgs[0])
		p.PublicConsent, p.Notes = true, "Жыл сайын Наурызда көмектеседі"
		if err := db.CreatePatron(ctx, p); err != nil {
			t.Fatal(err)
		}
		got, err := db.Patron(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != "ТОО «Дала Құрылыс»" || got.BIN != p.BIN || got.Kind != parasat.PatronCompany || !got.PublicConsent ||
			got.Notes != p.Notes || got.Contacts != p.Contacts || !slices.Equal(got.SupportedOrganisations, orgs) ||
			!got.Created.Equal(fixedNow) || got.UserID != nil {
			t.Errorf("read back %+v\nwant %+v", got, p)
		}
		got.PublicConsent, got.SupportedOrganisations = false, nil
		if err := db.UpdatePatron(ctx, got); err != nil {
			t.Fatal(err)
		}
		again, _ := db.Patron(ctx, p.ID)
		if again.PublicConsent || len(again.SupportedOrganisations) != 0 || !again.Created.Equal(fixedNow) {
			t.Errorf("after update %+v", again)
		}
		entries := auditRows(t, db, "patron", strconv.FormatInt(p.ID, 10))
		if len(entries) != 2 || entries[0].action != "create" || !strings.Contains(entries[1].after, `"public_consent":false`) {
			t.Errorf("audit = %+v", entries)
		}
		if regions := auditRegion(t, db, "patron", p.ID); !slices.Equal(regions, []string{"KZ-71", "KZ-71"}) {
			t.Errorf("audit regions %v", regions)
		}
		if _, err := db.Patron(ctx, p.ID+1); parasat.ErrorCode(err) != parasat.ENotFound {
			t.Errorf("unknown patron: %v", err)
		}
	})
}

func TestPatronRulesAndConflicts(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		first := company("Алғашқы", "190440000010")
		if err := db.CreatePatron(ctx, first); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			name   string
			change func(p *parasat.Patron)
			code   string
			want   string
		}{
			{"company without BIN", func(p *parasat.Patron) { p.BIN = "" }, parasat.EInvalid, "bin:patron.bin_required"},
			{"BIN check digit", func(p *parasat.Patron) { p.BIN = "190440000011" }, parasat.EInvalid, "bin:bin.checksum"},
			{"BIN length", func(p *parasat.Patron) { p.BIN = "19044" }, parasat.EInvalid, "bin:bin.length"},
			{"no name", func(p *parasat.Patron) { p.Name = "" }, parasat.EInvalid, "name:required"},
			{"unknown kind", func(p *parasat.Patron) { p.Kind = "club" }, parasat.EInvalid, "kind:patron.kind"},
			{"bad e-mail", func(p *parasat.Patron) { p.Contacts.Email = "x@" }, parasat.EInvalid, "contacts.email:email"},
			{"bad website", func(p *parasat.Patron) { p.Contacts.Website = "example.kz" }, parasat.EInvalid, "contacts.website:url"},
			{"long notes", func(p *parasat.Patron) { p.Notes = strings.Repeat("ә", 2001) }, parasat.EInvalid, "notes:too_long_2000"},
			{"unknown region", func(p *parasat.Patron) { p.Region = "KZ-98" }, parasat.EInvalid, "region:region.unknown"},
			{"unknown organisation", func(p *parasat.Patron) { p.SupportedOrganisations = []int64{999} }, parasat.EInvalid,
				"supported_organisations:organisation.unknown"},
			{"BIN of another patron", func(p *parasat.Patron) { p.BIN = first.BIN }, parasat.EConflict, "bin:bin.taken"},
		} {
			p := company("Екінші", "190440000020")
			c.change(p)
			err := db.CreatePatron(ctx, p)
			if parasat.ErrorCode(err) != c.code || fieldOf(err) != c.want {
				t.Errorf("%s: %v (%s); want %s", c.name, err, fieldOf(err), c.want)
			}
		}
		var e *parasat.Error
		if err := db.CreatePatron(ctx, company("Қайталау", first.BIN)); !errors.As(err, &e) || e.Existing == nil || e.Existing.ID != first.ID {
			t.Errorf("duplicate BIN does not name the patron who has it: %v", err)
		}
		person := &parasat.Patron{Kind: parasat.PatronPerson, Name: "Болат Жұмабаев", Region: "KZ-75"}
		if err := db.CreatePatron(ctx, person); err != nil {
			t.Errorf("a person without BIN: %v", err)
		}
		if list, _ := db.ListPatrons(ctx, parasat.PatronFilter{Visibility: parasat.Visibility{All: true}, Limit: 100}); len(list) != 2 {
			t.Errorf("%d patrons; want the two accepted", len(list))
		}
	})
}

func TestPatronListScopeFiltersAndPages(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		orgs := createOrgs(t, db, "А ұйымы", "Б ұйымы")
		owner := newUser(t, db, "patron@example.kz", "Patron")
		ps := []*parasat.Patron{
			company("«Ақ Жол» ЖШС", "190440000010", orgs[0]),
			company("«Береке» АҚ", "190440000020", orgs[1]),
			{Kind: parasat.PatronPerson, Name: "Сәуле Ахметова", Region: "KZ-75", UserID: &owner.ID},
			{Kind: parasat.PatronPerson, Name: "Иван Петров", Region: "KZ-75"},
		}
		if err := db.CreatePatrons(ctx, ps); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			name string
			f    parasat.PatronFilter
			want []string
		}{
			{"nothing granted", parasat.PatronFilter{}, []string{}},
			{"coordinator of KZ-75", parasat.PatronFilter{Visibility: parasat.Visibility{RegionIn: []string{"KZ-75"}}}, []string{"Иван Петров", "Сәуле Ахметова"}},
			{"manager of b", parasat.PatronFilter{Visibility: parasat.Visibility{OrganisationIn: []int64{orgs[1]}}}, []string{"«Береке» АҚ"}},
			{"the patron", parasat.PatronFilter{Visibility: parasat.Visibility{OwnerUserID: owner.ID}}, []string{"Сәуле Ахметова"}},
			{"companies", parasat.PatronFilter{Visibility: parasat.Visibility{All: true}, Kind: parasat.PatronCompany}, []string{"«Ақ Жол» ЖШС", "«Береке» АҚ"}},
			{"supporters of a", parasat.PatronFilter{Visibility: parasat.Visibility{All: true}, Organisation: orgs[0]}, []string{"«Ақ Жол» ЖШС"}},
			{"by BIN", parasat.PatronFilter{Visibility: parasat.Visibility{All: true}, Query: "1904400000"}, []string{"«Ақ Жол» ЖШС", "«Береке» АҚ"}},
			{"by name", parasat.PatronFilter{Visibility: parasat.Visibility{All: true}, Query: "ахмет"}, []string{"Сәуле Ахметова"}},
			{"a word in quotes", parasat.PatronFilter{Visibility: parasat.Visibility{All: true}, Query: "берек"}, []string{"«Береке» АҚ"}},
			{"by region", parasat.PatronFilter{Visibility: parasat.Visibility{All: true}, Region: "KZ-71"}, []string{"«Ақ Жол» ЖШС", "«Береке» АҚ"}},
		} {
			list, err := db.ListPatrons(ctx, c.f)
			if err != nil {
				t.Fatal(err)
			}
			if got := patronNames(list); !slices.Equal(got, c.want) {
				t.Errorf("%s: %q; want %q", c.name, got, c.want)
			}
		}
		var seen []string
		f := parasat.PatronFilter{Visibility: parasat.Visibility{All: true}, Limit: 3}
		for {
			list, err := db.ListPatrons(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			seen = append(seen, patronNames(list)...)
			if len(list) < f.Limit {
				break
			}
			f.After, f.AfterName = list[len(list)-1].ID, list[len(list)-1].SortKey()
		}
		if len(seen) != 4 {
			t.Errorf("pages of 3 gave %q", seen)
		}
	})
}

func TestSkills(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		list, err := db.ListSkills(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var codes []string
		for _, s := range list {
			codes = append(codes, s.Code)
			for _, lang := range parasat.Languages {
				if s.Names.In(lang) == "" {
					t.Errorf("skill %s has no name in %s", s.Code, lang)
				}
			}
		}
		want := slices.Sorted(slices.Values(parasat.DefaultSkills))
		if !slices.Equal(codes, want) {
			t.Errorf("skills %v; want %v", codes, want)
		}
		felt := &parasat.Skill{Code: " Felting ", Names: parasat.Names{KK: "Киіз басу", RU: "Валяние войлока"}}
		if err := db.CreateSkill(ctx, felt); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateSkill(ctx, &parasat.Skill{Code: "felting", Names: parasat.Names{EN: "Felting"}}); parasat.ErrorCode(err) != parasat.EConflict ||
			fieldOf(err) != "code:skill.exists" {
			t.Errorf("a second felting: %v", err)
		}
		if err := db.CreateSkill(ctx, &parasat.Skill{Code: "киіз", Names: parasat.Names{KK: "Киіз"}}); fieldOf(err) != "code:skill.code" {
			t.Errorf("a Cyrillic code: %v", err)
		}
		if err := db.CreateSkill(ctx, &parasat.Skill{Code: "nameless"}); fieldOf(err) != "names:name.required" {
			t.Errorf("a skill without a name: %v", err)
		}
		if rows := auditRows(t, db, "skill", "felting"); len(rows) != 1 || rows[0].action != "create" {
			t.Errorf("audit of the new skill = %+v", rows)
		}
		v := adultVolunteer(t, "Киіз шебері")
		v.Skills = []string{"felting"}
		if err := db.CreateVolunteer(ctx, v); err != nil {
			t.Errorf("a volunteer with the new skill: %v", err)
		}
	})
}
