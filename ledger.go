package parasat

import (
	"context"
	"slices"
	"time"
)

// The ledger is double-entry. Every fund (an organisation's general fund, a
// campaign's, an event's; later a need's) has a small set of accounts: its cash
// (the money it holds), the donations it received, the transfers it sent
// and received, and its spending by purpose. Every entry posts amounts that
// add up to zero within each fund it touches, so a fund's cash always equals
// donations + transfers in − transfers out − spending. Entries are never
// changed or deleted (the database refuses it); a mistake is corrected by a
// reversing entry that names the original and says why.

// DesignationKind says what a gift or a spending is for.
type DesignationKind string

const (
	// DesignateGeneral is the general fund of an organisation; ID is the organisation.
	DesignateGeneral DesignationKind = "general"
	// DesignateCampaign is a campaign's fund; ID is the campaign.
	DesignateCampaign DesignationKind = "campaign"
	// DesignateEvent is an event's fund, held by its lead organisation; ID
	// is the event. A cancelled event takes no more money (gifts, transfers
	// in); what its fund holds can still be spent or moved.
	DesignateEvent DesignationKind = "event"
	// DesignateNeed comes with the needs work: Parasat refuses it until it
	// can check that the need exists.
	DesignateNeed DesignationKind = "need"
)

// Designation names a fund: a kind and the record it belongs to.
type Designation struct {
	Kind DesignationKind `json:"kind" doc:"general: the organisation's general fund; campaign: a campaign's fund; event: an event's fund, held by its lead organisation (need comes with the needs work)"`
	ID   int64           `json:"id" minimum:"1" doc:"The organisation (general), the campaign or the event"`
}

// validateDesignation checks a designation's shape; the store checks that
// the organisation, campaign or event exists.
func validateDesignation(p *Problems, field string, d Designation) {
	switch d.Kind {
	case DesignateGeneral, DesignateCampaign, DesignateEvent:
		if d.ID <= 0 {
			p.Add(field+".id", "designation.id", "must name the organisation, campaign or event")
		}
	case DesignateNeed:
		p.Add(field+".kind", "designation.later", "gifts to a need can be recorded once needs are in Parasat")
	default:
		p.Add(field+".kind", "designation.kind", "must be general, campaign or event")
	}
}

// Unknown is the field error of a designation that names nothing: no such
// organisation, campaign or event.
func (d Designation) Unknown(field string) error {
	p := Problems{}
	switch d.Kind {
	case DesignateCampaign:
		p.Add(field+".id", "campaign.unknown", "no campaign has this id")
	case DesignateEvent:
		p.Add(field+".id", "event.unknown", "no event has this id")
	default:
		p.Add(field+".id", "organisation.unknown", "no organisation has this id")
	}
	return p.Err()
}

// Fund is a pot of money held by an organisation, with its balance.
type Fund struct {
	ID             int64       `json:"id"`
	Designation    Designation `json:"designation"`
	OrganisationID int64       `json:"organisation_id" doc:"The organisation that holds the fund"`
	Region         string      `json:"region"`
	// Partners are the other organisations of a campaign or an event.
	Partners []int64 `json:"partners,omitempty"`
	Name     Names   `json:"name" doc:"The campaign's name, the event's title, or the organisation's name for its general fund"`
	FundTotals
}

// FundTotals are a fund's figures, read from its accounts' running balances.
type FundTotals struct {
	Balance      int64 `json:"balance_tiyn"`
	Donations    int64 `json:"donations_tiyn" doc:"Money donated, reversals subtracted"`
	TransfersIn  int64 `json:"transfers_in_tiyn"`
	TransfersOut int64 `json:"transfers_out_tiyn"`
	Spent        int64 `json:"spent_tiyn"`
}

// Resource describes the fund for the policy.
func (f *Fund) Resource() Resource {
	return Resource{Region: f.Region, OrganisationID: f.OrganisationID, Organisations: f.Partners}
}

// EntryKind is what a ledger entry records.
type EntryKind string

const (
	EntryDonation EntryKind = "donation"
	EntrySpending EntryKind = "spending"
	EntryTransfer EntryKind = "transfer"
	EntryReversal EntryKind = "reversal"
)

