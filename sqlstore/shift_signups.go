package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"github.com/parasat-kz/parasat"
)

// Sign-ups: a place on a shift or a turn on its waitlist. Every change of a
// shift's places locks the shift's row first (lockShift), so that sign-ups
// racing for its last places take turns and the capacity is never exceeded;
// a sign-up also locks its volunteer's row first, so that one volunteer
// cannot take two overlapping shifts at once.

const signupColumns = `shift_signups.id, shift_signups.shift_id, shift_signups.event_id, shift_signups.volunteer_id,
	shift_signups.status, shift_signups.signed_up_at, shift_signups.placed_at, shift_signups.ended_at,
	shift_signups.checked_in_at, shift_signups.checked_out_at, shift_signups.minutes, shift_signups.confirmed_minutes,
	shift_signups.hours_confirmed_at, shift_signups.hours_confirmed_by,
	CASE WHEN shift_signups.status = 'waitlisted' THEN (SELECT COUNT(*) FROM shift_signups w
		WHERE w.shift_id = shift_signups.shift_id AND w.status = 'waitlisted' AND (w.signed_up_at < shift_signups.signed_up_at
		OR (w.signed_up_at = shift_signups.signed_up_at AND w.id <= shift_signups.id))) ELSE 0 END`

func scanSignup(row interface{ Scan(...any) error }, more ...any) (parasat.Signup, error) {
	var (
		g                                      parasat.Signup
		placed, ended, in, out, hoursAt        sql.NullTime
		minutes, confirmedMinutes, confirmedBy sql.NullInt64
	)
	err := row.Scan(append([]any{&g.ID, &g.ShiftID, &g.EventID, &g.VolunteerID, &g.Status, &g.SignedUpAt, &placed, &ended,
		&in, &out, &minutes, &confirmedMinutes, &hoursAt, &confirmedBy, &g.Position}, more...)...)
	g.SignedUpAt = g.SignedUpAt.UTC()
	g.PlacedAt, g.EndedAt, g.CheckedIn, g.CheckedOut = timePtr(placed), timePtr(ended), timePtr(in), timePtr(out)
	g.HoursConfirmedAt = timePtr(hoursAt)
	g.Minutes, g.ConfirmedMinutes, g.HoursConfirmedBy = int64Ptr(minutes), int64Ptr(confirmedMinutes), int64Ptr(confirmedBy)
	return g, err
}

// Signup returns one sign-up.
func (db *DB) Signup(ctx context.Context, id int64) (*parasat.Signup, error) {
	return getSignup(ctx, db.read, id)
}

