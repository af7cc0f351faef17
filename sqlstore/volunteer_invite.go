package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/parasat-kz/parasat"
)

var _ parasat.VolunteerAccounts = (*DB)(nil)

// InviteVolunteer opens an account for an approved volunteer, or links the
// account their e-mail already has; see parasat.VolunteerAccounts.
func (db *DB) InviteVolunteer(ctx context.Context, volunteerID int64, u *parasat.User, expires time.Time, m parasat.Mail) (string, error) {
	u.Normalize()
	var secret string
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		v, err := db.lockVolunteer(ctx, tx, volunteerID)
		if err != nil {
			return err
		}
		if err := checkInvite(v, u); err != nil {
			return err
		}
		existing, err := scanUser(tx.QueryRowContext(ctx, "SELECT "+userColumns+" FROM users WHERE email = $1", u.Email))
		switch {
		case err == nil:
			*u = *existing
			return db.linkExistingAccount(ctx, tx, v, u)
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
		u.Grants = []parasat.Grant{{Role: parasat.RoleVolunteer}}
		if err := u.Validate(); err != nil {
			return err
		}
		if err := db.insertUser(ctx, tx, u, ""); err != nil {
			return err
		}
		if err := db.linkVolunteer(ctx, tx, v, u.ID); err != nil {
			return err
		}
		secret, err = db.mailPasswordReset(ctx, tx, u.ID, expires, m, "")
		return err
	})
	if err != nil {
		return "", err
	}
	return secret, nil
}

// checkInvite refuses to invite a volunteer who is not approved, has an
// account already or no e-mail address (or another than u's).
func checkInvite(v *parasat.Volunteer, u *parasat.User) error {
	switch {
	case v.Status != parasat.VolunteerApproved:
		return conflict("status", "volunteer.invite_not_approved", "approve the volunteer before inviting them")
	case v.UserID != nil:
		return conflict("user_id", "volunteer.has_account", "the volunteer has an account already")
	case v.Email == "":
		return conflict("email", "volunteer.invite_needs_email", "the volunteer has no e-mail address to send the invitation to")
	case u.Email != v.Email:
		return conflict("email", "volunteer.invite_email", "the invitation goes to the volunteer's own e-mail address")
	}
	return nil
}

// linkExistingAccount links the account u (with the volunteer's e-mail) to
// the volunteer and gives it the volunteer role.
func (db *DB) linkExistingAccount(ctx context.Context, tx *sql.Tx, v *parasat.Volunteer, u *parasat.User) error {
	var linked int
	if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM volunteers WHERE user_id = $1", u.ID).Scan(&linked); err != nil {
		return err
	}
	if linked > 0 {
		return accountLinked("volunteer")
	}
	grants, err := db.grants(ctx, tx, []int64{u.ID})
	if err != nil {
		return err
	}
	u.Grants = grants[u.ID]
	if !u.Has(parasat.RoleVolunteer) {
		g := parasat.Grant{UserID: u.ID, Role: parasat.RoleVolunteer}
		if err := db.insertGrant(ctx, tx, &g); err != nil {
			return err
		}
		u.Grants = append(u.Grants, g)
	}
	return db.linkVolunteer(ctx, tx, v, u.ID)
}

// linkVolunteer records the volunteer's account.
func (db *DB) linkVolunteer(ctx context.Context, tx *sql.Tx, v *parasat.Volunteer, userID int64) error {
	now := db.now()
	if _, err := tx.ExecContext(ctx, "UPDATE volunteers SET user_id = $1, updated_at = $2 WHERE id = $3", userID, now, v.ID); err != nil {
		return fmt.Errorf("link the volunteer's account: %w", err)
	}
	after := *v
	after.UserID, after.Updated = &userID, now
	return db.audit(ctx, tx, "update", "volunteer", strconv.FormatInt(v.ID, 10), v.Region, v, &after)
}
