package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/parasat-kz/parasat"
)

// ImportShifts records shifts with their volunteers and hours in one
// transaction, through the checks of the one-by-one path: approved
// volunteers, no one twice or on overlapping shifts, no more places than the
// capacity, check-out after check-in, hours within the shift's length and
// its margin. No mail is sent. What the checks need is read with a few
// queries for the whole batch, and the rows are written by multi-row
// INSERTs, so that the demonstration's year of shifts loads quickly.
func (db *DB) ImportShifts(ctx context.Context, list []parasat.ShiftHistory) error {
	for i, h := range list {
		h.Shift.Normalize()
		if err := h.Shift.Validate(nil); err != nil {
			return atIndex(i, err)
		}
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		c, err := loadImportContext(ctx, tx, list)
		if err != nil {
			return err
		}
		var signups []importedRow
		for i, h := range list {
			e := c.events[h.Shift.EventID]
			if err := c.checkShift(h.Shift, e); err != nil {
				return atIndex(i, err)
			}
			rows, err := c.signups(h, db.now())
			if err != nil {
				return atIndex(i, err)
			}
			signups = append(signups, rows...)
		}
		if err := db.insertShifts(ctx, tx, list, c.events); err != nil {
			return err
		}
		return db.insertSignups(ctx, tx, signups, c.events)
	})
}

// importContext is what the checks of an import need, read at once.
type importContext struct {
	events   map[int64]*parasat.Event
	skills   map[string]bool
	approved map[int64]bool
	busy     map[int64][][2]time.Time // each volunteer's active sign-ups, by time
}

// importedRow is a sign-up of the batch and its shift.
type importedRow struct {
	g *parasat.Signup
	s *parasat.Shift
}

func loadImportContext(ctx context.Context, tx *sql.Tx, list []parasat.ShiftHistory) (*importContext, error) {
	c := &importContext{events: map[int64]*parasat.Event{}, skills: map[string]bool{}, approved: map[int64]bool{},
		busy: map[int64][][2]time.Time{}}
	var eventIDs, volunteers []int64
	for _, h := range list {
		eventIDs = append(eventIDs, h.Shift.EventID)
		for _, g := range h.Signups {
			volunteers = append(volunteers, g.VolunteerID)
		}
	}
	eventIDs, volunteers = sortedIDs(eventIDs), sortedIDs(volunteers)
	err := queryIn(ctx, tx, "SELECT id, starts_at, ends_at, status, region_code FROM events WHERE id IN", eventIDs, func(rows *sql.Rows) error {
		e := &parasat.Event{}
		err := rows.Scan(&e.ID, &e.Starts, &e.Ends, &e.Status, &e.Region)
		c.events[e.ID] = e
		return err
	})
	if err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, "SELECT code FROM skills")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var code string
		if err := rows.Scan(&code); err != nil {
			return nil, err
		}
		c.skills[code] = true
	}
	if err := queryIn(ctx, tx, "SELECT id, status FROM volunteers WHERE id IN", volunteers, func(rows *sql.Rows) error {
		var id int64
		var status parasat.VolunteerStatus
		err := rows.Scan(&id, &status)
		c.approved[id] = status == parasat.VolunteerApproved
		return err
	}); err != nil {
		return nil, err
	}
	return c, queryIn(ctx, tx, `SELECT volunteer_id, shifts.starts_at, shifts.ends_at FROM shift_signups
		JOIN shifts ON shifts.id = shift_signups.shift_id WHERE status IN ('confirmed', 'waitlisted') AND volunteer_id IN`,
		volunteers, func(rows *sql.Rows) error {
			var id int64
			var b [2]time.Time
			err := rows.Scan(&id, &b[0], &b[1])
			c.busy[id] = append(c.busy[id], b)
			return err
		})
}

