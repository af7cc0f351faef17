package parasat

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// AidRecord is one act of help, the unit every report counts (see
// FIGURES.md): on a day, an organisation (at an event or on its own) gave a
// beneficiary, a household or an anonymous group of people something worth
// a value in tiyn.
type AidRecord struct {
	ID int64 `json:"id"`
	// GivenOn is the calendar day in Kazakhstan the help was given.
	GivenOn Date `json:"given_on"`
	// OrganisationID gives the help; at an event it is one of the event's
	// organisations (0 lets the store choose: the lead, or else the first
	// partner, that may help the recipient).
	OrganisationID int64  `json:"organisation_id"`
	EventID        *int64 `json:"event_id,omitempty"`
	// Region is where the help was given: the event's region, or the giving
	// organisation's for help without an event. The store sets it.
	Region        string        `json:"region" readOnly:"true"`
	Recipient     RecipientKind `json:"recipient" enum:"beneficiary,household,group"`
	BeneficiaryID *int64        `json:"beneficiary_id,omitempty"`
	HouseholdID   *int64        `json:"household_id,omitempty"`
	GroupSize     int           `json:"group_size,omitempty" doc:"How many people an anonymous group has"`
	Kind          AidKind       `json:"kind" enum:"money,goods,service,care,development"`
	Item          string        `json:"item" doc:"What was given, of the items of the kind (GET /aid-items)"`
	Description   string        `json:"description,omitempty"`
	Quantity      int           `json:"quantity" doc:"How many items (food packages, sets of school supplies…)"`
	// ValueTiyn is the value of the help in tiyn (1 ₸ = 100 tiyn).
	ValueTiyn int64     `json:"value_tiyn"`
	CreatedBy *int64    `json:"created_by,omitempty" readOnly:"true"`
	Created   time.Time `json:"created_at" readOnly:"true"`
}

// RecipientKind is who received help.
type RecipientKind string

const (
	RecipientBeneficiary RecipientKind = "beneficiary"
	RecipientHousehold   RecipientKind = "household"
	RecipientGroup       RecipientKind = "group" // anonymous: only how many
)

// AidKind is what kind of help was given.
type AidKind string

const (
	AidMoney       AidKind = "money"
	AidGoods       AidKind = "goods"
	AidServiceKind AidKind = "service"
	AidCare        AidKind = "care"
	AidDevelopment AidKind = "development" // "a fishing rod": help to become independent
)

// AidKinds lists the kinds of help, in the order reports show them.
var AidKinds = []AidKind{AidMoney, AidGoods, AidServiceKind, AidDevelopment, AidCare}

// Valid reports whether k is one of AidKinds.
func (k AidKind) Valid() bool { return slices.Contains(AidKinds, k) }

// AidItems lists, per kind, what may be given; "other" is always allowed.
var AidItems = map[AidKind][]string{
	AidMoney:       {"financial_aid"},
	AidGoods:       {"food_package", "clothes", "school_supplies", "medicine", "winter_fuel", "appliances", "other"},
	AidServiceKind: {"medical_treatment", "rehabilitation", "repair", "legal_help", "transport", "other"},
	AidCare:        {"visit", "celebration", "concert", "other"},
	AidDevelopment: {"training", "job_placement", "work_equipment", "business_grant", "other"},
}

// Bounds that catch a mistyped number before it distorts every report.
const (
	// MaxAmount is the largest value of one aid record (and of a planned
	// budget): 1.5 billion ₸, about the price of the costliest treatment
	// Kazakhstan's charities have raised money for (gene therapy for a child
	// with spinal muscular atrophy). Anything above is a typo.
	MaxAmount int64 = 1_500_000_000 * 100
	// MaxGroupSize is the largest anonymous group: twice the seats of
	// Astana Arena, the country's largest stadium.
	MaxGroupSize = 60_000
	// MaxQuantity bounds the number of items of one record.
	MaxQuantity = 100_000
	// MaxAidBatch is the most aid records one request may carry.
	MaxAidBatch = 2000
	maxAidText  = 1000
)

// earliestAid is the first day aid can be dated on: the independence of Kazakhstan.
var earliestAid = time.Date(1991, 12, 16, 0, 0, 0, 0, time.UTC)

// Normalize trims the texts and fills the defaults: one item, and the
// only item of money.
func (a *AidRecord) Normalize() {
	a.Item = strings.TrimSpace(a.Item)
	a.Description = strings.TrimSpace(a.Description)
	if a.Quantity == 0 {
		a.Quantity = 1
	}
	if a.Item == "" && a.Kind == AidMoney {
		a.Item = "financial_aid"
	}
	if a.Item == "" && a.Kind.Valid() {
		a.Item = "other"
	}
}

