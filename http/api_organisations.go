package http

import (
	"context"
	"encoding/base64"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"github.com/parasat-kz/parasat"
)

type organisationBody struct {
	Name     parasat.Names    `json:"name" doc:"Name in at least one language"`
	Type     string           `json:"type" enum:"assembly,ethno_cultural_association,council_of_mothers,youth_wing,club_of_patrons,charitable_foundation,company,state_body,other"`
	Region   string           `json:"region" doc:"ISO 3166-2 code of the region" example:"KZ-71"`
	BIN      string           `json:"bin,omitempty" doc:"Business identification number: 12 digits, the last a check digit"`
	ParentID *int64           `json:"parent_id,omitempty" doc:"The organisation this one belongs to, such as the regional Assembly"`
	Contacts parasat.Contacts `json:"contacts,omitempty"`
}

func (b *organisationBody) organisation(id int64) *parasat.Organisation {
	return &parasat.Organisation{ID: id, Name: b.Name, Type: parasat.OrganisationType(b.Type),
		Region: b.Region, BIN: b.BIN, ParentID: b.ParentID, Contacts: b.Contacts}
}

// OrganisationPath is the path of one organisation. It is exported because huma
// ignores unexported embedded structs: embedded in the update's input, an
// unexported type would leave the id unread (always 0) and unvalidated.
type OrganisationPath struct {
	ID int64 `path:"id" minimum:"1"`
}

type organisationOutput struct {
	Body *parasat.Organisation
}

type createdOrganisationOutput struct {
	Location string `header:"Location"`
	Body     *parasat.Organisation
}

type organisationListInput struct {
	Region string `query:"region" doc:"Only this region (ISO 3166-2 code)" example:"KZ-71"`
	Type   string `query:"type" doc:"Only this type of organisation"`
	Parent int64  `query:"parent" doc:"Only the organisations whose parent has this id"`
	Q      string `query:"q" doc:"Search in the names, in every language and spelling"`
	Sort   string `query:"sort" enum:"id,name" default:"id" doc:"id: in the order of registration; name: by name in lang"`
	Lang   string `query:"lang" enum:"kk,ru,en" default:"kk" doc:"Language of the names when sort=name"`
	Limit  int    `query:"limit" minimum:"1" maximum:"500" default:"50"`
	Cursor string `query:"cursor" doc:"next_cursor of the previous page"`
}

type organisationListOutput struct {
	Link string `header:"Link" doc:"rel=next link to the following page"`
	Body struct {
		Items      []parasat.Organisation `json:"items"`
		NextCursor string                 `json:"next_cursor,omitempty" doc:"Pass as cursor for the next page; absent on the last page"`
	}
}

