package http

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"github.com/danielgtaylor/huma/v2"

	"github.com/parasat-kz/parasat"
)

// BeneficiaryBody is a beneficiary as clients send it. Only full_name, iin,
// birth_date, sex and region are required, so other systems integrate simply.
type BeneficiaryBody struct {
	FullName      string                       `json:"full_name" maxLength:"200"`
	IIN           string                       `json:"iin" doc:"12 digits, the last a check digit" example:"850315300125"`
	BirthDate     parasat.Date                 `json:"birth_date" doc:"YYYY-MM-DD"`
	Sex           parasat.Sex                  `json:"sex" enum:"male,female"`
	Region        string                       `json:"region" example:"KZ-71"`
	LatinName     string                       `json:"latin_name,omitempty" maxLength:"200"`
	Address       string                       `json:"address,omitempty" maxLength:"300"`
	Phone         string                       `json:"phone,omitempty" maxLength:"40"`
	HouseholdID   *int64                       `json:"household_id,omitempty"`
	Relation      string                       `json:"relation,omitempty" maxLength:"100"`
	Categories    []parasat.CategoryAssignment `json:"categories,omitempty"`
	Organisations []int64                      `json:"organisations,omitempty" doc:"Organisations that serve the person"`
	Notes         string                       `json:"notes,omitempty" maxLength:"5000"`
	Consent       *parasat.Consent             `json:"consent,omitempty"`
}

func (b *BeneficiaryBody) beneficiary(id int64) *parasat.Beneficiary {
	out := &parasat.Beneficiary{ID: id, FullName: b.FullName, IIN: b.IIN, BirthDate: b.BirthDate, Sex: b.Sex,
		Region: b.Region, LatinName: b.LatinName, Address: b.Address, Phone: b.Phone, HouseholdID: b.HouseholdID,
		Relation: b.Relation, Categories: b.Categories, Organisations: b.Organisations, Notes: b.Notes}
	if b.Consent != nil {
		out.Consent = parasat.Consent{GivenOn: b.Consent.GivenOn, Scope: b.Consent.Scope}
	}
	if out.Categories == nil {
		out.Categories = []parasat.CategoryAssignment{}
	}
	if out.Organisations == nil {
		out.Organisations = []int64{}
	}
	return out
}

// BeneficiaryPath names one beneficiary.
type BeneficiaryPath struct {
	ID int64 `path:"id" minimum:"1"`
}

type beneficiaryOutput struct {
	Body *parasat.Beneficiary
}

type createdBeneficiaryOutput struct {
	Location string `header:"Location"`
	Body     *parasat.Beneficiary
}

type beneficiaryListOutput struct {
	Body struct {
		Items      []parasat.Beneficiary `json:"items"`
		NextCursor string                `json:"next_cursor,omitempty"`
	}
}

// readScope limits a list to what the caller may read: everything for an
// admin, their regions for a coordinator, the people their organisations
// serve for a manager.
func readScope(u *parasat.User) ([]string, []int64) {
	if u.IsAdmin() {
		return nil, nil
	}
	regions, orgs := u.CoordinatedRegions(), u.ManagedOrganisations()
	if regions == nil {
		regions = []string{}
	}
	if orgs == nil {
		orgs = []int64{}
	}
	return regions, orgs
}

// loadBeneficiary reads a beneficiary the caller may read; one they may not
// is "not found", since even its existence is private.
func (s *Server) loadBeneficiary(ctx context.Context, id int64) (*parasat.Beneficiary, error) {
	b, err := s.services.Beneficiaries.Beneficiary(ctx, id)
	if err != nil {
		return nil, s.apiError(err)
	}
	if !parasat.Can(currentUser(ctx), parasat.ReadBeneficiary, b.Resource()) {
		return nil, huma.Error404NotFound("beneficiary not found")
	}
	return b, nil
}

