package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"github.com/parasat-kz/parasat"
)

var _ parasat.EventService = (*DB)(nil)

const eventColumns = `events.id, title_kk, title_ru, title_en, description_kk, description_ru, description_en, kind,
	starts_at, ends_at, address, events.region_code, lead_organisation_id, planned_budget_tiyn, occasion_key, status,
	cancel_reason, held_at, held_by, reported_at, reported_by, cancelled_at, cancelled_by, volunteers,
	volunteer_minutes, published, EXISTS (SELECT 1 FROM event_photos ph WHERE ph.event_id = events.id),
	events.created_at, events.updated_at`

func scanEvent(row interface{ Scan(...any) error }) (parasat.Event, error) {
	var (
		e                            parasat.Event
		occasion                     sql.NullString
		held, reported, cancelled    sql.NullTime
		heldBy, reportedBy, cancelBy sql.NullInt64
		volunteers, volunteerMinutes sql.NullInt64
	)
	err := row.Scan(&e.ID, &e.Title.KK, &e.Title.RU, &e.Title.EN, &e.Description.KK, &e.Description.RU,
		&e.Description.EN, &e.Kind, &e.Starts, &e.Ends, &e.Address, &e.Region, &e.LeadID, &e.PlannedBudget, &occasion,
		&e.Status, &e.CancelReason, &held, &heldBy, &reported, &reportedBy, &cancelled, &cancelBy, &volunteers,
		&volunteerMinutes, &e.Published, &e.HasPhoto, &e.Created, &e.Updated)
	e.OccasionKey = occasion.String
	e.HeldAt, e.ReportedAt, e.CancelledAt = timePtr(held), timePtr(reported), timePtr(cancelled)
	e.HeldBy, e.ReportedBy, e.CancelledBy = int64Ptr(heldBy), int64Ptr(reportedBy), int64Ptr(cancelBy)
	if volunteers.Valid {
		n := int(volunteers.Int64)
		e.Volunteers = &n
	}
	e.VolunteerMinutes = int64Ptr(volunteerMinutes)
	e.Starts, e.Ends, e.Created, e.Updated = e.Starts.UTC(), e.Ends.UTC(), e.Created.UTC(), e.Updated.UTC()
	e.Partners, e.Patrons, e.TargetGroups = []int64{}, []int64{}, []parasat.Category{}
	return e, err
}

// eventValues are the editable columns, in the order of the INSERT and UPDATE below.
func eventValues(e *parasat.Event) []any {
	return []any{e.Title.KK, e.Title.RU, e.Title.EN, e.Description.KK, e.Description.RU, e.Description.EN,
		searchText(e.Title.KK, e.Title.RU, e.Title.EN), e.Kind, e.Starts, e.Ends, e.StartDay().Time, e.Address,
		e.Region, e.LeadID, e.PlannedBudget, nullString(e.OccasionKey), e.Published}
}

// Event returns one event with its partners, patrons and target groups.
func (db *DB) Event(ctx context.Context, id int64) (*parasat.Event, error) {
	return getEvent(ctx, db.read, id)
}