func (s *Server) registerOrganisationRoutes(api huma.API) {
	huma.Register(api, operation("list-organisations", http.MethodGet, "/organisations", parasat.ReadPublished,
		"List organisations, a page at a time in id order (follow next_cursor)", "Organisations"), func(ctx context.Context, in *organisationListInput) (*organisationListOutput, error) {
		f := parasat.OrganisationFilter{Region: in.Region, Type: parasat.OrganisationType(in.Type), Query: in.Q, Limit: in.Limit}
		if in.Sort == "name" {
			f.SortByName = parasat.Language(in.Lang)
		}
		var ok bool
		if f.After, f.AfterName, ok = parseCursor(in.Cursor); !ok {
			return nil, huma.Error422UnprocessableEntity("invalid cursor",
				&huma.ErrorDetail{Location: "query.cursor", Message: "must be the next_cursor of a previous page", Value: in.Cursor})
		}
		if in.Parent != 0 {
			f.ParentID = &in.Parent
		}
		items, err := s.services.Organisations.ListOrganisations(ctx, f)
		if err != nil {
			return nil, s.apiError(err)
		}
		out := &organisationListOutput{}
		out.Body.Items = items
		if len(items) == in.Limit {
			last := items[len(items)-1]
			out.Body.NextCursor = makeCursor(last.ID, f.SortByName != "", last.Name.Best(f.SortByName))
			out.Link = "<" + nextPageURL(in, out.Body.NextCursor) + `>; rel="next"`
		}
		return out, nil
	})

	huma.Register(api, operation("get-organisation", http.MethodGet, "/organisations/{id}", parasat.ReadPublished,
		"Read one organisation", "Organisations"), func(ctx context.Context, in *OrganisationPath) (*organisationOutput, error) {
		o, err := s.services.Organisations.Organisation(ctx, in.ID)
		if err != nil {
			return nil, s.apiError(err)
		}
		return &organisationOutput{Body: o}, nil
	})

	huma.Register(api, operation("create-organisation", http.MethodPost, "/organisations", parasat.CreateOrganisation,
		"Register an organisation (admins anywhere, coordinators in their region)", "Organisations"),
		func(ctx context.Context, in *struct{ Body organisationBody }) (*createdOrganisationOutput, error) {
			o := in.Body.organisation(0)
			o.Normalize()
			if err := s.authorize(ctx, parasat.CreateOrganisation, parasat.Resource{Region: o.Region}); err != nil {
				return nil, err
			}
			if err := s.services.Organisations.CreateOrganisation(ctx, o); err != nil {
				return nil, s.apiError(err)
			}
			return &createdOrganisationOutput{Location: APIPrefix + "/organisations/" + strconv.FormatInt(o.ID, 10), Body: o}, nil
		})

	huma.Register(api, operation("update-organisation", http.MethodPut, "/organisations/{id}", parasat.UpdateOrganisation,
		"Change an organisation, replacing every field with the ones sent (admins; coordinators in their region; its managers)",
		"Organisations"), func(ctx context.Context, in *struct {
		OrganisationPath
		Body organisationBody
	}) (*organisationOutput, error) {
		existing, err := s.services.Organisations.Organisation(ctx, in.ID)
		if err != nil {
			return nil, s.apiError(err)
		}
		o := in.Body.organisation(in.ID)
		o.Normalize()
		// Allowed for the organisation where it is, and where it would move to.
		for _, region := range []string{existing.Region, o.Region} {
			if err := s.authorize(ctx, parasat.UpdateOrganisation, parasat.Resource{Region: region, OrganisationID: in.ID}); err != nil {
				return nil, err
			}
		}
		if err := s.services.Organisations.UpdateOrganisation(ctx, o); err != nil {
			return nil, s.apiError(err)
		}
		return &organisationOutput{Body: o}, nil
	})
}

// makeCursor encodes the keyset of the last row of a page: its id, and its
// name when the list is sorted by name.
func makeCursor(id int64, byName bool, name string) string {
	c := strconv.FormatInt(id, 10)
	if byName {
		c += "." + base64.RawURLEncoding.EncodeToString([]byte(name))
	}
	return c
}

// parseCursor reads a cursor made by makeCursor ("" is the first page).
func parseCursor(c string) (id int64, name string, ok bool) {
	if c == "" {
		return 0, "", true
	}
	idPart, namePart, hasName := strings.Cut(c, ".")
	id, err := strconv.ParseInt(idPart, 10, 64)
	if err != nil || id < 0 {
		return 0, "", false
	}
	if hasName {
		b, err := base64.RawURLEncoding.DecodeString(namePart)
		if err != nil {
			return 0, "", false
		}
		name = string(b)
	}
	return id, name, true
}

func nextPageURL(in *organisationListInput, cursor string) string {
	q := make([]string, 0, 6)
	add := func(k, v string) {
		if v != "" && v != "0" {
			q = append(q, k+"="+url.QueryEscape(v))
		}
	}
	add("region", in.Region)
	add("type", in.Type)
	add("parent", strconv.FormatInt(in.Parent, 10))
	add("q", in.Q)
	if in.Sort == "name" {
		add("sort", in.Sort)
		add("lang", in.Lang)
	}
	add("limit", strconv.Itoa(in.Limit))
	add("cursor", cursor)
	u := APIPrefix + "/organisations"
	for i, p := range q {
		if i == 0 {
			u += "?" + p
		} else {
			u += "&" + p
		}
	}
	return u
}
