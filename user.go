package parasat

import (
	"context"
	"net/mail"
	"strings"
	"time"
)

// User is an account that signs in to Parasat.
type User struct {
	ID       int64     `json:"id"`
	Email    string    `json:"email"`
	Name     string    `json:"name"`
	Role     Role      `json:"role"`
	Language Language  `json:"language"`
	Created  time.Time `json:"created_at"`
}

// Role says what an account may do. Scoped roles and their rules grow with
// the accounts issue; the foundation knows the national administrator.
type Role string

const RoleAdmin Role = "admin"

// Roles lists the roles known so far.
var Roles = []Role{RoleAdmin}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	for _, v := range Roles {
		if r == v {
			return true
		}
	}
	return false
}

// MinPasswordLength is the shortest password accepted.
const MinPasswordLength = 10

// Normalize trims the fields and lower-cases the e-mail, which is unique
// regardless of case.
func (u *User) Normalize() {
	u.Email = strings.ToLower(strings.TrimSpace(u.Email))
	u.Name = strings.TrimSpace(u.Name)
	if u.Language == "" {
		u.Language = Kazakh
	}
}

// Validate checks a user before it is stored.
func (u *User) Validate() error {
	var p Problems
	if a, err := mail.ParseAddress(u.Email); err != nil || a.Address != u.Email {
		p.Add("email", "email", "must be an e-mail address such as name@example.kz")
	}
	if u.Name == "" {
		p.Add("name", "required", "is required")
	}
	if !u.Role.Valid() {
		p.Add("role", "role", "must be one of: admin")
	}
	switch u.Language {
	case Kazakh, Russian, English:
	default:
		p.Add("language", "language", "must be kk, ru or en")
	}
	return p.Err()
}

// APIToken is a credential for Authorization: Bearer. Only its hash is
// stored; the secret is shown once, when it is created.
type APIToken struct {
	ID        int64      `json:"id"`
	UserID    int64      `json:"user_id"`
	Name      string     `json:"name"`
	Created   time.Time  `json:"created_at"`
	ExpiresAt *time.Time `json:"expires_at,omitempty"`
}

// UserService manages accounts and their API tokens.
type UserService interface {
	CreateUser(ctx context.Context, u *User, passwordHash string) error
	UserByEmail(ctx context.Context, email string) (*User, error)
	// CreateToken stores a new token for the user and returns its secret.
	CreateToken(ctx context.Context, t *APIToken) (secret string, err error)
	// Authenticate returns the user a token secret belongs to, or EUnauthorized.
	Authenticate(ctx context.Context, secret string) (*User, error)
}