func getEvent(ctx context.Context, q queryer, id int64) (*parasat.Event, error) {
	e, err := scanEvent(q.QueryRowContext(ctx, "SELECT "+eventColumns+" FROM events WHERE id = $1", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, parasat.Errorf(parasat.ENotFound, "event %d not found", id)
	}
	if err != nil {
		return nil, err
	}
	list := []parasat.Event{e}
	if err := loadEventLinks(ctx, q, list); err != nil {
		return nil, err
	}
	return &list[0], nil
}

// loadEventLinks fills partners, patrons and target groups of a page of
// events with three queries, whatever the page size.
func loadEventLinks(ctx context.Context, q queryer, list []parasat.Event) error {
	ids := make([]int64, len(list))
	for i := range list {
		ids[i] = list[i].ID
	}
	partners, err := eventPartnerLinks(ctx, q, ids)
	if err != nil {
		return err
	}
	patrons, err := loadLinks[int64](ctx, q, "event_patrons", "event_id", "patron_id", ids)
	if err != nil {
		return err
	}
	groups, err := loadLinks[string](ctx, q, "event_target_groups", "event_id", "category", ids)
	if err != nil {
		return err
	}
	for i := range list {
		e := &list[i]
		if p := partners[e.ID]; p != nil {
			e.Partners = p
		}
		if p := patrons[e.ID]; p != nil {
			e.Patrons = p
		}
		for _, c := range groups[e.ID] {
			e.TargetGroups = append(e.TargetGroups, parasat.Category(c))
		}
	}
	return nil
}

// eventPartnerLinks reads the partners (not the lead) of the events.
func eventPartnerLinks(ctx context.Context, q queryer, ids []int64) (map[int64][]int64, error) {
	partners := map[int64][]int64{}
	if len(ids) == 0 {
		return partners, nil
	}
	var b listQuery
	rows, err := q.QueryContext(ctx, "SELECT event_id, organisation_id FROM event_organisations WHERE role = 'partner' AND event_id IN ("+
		placeholders(&b, ids)+") ORDER BY event_id, organisation_id", b.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var ev, org int64
		if err := rows.Scan(&ev, &org); err != nil {
			return nil, err
		}
		partners[ev] = append(partners[ev], org)
	}
	return partners, rows.Err()
}

// ListEvents returns one page of the events the filter selects and the
// caller may read, ordered by start.
func (db *DB) ListEvents(ctx context.Context, f parasat.EventFilter) ([]parasat.Event, error) {
	var q listQuery
	if f.PublishedOnly {
		q.and("published")
	} else {
		var vis listQuery
		vis.args = q.args
		vis.visible(f.Visibility, "events", "event_organisations", "event_id")
		q.args = vis.args
		if f.IncludePublished && !f.Visibility.All {
			q.and("(published OR " + vis.clause() + ")")
		} else {
			q.and(vis.clause())
		}
	}
	if f.Region != "" {
		q.and("events.region_code = " + q.arg(f.Region))
	}
	if f.Organisation != 0 {
		q.and("EXISTS (SELECT 1 FROM event_organisations eo WHERE eo.event_id = events.id AND eo.organisation_id = " +
			q.arg(f.Organisation) + ")")
	}
	if f.Patron != 0 {
		q.and("events.id IN (SELECT ep.event_id FROM event_patrons ep WHERE ep.patron_id = " + q.arg(f.Patron) + ")")
	}
	if f.Kind != "" {
		q.and("kind = " + q.arg(string(f.Kind)))
	}
	if len(f.Statuses) > 0 {
		q.and("status IN (" + placeholders(&q, f.Statuses) + ")")
	}
	if f.From != nil {
		q.and("start_day >= " + q.arg(f.From.Time))
	}
	if f.To != nil {
		q.and("start_day <= " + q.arg(f.To.Time))
	}
	q.wordPrefix("events", f.Query)
	order, cmp := "ASC", ">"
	if f.Descending {
		order, cmp = "DESC", "<"
	}
	if f.AfterID > 0 {
		at, id := q.arg(f.AfterStart.UTC()), q.arg(f.AfterID)
		q.and("(starts_at " + cmp + " " + at + " OR (starts_at = " + at + " AND events.id " + cmp + " " + id + "))")
	}
	rows, err := db.read.QueryContext(ctx, "SELECT "+eventColumns+" FROM events WHERE "+q.clause()+
		" ORDER BY starts_at "+order+", events.id "+order+" LIMIT "+strconv.Itoa(pageSize(f.Limit)), q.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []parasat.Event{}
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	return out, loadEventLinks(ctx, db.read, out)
}

// prepareEvent fills the place from the lead organisation when it is
// missing (its office, usually in the House of Friendship) and checks the
// rules that need no transaction.
func (db *DB) prepareEvent(ctx context.Context, q queryer, e *parasat.Event) error {
	e.Normalize()
	if (e.Region == "" || e.Address == "") && e.LeadID > 0 {
		if lead, err := getOrganisation(ctx, q, e.LeadID); err == nil {
			if e.Region == "" {
				e.Region = lead.Region
			}
			if e.Address == "" {
				e.Address = lead.Contacts.Address
			}
		}
	}
	return e.Validate()
}

// CreateEvent records a planned event.
func (db *DB) CreateEvent(ctx context.Context, e *parasat.Event) error {
	e.Status = parasat.EventPlanned
	if err := db.prepareEvent(ctx, db.read, e); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error { return db.insertEvent(ctx, tx, e) })
}

// checkEventRefs reports each reference to a missing record as a field error.
func checkEventRefs(ctx context.Context, q queryer, e *parasat.Event) error {
	var p parasat.Problems
	if n, err := countWhere(ctx, q, "regions", "code", []string{e.Region}); err != nil {
		return err
	} else if n == 0 {
		p.Add("region", "region.unknown", "no region has this code")
	}
	if n, err := countWhere(ctx, q, "organisations", "id", []int64{e.LeadID}); err != nil {
		return err
	} else if n == 0 {
		p.Add("lead_organisation_id", "organisation.unknown", "no organisation has this id")
	}
	if n, err := countWhere(ctx, q, "organisations", "id", e.Partners); err != nil {
		return err
	} else if n != len(e.Partners) {
		p.Add("partner_organisations", "organisation.unknown", "no organisation has this id")
	}
	if n, err := countWhere(ctx, q, "patrons", "id", e.Patrons); err != nil {
		return err
	} else if n != len(e.Patrons) {
		p.Add("patrons", "patron.unknown", "no patron has this id")
	}
	return p.Err()
}

func (db *DB) insertEvent(ctx context.Context, tx *sql.Tx, e *parasat.Event) error {
	if err := checkEventRefs(ctx, tx, e); err != nil {
		return err
	}
	now := db.now()
	err := tx.QueryRowContext(ctx, `INSERT INTO events (title_kk, title_ru, title_en, description_kk, description_ru,
		description_en, search_text, kind, starts_at, ends_at, start_day, address, region_code, lead_organisation_id,
		planned_budget_tiyn, occasion_key, published, status, created_by, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, 'planned', $18, $19, $19)
		RETURNING id`, append(eventValues(e), idOrNull(parasat.ActorFrom(ctx).UserID), now)...).Scan(&e.ID)
	if err != nil {
		return fmt.Errorf("insert event: %w", err)
	}
	e.Status, e.Created, e.Updated = parasat.EventPlanned, now, now
	if err := writeEventLinks(ctx, tx, e); err != nil {
		return err
	}
	return db.audit(ctx, tx, "create", "event", strconv.FormatInt(e.ID, 10), e.Region, nil, e)
}

// writeEventLinks makes the link tables hold exactly the event's
// organisations, patrons and target groups.
func writeEventLinks(ctx context.Context, tx *sql.Tx, e *parasat.Event) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM event_organisations WHERE event_id = $1", e.ID); err != nil {
		return err
	}
	for i, org := range e.Organisations() {
		role := "partner"
		if i == 0 {
			role = "lead"
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO event_organisations (event_id, organisation_id, role) VALUES ($1, $2, $3)",
			e.ID, org, role); err != nil {
			return fmt.Errorf("write the event's organisations: %w", err)
		}
	}
	if err := replaceLinks(ctx, tx, "event_patrons", "event_id", "patron_id", e.ID, e.Patrons); err != nil {
		return fmt.Errorf("write the event's patrons: %w", err)
	}
	if err := replaceLinks(ctx, tx, "event_target_groups", "event_id", "category", e.ID, e.TargetGroups); err != nil {
		return fmt.Errorf("write the event's target groups: %w", err)
	}
	return nil
}

