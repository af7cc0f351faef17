package http

import (
	"context"
	"net/http"
	"strconv"

	"github.com/danielgtaylor/huma/v2"

	"github.com/parasat-kz/parasat"
)

// PatronBody is a patron as clients send it.
type PatronBody struct {
	Kind                   string           `json:"kind" enum:"person,company"`
	Name                   string           `json:"name" maxLength:"300" doc:"Full name of a person, or the company's name"`
	BIN                    string           `json:"bin,omitempty" doc:"Business identification number; required for a company"`
	Contacts               parasat.Contacts `json:"contacts,omitempty"`
	Region                 string           `json:"region" example:"KZ-71"`
	SupportedOrganisations []int64          `json:"supported_organisations,omitempty"`
	PublicConsent          bool             `json:"public_consent,omitempty" doc:"Agrees to be named in public reports and thanks"`
	UserID                 *int64           `json:"user_id,omitempty" doc:"The patron's own account, which may then read this record"`
	Notes                  string           `json:"notes,omitempty" maxLength:"2000"`
}

func (b *PatronBody) patron(id int64) *parasat.Patron {
	return &parasat.Patron{ID: id, Kind: parasat.PatronKind(b.Kind), Name: b.Name, BIN: b.BIN, Contacts: b.Contacts,
		Region: b.Region, SupportedOrganisations: b.SupportedOrganisations, PublicConsent: b.PublicConsent,
		UserID: b.UserID, Notes: b.Notes}
}

// PatronPath names one patron.
type PatronPath struct {
	ID int64 `path:"id" minimum:"1"`
}

type patronOutput struct {
	Body *parasat.Patron
}

type createdPatronOutput struct {
	Location string `header:"Location"`
	Body     *parasat.Patron
}

type patronListOutput struct {
	Body struct {
		Items      []parasat.Patron `json:"items"`
		NextCursor string           `json:"next_cursor,omitempty"`
	}
}

// readablePatron loads a patron the caller may read.
func (s *Server) readablePatron(ctx context.Context, id int64) (*parasat.Patron, error) {
	p, err := s.services.Patrons.Patron(ctx, id)
	if err != nil {
		return nil, s.apiError(err)
	}
	if !parasat.Can(currentUser(ctx), parasat.ReadPatron, p.Resource()) {
		return nil, notVisible("patron")
	}
	return p, nil
}

type patronListInput struct {
	Region       string `query:"region" example:"KZ-71"`
	Organisation int64  `query:"organisation" doc:"Only the supporters of this organisation"`
	Kind         string `query:"kind" enum:"person,company"`
	Q            string `query:"q" doc:"The start of any word of the name, or of the BIN"`
	Limit        int    `query:"limit" minimum:"1" maximum:"500" default:"50"`
	Cursor       string `query:"cursor"`
}

type patronUpdateInput struct {
	PatronPath
	Body PatronBody
}

func (s *Server) registerPatronRoutes(api huma.API) {
	huma.Register(api, operation("list-patrons", http.MethodGet, "/patrons", parasat.ReadPatron,
		"List the patrons the caller may see, by name (follow next_cursor)", "Patrons"), s.listPatrons)
	huma.Register(api, operation("get-patron", http.MethodGet, "/patrons/{id}", parasat.ReadPatron,
		"Read one patron", "Patrons"), func(ctx context.Context, in *PatronPath) (*patronOutput, error) {
		p, err := s.readablePatron(ctx, in.ID)
		if err != nil {
			return nil, err
		}
		return &patronOutput{Body: p}, nil
	})
	huma.Register(api, operation("create-patron", http.MethodPost, "/patrons", parasat.WritePatron,
		"Record a patron (admins anywhere, coordinators in their region)", "Patrons"), s.createPatron)
	huma.Register(api, operation("update-patron", http.MethodPut, "/patrons/{id}", parasat.WritePatron,
		"Change a patron, replacing every field with the ones sent", "Patrons"), s.updatePatron)
}

func (s *Server) listPatrons(ctx context.Context, in *patronListInput) (*patronListOutput, error) {
	f := parasat.PatronFilter{Region: in.Region, Organisation: in.Organisation, Kind: parasat.PatronKind(in.Kind),
		Query: in.Q, Limit: in.Limit, Visibility: visibility(currentUser(ctx), parasat.ReadPatron)}
	var ok bool
	if f.After, f.AfterName, ok = parseCursor(in.Cursor); !ok {
		return nil, badCursor(in.Cursor)
	}
	items, err := s.services.Patrons.ListPatrons(ctx, f)
	if err != nil {
		return nil, s.apiError(err)
	}
	out := &patronListOutput{}
	out.Body.Items = items
	if len(items) == in.Limit {
		last := items[len(items)-1]
		out.Body.NextCursor = makeCursor(last.ID, true, last.SortKey())
	}
	return out, nil
}

func (s *Server) createPatron(ctx context.Context, in *struct{ Body PatronBody }) (*createdPatronOutput, error) {
	p := in.Body.patron(0)
	p.Normalize()
	if err := s.authorize(ctx, parasat.WritePatron, p.Resource()); err != nil {
		return nil, err
	}
	if err := s.services.Patrons.CreatePatron(ctx, p); err != nil {
		return nil, s.conflictNaming(ctx, err, parasat.ReadPatron, "patrons")
	}
	return &createdPatronOutput{Location: APIPrefix + "/patrons/" + strconv.FormatInt(p.ID, 10), Body: p}, nil
}

func (s *Server) updatePatron(ctx context.Context, in *patronUpdateInput) (*patronOutput, error) {
	existing, err := s.readablePatron(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	p := in.Body.patron(in.ID)
	p.Normalize()
	for _, r := range []parasat.Resource{existing.Resource(), p.Resource()} {
		if err := s.authorize(ctx, parasat.WritePatron, r); err != nil {
			return nil, err
		}
	}
	if err := s.services.Patrons.UpdatePatron(ctx, p); err != nil {
		return nil, s.conflictNaming(ctx, err, parasat.ReadPatron, "patrons")
	}
	return &patronOutput{Body: p}, nil
}
