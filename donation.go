package parasat

import (
	"context"
	"slices"
	"time"
)

// DonorKind tells who gave.
type DonorKind string

const (
	// DonorPatron is a member of the Club of patrons (a person or company).
	DonorPatron DonorKind = "patron"
	// DonorPerson is a named person who is not a patron (yet).
	DonorPerson DonorKind = "person"
	// DonorAnonymous gave without a name: no receipt, never named.
	DonorAnonymous DonorKind = "anonymous"
)

// Donor is who gave a gift of money or goods.
type Donor struct {
	Kind     DonorKind `json:"kind" enum:"patron,person,anonymous"`
	PatronID *int64    `json:"patron_id,omitempty"`
	// Name is a person's name; for a patron the store fills it in.
	Name    string `json:"name,omitempty" maxLength:"300"`
	Contact string `json:"contact,omitempty" maxLength:"300" doc:"A phone or e-mail, for a person who is not a patron"`
	// Language is the language of the donor's receipts.
	Language Language `json:"language,omitempty" enum:"kk,ru,en"`
	// Public: the donor agreed to be named on public pages for this gift.
	Public bool `json:"public" required:"false"`
}

// Normalize trims the texts and defaults the language to Kazakh.
func (d *Donor) Normalize() {
	d.Name, d.Contact = oneLine(d.Name), oneLine(d.Contact)
	if d.Language == "" {
		d.Language = Kazakh
	}
}

// validate checks the donor's shape; the store checks that the patron exists.
func (d *Donor) validate(p *Problems) {
	switch d.Kind {
	case DonorPatron:
		if d.PatronID == nil || *d.PatronID <= 0 {
			p.Add("donor.patron_id", "donor.patron_required", "name the patron who gave")
		}
	case DonorPerson:
		if d.Name == "" {
			p.Add("donor.name", "donor.name_required", "give the name of the person who gave")
		}
		if d.PatronID != nil {
			p.Add("donor.patron_id", "donor.no_patron", "a person who is not a patron has no patron record")
		}
	case DonorAnonymous:
		if d.Name != "" || d.Contact != "" || d.PatronID != nil {
			p.Add("donor.name", "donor.anonymous_named", "an anonymous gift has no name or contact")
		}
		if d.Public {
			p.Add("donor.public", "donor.anonymous_public", "an anonymous donor cannot be named publicly")
		}
	default:
		p.Add("donor.kind", "donor.kind", "must be patron, person or anonymous")
	}
	validateText(p, "donor.name", d.Name, maxNameLength)
	validateText(p, "donor.contact", d.Contact, maxNameLength)
	if !slices.Contains(Languages, d.Language) {
		p.Add("donor.language", "language", "must be kk, ru or en")
	}
}

// Channel is how money arrived.
type Channel string

const (
	ChannelCash         Channel = "cash"
	ChannelBankTransfer Channel = "bank_transfer"
	ChannelKaspi        Channel = "kaspi"
	ChannelCard         Channel = "card"
	ChannelOther        Channel = "other"
)

// Channels lists the channels in the order forms show them.
var Channels = []Channel{ChannelCash, ChannelBankTransfer, ChannelKaspi, ChannelCard, ChannelOther}

// Valid reports whether c is one of Channels.
func (c Channel) Valid() bool { return slices.Contains(Channels, c) }

// Donation is a gift of money, recorded with its ledger entry.
type Donation struct {
	ID          int64       `json:"id"`
	Donor       Donor       `json:"donor"`
	Amount      int64       `json:"amount_tiyn"`
	ReceivedOn  Date        `json:"received_on"`
	Channel     Channel     `json:"channel" enum:"cash,bank_transfer,kaspi,card,other"`
	Reference   string      `json:"reference,omitempty" doc:"The payment's reference: bank transfer number, Kaspi transaction, card slip; the number of the cash receipt book"`
	Designation Designation `json:"designation"`
	// PledgeID is the pledge the gift fulfils, in full or in part.
	PledgeID       *int64 `json:"pledge_id,omitempty"`
	FundID         int64  `json:"fund_id"`
	OrganisationID int64  `json:"organisation_id" doc:"The organisation holding the fund"`
	Region         string `json:"region"`
	EntryID        int64  `json:"entry_id"`
	// Receipt is the numbered receipt of a gift from a named donor.
	Receipt *Receipt `json:"receipt,omitempty"`
	// ReversedBy is the entry that reversed the gift, if it was.
	ReversedBy *int64    `json:"reversed_by,omitempty"`
	Recorded   time.Time `json:"recorded_at"`
	// DonorUserID is the patron's own account, which may read the gift.
	DonorUserID *int64  `json:"-"`
	Partners    []int64 `json:"-"`
}

// Normalize trims the texts.
func (d *Donation) Normalize() {
	d.Donor.Normalize()
	d.Reference = oneLine(d.Reference)
}

// Validate checks a donation before it is recorded, on the day today.
func (d *Donation) Validate(today Date) error {
	var p Problems
	d.Donor.validate(&p)
	validateAmount(&p, "amount_tiyn", d.Amount)
	validateDay(&p, "received_on", d.ReceivedOn, today)
	switch {
	case !d.Channel.Valid():
		p.Add("channel", "channel.unknown", "must be cash, bank_transfer, kaspi, card or other")
	case d.Channel != ChannelCash && d.Reference == "":
		p.Add("reference", "channel.reference", "give the payment's reference (transfer number, transaction, slip)")
	}
	validateText(&p, "reference", d.Reference, maxNameLength)
	validateDesignation(&p, "designation", d.Designation)
	if d.PledgeID != nil && (d.Donor.Kind != DonorPatron ||
		(d.Designation.Kind != DesignateCampaign && d.Designation.Kind != DesignateEvent)) {
		p.Add("pledge_id", "pledge.donation", "only a patron's gift to the pledge's campaign or event fulfils a pledge")
	}
	return p.Err()
}

// Resource describes the gift for the policy: the organisation holding its
// fund, and the patron's own account, which may read it.
func (d *Donation) Resource() Resource {
	r := Resource{Region: d.Region, OrganisationID: d.OrganisationID, Organisations: d.Partners}
	if d.DonorUserID != nil {
		r.OwnerUserID = *d.DonorUserID
	}
	return r
}

// DonationFilter selects donations, newest first. Before is the keyset
// cursor (the ID of the last donation of the previous page).
type DonationFilter struct {
	OrganisationID int64
	CampaignID     int64
	EventID        int64
	PatronID       int64
	Visibility
	Before int64
	Limit  int
}

// DonationService records gifts of money.
type DonationService interface {
	// RecordDonation records the gift, its ledger entry and, for a named
	// donor, its numbered receipt, in one transaction.
	RecordDonation(ctx context.Context, d *Donation) error
	// RecordDonations records several gifts in one transaction, all or
	// none, in their order (an import of a bank statement, the demo).
	RecordDonations(ctx context.Context, ds []*Donation) error
	Donation(ctx context.Context, id int64) (*Donation, error)
	ListDonations(ctx context.Context, f DonationFilter) ([]Donation, error)
	// ReverseDonation reverses the gift's entry; a pledge it fulfilled is
	// owed again and its receipt is marked cancelled.
	ReverseDonation(ctx context.Context, donationID int64, r *Reversal) (*LedgerEntry, error)
}