// UpdateEvent replaces the editable fields of an event.
func (db *DB) UpdateEvent(ctx context.Context, e *parasat.Event) error {
	if err := db.prepareEvent(ctx, db.read, e); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		before, err := getEvent(ctx, tx, e.ID)
		if err != nil {
			return err
		}
		if err := checkEventRefs(ctx, tx, e); err != nil {
			return err
		}
		if err := checkEventChange(ctx, tx, before, e); err != nil {
			return err
		}
		now := db.now()
		_, err = tx.ExecContext(ctx, `UPDATE events SET title_kk = $1, title_ru = $2, title_en = $3, description_kk = $4,
			description_ru = $5, description_en = $6, search_text = $7, kind = $8, starts_at = $9, ends_at = $10,
			start_day = $11, address = $12, region_code = $13, lead_organisation_id = $14, planned_budget_tiyn = $15,
			occasion_key = $16, published = $17, updated_at = $18 WHERE id = $19`, append(eventValues(e), now, e.ID)...)
		if err != nil {
			return fmt.Errorf("update event: %w", err)
		}
		if e.Region != before.Region {
			if _, err := tx.ExecContext(ctx, "UPDATE aid_records SET region_code = $1 WHERE event_id = $2", e.Region, e.ID); err != nil {
				return err
			}
		}
		// The event's pledges are its lead's, as its money is (which a lead
		// holding it keeps, see checkEventChange).
		if e.LeadID != before.LeadID {
			if _, err := tx.ExecContext(ctx, "UPDATE pledges SET organisation_id = $1, updated_at = $2 WHERE event_id = $3",
				e.LeadID, now, e.ID); err != nil {
				return err
			}
		}
		if err := eventShiftsChanged(ctx, tx, e); err != nil {
			return err
		}
		keepStatus(e, before)
		e.Updated = now
		if err := writeEventLinks(ctx, tx, e); err != nil {
			return err
		}
		return db.audit(ctx, tx, "update", "event", strconv.FormatInt(e.ID, 10), e.Region, before, e)
	})
}

