package http

import (
	"context"
	"net/http"
	"strconv"

	"github.com/danielgtaylor/huma/v2"

	"github.com/parasat-kz/parasat"
)

// A volunteer who offered their help on the public page has no account to
// sign up for shifts with. Once approved, the staff who may change their
// record invite them: Parasat opens an account with the volunteer role,
// linked to the record, and mails a one-time link to set its password (or
// links the account their e-mail already has).

type invitedVolunteerOutput struct {
	Body struct {
		Account *parasat.User `json:"account"`
		Mailed  bool          `json:"mailed" doc:"The link was mailed to the volunteer"`
		Link    string        `json:"set_password_link,omitempty" doc:"When Parasat sends no mail: the one-time link to hand over"`
	}
}

// inviteVolunteer invites the volunteer id; link is the set-password link to
// hand over when no mail is sent ("" otherwise, or for an existing account).
func (s *Server) inviteVolunteer(ctx context.Context, id int64) (v *parasat.Volunteer, u *parasat.User, link string, err error) {
	v, err = s.services.Volunteers.Volunteer(ctx, id)
	if err != nil {
		return nil, nil, "", err
	}
	if !parasat.Can(currentUser(ctx), parasat.WriteVolunteer, v.Resource()) {
		return v, nil, "", parasat.Errorf(parasat.EForbidden, "your role does not allow this for this volunteer")
	}
	u, secret, err := s.services.Accounts.InviteVolunteer(ctx, v)
	if err != nil {
		return v, nil, "", err
	}
	if secret != "" && !s.services.MailConfigured {
		link = setPasswordLink(secret)
	}
	return v, u, link, nil
}

func (s *Server) registerInviteRoute(api huma.API) {
	huma.Register(api, operation("invite-volunteer", http.MethodPost, "/volunteers/{id}/invite", parasat.WriteVolunteer,
		"Open an account for an approved volunteer, so that they sign up for shifts themselves; the set-password link is mailed",
		"Volunteers"), func(ctx context.Context, in *VolunteerPath) (*invitedVolunteerOutput, error) {
		_, u, link, err := s.inviteVolunteer(ctx, in.ID)
		if err != nil {
			if parasat.ErrorCode(err) == parasat.ENotFound {
				return nil, notVisible("volunteer")
			}
			return nil, s.apiError(err)
		}
		out := &invitedVolunteerOutput{}
		out.Body.Account, out.Body.Link, out.Body.Mailed = u, link, link == "" && s.services.MailConfigured
		return out, nil
	})
}

// handleInviteVolunteer is the button on a volunteer's page.
func (s *Server) handleInviteVolunteer(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r, "id")
	if !ok {
		s.notFound(w, r)
		return
	}
	v, _, link, err := s.inviteVolunteer(r.Context(), id)
	back := "/volunteers/" + strconv.FormatInt(id, 10)
	switch {
	case parasat.ErrorCode(err) == parasat.EConflict:
		l := s.catalog.For(s.language(r))
		setFlash(w, "flash.invite_refused", "Reason", firstFieldError(l, err))
	case err != nil:
		s.pageError(w, r, err)
		return
	case link != "":
		setFlash(w, "flash.volunteer_invited_link", "Name", v.FullName, "Link", link)
	default:
		setFlash(w, "flash.volunteer_invited", "Name", v.FullName)
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}
