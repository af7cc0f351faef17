package sqlstore

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/parasat-kz/parasat"
)

// dbText returns every text the tables hold, one string per row, so that a
// test can assert that a secret was stored nowhere.
func dbText(t *testing.T, db *DB) []string {
	t.Helper()
	var out []string
	for _, q := range []string{
		"SELECT name || ' ' || token_hash FROM api_tokens",
		"SELECT token_hash FROM sessions",
		"SELECT token_hash FROM password_resets",
		"SELECT entity || ' ' || COALESCE(CAST(before AS TEXT), '') || ' ' || COALESCE(CAST(after AS TEXT), '') FROM audit_log",
		"SELECT email || ' ' || name || ' ' || password_hash FROM users",
	} {
		rows, err := db.read.QueryContext(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			out = append(out, s)
		}
		rows.Close()
	}
	return out
}

func assertNowhere(t *testing.T, db *DB, secret string) {
	t.Helper()
	body := strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(secret, tokenPrefix), sessionPrefix), resetPrefix)
	for _, s := range dbText(t, db) {
		if strings.Contains(s, body) {
			t.Errorf("the secret %q is stored in the database: %q", secret, s)
		}
	}
}

func TestSetActiveEndsSessionsAndTokens(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		u := newUser(t, db, "aigerim@example.kz", "Айгерім", parasat.Grant{Role: parasat.RoleAdmin})
		token, err := db.CreateToken(ctx, &parasat.APIToken{UserID: u.ID, Name: "CI"})
		if err != nil {
			t.Fatal(err)
		}
		s1, _ := db.CreateSession(ctx, &parasat.Session{UserID: u.ID, Expires: fixedNow.Add(time.Hour)})
		s2, _ := db.CreateSession(ctx, &parasat.Session{UserID: u.ID, Expires: fixedNow.Add(time.Hour)})

		if err := db.SetActive(ctx, u.ID, false); err != nil {
			t.Fatal(err)
		}
		got, _ := db.User(ctx, u.ID)
		if got.Active() || got.Deactivated == nil || !got.Deactivated.Equal(fixedNow) {
			t.Errorf("deactivated at %v; want %v", got.Deactivated, fixedNow)
		}
		for _, s := range []string{s1, s2} {
			if _, err := db.Session(ctx, s); parasat.ErrorCode(err) != parasat.ENotFound {
				t.Errorf("session after deactivation: %v; want not found", err)
			}
		}
		if _, err := db.Authenticate(ctx, token); parasat.ErrorCode(err) != parasat.EUnauthorized {
			t.Errorf("token of a deactivated account: %v; want unauthorized", err)
		}
		if err := db.SetActive(ctx, u.ID, false); err != nil { // already so: nothing to record
			t.Fatal(err)
		}

		if err := db.SetActive(ctx, u.ID, true); err != nil {
			t.Fatal(err)
		}
		if a, err := db.Authenticate(ctx, token); err != nil || a.ID != u.ID || !a.Active() || !a.IsAdmin() {
			t.Errorf("token after reactivation: %+v, %v", a, err)
		}
		rows := auditRows(t, db, "user", strconv.FormatInt(u.ID, 10))
		if len(rows) != 3 || rows[1].before != `{"active":true}` || rows[1].after != `{"active":false}` ||
			rows[2].before != `{"active":false}` || rows[2].after != `{"active":true}` {
			t.Errorf("audit = %+v; want create, deactivate, reactivate", rows)
		}
		if err := db.SetActive(ctx, u.ID+100, false); parasat.ErrorCode(err) != parasat.ENotFound {
			t.Errorf("unknown account: %v", err)
		}
	})
}

