package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"github.com/parasat-kz/parasat"
)

var _ parasat.ShiftService = (*DB)(nil)

// shiftColumns read a shift with the counts of its places taken and its
// waitlist (on the index shift_signups_shift).
const shiftColumns = `shifts.id, shifts.event_id, role_kk, role_ru, role_en, shifts.starts_at, shifts.ends_at, capacity,
	shifts.created_at, shifts.updated_at,
	(SELECT COUNT(*) FROM shift_signups g WHERE g.shift_id = shifts.id AND g.status = 'confirmed'),
	(SELECT COUNT(*) FROM shift_signups g WHERE g.shift_id = shifts.id AND g.status = 'waitlisted')`

func scanShift(row interface{ Scan(...any) error }) (parasat.Shift, error) {
	var s parasat.Shift
	err := row.Scan(&s.ID, &s.EventID, &s.Role.KK, &s.Role.RU, &s.Role.EN, &s.Starts, &s.Ends, &s.Capacity,
		&s.Created, &s.Updated, &s.Confirmed, &s.Waitlisted)
	s.Starts, s.Ends, s.Created, s.Updated = s.Starts.UTC(), s.Ends.UTC(), s.Created.UTC(), s.Updated.UTC()
	s.Skills = []string{}
	return s, err
}

// Shift returns one shift with its skills and counts.
func (db *DB) Shift(ctx context.Context, id int64) (*parasat.Shift, error) {
	return getShift(ctx, db.read, id)
}

func getShift(ctx context.Context, q queryer, id int64) (*parasat.Shift, error) {
	s, err := scanShift(q.QueryRowContext(ctx, "SELECT "+shiftColumns+" FROM shifts WHERE id = $1", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, parasat.Errorf(parasat.ENotFound, "shift %d not found", id)
	}
	if err != nil {
		return nil, err
	}
	list := []parasat.Shift{s}
	if err := loadShiftSkills(ctx, q, list); err != nil {
		return nil, err
	}
	return &list[0], nil
}

// lockShift reads a shift in tx, locked against the other transactions that
// would change its places until tx ends.
func (db *DB) lockShift(ctx context.Context, tx *sql.Tx, id int64) (*parasat.Shift, error) {
	var got int64
	err := tx.QueryRowContext(ctx, "SELECT id FROM shifts WHERE id = $1"+db.forUpdate(), id).Scan(&got)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, parasat.Errorf(parasat.ENotFound, "shift %d not found", id)
	}
	if err != nil {
		return nil, err
	}
	return getShift(ctx, tx, id)
}

func loadShiftSkills(ctx context.Context, q queryer, list []parasat.Shift) error {
	ids := make([]int64, len(list))
	for i := range list {
		ids[i] = list[i].ID
	}
	skills, err := loadLinks[string](ctx, q, "shift_skills", "shift_id", "skill_code", ids)
	if err != nil {
		return err
	}
	for i := range list {
		if s := skills[list[i].ID]; s != nil {
			list[i].Skills = s
		}
	}
	return nil
}

// ListShifts returns an event's shifts by start.
func (db *DB) ListShifts(ctx context.Context, eventID int64) ([]parasat.Shift, error) {
	return listShifts(ctx, db.read, eventID)
}

func listShifts(ctx context.Context, q queryer, eventID int64) ([]parasat.Shift, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+shiftColumns+" FROM shifts WHERE event_id = $1 ORDER BY starts_at, id", eventID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []parasat.Shift{}
	for rows.Next() {
		s, err := scanShift(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	return out, loadShiftSkills(ctx, q, out)
}

// shiftEvent reads the event of a shift in tx and refuses a change of its
// shifts once the event is cancelled or reported.
func shiftEvent(ctx context.Context, tx *sql.Tx, eventID int64, field string) (*parasat.Event, error) {
	e, err := getEvent(ctx, tx, eventID)
	if err != nil {
		return nil, err
	}
	switch e.Status {
	case parasat.EventCancelled:
		return nil, refuse(parasat.EConflict, parasat.FieldError{Field: field, Code: "shift.event_cancelled",
			Message: "the event is cancelled: its shifts no longer change"})
	case parasat.EventReported:
		return nil, refuse(parasat.EConflict, parasat.FieldError{Field: field, Code: "shift.event_reported",
			Message: "the event is reported: its shifts and hours no longer change"})
	}
	return e, nil
}

// checkShift validates a shift against its event and the list of skills.
func checkShift(ctx context.Context, tx *sql.Tx, s *parasat.Shift, e *parasat.Event) error {
	if err := s.Validate(e); err != nil {
		return err
	}
	if n, err := countWhere(ctx, tx, "skills", "code", s.Skills); err != nil {
		return err
	} else if n != len(s.Skills) {
		return (&parasat.Problems{{Field: "skills", Code: "skill.unknown", Message: "is not in the list of skills"}}).Err()
	}
	return nil
}

// CreateShift adds a shift to a planned or held event.
func (db *DB) CreateShift(ctx context.Context, s *parasat.Shift) error {
	s.Normalize()
	if err := s.Validate(nil); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		e, err := shiftEvent(ctx, tx, s.EventID, "event_id")
		if err != nil {
			return err
		}
		return db.insertShift(ctx, tx, s, e)
	})
}

