package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"github.com/parasat-kz/parasat"
)

// Check-in, check-out and hours. The minutes worked are computed at
// check-out from the two times, rounded to the nearest five minutes; the
// organiser confirms them (or corrects them), and only confirmed minutes
// count: confirmed_minutes, with hours_day (the shift's start day in
// Kazakhstan) and region_code for the reports.

func conflict(field, code, message string) error {
	return refuse(parasat.EConflict, parasat.FieldError{Field: field, Code: code, Message: message})
}

// CheckIn records that the volunteer has come, now.
func (db *DB) CheckIn(ctx context.Context, id int64) (*parasat.Signup, error) {
	return db.changeSignup(ctx, id, func(g *parasat.Signup, s *parasat.Shift, now time.Time) (string, []any, error) {
		switch {
		case g.Status != parasat.SignupConfirmed:
			return "", nil, conflict("signup", "shift.no_place", "the volunteer has no place on this shift")
		case g.CheckedIn != nil:
			return "", nil, conflict("signup", "shift.checked_in_already", "the volunteer has already checked in")
		case now.Before(s.Starts.Add(-parasat.CheckInEarly)):
			return "", nil, conflict("signup", "shift.check_in_early", "check-in opens an hour before the shift starts")
		case !now.Before(s.Ends):
			return "", nil, conflict("signup", "shift.over", "the shift is over: enter the volunteer's hours instead")
		}
		g.CheckedIn = &now
		return "checked_in_at = $1, checked_in_by = $2", []any{now, idOrNull(parasat.ActorFrom(ctx).UserID)}, nil
	})
}

// CheckOut records that the volunteer has left, now, and the minutes worked.
func (db *DB) CheckOut(ctx context.Context, id int64) (*parasat.Signup, error) {
	return db.changeSignup(ctx, id, func(g *parasat.Signup, s *parasat.Shift, now time.Time) (string, []any, error) {
		switch {
		case g.CheckedIn == nil:
			return "", nil, conflict("signup", "shift.check_out_before_check_in", "the volunteer has not checked in: check them in first")
		case g.CheckedOut != nil:
			return "", nil, conflict("signup", "shift.checked_out_already", "the volunteer has already checked out")
		}
		minutes := parasat.WorkedMinutes(*g.CheckedIn, now)
		g.CheckedOut, g.Minutes = &now, &minutes
		return "checked_out_at = $1, checked_out_by = $2, minutes = $3", []any{now, idOrNull(parasat.ActorFrom(ctx).UserID), minutes}, nil
	})
}

// ConfirmHours confirms the minutes computed at check-out or, when minutes
// is given, corrects them; a volunteer who was not checked in gets hours
// entered once the shift has ended.
func (db *DB) ConfirmHours(ctx context.Context, id int64, minutes *int64) (*parasat.Signup, error) {
	return db.changeSignup(ctx, id, func(g *parasat.Signup, s *parasat.Shift, now time.Time) (string, []any, error) {
		var m int64
		switch {
		case g.Status != parasat.SignupConfirmed:
			return "", nil, conflict("signup", "shift.no_place", "the volunteer has no place on this shift")
		case minutes != nil && (g.CheckedOut != nil || !now.Before(s.Ends)):
			m = *minutes
		case minutes != nil && g.CheckedIn != nil:
			return "", nil, conflict("minutes", "shift.check_out_first", "check the volunteer out first, or wait for the shift to end")
		case minutes != nil:
			return "", nil, conflict("minutes", "shift.hours_too_early", "hours are entered once the shift has ended")
		case g.CheckedOut == nil:
			return "", nil, conflict("minutes", "shift.nothing_to_confirm", "the volunteer has not checked out: enter their hours")
		default:
			m = *g.Minutes
		}
		if err := s.CheckHours(m); err != nil {
			return "", nil, err
		}
		actor := parasat.ActorFrom(ctx).UserID
		g.ConfirmedMinutes, g.HoursConfirmedAt, g.HoursConfirmedBy = &m, &now, nil
		if actor != 0 {
			g.HoursConfirmedBy = &actor
		}
		return "confirmed_minutes = $1, hours_day = $2, hours_confirmed_at = $3, hours_confirmed_by = $4",
			[]any{m, s.StartDay().Time, now, idOrNull(actor)}, nil
	})
}

// changeSignup applies one change to a sign-up of a shift whose event is
// still open: change checks it against the sign-up and the shift as they
// are now, and returns the SET clause ($1… for its arguments).
func (db *DB) changeSignup(ctx context.Context, id int64,
	change func(g *parasat.Signup, s *parasat.Shift, now time.Time) (string, []any, error)) (*parasat.Signup, error) {
	var after *parasat.Signup
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		g, s, e, err := db.lockSignup(ctx, tx, id)
		if err != nil {
			return err
		}
		now := db.now()
		a := *g
		set, args, err := change(&a, s, now)
		if err != nil {
			return err
		}
		n := strconv.Itoa(len(args) + 1)
		if _, err := tx.ExecContext(ctx, "UPDATE shift_signups SET "+set+", updated_at = $"+n+" WHERE id = $"+strconv.Itoa(len(args)+2),
			append(args, now, id)...); err != nil {
			return fmt.Errorf("change sign-up: %w", err)
		}
		if err := db.audit(ctx, tx, "update", "shift_signup", strconv.FormatInt(id, 10), e.Region, g, &a); err != nil {
			return err
		}
		after = &a
		return nil
	})
	return after, err
}

