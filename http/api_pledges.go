package http

import (
	"context"
	"net/http"
	"strconv"

	"github.com/danielgtaylor/huma/v2"

	"github.com/parasat-kz/parasat"
)

// PledgeBody is a patron's promise as clients send it: to a campaign or to
// an event, one of the two.
type PledgeBody struct {
	PatronID   int64         `json:"patron_id"`
	CampaignID int64         `json:"campaign_id,omitempty" doc:"The campaign promised to; or give event_id"`
	EventID    int64         `json:"event_id,omitempty" doc:"The event promised to (not a cancelled one); or give campaign_id"`
	Schedule   string        `json:"schedule" enum:"once,monthly,by_date"`
	Amount     int64         `json:"amount_tiyn" doc:"The whole amount, or each month's for a monthly pledge"`
	Months     int           `json:"months,omitempty"`
	StartsOn   *parasat.Date `json:"starts_on,omitempty"`
	DueOn      *parasat.Date `json:"due_on,omitempty"`
	Notes      string        `json:"notes,omitempty" maxLength:"2000"`
}

// PledgeView is a pledge with what it promises, received and is overdue today.
type PledgeView struct {
	*parasat.Pledge
	Promised    int64 `json:"promised_tiyn"`
	Outstanding int64 `json:"outstanding_tiyn"`
	Overdue     int64 `json:"overdue_tiyn" doc:"Due by today and not received"`
}

func pledgeView(p *parasat.Pledge) PledgeView {
	t := today()
	return PledgeView{Pledge: p, Promised: p.Promised(), Outstanding: p.Outstanding(), Overdue: p.Overdue(t)}
}

type pledgeOutput struct {
	ReplayHeader
	Location string `header:"Location"`
	Body     PledgeView
}

type pledgeListOutput struct {
	Body struct {
		Items      []PledgeView `json:"items"`
		NextCursor string       `json:"next_cursor,omitempty"`
	}
}

func (s *Server) registerPledgeRoutes(api huma.API) {
	huma.Register(api, operation("list-pledges", http.MethodGet, "/pledges", parasat.ReadGift,
		"List the pledges the caller may see with what is promised, received and overdue", "Money"), s.listPledges)
	huma.Register(api, operation("create-pledge", http.MethodPost, "/pledges", parasat.RecordMoney,
		"Record a patron's promise to a campaign or an event: once, monthly or by a date", "Money"), s.createPledge)
	huma.Register(api, operation("get-pledge", http.MethodGet, "/pledges/{id}", parasat.ReadGift,
		"Read one pledge", "Money"), func(ctx context.Context, in *IDPath) (*pledgeOutput, error) {
		p, err := s.services.Pledges.Pledge(ctx, in.ID)
		if err != nil {
			return nil, s.apiError(err)
		}
		if !parasat.Can(currentUser(ctx), parasat.ReadGift, p.Resource()) {
			return nil, notVisible("pledge")
		}
		return &pledgeOutput{Body: pledgeView(p)}, nil
	})
}

func (s *Server) listPledges(ctx context.Context, in *struct {
	Campaign int64  `query:"campaign"`
	Event    int64  `query:"event"`
	Patron   int64  `query:"patron"`
	Limit    int    `query:"limit" minimum:"1" maximum:"500" default:"50"`
	Cursor   string `query:"cursor"`
}) (*pledgeListOutput, error) {
	before, _, ok := parseCursor(in.Cursor)
	if !ok {
		return nil, badCursor(in.Cursor)
	}
	items, err := s.services.Pledges.ListPledges(ctx, parasat.PledgeFilter{CampaignID: in.Campaign, EventID: in.Event, PatronID: in.Patron,
		Before: before, Limit: in.Limit, Visibility: visibility(currentUser(ctx), parasat.ReadGift)})
	if err != nil {
		return nil, s.apiError(err)
	}
	out := &pledgeListOutput{}
	out.Body.Items = make([]PledgeView, len(items))
	for i := range items {
		out.Body.Items[i] = pledgeView(&items[i])
	}
	if len(items) == in.Limit {
		out.Body.NextCursor = strconv.FormatInt(items[len(items)-1].ID, 10)
	}
	return out, nil
}

func (s *Server) createPledge(ctx context.Context, in *struct {
	IdempotencyInput
	Body PledgeBody
}) (*pledgeOutput, error) {
	b := in.Body
	p := &parasat.Pledge{PatronID: b.PatronID, CampaignID: b.CampaignID, EventID: b.EventID, Schedule: parasat.PledgeSchedule(b.Schedule),
		Amount: b.Amount, Months: b.Months, StartsOn: b.StartsOn, DueOn: b.DueOn, Notes: b.Notes}
	p.Normalize()
	if err := p.Validate(); err != nil {
		return nil, s.apiError(err)
	}
	res, err := s.pledgeResource(ctx, p)
	if err != nil {
		return nil, s.apiError(err)
	}
	if err := s.authorize(ctx, parasat.RecordMoney, res); err != nil {
		return nil, err
	}
	ctx, key, err := withIdempotency(ctx, in.IdempotencyInput, "create-pledge", in.Body)
	if err != nil {
		return nil, err
	}
	if err := s.services.Pledges.CreatePledge(ctx, p); err != nil {
		return nil, s.idempotencyError(err)
	}
	return &pledgeOutput{ReplayHeader: replayed(key), Location: APIPrefix + "/pledges/" + strconv.FormatInt(p.ID, 10), Body: pledgeView(p)}, nil
}

// pledgeResource describes for the policy the fund a pledge is for, that of
// its campaign or event; one that does not exist is a problem of the field
// naming it.
func (s *Server) pledgeResource(ctx context.Context, p *parasat.Pledge) (parasat.Resource, error) {
	d := p.Designation()
	res, err := s.services.Ledger.FundResource(ctx, d)
	if parasat.ErrorCode(err) == parasat.ENotFound {
		problems := parasat.Problems{}
		if d.Kind == parasat.DesignateEvent {
			problems.Add("event_id", "event.unknown", "no event has this id")
		} else {
			problems.Add("campaign_id", "campaign.unknown", "no campaign has this id")
		}
		return parasat.Resource{}, problems.Err()
	}
	return res, err
}
