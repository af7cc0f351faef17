package http

import (
	"context"
	"net/http"
	"strconv"

	"github.com/danielgtaylor/huma/v2"

	"github.com/parasat-kz/parasat"
)

// CampaignBody is a campaign as clients send it.
type CampaignBody struct {
	Name           parasat.Names `json:"name"`
	Description    parasat.Names `json:"description,omitempty"`
	OrganisationID int64         `json:"organisation_id" doc:"The lead organisation, which holds the fund; fixed once created"`
	Partners       []int64       `json:"partners,omitempty"`
	Target         int64         `json:"target_tiyn"`
	StartsOn       parasat.Date  `json:"starts_on"`
	EndsOn         parasat.Date  `json:"ends_on"`
}

func (b *CampaignBody) campaign(id int64) *parasat.Campaign {
	return &parasat.Campaign{ID: id, Name: b.Name, Description: b.Description, OrganisationID: b.OrganisationID,
		Partners: b.Partners, Target: b.Target, StartsOn: b.StartsOn, EndsOn: b.EndsOn}
}

type campaignOutput struct {
	ReplayHeader
	Location string `header:"Location"`
	Body     *parasat.Campaign
}

type campaignListOutput struct {
	Body struct {
		Items      []parasat.Campaign `json:"items"`
		NextCursor string             `json:"next_cursor,omitempty"`
	}
}

type transparencyOutput struct {
	Body *parasat.Transparency
}

func (s *Server) registerCampaignRoutes(api huma.API) {
	huma.Register(api, operation("list-campaigns", http.MethodGet, "/campaigns", parasat.ReadPublished,
		"List campaigns with what they raised, newest first", "Campaigns"), s.listCampaigns)
	huma.Register(api, operation("get-campaign", http.MethodGet, "/campaigns/{id}", parasat.ReadPublished,
		"Read one campaign with its totals and pledges", "Campaigns"), func(ctx context.Context, in *IDPath) (*campaignOutput, error) {
		c, err := s.services.Campaigns.Campaign(ctx, in.ID)
		if err != nil {
			return nil, s.apiError(err)
		}
		return &campaignOutput{Body: c}, nil
	})
	huma.Register(api, operation("create-campaign", http.MethodPost, "/campaigns", parasat.ManageCampaign,
		"Start a campaign; its lead organisation holds its fund", "Campaigns"), s.createCampaign)
	huma.Register(api, operation("update-campaign", http.MethodPut, "/campaigns/{id}", parasat.ManageCampaign,
		"Change a campaign's names, description, target, period and partners", "Campaigns"), s.updateCampaign)
	huma.Register(api, operation("campaign-transparency", http.MethodGet, "/campaigns/{id}/transparency", parasat.ReadPublished,
		"The public account of a campaign: money in, out by purpose, balance, named donors", "Transparency"),
		func(ctx context.Context, in *IDPath) (*transparencyOutput, error) {
			t, err := s.services.Transparency.CampaignTransparency(ctx, in.ID)
			if err != nil {
				return nil, s.apiError(err)
			}
			return &transparencyOutput{Body: t}, nil
		})
	huma.Register(api, operation("event-transparency", http.MethodGet, "/events/{id}/transparency", parasat.ReadPublished,
		"The account of the money given for an event: in, out by purpose, balance, named donors (public for a published event)", "Transparency"),
		func(ctx context.Context, in *IDPath) (*transparencyOutput, error) {
			e, err := s.readableEvent(ctx, in.ID)
			if err != nil {
				return nil, err
			}
			t, err := s.services.Transparency.EventTransparency(ctx, e.ID)
			if err != nil {
				return nil, s.apiError(err)
			}
			return &transparencyOutput{Body: t}, nil
		})
	huma.Register(api, operation("organisation-transparency", http.MethodGet, "/organisations/{id}/transparency", parasat.ReadPublished,
		"The public account of an organisation over all its funds (general, campaigns, events): money in, out by purpose, balance, goods, named donors", "Transparency"),
		func(ctx context.Context, in *IDPath) (*transparencyOutput, error) {
			t, err := s.services.Transparency.OrganisationTransparency(ctx, in.ID)
			if err != nil {
				return nil, s.apiError(err)
			}
			return &transparencyOutput{Body: t}, nil
		})
}

func (s *Server) listCampaigns(ctx context.Context, in *struct {
	Organisation int64  `query:"organisation" doc:"Campaigns this organisation leads or takes part in"`
	Limit        int    `query:"limit" minimum:"1" maximum:"500" default:"50"`
	Cursor       string `query:"cursor"`
}) (*campaignListOutput, error) {
	before, _, ok := parseCursor(in.Cursor)
	if !ok {
		return nil, badCursor(in.Cursor)
	}
	items, err := s.services.Campaigns.ListCampaigns(ctx, parasat.CampaignFilter{OrganisationID: in.Organisation, Before: before, Limit: in.Limit})
	if err != nil {
		return nil, s.apiError(err)
	}
	out := &campaignListOutput{}
	out.Body.Items = items
	if len(items) == in.Limit {
		out.Body.NextCursor = strconv.FormatInt(items[len(items)-1].ID, 10)
	}
	return out, nil
}

// campaignResource is the policy's view of a campaign led by org with partners.
func (s *Server) campaignResource(ctx context.Context, c *parasat.Campaign) (parasat.Resource, error) {
	o, err := s.services.Organisations.Organisation(ctx, c.OrganisationID)
	if parasat.ErrorCode(err) == parasat.ENotFound {
		p := parasat.Problems{}
		p.Add("organisation_id", "organisation.unknown", "no organisation has this id")
		return parasat.Resource{}, s.apiError(p.Err())
	}
	if err != nil {
		return parasat.Resource{}, s.apiError(err)
	}
	return parasat.Resource{Region: o.Region, OrganisationID: o.ID, Organisations: c.Partners}, nil
}

func (s *Server) createCampaign(ctx context.Context, in *struct {
	IdempotencyInput
	Body CampaignBody
}) (*campaignOutput, error) {
	c := in.Body.campaign(0)
	c.Normalize()
	if err := c.Validate(); err != nil {
		return nil, s.apiError(err)
	}
	res, err := s.campaignResource(ctx, c)
	if err != nil {
		return nil, err
	}
	res.Organisations = nil // a partner may not start a campaign in another's name
	if err := s.authorize(ctx, parasat.ManageCampaign, res); err != nil {
		return nil, err
	}
	ctx, key, err := withIdempotency(ctx, in.IdempotencyInput, "create-campaign", in.Body)
	if err != nil {
		return nil, err
	}
	if err := s.services.Campaigns.CreateCampaign(ctx, c); err != nil {
		return nil, s.idempotencyError(err)
	}
	return &campaignOutput{ReplayHeader: replayed(key), Location: APIPrefix + "/campaigns/" + strconv.FormatInt(c.ID, 10), Body: c}, nil
}

func (s *Server) updateCampaign(ctx context.Context, in *struct {
	IDPath
	Body CampaignBody
}) (*campaignOutput, error) {
	existing, err := s.services.Campaigns.Campaign(ctx, in.ID)
	if err != nil {
		return nil, s.apiError(err)
	}
	if err := s.authorize(ctx, parasat.ManageCampaign, existing.Resource()); err != nil {
		return nil, err
	}
	c := in.Body.campaign(in.ID)
	if err := s.services.Campaigns.UpdateCampaign(ctx, c); err != nil {
		return nil, s.apiError(err)
	}
	return &campaignOutput{Body: c}, nil
}
