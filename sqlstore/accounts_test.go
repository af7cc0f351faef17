package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/parasat-kz/parasat"
)

// newUser stores an account with a placeholder hash and the given grants.
func newUser(t *testing.T, db *DB, email, name string, grants ...parasat.Grant) *parasat.User {
	t.Helper()
	u := &parasat.User{Email: email, Name: name, Grants: grants}
	if err := db.CreateUser(context.Background(), u, "hash-of-"+email); err != nil {
		t.Fatalf("create user %s: %v", email, err)
	}
	return u
}

// grantKeys describes grants as role/region/organisation for comparison.
func grantKeys(gs []parasat.Grant) []string {
	out := []string{}
	for _, g := range gs {
		org := int64(0)
		if g.OrganisationID != nil {
			org = *g.OrganisationID
		}
		out = append(out, fmt.Sprintf("%s/%s/%d", g.Role, g.Region, org))
	}
	return out
}

func jsonFields(t *testing.T, s string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatalf("audit JSON %q: %v", s, err)
	}
	return m
}

func TestCreateUserWithGrants(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		org := newOrg("Астана жастары")
		if err := db.CreateOrganisation(ctx, org); err != nil {
			t.Fatal(err)
		}
		u := &parasat.User{Email: " Aigerim@Example.KZ ", Name: " Айгерім Серікқызы ", Language: parasat.Russian,
			Grants: []parasat.Grant{{Role: parasat.RoleAdmin}, {Role: parasat.RoleCoordinator, Region: "KZ-71"},
				{Role: parasat.RoleManager, OrganisationID: &org.ID}}}
		if err := db.CreateUser(ctx, u, "hash-1"); err != nil {
			t.Fatal(err)
		}
		if u.ID == 0 || u.Email != "aigerim@example.kz" || u.Name != "Айгерім Серікқызы" || !u.Created.Equal(fixedNow) || !u.HasPassword {
			t.Errorf("after create: %+v", u)
		}
		want := []string{"admin//0", "coordinator/KZ-71/0", fmt.Sprintf("manager//%d", org.ID)}
		for _, get := range []func() (*parasat.User, error){
			func() (*parasat.User, error) { return db.User(ctx, u.ID) },
			func() (*parasat.User, error) { return db.UserByEmail(ctx, "AIGERIM@example.kz ") },
		} {
			got, err := get()
			if err != nil {
				t.Fatal(err)
			}
			if got.ID != u.ID || got.Email != u.Email || got.Name != u.Name || got.Language != parasat.Russian ||
				!got.Created.Equal(fixedNow) || !got.HasPassword || !got.Active() {
				t.Errorf("read back %+v; want %+v", got, u)
			}
			if g := grantKeys(got.Grants); strings.Join(g, " ") != strings.Join(want, " ") {
				t.Errorf("grants %v; want %v", g, want)
			}
			for i, g := range got.Grants {
				if g.ID != u.Grants[i].ID || g.ID == 0 || g.UserID != u.ID || !g.Created.Equal(fixedNow) {
					t.Errorf("grant %d = %+v; want id %d of user %d created %v", i, g, u.Grants[i].ID, u.ID, fixedNow)
				}
			}
		}
		if h, err := db.PasswordHash(ctx, u.ID); h != "hash-1" || err != nil {
			t.Errorf("PasswordHash = %q, %v", h, err)
		}
		if rows := auditRows(t, db, "user", strconv.FormatInt(u.ID, 10)); len(rows) != 1 || rows[0].action != "create" {
			t.Errorf("user audit = %+v; want one create", rows)
		}
		if rows := auditRows(t, db, "role_grant", strconv.FormatInt(u.Grants[1].ID, 10)); len(rows) != 1 ||
			jsonFields(t, rows[0].after)["region"] != "KZ-71" {
			t.Errorf("grant audit = %+v", rows)
		}

		dup := &parasat.User{Email: "aigerim@EXAMPLE.kz", Name: "Другая"}
		err := db.CreateUser(ctx, dup, "")
		if parasat.ErrorCode(err) != parasat.EConflict || fieldOf(err) != "email:email.taken" {
			t.Errorf("duplicate e-mail: %v (%s); want conflict on email", err, fieldOf(err))
		}
		if _, err := db.User(ctx, u.ID+100); parasat.ErrorCode(err) != parasat.ENotFound {
			t.Errorf("unknown id: %v", err)
		}
		if _, err := db.UserByEmail(ctx, "nobody@example.kz"); parasat.ErrorCode(err) != parasat.ENotFound {
			t.Errorf("unknown e-mail: %v", err)
		}
	})
}

