package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/parasat-kz/parasat"
)

var _ parasat.VolunteerService = (*DB)(nil)

const volunteerColumns = `id, full_name, birth_date, region_code, city, phone, email, languages, other_languages,
	available_weekdays, available_evenings, available_weekends, consent_given_on, consent_scope, consent_recorded_by,
	parent_name, parent_phone, parent_consent_on, emergency_name, emergency_phone,
	status, decided_by, decided_at, user_id, created_at, updated_at`

func scanVolunteer(row interface{ Scan(...any) error }) (parasat.Volunteer, error) {
	var (
		v                                  parasat.Volunteer
		birth                              time.Time
		langs                              string
		consentOn, parentOn, decidedAt     sql.NullTime
		recordedBy, decidedBy, userID      sql.NullInt64
		parentName, parentPhone            sql.NullString
		availWeekdays, availEve, availWknd bool
	)
	err := row.Scan(&v.ID, &v.FullName, &birth, &v.Region, &v.City, &v.Phone, &v.Email, &langs, &v.OtherLanguages,
		&availWeekdays, &availEve, &availWknd, &consentOn, &v.Consent.Scope, &recordedBy,
		&parentName, &parentPhone, &parentOn, &v.EmergencyContact.Name, &v.EmergencyContact.Phone,
		&v.Status, &decidedBy, &decidedAt, &userID, &v.Created, &v.Updated)
	if err != nil {
		return v, err
	}
	v.BirthDate = *dateOf(sql.NullTime{Time: birth, Valid: true})
	v.Availability = parasat.Availability{Weekdays: availWeekdays, Evenings: availEve, Weekends: availWknd}
	v.Languages = []parasat.Language{}
	for _, l := range strings.Split(langs, ",") {
		if l != "" {
			v.Languages = append(v.Languages, parasat.Language(l))
		}
	}
	v.Consent.GivenOn = dateOf(consentOn)
	v.Consent.RecordedBy = recordedBy.Int64
	if parentName.Valid {
		v.ParentConsent = &parasat.ParentConsent{Name: parentName.String, Phone: parentPhone.String}
		if d := dateOf(parentOn); d != nil {
			v.ParentConsent.GivenOn = *d
		}
	}
	v.DecidedBy, v.UserID = int64Ptr(decidedBy), int64Ptr(userID)
	if decidedAt.Valid {
		t := decidedAt.Time.UTC()
		v.DecidedAt = &t
	}
	v.Created, v.Updated = v.Created.UTC(), v.Updated.UTC()
	v.Organisations, v.Skills = []int64{}, []string{}
	return v, nil
}

func int64Ptr(n sql.NullInt64) *int64 {
	if !n.Valid {
		return nil
	}
	return &n.Int64
}

// volunteerValues are the stored columns, in the order of the INSERT and UPDATE below.
func volunteerValues(v *parasat.Volunteer) []any {
	langs := make([]string, len(v.Languages))
	for i, l := range v.Languages {
		langs[i] = string(l)
	}
	var parentName, parentPhone, parentOn any
	if pc := v.ParentConsent; pc != nil {
		parentName, parentPhone, parentOn = pc.Name, pc.Phone, nullDate(&pc.GivenOn)
	}
	return []any{v.FullName, v.SortKey(), searchText(v.FullName, v.Email), v.BirthDate.Time, v.Region, v.City,
		v.Phone, v.Email, strings.Join(langs, ","), v.OtherLanguages,
		v.Availability.Weekdays, v.Availability.Evenings, v.Availability.Weekends,
		nullDate(v.Consent.GivenOn), v.Consent.Scope, idOrNull(v.Consent.RecordedBy),
		parentName, parentPhone, parentOn, v.EmergencyContact.Name, v.EmergencyContact.Phone, nullInt(v.UserID)}
}

// Volunteer returns one volunteer with their organisations and skills.
func (db *DB) Volunteer(ctx context.Context, id int64) (*parasat.Volunteer, error) {
	return getVolunteer(ctx, db.read, id)
}

