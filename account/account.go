// Package account signs people in and out and looks after their passwords:
// the rules of sign-in (throttling, expiry, rehashing) on top of the store's
// users, sessions and reset links.
package account

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/password"
)

// Store is what the service needs of the database.
type Store interface {
	parasat.UserService
	parasat.SessionService
	parasat.PasswordResetService
	parasat.ThrottleService
}

// Service signs people in. The zero durations take the defaults below.
type Service struct {
	Store  Store
	Logger *slog.Logger
	Now    func() time.Time

	IdleTimeout time.Duration // a session unused this long ends
	MaxAge      time.Duration // a session ends this long after sign-in, however used
	ResetTTL    time.Duration // a "forgot my password" link works this long
	InviteTTL   time.Duration // an invitation link works this long

	AccountThrottle parasat.ThrottlePolicy
	AddressThrottle parasat.ThrottlePolicy

	dummyOnce sync.Once
	dummyHash string
	dummyErr  error
}

// New returns a service with the default durations and throttles.
func New(store Store, logger *slog.Logger) *Service {
	return &Service{
		Store: store, Logger: logger, Now: time.Now,
		IdleTimeout: 2 * time.Hour, MaxAge: 12 * time.Hour,
		ResetTTL: time.Hour, InviteTTL: 7 * 24 * time.Hour,
		AccountThrottle: parasat.DefaultAccountThrottle,
		AddressThrottle: parasat.DefaultAddressThrottle,
	}
}

// ThrottledError says sign-in is locked for a while.
type ThrottledError struct{ Until time.Time }

func (e *ThrottledError) Error() string {
	return fmt.Sprintf("too many failed sign-ins; try again after %s", e.Until.Format(time.RFC3339))
}

// ErrWrongCredentials is the one answer to a wrong e-mail, a wrong password,
// a deactivated account or an account without a password, so that nobody
// learns which e-mails have accounts.
var ErrWrongCredentials = parasat.Errorf(parasat.EUnauthorized, "wrong e-mail or password")

// SignIn checks the credentials and, when they are right, opens a session
// and returns the secret for its cookie.
func (s *Service) SignIn(ctx context.Context, email, pw, address, userAgent string) (string, *parasat.User, error) {
	now := s.Now()
	email = strings.ToLower(strings.TrimSpace(email))
	accountKey, addressKey := "account:"+email, "address:"+address
	until, err := s.Store.SignInLockedUntil(ctx, accountKey, addressKey)
	if err != nil {
		return "", nil, err
	}
	if until.After(now) {
		return "", nil, &ThrottledError{Until: until}
	}
	u, hash, err := s.lookUp(ctx, email)
	if err != nil {
		return "", nil, err
	}
	ok, _ := password.Verify(pw, hash) // a malformed or dummy hash simply does not match
	if !ok || u == nil {
		if err := s.recordFailure(ctx, accountKey, s.AccountThrottle, now); err != nil {
			return "", nil, err
		}
		if err := s.recordFailure(ctx, addressKey, s.AddressThrottle, now); err != nil {
			return "", nil, err
		}
		s.Logger.Warn("sign-in failed", "address", address)
		return "", nil, ErrWrongCredentials
	}
	if err := s.Store.ClearSignInFailures(ctx, accountKey); err != nil {
		return "", nil, err
	}
	if password.NeedsRehash(hash) {
		if newHash, err := password.Hash(pw); err == nil {
			if err := s.Store.SetPasswordHash(parasat.WithActor(ctx, parasat.Actor{UserID: u.ID, Address: address}), u.ID, newHash); err != nil {
				return "", nil, err
			}
		}
	}
	secret, err := s.Store.CreateSession(ctx, &parasat.Session{
		UserID: u.ID, Expires: now.Add(s.MaxAge), Address: address, UserAgent: userAgent,
	})
	if err != nil {
		return "", nil, err
	}
	return secret, u, nil
}

