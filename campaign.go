package parasat

import (
	"context"
	"time"
)

// Campaign is a named goal money is raised for, such as "Zhylu for the
// flood victims of 2024" or "Ready for school", with a target and a period.
// Its lead organisation holds its fund; partners help raise and spend it.
type Campaign struct {
	ID             int64   `json:"id"`
	Name           Names   `json:"name"`
	Description    Names   `json:"description"`
	OrganisationID int64   `json:"organisation_id" doc:"The lead organisation, which holds the campaign's fund"`
	Partners       []int64 `json:"partners" doc:"Other organisations taking part"`
	Region         string  `json:"region" doc:"The lead organisation's region"`
	Target         int64   `json:"target_tiyn"`
	StartsOn       Date    `json:"starts_on"`
	EndsOn         Date    `json:"ends_on"`
	FundID         int64   `json:"fund_id"`
	// Totals are the campaign fund's figures from the ledger.
	Totals  FundTotals `json:"totals"`
	Pledged int64      `json:"pledged_tiyn" doc:"Promised by pledges, in total"`
	Created time.Time  `json:"created_at"`
	Updated time.Time  `json:"updated_at"`
}

// Normalize trims the names and descriptions and removes repeated partners.
func (c *Campaign) Normalize() {
	for _, n := range []*Names{&c.Name, &c.Description} {
		n.KK, n.RU, n.EN = oneLine(n.KK), oneLine(n.RU), oneLine(n.EN)
	}
	c.Partners = sortedUnique(c.Partners)
	if i := indexOf(c.Partners, c.OrganisationID); i >= 0 {
		c.Partners = append(c.Partners[:i], c.Partners[i+1:]...)
	}
}

func indexOf(list []int64, v int64) int {
	for i, x := range list {
		if x == v {
			return i
		}
	}
	return -1
}

// Validate checks the rules that need no database.
func (c *Campaign) Validate() error {
	var p Problems
	if c.Name.IsEmpty() {
		p.Add("name", "name.required", "is required in at least one language")
	}
	for _, lang := range Languages {
		validateText(&p, "name."+string(lang), c.Name.In(lang), maxNameLength)
		validateText(&p, "description."+string(lang), c.Description.In(lang), maxLongText)
	}
	if c.OrganisationID <= 0 {
		p.Add("organisation_id", "organisation.unknown", "no organisation has this id")
	}
	validateAmount(&p, "target_tiyn", c.Target)
	switch {
	case c.StartsOn.IsZero():
		p.Add("starts_on", "required", "is required")
	case c.EndsOn.IsZero():
		p.Add("ends_on", "required", "is required")
	case c.EndsOn.Before(c.StartsOn.Time):
		p.Add("ends_on", "campaign.ends_before", "must not be before the start")
	}
	return p.Err()
}

// Resource describes the campaign for the policy.
func (c *Campaign) Resource() Resource {
	return Resource{Region: c.Region, OrganisationID: c.OrganisationID, Organisations: c.Partners}
}

// Progress is the share of the target raised, in whole percent from 0 to 100.
func (c *Campaign) Progress() int {
	if c.Target <= 0 || c.Totals.Donations <= 0 {
		return 0
	}
	if c.Totals.Donations >= c.Target {
		return 100
	}
	return int(c.Totals.Donations * 100 / c.Target)
}

// CampaignFilter selects campaigns, newest start first; Before is the
// keyset cursor (the ID of the last one of the previous page).
type CampaignFilter struct {
	OrganisationID int64
	Before         int64
	Limit          int
}

// CampaignService keeps campaigns. Campaigns are public.
type CampaignService interface {
	CreateCampaign(ctx context.Context, c *Campaign) error
	UpdateCampaign(ctx context.Context, c *Campaign) error
	Campaign(ctx context.Context, id int64) (*Campaign, error)
	ListCampaigns(ctx context.Context, f CampaignFilter) ([]Campaign, error)
}