func TestAPITokens(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		u := newUser(t, db, "bolat@example.kz", "Болат")
		other := newUser(t, db, "dana@example.kz", "Дана")
		expires := fixedNow.Add(24 * time.Hour)
		tok := &parasat.APIToken{UserID: u.ID, Name: "  Импорт  ", ExpiresAt: &expires}
		secret, err := db.CreateToken(ctx, tok)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(secret, "pst_") || len(secret) != 4+43 || tok.ID == 0 || tok.Name != "Импорт" || !tok.Created.Equal(fixedNow) {
			t.Errorf("CreateToken: %q, %+v", secret, tok)
		}
		second, err := db.CreateToken(ctx, &parasat.APIToken{UserID: u.ID, Name: "CI"})
		if err != nil || second == secret {
			t.Fatalf("second token %q, %v", second, err)
		}
		if a, err := db.Authenticate(ctx, secret); err != nil || a.ID != u.ID || a.Email != "bolat@example.kz" {
			t.Errorf("Authenticate = %+v, %v", a, err)
		}
		for _, bad := range []string{"", "pst_", secret + "x", strings.ToUpper(secret)} {
			if _, err := db.Authenticate(ctx, bad); parasat.ErrorCode(err) != parasat.EUnauthorized {
				t.Errorf("Authenticate(%q) = %v; want unauthorized", bad, err)
			}
		}

		db.Now = func() time.Time { return expires } // expiry is exclusive
		if _, err := db.Authenticate(ctx, secret); parasat.ErrorCode(err) != parasat.EUnauthorized {
			t.Errorf("token at its expiry: %v; want unauthorized", err)
		}
		if _, err := db.Authenticate(ctx, second); err != nil {
			t.Errorf("token without expiry: %v", err)
		}
		db.Now = func() time.Time { return expires.Add(-time.Second) }
		if _, err := db.Authenticate(ctx, secret); err != nil {
			t.Errorf("a second before expiry: %v", err)
		}
		db.Now = func() time.Time { return fixedNow }

		past := fixedNow.Add(-time.Minute)
		if _, err := db.CreateToken(ctx, &parasat.APIToken{UserID: u.ID, ExpiresAt: &past}); fieldOf(err) != "expires_at:expiry.past" {
			t.Errorf("expiry in the past: %v", err)
		}
		if _, err := db.CreateToken(ctx, &parasat.APIToken{UserID: u.ID, Name: strings.Repeat("x", 201)}); fieldOf(err) != "name:too_long" {
			t.Errorf("long name: %v", err)
		}
		if _, err := db.CreateToken(ctx, &parasat.APIToken{UserID: u.ID + 100}); parasat.ErrorCode(err) != parasat.ENotFound {
			t.Errorf("token of unknown account: %v; want not found", err)
		}

		if err := db.RevokeToken(ctx, other.ID, tok.ID); parasat.ErrorCode(err) != parasat.ENotFound {
			t.Errorf("revoke by another account: %v; want not found", err)
		}
		if _, err := db.Authenticate(ctx, secret); err != nil {
			t.Errorf("after a refused revoke: %v", err)
		}
		revokedAt := fixedNow.Add(time.Hour)
		db.Now = func() time.Time { return revokedAt }
		if err := db.RevokeToken(ctx, u.ID, tok.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Authenticate(ctx, secret); parasat.ErrorCode(err) != parasat.EUnauthorized {
			t.Errorf("revoked token: %v; want unauthorized", err)
		}
		if err := db.RevokeToken(ctx, u.ID, tok.ID); parasat.ErrorCode(err) != parasat.ENotFound {
			t.Errorf("revoking twice: %v; want not found", err)
		}

		list, err := db.ListTokens(ctx, u.ID)
		if err != nil || len(list) != 2 {
			t.Fatalf("ListTokens = %+v, %v", list, err)
		}
		if list[0].Name != "CI" || list[0].RevokedAt != nil || list[0].ExpiresAt != nil {
			t.Errorf("newest token = %+v", list[0])
		}
		if l := list[1]; l.ID != tok.ID || l.UserID != u.ID || l.RevokedAt == nil || !l.RevokedAt.Equal(revokedAt) ||
			l.ExpiresAt == nil || !l.ExpiresAt.Equal(expires) || !l.Created.Equal(fixedNow) {
			t.Errorf("revoked token = %+v", l)
		}
		if list, _ := db.ListTokens(ctx, other.ID); len(list) != 0 {
			t.Errorf("other account's tokens: %+v", list)
		}
		rows := auditRows(t, db, "api_token", strconv.FormatInt(tok.ID, 10))
		if len(rows) != 2 || rows[0].action != "create" || rows[1].before != `{"revoked_at":null}` ||
			rows[1].after != `{"revoked_at":"2026-03-15T10:30:00Z"}` {
			t.Errorf("token audit = %+v", rows)
		}
		assertNowhere(t, db, secret)
		assertNowhere(t, db, second)
	})
}