// lookUp returns the active account with a password for email and its hash,
// or a nil account and a dummy hash, so that a missing account costs the same
// time to refuse as a wrong password.
func (s *Service) lookUp(ctx context.Context, email string) (*parasat.User, string, error) {
	s.dummyOnce.Do(func() { s.dummyHash, s.dummyErr = password.Hash("parasat-dummy-password") })
	if s.dummyErr != nil {
		return nil, "", s.dummyErr
	}
	u, err := s.Store.UserByEmail(ctx, email)
	if parasat.ErrorCode(err) == parasat.ENotFound {
		return nil, s.dummyHash, nil
	}
	if err != nil {
		return nil, "", err
	}
	hash, err := s.Store.PasswordHash(ctx, u.ID)
	if err != nil {
		return nil, "", err
	}
	if !u.Active() || hash == "" {
		return nil, s.dummyHash, nil
	}
	return u, hash, nil
}

func (s *Service) recordFailure(ctx context.Context, key string, p parasat.ThrottlePolicy, now time.Time) error {
	n, err := s.Store.RecordSignInFailure(ctx, key, now, now.Add(-p.Forget))
	if err != nil {
		return err
	}
	if lock := p.LockFor(n); lock > 0 {
		return s.Store.LockSignIn(ctx, key, now.Add(lock))
	}
	return nil
}

// ErrSessionExpired means the browser must sign in again.
var ErrSessionExpired = parasat.Errorf(parasat.EUnauthorized, "the session has expired")

// SessionUser returns the account of a session cookie's secret, ending the
// session when it has been idle or open too long.
func (s *Service) SessionUser(ctx context.Context, secret string) (*parasat.User, error) {
	sess, err := s.Store.Session(ctx, secret)
	if parasat.ErrorCode(err) == parasat.ENotFound {
		return nil, ErrSessionExpired
	}
	if err != nil {
		return nil, err
	}
	now := s.Now()
	if now.After(sess.Expires) || now.Sub(sess.LastSeen) > s.IdleTimeout {
		if err := s.Store.DeleteSession(ctx, secret); err != nil {
			return nil, err
		}
		return nil, ErrSessionExpired
	}
	u, err := s.Store.User(ctx, sess.UserID)
	if err != nil || !u.Active() {
		return nil, ErrSessionExpired
	}
	// Record activity at most once a minute: a write per page view is waste.
	if now.Sub(sess.LastSeen) > time.Minute {
		if err := s.Store.TouchSession(ctx, secret, now); err != nil {
			return nil, err
		}
	}
	return u, nil
}

// SignOut ends one session.
func (s *Service) SignOut(ctx context.Context, secret string) error {
	return s.Store.DeleteSession(ctx, secret)
}

// SignOutEverywhere ends every session of the account but keep's.
func (s *Service) SignOutEverywhere(ctx context.Context, userID int64, keep string) (int, error) {
	return s.Store.DeleteUserSessions(ctx, userID, keep)
}

// CheckNewPassword applies the password rules; field names the form field.
func CheckNewPassword(field, pw, confirm string) error {
	var p parasat.Problems
	switch {
	case len([]rune(pw)) < parasat.MinPasswordLength:
		p.Add(field, "password.short", fmt.Sprintf("must have at least %d characters", parasat.MinPasswordLength))
	case len(pw) > 1000:
		p.Add(field, "password.long", "must have at most 1000 characters")
	case pw != confirm:
		p.Add(field+"_confirm", "password.mismatch", "the two passwords differ")
	}
	return p.Err()
}

// ChangePassword sets a new password after checking the current one, and
// ends the account's other sessions.
func (s *Service) ChangePassword(ctx context.Context, userID int64, current, newPassword, confirm, keepSession string) error {
	hash, err := s.Store.PasswordHash(ctx, userID)
	if err != nil {
		return err
	}
	if ok, _ := password.Verify(current, hash); !ok {
		return (&parasat.Problems{{Field: "current", Code: "password.wrong", Message: "the current password is wrong"}}).Err()
	}
	if err := CheckNewPassword("new", newPassword, confirm); err != nil {
		return err
	}
	newHash, err := password.Hash(newPassword)
	if err != nil {
		return err
	}
	if err := s.Store.SetPasswordHash(ctx, userID, newHash); err != nil {
		return err
	}
	_, err = s.Store.DeleteUserSessions(ctx, userID, keepSession)
	return err
}

