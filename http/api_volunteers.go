package http

import (
	"context"
	"net/http"
	"strconv"

	"github.com/danielgtaylor/huma/v2"

	"github.com/parasat-kz/parasat"
)

// VolunteerBody is a volunteer as clients send it.
type VolunteerBody struct {
	FullName         string                   `json:"full_name" maxLength:"300"`
	BirthDate        parasat.Date             `json:"birth_date" format:"date" example:"2001-04-25"`
	Region           string                   `json:"region" doc:"ISO 3166-2 code" example:"KZ-71"`
	City             string                   `json:"city,omitempty"`
	Phone            string                   `json:"phone,omitempty" doc:"A phone or an e-mail address is required"`
	Email            string                   `json:"email,omitempty"`
	Organisations    []int64                  `json:"organisations,omitempty" doc:"Organisations the volunteer belongs to"`
	Skills           []string                 `json:"skills,omitempty" doc:"Codes from GET /skills"`
	Languages        []parasat.Language       `json:"languages,omitempty" doc:"Of kk, ru, en"`
	OtherLanguages   string                   `json:"other_languages,omitempty"`
	Availability     AvailabilityBody         `json:"availability,omitempty"`
	Consent          ConsentBody              `json:"consent"`
	ParentConsent    *parasat.ParentConsent   `json:"parent_consent,omitempty" doc:"Required when the volunteer was under 18 on the day of the consent"`
	EmergencyContact parasat.EmergencyContact `json:"emergency_contact,omitempty"`
	UserID           *int64                   `json:"user_id,omitempty" doc:"The volunteer's own account, which may then read this record"`
}

// AvailabilityBody says when the volunteer can usually help; absent is no.
type AvailabilityBody struct {
	Weekdays bool `json:"weekdays,omitempty"`
	Evenings bool `json:"evenings,omitempty"`
	Weekends bool `json:"weekends,omitempty"`
}

// ConsentBody is the person's consent to the processing of their data.
type ConsentBody struct {
	GivenOn parasat.Date `json:"given_on" format:"date"`
	Scope   string       `json:"scope" doc:"What the person agreed to"`
}

func (b *VolunteerBody) volunteer(id int64) *parasat.Volunteer {
	given := b.Consent.GivenOn
	return &parasat.Volunteer{ID: id, FullName: b.FullName, BirthDate: b.BirthDate, Region: b.Region, City: b.City,
		Phone: b.Phone, Email: b.Email, Organisations: b.Organisations, Skills: b.Skills, Languages: b.Languages,
		OtherLanguages: b.OtherLanguages, Availability: parasat.Availability(b.Availability),
		Consent: parasat.Consent{GivenOn: &given, Scope: b.Consent.Scope}, ParentConsent: b.ParentConsent,
		EmergencyContact: b.EmergencyContact, UserID: b.UserID}
}

// VolunteerPath names one volunteer.
type VolunteerPath struct {
	ID int64 `path:"id" minimum:"1"`
}

type volunteerOutput struct {
	Body *parasat.Volunteer
}

type createdVolunteerOutput struct {
	Location string `header:"Location"`
	Body     *parasat.Volunteer
}

type volunteerListInput struct {
	Region       string `query:"region" doc:"Only this region" example:"KZ-71"`
	Organisation int64  `query:"organisation" doc:"Only members of this organisation"`
	Skill        string `query:"skill" doc:"Only volunteers with this skill code"`
	Status       string `query:"status" enum:"pending,approved,rejected"`
	Q            string `query:"q" doc:"The start of any word of the name, in any spelling, or of the e-mail"`
	Limit        int    `query:"limit" minimum:"1" maximum:"500" default:"50"`
	Cursor       string `query:"cursor" doc:"next_cursor of the previous page"`
}

type volunteerListOutput struct {
	Body struct {
		Items      []parasat.Volunteer `json:"items"`
		NextCursor string              `json:"next_cursor,omitempty"`
	}
}

// readableVolunteer loads a volunteer the caller may read.
func (s *Server) readableVolunteer(ctx context.Context, id int64) (*parasat.Volunteer, error) {
	v, err := s.services.Volunteers.Volunteer(ctx, id)
	if err != nil {
		return nil, s.apiError(err)
	}
	if !parasat.Can(currentUser(ctx), parasat.ReadVolunteer, v.Resource()) {
		return nil, notVisible("volunteer")
	}
	return v, nil
}

type volunteerUpdateInput struct {
	VolunteerPath
	Body VolunteerBody
}

