package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"github.com/parasat-kz/parasat"
)

// CreateVolunteer records a volunteer with the status it has (pending by default).
func (db *DB) CreateVolunteer(ctx context.Context, v *parasat.Volunteer) error {
	if err := db.prepareVolunteer(v); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error { return db.insertVolunteers(ctx, tx, []*parasat.Volunteer{v}) })
}

// CreateVolunteers records several volunteers in one transaction. Every one
// is validated before anything is written; field names of a refused one are
// prefixed with its index, as in "3.birth_date". The rows, links and audit
// rows are written in multi-row statements, for imports of many thousands.
func (db *DB) CreateVolunteers(ctx context.Context, vs []*parasat.Volunteer) error {
	first := map[string]int{}
	for i, v := range vs {
		if err := db.prepareVolunteer(v); err != nil {
			return atIndex(i, err)
		}
		key := v.IdentityKeys()[0]
		if j, dup := first[key]; dup {
			return atIndex(i, &parasat.Error{Code: parasat.EConflict, Message: "the same volunteer is given twice",
				Fields: []parasat.FieldError{{Field: "full_name", Code: "volunteer.duplicate",
					Message: fmt.Sprintf("volunteer %d has the same name and birth date", j)}}})
		}
		first[key] = i
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		err := db.insertVolunteers(ctx, tx, vs)
		if parasat.ErrorCode(err) == parasat.EInvalid {
			// A missing reference: say whose, checking one by one (the
			// checks only read, so the transaction is still usable).
			for i, v := range vs {
				if refErr := volunteerRefs(v).check(ctx, tx); refErr != nil {
					return atIndex(i, refErr)
				}
			}
		}
		return err
	})
}

var volunteerInsertColumns = []string{"full_name", "name_key", "search_text", "birth_date", "region_code", "city", "phone",
	"email", "languages", "other_languages", "available_weekdays", "available_evenings", "available_weekends",
	"consent_given_on", "consent_scope", "consent_recorded_by", "parent_name", "parent_phone", "parent_consent_on",
	"emergency_name", "emergency_phone", "user_id", "status", "decided_by", "decided_at", "created_at", "updated_at"}

// insertVolunteers writes prepared volunteers, their links and audit rows.
func (db *DB) insertVolunteers(ctx context.Context, tx *sql.Tx, vs []*parasat.Volunteer) error {
	if err := checkRefs(ctx, tx, volunteerRefChecks(vs)...); err != nil {
		return err
	}
	now, actor := db.now(), parasat.ActorFrom(ctx).UserID
	for _, v := range vs {
		v.Consent.RecordedBy = actor
		v.DecidedBy, v.DecidedAt = nil, nil
		if v.Status != parasat.VolunteerPending {
			v.DecidedAt = &now
			if actor != 0 {
				v.DecidedBy = &actor
			}
		}
		v.Created, v.Updated = now, now
	}
	if err := volunteerInsert(db).run(ctx, db, tx, vs); err != nil {
		return err
	}
	var orgs, skills [][]any
	audits := make([]batchAudit, len(vs))
	for i, v := range vs {
		for _, o := range v.Organisations {
			orgs = append(orgs, []any{v.ID, o})
		}
		for _, s := range v.Skills {
			skills = append(skills, []any{v.ID, s})
		}
		audits[i] = batchAudit{strconv.FormatInt(v.ID, 10), v.Region, v}
	}
	if err := db.insertMany(ctx, tx, "volunteer_organisations", "volunteer_id, organisation_id", orgs); err != nil {
		return err
	}
	if err := db.insertMany(ctx, tx, "volunteer_skills", "volunteer_id, skill_code", skills); err != nil {
		return err
	}
	return db.auditCreates(ctx, tx, "volunteer", audits)
}

// volunteerInsert writes volunteers, each found back by name and birth
// date, which the table keeps unique.
func volunteerInsert(db *DB) bulkInsert[*parasat.Volunteer] {
	return bulkInsert[*parasat.Volunteer]{table: "volunteers", columns: volunteerInsertColumns,
		values: func(v *parasat.Volunteer) []any {
			return append(volunteerValues(v), v.Status, nullInt(v.DecidedBy), nullTime(v.DecidedAt), v.Created, v.Updated)
		},
		returning: "id, name_key, birth_date",
		scan: func(rows *sql.Rows) (int64, keyed, error) {
			var (
				got   parasat.Volunteer
				birth time.Time
			)
			err := rows.Scan(&got.ID, &got.FullName, &birth)
			got.BirthDate = *dateOf(sql.NullTime{Time: birth, Valid: true})
			return got.ID, &got, err
		},
		setID:  func(v *parasat.Volunteer, id int64) { v.ID = id },
		failed: db.volunteersWriteError,
	}
}

// volunteersWriteError explains a failed multi-row write by the first
// volunteer already registered, or the account already linked.
func (db *DB) volunteersWriteError(ctx context.Context, vs []*parasat.Volunteer, err error) error {
	if violates(err, uniqueViolation, "birth_date") {
		if ids, merr := db.MatchVolunteers(ctx, vs); merr == nil {
			for i, id := range ids {
				if id != 0 {
					return db.volunteerWriteError(ctx, vs[i], err)
				}
			}
		}
	}
	return db.volunteerWriteError(ctx, vs[0], err)
}

// volunteerRefChecks are the references of many volunteers, one check per table.
func volunteerRefChecks(vs []*parasat.Volunteer) []refCheck {
	checks := []refCheck{
		{"regions", "code", map[any]bool{}, parasat.FieldError{Field: "region", Code: "region.unknown", Message: "no region has this code"}},
		{"organisations", "id", map[any]bool{}, parasat.FieldError{Field: "organisations", Code: "organisation.unknown",
			Message: "no organisation has this id"}},
		{"skills", "code", map[any]bool{}, parasat.FieldError{Field: "skills", Code: "skill.unknown", Message: "is not in the list of skills"}},
		{"users", "id", map[any]bool{}, parasat.FieldError{Field: "user_id", Code: "person.account_unknown", Message: "no account has this id"}},
	}
	for _, v := range vs {
		checks[0].values[v.Region] = true
		for _, o := range v.Organisations {
			checks[1].values[o] = true
		}
		for _, sk := range v.Skills {
			checks[2].values[sk] = true
		}
		if v.UserID != nil {
			checks[3].values[*v.UserID] = true
		}
	}
	return checks
}
