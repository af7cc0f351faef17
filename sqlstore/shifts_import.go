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

// ImportShifts records shifts with their volunteers and hours in one
// transaction, through the checks of the one-by-one path: approved
// volunteers, no one twice or on overlapping shifts, no more places than the
// capacity, check-out after check-in, hours within the shift's length and
// its margin. No mail is sent.
func (db *DB) ImportShifts(ctx context.Context, list []parasat.ShiftHistory) error {
	for i, h := range list {
		h.Shift.Normalize()
		if err := h.Shift.Validate(nil); err != nil {
			return atIndex(i, err)
		}
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		events := map[int64]*parasat.Event{}
		var audits []batchAudit
		for i, h := range list {
			e, ok := events[h.Shift.EventID]
			if !ok {
				var err error
				if e, err = getEvent(ctx, tx, h.Shift.EventID); err != nil {
					return atIndex(i, err)
				}
				if e.Status == parasat.EventCancelled {
					return atIndex(i, conflict("event_id", "shift.event_cancelled", "the event is cancelled: its shifts no longer change"))
				}
				events[e.ID] = e
			}
			if err := db.insertShift(ctx, tx, h.Shift, e); err != nil {
				return atIndex(i, err)
			}
			rows, err := db.importSignups(ctx, tx, h, e)
			if err != nil {
				return atIndex(i, err)
			}
			audits = append(audits, rows...)
		}
		return db.auditCreates(ctx, tx, "shift_signup", audits)
	})
}

// importSignups records the volunteers of one shift just inserted.
func (db *DB) importSignups(ctx context.Context, tx *sql.Tx, h parasat.ShiftHistory, e *parasat.Event) ([]batchAudit, error) {
	s, now := h.Shift, db.now()
	signedUp := s.Starts.Add(-24 * time.Hour)
	if now.Before(signedUp) {
		signedUp = now
	}
	seen := map[int64]bool{}
	var out []batchAudit
	for j, sh := range h.Signups {
		field := "signups." + strconv.Itoa(j)
		if seen[sh.VolunteerID] {
			return nil, conflict(field, "shift.already_signed_up", "the volunteer is already signed up for this shift")
		}
		seen[sh.VolunteerID] = true
		g, err := importedSignup(s, sh, signedUp, now)
		if err != nil {
			return nil, atField(field, err)
		}
		if g.Status == parasat.SignupConfirmed {
			s.Confirmed++
		}
		if g.Status == parasat.SignupWaitlisted && s.Confirmed < s.Capacity || s.Confirmed > s.Capacity {
			return nil, conflict(field, "shift.capacity_import", "the shift's places are filled before its waitlist, up to its capacity")
		}
		if err := db.checkImportedVolunteer(ctx, tx, sh.VolunteerID, s); err != nil {
			return nil, atField(field, err)
		}
		var day any
		if g.ConfirmedMinutes != nil {
			day = s.StartDay().Time
		}
		err = tx.QueryRowContext(ctx, `INSERT INTO shift_signups (shift_id, event_id, volunteer_id, region_code, status,
			signed_up_at, placed_at, checked_in_at, checked_out_at, minutes, confirmed_minutes, hours_day,
			hours_confirmed_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
			s.ID, e.ID, sh.VolunteerID, e.Region, g.Status, signedUp, nullTime(g.PlacedAt), nullTime(g.CheckedIn),
			nullTime(g.CheckedOut), nullInt(g.Minutes), nullInt(g.ConfirmedMinutes), day, nullTime(g.HoursConfirmedAt), now).Scan(&g.ID)
		if err != nil {
			return nil, fmt.Errorf("insert sign-up: %w", err)
		}
		out = append(out, batchAudit{entityID: strconv.FormatInt(g.ID, 10), region: e.Region, after: g})
	}
	return out, nil
}

// importedSignup checks one imported volunteer's times and hours.
func importedSignup(s *parasat.Shift, sh parasat.SignupHistory, signedUp, now time.Time) (*parasat.Signup, error) {
	g := &parasat.Signup{ShiftID: s.ID, EventID: s.EventID, VolunteerID: sh.VolunteerID, Status: parasat.SignupConfirmed,
		SignedUpAt: signedUp, PlacedAt: &signedUp, CheckedIn: utc(sh.CheckedIn), CheckedOut: utc(sh.CheckedOut)}
	if sh.Waitlisted {
		g.Status, g.PlacedAt = parasat.SignupWaitlisted, nil
	}
	switch {
	case g.CheckedIn != nil && (sh.Waitlisted || g.CheckedIn.After(now)):
		return nil, conflict("checked_in_at", "shift.no_place", "only a volunteer with a place checks in, and not in the future")
	case g.CheckedOut != nil && g.CheckedIn == nil:
		return nil, conflict("checked_out_at", "shift.check_out_before_check_in", "the volunteer has not checked in: check them in first")
	case g.CheckedOut != nil && (g.CheckedOut.Before(*g.CheckedIn) || g.CheckedOut.After(now)):
		return nil, conflict("checked_out_at", "shift.check_out_before_check_in", "the check-out comes after the check-in, and not in the future")
	}
	if g.CheckedOut != nil {
		m := parasat.WorkedMinutes(*g.CheckedIn, *g.CheckedOut)
		g.Minutes = &m
	}
	if sh.ConfirmedMinutes != nil {
		if sh.Waitlisted || g.CheckedOut == nil && now.Before(s.Ends) {
			return nil, conflict("confirmed_minutes", "shift.hours_too_early", "hours are entered once the shift has ended")
		}
		if err := s.CheckHours(*sh.ConfirmedMinutes); err != nil {
			return nil, err
		}
		at := s.Ends
		if g.CheckedOut != nil {
			at = *g.CheckedOut
		}
		g.ConfirmedMinutes, g.HoursConfirmedAt = sh.ConfirmedMinutes, &at
	}
	return g, nil
}

// checkImportedVolunteer refuses a volunteer who is not approved or who is
// on an overlapping shift.
func (db *DB) checkImportedVolunteer(ctx context.Context, tx *sql.Tx, id int64, s *parasat.Shift) error {
	var status parasat.VolunteerStatus
	if err := tx.QueryRowContext(ctx, "SELECT status FROM volunteers WHERE id = $1", id).Scan(&status); errors.Is(err, sql.ErrNoRows) {
		return conflict("volunteer_id", "volunteer.unknown", "no volunteer has this id")
	} else if err != nil {
		return err
	}
	if status != parasat.VolunteerApproved {
		return conflict("volunteer_id", "shift.volunteer_not_approved", "only an approved volunteer signs up for shifts")
	}
	return checkOverlap(ctx, tx, id, s)
}

func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC().Truncate(time.Microsecond)
	return &u
}

// atField prefixes the fields of a domain error with the place of the
// record in a batch ("signups.3", or "3" for atIndex).
func atField(prefix string, err error) error {
	var e *parasat.Error
	if !errors.As(err, &e) {
		return err
	}
	c := *e
	c.Fields = make([]parasat.FieldError, len(e.Fields))
	for k, f := range e.Fields {
		f.Field = prefix + "." + f.Field
		c.Fields[k] = f
	}
	return &c
}
