package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/parasat-kz/parasat"
)

var _ parasat.AidService = (*DB)(nil)

// RecordAid stores aid records, all in one transaction.
func (db *DB) RecordAid(ctx context.Context, list []*parasat.AidRecord) error {
	if len(list) > parasat.MaxAidBatch {
		return &parasat.Error{Code: parasat.EInvalid, Message: "too many aid records at once",
			Fields: []parasat.FieldError{{Field: "records", Code: "aid.batch_too_big", Message: "at most 2000 records at once"}}}
	}
	return db.inTx(ctx, func(tx *sql.Tx) error { return db.recordAid(ctx, tx, list) })
}

// aidContext is what the checks of a batch need, read with a few queries
// for the whole batch.
type aidContext struct {
	events        map[int64]*aidEvent
	organisations map[int64]*parasat.Organisation
	people        map[int64]*aidPerson
	households    map[int64]*aidPerson
}

type aidEvent struct {
	status   parasat.EventStatus
	region   string
	startDay time.Time
	orgs     []int64 // the lead first
}

// aidPerson is a recipient: where they live, who serves them.
type aidPerson struct {
	region     string
	servedBy   []int64
	born       time.Time
	anonymised bool
}

// recordAid checks every record, then writes them and their audit rows with
// a few multi-row statements.
func (db *DB) recordAid(ctx context.Context, tx *sql.Tx, list []*parasat.AidRecord) error {
	if len(list) == 0 {
		return nil
	}
	today := parasat.DayInKazakhstan(db.now())
	for i, a := range list {
		a.Normalize()
		if err := a.Validate(today); err != nil {
			return atIndex(i, err)
		}
	}
	c, err := loadAidContext(ctx, tx, list)
	if err != nil {
		return err
	}
	seen := map[string]int{}
	for i, a := range list {
		if err := c.check(a); err != nil {
			return atIndex(i, err)
		}
		key := a.GivenOn.String() + "|" + string(a.Kind) + "|" + a.Item + "|" + recipientKey(a)
		if j, ok := seen[key]; ok && a.Recipient != parasat.RecipientGroup {
			return atIndex(i, refuse(parasat.EInvalid, parasat.FieldError{Field: string(a.Recipient) + "_id", Code: "aid.duplicate", Message: fmt.Sprintf("the same help to the same recipient is already record %d of this list", j)}))
		}
		seen[key] = i
	}
	if err := db.insertAid(ctx, tx, list); err != nil {
		return err
	}
	rows := make([]batchAudit, len(list))
	for i, a := range list {
		rows[i] = batchAudit{entityID: strconv.FormatInt(a.ID, 10), region: a.Region, after: a}
	}
	return db.auditCreates(ctx, tx, "aid_record", rows)
}

func recipientKey(a *parasat.AidRecord) string {
	switch a.Recipient {
	case parasat.RecipientBeneficiary:
		return "b" + strconv.FormatInt(*a.BeneficiaryID, 10)
	case parasat.RecipientHousehold:
		return "h" + strconv.FormatInt(*a.HouseholdID, 10)
	}
	return "g"
}

// refuse is the error of one field.
func refuse(code string, f parasat.FieldError) error {
	return &parasat.Error{Code: code, Message: f.Message, Fields: []parasat.FieldError{f}}
}

// check verifies one record against the database and fills its region and,
// when it was left to the store, its giving organisation.
func (c *aidContext) check(a *parasat.AidRecord) error {
	candidates := []int64{a.OrganisationID}
	if a.EventID != nil {
		ev := c.events[*a.EventID]
		switch {
		case ev == nil:
			return refuse(parasat.EInvalid, parasat.FieldError{Field: "event_id", Code: "event.unknown", Message: "no event has this id"})
		case ev.status == parasat.EventCancelled:
			return refuse(parasat.EConflict, parasat.FieldError{Field: "event_id", Code: "aid.event_cancelled", Message: "the event was cancelled: no help was given at it"})
		case ev.status == parasat.EventReported:
			return refuse(parasat.EConflict, parasat.FieldError{Field: "event_id", Code: "aid.event_reported", Message: "the event is reported: its results are final"})
		case a.GivenOn.Before(ev.startDay):
			return refuse(parasat.EInvalid, parasat.FieldError{Field: "given_on", Code: "aid.before_event", Message: "the help is dated before the event started"})
		case a.OrganisationID != 0 && !slices.Contains(ev.orgs, a.OrganisationID):
			return refuse(parasat.EInvalid, parasat.FieldError{Field: "organisation_id", Code: "aid.not_event_organisation", Message: "help at an event is given by one of the event's organisations"})
		case a.OrganisationID == 0:
			candidates = ev.orgs
		}
		a.Region = ev.region
	}
	for _, id := range candidates {
		if c.organisations[id] == nil {
			return refuse(parasat.EInvalid, parasat.FieldError{Field: "organisation_id", Code: "organisation.unknown", Message: "no organisation has this id"})
		}
	}
	giver, err := c.chooseGiver(a, candidates)
	if err != nil {
		return err
	}
	a.OrganisationID = giver.ID
	if a.EventID == nil {
		a.Region = giver.Region
	}
	return nil
}

