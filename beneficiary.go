package parasat

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// Category is a group of people the centre helps, from its founding documents.
type Category string

const (
	CategoryChildSpecialNeeds Category = "child_special_needs"
	CategoryLowIncome         Category = "low_income"
	CategoryLargeFamily       Category = "large_family"
	CategoryVeteran           Category = "veteran"
	CategoryPensioner         Category = "pensioner"
	CategoryDisability        Category = "disability"
	CategoryOrphan            Category = "orphan"
	CategoryElderlyAlone      Category = "elderly_alone"
	CategoryDisasterVictim    Category = "disaster_victim"
	CategoryOther             Category = "other"
)

// Categories lists every category in the order forms show them.
var Categories = []Category{CategoryChildSpecialNeeds, CategoryLowIncome, CategoryLargeFamily, CategoryVeteran,
	CategoryPensioner, CategoryDisability, CategoryOrphan, CategoryElderlyAlone, CategoryDisasterVictim, CategoryOther}

// Valid reports whether c is a known category.
func (c Category) Valid() bool {
	for _, v := range Categories {
		if c == v {
			return true
		}
	}
	return false
}

// CategoryAssignment puts a person or household in a category, for a period
// when the status expires (a disability group reviewed yearly, a low-income
// certificate valid for six months).
type CategoryAssignment struct {
	Category   Category `json:"category" enum:"child_special_needs,low_income,large_family,veteran,pensioner,disability,orphan,elderly_alone,disaster_victim,other"`
	ValidFrom  *Date    `json:"valid_from,omitempty"`
	ValidUntil *Date    `json:"valid_until,omitempty"`
}

// ActiveOn reports whether the assignment holds on day.
func (a CategoryAssignment) ActiveOn(day time.Time) bool {
	return (a.ValidFrom == nil || !day.Before(a.ValidFrom.Time)) && (a.ValidUntil == nil || !day.After(a.ValidUntil.Time))
}

// Consent is the person's consent to the processing of their data (Law
// No. 94-V): when, for what, and who recorded it.
type Consent struct {
	GivenOn    *Date  `json:"given_on,omitempty"`
	Scope      string `json:"scope,omitempty" doc:"What the person agreed to, in their words or the form's"`
	RecordedBy int64  `json:"recorded_by,omitempty" readOnly:"true"`
}

// Beneficiary is a person who receives help.
type Beneficiary struct {
	ID            int64                `json:"id"`
	FullName      string               `json:"full_name" doc:"As written in the identity document"`
	LatinName     string               `json:"latin_name,omitempty" doc:"As written in Latin letters, e.g. in a passport"`
	IIN           string               `json:"iin"`
	BirthDate     Date                 `json:"birth_date"`
	Sex           Sex                  `json:"sex" enum:"male,female"`
	Region        string               `json:"region"`
	Address       string               `json:"address,omitempty"`
	Phone         string               `json:"phone,omitempty"`
	HouseholdID   *int64               `json:"household_id,omitempty"`
	Relation      string               `json:"relation,omitempty" doc:"Relation to the head of the household"`
	Categories    []CategoryAssignment `json:"categories"`
	Organisations []int64              `json:"organisations" doc:"Organisations that serve this person"`
	Notes         string               `json:"notes,omitempty"`
	Consent       Consent              `json:"consent"`
	Anonymised    *time.Time           `json:"anonymised_at,omitempty"`
	Created       time.Time            `json:"created_at"`
	Updated       time.Time            `json:"updated_at"`
	// Warnings are facts worth a second look that do not stop the record,
	// such as a birth date the IIN does not encode.
	Warnings []FieldError `json:"warnings,omitempty"`
}

// Text limits of a beneficiary's fields.
const (
	maxPersonName = 200
	maxAddress    = 300
	maxNotes      = 5000
)

// Normalize trims the text fields.
func (b *Beneficiary) Normalize() {
	b.FullName = strings.Join(strings.Fields(b.FullName), " ")
	b.LatinName = strings.Join(strings.Fields(b.LatinName), " ")
	b.IIN = strings.TrimSpace(b.IIN)
	b.Region = strings.ToUpper(strings.TrimSpace(b.Region))
	b.Address = strings.TrimSpace(b.Address)
	b.Phone = strings.TrimSpace(b.Phone)
	b.Relation = strings.TrimSpace(b.Relation)
	b.Notes = strings.TrimSpace(b.Notes)
	b.Consent.Scope = strings.TrimSpace(b.Consent.Scope)
}

