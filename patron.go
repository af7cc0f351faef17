package parasat

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Patron is a member of the Club of patrons: a person or a company who
// gives. Gifts and awards come in later issues.
type Patron struct {
	ID       int64      `json:"id"`
	Kind     PatronKind `json:"kind" enum:"person,company"`
	Name     string     `json:"name" doc:"Full name of a person, or the company's name"`
	BIN      string     `json:"bin,omitempty" doc:"Business identification number; required for a company"`
	Contacts Contacts   `json:"contacts"`
	Region   string     `json:"region" doc:"ISO 3166-2 code" example:"KZ-71"`
	// SupportedOrganisations are those the patron gives to; their managers
	// see the patron.
	SupportedOrganisations []int64 `json:"supported_organisations"`
	// PublicConsent: the patron agrees to be named in public reports and
	// thanks. Without it they are "a patron" there.
	PublicConsent bool `json:"public_consent"`
	// UserID is the patron's own account, which may read this record.
	UserID  *int64    `json:"user_id,omitempty"`
	Notes   string    `json:"notes,omitempty"`
	Created time.Time `json:"created_at"`
	Updated time.Time `json:"updated_at"`
}

// PatronKind tells a person from a company.
type PatronKind string

const (
	PatronPerson  PatronKind = "person"
	PatronCompany PatronKind = "company"
)

// PatronKinds lists the kinds in the order forms show them.
var PatronKinds = []PatronKind{PatronPerson, PatronCompany}

// Valid reports whether k is one of PatronKinds.
func (k PatronKind) Valid() bool { return slices.Contains(PatronKinds, k) }

// Normalize trims the texts and removes repeated organisations.
func (pt *Patron) Normalize() {
	pt.Name = strings.Join(strings.Fields(pt.Name), " ")
	pt.BIN = strings.TrimSpace(pt.BIN)
	pt.Region = strings.ToUpper(strings.TrimSpace(pt.Region))
	pt.Contacts.Phone = strings.TrimSpace(pt.Contacts.Phone)
	pt.Contacts.Email = strings.ToLower(strings.TrimSpace(pt.Contacts.Email))
	pt.Contacts.Website = strings.TrimSpace(pt.Contacts.Website)
	pt.Contacts.Address = strings.TrimSpace(pt.Contacts.Address)
	pt.Notes = strings.TrimSpace(pt.Notes)
	pt.SupportedOrganisations = sortedUnique(pt.SupportedOrganisations)
}

// Validate checks the rules that need no database; the store checks that
// the region, organisations and account exist and that the BIN is unique.
func (pt *Patron) Validate() error {
	var p Problems
	if !pt.Kind.Valid() {
		p.Add("kind", "patron.kind", "must be person or company")
	}
	if pt.Name == "" {
		p.Add("name", "required", "is required")
	} else if utf8.RuneCountInString(pt.Name) > maxNameLength {
		p.Add("name", "too_long", "must be at most 300 characters")
	}
	switch {
	case pt.BIN != "":
		if problem := IdentityNumberProblem(pt.BIN); problem != "" {
			p.Add("bin", "bin."+problem, "BIN "+identityNumberMessages[problem])
		}
	case pt.Kind == PatronCompany:
		p.Add("bin", "patron.bin_required", "is required for a company")
	}
	if !regionCodePattern.MatchString(pt.Region) {
		p.Add("region", "region.code", "must be an ISO 3166-2 code such as KZ-71")
	}
	validateContacts(&p, "contacts.", pt.Contacts.Phone, pt.Contacts.Email)
	if w := pt.Contacts.Website; w != "" && !strings.HasPrefix(w, "https://") && !strings.HasPrefix(w, "http://") {
		p.Add("contacts.website", "url", "must start with https:// or http://")
	}
	if utf8.RuneCountInString(pt.Contacts.Address) > maxNameLength {
		p.Add("contacts.address", "too_long", "must be at most 300 characters")
	}
	if utf8.RuneCountInString(pt.Notes) > maxLongText {
		p.Add("notes", "too_long_2000", "must be at most 2000 characters")
	}
	for _, id := range pt.SupportedOrganisations {
		if id <= 0 {
			p.Add("supported_organisations", "organisation.unknown", "no organisation has this id")
			break
		}
	}
	return p.Err()
}

// Resource describes the patron for the policy.
func (pt *Patron) Resource() Resource {
	r := Resource{Region: pt.Region, Organisations: pt.SupportedOrganisations}
	if pt.UserID != nil {
		r.OwnerUserID = *pt.UserID
	}
	return r
}

// SortKey is the folded name lists are ordered by; keyset cursors carry it.
func (pt *Patron) SortKey() string { return FoldForSearch(pt.Name) }

// PatronFilter selects patrons, ordered by name, like VolunteerFilter.
type PatronFilter struct {
	Region       string
	Organisation int64
	Kind         PatronKind
	Query        string // the start of any word of the name, or the BIN
	Visibility
	After     int64
	AfterName string
	Limit     int
}

// PatronService keeps the register of patrons.
type PatronService interface {
	ListPatrons(ctx context.Context, f PatronFilter) ([]Patron, error)
	Patron(ctx context.Context, id int64) (*Patron, error)
	CreatePatron(ctx context.Context, p *Patron) error
	// CreatePatrons records several patrons in one transaction: all or none.
	CreatePatrons(ctx context.Context, ps []*Patron) error
	UpdatePatron(ctx context.Context, p *Patron) error
}
