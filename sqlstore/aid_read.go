package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"

	"github.com/parasat-kz/parasat"
)

const aidColumns = `aid_records.id, given_on, aid_records.organisation_id, event_id, aid_records.region_code,
	recipient_kind, beneficiary_id, household_id, group_size, aid_records.kind, item, description, quantity, value_tiyn,
	aid_records.created_by, aid_records.created_at`

func scanAid(row interface{ Scan(...any) error }) (parasat.AidRecord, error) {
	var (
		a                                 parasat.AidRecord
		day                               sql.NullTime
		event, person, household, creator sql.NullInt64
		group                             sql.NullInt64
	)
	err := row.Scan(&a.ID, &day, &a.OrganisationID, &event, &a.Region, &a.Recipient, &person, &household, &group,
		&a.Kind, &a.Item, &a.Description, &a.Quantity, &a.ValueTiyn, &creator, &a.Created)
	if d := dateOf(day); d != nil {
		a.GivenOn = *d
	}
	a.EventID, a.BeneficiaryID, a.HouseholdID, a.CreatedBy = int64Ptr(event), int64Ptr(person), int64Ptr(household), int64Ptr(creator)
	a.GroupSize = int(group.Int64)
	a.Created = a.Created.UTC()
	return a, err
}

// AidRecord returns one aid record.
func (db *DB) AidRecord(ctx context.Context, id int64) (*parasat.AidRecord, error) {
	a, err := scanAid(db.read.QueryRowContext(ctx, "SELECT "+aidColumns+" FROM aid_records WHERE id = $1", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, parasat.Errorf(parasat.ENotFound, "aid record %d not found", id)
	}
	if err != nil {
		return nil, err
	}
	return &a, nil
}

// ListAid returns one page of aid records in the order they were recorded.
func (db *DB) ListAid(ctx context.Context, f parasat.AidFilter) ([]parasat.AidRecord, error) {
	var q listQuery
	q.visibleAid(f.Visibility)
	for col, v := range map[string]int64{"event_id": f.Event, "aid_records.organisation_id": f.Organisation,
		"beneficiary_id": f.Beneficiary, "household_id": f.Household} {
		if v != 0 {
			q.and(col + " = " + q.arg(v))
		}
	}
	if f.Region != "" {
		q.and("aid_records.region_code = " + q.arg(f.Region))
	}
	if f.Kind != "" {
		q.and("aid_records.kind = " + q.arg(string(f.Kind)))
	}
	if f.From != nil {
		q.and("given_on >= " + q.arg(f.From.Time))
	}
	if f.To != nil {
		q.and("given_on <= " + q.arg(f.To.Time))
	}
	if f.After > 0 {
		q.and("aid_records.id > " + q.arg(f.After))
	}
	rows, err := db.read.QueryContext(ctx, "SELECT "+aidColumns+" FROM aid_records WHERE "+q.clause()+
		" ORDER BY aid_records.id LIMIT "+strconv.Itoa(pageSize(f.Limit)), q.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []parasat.AidRecord{}
	for rows.Next() {
		a, err := scanAid(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// visibleAid limits aid records to the caller's regions, and to those given
// by their organisations or at events their organisations lead.
func (q *listQuery) visibleAid(v parasat.Visibility) {
	if v.All {
		return
	}
	var ors []string
	if len(v.RegionIn) > 0 {
		ors = append(ors, "aid_records.region_code IN ("+placeholders(q, v.RegionIn)+")")
	}
	if len(v.OrganisationIn) > 0 {
		orgs := placeholders(q, v.OrganisationIn)
		ors = append(ors, "aid_records.organisation_id IN ("+orgs+")",
			"EXISTS (SELECT 1 FROM events ev WHERE ev.id = aid_records.event_id AND ev.lead_organisation_id IN ("+orgs+"))")
	}
	if len(ors) == 0 {
		q.and("1 = 0")
		return
	}
	q.and("(" + strings.Join(ors, " OR ") + ")")
}

// DeleteAidRecord removes a record made by mistake, unless its event is reported.
func (db *DB) DeleteAidRecord(ctx context.Context, id int64) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		a, err := scanAid(tx.QueryRowContext(ctx, "SELECT "+aidColumns+" FROM aid_records WHERE id = $1", id))
		if errors.Is(err, sql.ErrNoRows) {
			return parasat.Errorf(parasat.ENotFound, "aid record %d not found", id)
		}
		if err != nil {
			return err
		}
		if a.EventID != nil {
			var status string
			if err := tx.QueryRowContext(ctx, "SELECT status FROM events WHERE id = $1", *a.EventID).Scan(&status); err != nil {
				return err
			}
			if parasat.EventStatus(status) == parasat.EventReported {
				return refuse(parasat.EConflict, parasat.FieldError{Field: "event_id", Code: "aid.event_reported", Message: "the event is reported: its results are final"})
			}
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM aid_records WHERE id = $1", id); err != nil {
			return err
		}
		return db.audit(ctx, tx, "delete", "aid_record", strconv.FormatInt(id, 10), a.Region, &a, nil)
	})
}

// BeneficiaryIDsByIIN finds the people with the given IINs.
func (db *DB) BeneficiaryIDsByIIN(ctx context.Context, iins []string) (map[string]int64, error) {
	out := map[string]int64{}
	for start := 0; start < len(iins); start += 500 {
		var q listQuery
		chunk := iins[start:min(start+500, len(iins))]
		rows, err := db.read.QueryContext(ctx, "SELECT iin, id FROM beneficiaries WHERE iin IN ("+placeholders(&q, chunk)+")", q.args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var (
				iin string
				id  int64
			)
			if err := rows.Scan(&iin, &id); err != nil {
				rows.Close()
				return nil, err
			}
			out[iin] = id
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}