func TestGrantRulesAndRevoke(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := parasat.WithActor(context.Background(), parasat.Actor{Address: "192.0.2.9"})
		u := newUser(t, db, "bolat@example.kz", "Болат")
		other := newUser(t, db, "dana@example.kz", "Дана", parasat.Grant{Role: parasat.RoleVolunteer})
		unknownOrg := int64(9999)
		cases := []struct {
			name  string
			g     parasat.Grant
			code  string
			field string
		}{
			{"coordinator without region", parasat.Grant{Role: parasat.RoleCoordinator}, parasat.EInvalid, "region:grant.region_required"},
			{"unknown region", parasat.Grant{Role: parasat.RoleCoordinator, Region: "KZ-99"}, parasat.EInvalid, "region:region.unknown"},
			{"manager of unknown organisation", parasat.Grant{Role: parasat.RoleManager, OrganisationID: &unknownOrg}, parasat.EInvalid, "organisation_id:organisation.unknown"},
			{"manager without organisation", parasat.Grant{Role: parasat.RoleManager}, parasat.EInvalid, "organisation_id:grant.organisation_required"},
			{"unknown role", parasat.Grant{Role: "owner"}, parasat.EInvalid, "role:role"},
		}
		for i, c := range cases {
			g := c.g
			g.UserID = u.ID
			err := db.GrantRole(ctx, &g)
			if parasat.ErrorCode(err) != c.code || fieldOf(err) != c.field {
				t.Errorf("%s: %v (%s); want %s %s", c.name, err, fieldOf(err), c.code, c.field)
			}
			// The same grant in CreateUser stores nothing at all.
			email := "x" + strconv.Itoa(i) + "@example.kz"
			err = db.CreateUser(ctx, &parasat.User{Email: email, Name: "X", Grants: []parasat.Grant{c.g}}, "")
			if parasat.ErrorCode(err) != c.code || fieldOf(err) != c.field {
				t.Errorf("%s in CreateUser: %v; want %s %s", c.name, err, c.code, c.field)
			}
			if _, err := db.UserByEmail(ctx, email); parasat.ErrorCode(err) != parasat.ENotFound {
				t.Errorf("%s: CreateUser left the account behind (%v)", c.name, err)
			}
		}
		if err := db.GrantRole(ctx, &parasat.Grant{UserID: u.ID + 100, Role: parasat.RoleAdmin}); parasat.ErrorCode(err) != parasat.ENotFound {
			t.Errorf("grant to unknown account: %v", err)
		}

		coord := &parasat.Grant{UserID: u.ID, Role: parasat.RoleCoordinator, Region: "KZ-71"}
		admin := &parasat.Grant{UserID: u.ID, Role: parasat.RoleAdmin}
		for _, g := range []*parasat.Grant{coord, admin} {
			if err := db.GrantRole(ctx, g); err != nil {
				t.Fatal(err)
			}
			again := *g
			err := db.GrantRole(ctx, &again)
			if parasat.ErrorCode(err) != parasat.EConflict || fieldOf(err) != "role:grant.exists" {
				t.Errorf("duplicate %s grant: %v; want conflict", g.Role, err)
			}
		}
		// Another region is another grant.
		if err := db.GrantRole(ctx, &parasat.Grant{UserID: u.ID, Role: parasat.RoleCoordinator, Region: "KZ-75"}); err != nil {
			t.Errorf("second region: %v", err)
		}

		if err := db.RevokeRole(ctx, other.ID, coord.ID); parasat.ErrorCode(err) != parasat.ENotFound {
			t.Errorf("revoking another account's grant: %v; want not found", err)
		}
		if err := db.RevokeRole(ctx, u.ID, coord.ID); err != nil {
			t.Fatal(err)
		}
		if err := db.RevokeRole(ctx, u.ID, coord.ID); parasat.ErrorCode(err) != parasat.ENotFound {
			t.Errorf("revoking twice: %v; want not found", err)
		}
		got, _ := db.User(ctx, u.ID)
		if g := strings.Join(grantKeys(got.Grants), " "); g != "admin//0 coordinator/KZ-75/0" {
			t.Errorf("grants after revoke: %s", g)
		}
		rows := auditRows(t, db, "role_grant", strconv.FormatInt(coord.ID, 10))
		if len(rows) != 2 || rows[1].action != "delete" || rows[1].after != "" || rows[1].actorAddress != "192.0.2.9" {
			t.Fatalf("grant audit = %+v; want create then delete", rows)
		}
		before := jsonFields(t, rows[1].before)
		if before["role"] != "coordinator" || before["region"] != "KZ-71" || before["user_id"] != float64(u.ID) ||
			before["id"] != float64(coord.ID) {
			t.Errorf("delete audit before = %v", before)
		}
		var region string
		if err := db.read.QueryRowContext(ctx, "SELECT region_code FROM audit_log WHERE entity = 'role_grant' AND entity_id = $1 AND action = 'delete'",
			strconv.FormatInt(coord.ID, 10)).Scan(&region); err != nil || region != "KZ-71" {
			t.Errorf("delete audit region = %q, %v; want KZ-71", region, err)
		}
	})
}