// Validate checks the rules that need no database, on the day today in
// Kazakhstan. The store checks the rest: the event, organisation and
// recipient exist, and the organisation may help the recipient (MayHelp).
func (a *AidRecord) Validate(today Date) error {
	var p Problems
	switch {
	case a.GivenOn.IsZero():
		p.Add("given_on", "required", "is required")
	case a.GivenOn.After(today.Time):
		p.Add("given_on", "aid.future", "help cannot be recorded before it is given: the date is in the future")
	case a.GivenOn.Before(earliestAid):
		p.Add("given_on", "aid.date_range", "must be a date since 16 December 1991")
	}
	if a.OrganisationID < 0 || a.OrganisationID == 0 && a.EventID == nil {
		p.Add("organisation_id", "aid.organisation_required", "the organisation that gave the help is required")
	}
	if a.EventID != nil && *a.EventID <= 0 {
		p.Add("event_id", "event.unknown", "no event has this id")
	}
	a.validateRecipient(&p)
	if !a.Kind.Valid() {
		p.Add("kind", "aid.kind", "must be money, goods, service, care or development")
	} else if !slices.Contains(AidItems[a.Kind], a.Item) {
		p.Add("item", "aid.item", "is not one of the items of this kind of help")
	}
	if utf8.RuneCountInString(a.Description) > maxAidText {
		p.Add("description", "too_long_1000", "must be at most 1000 characters")
	}
	if a.Quantity < 1 || a.Quantity > MaxQuantity {
		p.Add("quantity", "aid.quantity", "must be between 1 and 100 000")
	}
	switch {
	case a.ValueTiyn < 0:
		p.Add("value_tiyn", "amount.negative", "must not be negative")
	case a.ValueTiyn > MaxAmount:
		p.Add("value_tiyn", "amount.absurd", "is more than 1 500 000 000 ₸; check the number of zeros")
	case a.ValueTiyn == 0 && a.Kind != AidCare && a.Kind.Valid():
		p.Add("value_tiyn", "aid.value_required", "only care and attention may be worth nothing: give the value")
	}
	return p.Err()
}

func (a *AidRecord) validateRecipient(p *Problems) {
	switch a.Recipient {
	case RecipientBeneficiary:
		if a.BeneficiaryID == nil || *a.BeneficiaryID <= 0 {
			p.Add("beneficiary_id", "aid.beneficiary_required", "say which person was helped")
		}
	case RecipientHousehold:
		if a.HouseholdID == nil || *a.HouseholdID <= 0 {
			p.Add("household_id", "aid.household_required", "say which household was helped")
		}
	case RecipientGroup:
		switch {
		case a.GroupSize < 1:
			p.Add("group_size", "aid.group_empty", "an anonymous group has at least one person")
		case a.GroupSize > MaxGroupSize:
			p.Add("group_size", "aid.group_absurd", "is more than 60 000 people; check the number")
		}
	default:
		p.Add("recipient", "aid.recipient", "must be beneficiary, household or group")
		return
	}
	if a.Recipient != RecipientBeneficiary && a.BeneficiaryID != nil ||
		a.Recipient != RecipientHousehold && a.HouseholdID != nil ||
		a.Recipient != RecipientGroup && a.GroupSize != 0 {
		p.Add("recipient", "aid.recipient_mixed", "give exactly one recipient: a person, a household or a group")
	}
}

// MayHelp is the rule of who may give help to whom. An organisation helps
// the people it serves (a person, or a household with a member it serves);
// a coordinating body (an Assembly) helps anyone living in its region; an
// anonymous group may be helped by anyone. servedBy are the organisations
// serving the recipient, region where the recipient lives.
func MayHelp(giver *Organisation, servedBy []int64, region string) bool {
	if slices.Contains(servedBy, giver.ID) {
		return true
	}
	return giver.Type == OrgAssembly && giver.Region == region
}

// Resource describes an aid record for the policy: where it was given, by
// whom, and the lead of its event (whose managers record the results of the
// whole event).
func (a *AidRecord) Resource(eventLead int64) Resource {
	r := Resource{Region: a.Region, OrganisationID: a.OrganisationID}
	if eventLead != 0 {
		r.Organisations = []int64{eventLead}
	}
	return r
}

// AidFilter selects aid records in the order they were recorded. Visibility
// limits them to what the caller may read: the regions they coordinate, the
// organisations they manage (as giver or as the event's organisation).
type AidFilter struct {
	Event        int64
	Organisation int64
	Beneficiary  int64
	Household    int64
	Region       string
	Kind         AidKind
	From, To     *Date
	Visibility
	After int64
	Limit int
}

// AidService keeps the record of help given.
type AidService interface {
	// RecordAid stores aid records in one transaction: all of them or,
	// at the first refusal, none; field names of a refused record are
	// prefixed with its index ("3.given_on").
	RecordAid(ctx context.Context, list []*AidRecord) error
	AidRecord(ctx context.Context, id int64) (*AidRecord, error)
	ListAid(ctx context.Context, f AidFilter) ([]AidRecord, error)
	// DeleteAidRecord removes a record made by mistake; the record of a
	// reported event is part of its results and stays.
	DeleteAidRecord(ctx context.Context, id int64) error
	// BeneficiaryIDsByIIN finds the people with the IINs, in one query:
	// IIN → id, absent when nobody has it.
	BeneficiaryIDsByIIN(ctx context.Context, iins []string) (map[string]int64, error)
}
