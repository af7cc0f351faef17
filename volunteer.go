package parasat

import (
	"context"
	"net/mail"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Volunteer is a person who gives their time: youth of the ethno-cultural
// centres, members of the Council of Mothers, any citizen. Volunteers sign
// up themselves (status pending) or are recorded by staff, and are approved
// by a manager of one of their organisations or by the coordinator of their
// region.
type Volunteer struct {
	ID        int64  `json:"id"`
	FullName  string `json:"full_name"`
	BirthDate Date   `json:"birth_date" format:"date"`
	Region    string `json:"region" doc:"ISO 3166-2 code of the region they live in" example:"KZ-71"`
	City      string `json:"city,omitempty" doc:"City, town or village"`
	Phone     string `json:"phone,omitempty"`
	Email     string `json:"email,omitempty"`
	// Organisations are those the volunteer belongs to; their managers see
	// and approve the volunteer.
	Organisations  []int64      `json:"organisations"`
	Skills         []string     `json:"skills" doc:"Codes from the list of skills (GET /skills)"`
	Languages      []Language   `json:"languages" doc:"Languages spoken, of kk, ru and en"`
	OtherLanguages string       `json:"other_languages,omitempty" doc:"Other languages spoken, as free text"`
	Availability   Availability `json:"availability"`
	// Consent is the volunteer's consent to the processing of their data
	// (Law No. 94-V); its date is the day of sign-up.
	Consent Consent `json:"consent"`
	// ParentConsent is required when the volunteer was under 18 on the day
	// of the consent.
	ParentConsent    *ParentConsent   `json:"parent_consent,omitempty"`
	EmergencyContact EmergencyContact `json:"emergency_contact"`
	Status           VolunteerStatus  `json:"status" enum:"pending,approved,rejected"`
	// DecidedBy and DecidedAt say who approved or rejected the volunteer, and when.
	DecidedBy *int64     `json:"decided_by,omitempty"`
	DecidedAt *time.Time `json:"decided_at,omitempty"`
	// UserID is the volunteer's own account, which may read this record.
	UserID  *int64    `json:"user_id,omitempty"`
	Created time.Time `json:"created_at"`
	Updated time.Time `json:"updated_at"`
}

// Availability says when a volunteer can usually help.
type Availability struct {
	Weekdays bool `json:"weekdays"`
	Evenings bool `json:"evenings"`
	Weekends bool `json:"weekends"`
}

// ParentConsent records that a parent (or guardian) of a minor agreed.
type ParentConsent struct {
	Name    string `json:"name"`
	Phone   string `json:"phone"`
	GivenOn Date   `json:"given_on" format:"date"`
}

// EmergencyContact is whom to call if something happens to the volunteer.
type EmergencyContact struct {
	Name  string `json:"name,omitempty"`
	Phone string `json:"phone,omitempty"`
}

// VolunteerStatus is where a volunteer is in approval.
type VolunteerStatus string

const (
	VolunteerPending  VolunteerStatus = "pending"
	VolunteerApproved VolunteerStatus = "approved"
	VolunteerRejected VolunteerStatus = "rejected"
)

// VolunteerStatuses lists every status in the order filters show them.
var VolunteerStatuses = []VolunteerStatus{VolunteerPending, VolunteerApproved, VolunteerRejected}

// Valid reports whether s is one of VolunteerStatuses.
func (s VolunteerStatus) Valid() bool { return slices.Contains(VolunteerStatuses, s) }

const (
	// MinVolunteerAge is the youngest age at which Parasat records a person
	// as a volunteer; younger children take part with their parents.
	MinVolunteerAge = 14
	// AdultAge is the age from which no parent's consent is needed.
	AdultAge = 18
	// maxLongText bounds free texts such as a consent's scope or notes.
	maxLongText = 2000
)

// kazakhstanTime is UTC+5, the time of the whole country since 1 March
// 2024. Only "today" is taken in it, so the older UTC+6 of the east does not matter.
var kazakhstanTime = time.FixedZone("UTC+5", 5*3600)

// DayInKazakhstan returns the calendar day it is in Kazakhstan at t.
func DayInKazakhstan(t time.Time) Date {
	y, m, d := t.In(kazakhstanTime).Date()
	return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// YearsOld returns the age in whole years of a person born on birth, on day.
func YearsOld(birth, day Date) int {
	age := day.Year() - birth.Year()
	if day.Month() < birth.Month() || day.Month() == birth.Month() && day.Day() < birth.Day() {
		age--
	}
	return age
}

// NeedsParentConsent reports whether the volunteer was a minor when they
// gave their consent (or on today, when they have given none yet).
func (v *Volunteer) NeedsParentConsent(today Date) bool {
	on := today
	if v.Consent.GivenOn != nil {
		on = *v.Consent.GivenOn
	}
	return !v.BirthDate.IsZero() && YearsOld(v.BirthDate, on) < AdultAge
}

// Normalize trims the texts, lower-cases the e-mail and removes repeated
// organisations, skills and languages.
func (v *Volunteer) Normalize() {
	v.FullName = strings.Join(strings.Fields(v.FullName), " ")
	v.Region = strings.ToUpper(strings.TrimSpace(v.Region))
	v.City = strings.TrimSpace(v.City)
	v.Phone = strings.TrimSpace(v.Phone)
	v.Email = strings.ToLower(strings.TrimSpace(v.Email))
	v.OtherLanguages = strings.TrimSpace(v.OtherLanguages)
	v.Consent.Scope = strings.TrimSpace(v.Consent.Scope)
	v.EmergencyContact.Name = strings.TrimSpace(v.EmergencyContact.Name)
	v.EmergencyContact.Phone = strings.TrimSpace(v.EmergencyContact.Phone)
	if pc := v.ParentConsent; pc != nil {
		pc.Name = strings.Join(strings.Fields(pc.Name), " ")
		pc.Phone = strings.TrimSpace(pc.Phone)
	}
	for i, s := range v.Skills {
		v.Skills[i] = strings.ToLower(strings.TrimSpace(s))
	}
	v.Organisations = sortedUnique(v.Organisations)
	v.Skills = sortedUnique(v.Skills)
	v.Languages = sortedUnique(v.Languages)
	if v.Status == "" {
		v.Status = VolunteerPending
	}
}

func sortedUnique[T int64 | string | Language | Category](s []T) []T {
	out := slices.Clone(s)
	slices.Sort(out)
	out = slices.Compact(out)
	if out == nil {
		out = []T{} // lists are [] in JSON, never null
	}
	return out
}

// Validate checks the rules that need no database, on the day today in
// Kazakhstan. The store checks the rest: the region, organisations, skills
// and account exist, and no other volunteer has the same name and birth date.
func (v *Volunteer) Validate(today Date) error {
	var p Problems
	if v.FullName == "" {
		p.Add("full_name", "required", "is required")
	} else if utf8.RuneCountInString(v.FullName) > maxNameLength {
		p.Add("full_name", "too_long", "must be at most 300 characters")
	}
	v.validateBirthAndConsent(&p, today)
	if !regionCodePattern.MatchString(v.Region) {
		p.Add("region", "region.code", "must be an ISO 3166-2 code such as KZ-71")
	}
	for field, s := range map[string]string{"city": v.City, "other_languages": v.OtherLanguages,
		"emergency_contact.name": v.EmergencyContact.Name} {
		if utf8.RuneCountInString(s) > maxNameLength {
			p.Add(field, "too_long", "must be at most 300 characters")
		}
	}
	validateContacts(&p, "", v.Phone, v.Email)
	if v.Phone == "" && v.Email == "" {
		p.Add("phone", "volunteer.contact", "a phone number or an e-mail address is needed to reach the volunteer")
	}
	if v.EmergencyContact.Phone != "" && !plausiblePhone(v.EmergencyContact.Phone) {
		p.Add("emergency_contact.phone", "phone", "must be a phone number such as +7 701 000 00 00")
	}
	for _, id := range v.Organisations {
		if id <= 0 {
			p.Add("organisations", "organisation.unknown", "no organisation has this id")
			break
		}
	}
	for _, l := range v.Languages {
		if !slices.Contains(Languages, l) {
			p.Add("languages", "language", "must be kk, ru or en")
			break
		}
	}
	if !v.Status.Valid() {
		p.Add("status", "volunteer.status", "must be pending, approved or rejected")
	}
	return p.Err()
}

// validateBirthAndConsent checks the birth date, the consent and, for a
// minor, the parent's consent.
func (v *Volunteer) validateBirthAndConsent(p *Problems, today Date) {
	switch {
	case v.BirthDate.IsZero():
		p.Add("birth_date", "required", "is required")
	case v.BirthDate.After(today.Time) || v.BirthDate.Year() < 1900:
		p.Add("birth_date", "volunteer.birth_date", "must be a real birth date, not in the future")
	case YearsOld(v.BirthDate, today) < MinVolunteerAge:
		p.Add("birth_date", "volunteer.too_young", "volunteers must be at least 14 years old")
	}
	switch c := v.Consent; {
	case c.GivenOn == nil || c.GivenOn.IsZero():
		p.Add("consent", "volunteer.consent", "the volunteer's consent to the processing of their data is required")
	case c.GivenOn.After(today.Time):
		p.Add("consent.given_on", "volunteer.future", "must not be in the future")
	}
	if v.Consent.Scope == "" {
		p.Add("consent.scope", "required", "is required")
	} else if utf8.RuneCountInString(v.Consent.Scope) > maxLongText {
		p.Add("consent.scope", "too_long_2000", "must be at most 2000 characters")
	}
	pc := v.ParentConsent
	if pc == nil {
		if v.NeedsParentConsent(today) {
			p.Add("parent_consent", "volunteer.parent_consent", "a parent's consent is required for a volunteer under 18")
		}
		return
	}
	if pc.Name == "" {
		p.Add("parent_consent.name", "required", "is required")
	} else if utf8.RuneCountInString(pc.Name) > maxNameLength {
		p.Add("parent_consent.name", "too_long", "must be at most 300 characters")
	}
	if pc.Phone == "" {
		p.Add("parent_consent.phone", "required", "is required")
	} else if !plausiblePhone(pc.Phone) {
		p.Add("parent_consent.phone", "phone", "must be a phone number such as +7 701 000 00 00")
	}
	switch {
	case pc.GivenOn.IsZero():
		p.Add("parent_consent.given_on", "required", "is required")
	case pc.GivenOn.After(today.Time):
		p.Add("parent_consent.given_on", "volunteer.future", "must not be in the future")
	}
}

// validateContacts checks a phone and an e-mail address when they are given;
// prefix is put before the field names ("contacts." for a patron).
func validateContacts(p *Problems, prefix, phone, email string) {
	if email != "" {
		if a, err := mail.ParseAddress(email); err != nil || a.Address != email {
			p.Add(prefix+"email", "email", "must be an e-mail address such as name@example.kz")
		}
	}
	if phone != "" && !plausiblePhone(phone) {
		p.Add(prefix+"phone", "phone", "must be a phone number such as +7 701 000 00 00")
	}
}

// Resource describes the volunteer for the policy.
func (v *Volunteer) Resource() Resource {
	r := Resource{Region: v.Region, Organisations: v.Organisations}
	if v.UserID != nil {
		r.OwnerUserID = *v.UserID
	}
	return r
}

// SortKey is the folded name lists are ordered by; keyset cursors carry it.
func (v *Volunteer) SortKey() string { return FoldForSearch(v.FullName) }

// Visibility limits a list to the records a caller may read: those in one of
// RegionIn, tied to one of OrganisationIn, or owned by OwnerUserID. The HTTP
// layer fills it from the policy. The zero value reads nothing; All reads
// every record (the national secretariat, the demo loader).
type Visibility struct {
	All            bool
	RegionIn       []string
	OrganisationIn []int64
	OwnerUserID    int64
}

// VolunteerFilter selects volunteers, ordered by name. Zero filter fields
// match everything; Visibility limits the list to what the caller may read.
// After and AfterName are the keyset cursor: the ID and SortKey of the last
// volunteer of the previous page.
type VolunteerFilter struct {
	Region       string
	Organisation int64
	Skill        string
	Status       VolunteerStatus
	Query        string // the start of any word of the name, or of the e-mail
	Visibility
	After     int64
	AfterName string
	Limit     int
}

// VolunteerService keeps the register of volunteers.
type VolunteerService interface {
	ListVolunteers(ctx context.Context, f VolunteerFilter) ([]Volunteer, error)
	Volunteer(ctx context.Context, id int64) (*Volunteer, error)
	// CreateVolunteer records a volunteer; the status defaults to pending.
	CreateVolunteer(ctx context.Context, v *Volunteer) error
	// CreateVolunteers records several volunteers in one transaction: all
	// of them or, at the first refusal, none.
	CreateVolunteers(ctx context.Context, vs []*Volunteer) error
	// UpdateVolunteer replaces the editable fields; the status and who
	// decided it change only through DecideVolunteer.
	UpdateVolunteer(ctx context.Context, v *Volunteer) error
	// DecideVolunteer approves or rejects a volunteer, recording the actor
	// of ctx and the time; deciding what is already decided is a conflict.
	DecideVolunteer(ctx context.Context, id int64, status VolunteerStatus) (*Volunteer, error)
}