// queryIn runs query ("… WHERE x IN") for the ids, 500 at a time, and calls
// scan for every row.
func queryIn(ctx context.Context, tx *sql.Tx, query string, ids []int64, scan func(*sql.Rows) error) error {
	for start := 0; start < len(ids); start += 500 {
		var q listQuery
		rows, err := tx.QueryContext(ctx, query+" ("+placeholders(&q, ids[start:min(start+500, len(ids))])+")", q.args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			if err := scan(rows); err != nil {
				rows.Close()
				return err
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

// checkShift checks one shift of the batch against its event and the skills.
func (c *importContext) checkShift(s *parasat.Shift, e *parasat.Event) error {
	switch {
	case e == nil:
		return parasat.Errorf(parasat.ENotFound, "event %d not found", s.EventID)
	case e.Status == parasat.EventCancelled:
		return conflict("event_id", "shift.event_cancelled", "the event is cancelled: its shifts no longer change")
	}
	if err := s.Validate(e); err != nil {
		return err
	}
	for _, code := range s.Skills {
		if !c.skills[code] {
			return (&parasat.Problems{{Field: "skills", Code: "skill.unknown", Message: "is not in the list of skills"}}).Err()
		}
	}
	return nil
}

// signups checks the volunteers of one shift and returns their sign-ups.
func (c *importContext) signups(h parasat.ShiftHistory, now time.Time) ([]importedRow, error) {
	s := h.Shift
	signedUp := s.Starts.Add(-24 * time.Hour)
	if now.Before(signedUp) {
		signedUp = now
	}
	seen := map[int64]bool{}
	confirmed := 0
	var out []importedRow
	for j, sh := range h.Signups {
		field := "signups." + strconv.Itoa(j)
		g, err := importedSignup(s, sh, signedUp, now)
		if err != nil {
			return nil, atField(field, err)
		}
		if g.Status == parasat.SignupConfirmed {
			confirmed++
		}
		switch {
		case seen[sh.VolunteerID]:
			return nil, conflict(field+".shift", "shift.already_signed_up", "the volunteer is already signed up for this shift")
		case g.Status == parasat.SignupWaitlisted && confirmed < s.Capacity || confirmed > s.Capacity:
			return nil, conflict(field+".shift", "shift.capacity_import", "the shift's places are filled before its waitlist, up to its capacity")
		case !c.approved[sh.VolunteerID]:
			return nil, conflict(field+".volunteer_id", "shift.volunteer_not_approved", "only an approved volunteer signs up for shifts")
		}
		for _, b := range c.busy[sh.VolunteerID] {
			if b[0].Before(s.Ends) && s.Starts.Before(b[1]) {
				return nil, conflict(field+".shift", "shift.overlaps", "the volunteer is signed up for another shift at the same time")
			}
		}
		seen[sh.VolunteerID] = true
		c.busy[sh.VolunteerID] = append(c.busy[sh.VolunteerID], [2]time.Time{s.Starts, s.Ends})
		g.EventID = s.EventID
		out = append(out, importedRow{g, s})
	}
	return out, nil
}

// importedSignup checks one imported volunteer's times and hours.
func importedSignup(s *parasat.Shift, sh parasat.SignupHistory, signedUp, now time.Time) (*parasat.Signup, error) {
	g := &parasat.Signup{VolunteerID: sh.VolunteerID, Status: parasat.SignupConfirmed,
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

// importChunk is how many rows one INSERT of an import carries.
const importChunk = 250

// insertShifts writes the shifts of a batch, their skills and audit rows.
func (db *DB) insertShifts(ctx context.Context, tx *sql.Tx, list []parasat.ShiftHistory, events map[int64]*parasat.Event) error {
	now, by := db.now(), idOrNull(parasat.ActorFrom(ctx).UserID)
	var audits []batchAudit
	var skills []any
	for start := 0; start < len(list); start += importChunk {
		chunk := list[start:min(start+importChunk, len(list))]
		args := make([]any, 0, len(chunk)*10)
		for _, h := range chunk {
			s := h.Shift
			args = append(args, s.EventID, s.Role.KK, s.Role.RU, s.Role.EN, s.Starts, s.Ends, s.Capacity, by, now, now)
		}
		ids, err := insertReturningIDs(ctx, tx, `INSERT INTO shifts (event_id, role_kk, role_ru, role_en, starts_at, ends_at,
			capacity, created_by, created_at, updated_at) VALUES `+db.valueRows(len(chunk), 10)+" RETURNING id", args)
		if err != nil {
			return fmt.Errorf("insert shifts: %w", err)
		}
		for i, h := range chunk {
			h.Shift.ID, h.Shift.Created, h.Shift.Updated = ids[i], now, now
			for _, code := range h.Shift.Skills {
				skills = append(skills, h.Shift.ID, code)
			}
			audits = append(audits, batchAudit{entityID: strconv.FormatInt(ids[i], 10), region: events[h.Shift.EventID].Region, after: h.Shift})
		}
	}
	for start := 0; start < len(skills); start += 2 * importChunk {
		chunk := skills[start:min(start+2*importChunk, len(skills))]
		if _, err := tx.ExecContext(ctx, "INSERT INTO shift_skills (shift_id, skill_code) VALUES "+db.valueRows(len(chunk)/2, 2),
			chunk...); err != nil {
			return fmt.Errorf("insert the shifts' skills: %w", err)
		}
	}
	return db.auditCreates(ctx, tx, "shift", audits)
}

// insertSignups writes the sign-ups of a batch (their shifts written) and their audit rows.
func (db *DB) insertSignups(ctx context.Context, tx *sql.Tx, list []importedRow, events map[int64]*parasat.Event) error {
	now := db.now()
	var audits []batchAudit
	for start := 0; start < len(list); start += importChunk {
		chunk := list[start:min(start+importChunk, len(list))]
		args := make([]any, 0, len(chunk)*14)
		for _, row := range chunk {
			g := row.g
			g.ShiftID = row.s.ID
			var day any
			if g.ConfirmedMinutes != nil {
				day = row.s.StartDay().Time
			}
			args = append(args, g.ShiftID, g.EventID, g.VolunteerID, events[g.EventID].Region, g.Status, g.SignedUpAt,
				nullTime(g.PlacedAt), nullTime(g.CheckedIn), nullTime(g.CheckedOut), nullInt(g.Minutes), nullInt(g.ConfirmedMinutes),
				day, nullTime(g.HoursConfirmedAt), now)
		}
		ids, err := insertReturningIDs(ctx, tx, `INSERT INTO shift_signups (shift_id, event_id, volunteer_id, region_code, status,
			signed_up_at, placed_at, checked_in_at, checked_out_at, minutes, confirmed_minutes, hours_day, hours_confirmed_at,
			updated_at) VALUES `+db.valueRows(len(chunk), 14)+" RETURNING id", args)
		if err != nil {
			return fmt.Errorf("insert sign-ups: %w", err)
		}
		for i, row := range chunk {
			g := row.g
			g.ID = ids[i]
			audits = append(audits, batchAudit{entityID: strconv.FormatInt(g.ID, 10), region: events[g.EventID].Region, after: g})
		}
	}
	return db.auditCreates(ctx, tx, "shift_signup", audits)
}

// insertReturningIDs runs a multi-row INSERT … RETURNING id and returns the
// new IDs in the order of its rows (both engines number them so).
func insertReturningIDs(ctx context.Context, tx *sql.Tx, query string, args []any) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids, rows.Err()
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