// chooseGiver returns the first of the candidates that may help the
// recipient (MayHelp), or explains why none may.
func (c *aidContext) chooseGiver(a *parasat.AidRecord, candidates []int64) (*parasat.Organisation, error) {
	var who *aidPerson
	field := "beneficiary_id"
	switch a.Recipient {
	case parasat.RecipientGroup:
		return c.organisations[candidates[0]], nil
	case parasat.RecipientBeneficiary:
		if who = c.people[*a.BeneficiaryID]; who == nil {
			return nil, refuse(parasat.EInvalid, parasat.FieldError{Field: field, Code: "beneficiary.unknown", Message: "no beneficiary has this id"})
		}
		if who.anonymised {
			return nil, refuse(parasat.EInvalid, parasat.FieldError{Field: field, Code: "aid.anonymised", Message: "the person's record was erased: no more help can be recorded for them"})
		}
		if a.GivenOn.Before(who.born) {
			return nil, refuse(parasat.EInvalid, parasat.FieldError{Field: "given_on", Code: "aid.before_birth", Message: "the help is dated before the person was born"})
		}
	case parasat.RecipientHousehold:
		field = "household_id"
		if who = c.households[*a.HouseholdID]; who == nil {
			return nil, refuse(parasat.EInvalid, parasat.FieldError{Field: field, Code: "household.unknown", Message: "no household has this id"})
		}
	}
	for _, id := range candidates {
		if o := c.organisations[id]; parasat.MayHelp(o, who.servedBy, who.region) {
			return o, nil
		}
	}
	return nil, refuse(parasat.EInvalid, parasat.FieldError{Field: field, Code: "aid.not_served", Message: "the organisation does not serve this " + string(a.Recipient) + ": add it to the person's organisations first"})
}

func loadAidContext(ctx context.Context, tx *sql.Tx, list []*parasat.AidRecord) (*aidContext, error) {
	c := &aidContext{events: map[int64]*aidEvent{}, organisations: map[int64]*parasat.Organisation{},
		people: map[int64]*aidPerson{}, households: map[int64]*aidPerson{}}
	var events, orgs, people, households []int64
	for _, a := range list {
		if a.EventID != nil {
			events = append(events, *a.EventID)
		}
		if a.OrganisationID != 0 {
			orgs = append(orgs, a.OrganisationID)
		}
		if a.BeneficiaryID != nil {
			people = append(people, *a.BeneficiaryID)
		}
		if a.HouseholdID != nil {
			households = append(households, *a.HouseholdID)
		}
	}
	if err := c.loadEvents(ctx, tx, sortedUnique(events)); err != nil {
		return nil, err
	}
	for _, ev := range c.events {
		orgs = append(orgs, ev.orgs...)
	}
	if err := c.loadOrganisations(ctx, tx, sortedUnique(orgs)); err != nil {
		return nil, err
	}
	if err := c.loadPeople(ctx, tx, sortedUnique(people)); err != nil {
		return nil, err
	}
	return c, c.loadHouseholds(ctx, tx, sortedUnique(households))
}

func sortedUnique(ids []int64) []int64 {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}

// inChunks runs fn on slices of ids short enough for any engine's limit of parameters.
func inChunks(ids []int64, fn func(marks string, args []any) error) error {
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		var q listQuery
		if err := fn(placeholders(&q, chunk), q.args); err != nil {
			return err
		}
	}
	return nil
}

func (c *aidContext) loadEvents(ctx context.Context, tx *sql.Tx, ids []int64) error {
	return inChunks(ids, func(marks string, args []any) error {
		rows, err := tx.QueryContext(ctx, `SELECT e.id, e.status, e.region_code, e.start_day, eo.organisation_id
			FROM events e JOIN event_organisations eo ON eo.event_id = e.id
			WHERE e.id IN (`+marks+`) ORDER BY e.id, eo.role, eo.organisation_id`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var (
				id, org int64
				ev      aidEvent
				day     sql.NullTime
			)
			if err := rows.Scan(&id, &ev.status, &ev.region, &day, &org); err != nil {
				return err
			}
			if c.events[id] == nil {
				ev.startDay = dateOf(day).Time
				c.events[id] = &ev
			}
			c.events[id].orgs = append(c.events[id].orgs, org) // 'lead' sorts before 'partner'
		}
		return rows.Err()
	})
}