func (db *DB) insertShift(ctx context.Context, tx *sql.Tx, s *parasat.Shift, e *parasat.Event) error {
	if err := checkShift(ctx, tx, s, e); err != nil {
		return err
	}
	now := db.now()
	err := tx.QueryRowContext(ctx, `INSERT INTO shifts (event_id, role_kk, role_ru, role_en, starts_at, ends_at, capacity,
		created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id`,
		s.EventID, s.Role.KK, s.Role.RU, s.Role.EN, s.Starts, s.Ends, s.Capacity, idOrNull(parasat.ActorFrom(ctx).UserID), now).Scan(&s.ID)
	if err != nil {
		return fmt.Errorf("insert shift: %w", err)
	}
	s.Created, s.Updated, s.Confirmed, s.Waitlisted = now, now, 0, 0
	if err := replaceLinks(ctx, tx, "shift_skills", "shift_id", "skill_code", s.ID, s.Skills); err != nil {
		return fmt.Errorf("write the shift's skills: %w", err)
	}
	return db.audit(ctx, tx, "create", "shift", strconv.FormatInt(s.ID, 10), e.Region, nil, s)
}

// UpdateShift changes a shift; see parasat.ShiftService.
func (db *DB) UpdateShift(ctx context.Context, s *parasat.Shift) error {
	s.Normalize()
	if err := s.Validate(nil); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		before, err := db.lockShift(ctx, tx, s.ID)
		if err != nil {
			return err
		}
		s.EventID = before.EventID
		e, err := shiftEvent(ctx, tx, before.EventID, "event_id")
		if err != nil {
			return err
		}
		if err := checkShift(ctx, tx, s, e); err != nil {
			return err
		}
		if err := checkShiftChange(ctx, tx, before, s); err != nil {
			return err
		}
		now := db.now()
		if _, err := tx.ExecContext(ctx, `UPDATE shifts SET role_kk = $1, role_ru = $2, role_en = $3, starts_at = $4,
			ends_at = $5, capacity = $6, updated_at = $7 WHERE id = $8`,
			s.Role.KK, s.Role.RU, s.Role.EN, s.Starts, s.Ends, s.Capacity, now, s.ID); err != nil {
			return fmt.Errorf("update shift: %w", err)
		}
		if err := replaceLinks(ctx, tx, "shift_skills", "shift_id", "skill_code", s.ID, s.Skills); err != nil {
			return fmt.Errorf("write the shift's skills: %w", err)
		}
		s.Created, s.Updated, s.Confirmed, s.Waitlisted = before.Created, now, before.Confirmed, before.Waitlisted
		if err := db.audit(ctx, tx, "update", "shift", strconv.FormatInt(s.ID, 10), e.Region, before, s); err != nil {
			return err
		}
		if !s.Starts.Equal(before.Starts) {
			if err := db.moveShiftTimes(ctx, tx, s, e); err != nil {
				return err
			}
		}
		return db.fillPlaces(ctx, tx, s, e)
	})
}

// checkShiftChange refuses what would contradict the sign-ups: fewer places
// than the volunteers holding one, new times once someone has checked in.
func checkShiftChange(ctx context.Context, tx *sql.Tx, before, s *parasat.Shift) error {
	if s.Capacity < before.Confirmed {
		return refuse(parasat.EConflict, parasat.FieldError{Field: "capacity", Code: "shift.capacity_below_confirmed",
			Message: fmt.Sprintf("%d volunteers hold places: the capacity cannot be less", before.Confirmed)})
	}
	if s.Starts.Equal(before.Starts) && s.Ends.Equal(before.Ends) {
		return nil
	}
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM shift_signups WHERE shift_id = $1 AND checked_in_at IS NOT NULL",
		s.ID).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return refuse(parasat.EConflict, parasat.FieldError{Field: "starts_at", Code: "shift.times_fixed",
			Message: "volunteers have checked in: the shift's times no longer change"})
	}
	return nil
}

// moveShiftTimes follows a shift to its new start: the reminders of its
// volunteers are queued again for the day before, and hours already entered
// count on the new day.
func (db *DB) moveShiftTimes(ctx context.Context, tx *sql.Tx, s *parasat.Shift, e *parasat.Event) error {
	if _, err := tx.ExecContext(ctx, "UPDATE shift_signups SET hours_day = $1 WHERE shift_id = $2 AND hours_day IS NOT NULL",
		s.StartDay().Time, s.ID); err != nil {
		return err
	}
	list, err := shiftSignups(ctx, tx, s.ID)
	if err != nil {
		return err
	}
	for i := range list {
		if list[i].Status != parasat.SignupConfirmed {
			continue
		}
		if _, err := db.cancelJob(ctx, tx, reminderKey(list[i].ID)); err != nil {
			return err
		}
		if err := db.queueReminder(ctx, tx, &list[i], s, e); err != nil {
			return err
		}
	}
	return nil
}

