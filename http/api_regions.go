package http

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/parasat-kz/parasat"
)

// RegionPath is the path of one region. It and RegionBody are exported because
// huma ignores unexported embedded structs: embedded in an operation's input,
// an unexported type would lose its path parameter or body fields.
type RegionPath struct {
	Code string `path:"code" doc:"ISO 3166-2 code of the region" example:"KZ-71"`
}

// RegionBody is the changeable part of a region in requests.
type RegionBody struct {
	Kind       parasat.RegionKind `json:"kind" enum:"region,city"`
	Name       parasat.Names      `json:"name"`
	CentreEN   string             `json:"centre_en,omitempty"`
	Population int64              `json:"population,omitempty" minimum:"0"`
	Since      *parasat.Date      `json:"since,omitempty" doc:"Date the region came into being, YYYY-MM-DD"`
}

func (b RegionBody) region(code string) *parasat.Region {
	return &parasat.Region{Code: code, Kind: b.Kind, Name: b.Name, CentreEN: b.CentreEN, Population: b.Population, Since: b.Since}
}

type regionOutput struct {
	Body *parasat.Region
}

type regionListOutput struct {
	Body struct {
		Items []parasat.Region `json:"items"`
	}
}

func (s *Server) registerRegionRoutes(api huma.API) {
	huma.Register(api, operation("list-regions", http.MethodGet, "/regions", parasat.ReadPublished,
		"List the regions of Kazakhstan", "Regions"), func(ctx context.Context, _ *struct{}) (*regionListOutput, error) {
		regions, err := s.services.Regions.ListRegions(ctx)
		if err != nil {
			return nil, s.apiError(err)
		}
		out := &regionListOutput{}
		out.Body.Items = regions
		return out, nil
	})

	huma.Register(api, operation("get-region", http.MethodGet, "/regions/{code}", parasat.ReadPublished,
		"Read one region", "Regions"), func(ctx context.Context, in *RegionPath) (*regionOutput, error) {
		r, err := s.services.Regions.Region(ctx, in.Code)
		if err != nil {
			return nil, s.apiError(err)
		}
		return &regionOutput{Body: r}, nil
	})

	huma.Register(api, operation("create-region", http.MethodPost, "/regions", parasat.ManageRegions,
		"Add a region, for the day the country's division changes (as in June 2022)", "Regions"), func(ctx context.Context, in *struct{ Body NewRegionBody }) (*createdRegionOutput, error) {
		r := in.Body.region(in.Body.Code)
		if err := s.services.Regions.CreateRegion(ctx, r); err != nil {
			return nil, s.apiError(err)
		}
		return &createdRegionOutput{Location: APIPrefix + "/regions/" + r.Code, Body: r}, nil
	})

	huma.Register(api, operation("update-region", http.MethodPut, "/regions/{code}", parasat.ManageRegions,
		"Change a region", "Regions"), func(ctx context.Context, in *struct {
		RegionPath
		Body RegionBody
	}) (*regionOutput, error) {
		r := in.Body.region(in.Code)
		if err := s.services.Regions.UpdateRegion(ctx, r); err != nil {
			return nil, s.apiError(err)
		}
		return &regionOutput{Body: r}, nil
	})
}

// NewRegionBody is a region with its code, for creating one. Exported (and
// the embedded RegionBody too) because huma reads only exported fields.
type NewRegionBody struct {
	Code string `json:"code" doc:"ISO 3166-2 code of the new region" example:"KZ-10"`
	RegionBody
}

type createdRegionOutput struct {
	Location string `header:"Location"`
	Body     *parasat.Region
}