func getVolunteer(ctx context.Context, q queryer, id int64) (*parasat.Volunteer, error) {
	v, err := scanVolunteer(q.QueryRowContext(ctx, "SELECT "+volunteerColumns+" FROM volunteers WHERE id = $1", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, parasat.Errorf(parasat.ENotFound, "volunteer %d not found", id)
	}
	if err != nil {
		return nil, err
	}
	list := []parasat.Volunteer{v}
	if err := loadVolunteerLinks(ctx, q, list); err != nil {
		return nil, err
	}
	return &list[0], nil
}

// loadVolunteerLinks fills the organisations and skills of a page of volunteers.
func loadVolunteerLinks(ctx context.Context, q queryer, list []parasat.Volunteer) error {
	ids := make([]int64, len(list))
	for i := range list {
		ids[i] = list[i].ID
	}
	orgs, err := loadLinks[int64](ctx, q, "volunteer_organisations", "volunteer_id", "organisation_id", ids)
	if err != nil {
		return err
	}
	skills, err := loadLinks[string](ctx, q, "volunteer_skills", "volunteer_id", "skill_code", ids)
	if err != nil {
		return err
	}
	for i := range list {
		if o := orgs[list[i].ID]; o != nil {
			list[i].Organisations = o
		}
		if s := skills[list[i].ID]; s != nil {
			list[i].Skills = s
		}
	}
	return nil
}

// prepareVolunteer normalizes and validates a volunteer on the store's today.
func (db *DB) prepareVolunteer(v *parasat.Volunteer) error {
	v.Normalize()
	return v.Validate(parasat.DayInKazakhstan(db.now()))
}

// atIndex prefixes the fields of a domain error with the index of the record
// in a batch.
func atIndex(i int, err error) error {
	var e *parasat.Error
	if !errors.As(err, &e) {
		return fmt.Errorf("record %d: %w", i, err)
	}
	return atField(strconv.Itoa(i), e)
}

func nullTime(t *time.Time) any {
	if t == nil {
		return nil
	}
	return *t
}

func volunteerRefs(v *parasat.Volunteer) personRefs {
	return personRefs{region: v.Region, orgField: "organisations", organisations: v.Organisations,
		skills: v.Skills, userID: v.UserID}
}

func writeVolunteerLinks(ctx context.Context, tx *sql.Tx, v *parasat.Volunteer) error {
	if err := replaceLinks(ctx, tx, "volunteer_organisations", "volunteer_id", "organisation_id", v.ID, v.Organisations); err != nil {
		return fmt.Errorf("write the volunteer's organisations: %w", err)
	}
	if err := replaceLinks(ctx, tx, "volunteer_skills", "volunteer_id", "skill_code", v.ID, v.Skills); err != nil {
		return fmt.Errorf("write the volunteer's skills: %w", err)
	}
	return nil
}

// UpdateVolunteer replaces the editable fields of a volunteer. The status,
// who decided it, and the creation time stay as they are.
func (db *DB) UpdateVolunteer(ctx context.Context, v *parasat.Volunteer) error {
	if err := db.prepareVolunteer(v); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		before, err := getVolunteer(ctx, tx, v.ID)
		if err != nil {
			return err
		}
		if err := volunteerRefs(v).check(ctx, tx); err != nil {
			return err
		}
		v.Status, v.DecidedBy, v.DecidedAt = before.Status, before.DecidedBy, before.DecidedAt
		v.Consent.RecordedBy = before.Consent.RecordedBy
		if !sameConsent(before.Consent, v.Consent) {
			v.Consent.RecordedBy = parasat.ActorFrom(ctx).UserID
		}
		now := db.now()
		_, err = tx.ExecContext(ctx, `UPDATE volunteers SET full_name = $1, name_key = $2, search_text = $3,
			birth_date = $4, region_code = $5, city = $6, phone = $7, email = $8, languages = $9, other_languages = $10,
			available_weekdays = $11, available_evenings = $12, available_weekends = $13, consent_given_on = $14,
			consent_scope = $15, consent_recorded_by = $16, parent_name = $17, parent_phone = $18,
			parent_consent_on = $19, emergency_name = $20, emergency_phone = $21, user_id = $22, updated_at = $23
			WHERE id = $24`, append(volunteerValues(v), now, v.ID)...)
		if err != nil {
			return db.volunteerWriteError(ctx, v, err)
		}
		v.Created, v.Updated = before.Created, now
		if err := writeVolunteerLinks(ctx, tx, v); err != nil {
			return err
		}
		return db.audit(ctx, tx, "update", "volunteer", strconv.FormatInt(v.ID, 10), v.Region, before, v)
	})
}