func getSignup(ctx context.Context, q queryer, id int64) (*parasat.Signup, error) {
	g, err := scanSignup(q.QueryRowContext(ctx, "SELECT "+signupColumns+" FROM shift_signups WHERE id = $1", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, parasat.Errorf(parasat.ENotFound, "sign-up %d not found", id)
	}
	if err != nil {
		return nil, err
	}
	return &g, nil
}

// ShiftSignups lists a shift's sign-ups: places first, then the waitlist
// in turn, then those cancelled or removed.
func (db *DB) ShiftSignups(ctx context.Context, shiftID int64) ([]parasat.Signup, error) {
	if _, err := getShift(ctx, db.read, shiftID); err != nil {
		return nil, err
	}
	return shiftSignups(ctx, db.read, shiftID)
}

func shiftSignups(ctx context.Context, q queryer, shiftID int64) ([]parasat.Signup, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+signupColumns+` FROM shift_signups WHERE shift_id = $1
		ORDER BY CASE status WHEN 'confirmed' THEN 0 WHEN 'waitlisted' THEN 1 ELSE 2 END, signed_up_at, id`, shiftID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []parasat.Signup{}
	for rows.Next() {
		g, err := scanSignup(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

// SignUp gives the volunteer a place on the shift, or a turn on its waitlist.
func (db *DB) SignUp(ctx context.Context, shiftID, volunteerID int64) (*parasat.Signup, error) {
	var g *parasat.Signup
	err := db.inTx(ctx, func(tx *sql.Tx) (err error) {
		g, err = db.signUp(ctx, tx, shiftID, volunteerID)
		return err
	})
	return g, err
}

func (db *DB) signUp(ctx context.Context, tx *sql.Tx, shiftID, volunteerID int64) (*parasat.Signup, error) {
	v, err := db.lockVolunteer(ctx, tx, volunteerID)
	if err != nil {
		return nil, err
	}
	s, err := db.lockShift(ctx, tx, shiftID)
	if err != nil {
		return nil, err
	}
	e, err := shiftEvent(ctx, tx, s.EventID, "shift")
	if err != nil {
		return nil, err
	}
	if err := db.checkSignUp(ctx, tx, v, s); err != nil {
		return nil, err
	}
	now := db.now()
	g := &parasat.Signup{ShiftID: s.ID, EventID: s.EventID, VolunteerID: v.ID, Status: parasat.SignupWaitlisted, SignedUpAt: now}
	if s.Confirmed < s.Capacity {
		g.Status, g.PlacedAt = parasat.SignupConfirmed, &now
	}
	err = tx.QueryRowContext(ctx, `INSERT INTO shift_signups (shift_id, event_id, volunteer_id, region_code, status,
		signed_up_at, signed_up_by, placed_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $6) RETURNING id`,
		g.ShiftID, g.EventID, g.VolunteerID, e.Region, g.Status, now, idOrNull(parasat.ActorFrom(ctx).UserID),
		nullTime(g.PlacedAt)).Scan(&g.ID)
	if violates(err, uniqueViolation, "") {
		return nil, alreadySignedUp()
	}
	if err != nil {
		return nil, fmt.Errorf("insert sign-up: %w", err)
	}
	if g.Status == parasat.SignupWaitlisted {
		g.Position = s.Waitlisted + 1
	}
	if err := db.audit(ctx, tx, "create", "shift_signup", strconv.FormatInt(g.ID, 10), e.Region, nil, g); err != nil {
		return nil, err
	}
	if g.Status == parasat.SignupConfirmed {
		if err := db.mailPlace(ctx, tx, "shift_confirmed", g, s, e); err != nil {
			return nil, err
		}
	}
	return g, nil
}

// lockVolunteer reads a volunteer in tx, locked until tx ends.
func (db *DB) lockVolunteer(ctx context.Context, tx *sql.Tx, id int64) (*parasat.Volunteer, error) {
	var got int64
	err := tx.QueryRowContext(ctx, "SELECT id FROM volunteers WHERE id = $1"+db.forUpdate(), id).Scan(&got)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, parasat.Errorf(parasat.ENotFound, "volunteer %d not found", id)
	}
	if err != nil {
		return nil, err
	}
	return getVolunteer(ctx, tx, id)
}

func alreadySignedUp() error {
	return refuse(parasat.EConflict, parasat.FieldError{Field: "shift", Code: "shift.already_signed_up",
		Message: "the volunteer is already signed up for this shift"})
}

// checkSignUp refuses a sign-up with the reason: a volunteer not approved,
// a shift that has started, a second sign-up, overlapping shifts.
func (db *DB) checkSignUp(ctx context.Context, tx *sql.Tx, v *parasat.Volunteer, s *parasat.Shift) error {
	if v.Status != parasat.VolunteerApproved {
		return refuse(parasat.EConflict, parasat.FieldError{Field: "volunteer_id", Code: "shift.volunteer_not_approved",
			Message: "only an approved volunteer signs up for shifts"})
	}
	if !db.now().Before(s.Starts) {
		return refuse(parasat.EConflict, parasat.FieldError{Field: "shift", Code: "shift.started",
			Message: "the shift has started: sign-ups are closed"})
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM shift_signups WHERE shift_id = $1 AND volunteer_id = $2
		AND status IN ('confirmed', 'waitlisted')`, s.ID, v.ID).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return alreadySignedUp()
	}
	return checkOverlap(ctx, tx, v.ID, s)
}

// checkOverlap refuses a shift that overlaps one the volunteer holds or
// waits for.
func checkOverlap(ctx context.Context, tx *sql.Tx, volunteerID int64, s *parasat.Shift) error {
	var other int64
	err := tx.QueryRowContext(ctx, `SELECT shifts.id FROM shift_signups JOIN shifts ON shifts.id = shift_signups.shift_id
		JOIN events ON events.id = shifts.event_id
		WHERE volunteer_id = $1 AND shift_signups.status IN ('confirmed', 'waitlisted') AND shifts.id <> $2
		AND shifts.starts_at < $3 AND $4 < shifts.ends_at AND events.status <> 'cancelled' ORDER BY shifts.starts_at LIMIT 1`,
		volunteerID, s.ID, s.Ends, s.Starts).Scan(&other)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	return refuse(parasat.EConflict, parasat.FieldError{Field: "shift", Code: "shift.overlaps",
		Message: fmt.Sprintf("the volunteer is signed up for shift %d at the same time", other)})
}

// CancelSignup withdraws a sign-up at the volunteer's wish, before the
// shift starts.
func (db *DB) CancelSignup(ctx context.Context, id int64) (*parasat.Signup, error) {
	return db.endSignup(ctx, id, parasat.SignupCancelled)
}

// RemoveSignup takes a volunteer off a shift at an organiser's wish, unless
// they have checked in.
func (db *DB) RemoveSignup(ctx context.Context, id int64) (*parasat.Signup, error) {
	return db.endSignup(ctx, id, parasat.SignupRemoved)
}

func (db *DB) endSignup(ctx context.Context, id int64, to parasat.SignupStatus) (*parasat.Signup, error) {
	var after *parasat.Signup
	err := db.inTx(ctx, func(tx *sql.Tx) (err error) {
		after, err = db.endSignupTx(ctx, tx, id, to)
		return err
	})
	return after, err
}

// endSignupTx cancels or removes a sign-up in tx; a place freed goes to the
// first on the waitlist.
func (db *DB) endSignupTx(ctx context.Context, tx *sql.Tx, id int64, to parasat.SignupStatus) (*parasat.Signup, error) {
	g, s, e, err := db.lockSignup(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if err := db.checkEnd(g, s, to); err != nil {
		return nil, err
	}
	now, by := db.now(), idOrNull(parasat.ActorFrom(ctx).UserID)
	res, err := tx.ExecContext(ctx, `UPDATE shift_signups SET status = $1, ended_at = $2, ended_by = $3, updated_at = $2
		WHERE id = $4 AND status = $5`, to, now, by, id, g.Status)
	if err != nil {
		return nil, fmt.Errorf("end sign-up: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return nil, parasat.Errorf(parasat.EConflict, "the sign-up changed meanwhile; reload it")
	}
	a := *g
	a.Status, a.EndedAt, a.Position = to, &now, 0
	if err := db.audit(ctx, tx, "update", "shift_signup", strconv.FormatInt(id, 10), e.Region, g, &a); err != nil {
		return nil, err
	}
	if _, err := db.cancelJob(ctx, tx, reminderKey(id)); err != nil {
		return nil, err
	}
	if g.Status == parasat.SignupConfirmed {
		s.Confirmed--
		if err := db.fillPlaces(ctx, tx, s, e); err != nil {
			return nil, err
		}
	}
	return &a, nil
}

// withdrawSignups takes a volunteer who is no longer approved off the
// shifts still to come (called by DecideVolunteer); their places go to the
// waitlists. Shifts of events that no longer change, and sign-ups already
// checked in, stay as they are.
func (db *DB) withdrawSignups(ctx context.Context, tx *sql.Tx, volunteerID int64) error {
	rows, err := tx.QueryContext(ctx, `SELECT shift_signups.id FROM shift_signups JOIN shifts ON shifts.id = shift_signups.shift_id
		WHERE volunteer_id = $1 AND status IN ('confirmed', 'waitlisted') AND shifts.starts_at > $2 ORDER BY shift_signups.id`,
		volunteerID, db.now())
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
		if _, err := db.endSignupTx(ctx, tx, id, parasat.SignupRemoved); err != nil && parasat.ErrorCode(err) != parasat.EConflict {
			return err
		}
	}
	return nil
}

// lockSignup reads a sign-up with its shift (locked) and event, in tx.
func (db *DB) lockSignup(ctx context.Context, tx *sql.Tx, id int64) (*parasat.Signup, *parasat.Shift, *parasat.Event, error) {
	g, err := getSignup(ctx, tx, id)
	if err != nil {
		return nil, nil, nil, err
	}
	s, err := db.lockShift(ctx, tx, g.ShiftID)
	if err != nil {
		return nil, nil, nil, err
	}
	if g, err = getSignup(ctx, tx, id); err != nil { // as it is now that the shift is ours
		return nil, nil, nil, err
	}
	e, err := shiftEvent(ctx, tx, s.EventID, "signup")
	if err != nil {
		return nil, nil, nil, err
	}
	return g, s, e, nil
}

// checkEnd refuses to end a sign-up that is not active, a volunteer's
// cancellation once the shift has started, and the removal of a volunteer
// who has checked in.
func (db *DB) checkEnd(g *parasat.Signup, s *parasat.Shift, to parasat.SignupStatus) error {
	switch {
	case !g.Status.Active():
		return refuse(parasat.EConflict, parasat.FieldError{Field: "signup", Code: "shift.signup_ended",
			Message: "the sign-up is already cancelled or removed"})
	case to == parasat.SignupCancelled && !db.now().Before(s.Starts):
		return refuse(parasat.EConflict, parasat.FieldError{Field: "signup", Code: "shift.started_no_cancel",
			Message: "the shift has started: only its organiser can take the volunteer off it"})
	case g.CheckedIn != nil:
		return refuse(parasat.EConflict, parasat.FieldError{Field: "signup", Code: "shift.checked_in_stays",
			Message: "the volunteer has checked in: enter their hours instead"})
	}
	return nil
}

// fillPlaces gives the shift's free places to the first on its waitlist, in
// turn, mailing each; s.Confirmed is the places taken now. A shift that has
// started gives no more places.
func (db *DB) fillPlaces(ctx context.Context, tx *sql.Tx, s *parasat.Shift, e *parasat.Event) error {
	free := s.Capacity - s.Confirmed
	if free <= 0 || !db.now().Before(s.Starts) {
		return nil
	}
	rows, err := tx.QueryContext(ctx, "SELECT "+signupColumns+` FROM shift_signups WHERE shift_id = $1 AND status = 'waitlisted'
		ORDER BY signed_up_at, id LIMIT `+strconv.Itoa(free), s.ID)
	if err != nil {
		return err
	}
	var next []parasat.Signup
	for rows.Next() {
		g, err := scanSignup(rows)
		if err != nil {
			rows.Close()
			return err
		}
		next = append(next, g)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	now := db.now()
	for i := range next {
		g := next[i]
		a := g
		a.Status, a.PlacedAt, a.Position = parasat.SignupConfirmed, &now, 0
		if _, err := tx.ExecContext(ctx, "UPDATE shift_signups SET status = 'confirmed', placed_at = $1, updated_at = $1 WHERE id = $2",
			now, g.ID); err != nil {
			return fmt.Errorf("give a place from the waitlist: %w", err)
		}
		if err := db.audit(ctx, tx, "update", "shift_signup", strconv.FormatInt(g.ID, 10), e.Region, &g, &a); err != nil {
			return err
		}
		if err := db.mailPlace(ctx, tx, "shift_promoted", &a, s, e); err != nil {
			return err
		}
		s.Confirmed++
		s.Waitlisted--
	}
	return nil
}
