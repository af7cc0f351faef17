package sqlstore

import (
	"context"
	"testing"
	"time"

	"github.com/parasat-kz/parasat"
)

// A database made by the first release (schema version 1, one role per
// account in users.role) is upgraded in place: its accounts keep their data
// and their role becomes a grant.
func TestUpgradeFromVersion1KeepsAccounts(t *testing.T) {
	for _, engine := range []Engine{SQLite, Postgres} {
		t.Run(string(engine), func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			db, err := Open(ctx, testConfig(t, engine))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			db.Now = func() time.Time { return fixedNow }
			p, err := db.provider()
			if err != nil {
				t.Fatal(err)
			}
			if _, err := p.UpTo(ctx, 1); err != nil {
				t.Fatalf("migrate to version 1: %v", err)
			}
			if current, _, err := db.SchemaVersion(ctx); current != 1 || err != nil {
				t.Fatalf("schema version %d, %v; want 1", current, err)
			}

			created := time.Date(2025, 1, 20, 8, 0, 0, 0, time.UTC)
			var adminID, volunteerID int64
			insert := `INSERT INTO users (email, name, role, language, password_hash, created_at)
				VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`
			if err := db.write.QueryRowContext(ctx, insert, "asel@example.kz", "Әсел Нұрланқызы", "admin", "ru",
				"$argon2id$legacy-hash", created).Scan(&adminID); err != nil {
				t.Fatal(err)
			}
			if err := db.write.QueryRowContext(ctx, insert, "timur@example.kz", "Тимур", "volunteer", "kk",
				"", created.Add(time.Hour)).Scan(&volunteerID); err != nil {
				t.Fatal(err)
			}
			const tokenSecret = "pst_made-by-version-1"
			if _, err := db.write.ExecContext(ctx, `INSERT INTO api_tokens (user_id, name, token_hash, created_at)
				VALUES ($1, 'old', $2, $3)`, adminID, hashSecret(tokenSecret), created); err != nil {
				t.Fatal(err)
			}

			applied, err := db.Migrate(ctx)
			if err != nil {
				t.Fatalf("upgrade: %v", err)
			}
			// Accounts made before search_text existed are found by a folded search.
			found, err := db.ListUsers(ctx, parasat.UserFilter{Query: "НУРЛАНКЫЗЫ"})
			if err != nil || len(found) != 1 || found[0].ID != adminID {
				t.Errorf("search for an upgraded account: %+v, %v", found, err)
			}
			current, known, err := db.SchemaVersion(ctx)
			prov, _ := db.provider()
			// Every migration after version 1 (numbers may have gaps while branches are merged).
			if err != nil || current != known || len(applied) != len(prov.ListSources())-1 || applied[0] != 2 {
				t.Errorf("after upgrade: applied %v, version %d of %d, %v", applied, current, known, err)
			}

			u, err := db.User(ctx, adminID)
			if err != nil {
				t.Fatal(err)
			}
			if u.Email != "asel@example.kz" || u.Name != "Әсел Нұрланқызы" || u.Language != parasat.Russian ||
				!u.Created.Equal(created) || !u.HasPassword || !u.Active() {
				t.Errorf("upgraded admin = %+v", u)
			}
			if len(u.Grants) != 1 || u.Grants[0].Role != parasat.RoleAdmin || u.Grants[0].Region != "" ||
				u.Grants[0].OrganisationID != nil || !u.Grants[0].Created.Equal(created) || !u.IsAdmin() {
				t.Errorf("upgraded admin's grants = %+v; want one admin grant", u.Grants)
			}
			if h, _ := db.PasswordHash(ctx, adminID); h != "$argon2id$legacy-hash" {
				t.Errorf("password hash after upgrade = %q", h)
			}
			if a, err := db.Authenticate(ctx, tokenSecret); err != nil || a.ID != adminID {
				t.Errorf("version 1 token after upgrade: %+v, %v", a, err)
			}
			v, err := db.UserByEmail(ctx, "TIMUR@example.kz")
			if err != nil || v.ID != volunteerID || v.HasPassword || len(v.Grants) != 1 || v.Grants[0].Role != parasat.RoleVolunteer {
				t.Errorf("upgraded volunteer = %+v, %v", v, err)
			}

			// The upgraded database takes new accounts, grants and sessions.
			fresh := newUser(t, db, "new@example.kz", "Жаңа", parasat.Grant{Role: parasat.RoleCoordinator, Region: "KZ-71"})
			if fresh.ID == adminID || fresh.ID == volunteerID {
				t.Errorf("new account reused id %d", fresh.ID)
			}
			if _, err := db.CreateSession(ctx, &parasat.Session{UserID: adminID, Expires: fixedNow.Add(time.Hour)}); err != nil {
				t.Errorf("session on the upgraded database: %v", err)
			}
			if regions, err := db.ListRegions(ctx); err != nil || len(regions) != 20 {
				t.Errorf("regions after upgrade: %d, %v", len(regions), err)
			}
			var columns int
			q := "SELECT COUNT(*) FROM pragma_table_info('users') WHERE name = 'role'"
			if engine == Postgres {
				q = "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'users' AND column_name = 'role'"
			}
			if err := db.read.QueryRowContext(ctx, q).Scan(&columns); err != nil || columns != 0 {
				t.Errorf("users.role still there (%d, %v)", columns, err)
			}
		})
	}
}
