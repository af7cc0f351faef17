package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/parasat-kz/parasat"
)

var _ parasat.UserService = (*DB)(nil)

// CreateUser stores a new account with its grants; passwordHash may be "".
func (db *DB) CreateUser(ctx context.Context, u *parasat.User, passwordHash string) error {
	u.Normalize()
	if err := u.Validate(); err != nil {
		return err
	}
	for i := range u.Grants {
		if err := u.Grants[i].Validate(); err != nil {
			return err
		}
	}
	return db.inTx(ctx, func(tx *sql.Tx) error { return db.insertUser(ctx, tx, u, passwordHash) })
}

// insertUser stores a new account (validated) and its grants in tx.
func (db *DB) insertUser(ctx context.Context, tx *sql.Tx, u *parasat.User, passwordHash string) error {
	now := db.now()
	var changed any
	if passwordHash != "" {
		changed = now
	}
	err := tx.QueryRowContext(ctx, `INSERT INTO users (email, name, language, password_hash, password_changed_at, search_text, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		u.Email, u.Name, u.Language, passwordHash, changed, userSearchText(u.Name, u.Email), now).Scan(&u.ID)
	if violates(err, uniqueViolation, "email") {
		return emailTaken()
	}
	if err != nil {
		return fmt.Errorf("insert user: %w", err)
	}
	u.Created, u.HasPassword = now, passwordHash != ""
	// The audit row never holds the password hash: User has no such field.
	if err := db.audit(ctx, tx, "create", "user", strconv.FormatInt(u.ID, 10), "", nil, u); err != nil {
		return err
	}
	for i := range u.Grants {
		u.Grants[i].UserID = u.ID
		if err := db.insertGrant(ctx, tx, &u.Grants[i]); err != nil {
			return err
		}
	}
	return nil
}

func userSearchText(name, email string) string {
	return parasat.FoldForSearch(name + "\n" + email)
}

// fillUserSearchText folds the names of accounts made before search_text
// existed; after that every write keeps it.
func (db *DB) fillUserSearchText(ctx context.Context) error {
	rows, err := db.read.QueryContext(ctx, "SELECT id, name, email FROM users WHERE search_text = ''")
	if err != nil {
		return err
	}
	type pending struct {
		id          int64
		name, email string
	}
	var todo []pending
	for rows.Next() {
		var p pending
		if err := rows.Scan(&p.id, &p.name, &p.email); err != nil {
			rows.Close()
			return err
		}
		todo = append(todo, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(todo) == 0 {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		for _, p := range todo {
			if _, err := tx.ExecContext(ctx, "UPDATE users SET search_text = $2 WHERE id = $1", p.id, userSearchText(p.name, p.email)); err != nil {
				return err
			}
		}
		return nil
	})
}

func emailTaken() error {
	return &parasat.Error{Code: parasat.EConflict, Message: "account exists",
		Fields: []parasat.FieldError{{Field: "email", Code: "email.taken", Message: "an account with this e-mail already exists"}}}
}

const userColumns = "id, email, name, language, deactivated_at, password_hash <> '', created_at"

func scanUser(row interface{ Scan(...any) error }) (*parasat.User, error) {
	var (
		u           parasat.User
		deactivated sql.NullTime
	)
	if err := row.Scan(&u.ID, &u.Email, &u.Name, &u.Language, &deactivated, &u.HasPassword, &u.Created); err != nil {
		return nil, err
	}
	u.Created = u.Created.UTC()
	if deactivated.Valid {
		t := deactivated.Time.UTC()
		u.Deactivated = &t
	}
	u.Grants = []parasat.Grant{}
	return &u, nil
}

// User returns an account with its grants.
func (db *DB) User(ctx context.Context, id int64) (*parasat.User, error) {
	return db.userWhere(ctx, "id = $1", id)
}

// UserByEmail finds an account by e-mail, ignoring case.
func (db *DB) UserByEmail(ctx context.Context, email string) (*parasat.User, error) {
	return db.userWhere(ctx, "email = $1", strings.ToLower(strings.TrimSpace(email)))
}

func (db *DB) userWhere(ctx context.Context, where string, arg any) (*parasat.User, error) {
	u, err := scanUser(db.readRow(ctx, "SELECT "+userColumns+" FROM users WHERE "+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, parasat.Errorf(parasat.ENotFound, "account not found")
	}
	if err != nil {
		return nil, err
	}
	grants, err := db.grants(ctx, db.read, []int64{u.ID})
	if err != nil {
		return nil, err
	}
	u.Grants = grants[u.ID]
	return u, nil
}

// ListUsers returns one page of accounts, in id order, with their grants.
func (db *DB) ListUsers(ctx context.Context, f parasat.UserFilter) ([]parasat.User, error) {
	args := []any{f.After}
	where := "id > $1"
	if q := strings.TrimSpace(f.Query); q != "" {
		args = append(args, "%"+escapeLike(parasat.FoldForSearch(q))+"%")
		where += ` AND search_text LIKE $2 ESCAPE '\'`
	}
	rows, err := db.read.QueryContext(ctx, "SELECT "+userColumns+" FROM users WHERE "+where+
		" ORDER BY id LIMIT "+strconv.Itoa(pageSize(f.Limit)), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	users := []parasat.User{}
	var ids []int64
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		users = append(users, *u)
		ids = append(ids, u.ID)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	grants, err := db.grants(ctx, db.read, ids)
	if err != nil {
		return nil, err
	}
	for i := range users {
		if g := grants[users[i].ID]; g != nil {
			users[i].Grants = g
		}
	}
	return users, nil
}

// UpdateUser changes an account's name, e-mail and language.
func (db *DB) UpdateUser(ctx context.Context, u *parasat.User) error {
	u.Normalize()
	if err := u.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		before, err := scanUser(tx.QueryRowContext(ctx, "SELECT "+userColumns+" FROM users WHERE id = $1", u.ID))
		if errors.Is(err, sql.ErrNoRows) {
			return parasat.Errorf(parasat.ENotFound, "account not found")
		}
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, "UPDATE users SET email = $2, name = $3, language = $4, search_text = $5 WHERE id = $1",
			u.ID, u.Email, u.Name, u.Language, userSearchText(u.Name, u.Email))
		if violates(err, uniqueViolation, "email") {
			return emailTaken()
		}
		if err != nil {
			return err
		}
		after := *before
		after.Email, after.Name, after.Language = u.Email, u.Name, u.Language
		return db.audit(ctx, tx, "update", "user", strconv.FormatInt(u.ID, 10), "", before, &after)
	})
}

