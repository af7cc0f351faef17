package account

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/argon2"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/internal/testdb"
	"github.com/parasat-kz/parasat/password"
	"github.com/parasat-kz/parasat/sqlstore"
)

func TestMain(m *testing.M) {
	testdb.AnnounceSkip()
	os.Exit(m.Run())
}

// env is a sign-in service on a fresh database; the service and the store
// share one clock, which only the test moves.
type env struct {
	db   *sqlstore.DB
	svc  *Service
	now  time.Time
	logs *bytes.Buffer
}

func (e *env) advance(d time.Duration) { e.now = e.now.Add(d) }

var start = time.Date(2026, 3, 15, 9, 30, 0, 0, time.UTC)

// forEachEngine runs test on SQLite and, when PARASAT_TEST_DATABASE_URL is
// set, on PostgreSQL.
func forEachEngine(t *testing.T, test func(t *testing.T, e *env)) {
	t.Helper()
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			t.Parallel()
			cfg := sqlstore.Config{DataDir: t.TempDir()}
			if engine == "postgres" {
				cfg = sqlstore.Config{DatabaseURL: testdb.PostgresURL(t)}
			}
			ctx := context.Background()
			db, err := sqlstore.Open(ctx, cfg)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			if _, err := db.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			e := &env{db: db, now: start, logs: &bytes.Buffer{}}
			e.svc = New(db, slog.New(slog.NewTextHandler(e.logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
			db.Now = func() time.Time { return e.now }
			e.svc.Now = func() time.Time { return e.now }
			test(t, e)
		})
	}
}

// user stores an active account with pw ("" for an invited account).
func (e *env) user(t *testing.T, email, pw string) *parasat.User {
	t.Helper()
	hash := ""
	if pw != "" {
		var err error
		if hash, err = password.Hash(pw); err != nil {
			t.Fatal(err)
		}
	}
	u := &parasat.User{Email: email, Name: "Тест " + email, Grants: []parasat.Grant{{Role: parasat.RoleVolunteer}}}
	if err := e.db.CreateUser(context.Background(), u, hash); err != nil {
		t.Fatal(err)
	}
	return u
}

func field(err error) string {
	var pe *parasat.Error
	if errors.As(err, &pe) && len(pe.Fields) > 0 {
		return pe.Fields[0].Field
	}
	return ""
}

const (
	rightPW = "Дұрыс құпия сөз 2026"
	wrongPW = "wrong-password-123"
)

func TestSignIn(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		u := e.user(t, "aigerim@example.kz", rightPW)
		secret, got, err := e.svc.SignIn(ctx, " AIGERIM@Example.kz ", rightPW, "192.0.2.1", "Firefox")
		if err != nil || !strings.HasPrefix(secret, "pss_") || got == nil || got.ID != u.ID || got.Email != u.Email {
			t.Fatalf("SignIn = %q, %+v, %v", secret, got, err)
		}
		s, err := e.db.Session(ctx, secret)
		if err != nil || s.UserID != u.ID || s.Address != "192.0.2.1" || s.UserAgent != "Firefox" ||
			!s.Created.Equal(start) || !s.Expires.Equal(start.Add(e.svc.MaxAge)) {
			t.Errorf("session = %+v, %v", s, err)
		}

		gone := e.user(t, "gone@example.kz", rightPW)
		if err := e.db.SetActive(ctx, gone.ID, false); err != nil {
			t.Fatal(err)
		}
		e.user(t, "invited@example.kz", "")
		for _, c := range []struct{ name, email, pw string }{
			{"wrong password", "aigerim@example.kz", wrongPW},
			{"empty password", "aigerim@example.kz", ""},
			{"unknown e-mail", "nobody@example.kz", rightPW},
			{"deactivated account", "gone@example.kz", rightPW},
			{"invited account without password", "invited@example.kz", ""},
			{"invited account, any password", "invited@example.kz", rightPW},
		} {
			secret, u, err := e.svc.SignIn(ctx, c.email, c.pw, "192.0.2.2", "curl")
			if err != ErrWrongCredentials || !errors.Is(err, ErrWrongCredentials) || secret != "" || u != nil {
				t.Errorf("%s: %q, %v, %v; want exactly ErrWrongCredentials", c.name, secret, u, err)
			}
		}
	})
}

