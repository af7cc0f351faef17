package http

import (
	"context"
	"net/http"
	"strconv"

	"github.com/danielgtaylor/huma/v2"

	"github.com/parasat-kz/parasat"
)

// UserPath names one account.
type UserPath struct {
	ID int64 `path:"id" minimum:"1"`
}

// InviteBody describes a new account and its first role.
type InviteBody struct {
	Email    string           `json:"email" example:"aigerim@example.kz"`
	Name     string           `json:"name"`
	Language parasat.Language `json:"language,omitempty" enum:"kk,ru,en"`
	Grants   []GrantBody      `json:"grants,omitempty"`
}

// GrantBody is a role with its scope.
type GrantBody struct {
	Role           parasat.Role `json:"role" enum:"admin,coordinator,manager,volunteer,patron"`
	Region         string       `json:"region,omitempty" doc:"For a coordinator: the region, such as KZ-71"`
	OrganisationID *int64       `json:"organisation_id,omitempty" doc:"For a manager: the organisation"`
}

func (g GrantBody) grant(userID int64) parasat.Grant {
	return parasat.Grant{UserID: userID, Role: g.Role, Region: g.Region, OrganisationID: g.OrganisationID}
}

type userListOutput struct {
	Body struct {
		Items      []parasat.User `json:"items"`
		NextCursor string         `json:"next_cursor,omitempty"`
	}
}

type invitedOutput struct {
	Location string `header:"Location"`
	Body     struct {
		User *parasat.User `json:"user"`
		Link string        `json:"link" doc:"Path of the one-time link where the person sets a password; it is mailed to them too"`
	}
}

type linkOutput struct {
	Body struct {
		Link string `json:"link" doc:"Path of a one-time set-password link"`
	}
}

type grantOutput struct {
	Body *parasat.Grant
}

// SetPasswordPath is where a one-time link lets its owner set a password.
const SetPasswordPath = "/password/set"

func setPasswordLink(secret string) string { return SetPasswordPath + "?token=" + secret }

func (s *Server) registerUserRoutes(api huma.API) {
	huma.Register(api, operation("list-users", http.MethodGet, "/users", parasat.ManageUsers,
		"List accounts with their roles", "Users"),
		func(ctx context.Context, in *struct {
			Q      string `query:"q" doc:"Part of the e-mail or name"`
			Limit  int    `query:"limit" minimum:"1" maximum:"500" default:"50"`
			Cursor int64  `query:"cursor" minimum:"0"`
		}) (*userListOutput, error) {
			users, err := s.services.Users.ListUsers(ctx, parasat.UserFilter{Query: in.Q, After: in.Cursor, Limit: in.Limit})
			if err != nil {
				return nil, s.apiError(err)
			}
			out := &userListOutput{}
			out.Body.Items = users
			if len(users) == in.Limit {
				out.Body.NextCursor = strconv.FormatInt(users[len(users)-1].ID, 10)
			}
			return out, nil
		})

	huma.Register(api, operation("get-user", http.MethodGet, "/users/{id}", parasat.ManageUsers,
		"Read one account", "Users"),
		func(ctx context.Context, in *UserPath) (*userOutput, error) {
			u, err := s.services.Users.User(ctx, in.ID)
			if err != nil {
				return nil, s.apiError(err)
			}
			return &userOutput{Body: u}, nil
		})

	huma.Register(api, operation("invite-user", http.MethodPost, "/users", parasat.ManageUsers,
		"Invite a person: creates the account and a one-time link to set a password", "Users"),
		func(ctx context.Context, in *struct{ Body InviteBody }) (*invitedOutput, error) {
			u := &parasat.User{Email: in.Body.Email, Name: in.Body.Name, Language: in.Body.Language}
			for _, g := range in.Body.Grants {
				u.Grants = append(u.Grants, g.grant(0))
			}
			secret, err := s.services.Accounts.Invite(ctx, u)
			if err != nil {
				return nil, s.apiError(err)
			}
			out := &invitedOutput{Location: APIPrefix + "/users/" + strconv.FormatInt(u.ID, 10)}
			out.Body.User, out.Body.Link = u, setPasswordLink(secret)
			return out, nil
		})

	huma.Register(api, operation("grant-role", http.MethodPost, "/users/{id}/grants", parasat.ManageUsers,
		"Give an account a role", "Users"),
		func(ctx context.Context, in *struct {
			UserPath
			Body GrantBody
		}) (*grantOutput, error) {
			g := in.Body.grant(in.ID)
			if err := s.services.Users.GrantRole(ctx, &g); err != nil {
				return nil, s.apiError(err)
			}
			return &grantOutput{Body: &g}, nil
		})

	huma.Register(api, operation("revoke-role", http.MethodDelete, "/users/{id}/grants/{grant}", parasat.ManageUsers,
		"Take a role away from an account", "Users"),
		func(ctx context.Context, in *struct {
			UserPath
			Grant int64 `path:"grant" minimum:"1"`
		}) (*struct{}, error) {
			return nil, s.apiErrorOrNil(s.services.Users.RevokeRole(ctx, in.ID, in.Grant))
		})

	for _, active := range []bool{false, true} {
		id, path, summary := "deactivate-user", "/users/{id}/deactivate", "Deactivate an account: it can no longer sign in, its sessions end and its tokens stop working"
		if active {
			id, path, summary = "reactivate-user", "/users/{id}/reactivate", "Reactivate a deactivated account"
		}
		op := operation(id, http.MethodPost, path, parasat.ManageUsers, summary, "Users")
		op.DefaultStatus = http.StatusNoContent
		huma.Register(api, op, func(ctx context.Context, in *UserPath) (*struct{}, error) {
			if !active && in.ID == currentUser(ctx).ID {
				return nil, huma.Error422UnprocessableEntity("you cannot deactivate your own account")
			}
			return nil, s.apiErrorOrNil(s.services.Users.SetActive(ctx, in.ID, active))
		})
	}

	resetOp := operation("create-reset-link", http.MethodPost, "/users/{id}/reset-link", parasat.ManageUsers,
		"Create a one-time set-password link for an account, to hand over while mail is not configured", "Users")
	huma.Register(api, resetOp, func(ctx context.Context, in *UserPath) (*linkOutput, error) {
		secret, err := s.services.Accounts.ResetLink(ctx, in.ID)
		if err != nil {
			return nil, s.apiError(err)
		}
		out := &linkOutput{}
		out.Body.Link = setPasswordLink(secret)
		s.logger.Info("password reset link created", "user_id", in.ID, "link", out.Body.Link)
		return out, nil
	})

	signOutOp := operation("sign-out-user", http.MethodPost, "/users/{id}/sign-out", parasat.ManageUsers,
		"End every session of an account", "Users")
	signOutOp.DefaultStatus = http.StatusNoContent
	huma.Register(api, signOutOp, func(ctx context.Context, in *UserPath) (*struct{}, error) {
		_, err := s.services.Accounts.SignOutEverywhere(ctx, in.ID, "")
		return nil, s.apiErrorOrNil(err)
	})
}

func (s *Server) apiErrorOrNil(err error) error {
	if err == nil {
		return nil
	}
	return s.apiError(err)
}
