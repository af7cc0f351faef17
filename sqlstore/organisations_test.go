package sqlstore

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/parasat-kz/parasat"
)

func newOrg(name string) *parasat.Organisation {
	return &parasat.Organisation{
		Name:   parasat.Names{KK: name},
		Type:   parasat.OrgEthnoCultural,
		Region: "KZ-71",
	}
}

func fieldOf(err error) string {
	if e, ok := err.(*parasat.Error); ok && len(e.Fields) > 0 {
		return e.Fields[0].Field + ":" + e.Fields[0].Code
	}
	return ""
}

func TestCreateAndReadOrganisation(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := parasat.WithActor(context.Background(), parasat.Actor{Address: "192.0.2.1"})
		assembly := &parasat.Organisation{
			Name: parasat.Names{KK: "Астана қаласы Қазақстан халқы Ассамблеясы", RU: "Ассамблея народа Казахстана города Астаны",
				EN: "Assembly of People of Kazakhstan, Astana"},
			Type: parasat.OrgAssembly, Region: " kz-71 ", BIN: "190440000010",
			Contacts: parasat.Contacts{Phone: "+7 7172 55 00 00", Email: "parasat@example.kz", Address: "Достық көшесі, 1"},
		}
		if err := db.CreateOrganisation(ctx, assembly); err != nil {
			t.Fatal(err)
		}
		if assembly.ID == 0 || assembly.Region != "KZ-71" || !assembly.Created.Equal(fixedNow) {
			t.Errorf("after create: id %d region %q created %v", assembly.ID, assembly.Region, assembly.Created)
		}
		got, err := db.Organisation(ctx, assembly.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != assembly.Name || got.BIN != assembly.BIN || got.Contacts != assembly.Contacts ||
			!got.Created.Equal(fixedNow) || got.ParentID != nil {
			t.Errorf("read back %+v; want %+v", got, assembly)
		}
		entries := auditRows(t, db, "organisation", strconv.FormatInt(assembly.ID, 10))
		if len(entries) != 1 || entries[0].action != "create" || entries[0].actorAddress != "192.0.2.1" ||
			entries[0].before != "" || entries[0].after == "" {
			t.Errorf("audit after create = %+v", entries)
		}
		if _, err := db.Organisation(ctx, assembly.ID+1000); parasat.ErrorCode(err) != parasat.ENotFound {
			t.Errorf("unknown id: %v; want not found", err)
		}
	})
}

func TestOrganisationRulesAndNothingWrittenOnFailure(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		first := newOrg("Бірінші")
		first.BIN = "190440000010"
		if err := db.CreateOrganisation(ctx, first); err != nil {
			t.Fatal(err)
		}
		cases := []struct {
			name      string
			change    func(o *parasat.Organisation)
			code      string
			wantField string
		}{
			{"no name", func(o *parasat.Organisation) { o.Name = parasat.Names{KK: "  "} }, parasat.EInvalid, "name:name.required"},
			{"unknown type", func(o *parasat.Organisation) { o.Type = "club" }, parasat.EInvalid, "type:organisation.type"},
			{"malformed region", func(o *parasat.Organisation) { o.Region = "Astana" }, parasat.EInvalid, "region:region.code"},
			{"unknown region", func(o *parasat.Organisation) { o.Region = "KZ-99" }, parasat.EInvalid, "region:region.unknown"},
			{"BIN check digit", func(o *parasat.Organisation) { o.BIN = "190440000011" }, parasat.EInvalid, "bin:bin.checksum"},
			{"BIN length", func(o *parasat.Organisation) { o.BIN = "1904400000" }, parasat.EInvalid, "bin:bin.length"},
			{"BIN taken", func(o *parasat.Organisation) { o.BIN = "190440000010" }, parasat.EConflict, "bin:bin.taken"},
			{"unknown parent", func(o *parasat.Organisation) { p := int64(9999); o.ParentID = &p }, parasat.EInvalid, "parent_id:parent.unknown"},
			{"bad e-mail", func(o *parasat.Organisation) { o.Contacts.Email = "not an address" }, parasat.EInvalid, "contacts.email:email"},
			{"bad phone", func(o *parasat.Organisation) { o.Contacts.Phone = "call us" }, parasat.EInvalid, "contacts.phone:phone"},
		}
		for _, c := range cases {
			o := newOrg("Екінші")
			c.change(o)
			err := db.CreateOrganisation(ctx, o)
			if parasat.ErrorCode(err) != c.code || fieldOf(err) != c.wantField {
				t.Errorf("%s: %v (field %q); want %s on %s", c.name, err, fieldOf(err), c.code, c.wantField)
			}
		}
		if n, _ := db.CountOrganisations(ctx); n != 1 {
			t.Errorf("%d organisations after failed creates; want 1", n)
		}
		var audits int
		_ = db.read.QueryRowContext(ctx, "SELECT COUNT(*) FROM audit_log WHERE entity = 'organisation'").Scan(&audits)
		if audits != 1 {
			t.Errorf("%d organisation audit rows after failed creates; want 1: a failed write left an audit row", audits)
		}
	})
}

