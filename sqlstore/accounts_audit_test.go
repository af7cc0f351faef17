package sqlstore

import (
	"context"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/parasat-kz/parasat"
)

func TestListAuditFilters(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		// The log: a system-made admin, then the admin's changes, an hour apart.
		admin := newUser(t, db, "asel@example.kz", "Әсел Әкімшісі", parasat.Grant{Role: parasat.RoleAdmin}) // fixedNow: user, role_grant
		ctx := parasat.WithActor(context.Background(), parasat.Actor{UserID: admin.ID, Address: "192.0.2.10"})
		at := func(h int) { db.Now = func() time.Time { return fixedNow.Add(time.Duration(h) * time.Hour) } }

		at(1)
		astana := newOrg("Астана үйі")
		if err := db.CreateOrganisation(ctx, astana); err != nil {
			t.Fatal(err)
		}
		at(2)
		almaty := newOrg("Алматы үйі")
		almaty.Region = "KZ-75"
		if err := db.CreateOrganisation(ctx, almaty); err != nil {
			t.Fatal(err)
		}
		at(3)
		coordinator := &parasat.User{Email: "murat@example.kz", Name: "Мұрат",
			Grants: []parasat.Grant{{Role: parasat.RoleCoordinator, Region: "KZ-71"}}}
		if err := db.CreateUser(ctx, coordinator, ""); err != nil {
			t.Fatal(err)
		}
		at(4)
		astana.Contacts.Phone = "+7 7172 00 00 00"
		if err := db.UpdateOrganisation(ctx, astana); err != nil {
			t.Fatal(err)
		}

		list := func(f parasat.AuditFilter) []parasat.AuditEntry {
			t.Helper()
			out, err := db.ListAudit(context.Background(), f)
			if err != nil {
				t.Fatal(err)
			}
			return out
		}
		describe := func(es []parasat.AuditEntry) string {
			s := ""
			for _, e := range es {
				s += fmt.Sprintf("%s %s %s|", e.Action, e.Entity, e.Region)
			}
			return s
		}

		all := list(parasat.AuditFilter{})
		const want = "update organisation KZ-71|create role_grant KZ-71|create user |create organisation KZ-75|" +
			"create organisation KZ-71|create role_grant |create user |"
		if describe(all) != want {
			t.Fatalf("whole log, newest first:\n%s\nwant\n%s", describe(all), want)
		}
		for i := 1; i < len(all); i++ {
			if all[i].ID >= all[i-1].ID {
				t.Errorf("entries not newest first: %d after %d", all[i].ID, all[i-1].ID)
			}
		}
		last := all[0]
		if last.ActorUserID == nil || *last.ActorUserID != admin.ID || last.ActorName != "Әсел Әкімшісі" ||
			last.ActorAddress != "192.0.2.10" || !last.At.Equal(fixedNow.Add(4*time.Hour)) || last.EntityID != strconv.FormatInt(astana.ID, 10) ||
			string(last.Before) == "" || string(last.After) == "" {
			t.Errorf("newest entry = %+v", last)
		}
		if first := all[len(all)-1]; first.ActorUserID != nil || first.ActorName != "" || first.After == nil || first.Before != nil {
			t.Errorf("system-made entry = %+v", first)
		}

		byRecord := list(parasat.AuditFilter{Entity: "organisation", EntityID: strconv.FormatInt(astana.ID, 10)})
		if describe(byRecord) != "update organisation KZ-71|create organisation KZ-71|" {
			t.Errorf("one record's history: %s", describe(byRecord))
		}
		if got := list(parasat.AuditFilter{Entity: "organisation"}); len(got) != 3 {
			t.Errorf("all organisations: %d entries; want 3", len(got))
		}
		if got := list(parasat.AuditFilter{ActorID: admin.ID}); len(got) != 5 {
			t.Errorf("by the admin: %d entries; want 5", len(got))
		}
		if got := list(parasat.AuditFilter{ActorID: coordinator.ID}); len(got) != 0 {
			t.Errorf("by the coordinator: %d entries; want none", len(got))
		}
		window := list(parasat.AuditFilter{From: fixedNow.Add(time.Hour), To: fixedNow.Add(3 * time.Hour)}) // To is exclusive
		if describe(window) != "create organisation KZ-75|create organisation KZ-71|" {
			t.Errorf("from +1h to +3h: %s", describe(window))
		}
		if got := list(parasat.AuditFilter{From: fixedNow.Add(5 * time.Hour)}); len(got) != 0 {
			t.Errorf("from the future: %d entries", len(got))
		}

		if got := list(parasat.AuditFilter{Regions: nil}); len(got) != len(all) {
			t.Errorf("Regions nil: %d entries; want all %d", len(got), len(all))
		}
		if got := describe(list(parasat.AuditFilter{Regions: []string{"KZ-71"}})); got != "update organisation KZ-71|create role_grant KZ-71|create organisation KZ-71|" {
			t.Errorf("Regions KZ-71: %s", got)
		}
		if got := describe(list(parasat.AuditFilter{Regions: []string{"KZ-71", "KZ-75"}, Entity: "organisation"})); got != "update organisation KZ-71|create organisation KZ-75|create organisation KZ-71|" {
			t.Errorf("Regions KZ-71, KZ-75: %s", got)
		}
		if got := list(parasat.AuditFilter{Regions: []string{}}); len(got) != 0 {
			t.Errorf("empty Regions: %d entries; want none", len(got))
		}

		var paged []int64
		for before := int64(0); ; {
			page := list(parasat.AuditFilter{Before: before, Limit: 3})
			if len(page) == 0 {
				break
			}
			if len(page) > 3 {
				t.Fatalf("page of %d; limit 3", len(page))
			}
			for _, e := range page {
				paged = append(paged, e.ID)
			}
			before = page[len(page)-1].ID
		}
		var ids []int64
		for _, e := range all {
			ids = append(ids, e.ID)
		}
		if fmt.Sprint(paged) != fmt.Sprint(ids) {
			t.Errorf("keyset pages %v; want %v", paged, ids)
		}
	})
}