// PasswordHash returns an account's password hash, "" when none is set.
func (db *DB) PasswordHash(ctx context.Context, userID int64) (string, error) {
	var h string
	err := db.read.QueryRowContext(ctx, "SELECT password_hash FROM users WHERE id = $1", userID).Scan(&h)
	if errors.Is(err, sql.ErrNoRows) {
		return "", parasat.Errorf(parasat.ENotFound, "account not found")
	}
	return h, err
}

// SetPasswordHash replaces a password hash. The audit row says that the
// password changed, never what it is.
func (db *DB) SetPasswordHash(ctx context.Context, userID int64, hash string) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		return db.setPasswordHash(ctx, tx, userID, hash)
	})
}

func (db *DB) setPasswordHash(ctx context.Context, tx *sql.Tx, userID int64, hash string) error {
	res, err := tx.ExecContext(ctx, "UPDATE users SET password_hash = $2, password_changed_at = $3 WHERE id = $1", userID, hash, db.now())
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return parasat.Errorf(parasat.ENotFound, "account not found")
	}
	return db.audit(ctx, tx, "update", "user", strconv.FormatInt(userID, 10), "",
		map[string]any{"password": "(previous)"}, map[string]any{"password": "(changed)"})
}

// SetActive deactivates or reactivates an account. Deactivation ends its
// sessions; its tokens stop working because Authenticate checks the account.
func (db *DB) SetActive(ctx context.Context, userID int64, active bool) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		var was sql.NullTime
		err := tx.QueryRowContext(ctx, "SELECT deactivated_at FROM users WHERE id = $1", userID).Scan(&was)
		if errors.Is(err, sql.ErrNoRows) {
			return parasat.Errorf(parasat.ENotFound, "account not found")
		}
		if err != nil || was.Valid == !active {
			return err // already as asked
		}
		var at any
		if !active {
			at = db.now()
			if _, err := tx.ExecContext(ctx, "DELETE FROM sessions WHERE user_id = $1", userID); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, "UPDATE users SET deactivated_at = $2 WHERE id = $1", userID, at); err != nil {
			return err
		}
		return db.audit(ctx, tx, "update", "user", strconv.FormatInt(userID, 10), "",
			map[string]any{"active": !active}, map[string]any{"active": active})
	})
}
