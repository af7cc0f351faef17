package parasat

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// Household is the people living together, so that a family is seen — and
// helped, and counted — as one family.
type Household struct {
	ID         int64                `json:"id"`
	Name       string               `json:"name" doc:"How the family is known, e.g. the Seitov family"`
	Region     string               `json:"region"`
	Address    string               `json:"address,omitempty"`
	HeadID     *int64               `json:"head_id,omitempty" doc:"The beneficiary who heads the household"`
	Categories []CategoryAssignment `json:"categories"`
	Members    []HouseholdMember    `json:"members" readOnly:"true"`
	Created    time.Time            `json:"created_at"`
	Updated    time.Time            `json:"updated_at"`
}

// HouseholdMember is a beneficiary living in the household.
type HouseholdMember struct {
	BeneficiaryID int64  `json:"beneficiary_id"`
	FullName      string `json:"full_name"`
	BirthDate     Date   `json:"birth_date"`
	Relation      string `json:"relation,omitempty"`
}

// LargeFamilyChildren is how many children under 18 make a large family.
const LargeFamilyChildren = 4

// ChildrenOn counts the members under 18 on day.
func (h *Household) ChildrenOn(day time.Time) int {
	n := 0
	for _, m := range h.Members {
		if ageOn(m.BirthDate, day) < 18 {
			n++
		}
	}
	return n
}

// IsLargeFamily reports whether the household has 4 or more children on day.
func (h *Household) IsLargeFamily(day time.Time) bool {
	return h.ChildrenOn(day) >= LargeFamilyChildren
}

// Normalize trims the text fields.
func (h *Household) Normalize() {
	h.Name = strings.Join(strings.Fields(h.Name), " ")
	h.Region = strings.ToUpper(strings.TrimSpace(h.Region))
	h.Address = strings.TrimSpace(h.Address)
}

// Validate checks the rules that need no database.
func (h *Household) Validate() error {
	var p Problems
	if h.Name == "" {
		p.Add("name", "required", "is required")
	}
	if utf8.RuneCountInString(h.Name) > maxPersonName {
		p.Add("name", "too_long_200", "must be at most 200 characters")
	}
	if !regionCodePattern.MatchString(h.Region) {
		p.Add("region", "region.code", "must be an ISO 3166-2 code such as KZ-71")
	}
	if utf8.RuneCountInString(h.Address) > maxAddress {
		p.Add("address", "too_long_300", "must be at most 300 characters")
	}
	validateCategories(&p, h.Categories)
	return p.Err()
}

// HouseholdFilter selects households; the scope fields work as in BeneficiaryFilter.
type HouseholdFilter struct {
	Region   string
	Query    string // start of the name
	RegionIn []string
	After    int64
	Limit    int
}

// HouseholdService keeps households.
type HouseholdService interface {
	CreateHousehold(ctx context.Context, h *Household) error
	Household(ctx context.Context, id int64) (*Household, error)
	UpdateHousehold(ctx context.Context, h *Household) error
	ListHouseholds(ctx context.Context, f HouseholdFilter) ([]Household, error)
	// SetMembership puts a beneficiary in a household (or, with household
	// 0, takes them out) with their relation to its head.
	SetMembership(ctx context.Context, beneficiaryID, householdID int64, relation string) error
}
