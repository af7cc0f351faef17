package http

import (
	"context"
	"net/http"
	"strconv"

	"github.com/danielgtaylor/huma/v2"

	"github.com/parasat-kz/parasat"
)

// HouseholdBody is a household as clients send it.
type HouseholdBody struct {
	Name       string                       `json:"name" maxLength:"200"`
	Region     string                       `json:"region" example:"KZ-71"`
	Address    string                       `json:"address,omitempty" maxLength:"300"`
	HeadID     *int64                       `json:"head_id,omitempty"`
	Categories []parasat.CategoryAssignment `json:"categories,omitempty"`
}

func (b *HouseholdBody) household(id int64) *parasat.Household {
	h := &parasat.Household{ID: id, Name: b.Name, Region: b.Region, Address: b.Address, HeadID: b.HeadID, Categories: b.Categories}
	if h.Categories == nil {
		h.Categories = []parasat.CategoryAssignment{}
	}
	return h
}

// HouseholdPath names one household.
type HouseholdPath struct {
	ID int64 `path:"id" minimum:"1"`
}

// MemberBody puts a beneficiary in the household.
type MemberBody struct {
	BeneficiaryID int64  `json:"beneficiary_id" minimum:"1"`
	Relation      string `json:"relation,omitempty" maxLength:"100" doc:"Relation to the head, e.g. daughter"`
}

type householdOutput struct {
	Body *parasat.Household
}

type householdListOutput struct {
	Body struct {
		Items      []parasat.Household `json:"items"`
		NextCursor string              `json:"next_cursor,omitempty"`
	}
}

// householdResource: a household is read and changed by whoever may do so
// for the people of its region.
func householdResource(h *parasat.Household) parasat.Resource {
	return parasat.Resource{Region: h.Region}
}

func (s *Server) loadHousehold(ctx context.Context, id int64) (*parasat.Household, error) {
	h, err := s.services.Households.Household(ctx, id)
	if err != nil {
		return nil, s.apiError(err)
	}
	if !parasat.Can(currentUser(ctx), parasat.ReadBeneficiary, householdResource(h)) {
		return nil, huma.Error404NotFound("household not found")
	}
	return h, nil
}

func (s *Server) registerHouseholdRoutes(api huma.API) {
	huma.Register(api, operation("list-households", http.MethodGet, "/households", parasat.ReadBeneficiary,
		"List the households the caller may see", "Households"),
		func(ctx context.Context, in *struct {
			Region string `query:"region"`
			Q      string `query:"q" doc:"The start of the household's name"`
			Limit  int    `query:"limit" minimum:"1" maximum:"500" default:"50"`
			Cursor int64  `query:"cursor" minimum:"0"`
		}) (*householdListOutput, error) {
			regions, _ := readScope(currentUser(ctx))
			items, err := s.services.Households.ListHouseholds(ctx, parasat.HouseholdFilter{Region: in.Region, Query: in.Q,
				RegionIn: regions, After: in.Cursor, Limit: in.Limit})
			if err != nil {
				return nil, s.apiError(err)
			}
			out := &householdListOutput{}
			out.Body.Items = items
			if len(items) == in.Limit {
				out.Body.NextCursor = strconv.FormatInt(items[len(items)-1].ID, 10)
			}
			return out, nil
		})

	huma.Register(api, operation("get-household", http.MethodGet, "/households/{id}", parasat.ReadBeneficiary,
		"Read a household with its members", "Households"),
		func(ctx context.Context, in *HouseholdPath) (*householdOutput, error) {
			h, err := s.loadHousehold(ctx, in.ID)
			if err != nil {
				return nil, err
			}
			return &householdOutput{Body: h}, nil
		})

	huma.Register(api, operation("create-household", http.MethodPost, "/households", parasat.WriteBeneficiary,
		"Register a household", "Households"),
		func(ctx context.Context, in *struct{ Body HouseholdBody }) (*householdOutput, error) {
			h := in.Body.household(0)
			h.Normalize()
			if err := s.authorize(ctx, parasat.WriteBeneficiary, householdResource(h)); err != nil {
				return nil, err
			}
			if err := s.services.Households.CreateHousehold(ctx, h); err != nil {
				return nil, s.apiError(err)
			}
			created, err := s.services.Households.Household(ctx, h.ID)
			if err != nil {
				return nil, s.apiError(err)
			}
			return &householdOutput{Body: created}, nil
		})

	huma.Register(api, operation("update-household", http.MethodPut, "/households/{id}", parasat.WriteBeneficiary,
		"Change a household", "Households"),
		func(ctx context.Context, in *struct {
			HouseholdPath
			Body HouseholdBody
		}) (*householdOutput, error) {
			existing, err := s.loadHousehold(ctx, in.ID)
			if err != nil {
				return nil, err
			}
			h := in.Body.household(in.ID)
			h.Normalize()
			for _, r := range []parasat.Resource{householdResource(existing), householdResource(h)} {
				if err := s.authorize(ctx, parasat.WriteBeneficiary, r); err != nil {
					return nil, err
				}
			}
			if err := s.services.Households.UpdateHousehold(ctx, h); err != nil {
				return nil, s.apiError(err)
			}
			updated, err := s.services.Households.Household(ctx, h.ID)
			if err != nil {
				return nil, s.apiError(err)
			}
			return &householdOutput{Body: updated}, nil
		})

	huma.Register(api, operation("add-household-member", http.MethodPost, "/households/{id}/members", parasat.WriteBeneficiary,
		"Put a beneficiary in the household", "Households"),
		func(ctx context.Context, in *struct {
			HouseholdPath
			Body MemberBody
		}) (*householdOutput, error) {
			h, err := s.loadHousehold(ctx, in.ID)
			if err != nil {
				return nil, err
			}
			b, err := s.loadBeneficiary(ctx, in.Body.BeneficiaryID)
			if err != nil {
				return nil, err
			}
			for _, r := range []parasat.Resource{householdResource(h), b.Resource()} {
				if err := s.authorize(ctx, parasat.WriteBeneficiary, r); err != nil {
					return nil, err
				}
			}
			if err := s.services.Households.SetMembership(ctx, b.ID, h.ID, in.Body.Relation); err != nil {
				return nil, s.apiError(err)
			}
			updated, err := s.services.Households.Household(ctx, h.ID)
			if err != nil {
				return nil, s.apiError(err)
			}
			return &householdOutput{Body: updated}, nil
		})
}
