package parasat

import (
	"context"
	"net/mail"
	"strings"
	"time"
)

// User is an account that signs in to Parasat.
type User struct {
	ID       int64    `json:"id"`
	Email    string   `json:"email"`
	Name     string   `json:"name"`
	Language Language `json:"language"`
	// Grants are the roles the account holds; a new account may have none yet.
	Grants      []Grant    `json:"grants"`
	Deactivated *time.Time `json:"deactivated_at,omitempty"`
	// HasPassword is false for an invited account that has not set one yet.
	HasPassword bool      `json:"has_password"`
	Created     time.Time `json:"created_at"`
}

// Active reports whether the account may sign in and use its tokens.
func (u *User) Active() bool { return u.Deactivated == nil }

// Has reports whether the account holds role in any scope.
func (u *User) Has(role Role) bool {
	for _, g := range u.Grants {
		if g.Role == role {
			return true
		}
	}
	return false
}

// IsAdmin reports whether the account belongs to the national secretariat.
func (u *User) IsAdmin() bool { return u != nil && u.Has(RoleAdmin) }

// CoordinatedRegions lists the regions the account coordinates.
func (u *User) CoordinatedRegions() []string {
	var out []string
	for _, g := range u.Grants {
		if g.Role == RoleCoordinator {
			out = append(out, g.Region)
		}
	}
	return out
}

// ManagedOrganisations lists the organisations the account manages.
func (u *User) ManagedOrganisations() []int64 {
	var out []int64
	for _, g := range u.Grants {
		if g.Role == RoleManager && g.OrganisationID != nil {
			out = append(out, *g.OrganisationID)
		}
	}
	return out
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
	RevokedAt *time.Time `json:"revoked_at,omitempty"`
}

// UserFilter selects accounts; After is the keyset cursor (the last ID seen).
type UserFilter struct {
	Query string // part of the e-mail or name
	After int64
	Limit int
}

// UserService manages accounts, their roles and their API tokens.
type UserService interface {
	// CreateUser stores an account with its grants; passwordHash may be ""
	// for an invited account that will set its password from a link.
	CreateUser(ctx context.Context, u *User, passwordHash string) error
	User(ctx context.Context, id int64) (*User, error)
	UserByEmail(ctx context.Context, email string) (*User, error)
	ListUsers(ctx context.Context, f UserFilter) ([]User, error)
	// UpdateUser changes the name, e-mail and language.
	UpdateUser(ctx context.Context, u *User) error
	// PasswordHash returns the stored hash ("" when none is set).
	PasswordHash(ctx context.Context, userID int64) (string, error)
	// SetPasswordHash replaces the hash; audited without the hash itself.
	SetPasswordHash(ctx context.Context, userID int64, hash string) error
	// SetActive deactivates (or reactivates) an account; deactivation ends
	// its sessions, and its tokens stop working.
	SetActive(ctx context.Context, userID int64, active bool) error
	GrantRole(ctx context.Context, g *Grant) error
	RevokeRole(ctx context.Context, userID, grantID int64) error

	// CreateToken stores a new token for the user and returns its secret.
	CreateToken(ctx context.Context, t *APIToken) (secret string, err error)
	ListTokens(ctx context.Context, userID int64) ([]APIToken, error)
	RevokeToken(ctx context.Context, userID, tokenID int64) error
	// Authenticate returns the active user a token secret belongs to, or EUnauthorized.
	Authenticate(ctx context.Context, secret string) (*User, error)
}
