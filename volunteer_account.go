package parasat

import (
	"context"
	"slices"
	"time"
)

// A volunteer signs up for shifts with an account of their own, linked to
// their record (Volunteer.UserID). Someone who offered to volunteer on the
// public page without an account gets one once approved: the staff who
// approved them invite them from their record, and Parasat mails a one-time
// link to set a password (see VolunteerAccounts).

// PreferredLanguage is the language to write to a volunteer in when their
// account does not say: the first they speak of Kazakh, Russian and
// English, else Kazakh.
func PreferredLanguage(spoken []Language) Language {
	for _, l := range []Language{Kazakh, Russian, English} {
		if slices.Contains(spoken, l) {
			return l
		}
	}
	return Kazakh
}

// VolunteerAccounts opens accounts for volunteers.
type VolunteerAccounts interface {
	// InviteVolunteer gives the approved volunteer who has an e-mail
	// address and no account one, in one transaction: the new account u
	// (with the volunteer role) linked to the record, and a one-time link
	// to set its password, expiring at expires, mailed with m (as
	// MailPasswordReset does). When an account with the volunteer's e-mail
	// exists already, and has no volunteer's record, that account is linked
	// instead and given the volunteer role; u is then that account and the
	// secret "" (it has a password, or its own link).
	InviteVolunteer(ctx context.Context, volunteerID int64, u *User, expires time.Time, m Mail) (secret string, err error)
}