// beneficiaryConflict names the existing record of a duplicate IIN to a
// caller who may read it, and only the conflict to others.
func (s *Server) beneficiaryConflict(ctx context.Context, err error) error {
	var e *parasat.Error
	if errors.As(err, &e) && e.Code == parasat.EConflict && e.Existing != nil &&
		parasat.Can(currentUser(ctx), parasat.ReadBeneficiary, e.Existing.Resource) {
		path := APIPrefix + "/beneficiaries/" + strconv.FormatInt(e.Existing.ID, 10)
		return huma.Error409Conflict("a beneficiary with this IIN is already registered: "+path,
			&huma.ErrorDetail{Location: "body.iin", Message: "already registered", Value: path})
	}
	return s.apiError(err)
}

func (s *Server) registerBeneficiaryRoutes(api huma.API) {
	huma.Register(api, operation("list-beneficiaries", http.MethodGet, "/beneficiaries", parasat.ReadBeneficiary,
		"List the beneficiaries the caller may see", "Beneficiaries"),
		func(ctx context.Context, in *struct {
			Region       string           `query:"region"`
			Organisation int64            `query:"organisation"`
			Category     parasat.Category `query:"category"`
			Household    int64            `query:"household"`
			Q            string           `query:"q" doc:"An IIN (or its first digits) or the start of a name"`
			Limit        int              `query:"limit" minimum:"1" maximum:"500" default:"50"`
			Cursor       int64            `query:"cursor" minimum:"0"`
		}) (*beneficiaryListOutput, error) {
			regions, orgs := readScope(currentUser(ctx))
			items, err := s.services.Beneficiaries.ListBeneficiaries(ctx, parasat.BeneficiaryFilter{Region: in.Region,
				OrganisationID: in.Organisation, Category: in.Category, HouseholdID: in.Household, Query: in.Q,
				RegionIn: regions, OrganisationIn: orgs, After: in.Cursor, Limit: in.Limit})
			if err != nil {
				return nil, s.apiError(err)
			}
			out := &beneficiaryListOutput{}
			out.Body.Items = items
			if len(items) == in.Limit {
				out.Body.NextCursor = strconv.FormatInt(items[len(items)-1].ID, 10)
			}
			return out, nil
		})

	huma.Register(api, operation("get-beneficiary", http.MethodGet, "/beneficiaries/{id}", parasat.ReadBeneficiary,
		"Read a beneficiary's full record (each reading is logged)", "Beneficiaries"),
		func(ctx context.Context, in *BeneficiaryPath) (*beneficiaryOutput, error) {
			b, err := s.loadBeneficiary(ctx, in.ID)
			if err != nil {
				return nil, err
			}
			if err := s.services.Beneficiaries.RecordVisit(ctx, b.ID); err != nil {
				return nil, s.apiError(err)
			}
			return &beneficiaryOutput{Body: b}, nil
		})

	huma.Register(api, operation("create-beneficiary", http.MethodPost, "/beneficiaries", parasat.WriteBeneficiary,
		"Register a beneficiary", "Beneficiaries"),
		func(ctx context.Context, in *struct{ Body BeneficiaryBody }) (*createdBeneficiaryOutput, error) {
			b := in.Body.beneficiary(0)
			b.Normalize()
			if err := s.authorize(ctx, parasat.WriteBeneficiary, b.Resource()); err != nil {
				return nil, err
			}
			if err := s.services.Beneficiaries.CreateBeneficiary(ctx, b); err != nil {
				return nil, s.beneficiaryConflict(ctx, err)
			}
			return &createdBeneficiaryOutput{Location: APIPrefix + "/beneficiaries/" + strconv.FormatInt(b.ID, 10), Body: b}, nil
		})

	huma.Register(api, operation("update-beneficiary", http.MethodPut, "/beneficiaries/{id}", parasat.WriteBeneficiary,
		"Change a beneficiary's record, replacing every field", "Beneficiaries"),
		func(ctx context.Context, in *struct {
			BeneficiaryPath
			Body BeneficiaryBody
		}) (*beneficiaryOutput, error) {
			existing, err := s.loadBeneficiary(ctx, in.ID)
			if err != nil {
				return nil, err
			}
			b := in.Body.beneficiary(in.ID)
			b.Normalize()
			for _, r := range []parasat.Resource{existing.Resource(), b.Resource()} {
				if err := s.authorize(ctx, parasat.WriteBeneficiary, r); err != nil {
					return nil, err
				}
			}
			if err := s.services.Beneficiaries.UpdateBeneficiary(ctx, b); err != nil {
				return nil, s.beneficiaryConflict(ctx, err)
			}
			return &beneficiaryOutput{Body: b}, nil
		})

	anonymise := operation("anonymise-beneficiary", http.MethodPost, "/beneficiaries/{id}/anonymise", parasat.WriteBeneficiary,
		"Erase what identifies the person, keeping what statistics count", "Beneficiaries")
	anonymise.DefaultStatus = http.StatusNoContent
	huma.Register(api, anonymise, func(ctx context.Context, in *BeneficiaryPath) (*struct{}, error) {
		b, err := s.loadBeneficiary(ctx, in.ID)
		if err != nil {
			return nil, err
		}
		if err := s.authorize(ctx, parasat.WriteBeneficiary, b.Resource()); err != nil {
			return nil, err
		}
		return nil, s.apiErrorOrNil(s.services.Beneficiaries.AnonymiseBeneficiary(ctx, b.ID))
	})

	huma.Register(api, operation("export-beneficiary", http.MethodGet, "/beneficiaries/{id}/export", parasat.ReadBeneficiary,
		"Everything Parasat holds about a person: the record, the household, the history and who opened it", "Beneficiaries"),
		func(ctx context.Context, in *BeneficiaryPath) (*exportOutput, error) {
			b, err := s.loadBeneficiary(ctx, in.ID)
			if err != nil {
				return nil, err
			}
			return s.exportBeneficiary(ctx, b)
		})
}