// The mails the service queues (templates of the mail package).
const (
	MailPasswordReset = "password_reset"
	MailInvitation    = "invitation"
)

// ResetMailInterval is the least time between two reset mails to one
// account: asking again sooner sends nothing, the first link still works.
const ResetMailInterval = 5 * time.Minute

// RequestReset mails a one-time link to set a new password to the account
// of email, in its language, and returns the link's secret (for tests) and
// the account. For an unknown or deactivated e-mail it returns "", nil and
// no error, and so it does when the account was sent a link less than
// ResetMailInterval ago: the caller answers the same either way.
func (s *Service) RequestReset(ctx context.Context, email string) (string, *parasat.User, error) {
	u, err := s.Store.UserByEmail(ctx, email)
	if parasat.ErrorCode(err) == parasat.ENotFound {
		return "", nil, nil
	}
	if err != nil {
		return "", nil, err
	}
	if !u.Active() {
		return "", nil, nil
	}
	now := s.Now()
	expires := now.Add(s.ResetTTL)
	key := fmt.Sprintf("password_reset:%d:%d", u.ID, now.Unix()/int64(ResetMailInterval/time.Second))
	secret, err := s.Store.MailPasswordReset(ctx, u.ID, expires, s.linkMail(u, MailPasswordReset, expires), key)
	if err != nil || secret == "" {
		return "", nil, err
	}
	return secret, u, nil
}

// linkMail is the mail of a set-password link to u.
func (s *Service) linkMail(u *parasat.User, template string, expires time.Time) parasat.Mail {
	return parasat.Mail{To: u.Email, Name: u.Name, Lang: u.Language, Template: template,
		Data: map[string]any{"expires": expires.UTC(), "email": u.Email}}
}

// Invite creates an account without a password and mails its owner a link
// to set one; it returns the link's secret, which the admin may hand over too.
func (s *Service) Invite(ctx context.Context, u *parasat.User) (string, error) {
	if err := s.Store.CreateUser(ctx, u, ""); err != nil {
		return "", err
	}
	expires := s.Now().Add(s.InviteTTL)
	return s.Store.MailPasswordReset(ctx, u.ID, expires, s.linkMail(u, MailInvitation, expires), "")
}

// ResetLink creates a set-password link for an existing account, for an
// admin to hand over while mail is not configured.
func (s *Service) ResetLink(ctx context.Context, userID int64) (string, error) {
	return s.Store.CreatePasswordReset(ctx, userID, s.Now().Add(s.ResetTTL))
}

// ResetPassword sets a password from a link; the link works once.
func (s *Service) ResetPassword(ctx context.Context, secret, newPassword, confirm string) (int64, error) {
	if err := CheckNewPassword("password", newPassword, confirm); err != nil {
		return 0, err
	}
	hash, err := password.Hash(newPassword)
	if err != nil {
		return 0, err
	}
	return s.Store.UsePasswordReset(ctx, secret, hash)
}

// IsThrottled reports whether err is a sign-in lock and until when.
func IsThrottled(err error) (time.Time, bool) {
	var te *ThrottledError
	if errors.As(err, &te) {
		return te.Until, true
	}
	return time.Time{}, false
}

// InviteVolunteer opens an account for the approved volunteer v, linked to
// their record, and mails them a link to set its password (see
// parasat.VolunteerAccounts); it returns the account and the link's secret
// ("" when an existing account of theirs was linked instead).
func (s *Service) InviteVolunteer(ctx context.Context, v *parasat.Volunteer) (*parasat.User, string, error) {
	store, ok := s.Store.(parasat.VolunteerAccounts)
	if !ok {
		return nil, "", fmt.Errorf("the store cannot open accounts for volunteers")
	}
	u := &parasat.User{Email: v.Email, Name: v.FullName, Language: parasat.PreferredLanguage(v.Languages)}
	expires := s.Now().Add(s.InviteTTL)
	secret, err := store.InviteVolunteer(ctx, v.ID, u, expires, s.linkMail(u, MailInvitation, expires))
	return u, secret, err
}