func TestSessions(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		u := newUser(t, db, "erlan@example.kz", "Ерлан")
		other := newUser(t, db, "zhanar@example.kz", "Жанар")
		expires := fixedNow.Add(12 * time.Hour)
		s := &parasat.Session{UserID: u.ID, Expires: expires, Address: "203.0.113.5", UserAgent: strings.Repeat("a", 400)}
		secret, err := db.CreateSession(ctx, s)
		if err != nil || !strings.HasPrefix(secret, "pss_") {
			t.Fatalf("CreateSession = %q, %v", secret, err)
		}
		got, err := db.Session(ctx, secret)
		if err != nil {
			t.Fatal(err)
		}
		if got.UserID != u.ID || !got.Created.Equal(fixedNow) || !got.LastSeen.Equal(fixedNow) || !got.Expires.Equal(expires) ||
			got.Address != "203.0.113.5" || got.UserAgent != strings.Repeat("a", 300) {
			t.Errorf("Session = %+v", got)
		}
		seen := fixedNow.Add(5*time.Minute + 123*time.Nanosecond)
		if err := db.TouchSession(ctx, secret, seen); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.Session(ctx, secret); !got.LastSeen.Equal(seen.Truncate(time.Microsecond)) || !got.Created.Equal(fixedNow) {
			t.Errorf("after touch: last seen %v created %v", got.LastSeen, got.Created)
		}
		if _, err := db.Session(ctx, "pss_unknown"); parasat.ErrorCode(err) != parasat.ENotFound {
			t.Errorf("unknown session: %v", err)
		}

		keep, _ := db.CreateSession(ctx, &parasat.Session{UserID: u.ID, Expires: expires})
		third, _ := db.CreateSession(ctx, &parasat.Session{UserID: u.ID, Expires: expires})
		others, _ := db.CreateSession(ctx, &parasat.Session{UserID: other.ID, Expires: expires})
		if n, err := db.DeleteUserSessions(ctx, u.ID, keep); n != 2 || err != nil {
			t.Errorf("DeleteUserSessions(keep) = %d, %v; want 2", n, err)
		}
		for s, alive := range map[string]bool{secret: false, third: false, keep: true, others: true} {
			if _, err := db.Session(ctx, s); (err == nil) != alive {
				t.Errorf("session alive = %v (%v); want %v", err == nil, err, alive)
			}
		}
		if n, err := db.DeleteUserSessions(ctx, u.ID, ""); n != 1 || err != nil {
			t.Errorf("DeleteUserSessions(\"\") = %d, %v; want 1", n, err)
		}
		if n, _ := db.DeleteUserSessions(ctx, u.ID, ""); n != 0 {
			t.Errorf("nothing left to delete, deleted %d", n)
		}
		if err := db.DeleteSession(ctx, others); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Session(ctx, others); parasat.ErrorCode(err) != parasat.ENotFound {
			t.Errorf("deleted session: %v", err)
		}
		assertNowhere(t, db, keep)
	})
}