type exportOutput struct {
	ContentDisposition string `header:"Content-Disposition"`
	Body               struct {
		Beneficiary *parasat.Beneficiary `json:"beneficiary"`
		Household   *parasat.Household   `json:"household,omitempty"`
		History     []parasat.AuditEntry `json:"history"`
		Visits      []parasat.Visit      `json:"visits"`
		Documents   []exportedDocument   `json:"documents"`
	}
}

// exportedDocument is a document with its content, in base64.
type exportedDocument struct {
	parasat.Document
	Content []byte `json:"content" doc:"The file, base64-encoded"`
}

func (s *Server) exportBeneficiary(ctx context.Context, b *parasat.Beneficiary) (*exportOutput, error) {
	out := &exportOutput{ContentDisposition: `attachment; filename="beneficiary-` + strconv.FormatInt(b.ID, 10) + `.json"`}
	out.Body.Beneficiary = b
	if b.HouseholdID != nil {
		h, err := s.services.Households.Household(ctx, *b.HouseholdID)
		if err != nil {
			return nil, s.apiError(err)
		}
		out.Body.Household = h
	}
	history, err := s.services.Audit.ListAudit(ctx, parasat.AuditFilter{Entity: "beneficiary", EntityID: strconv.FormatInt(b.ID, 10), Limit: 500})
	if err != nil {
		return nil, s.apiError(err)
	}
	visits, err := s.services.Beneficiaries.Visits(ctx, b.ID, 500)
	if err != nil {
		return nil, s.apiError(err)
	}
	out.Body.History, out.Body.Visits = history, visits
	if out.Body.Documents, err = s.exportDocuments(ctx, b.ID); err != nil {
		return nil, s.apiError(err)
	}
	if err := s.services.Beneficiaries.RecordVisit(ctx, b.ID); err != nil {
		return nil, s.apiError(err)
	}
	return out, nil
}

// exportDocuments reads every document of a person with its content.
func (s *Server) exportDocuments(ctx context.Context, beneficiaryID int64) ([]exportedDocument, error) {
	list, err := s.services.Documents.Documents(ctx, beneficiaryID)
	if err != nil {
		return nil, err
	}
	out := make([]exportedDocument, 0, len(list))
	for _, d := range list {
		full, err := s.services.Documents.Document(ctx, beneficiaryID, d.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, exportedDocument{Document: *full, Content: full.Data})
	}
	return out, nil
}