func TestUpdateOrganisationKeepsParentsAcyclic(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		top, mid, leaf := newOrg("Ассамблея"), newOrg("Қауымдастық"), newOrg("Жастар қанаты")
		must(t, db.CreateOrganisation(ctx, top))
		mid.ParentID = &top.ID
		must(t, db.CreateOrganisation(ctx, mid))
		leaf.ParentID = &mid.ID
		must(t, db.CreateOrganisation(ctx, leaf))

		top.ParentID = &leaf.ID
		if err := db.UpdateOrganisation(ctx, top); fieldOf(err) != "parent_id:parent.cycle" {
			t.Errorf("making the root a child of its grandchild: %v; want a cycle error", err)
		}
		top.ParentID = &top.ID
		if err := db.UpdateOrganisation(ctx, top); fieldOf(err) != "parent_id:parent.self" {
			t.Errorf("making an organisation its own parent: %v; want parent.self", err)
		}
		leaf.Name.RU = "Молодёжное крыло"
		leaf.Type = parasat.OrgYouthWing
		must(t, db.UpdateOrganisation(ctx, leaf))
		got, _ := db.Organisation(ctx, leaf.ID)
		if got.Name.RU != "Молодёжное крыло" || got.Type != parasat.OrgYouthWing || *got.ParentID != mid.ID {
			t.Errorf("after update: %+v", got)
		}
		entries := auditRows(t, db, "organisation", strconv.FormatInt(leaf.ID, 10))
		want := `{"name.ru":"Молодёжное крыло","type":"youth_wing"}`
		if len(entries) != 2 || entries[1].after != want || entries[1].before != `{"type":"ethno_cultural_association"}` {
			t.Errorf("audit of update = %+v; want after %s", entries, want)
		}
		missing := newOrg("Жоқ")
		missing.ID = 424242
		if err := db.UpdateOrganisation(ctx, missing); parasat.ErrorCode(err) != parasat.ENotFound {
			t.Errorf("updating a missing organisation: %v; want not found", err)
		}
	})
}

func TestListOrganisationsFiltersSearchAndKeysetPages(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		names := []string{"Қазақ мәдени орталығы", "Орыс мәдени орталығы", "Өзбек этномәдени бірлестігі",
			"Ұйғыр этномәдени орталығы", "Корей қауымдастығы", "Неміс «Возрождение» қоғамы", "Украин орталығы"}
		for i, n := range names {
			o := newOrg(n)
			if i%2 == 1 {
				o.Region = "KZ-75"
			}
			must(t, db.CreateOrganisation(ctx, o))
		}
		all, err := db.ListOrganisations(ctx, parasat.OrganisationFilter{})
		if err != nil || len(all) != 7 {
			t.Fatalf("list all: %d, %v", len(all), err)
		}
		var paged []parasat.Organisation
		for after := int64(0); ; {
			page, err := db.ListOrganisations(ctx, parasat.OrganisationFilter{After: after, Limit: 3})
			if err != nil {
				t.Fatal(err)
			}
			if len(page) == 0 {
				break
			}
			paged = append(paged, page...)
			after = page[len(page)-1].ID
		}
		if len(paged) != 7 || paged[0].ID != all[0].ID || paged[6].ID != all[6].ID {
			t.Errorf("keyset pages gave %d organisations; want the same 7 in order", len(paged))
		}
		almaty, _ := db.ListOrganisations(ctx, parasat.OrganisationFilter{Region: "KZ-75"})
		if len(almaty) != 3 {
			t.Errorf("region KZ-75: %d organisations; want 3", len(almaty))
		}
		// Folded search: Russian spelling without Kazakh letters finds Kazakh names.
		for query, want := range map[string]int{"казак": 1, "ЭТНОМӘДЕНИ": 2, "уйгыр": 1, "мадени": 4, "100%": 0, "_": 0} {
			got, err := db.ListOrganisations(ctx, parasat.OrganisationFilter{Query: query})
			if err != nil || len(got) != want {
				t.Errorf("search %q: %d results, %v; want %d", query, len(got), err, want)
			}
		}
	})
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestListOrganisationsSortedByNameInPages(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		for _, n := range []parasat.Names{{RU: "Вайнах"}, {RU: "Азербайджанский центр"}, {KK: "Ұйғыр орталығы"}, {RU: "Бирлик"}, {RU: "Азербайджанский центр"}, {EN: "Jewish community"}} {
			o := &parasat.Organisation{Name: n, Type: parasat.OrgEthnoCultural, Region: "KZ-71"}
			must(t, db.CreateOrganisation(ctx, o))
		}
		var names []string
		f := parasat.OrganisationFilter{SortByName: parasat.Russian, Limit: 2}
		for {
			page, err := db.ListOrganisations(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			if len(page) == 0 {
				break
			}
			for _, o := range page {
				names = append(names, o.Name.Best(parasat.Russian))
			}
			last := page[len(page)-1]
			f.After, f.AfterName = last.ID, last.Name.Best(parasat.Russian)
		}
		want := "Jewish community|Азербайджанский центр|Азербайджанский центр|Бирлик|Вайнах|Ұйғыр орталығы"
		if got := strings.Join(names, "|"); got != want {
			t.Errorf("sorted by Russian name, page by page:\n got %s\nwant %s", got, want)
		}
	})
}
