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

	"github.com/parasat-kz/parasat"
)

var _ parasat.UserService = (*DB)(nil)

// CreateUser stores a new account with an already hashed password.
func (db *DB) CreateUser(ctx context.Context, u *parasat.User, passwordHash string) error {
	u.Normalize()
	if err := u.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		now := db.now()
		err := tx.QueryRowContext(ctx, `INSERT INTO users (email, name, role, language, password_hash, created_at)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
			u.Email, u.Name, u.Role, u.Language, passwordHash, now).Scan(&u.ID)
		if violates(err, uniqueViolation, "email") {
			return &parasat.Error{Code: parasat.EConflict, Message: "account exists",
				Fields: []parasat.FieldError{{Field: "email", Code: "email.taken", Message: "an account with this e-mail already exists"}}}
		}
		if err != nil {
			return fmt.Errorf("insert user: %w", err)
		}
		u.Created = now
		// The audit row never holds the password hash.
		return db.audit(ctx, tx, "create", "user", strconv.FormatInt(u.ID, 10), nil, u)
	})
}

const userColumns = "id, email, name, role, language, created_at"

func scanUser(row interface{ Scan(...any) error }) (*parasat.User, error) {
	var u parasat.User
	if err := row.Scan(&u.ID, &u.Email, &u.Name, &u.Role, &u.Language, &u.Created); err != nil {
		return nil, err
	}
	u.Created = u.Created.UTC()
	return &u, nil
}

// UserByEmail finds an account by e-mail, ignoring case.
func (db *DB) UserByEmail(ctx context.Context, email string) (*parasat.User, error) {
	u, err := scanUser(db.read.QueryRowContext(ctx, "SELECT "+userColumns+" FROM users WHERE email = $1",
		strings.ToLower(strings.TrimSpace(email))))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, parasat.Errorf(parasat.ENotFound, "no account with e-mail %s", email)
	}
	return u, err
}

// tokenPrefix marks Parasat's secrets so that secret scanners can find leaked ones.
const tokenPrefix = "pst_"

func hashToken(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// CreateToken stores a new API token and returns its secret, which is never stored.
func (db *DB) CreateToken(ctx context.Context, t *parasat.APIToken) (string, error) {
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", err
	}
	secret := tokenPrefix + base64.RawURLEncoding.EncodeToString(raw)
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		now := db.now()
		var expires any
		if t.ExpiresAt != nil {
			expires = t.ExpiresAt.UTC()
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO api_tokens (user_id, name, token_hash, created_at, expires_at)
			VALUES ($1, $2, $3, $4, $5) RETURNING id`, t.UserID, t.Name, hashToken(secret), now, expires).Scan(&t.ID)
		if violates(err, foreignKeyViolation, "") {
			return parasat.Errorf(parasat.ENotFound, "user %d not found", t.UserID)
		}
		if err != nil {
			return fmt.Errorf("insert token: %w", err)
		}
		t.Created = now
		return db.audit(ctx, tx, "create", "api_token", strconv.FormatInt(t.ID, 10), nil, t)
	})
	if err != nil {
		return "", err
	}
	return secret, nil
}

// Authenticate returns the account a token secret belongs to when the token
// exists, is not revoked and has not expired.
func (db *DB) Authenticate(ctx context.Context, secret string) (*parasat.User, error) {
	u, err := scanUser(db.read.QueryRowContext(ctx, `SELECT u.id, u.email, u.name, u.role, u.language, u.created_at
		FROM api_tokens t JOIN users u ON u.id = t.user_id
		WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > $2)`,
		hashToken(secret), db.now()))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, parasat.Errorf(parasat.EUnauthorized, "the API token is unknown, revoked or expired")
	}
	return u, err
}