func TestPasswordResets(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		u := newUser(t, db, "dana@example.kz", "Дана")
		s1, _ := db.CreateSession(ctx, &parasat.Session{UserID: u.ID, Expires: fixedNow.Add(time.Hour)})
		s2, _ := db.CreateSession(ctx, &parasat.Session{UserID: u.ID, Expires: fixedNow.Add(time.Hour)})
		link, err := db.CreatePasswordReset(ctx, u.ID, fixedNow.Add(time.Hour))
		if err != nil || !strings.HasPrefix(link, "psr_") {
			t.Fatalf("CreatePasswordReset = %q, %v", link, err)
		}
		assertNowhere(t, db, link)
		id, err := db.UsePasswordReset(ctx, link, "new-hash")
		if err != nil || id != u.ID {
			t.Fatalf("UsePasswordReset = %d, %v", id, err)
		}
		if h, _ := db.PasswordHash(ctx, u.ID); h != "new-hash" {
			t.Errorf("hash = %q; want new-hash", h)
		}
		for _, s := range []string{s1, s2} {
			if _, err := db.Session(ctx, s); parasat.ErrorCode(err) != parasat.ENotFound {
				t.Errorf("session after reset: %v; want ended", err)
			}
		}
		if _, err := db.UsePasswordReset(ctx, link, "third-hash"); parasat.ErrorCode(err) != parasat.EInvalid || fieldOf(err) != "token:reset.invalid" {
			t.Errorf("second use: %v; want invalid token", err)
		}
		if _, err := db.UsePasswordReset(ctx, "psr_unknown", "third-hash"); parasat.ErrorCode(err) != parasat.EInvalid {
			t.Errorf("unknown link: %v", err)
		}

		// An expired link changes nothing: not the hash, not the sessions, not the link.
		expiring, _ := db.CreatePasswordReset(ctx, u.ID, fixedNow.Add(time.Hour))
		s3, _ := db.CreateSession(ctx, &parasat.Session{UserID: u.ID, Expires: fixedNow.Add(3 * time.Hour)})
		db.Now = func() time.Time { return fixedNow.Add(time.Hour) }
		if _, err := db.UsePasswordReset(ctx, expiring, "late-hash"); parasat.ErrorCode(err) != parasat.EInvalid {
			t.Errorf("expired link: %v; want invalid", err)
		}
		if h, _ := db.PasswordHash(ctx, u.ID); h != "new-hash" {
			t.Errorf("hash after an expired link = %q; want unchanged", h)
		}
		if _, err := db.Session(ctx, s3); err != nil {
			t.Errorf("an expired link ended a session: %v", err)
		}
		db.Now = func() time.Time { return fixedNow.Add(time.Hour - time.Microsecond) }
		if _, err := db.UsePasswordReset(ctx, expiring, "in-time-hash"); err != nil {
			t.Errorf("the link just before its expiry: %v", err)
		}
		db.Now = func() time.Time { return fixedNow }

		// A deactivated account's link fails and changes nothing.
		dormant, _ := db.CreatePasswordReset(ctx, u.ID, fixedNow.Add(time.Hour))
		if err := db.SetActive(ctx, u.ID, false); err != nil {
			t.Fatal(err)
		}
		if _, err := db.UsePasswordReset(ctx, dormant, "dormant-hash"); parasat.ErrorCode(err) != parasat.EInvalid {
			t.Errorf("link of a deactivated account: %v; want invalid", err)
		}
		if h, _ := db.PasswordHash(ctx, u.ID); h != "in-time-hash" {
			t.Errorf("hash = %q; want in-time-hash", h)
		}
		if _, err := db.CreatePasswordReset(ctx, u.ID+100, fixedNow.Add(time.Hour)); parasat.ErrorCode(err) != parasat.ENotFound {
			t.Errorf("link for unknown account: %v; want not found", err)
		}
	})
}

func TestSignInThrottle(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		const key, address = "account:aigerim@example.kz", "address:192.0.2.1"
		record := func(k string, at time.Time) int {
			t.Helper()
			n, err := db.RecordSignInFailure(ctx, k, at, at.Add(-time.Hour))
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		for i, want := range []int{1, 2, 3} {
			if n := record(key, fixedNow.Add(time.Duration(i)*time.Minute)); n != want {
				t.Errorf("failure %d counted %d", i+1, n)
			}
		}
		if n := record(address, fixedNow); n != 1 {
			t.Errorf("another key counted %d; want 1", n)
		}
		// The last failure was at +2m; one more an hour and a minute later starts again.
		if n := record(key, fixedNow.Add(63*time.Minute)); n != 1 {
			t.Errorf("failure after the window counted %d; want 1", n)
		}
		if n := record(key, fixedNow.Add(64*time.Minute)); n != 2 {
			t.Errorf("next failure counted %d; want 2", n)
		}

		if until, err := db.SignInLockedUntil(ctx, key, address); !until.IsZero() || err != nil {
			t.Errorf("before any lock: %v, %v", until, err)
		}
		if err := db.LockSignIn(ctx, key, fixedNow.Add(30*time.Second)); err != nil {
			t.Fatal(err)
		}
		if err := db.LockSignIn(ctx, address, fixedNow.Add(5*time.Minute)); err != nil {
			t.Fatal(err)
		}
		until, err := db.SignInLockedUntil(ctx, key, address, "account:nobody@example.kz")
		if err != nil || !until.Equal(fixedNow.Add(5*time.Minute)) {
			t.Errorf("latest lock = %v, %v; want +5m", until, err)
		}
		if until, _ := db.SignInLockedUntil(ctx, key); !until.Equal(fixedNow.Add(30 * time.Second)) {
			t.Errorf("lock of %s = %v; want +30s", key, until)
		}
		if err := db.ClearSignInFailures(ctx, key); err != nil {
			t.Fatal(err)
		}
		if until, _ := db.SignInLockedUntil(ctx, key); !until.IsZero() {
			t.Errorf("lock after clearing = %v", until)
		}
		if n := record(key, fixedNow.Add(65*time.Minute)); n != 1 {
			t.Errorf("failure after clearing counted %d; want 1", n)
		}
		if until, _ := db.SignInLockedUntil(ctx, address); !until.Equal(fixedNow.Add(5 * time.Minute)) {
			t.Errorf("clearing one key changed another: %v", until)
		}
	})
}
