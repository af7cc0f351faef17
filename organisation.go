package parasat

import (
	"context"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"
)

// Organisation is any body that acts: the Assembly (or its successor)
// nationally and per region, ethno-cultural associations, the Council of
// Mothers, the youth wing, the Club of patrons, foundations, companies and
// state bodies. Names, like everything about the coordinating body, are data.
type Organisation struct {
	ID       int64            `json:"id"`
	Name     Names            `json:"name"`
	Type     OrganisationType `json:"type"`
	Region   string           `json:"region"`              // ISO 3166-2 code
	BIN      string           `json:"bin,omitempty"`       // business identification number
	ParentID *int64           `json:"parent_id,omitempty"` // e.g. the regional Assembly
	Contacts Contacts         `json:"contacts"`
	Created  time.Time        `json:"created_at"`
	Updated  time.Time        `json:"updated_at"`
}

// Contacts are the ways to reach an organisation.
type Contacts struct {
	Phone   string `json:"phone,omitempty"`
	Email   string `json:"email,omitempty"`
	Website string `json:"website,omitempty"`
	Address string `json:"address,omitempty"`
}

// OrganisationType is the kind of an organisation.
type OrganisationType string

const (
	OrgAssembly       OrganisationType = "assembly" // the coordinating body, nationally or in a region
	OrgEthnoCultural  OrganisationType = "ethno_cultural_association"
	OrgMothersCouncil OrganisationType = "council_of_mothers"
	OrgYouthWing      OrganisationType = "youth_wing"
	OrgPatronsClub    OrganisationType = "club_of_patrons"
	OrgFoundation     OrganisationType = "charitable_foundation"
	OrgCompany        OrganisationType = "company"
	OrgStateBody      OrganisationType = "state_body"
	OrgOther          OrganisationType = "other"
)

// OrganisationTypes lists every type, in the order forms show them.
var OrganisationTypes = []OrganisationType{
	OrgAssembly, OrgEthnoCultural, OrgMothersCouncil, OrgYouthWing, OrgPatronsClub,
	OrgFoundation, OrgCompany, OrgStateBody, OrgOther,
}

// Valid reports whether t is one of OrganisationTypes.
func (t OrganisationType) Valid() bool {
	for _, v := range OrganisationTypes {
		if t == v {
			return true
		}
	}
	return false
}

const maxNameLength = 300

// Normalize trims surrounding spaces from every text field.
func (o *Organisation) Normalize() {
	o.Name.KK = strings.TrimSpace(o.Name.KK)
	o.Name.RU = strings.TrimSpace(o.Name.RU)
	o.Name.EN = strings.TrimSpace(o.Name.EN)
	o.Region = strings.ToUpper(strings.TrimSpace(o.Region))
	o.BIN = strings.TrimSpace(o.BIN)
	o.Contacts.Phone = strings.TrimSpace(o.Contacts.Phone)
	o.Contacts.Email = strings.TrimSpace(o.Contacts.Email)
	o.Contacts.Website = strings.TrimSpace(o.Contacts.Website)
	o.Contacts.Address = strings.TrimSpace(o.Contacts.Address)
}

// Validate checks the rules that need no database: a name in at least one
// language, a known type, a well-formed region code, a BIN with a correct
// check digit, plausible contacts. The store checks the rest (the region and
// parent exist, the BIN is unique, the parent chain has no cycle).
func (o *Organisation) Validate() error {
	var p Problems
	if o.Name.IsEmpty() {
		p.Add("name", "name.required", "is required in at least one language")
	}
	for _, lang := range Languages {
		if utf8.RuneCountInString(o.Name.In(lang)) > maxNameLength {
			p.Add("name."+string(lang), "too_long", "must be at most 300 characters")
		}
	}
	if !o.Type.Valid() {
		p.Add("type", "organisation.type", "must be one of the organisation types")
	}
	if !regionCodePattern.MatchString(o.Region) {
		p.Add("region", "region.code", "must be an ISO 3166-2 code such as KZ-71")
	}
	if o.BIN != "" {
		if problem := IdentityNumberProblem(o.BIN); problem != "" {
			p.Add("bin", "bin."+problem, "BIN "+identityNumberMessages[problem])
		}
	}
	if o.Contacts.Email != "" {
		if a, err := mail.ParseAddress(o.Contacts.Email); err != nil || a.Address != o.Contacts.Email {
			p.Add("contacts.email", "email", "must be an e-mail address such as name@example.kz")
		}
	}
	if o.Contacts.Phone != "" && !plausiblePhone(o.Contacts.Phone) {
		p.Add("contacts.phone", "phone", "must be a phone number such as +7 7172 00 00 00")
	}
	if o.Contacts.Website != "" && !strings.HasPrefix(o.Contacts.Website, "https://") &&
		!strings.HasPrefix(o.Contacts.Website, "http://") {
		p.Add("contacts.website", "url", "must start with https:// or http://")
	}
	if o.ParentID != nil && o.ID != 0 && *o.ParentID == o.ID {
		p.Add("parent_id", "parent.self", "an organisation cannot be its own parent")
	}
	return p.Err()
}

// plausiblePhone accepts digits with the usual separators and 10 to 15 digits.
func plausiblePhone(s string) bool {
	digits := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+' && i == 0, r == ' ', r == '-', r == '(', r == ')':
		default:
			return false
		}
	}
	return digits >= 10 && digits <= 15
}

// OrganisationFilter selects organisations. Zero fields match everything.
// The keyset cursor is the last organisation of the previous page: its ID,
// and its name when sorting by name.
type OrganisationFilter struct {
	Region   string
	Type     OrganisationType
	ParentID *int64
	Query    string // matched against the names in every language, case-insensitively
	// SortByName orders by the name in this language (falling back to the
	// others when it has none); "" orders by ID, the order of registration.
	SortByName Language
	After      int64
	AfterName  string
	Limit      int
}

// OrganisationService reads and changes organisations.
type OrganisationService interface {
	ListOrganisations(ctx context.Context, f OrganisationFilter) ([]Organisation, error)
	Organisation(ctx context.Context, id int64) (*Organisation, error)
	CreateOrganisation(ctx context.Context, o *Organisation) error
	UpdateOrganisation(ctx context.Context, o *Organisation) error
	CountOrganisations(ctx context.Context) (int, error)
	// CountOrganisationsByRegion counts organisations per region code
	// (regions without any are absent).
	CountOrganisationsByRegion(ctx context.Context) (map[string]int, error)
}
