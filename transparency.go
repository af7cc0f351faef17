package parasat

import "context"

// Transparency is what the public sees of a campaign's, an event's or an
// organisation's money and goods: in, out by purpose, the balance, the
// goods, and the donors who agreed to be named. Nothing in it identifies a
// person helped. An organisation's covers every fund it holds: its general
// fund, its campaigns' and its events'.
type Transparency struct {
	Scope          string `json:"scope" enum:"campaign,event,organisation"`
	ID             int64  `json:"id"`
	Name           Names  `json:"name"`
	OrganisationID int64  `json:"organisation_id"`
	Region         string `json:"region"`
	FundTotals
	Spending []PurposeTotal `json:"spending" doc:"Money out by purpose (aid by category)"`
	// Goods, for an organisation: its stock, in and out by value.
	Goods       []StockItem   `json:"goods"`
	GoodsIn     int64         `json:"goods_in_tiyn"`
	GoodsOut    int64         `json:"goods_out_tiyn"`
	GoodsOnHand int64         `json:"goods_on_hand_tiyn"`
	NamedDonors []PublicDonor `json:"named_donors" doc:"Donors who agreed to be named, largest first (at most 100)"`
	// Campaign is set for a campaign's page.
	Campaign *Campaign `json:"campaign,omitempty"`
}

// PurposeTotal is the money spent on one purpose (and category, for aid).
type PurposeTotal struct {
	Purpose  Purpose  `json:"purpose"`
	Category Category `json:"category,omitempty"`
	Amount   int64    `json:"amount_tiyn"`
}

// PublicDonor is a donor who agreed to be named, with what they gave.
type PublicDonor struct {
	Name   string `json:"name"`
	Amount int64  `json:"amount_tiyn"`
	Gifts  int64  `json:"gifts"`
}

// TransparencyService reads the public account of money and goods.
type TransparencyService interface {
	CampaignTransparency(ctx context.Context, campaignID int64) (*Transparency, error)
	// EventTransparency is the account of the money given for an event
	// (zeros until its first gift); whether it may be shown is the
	// caller's to check: published events are public.
	EventTransparency(ctx context.Context, eventID int64) (*Transparency, error)
	OrganisationTransparency(ctx context.Context, organisationID int64) (*Transparency, error)
}
