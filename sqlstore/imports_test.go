package sqlstore

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/parasat-kz/parasat"
)

func TestImportMappingIsRememberedByKindAndHeader(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		if m, err := db.Mapping(ctx, "beneficiaries", "sig-a"); m != nil || err != nil {
			t.Fatalf("before any: %v, %v; want nil, nil", m, err)
		}
		first := map[int]string{0: "full_name", 1: "iin", 3: "sex"}
		if err := db.RememberMapping(ctx, "beneficiaries", "sig-a", first); err != nil {
			t.Fatal(err)
		}
		second := map[int]string{0: "iin", 2: "full_name"}
		if err := db.RememberMapping(ctx, "beneficiaries", "sig-a", second); err != nil {
			t.Fatalf("remember again: %v", err)
		}
		if err := db.RememberMapping(ctx, "volunteers", "sig-a", first); err != nil {
			t.Fatal(err)
		}
		if m, err := db.Mapping(ctx, "beneficiaries", "sig-a"); err != nil || !reflect.DeepEqual(m, second) {
			t.Errorf("beneficiaries/sig-a = %v, %v; want the latest %v", m, err, second)
		}
		if m, err := db.Mapping(ctx, "volunteers", "sig-a"); err != nil || !reflect.DeepEqual(m, first) {
			t.Errorf("volunteers/sig-a = %v, %v; want %v", m, err, first)
		}
		if m, err := db.Mapping(ctx, "beneficiaries", "sig-b"); m != nil || err != nil {
			t.Errorf("another header: %v, %v; want nothing", m, err)
		}
	})
}

func TestUploadsAreTheUploadersAndExpire(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		users := map[string]*parasat.User{}
		for name, g := range map[string]parasat.Grant{"owner": {Role: parasat.RoleCoordinator, Region: "KZ-71"},
			"other": {Role: parasat.RoleCoordinator, Region: "KZ-71"}, "admin": {Role: parasat.RoleAdmin}} {
			u := &parasat.User{Email: name + "@example.kz", Name: name, Grants: []parasat.Grant{g}}
			if err := db.CreateUser(ctx, u, ""); err != nil {
				t.Fatal(err)
			}
			users[name] = u
		}
		up := &parasat.Upload{UserID: users["owner"].ID, Kind: "beneficiaries", Filename: "people.csv", Data: []byte("ФИО;ИИН\n")}
		if err := db.SaveUpload(ctx, up); err != nil || up.ID == 0 {
			t.Fatalf("save: %v (id %d)", err, up.ID)
		}
		for _, name := range []string{"owner", "admin"} {
			got, err := db.Upload(ctx, up.ID, users[name])
			if err != nil || string(got.Data) != "ФИО;ИИН\n" || got.Filename != "people.csv" || got.Imported != nil {
				t.Errorf("%s reads the upload: %+v, %v", name, got, err)
			}
		}
		if _, err := db.Upload(ctx, up.ID, users["other"]); parasat.ErrorCode(err) != parasat.ENotFound {
			t.Errorf("another coordinator reads the upload: %v; want not found", err)
		}
		if err := db.MarkImported(ctx, up.ID); err != nil {
			t.Fatal(err)
		}
		if got, err := db.Upload(ctx, up.ID, users["owner"]); err != nil || got.Imported == nil {
			t.Errorf("after MarkImported: %+v, %v", got, err)
		}
		// A day later, the next upload sweeps the old one away.
		db.Now = func() time.Time { return fixedNow.Add(UploadLifetime + time.Minute) }
		if err := db.SaveUpload(ctx, &parasat.Upload{UserID: users["other"].ID, Kind: "beneficiaries", Data: []byte("x")}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Upload(ctx, up.ID, users["admin"]); parasat.ErrorCode(err) != parasat.ENotFound {
			t.Errorf("an upload older than a day: %v; want deleted", err)
		}
	})
}
