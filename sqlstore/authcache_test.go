package sqlstore

import (
	"context"
	"testing"
	"time"

	"github.com/parasat-kz/parasat"
)

// The accounts of API tokens are remembered for a moment (authcache.go);
// every change of an account, its roles or its tokens through the store
// still takes effect at the next request, and a change made behind the
// store's back (another process) within AuthCacheTTL.
func TestTokenChangesTakeEffectDespiteTheCache(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		u := newUser(t, db, "kairat@example.kz", "Қайрат", parasat.Grant{Role: parasat.RoleCoordinator, Region: "KZ-71"})
		tok := &parasat.APIToken{UserID: u.ID, Name: "gateway"}
		secret, err := db.CreateToken(ctx, tok)
		if err != nil {
			t.Fatal(err)
		}
		auth := func() (*parasat.User, error) { t.Helper(); return db.Authenticate(ctx, secret) }
		a, err := auth()
		if err != nil || len(a.Grants) != 1 {
			t.Fatalf("Authenticate = %+v, %v", a, err)
		}
		a.Grants[0].Region = "KZ-75" // a caller changing its copy changes nobody else's
		if b, _ := auth(); b.Grants[0].Region != "KZ-71" {
			t.Errorf("the cached account was changed through a copy: %+v", b.Grants)
		}
		// A role revoked is gone at the next request.
		if err := db.RevokeRole(ctx, u.ID, u.Grants[0].ID); err != nil {
			t.Fatal(err)
		}
		if b, err := auth(); err != nil || len(b.Grants) != 0 {
			t.Errorf("after revoking the role: %+v, %v", b, err)
		}
		// A deactivated account and a revoked token are refused at once.
		if err := db.SetActive(ctx, u.ID, false); err != nil {
			t.Fatal(err)
		}
		if _, err := auth(); parasat.ErrorCode(err) != parasat.EUnauthorized {
			t.Errorf("a deactivated account: %v; want unauthorized", err)
		}
		if err := db.SetActive(ctx, u.ID, true); err != nil {
			t.Fatal(err)
		}
		if _, err := auth(); err != nil {
			t.Fatalf("reactivated: %v", err)
		}
		if err := db.RevokeToken(ctx, u.ID, tok.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := auth(); parasat.ErrorCode(err) != parasat.EUnauthorized {
			t.Errorf("a revoked token: %v; want unauthorized", err)
		}
		// Revoked by another process, behind this store's back: remembered
		// until the moment is over, then refused.
		second, err := db.CreateToken(ctx, &parasat.APIToken{UserID: u.ID, Name: "second"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Authenticate(ctx, second); err != nil {
			t.Fatal(err)
		}
		if _, err := db.write.ExecContext(ctx, "UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2", fixedNow, u.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Authenticate(ctx, second); err != nil {
			t.Errorf("within the moment the cache trusts it: %v", err)
		}
		db.Now = func() time.Time { return fixedNow.Add(AuthCacheTTL) }
		if _, err := db.Authenticate(ctx, second); parasat.ErrorCode(err) != parasat.EUnauthorized {
			t.Errorf("%s after a revocation by another process: %v; want unauthorized", AuthCacheTTL, err)
		}
	})
}