// VolunteerHours is a volunteer's confirmed hours in total, the sign-ups of
// shifts still to end, and a page of the shifts that have ended, newest
// first (on the index shift_signups_volunteer).
func (db *DB) VolunteerHours(ctx context.Context, volunteerID int64, f parasat.HoursFilter) (*parasat.VolunteerHours, error) {
	if _, err := getVolunteer(ctx, db.read, volunteerID); err != nil {
		return nil, err
	}
	h := &parasat.VolunteerHours{VolunteerID: volunteerID}
	if err := db.read.QueryRowContext(ctx, `SELECT COALESCE(SUM(confirmed_minutes), 0), COUNT(*) FROM shift_signups
		WHERE volunteer_id = $1 AND status = 'confirmed' AND confirmed_minutes IS NOT NULL`, volunteerID).
		Scan(&h.ConfirmedMinutes, &h.Shifts); err != nil {
		return nil, err
	}
	now := db.now()
	var err error
	var up listQuery
	up.and("shift_signups.volunteer_id = " + up.arg(volunteerID))
	up.and("shift_signups.status IN ('confirmed', 'waitlisted')")
	up.and("shifts.ends_at > " + up.arg(now))
	up.and("events.status <> 'cancelled'")
	if h.Upcoming, err = db.volunteerShifts(ctx, up, "ASC", MaxPageSize); err != nil {
		return nil, err
	}
	var past listQuery
	past.and("shift_signups.volunteer_id = " + past.arg(volunteerID))
	past.and("shift_signups.status = 'confirmed'")
	past.and("shifts.ends_at <= " + past.arg(now))
	past.and("events.status <> 'cancelled'")
	if f.BeforeID > 0 {
		at, id := past.arg(f.BeforeStart.UTC()), past.arg(f.BeforeID)
		past.and("(shifts.starts_at < " + at + " OR (shifts.starts_at = " + at + " AND shift_signups.id < " + id + "))")
	}
	if h.History, err = db.volunteerShifts(ctx, past, "DESC", pageSize(f.Limit)); err != nil {
		return nil, err
	}
	return h, nil
}

func (db *DB) volunteerShifts(ctx context.Context, q listQuery, order string, limit int) ([]parasat.VolunteerShift, error) {
	rows, err := db.read.QueryContext(ctx, "SELECT "+signupColumns+`, shifts.role_kk, shifts.role_ru, shifts.role_en,
		shifts.starts_at, shifts.ends_at, events.title_kk, events.title_ru, events.title_en, events.status
		FROM shift_signups JOIN shifts ON shifts.id = shift_signups.shift_id JOIN events ON events.id = shift_signups.event_id
		WHERE `+q.clause()+" ORDER BY shifts.starts_at "+order+", shift_signups.id "+order+" LIMIT "+strconv.Itoa(limit), q.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []parasat.VolunteerShift{}
	for rows.Next() {
		var v parasat.VolunteerShift
		g, err := scanSignup(rows, &v.Role.KK, &v.Role.RU, &v.Role.EN, &v.Starts, &v.Ends, &v.EventTitle.KK,
			&v.EventTitle.RU, &v.EventTitle.EN, &v.EventStatus)
		if err != nil {
			return nil, err
		}
		v.Signup, v.Starts, v.Ends = g, v.Starts.UTC(), v.Ends.UTC()
		out = append(out, v)
	}
	return out, rows.Err()
}

// EventShiftHours sums the confirmed hours of an event's shifts (on the
// index shift_signups_hours_event).
func (db *DB) EventShiftHours(ctx context.Context, eventID int64) (*parasat.ShiftHours, error) {
	h := &parasat.ShiftHours{}
	if err := db.read.QueryRowContext(ctx, "SELECT COUNT(*) FROM shifts WHERE event_id = $1", eventID).Scan(&h.Shifts); err != nil {
		return nil, err
	}
	if err := db.read.QueryRowContext(ctx, `SELECT COUNT(DISTINCT volunteer_id), COALESCE(SUM(confirmed_minutes), 0)
		FROM shift_signups WHERE event_id = $1 AND confirmed_minutes IS NOT NULL`, eventID).Scan(&h.Volunteers, &h.Minutes); err != nil {
		return nil, err
	}
	err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM shift_signups WHERE event_id = $1 AND status = 'confirmed'
		AND checked_in_at IS NOT NULL AND confirmed_minutes IS NULL`, eventID).Scan(&h.Unconfirmed)
	return h, err
}