func (s *Server) registerVolunteerRoutes(api huma.API) {
	huma.Register(api, operation("list-volunteers", http.MethodGet, "/volunteers", parasat.ReadVolunteer,
		"List the volunteers the caller may see, by name (follow next_cursor)", "Volunteers"), s.listVolunteers)
	huma.Register(api, operation("get-volunteer", http.MethodGet, "/volunteers/{id}", parasat.ReadVolunteer,
		"Read one volunteer (their organisations' managers, their region's coordinator, themselves)", "Volunteers"),
		func(ctx context.Context, in *VolunteerPath) (*volunteerOutput, error) {
			v, err := s.readableVolunteer(ctx, in.ID)
			if err != nil {
				return nil, err
			}
			return &volunteerOutput{Body: v}, nil
		})
	huma.Register(api, operation("create-volunteer", http.MethodPost, "/volunteers", parasat.WriteVolunteer,
		"Record a volunteer, pending approval", "Volunteers"), s.createVolunteer)
	huma.Register(api, operation("update-volunteer", http.MethodPut, "/volunteers/{id}", parasat.WriteVolunteer,
		"Change a volunteer, replacing every field with the ones sent; the status changes only by approving or rejecting",
		"Volunteers"), s.updateVolunteer)
	for _, d := range []struct {
		verb   string
		status parasat.VolunteerStatus
	}{{"approve", parasat.VolunteerApproved}, {"reject", parasat.VolunteerRejected}} {
		op := operation(d.verb+"-volunteer", http.MethodPost, "/volunteers/{id}/"+d.verb, parasat.WriteVolunteer,
			"Decide: "+d.verb+" a volunteer (their organisations' managers, their region's coordinator)", "Volunteers")
		op.DefaultStatus = http.StatusOK
		huma.Register(api, op, func(ctx context.Context, in *VolunteerPath) (*volunteerOutput, error) {
			return s.decideVolunteer(ctx, in.ID, d.status)
		})
	}
}

func (s *Server) listVolunteers(ctx context.Context, in *volunteerListInput) (*volunteerListOutput, error) {
	f := parasat.VolunteerFilter{Region: in.Region, Organisation: in.Organisation, Skill: in.Skill,
		Status: parasat.VolunteerStatus(in.Status), Query: in.Q, Limit: in.Limit,
		Visibility: visibility(currentUser(ctx), parasat.ReadVolunteer)}
	var ok bool
	if f.After, f.AfterName, ok = parseCursor(in.Cursor); !ok {
		return nil, badCursor(in.Cursor)
	}
	items, err := s.services.Volunteers.ListVolunteers(ctx, f)
	if err != nil {
		return nil, s.apiError(err)
	}
	out := &volunteerListOutput{}
	out.Body.Items = items
	if len(items) == in.Limit {
		last := items[len(items)-1]
		out.Body.NextCursor = makeCursor(last.ID, true, last.SortKey())
	}
	return out, nil
}

func (s *Server) createVolunteer(ctx context.Context, in *struct{ Body VolunteerBody }) (*createdVolunteerOutput, error) {
	v := in.Body.volunteer(0)
	v.Normalize()
	if err := s.authorize(ctx, parasat.WriteVolunteer, v.Resource()); err != nil {
		return nil, err
	}
	if err := s.services.Volunteers.CreateVolunteer(ctx, v); err != nil {
		return nil, s.conflictNaming(ctx, err, parasat.ReadVolunteer, "volunteers")
	}
	return &createdVolunteerOutput{Location: APIPrefix + "/volunteers/" + strconv.FormatInt(v.ID, 10), Body: v}, nil
}

func (s *Server) updateVolunteer(ctx context.Context, in *volunteerUpdateInput) (*volunteerOutput, error) {
	existing, err := s.readableVolunteer(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	v := in.Body.volunteer(in.ID)
	v.Normalize()
	// Allowed for the volunteer as they are, and as they would become.
	for _, r := range []parasat.Resource{existing.Resource(), v.Resource()} {
		if err := s.authorize(ctx, parasat.WriteVolunteer, r); err != nil {
			return nil, err
		}
	}
	if err := s.services.Volunteers.UpdateVolunteer(ctx, v); err != nil {
		return nil, s.conflictNaming(ctx, err, parasat.ReadVolunteer, "volunteers")
	}
	return &volunteerOutput{Body: v}, nil
}

func (s *Server) decideVolunteer(ctx context.Context, id int64, status parasat.VolunteerStatus) (*volunteerOutput, error) {
	existing, err := s.readableVolunteer(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := s.authorize(ctx, parasat.WriteVolunteer, existing.Resource()); err != nil {
		return nil, err
	}
	v, err := s.services.Volunteers.DecideVolunteer(ctx, id, status)
	if err != nil {
		return nil, s.apiError(err)
	}
	return &volunteerOutput{Body: v}, nil
}

func badCursor(c string) error {
	return huma.Error422UnprocessableEntity("invalid cursor",
		&huma.ErrorDetail{Location: "query.cursor", Message: "must be the next_cursor of a previous page", Value: c})
}