func (c *aidContext) loadOrganisations(ctx context.Context, tx *sql.Tx, ids []int64) error {
	return inChunks(ids, func(marks string, args []any) error {
		rows, err := tx.QueryContext(ctx, "SELECT id, type, region_code FROM organisations WHERE id IN ("+marks+")", args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var o parasat.Organisation
			if err := rows.Scan(&o.ID, &o.Type, &o.Region); err != nil {
				return err
			}
			c.organisations[o.ID] = &o
		}
		return rows.Err()
	})
}

func (c *aidContext) loadPeople(ctx context.Context, tx *sql.Tx, ids []int64) error {
	return inChunks(ids, func(marks string, args []any) error {
		rows, err := tx.QueryContext(ctx, `SELECT b.id, b.region_code, b.birth_date, b.anonymised_at IS NOT NULL, bo.organisation_id
			FROM beneficiaries b LEFT JOIN beneficiary_organisations bo ON bo.beneficiary_id = b.id
			WHERE b.id IN (`+marks+`)`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var (
				id         int64
				p          aidPerson
				born       sql.NullTime
				org        sql.NullInt64
				anonymised bool
			)
			if err := rows.Scan(&id, &p.region, &born, &anonymised, &org); err != nil {
				return err
			}
			if c.people[id] == nil {
				p.born, p.anonymised = dateOf(born).Time, anonymised
				c.people[id] = &p
			}
			if org.Valid {
				c.people[id].servedBy = append(c.people[id].servedBy, org.Int64)
			}
		}
		return rows.Err()
	})
}

// loadHouseholds reads the households' regions and the organisations that
// serve any of their members.
func (c *aidContext) loadHouseholds(ctx context.Context, tx *sql.Tx, ids []int64) error {
	return inChunks(ids, func(marks string, args []any) error {
		rows, err := tx.QueryContext(ctx, `SELECT h.id, h.region_code, bo.organisation_id FROM households h
			LEFT JOIN beneficiaries b ON b.household_id = h.id
			LEFT JOIN beneficiary_organisations bo ON bo.beneficiary_id = b.id
			WHERE h.id IN (`+marks+`)`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var (
				id  int64
				p   aidPerson
				org sql.NullInt64
			)
			if err := rows.Scan(&id, &p.region, &org); err != nil {
				return err
			}
			if c.households[id] == nil {
				c.households[id] = &p
			}
			if org.Valid {
				c.households[id].servedBy = append(c.households[id].servedBy, org.Int64)
			}
		}
		return rows.Err()
	})
}

const aidInsertColumns = `given_on, organisation_id, event_id, region_code, recipient_kind, beneficiary_id, household_id,
	group_size, kind, item, description, quantity, value_tiyn, created_by, created_at`

// aidChunk is how many records one INSERT carries: 15 parameters each stay
// well below the limits of both engines.
const aidChunk = 250

// insertAid writes the records with multi-row INSERTs and sets their IDs.
// Rows of one statement get ascending IDs in the order of VALUES on both
// engines (SQLite has one writer; PostgreSQL draws the identity row by row),
// so sorting the returned IDs pairs them with the records.
func (db *DB) insertAid(ctx context.Context, tx *sql.Tx, list []*parasat.AidRecord) error {
	now, by := db.now(), idOrNull(parasat.ActorFrom(ctx).UserID)
	for start := 0; start < len(list); start += aidChunk {
		chunk := list[start:min(start+aidChunk, len(list))]
		args := make([]any, 0, len(chunk)*15)
		for _, a := range chunk {
			var group any
			if a.Recipient == parasat.RecipientGroup {
				group = a.GroupSize
			}
			args = append(args, a.GivenOn.Time, a.OrganisationID, nullInt(a.EventID), a.Region, string(a.Recipient),
				nullInt(a.BeneficiaryID), nullInt(a.HouseholdID), group, string(a.Kind), a.Item, a.Description, a.Quantity,
				a.ValueTiyn, by, now)
		}
		rows, err := tx.QueryContext(ctx, "INSERT INTO aid_records ("+aidInsertColumns+") VALUES "+
			db.valueRows(len(chunk), 15)+" RETURNING id", args...)
		if err != nil {
			return fmt.Errorf("insert aid records: %w", err)
		}
		ids := make([]int64, 0, len(chunk))
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
			return fmt.Errorf("insert aid records: %w", err)
		}
		slices.Sort(ids)
		for i, a := range chunk {
			a.ID, a.Created = ids[i], now
			if u := parasat.ActorFrom(ctx).UserID; u != 0 {
				a.CreatedBy = &u
			}
		}
	}
	return nil
}