// Purpose is what money was spent on.
type Purpose string

const (
	// PurposeAid is help in money to people of a category.
	PurposeAid Purpose = "aid"
	// PurposeGoods is buying goods to give out.
	PurposeGoods Purpose = "goods_purchase"
	// PurposeEventCosts is the costs of holding an event.
	PurposeEventCosts Purpose = "event_costs"
	// PurposeOther needs a memo saying what it was.
	PurposeOther Purpose = "other"
)

// Purposes lists the purposes in the order forms show them.
var Purposes = []Purpose{PurposeAid, PurposeGoods, PurposeEventCosts, PurposeOther}

// Valid reports whether p is one of Purposes.
func (p Purpose) Valid() bool { return slices.Contains(Purposes, p) }

// Posting is one line of an entry: an amount on one account of a fund, and
// the account's balance after it.
type Posting struct {
	Account      string `json:"account" enum:"cash,donations,transfers_in,transfers_out,spending"`
	FundID       int64  `json:"fund_id"`
	Amount       int64  `json:"amount_tiyn"`
	BalanceAfter int64  `json:"balance_after_tiyn"`
}

// LedgerEntry is one entry of the ledger, as recorded.
type LedgerEntry struct {
	ID       int64        `json:"id"`
	Kind     EntryKind    `json:"kind" enum:"donation,spending,transfer,reversal"`
	Fund     Designation  `json:"fund" doc:"The fund the money came into or went out of (for a transfer: from)"`
	FundID   int64        `json:"fund_id"`
	To       *Designation `json:"to,omitempty" doc:"A transfer's receiving fund"`
	ToFundID *int64       `json:"to_fund_id,omitempty"`
	// ToOrganisationID holds a transfer's receiving fund.
	ToOrganisationID *int64   `json:"to_organisation_id,omitempty"`
	OrganisationID   int64    `json:"organisation_id"`
	Amount           int64    `json:"amount_tiyn"`
	OccurredOn       Date     `json:"occurred_on"`
	Purpose          Purpose  `json:"purpose,omitempty"`
	Category         Category `json:"category,omitempty"`
	Memo             string   `json:"memo,omitempty"`
	DonationID       *int64   `json:"donation_id,omitempty"`
	Reverses         *int64   `json:"reverses,omitempty" doc:"The entry this one reverses"`
	ReversedBy       *int64   `json:"reversed_by,omitempty" doc:"The entry that reversed this one"`
	Reason           string   `json:"reason,omitempty" doc:"Why a reversal was made"`
	// Overdraft: the entry took a fund below zero, allowed by OverdraftBy.
	Overdraft   bool      `json:"overdraft"`
	OverdraftBy *int64    `json:"overdraft_by,omitempty"`
	Recorded    time.Time `json:"recorded_at"`
	RecordedBy  *int64    `json:"recorded_by,omitempty"`
	Postings    []Posting `json:"postings"`
}

// Spending takes money out of a fund for a purpose.
type Spending struct {
	Fund       Designation
	Amount     int64
	OccurredOn Date
	Purpose    Purpose
	// Category is the group of people helped, for aid.
	Category Category
	Memo     string
	// AllowOverdraft lets the fund go below zero; only a coordinator may
	// set it, and the entry records who did.
	AllowOverdraft bool
}

// Normalize trims the memo.
func (s *Spending) Normalize() { s.Memo = oneLine(s.Memo) }

// Validate checks a spending before it is recorded, on the day today.
func (s *Spending) Validate(today Date) error {
	var p Problems
	validateDesignation(&p, "fund", s.Fund)
	validateAmount(&p, "amount_tiyn", s.Amount)
	validateDay(&p, "occurred_on", s.OccurredOn, today)
	switch {
	case !s.Purpose.Valid():
		p.Add("purpose", "purpose.unknown", "must be aid, goods_purchase, event_costs or other")
	case s.Purpose == PurposeAid && !s.Category.Valid():
		p.Add("category", "purpose.category", "aid needs the category of the people helped")
	case s.Purpose != PurposeAid && s.Category != "":
		p.Add("category", "purpose.no_category", "only aid has a category")
	case s.Purpose == PurposeOther && s.Memo == "":
		p.Add("memo", "purpose.memo", "say what the money was spent on")
	}
	validateText(&p, "memo", s.Memo, maxNameLength)
	return p.Err()
}

