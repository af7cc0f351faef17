package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/parasat-kz/parasat"
)

var (
	_ parasat.SessionService       = (*DB)(nil)
	_ parasat.PasswordResetService = (*DB)(nil)
	_ parasat.ThrottleService      = (*DB)(nil)
)

// CreateSession stores a session and returns the secret for its cookie.
func (db *DB) CreateSession(ctx context.Context, s *parasat.Session) (string, error) {
	secret, hash, err := newSecret(sessionPrefix)
	if err != nil {
		return "", err
	}
	s.Created = db.now()
	s.LastSeen = s.Created
	_, err = db.write.ExecContext(ctx, `INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, address, user_agent)
		VALUES ($1, $2, $3, $3, $4, $5, $6)`, hash, s.UserID, s.Created, s.Expires.UTC(), s.Address, truncate(s.UserAgent, 300))
	if err != nil {
		return "", err
	}
	return secret, nil
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// Session returns the session of a secret.
func (db *DB) Session(ctx context.Context, secret string) (*parasat.Session, error) {
	var s parasat.Session
	err := db.read.QueryRowContext(ctx, `SELECT user_id, created_at, last_seen_at, expires_at, address, user_agent
		FROM sessions WHERE token_hash = $1`, hashSecret(secret)).
		Scan(&s.UserID, &s.Created, &s.LastSeen, &s.Expires, &s.Address, &s.UserAgent)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, parasat.Errorf(parasat.ENotFound, "no such session")
	}
	s.Created, s.LastSeen, s.Expires = s.Created.UTC(), s.LastSeen.UTC(), s.Expires.UTC()
	return &s, err
}

// TouchSession records activity, which keeps an idle session alive.
func (db *DB) TouchSession(ctx context.Context, secret string, at time.Time) error {
	_, err := db.write.ExecContext(ctx, "UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1",
		hashSecret(secret), at.UTC().Truncate(time.Microsecond))
	return err
}

// DeleteSession signs one browser out.
func (db *DB) DeleteSession(ctx context.Context, secret string) error {
	_, err := db.write.ExecContext(ctx, "DELETE FROM sessions WHERE token_hash = $1", hashSecret(secret))
	return err
}

// DeleteUserSessions signs an account out everywhere, except keep.
func (db *DB) DeleteUserSessions(ctx context.Context, userID int64, keep string) (int, error) {
	res, err := db.write.ExecContext(ctx, "DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2", userID, hashSecret(keep))
	if err != nil {
		return 0, err
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// CreatePasswordReset stores a one-time link secret for an account.
func (db *DB) CreatePasswordReset(ctx context.Context, userID int64, expires time.Time) (string, error) {
	secret, hash, err := newSecret(resetPrefix)
	if err != nil {
		return "", err
	}
	_, err = db.write.ExecContext(ctx, "INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
		hash, userID, db.now(), expires.UTC())
	if violates(err, foreignKeyViolation, "") {
		return "", parasat.Errorf(parasat.ENotFound, "account not found")
	}
	return secret, err
}

// UsePasswordReset sets a password from a one-time link, in one transaction
// with marking the link used and ending the account's sessions.
func (db *DB) UsePasswordReset(ctx context.Context, secret, passwordHash string) (int64, error) {
	var userID int64
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		now := db.now()
		err := tx.QueryRowContext(ctx, `UPDATE password_resets SET used_at = $2
			WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING user_id`,
			hashSecret(secret), now).Scan(&userID)
		if errors.Is(err, sql.ErrNoRows) {
			return &parasat.Error{Code: parasat.EInvalid, Message: "the link is unknown, used or expired",
				Fields: []parasat.FieldError{{Field: "token", Code: "reset.invalid", Message: "the link is unknown, already used or expired"}}}
		}
		if err != nil {
			return err
		}
		var deactivated sql.NullTime
		if err := tx.QueryRowContext(ctx, "SELECT deactivated_at FROM users WHERE id = $1", userID).Scan(&deactivated); err != nil {
			return err
		}
		if deactivated.Valid {
			return &parasat.Error{Code: parasat.EInvalid, Message: "the account is deactivated",
				Fields: []parasat.FieldError{{Field: "token", Code: "reset.invalid", Message: "the link is unknown, already used or expired"}}}
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM sessions WHERE user_id = $1", userID); err != nil {
			return err
		}
		return db.setPasswordHash(ctx, tx, userID, passwordHash)
	})
	return userID, err
}

// RecordSignInFailure counts a failed sign-in for key.
func (db *DB) RecordSignInFailure(ctx context.Context, key string, at, since time.Time) (int, error) {
	var n int
	err := db.write.QueryRowContext(ctx, `INSERT INTO signin_throttle (key, failures, last_failure) VALUES ($1, 1, $2)
		ON CONFLICT (key) DO UPDATE SET
			failures = CASE WHEN signin_throttle.last_failure < $3 THEN 1 ELSE signin_throttle.failures + 1 END,
			last_failure = $2
		RETURNING failures`, key, at.UTC(), since.UTC()).Scan(&n)
	return n, err
}

// LockSignIn refuses sign-in for key until the given time.
func (db *DB) LockSignIn(ctx context.Context, key string, until time.Time) error {
	_, err := db.write.ExecContext(ctx, "UPDATE signin_throttle SET locked_until = $2 WHERE key = $1", key, until.UTC())
	return err
}

// SignInLockedUntil returns the latest lock among the keys.
func (db *DB) SignInLockedUntil(ctx context.Context, keys ...string) (time.Time, error) {
	var latest time.Time
	for _, k := range keys {
		var until sql.NullTime
		err := db.read.QueryRowContext(ctx, "SELECT locked_until FROM signin_throttle WHERE key = $1", k).Scan(&until)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return time.Time{}, err
		}
		if until.Valid && until.Time.After(latest) {
			latest = until.Time.UTC()
		}
	}
	return latest, nil
}

// ClearSignInFailures forgets the failures of key after a good sign-in.
func (db *DB) ClearSignInFailures(ctx context.Context, key string) error {
	_, err := db.write.ExecContext(ctx, "DELETE FROM signin_throttle WHERE key = $1", key)
	return err
}
