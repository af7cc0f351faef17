package parasat

import (
	"context"
	"time"
)

// Session is a signed-in browser. The cookie holds a secret; the database
// holds only its hash, so several server processes share sessions and a
// stolen database does not give away live sessions.
type Session struct {
	UserID    int64
	Created   time.Time
	LastSeen  time.Time
	Expires   time.Time // absolute expiry, however active the session is
	Address   string
	UserAgent string
}

// SessionService stores sessions.
type SessionService interface {
	CreateSession(ctx context.Context, s *Session) (secret string, err error)
	// Session returns the session of a secret, or ENotFound.
	Session(ctx context.Context, secret string) (*Session, error)
	TouchSession(ctx context.Context, secret string, at time.Time) error
	DeleteSession(ctx context.Context, secret string) error
	// DeleteUserSessions ends every session of a user except the one whose
	// secret is keep ("" ends them all) and returns how many ended.
	DeleteUserSessions(ctx context.Context, userID int64, keep string) (int, error)
}

// PasswordResetService keeps one-time links that set a password, used both
// for "forgot my password" and for inviting a new account.
type PasswordResetService interface {
	CreatePasswordReset(ctx context.Context, userID int64, expires time.Time) (secret string, err error)
	// MailPasswordReset creates a link like CreatePasswordReset and, in the
	// same transaction, queues the mail m with the link's secret in
	// m.Data["token"]. When key is not empty and a job with that key is
	// kept already, it creates and queues nothing and returns "".
	MailPasswordReset(ctx context.Context, userID int64, expires time.Time, m Mail, key string) (secret string, err error)
	// UsePasswordReset sets the password of the link's account, marks the
	// link used and ends the account's sessions, all at once; an unknown,
	// used or expired link is EInvalid and changes nothing.
	UsePasswordReset(ctx context.Context, secret, passwordHash string) (userID int64, err error)
}

// ThrottleService counts failed sign-ins per key ("account:…", "address:…").
type ThrottleService interface {
	// RecordSignInFailure counts one failure and returns the count, which
	// starts again at 1 when the previous failure is older than since.
	RecordSignInFailure(ctx context.Context, key string, at, since time.Time) (failures int, err error)
	LockSignIn(ctx context.Context, key string, until time.Time) error
	// SignInLockedUntil returns the latest lock of any of the keys (zero when none).
	SignInLockedUntil(ctx context.Context, keys ...string) (time.Time, error)
	ClearSignInFailures(ctx context.Context, key string) error
}

// ThrottlePolicy says how repeated failures slow sign-in down: a few are
// free, then each failure locks the key for twice as long as the one before,
// up to MaxLock, so an attacker is slowed to a crawl but a real person is
// never locked out for longer than MaxLock.
type ThrottlePolicy struct {
	FreeFailures int           // failures before any lock
	FirstLock    time.Duration // lock after the first failure beyond the free ones
	MaxLock      time.Duration
	Forget       time.Duration // failures older than this are forgotten
}

// DefaultAccountThrottle protects one account.
var DefaultAccountThrottle = ThrottlePolicy{FreeFailures: 4, FirstLock: 30 * time.Second, MaxLock: 15 * time.Minute, Forget: time.Hour}

// DefaultAddressThrottle protects against one address trying many accounts.
var DefaultAddressThrottle = ThrottlePolicy{FreeFailures: 20, FirstLock: time.Minute, MaxLock: 15 * time.Minute, Forget: time.Hour}

// LockFor returns how long to lock after the given number of failures.
func (p ThrottlePolicy) LockFor(failures int) time.Duration {
	if failures <= p.FreeFailures {
		return 0
	}
	lock := p.FirstLock
	for i := p.FreeFailures + 1; i < failures && lock < p.MaxLock; i++ {
		lock *= 2
	}
	return min(lock, p.MaxLock)
}