// Transfer moves money from one fund to another.
type Transfer struct {
	From, To       Designation
	Amount         int64
	OccurredOn     Date
	Memo           string
	AllowOverdraft bool
}

// Normalize trims the memo.
func (t *Transfer) Normalize() { t.Memo = oneLine(t.Memo) }

// Validate checks a transfer before it is recorded.
func (t *Transfer) Validate(today Date) error {
	var p Problems
	validateDesignation(&p, "from", t.From)
	validateDesignation(&p, "to", t.To)
	if t.From == t.To && t.From.ID > 0 {
		p.Add("to", "transfer.same_fund", "must be another fund than the one the money comes from")
	}
	validateAmount(&p, "amount_tiyn", t.Amount)
	validateDay(&p, "occurred_on", t.OccurredOn, today)
	validateText(&p, "memo", t.Memo, maxNameLength)
	return p.Err()
}

// Reversal undoes an entry by posting its opposite.
type Reversal struct {
	EntryID        int64
	Reason         string
	AllowOverdraft bool
}

// Normalize trims the reason.
func (r *Reversal) Normalize() { r.Reason = oneLine(r.Reason) }

// Validate checks that the reversal says why.
func (r *Reversal) Validate() error {
	var p Problems
	if r.Reason == "" {
		p.Add("reason", "reversal.reason", "say why the entry is reversed")
	}
	validateText(&p, "reason", r.Reason, maxNameLength)
	return p.Err()
}

// validateDay checks a required calendar day that is not in the future.
func validateDay(p *Problems, field string, d, today Date) {
	switch {
	case d.IsZero():
		p.Add(field, "required", "is required")
	case d.Year() < 2000:
		p.Add(field, "date.too_early", "must be in 2000 or later")
	case d.After(today.Time):
		p.Add(field, "date.future", "must not be in the future")
	}
}

// LedgerFilter selects entries, newest first. Either FundID or
// OrganisationID (all its funds, and transfers into them) is set. Before is
// the keyset cursor: the ID of the last entry of the previous page.
type LedgerFilter struct {
	FundID         int64
	OrganisationID int64
	Before         int64
	Limit          int
}

// LedgerService records money moving and reads the ledger.
type LedgerService interface {
	RecordSpending(ctx context.Context, s *Spending) (*LedgerEntry, error)
	// RecordSpendings records several spendings in one transaction, all or
	// none, in their order.
	RecordSpendings(ctx context.Context, ss []*Spending) ([]*LedgerEntry, error)
	RecordTransfer(ctx context.Context, t *Transfer) (*LedgerEntry, error)
	// ReverseEntry records the reversal of an entry; a reversal itself,
	// or an entry already reversed, cannot be.
	ReverseEntry(ctx context.Context, r *Reversal) (*LedgerEntry, error)
	LedgerEntry(ctx context.Context, id int64) (*LedgerEntry, error)
	ListLedgerEntries(ctx context.Context, f LedgerFilter) ([]LedgerEntry, error)
	// Fund returns a fund with its balances; an organisation's general
	// fund and an event's exist from their first entry on, with zero
	// balances before.
	Fund(ctx context.Context, d Designation) (*Fund, error)
	// FundByID returns the fund with the given id.
	FundByID(ctx context.Context, id int64) (*Fund, error)
	// FundResource describes for the policy the fund a designation names —
	// its region, holder and partners — without reading its figures, even
	// before the fund is opened by its first entry.
	FundResource(ctx context.Context, d Designation) (Resource, error)
	// ListFunds lists the funds an organisation holds, its general fund
	// first, then its campaigns' and its events', newest first.
	ListFunds(ctx context.Context, organisationID int64) ([]Fund, error)
	// MoneyRaised is the money donated to the organisations' funds on the
	// days from–to (both included), reversals subtracted on the day of the
	// donation they reverse.
	MoneyRaised(ctx context.Context, organisations []int64, from, to Date) (int64, error)
}
