package sqlstore

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/parasat-kz/parasat"
)

// Prefixes mark Parasat's secrets so that secret scanners can find leaked ones.
const (
	tokenPrefix   = "pst_"
	sessionPrefix = "pss_"
	resetPrefix   = "psr_"
)

// newSecret returns a random secret with a prefix and the hash to store.
func newSecret(prefix string) (secret, hash string, err error) {
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", "", err
	}
	secret = prefix + base64.RawURLEncoding.EncodeToString(raw)
	return secret, hashSecret(secret), nil
}

func hashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// CreateToken stores a new API token and returns its secret, which is never stored.
func (db *DB) CreateToken(ctx context.Context, t *parasat.APIToken) (string, error) {
	t.Name = strings.TrimSpace(t.Name)
	if len(t.Name) > 200 {
		return "", (&parasat.Problems{{Field: "name", Code: "too_long", Message: "must be at most 200 characters"}}).Err()
	}
	secret, hash, err := newSecret(tokenPrefix)
	if err != nil {
		return "", err
	}
	err = db.inTx(ctx, func(tx *sql.Tx) error {
		now := db.now()
		if t.ExpiresAt != nil && !t.ExpiresAt.After(now) {
			return (&parasat.Problems{{Field: "expires_at", Code: "expiry.past", Message: "must be in the future"}}).Err()
		}
		var expires any
		if t.ExpiresAt != nil {
			expires = t.ExpiresAt.UTC()
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO api_tokens (user_id, name, token_hash, created_at, expires_at)
			VALUES ($1, $2, $3, $4, $5) RETURNING id`, t.UserID, t.Name, hash, now, expires).Scan(&t.ID)
		if violates(err, foreignKeyViolation, "") {
			return parasat.Errorf(parasat.ENotFound, "account not found")
		}
		if err != nil {
			return fmt.Errorf("insert token: %w", err)
		}
		t.Created = now
		return db.audit(ctx, tx, "create", "api_token", strconv.FormatInt(t.ID, 10), "", nil, t)
	})
	if err != nil {
		return "", err
	}
	return secret, nil
}

// ListTokens returns an account's tokens, newest first, revoked ones too.
func (db *DB) ListTokens(ctx context.Context, userID int64) ([]parasat.APIToken, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, user_id, name, created_at, expires_at, revoked_at
		FROM api_tokens WHERE user_id = $1 ORDER BY id DESC`, userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []parasat.APIToken{}
	for rows.Next() {
		var (
			t                parasat.APIToken
			expires, revoked sql.NullTime
		)
		if err := rows.Scan(&t.ID, &t.UserID, &t.Name, &t.Created, &expires, &revoked); err != nil {
			return nil, err
		}
		t.Created = t.Created.UTC()
		t.ExpiresAt, t.RevokedAt = timePtr(expires), timePtr(revoked)
		out = append(out, t)
	}
	return out, rows.Err()
}

func timePtr(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	u := t.Time.UTC()
	return &u
}

// RevokeToken ends a token of the account at once.
func (db *DB) RevokeToken(ctx context.Context, userID, tokenID int64) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		now := db.now()
		res, err := tx.ExecContext(ctx, "UPDATE api_tokens SET revoked_at = $3 WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL",
			tokenID, userID, now)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return parasat.Errorf(parasat.ENotFound, "no such active token")
		}
		return db.audit(ctx, tx, "update", "api_token", strconv.FormatInt(tokenID, 10), "",
			map[string]any{"revoked_at": nil}, map[string]any{"revoked_at": now})
	})
}

// Authenticate returns the account a token secret belongs to when the token
// exists, is not revoked, has not expired and the account is active. The
// answer is remembered for AuthCacheTTL (see authcache.go).
func (db *DB) Authenticate(ctx context.Context, secret string) (*parasat.User, error) {
	hash, now := hashSecret(secret), db.now()
	u, gen := db.auth.get(hash, now)
	if u != nil {
		return u, nil
	}
	var (
		userID  int64
		expires sql.NullTime
	)
	err := db.readRow(ctx, `SELECT t.user_id, t.expires_at FROM api_tokens t JOIN users u ON u.id = t.user_id
		WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > $2)
		AND u.deactivated_at IS NULL`, hash, now).Scan(&userID, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, parasat.Errorf(parasat.EUnauthorized, "the API token is unknown, revoked or expired")
	}
	if err != nil {
		return nil, err
	}
	if u, err = db.User(ctx, userID); err != nil {
		return nil, err
	}
	until := now.Add(AuthCacheTTL)
	if expires.Valid && expires.Time.Before(until) {
		until = expires.Time
	}
	db.auth.put(hash, u, gen, until)
	return u, nil
}
