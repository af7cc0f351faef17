package parasat

import (
	"context"
	"slices"
	"time"
)

// PledgeSchedule is how a promised amount is to be paid.
type PledgeSchedule string

const (
	// PledgeOnce is one payment of Amount on DueOn.
	PledgeOnce PledgeSchedule = "once"
	// PledgeMonthly is Amount every month for Months months, the first on StartsOn.
	PledgeMonthly PledgeSchedule = "monthly"
	// PledgeByDate is Amount in any number of payments, all by DueOn.
	PledgeByDate PledgeSchedule = "by_date"
)

// PledgeSchedules lists the schedules in the order forms show them.
var PledgeSchedules = []PledgeSchedule{PledgeOnce, PledgeMonthly, PledgeByDate}

// Pledge is a patron's promise to give to a campaign or to an event: it
// names exactly one of them. Gifts linked to it, to that campaign's or
// event's fund, fulfil it in full or in part.
type Pledge struct {
	ID             int64          `json:"id"`
	PatronID       int64          `json:"patron_id"`
	PatronName     string         `json:"patron_name"`
	CampaignID     int64          `json:"campaign_id,omitempty" doc:"The campaign promised to (a pledge names a campaign or an event)"`
	EventID        int64          `json:"event_id,omitempty" doc:"The event promised to, whose fund its lead organisation holds"`
	OrganisationID int64          `json:"organisation_id"`
	Region         string         `json:"region"`
	Schedule       PledgeSchedule `json:"schedule" enum:"once,monthly,by_date"`
	Amount         int64          `json:"amount_tiyn" doc:"The whole amount, or each month's for a monthly pledge"`
	Months         int            `json:"months,omitempty" doc:"How many monthly payments"`
	StartsOn       *Date          `json:"starts_on,omitempty" doc:"The first monthly payment's day"`
	DueOn          *Date          `json:"due_on,omitempty" doc:"The day a single payment, or the whole amount, is due"`
	Notes          string         `json:"notes,omitempty"`
	Received       int64          `json:"received_tiyn" doc:"Given so far by gifts linked to the pledge, reversals subtracted"`
	Created        time.Time      `json:"created_at"`
	DonorUserID    *int64         `json:"-"`
	Partners       []int64        `json:"-"`
}

// Normalize trims the notes and drops the dates the schedule does not use.
func (p *Pledge) Normalize() {
	p.Notes = oneLine(p.Notes)
	switch p.Schedule {
	case PledgeMonthly:
		p.DueOn = nil
	case PledgeOnce, PledgeByDate:
		p.StartsOn, p.Months = nil, 0
	}
}

// Validate checks the rules that need no database.
func (pl *Pledge) Validate() error {
	var p Problems
	if pl.PatronID <= 0 {
		p.Add("patron_id", "donor.patron_required", "name the patron who gave")
	}
	switch {
	case pl.CampaignID != 0 && pl.EventID != 0:
		p.Add("event_id", "pledge.target_both", "name a campaign or an event, not both")
	case pl.CampaignID == 0 && pl.EventID == 0:
		p.Add("campaign_id", "pledge.target_required", "name the campaign or the event the patron promises to")
	case pl.CampaignID < 0:
		p.Add("campaign_id", "campaign.unknown", "no campaign has this id")
	case pl.EventID < 0:
		p.Add("event_id", "event.unknown", "no event has this id")
	}
	validateAmount(&p, "amount_tiyn", pl.Amount)
	switch pl.Schedule {
	case PledgeMonthly:
		if pl.Months < 1 || pl.Months > 120 {
			p.Add("months", "pledge.months", "must be from 1 to 120 months")
		} else if pl.Amount > 0 && pl.Amount <= MaxAmount && pl.Amount*int64(pl.Months) > MaxAmount {
			p.Add("amount_tiyn", "amount.absurd", "is more than 1 500 000 000 ₸; check the number of zeros")
		}
		if pl.StartsOn == nil || pl.StartsOn.IsZero() {
			p.Add("starts_on", "required", "is required")
		}
	case PledgeOnce, PledgeByDate:
		if pl.DueOn == nil || pl.DueOn.IsZero() {
			p.Add("due_on", "required", "is required")
		}
	default:
		p.Add("schedule", "pledge.schedule", "must be once, monthly or by_date")
	}
	validateText(&p, "notes", pl.Notes, maxLongText)
	return p.Err()
}

// Designation is the fund the pledge's gifts go to: its campaign's or its
// event's.
func (p *Pledge) Designation() Designation {
	if p.EventID != 0 {
		return Designation{Kind: DesignateEvent, ID: p.EventID}
	}
	return Designation{Kind: DesignateCampaign, ID: p.CampaignID}
}

// TargetField is the field naming what the pledge is for: campaign_id or
// event_id.
func (p *Pledge) TargetField() string {
	if p.EventID != 0 {
		return "event_id"
	}
	return "campaign_id"
}

// Promised is the whole amount promised.
func (p *Pledge) Promised() int64 {
	if p.Schedule == PledgeMonthly {
		return p.Amount * int64(p.Months)
	}
	return p.Amount
}

// DueBy is how much should have been given by the end of today: the
// payments whose day has come.
func (p *Pledge) DueBy(today Date) int64 {
	switch p.Schedule {
	case PledgeMonthly:
		if p.StartsOn == nil || today.Before(p.StartsOn.Time) {
			return 0
		}
		n := 0
		for n < p.Months && !p.StartsOn.AddDate(0, n, 0).After(today.Time) {
			n++
		}
		return p.Amount * int64(n)
	default:
		if p.DueOn == nil || today.Before(p.DueOn.Time) {
			return 0
		}
		return p.Amount
	}
}

// Overdue is what is due by today and not given yet.
func (p *Pledge) Overdue(today Date) int64 { return max(0, p.DueBy(today)-p.Received) }

// Outstanding is what is still to be given of the promise.
func (p *Pledge) Outstanding() int64 { return max(0, p.Promised()-p.Received) }

// Resource describes the pledge for the policy: the organisations of its
// campaign or event (for an event, its lead and partners, in the event's
// region), and the patron's own account.
func (p *Pledge) Resource() Resource {
	r := Resource{Region: p.Region, OrganisationID: p.OrganisationID, Organisations: p.Partners}
	if p.DonorUserID != nil {
		r.OwnerUserID = *p.DonorUserID
	}
	return r
}

// ValidSchedule reports whether s is one of PledgeSchedules.
func ValidSchedule(s PledgeSchedule) bool { return slices.Contains(PledgeSchedules, s) }

// PledgeFilter selects pledges, newest first.
type PledgeFilter struct {
	CampaignID int64
	EventID    int64
	PatronID   int64
	Visibility
	Before int64
	Limit  int
}

// PledgeService keeps patrons' promises.
type PledgeService interface {
	CreatePledge(ctx context.Context, p *Pledge) error
	Pledge(ctx context.Context, id int64) (*Pledge, error)
	ListPledges(ctx context.Context, f PledgeFilter) ([]Pledge, error)
}