func TestBruteForceIsSlowedDown(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		e.user(t, "bolat@example.kz", rightPW)
		const addr = "198.51.100.7"
		fail := func(n int) {
			t.Helper()
			if _, _, err := e.svc.SignIn(ctx, "bolat@example.kz", wrongPW, addr, ""); err != ErrWrongCredentials {
				t.Fatalf("failure %d: %v; want ErrWrongCredentials", n, err)
			}
		}
		for i := 1; i <= 4; i++ {
			fail(i)
		}
		if _, _, err := e.svc.SignIn(ctx, "bolat@example.kz", wrongPW, addr, ""); err != ErrWrongCredentials {
			t.Fatalf("5th failure: %v", err)
		}
		// Doubling locks, each waited out and followed by one more failure.
		for i, lock := range []time.Duration{30 * time.Second, time.Minute, 2 * time.Minute, 4 * time.Minute,
			8 * time.Minute, 15 * time.Minute, 15 * time.Minute} {
			for _, from := range []string{addr, "203.0.113.99"} { // the account is locked from anywhere
				_, _, err := e.svc.SignIn(ctx, "bolat@example.kz", rightPW, from, "")
				until, ok := IsThrottled(err)
				if !ok || !until.Equal(e.now.Add(lock)) {
					t.Fatalf("lock %d from %s: %v (until %v); want throttled until now+%v", i, from, err, until, lock)
				}
			}
			e.advance(lock - time.Second)
			if _, ok := IsThrottled(func() error { _, _, err := e.svc.SignIn(ctx, "bolat@example.kz", rightPW, addr, ""); return err }()); !ok {
				t.Fatalf("lock %d ended a second early", i)
			}
			e.advance(2 * time.Second)
			if i < 6 {
				fail(6 + i)
			}
		}
		// The longest lock, MaxLock, has passed: the right password gets in
		// and the count starts again.
		if _, u, err := e.svc.SignIn(ctx, "bolat@example.kz", rightPW, addr, ""); err != nil || u == nil {
			t.Fatalf("after waiting out MaxLock: %v", err)
		}
		for i := 1; i <= 4; i++ {
			fail(i)
		}
		if _, _, err := e.svc.SignIn(ctx, "bolat@example.kz", rightPW, addr, ""); err != nil {
			t.Errorf("4 failures after a good sign-in locked the account: %v", err)
		}
	})
}

func TestOneAddressTryingManyAccountsIsLocked(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		e.user(t, "dana@example.kz", rightPW)
		const attacker = "192.0.2.66"
		for i := 1; i <= 21; i++ {
			email := "victim" + strconv.Itoa(i) + "@example.kz"
			if _, _, err := e.svc.SignIn(ctx, email, wrongPW, attacker, ""); err != ErrWrongCredentials {
				t.Fatalf("failure %d: %v", i, err)
			}
		}
		until, ok := IsThrottled(func() error { _, _, err := e.svc.SignIn(ctx, "dana@example.kz", rightPW, attacker, ""); return err }())
		if !ok || !until.Equal(start.Add(time.Minute)) {
			t.Errorf("22nd sign-in from the address: throttled %v until %v; want until +1m", ok, until)
		}
		if _, _, err := e.svc.SignIn(ctx, "dana@example.kz", rightPW, "192.0.2.67", ""); err != nil {
			t.Errorf("the same account from another address: %v", err)
		}
	})
}

func TestSignInRehashesWeakHashes(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		salt := make([]byte, 16)
		_, _ = rand.Read(salt)
		key := argon2.IDKey([]byte(rightPW), salt, 1, 8192, 1, 32)
		b64 := base64.RawStdEncoding
		weak := fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, 8192, 1, 1, b64.EncodeToString(salt), b64.EncodeToString(key))
		if !password.NeedsRehash(weak) {
			t.Fatal("the weak test hash does not need a rehash")
		}
		u := &parasat.User{Email: "erlan@example.kz", Name: "Ерлан"}
		if err := e.db.CreateUser(ctx, u, weak); err != nil {
			t.Fatal(err)
		}
		if _, _, err := e.svc.SignIn(ctx, "erlan@example.kz", rightPW, "192.0.2.3", ""); err != nil {
			t.Fatalf("sign-in with a weak hash: %v", err)
		}
		stored, _ := e.db.PasswordHash(ctx, u.ID)
		if stored == weak || password.NeedsRehash(stored) || !strings.HasPrefix(stored, "$argon2id$v=19$m=19456,t=2,p=1$") {
			t.Errorf("stored hash %q; want the current parameters", stored)
		}
		if ok, err := password.Verify(rightPW, stored); !ok || err != nil {
			t.Errorf("new hash does not verify: %v", err)
		}
		if _, _, err := e.svc.SignIn(ctx, "erlan@example.kz", rightPW, "192.0.2.3", ""); err != nil {
			t.Errorf("sign-in after rehash: %v", err)
		}
		if again, _ := e.db.PasswordHash(ctx, u.ID); again != stored {
			t.Error("a current hash was rehashed again")
		}
		entries, err := e.db.ListAudit(ctx, parasat.AuditFilter{Entity: "user", EntityID: strconv.FormatInt(u.ID, 10)})
		var after map[string]string
		if len(entries) > 0 {
			_ = json.Unmarshal(entries[0].After, &after)
		}
		if err != nil || len(entries) != 2 || entries[0].ActorUserID == nil || *entries[0].ActorUserID != u.ID ||
			after["password"] != "(changed)" || len(after) != 1 || entries[0].ActorAddress != "192.0.2.3" {
			t.Errorf("audit of the rehash = %+v, %v", entries, err)
		}
	})
}

