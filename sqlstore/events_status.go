package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"github.com/parasat-kz/parasat"
)

// HoldEvent records that a planned event took place.
func (db *DB) HoldEvent(ctx context.Context, id int64) (*parasat.Event, error) {
	var e *parasat.Event
	err := db.inTx(ctx, func(tx *sql.Tx) (err error) {
		e, err = db.holdEvent(ctx, tx, id)
		return err
	})
	return e, err
}

// CancelEvent cancels a planned event, with the reason.
func (db *DB) CancelEvent(ctx context.Context, id int64, reason string) (*parasat.Event, error) {
	var e *parasat.Event
	err := db.inTx(ctx, func(tx *sql.Tx) (err error) {
		e, err = db.cancelEvent(ctx, tx, id, reason)
		return err
	})
	return e, err
}

// ReportEvent stores the volunteers and hours of a held event and reports
// it, once it has aid records.
func (db *DB) ReportEvent(ctx context.Context, id int64, r parasat.EventReport) (*parasat.Event, error) {
	var e *parasat.Event
	err := db.inTx(ctx, func(tx *sql.Tx) (err error) {
		e, err = db.reportEvent(ctx, tx, id, r)
		return err
	})
	return e, err
}

func (db *DB) holdEvent(ctx context.Context, tx *sql.Tx, id int64) (*parasat.Event, error) {
	before, err := getEvent(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	return db.moveEvent(ctx, tx, before, parasat.EventHeld, "")
}

func (db *DB) cancelEvent(ctx context.Context, tx *sql.Tx, id int64, reason string) (*parasat.Event, error) {
	before, err := getEvent(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if err := db.withdrawEventReminders(ctx, tx, id); err != nil {
		return nil, err
	}
	return db.moveEvent(ctx, tx, before, parasat.EventCancelled, reason)
}

func (db *DB) reportEvent(ctx context.Context, tx *sql.Tx, id int64, r parasat.EventReport) (*parasat.Event, error) {
	before, err := getEvent(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	return db.reportEventFrom(ctx, tx, before, r)
}

// reportEventFrom reports the event before is (as read in this transaction).
func (db *DB) reportEventFrom(ctx context.Context, tx *sql.Tx, before *parasat.Event, r parasat.EventReport) (*parasat.Event, error) {
	if err := before.CheckTransition(parasat.EventReported, db.now(), ""); err != nil {
		return nil, err
	}
	if err := r.Validate(before); err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE events SET volunteers = $1, volunteer_minutes = $2 WHERE id = $3",
		r.Volunteers, r.VolunteerMinutes, before.ID); err != nil {
		return nil, err
	}
	results, err := eventResults(ctx, tx, before.ID)
	if err != nil {
		return nil, err
	}
	if results.AidRecords == 0 {
		return nil, &parasat.Error{Code: parasat.EConflict, Message: "the event has no results yet",
			Fields: []parasat.FieldError{{Field: "aid", Code: "event.no_results",
				Message: "record who was helped at the event (by name or as an anonymous group) before reporting it"}}}
	}
	return db.moveEvent(ctx, tx, before, parasat.EventReported, "")
}

// moveEvent checks and records a change of status of the event before is
// (as read in this transaction), with who made it and when.
func (db *DB) moveEvent(ctx context.Context, tx *sql.Tx, before *parasat.Event, to parasat.EventStatus, reason string) (*parasat.Event, error) {
	now := db.now()
	if err := before.CheckTransition(to, now, reason); err != nil {
		return nil, err
	}
	after := *before
	after.Status, after.Updated = to, now
	var by *int64
	if u := parasat.ActorFrom(ctx).UserID; u != 0 {
		by = &u
	}
	set := ""
	switch to {
	case parasat.EventHeld:
		set, after.HeldAt, after.HeldBy = "held_at = $2, held_by = $3", &now, by
	case parasat.EventReported:
		set, after.ReportedAt, after.ReportedBy = "reported_at = $2, reported_by = $3", &now, by
		if err := tx.QueryRowContext(ctx, "SELECT volunteers, volunteer_minutes FROM events WHERE id = $1", before.ID).
			Scan(&after.Volunteers, &after.VolunteerMinutes); err != nil {
			return nil, err
		}
	case parasat.EventCancelled:
		set, after.CancelledAt, after.CancelledBy, after.CancelReason = "cancelled_at = $2, cancelled_by = $3, cancel_reason = $6", &now, by, reason
	}
	// The status it had is part of the condition, so two people moving the
	// same event at once cannot both succeed.
	args := []any{to, now, idOrNull(parasat.ActorFrom(ctx).UserID), before.ID, before.Status}
	if to == parasat.EventCancelled {
		args = append(args, reason)
	}
	res, err := tx.ExecContext(ctx, "UPDATE events SET status = $1, "+set+", updated_at = $2 WHERE id = $4 AND status = $5", args...)
	if err != nil {
		return nil, fmt.Errorf("change the event's status: %w", err)
	}
	if k, _ := res.RowsAffected(); k != 1 {
		return nil, parasat.Errorf(parasat.EConflict, "the event changed meanwhile; reload it")
	}
	if err := db.audit(ctx, tx, "update", "event", strconv.FormatInt(after.ID, 10), after.Region, before, &after); err != nil {
		return nil, err
	}
	return &after, nil
}

// EventResults computes what an event did from its aid records.
func (db *DB) EventResults(ctx context.Context, id int64) (*parasat.EventResults, error) {
	if _, err := getEvent(ctx, db.read, id); err != nil {
		return nil, err
	}
	return eventResults(ctx, db.read, id)
}

// eventResults counts as FIGURES.md does, within one event: distinct people
// helped by name or as members of a household helped, plus the anonymous
// groups; the value of everything given, by kind.
func eventResults(ctx context.Context, q queryer, id int64) (*parasat.EventResults, error) {
	r := &parasat.EventResults{ValueByKind: map[parasat.AidKind]int64{}}
	err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM (
			SELECT beneficiary_id AS person FROM aid_records WHERE event_id = $1 AND beneficiary_id IS NOT NULL
			UNION
			SELECT b.id FROM aid_records a JOIN beneficiaries b ON b.household_id = a.household_id
			WHERE a.event_id = $1 AND a.household_id IS NOT NULL) people`, id).Scan(&r.PeopleNamed)
	if err != nil {
		return nil, fmt.Errorf("count people helped: %w", err)
	}
	err = q.QueryRowContext(ctx, `SELECT COUNT(*) FROM (
			SELECT household_id AS h FROM aid_records WHERE event_id = $1 AND household_id IS NOT NULL
			UNION
			SELECT b.household_id FROM aid_records a JOIN beneficiaries b ON b.id = a.beneficiary_id
			WHERE a.event_id = $1 AND b.household_id IS NOT NULL) families`, id).Scan(&r.Households)
	if err != nil {
		return nil, fmt.Errorf("count households helped: %w", err)
	}
	rows, err := q.QueryContext(ctx, `SELECT kind, COUNT(*), COALESCE(SUM(value_tiyn), 0), COALESCE(SUM(group_size), 0)
		FROM aid_records WHERE event_id = $1 GROUP BY kind`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			kind         parasat.AidKind
			n, anonymous int
			value        int64
		)
		if err := rows.Scan(&kind, &n, &value, &anonymous); err != nil {
			return nil, err
		}
		r.AidRecords += n
		r.ValueTiyn += value
		r.ValueByKind[kind] = value
		r.PeopleAnonymous += anonymous
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	r.PeopleHelped = r.PeopleNamed + r.PeopleAnonymous
	var volunteers, minutes sql.NullInt64
	if err := q.QueryRowContext(ctx, "SELECT volunteers, volunteer_minutes FROM events WHERE id = $1", id).Scan(&volunteers, &minutes); err != nil {
		return nil, err
	}
	if volunteers.Valid {
		n := int(volunteers.Int64)
		r.Volunteers = &n
	}
	r.VolunteerMinutes = int64Ptr(minutes)
	return r, nil
}

// SetEventPhoto replaces the event's photo (already re-encoded by the caller).
func (db *DB) SetEventPhoto(ctx context.Context, id int64, p *parasat.EventPhoto) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		e, err := getEvent(ctx, tx, id)
		if err != nil {
			return err
		}
		p.Updated = db.now()
		if _, err := tx.ExecContext(ctx, "DELETE FROM event_photos WHERE event_id = $1", id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO event_photos (event_id, data, width, height, updated_at) VALUES ($1, $2, $3, $4, $5)",
			id, p.Data, p.Width, p.Height, p.Updated); err != nil {
			return fmt.Errorf("store the photo: %w", err)
		}
		type photoAudit struct {
			Photo string `json:"photo"`
		}
		return db.audit(ctx, tx, "update", "event", strconv.FormatInt(id, 10), e.Region, nil,
			photoAudit{fmt.Sprintf("%d×%d JPEG, %d bytes", p.Width, p.Height, len(p.Data))})
	})
}

// EventPhoto returns the event's photo.
func (db *DB) EventPhoto(ctx context.Context, id int64) (*parasat.EventPhoto, error) {
	var p parasat.EventPhoto
	err := db.read.QueryRowContext(ctx, "SELECT data, width, height, updated_at FROM event_photos WHERE event_id = $1", id).
		Scan(&p.Data, &p.Width, &p.Height, &p.Updated)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, parasat.Errorf(parasat.ENotFound, "the event has no photo")
	}
	p.Updated = p.Updated.UTC()
	return &p, err
}

// ImportEvents records past events, their aid and their status in one
// transaction, through the same checks as one by one.
func (db *DB) ImportEvents(ctx context.Context, list []parasat.EventHistory) error {
	var aid []*parasat.AidRecord
	for i, h := range list {
		h.Event.Status = parasat.EventPlanned
		if err := db.prepareEvent(ctx, db.read, h.Event); err != nil {
			return atIndex(i, err)
		}
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		for i, h := range list {
			if err := db.insertEvent(ctx, tx, h.Event); err != nil {
				return atIndex(i, err)
			}
			for _, a := range h.Aid {
				a.EventID = &h.Event.ID
				aid = append(aid, a)
			}
		}
		if err := db.recordAid(ctx, tx, aid); err != nil {
			return err
		}
		for i, h := range list {
			if err := db.finishHistory(ctx, tx, h); err != nil {
				return atIndex(i, err)
			}
		}
		return nil
	})
}

// finishHistory moves an event just inserted (h.Event, as stored) to its fate.
func (db *DB) finishHistory(ctx context.Context, tx *sql.Tx, h parasat.EventHistory) error {
	if h.CancelReason != "" {
		_, err := db.moveEvent(ctx, tx, h.Event, parasat.EventCancelled, h.CancelReason)
		return err
	}
	e := h.Event
	if h.Held || h.Report != nil {
		var err error
		if e, err = db.moveEvent(ctx, tx, e, parasat.EventHeld, ""); err != nil {
			return err
		}
	}
	if h.Report != nil {
		if _, err := db.reportEventFrom(ctx, tx, e, *h.Report); err != nil {
			return err
		}
	}
	return nil
}