func sameConsent(a, b parasat.Consent) bool {
	return a.Scope == b.Scope && (a.GivenOn == nil) == (b.GivenOn == nil) && (a.GivenOn == nil || a.GivenOn.Equal(b.GivenOn.Time))
}

// DecideVolunteer approves or rejects a volunteer.
func (db *DB) DecideVolunteer(ctx context.Context, id int64, status parasat.VolunteerStatus) (*parasat.Volunteer, error) {
	if status != parasat.VolunteerApproved && status != parasat.VolunteerRejected {
		var p parasat.Problems
		p.Add("status", "volunteer.status", "a decision approves or rejects")
		return nil, p.Err()
	}
	var after *parasat.Volunteer
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		before, err := getVolunteer(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.Status == status {
			return &parasat.Error{Code: parasat.EConflict, Message: "the volunteer is already " + string(status),
				Fields: []parasat.FieldError{{Field: "status", Code: "volunteer.decided", Message: "is already " + string(status)}}}
		}
		now, actor := db.now(), parasat.ActorFrom(ctx)
		v := *before
		v.Status, v.DecidedAt, v.DecidedBy, v.Updated = status, &now, nil, now
		if actor.UserID != 0 {
			v.DecidedBy = &actor.UserID
		}
		if _, err := tx.ExecContext(ctx, `UPDATE volunteers SET status = $1, decided_by = $2, decided_at = $3, updated_at = $3
			WHERE id = $4`, v.Status, nullInt(v.DecidedBy), now, id); err != nil {
			return fmt.Errorf("decide volunteer: %w", err)
		}
		if status == parasat.VolunteerRejected {
			if err := db.withdrawSignups(ctx, tx, id); err != nil {
				return err
			}
		}
		after = &v
		return db.audit(ctx, tx, "update", "volunteer", strconv.FormatInt(id, 10), v.Region, before, &v)
	})
	return after, err
}

// volunteerWriteError explains a failed write: the same person registered
// twice, or an account linked to a second volunteer. The other volunteer is
// read outside the failed transaction, which PostgreSQL has aborted.
func (db *DB) volunteerWriteError(ctx context.Context, v *parasat.Volunteer, err error) error {
	switch {
	case violates(err, uniqueViolation, "birth_date"):
		var other int64
		_ = db.read.QueryRowContext(ctx, "SELECT id FROM volunteers WHERE name_key = $1 AND birth_date = $2",
			v.SortKey(), v.BirthDate.Time).Scan(&other)
		e := &parasat.Error{Code: parasat.EConflict, Message: "this volunteer is already registered",
			Fields: []parasat.FieldError{{Field: "full_name", Code: "volunteer.duplicate",
				Message: fmt.Sprintf("volunteer %d has the same name and birth date", other)}}}
		if existing, err := db.Volunteer(ctx, other); err == nil {
			e.Existing = &parasat.RecordRef{Entity: "volunteer", ID: other, Resource: existing.Resource()}
		}
		return e
	case violates(err, uniqueViolation, "user_id"):
		return accountLinked("volunteer")
	}
	return fmt.Errorf("write volunteer: %w", err)
}