func TestSessionUserExpiry(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		u := e.user(t, "zhanar@example.kz", rightPW)
		signIn := func() string {
			t.Helper()
			secret, _, err := e.svc.SignIn(ctx, "zhanar@example.kz", rightPW, "192.0.2.4", "")
			if err != nil {
				t.Fatal(err)
			}
			return secret
		}
		idle := signIn()
		if got, err := e.svc.SessionUser(ctx, idle); err != nil || got.ID != u.ID {
			t.Fatalf("right after sign-in: %+v, %v", got, err)
		}
		e.advance(e.svc.IdleTimeout)
		if _, err := e.svc.SessionUser(ctx, idle); err != nil {
			t.Errorf("idle exactly IdleTimeout: %v; want still signed in", err)
		}
		// That use was activity; IdleTimeout more without any ends the session.
		e.advance(e.svc.IdleTimeout + time.Second)
		if _, err := e.svc.SessionUser(ctx, idle); err != ErrSessionExpired {
			t.Errorf("after IdleTimeout idle: %v; want ErrSessionExpired", err)
		}
		if _, err := e.db.Session(ctx, idle); parasat.ErrorCode(err) != parasat.ENotFound {
			t.Errorf("the idle session was not deleted: %v", err)
		}

		busy, began := signIn(), e.now
		uses := 0
		for e.now.Add(e.svc.IdleTimeout/2).Sub(began) <= e.svc.MaxAge {
			e.advance(e.svc.IdleTimeout / 2)
			if _, err := e.svc.SessionUser(ctx, busy); err != nil {
				t.Fatalf("use at +%v: %v", e.now.Sub(began), err)
			}
			uses++
		}
		if s, _ := e.db.Session(ctx, busy); uses != 12 || s == nil || !s.LastSeen.Equal(e.now) {
			t.Errorf("%d uses, session %+v; want 12 and last seen now", uses, s)
		}
		e.advance(time.Minute + time.Second)
		if _, err := e.svc.SessionUser(ctx, busy); err != ErrSessionExpired {
			t.Errorf("after MaxAge with activity: %v; want ErrSessionExpired", err)
		}

		// A deactivated account's session ends even if the row survived.
		gone := signIn()
		if err := e.db.SetActive(ctx, u.ID, false); err != nil {
			t.Fatal(err)
		}
		if _, err := e.svc.SessionUser(ctx, gone); err != ErrSessionExpired {
			t.Errorf("deactivated account: %v; want ErrSessionExpired", err)
		}
		survivor, err := e.db.CreateSession(ctx, &parasat.Session{UserID: u.ID, Expires: e.now.Add(time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.svc.SessionUser(ctx, survivor); err != ErrSessionExpired {
			t.Errorf("session row of a deactivated account: %v; want ErrSessionExpired", err)
		}
		if _, err := e.svc.SessionUser(ctx, "pss_unknown"); err != ErrSessionExpired {
			t.Errorf("unknown session: %v", err)
		}
	})
}

func TestChangePassword(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		u := e.user(t, "murat@example.kz", rightPW)
		var secrets []string
		for range 3 {
			s, _, err := e.svc.SignIn(ctx, "murat@example.kz", rightPW, "192.0.2.5", "")
			if err != nil {
				t.Fatal(err)
			}
			secrets = append(secrets, s)
		}
		const newPW = "Жаңа құпия сөз 2027"
		for _, c := range []struct{ current, pw, confirm, field string }{
			{wrongPW, newPW, newPW, "current"},
			{rightPW, newPW, newPW + "!", "new_confirm"},
			{rightPW, "short", "short", "new"},
		} {
			err := e.svc.ChangePassword(ctx, u.ID, c.current, c.pw, c.confirm, secrets[0])
			if parasat.ErrorCode(err) != parasat.EInvalid || field(err) != c.field {
				t.Errorf("ChangePassword(%q, %q, %q): %v; want invalid %s", c.current, c.pw, c.confirm, err, c.field)
			}
		}
		for _, s := range secrets {
			if _, err := e.svc.SessionUser(ctx, s); err != nil {
				t.Errorf("a refused change ended a session: %v", err)
			}
		}
		if err := e.svc.ChangePassword(ctx, u.ID, rightPW, newPW, newPW, secrets[0]); err != nil {
			t.Fatal(err)
		}
		for i, s := range secrets {
			if _, err := e.svc.SessionUser(ctx, s); (err == nil) != (i == 0) {
				t.Errorf("session %d after the change: %v", i, err)
			}
		}
		if _, _, err := e.svc.SignIn(ctx, "murat@example.kz", rightPW, "192.0.2.5", ""); err != ErrWrongCredentials {
			t.Errorf("old password: %v", err)
		}
		if _, _, err := e.svc.SignIn(ctx, "murat@example.kz", newPW, "192.0.2.5", ""); err != nil {
			t.Errorf("new password: %v", err)
		}
	})
}