// DeleteShift removes a shift that nobody has checked in to, with its
// sign-ups, and withdraws their reminders.
func (db *DB) DeleteShift(ctx context.Context, id int64) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		s, err := db.lockShift(ctx, tx, id)
		if err != nil {
			return err
		}
		e, err := shiftEvent(ctx, tx, s.EventID, "shift")
		if err != nil {
			return err
		}
		list, err := shiftSignups(ctx, tx, id)
		if err != nil {
			return err
		}
		for _, g := range list {
			if g.CheckedIn != nil || g.ConfirmedMinutes != nil {
				return refuse(parasat.EConflict, parasat.FieldError{Field: "shift", Code: "shift.worked",
					Message: "volunteers have worked this shift: it cannot be removed"})
			}
		}
		for _, g := range list {
			if _, err := db.cancelJob(ctx, tx, reminderKey(g.ID)); err != nil {
				return err
			}
			if err := db.audit(ctx, tx, "delete", "shift_signup", strconv.FormatInt(g.ID, 10), e.Region, &g, nil); err != nil {
				return err
			}
		}
		for _, table := range []string{"shift_signups", "shift_skills"} {
			if _, err := tx.ExecContext(ctx, "DELETE FROM "+table+" WHERE shift_id = $1", id); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM shifts WHERE id = $1", id); err != nil {
			return err
		}
		return db.audit(ctx, tx, "delete", "shift", strconv.FormatInt(id, 10), e.Region, s, nil)
	})
}

// OpenShifts lists the shifts not yet started of published events that are
// planned or being held, by start (on the index shifts_starts).
func (db *DB) OpenShifts(ctx context.Context, f parasat.OpenShiftFilter) ([]parasat.OpenShift, error) {
	var q listQuery
	q.and("shifts.starts_at > " + q.arg(db.now()))
	q.and("events.published")
	q.and("events.status IN ('planned', 'held')")
	if f.Region != "" {
		q.and("events.region_code = " + q.arg(f.Region))
	}
	if f.AfterID > 0 {
		at, id := q.arg(f.AfterStart.UTC()), q.arg(f.AfterID)
		q.and("(shifts.starts_at > " + at + " OR (shifts.starts_at = " + at + " AND shifts.id > " + id + "))")
	}
	rows, err := db.read.QueryContext(ctx, "SELECT "+shiftColumns+`, events.title_kk, events.title_ru, events.title_en,
		events.address, events.region_code FROM shifts JOIN events ON events.id = shifts.event_id WHERE `+q.clause()+
		" ORDER BY shifts.starts_at, shifts.id LIMIT "+strconv.Itoa(pageSize(f.Limit)), q.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []parasat.OpenShift{}
	var shifts []parasat.Shift
	for rows.Next() {
		var o parasat.OpenShift
		var s parasat.Shift
		err := rows.Scan(&s.ID, &s.EventID, &s.Role.KK, &s.Role.RU, &s.Role.EN, &s.Starts, &s.Ends, &s.Capacity,
			&s.Created, &s.Updated, &s.Confirmed, &s.Waitlisted, &o.EventTitle.KK, &o.EventTitle.RU, &o.EventTitle.EN,
			&o.Address, &o.Region)
		if err != nil {
			return nil, err
		}
		s.Starts, s.Ends, s.Created, s.Updated = s.Starts.UTC(), s.Ends.UTC(), s.Created.UTC(), s.Updated.UTC()
		s.Skills = []string{}
		out, shifts = append(out, o), append(shifts, s)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	if err := loadShiftSkills(ctx, db.read, shifts); err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Shift = shifts[i]
	}
	return out, nil
}

// eventShiftsChanged keeps the shifts of an event in step with it when it
// changes (called by UpdateEvent): they stay within a day of it, and the
// region their hours count in is the event's.
func eventShiftsChanged(ctx context.Context, tx *sql.Tx, e *parasat.Event) error {
	if _, err := tx.ExecContext(ctx, "UPDATE shift_signups SET region_code = $1 WHERE event_id = $2 AND region_code <> $1",
		e.Region, e.ID); err != nil {
		return err
	}
	var outside int
	if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM shifts WHERE event_id = $1 AND (starts_at < $2 OR ends_at > $3)",
		e.ID, e.Starts.Add(-parasat.ShiftLeeway), e.Ends.Add(parasat.ShiftLeeway)).Scan(&outside); err != nil {
		return err
	}
	if outside > 0 {
		return refuse(parasat.EConflict, parasat.FieldError{Field: "starts_at", Code: "event.shifts_outside",
			Message: "the event's shifts would lie more than a day outside it: move them first"})
	}
	return nil
}
