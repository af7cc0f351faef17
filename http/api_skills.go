package http

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/parasat-kz/parasat"
)

type skillListOutput struct {
	Body struct {
		Items []parasat.Skill `json:"items"`
	}
}

type skillOutput struct {
	Body *parasat.Skill
}

// registerPeopleRoutes registers the registers of volunteers and patrons and
// the list of skills.
func (s *Server) registerPeopleRoutes(api huma.API) {
	s.registerVolunteerRoutes(api)
	s.registerPatronRoutes(api)
	huma.Register(api, operation("list-skills", http.MethodGet, "/skills", parasat.ReadPublished,
		"List the skills volunteers choose from", "Volunteers"), func(ctx context.Context, _ *struct{}) (*skillListOutput, error) {
		items, err := s.services.Skills.ListSkills(ctx)
		if err != nil {
			return nil, s.apiError(err)
		}
		out := &skillListOutput{}
		out.Body.Items = items
		return out, nil
	})
	huma.Register(api, operation("create-skill", http.MethodPost, "/skills", parasat.ManageSkills,
		"Add a skill to the list (admins)", "Volunteers"), func(ctx context.Context, in *struct{ Body parasat.Skill }) (*skillOutput, error) {
		sk := in.Body
		if err := s.services.Skills.CreateSkill(ctx, &sk); err != nil {
			return nil, s.apiError(err)
		}
		return &skillOutput{Body: &sk}, nil
	})
}