func TestListUsersPagesAndSearches(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		var ids []int64
		for _, p := range [][2]string{{"aigerim@example.kz", "Айгерім Серікқызы"}, {"bolat@example.kz", "Bolat Nurlanov"},
			{"dana@parasat.kz", "Дана Ержанқызы"}, {"erlan@example.kz", "Ерлан"}, {"zhanar@example.kz", "Жанар"}} {
			ids = append(ids, newUser(t, db, p[0], p[1], parasat.Grant{Role: parasat.RolePatron}).ID)
		}
		var seen []int64
		after := int64(0)
		for page := 0; ; page++ {
			users, err := db.ListUsers(ctx, parasat.UserFilter{After: after, Limit: 2})
			if err != nil {
				t.Fatal(err)
			}
			if want := []int{2, 2, 1, 0}[min(page, 3)]; len(users) != want {
				t.Fatalf("page %d has %d users; want %d", page, len(users), want)
			}
			if len(users) == 0 {
				break
			}
			for _, u := range users {
				seen = append(seen, u.ID)
				if g := strings.Join(grantKeys(u.Grants), " "); g != "patron//0" {
					t.Errorf("user %d grants %s; want patron", u.ID, g)
				}
			}
			after = users[len(users)-1].ID
		}
		if fmt.Sprint(seen) != fmt.Sprint(ids) {
			t.Errorf("pages gave %v; want %v in order", seen, ids)
		}
		search := func(q string) []string {
			users, err := db.ListUsers(ctx, parasat.UserFilter{Query: q})
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, u := range users {
				out = append(out, u.Email)
			}
			return out
		}
		for q, want := range map[string]string{
			"BOLAT":        "[bolat@example.kz]", // name and e-mail, any ASCII case
			"nurlan":       "[bolat@example.kz]",
			"@parasat.kz":  "[dana@parasat.kz]",
			"ерікқыз":      "[aigerim@example.kz]", // Cyrillic, same case as stored
			"example.kz":   "[aigerim@example.kz bolat@example.kz erlan@example.kz zhanar@example.kz]",
			"%":            "[]", // LIKE wildcards are literal
			"_":            "[]",
			"nobody-there": "[]",
		} {
			if got := fmt.Sprint(search(q)); got != want {
				t.Errorf("search %q = %s; want %s", q, got, want)
			}
		}
	})
}

// A search must find a Cyrillic name whatever the case of the query, and
// whether or not it is spelled with Kazakh letters.
func TestListUsersFindsCyrillicNamesInAnyCase(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		newUser(t, db, "aigerim@example.kz", "Айгерім Серікқызы")
		for _, q := range []string{"айгер", "Айгер", "АЙГЕРІМ", "айгерим", "серикк"} {
			users, err := db.ListUsers(ctx, parasat.UserFilter{Query: q})
			if err != nil || len(users) != 1 {
				t.Errorf("search %q: %d users, %v; want Айгерім", q, len(users), err)
			}
		}
	})
}