// keepStatus copies what UpdateEvent does not change from the stored event.
func keepStatus(e, before *parasat.Event) {
	e.Status, e.CancelReason, e.Created, e.HasPhoto = before.Status, before.CancelReason, before.Created, before.HasPhoto
	e.HeldAt, e.HeldBy, e.ReportedAt, e.ReportedBy = before.HeldAt, before.HeldBy, before.ReportedAt, before.ReportedBy
	e.CancelledAt, e.CancelledBy = before.CancelledAt, before.CancelledBy
	e.Volunteers, e.VolunteerMinutes = before.Volunteers, before.VolunteerMinutes
}

// checkEventChange refuses changes that would contradict what is recorded:
// a reported event keeps its dates, place and organisers; help recorded at
// an event stays within its days and given by one of its organisations;
// the lead that holds the event's money stays its lead.
func checkEventChange(ctx context.Context, tx *sql.Tx, before, e *parasat.Event) error {
	var p parasat.Problems
	if before.Status == parasat.EventReported && (!before.Starts.Equal(e.Starts) || !before.Ends.Equal(e.Ends) ||
		before.Region != e.Region || before.Address != e.Address || before.LeadID != e.LeadID ||
		fmt.Sprint(before.Partners) != fmt.Sprint(e.Partners)) {
		p.Add("status", "event.reported_fixed", "the event is reported: its dates, place and organisers no longer change")
		return p.Err()
	}
	// The first day as a column, not MIN(): SQLite gives an aggregate no
	// declared type, so its date would come back as text.
	var first sql.NullTime
	err := tx.QueryRowContext(ctx, "SELECT given_on FROM aid_records WHERE event_id = $1 ORDER BY given_on LIMIT 1", e.ID).Scan(&first)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if d := dateOf(first); d != nil && d.Before(e.StartDay().Time) {
		p.Add("starts_at", "event.aid_before_start", "help was recorded at this event before the new start")
	}
	var q listQuery
	q.and("event_id = " + q.arg(e.ID))
	q.and("organisation_id NOT IN (" + placeholders(&q, e.Organisations()) + ")")
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM aid_records WHERE "+q.clause(), q.args...).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		p.Add("partner_organisations", "event.giver_removed", "an organisation that gave help at this event cannot be removed from it")
	}
	if before.LeadID != e.LeadID {
		if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM funds WHERE kind = 'event' AND ref_id = $1", e.ID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			p.Add("lead_organisation_id", "event.lead_holds_fund", "the lead organisation holds the money given for this event and cannot change")
		}
	}
	return p.Err()
}