func TestInviteAndResetPassword(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		link, err := e.svc.Invite(ctx, &parasat.User{Email: "Timur@Example.kz", Name: "Тимур",
			Grants: []parasat.Grant{{Role: parasat.RoleCoordinator, Region: "KZ-71"}}})
		if err != nil || !strings.HasPrefix(link, "psr_") {
			t.Fatalf("Invite = %q, %v", link, err)
		}
		if _, _, err := e.svc.SignIn(ctx, "timur@example.kz", "", "192.0.2.6", ""); err != ErrWrongCredentials {
			t.Errorf("sign-in before setting a password: %v", err)
		}
		if _, err := e.svc.ResetPassword(ctx, link, rightPW, rightPW+"x"); field(err) != "password_confirm" {
			t.Errorf("mismatched confirmation: %v", err)
		}
		e.advance(e.svc.InviteTTL - time.Minute)
		id, err := e.svc.ResetPassword(ctx, link, rightPW, rightPW)
		if err != nil {
			t.Fatalf("ResetPassword: %v", err)
		}
		_, u, err := e.svc.SignIn(ctx, "timur@example.kz", rightPW, "192.0.2.6", "")
		if err != nil || u.ID != id || len(u.CoordinatedRegions()) != 1 {
			t.Errorf("sign-in after setting the password: %+v, %v", u, err)
		}
		if _, err := e.svc.ResetPassword(ctx, link, "Another password 1", "Another password 1"); parasat.ErrorCode(err) != parasat.EInvalid {
			t.Errorf("the link used twice: %v; want invalid", err)
		}

		reset, who, err := e.svc.RequestReset(ctx, "TIMUR@example.kz")
		if err != nil || who == nil || who.ID != id || !strings.HasPrefix(reset, "psr_") {
			t.Fatalf("RequestReset = %q, %+v, %v", reset, who, err)
		}
		e.advance(e.svc.ResetTTL + time.Second)
		if _, err := e.svc.ResetPassword(ctx, reset, "Too late password", "Too late password"); parasat.ErrorCode(err) != parasat.EInvalid {
			t.Errorf("expired reset link: %v", err)
		}
		if s, u, err := e.svc.RequestReset(ctx, "nobody@example.kz"); s != "" || u != nil || err != nil {
			t.Errorf("reset for an unknown e-mail = %q, %v, %v; want nothing", s, u, err)
		}
	})
}

func TestPasswordsNeverLogged(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		e.user(t, "asel@example.kz", rightPW)
		for _, pw := range []string{wrongPW, "another-wrong-secret", rightPW} {
			_, _, _ = e.svc.SignIn(ctx, "asel@example.kz", pw, "192.0.2.8", "")
			_, _, _ = e.svc.SignIn(ctx, "nobody@example.kz", pw, "192.0.2.8", "")
		}
		logs := e.logs.String()
		if !strings.Contains(logs, "sign-in failed") {
			t.Errorf("failed sign-ins were not logged: %q", logs)
		}
		for _, pw := range []string{wrongPW, "another-wrong-secret", rightPW} {
			if strings.Contains(logs, pw) {
				t.Errorf("the log holds the password %q: %s", pw, logs)
			}
		}
	})
}
