package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/parasat-kz/parasat"
)

// The mails of shifts, queued in the transaction of the change that calls
// for them: "shift_confirmed" when a sign-up gets a place, "shift_promoted"
// when a place from the waitlist does, and "shift_reminder" the day before
// the shift, queued once per sign-up (its key) and withdrawn when the
// sign-up ends. They go to the volunteer's e-mail (or their account's), in
// their account's language, else the first of theirs Parasat speaks.

// reminderKey is the unique key of a sign-up's reminder job.
func reminderKey(signupID int64) string { return "shift-reminder:" + strconv.FormatInt(signupID, 10) }

// shiftMail is the mail of template about the sign-up g, or nil when the
// volunteer has no e-mail address to write to.
func shiftMail(ctx context.Context, tx *sql.Tx, template string, g *parasat.Signup, s *parasat.Shift, e *parasat.Event) (*parasat.Mail, error) {
	var (
		name, email, langs string
		account            sql.NullString
		accountLang        sql.NullString
	)
	err := tx.QueryRowContext(ctx, `SELECT v.full_name, v.email, v.languages, u.email, u.language FROM volunteers v
		LEFT JOIN users u ON u.id = v.user_id WHERE v.id = $1`, g.VolunteerID).Scan(&name, &email, &langs, &account, &accountLang)
	if err != nil {
		return nil, fmt.Errorf("the volunteer to mail: %w", err)
	}
	if email == "" {
		email = account.String
	}
	if email == "" {
		return nil, nil
	}
	lang := mailLanguage(accountLang.String, langs)
	return &parasat.Mail{To: email, Name: name, Lang: lang, Template: template, Data: map[string]any{
		"event": e.Title.Best(lang), "role": s.Role.Best(lang), "starts": s.Starts.UTC(), "ends": s.Ends.UTC(),
		"place": e.Address, "event_id": e.ID, "position": g.Position,
	}}, nil
}

// mailLanguage is the account's language, else the volunteer's preferred
// of those they speak (stored as "en,kk").
func mailLanguage(account, spoken string) parasat.Language {
	if l := parasat.Language(account); slices.Contains(parasat.Languages, l) {
		return l
	}
	var list []parasat.Language
	for _, l := range strings.Split(spoken, ",") {
		list = append(list, parasat.Language(l))
	}
	return parasat.PreferredLanguage(list)
}

// mailPlace queues the mail telling the volunteer of g they have a place
// (template), and the reminder of the day before.
func (db *DB) mailPlace(ctx context.Context, tx *sql.Tx, template string, g *parasat.Signup, s *parasat.Shift, e *parasat.Event) error {
	m, err := shiftMail(ctx, tx, template, g, s, e)
	if err != nil || m == nil {
		return err
	}
	if err := db.enqueueMail(ctx, tx, *m); err != nil {
		return fmt.Errorf("queue the %s mail: %w", template, err)
	}
	return db.queueReminder(ctx, tx, g, s, e)
}

// queueReminder queues the reminder of a sign-up for the day before the
// shift, once; a shift that starts sooner than that gets none, its
// confirmation being reminder enough.
func (db *DB) queueReminder(ctx context.Context, tx *sql.Tx, g *parasat.Signup, s *parasat.Shift, e *parasat.Event) error {
	at := s.Starts.Add(-parasat.ReminderBefore)
	if at.Before(db.now()) {
		return nil
	}
	m, err := shiftMail(ctx, tx, "shift_reminder", g, s, e)
	if err != nil || m == nil {
		return err
	}
	_, err = db.enqueueMailAt(ctx, tx, *m, at, reminderKey(g.ID))
	return err
}

// withdrawEventReminders withdraws the reminders of an event's sign-ups
// (called when the event is cancelled).
func (db *DB) withdrawEventReminders(ctx context.Context, tx *sql.Tx, eventID int64) error {
	rows, err := tx.QueryContext(ctx, "SELECT id FROM shift_signups WHERE event_id = $1 AND status = 'confirmed'", eventID)
	if err != nil {
		return err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, id := range ids {
		if _, err := db.cancelJob(ctx, tx, reminderKey(id)); err != nil {
			return err
		}
	}
	return nil
}