// Validate checks the rules that need no database and fills Warnings. now
// is the current moment; dates are compared with the day it is then in
// Kazakhstan, so that a consent given this morning in Astana is not "in the
// future" while it is still yesterday in UTC.
func (b *Beneficiary) Validate(now time.Time) error {
	today := DayInKazakhstan(now).Time
	var p Problems
	if b.FullName == "" {
		p.Add("full_name", "required", "is required")
	}
	for field, v := range map[string]string{"full_name": b.FullName, "latin_name": b.LatinName} {
		if utf8.RuneCountInString(v) > maxPersonName {
			p.Add(field, "too_long_200", "must be at most 200 characters")
		}
	}
	if problem := IINProblem(b.IIN); problem != "" {
		p.Add("iin", "iin."+problem, "IIN "+identityNumberMessages[problem])
	}
	switch {
	case b.BirthDate.IsZero():
		p.Add("birth_date", "required", "is required")
	case b.BirthDate.After(today) || b.BirthDate.Year() < 1890:
		p.Add("birth_date", "birth_date.range", "must be a real birth date, not in the future")
	}
	if !b.Sex.Valid() {
		p.Add("sex", "sex", "must be male or female")
	}
	if !regionCodePattern.MatchString(b.Region) {
		p.Add("region", "region.code", "must be an ISO 3166-2 code such as KZ-71")
	}
	if utf8.RuneCountInString(b.Address) > maxAddress {
		p.Add("address", "too_long_300", "must be at most 300 characters")
	}
	if b.Phone != "" && !plausiblePhone(b.Phone) {
		p.Add("phone", "phone", "must be a phone number such as +7 701 000 00 00")
	}
	if utf8.RuneCountInString(b.Notes) > maxNotes {
		p.Add("notes", "too_long_5000", "must be at most 5000 characters")
	}
	validateCategories(&p, b.Categories)
	if b.Consent.GivenOn != nil && b.Consent.GivenOn.After(today) {
		p.Add("consent.given_on", "date.future", "must not be in the future")
	}
	b.Warnings = IINWarnings(b.IIN, b.BirthDate, b.Sex)
	return p.Err()
}

func validateCategories(p *Problems, cats []CategoryAssignment) {
	seen := map[Category]bool{}
	for _, c := range cats {
		switch {
		case !c.Category.Valid():
			p.Add("categories", "category", "must be one of the categories")
		case seen[c.Category]:
			p.Add("categories", "category.twice", "a category is given twice")
		case c.ValidFrom != nil && c.ValidUntil != nil && c.ValidUntil.Before(c.ValidFrom.Time):
			p.Add("categories", "category.period", "the end of a category's period is before its start")
		}
		seen[c.Category] = true
	}
}

// AgeOn returns the person's age in whole years on day.
func (b *Beneficiary) AgeOn(day time.Time) int {
	return ageOn(b.BirthDate, day)
}

func ageOn(birth Date, day time.Time) int {
	age := day.Year() - birth.Year()
	if day.Month() < birth.Month() || day.Month() == birth.Month() && day.Day() < birth.Day() {
		age--
	}
	return age
}

// Resource describes the beneficiary for the policy.
func (b *Beneficiary) Resource() Resource {
	return Resource{Region: b.Region, Organisations: b.Organisations}
}

// BeneficiaryFilter selects beneficiaries. Query is an IIN (all digits) or
// the start of a name; RegionIn/OrganisationIn limit the list to what the
// caller may read (nil: no limit). After is the keyset cursor.
type BeneficiaryFilter struct {
	Region         string
	OrganisationID int64
	Category       Category
	HouseholdID    int64
	Query          string
	RegionIn       []string
	OrganisationIn []int64
	After          int64
	Limit          int
}

// Visit records who opened a beneficiary's full record, when and from where.
type Visit struct {
	At       time.Time `json:"at"`
	UserID   int64     `json:"user_id"`
	UserName string    `json:"user_name"`
	Address  string    `json:"address"`
}

// BeneficiaryService keeps the register of people helped.
type BeneficiaryService interface {
	CreateBeneficiary(ctx context.Context, b *Beneficiary) error
	// CreateBeneficiaries registers many people in one transaction: all of
	// them, or none when any fails (an import is never half done).
	CreateBeneficiaries(ctx context.Context, list []*Beneficiary) error
	Beneficiary(ctx context.Context, id int64) (*Beneficiary, error)
	BeneficiaryByIIN(ctx context.Context, iin string) (*Beneficiary, error)
	UpdateBeneficiary(ctx context.Context, b *Beneficiary) error
	ListBeneficiaries(ctx context.Context, f BeneficiaryFilter) ([]Beneficiary, error)
	// RecordVisit logs that the actor of ctx opened the full record.
	RecordVisit(ctx context.Context, beneficiaryID int64) error
	Visits(ctx context.Context, beneficiaryID int64, limit int) ([]Visit, error)
	// AnonymiseBeneficiary erases what identifies the person (names, IIN,
	// address, phone, notes, documents, day and month of birth) and keeps
	// what statistics need (region, year of birth, sex, categories, the
	// organisations and, later, the help given).
	AnonymiseBeneficiary(ctx context.Context, id int64) error
}