func TestUpdateUserAndPasswordAreAudited(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := parasat.WithActor(context.Background(), parasat.Actor{Address: "198.51.100.4"})
		u := newUser(t, db, "erlan@example.kz", "Ерлан")
		other := newUser(t, db, "zhanar@example.kz", "Жанар")
		id := strconv.FormatInt(u.ID, 10)

		change := &parasat.User{ID: u.ID, Email: "erlan@example.kz", Name: "Ерлан Қасымов", Language: parasat.English}
		if err := db.UpdateUser(ctx, change); err != nil {
			t.Fatal(err)
		}
		change = &parasat.User{ID: u.ID, Email: " Erlan.K@Example.kz", Name: "Ерлан Қасымов", Language: parasat.English}
		if err := db.UpdateUser(ctx, change); err != nil {
			t.Fatal(err)
		}
		if err := db.UpdateUser(ctx, change); err != nil { // no change, no audit row
			t.Fatal(err)
		}
		got, _ := db.User(ctx, u.ID)
		if got.Email != "erlan.k@example.kz" || got.Name != "Ерлан Қасымов" || got.Language != parasat.English {
			t.Errorf("after update: %+v", got)
		}
		if _, err := db.UserByEmail(ctx, "ERLAN.K@example.kz"); err != nil {
			t.Errorf("by new e-mail: %v", err)
		}
		rows := auditRows(t, db, "user", id)
		if len(rows) != 3 {
			t.Fatalf("%d audit rows; want create and two updates: %+v", len(rows), rows)
		}
		if rows[1].before != `{"language":"kk","name":"Ерлан"}` || rows[1].after != `{"language":"en","name":"Ерлан Қасымов"}` ||
			rows[1].actorAddress != "198.51.100.4" {
			t.Errorf("first update audit = %+v", rows[1])
		}
		if rows[2].before != `{"email":"erlan@example.kz"}` || rows[2].after != `{"email":"erlan.k@example.kz"}` {
			t.Errorf("second update audit = %+v", rows[2])
		}

		taken := &parasat.User{ID: u.ID, Email: "ZHANAR@example.kz", Name: "Ерлан", Language: parasat.Kazakh}
		if err := db.UpdateUser(ctx, taken); parasat.ErrorCode(err) != parasat.EConflict || fieldOf(err) != "email:email.taken" {
			t.Errorf("e-mail of %d: %v; want conflict", other.ID, err)
		}
		bad := &parasat.User{ID: u.ID, Email: "not-an-address", Name: "", Language: "de"}
		if err := db.UpdateUser(ctx, bad); parasat.ErrorCode(err) != parasat.EInvalid {
			t.Errorf("invalid update: %v", err)
		}
		missing := &parasat.User{ID: u.ID + 100, Email: "ghost@example.kz", Name: "Ghost"}
		if err := db.UpdateUser(ctx, missing); parasat.ErrorCode(err) != parasat.ENotFound {
			t.Errorf("update of unknown account: %v", err)
		}

		const hash = "$argon2id$v=19$m=19456,t=2,p=1$c2VjcmV0LXNhbHQ$c2VjcmV0LWtleS1kby1ub3QtbG9n"
		if err := db.SetPasswordHash(ctx, u.ID, hash); err != nil {
			t.Fatal(err)
		}
		if h, _ := db.PasswordHash(ctx, u.ID); h != hash {
			t.Errorf("PasswordHash = %q", h)
		}
		rows = auditRows(t, db, "user", id)
		if len(rows) != 4 || rows[3].before != `{"password":"(previous)"}` || rows[3].after != `{"password":"(changed)"}` {
			t.Errorf("password audit = %+v", rows[len(rows)-1])
		}
		var n int
		if err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_log
			WHERE COALESCE(CAST(before AS TEXT), '') LIKE $1 OR COALESCE(CAST(after AS TEXT), '') LIKE $1`,
			"%c2VjcmV0%").Scan(&n); err != nil || n != 0 {
			t.Errorf("%d audit rows hold the hash (%v)", n, err)
		}
		if err := db.SetPasswordHash(ctx, u.ID+100, hash); parasat.ErrorCode(err) != parasat.ENotFound {
			t.Errorf("hash of unknown account: %v", err)
		}
	})
}
