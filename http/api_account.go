package http

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/parasat-kz/parasat"
)

type userOutput struct {
	Body *parasat.User
}

type tokenListOutput struct {
	Body struct {
		Items []parasat.APIToken `json:"items"`
	}
}

// NewTokenBody names a token and optionally limits its life.
type NewTokenBody struct {
	Name      string     `json:"name" maxLength:"200" doc:"What the token is for"`
	ExpiresAt *time.Time `json:"expires_at,omitempty" doc:"When the token stops working; absent for never"`
}

type createdTokenOutput struct {
	Body struct {
		Token  parasat.APIToken `json:"token"`
		Secret string           `json:"secret" doc:"The token to send as Authorization: Bearer; shown only now"`
	}
}

// TokenPath names one of the caller's tokens.
type TokenPath struct {
	ID int64 `path:"id" minimum:"1"`
}

func (s *Server) registerAccountRoutes(api huma.API) {
	huma.Register(api, operation("get-me", http.MethodGet, "/me", parasat.UseOwnAccount,
		"The account making the request, with its roles", "Account"),
		func(ctx context.Context, _ *struct{}) (*userOutput, error) {
			return &userOutput{Body: currentUser(ctx)}, nil
		})

	huma.Register(api, operation("list-my-tokens", http.MethodGet, "/me/tokens", parasat.UseOwnAccount,
		"The caller's API tokens (never their secrets)", "Account"),
		func(ctx context.Context, _ *struct{}) (*tokenListOutput, error) {
			tokens, err := s.services.Users.ListTokens(ctx, currentUser(ctx).ID)
			if err != nil {
				return nil, s.apiError(err)
			}
			out := &tokenListOutput{}
			out.Body.Items = tokens
			return out, nil
		})

	huma.Register(api, operation("create-my-token", http.MethodPost, "/me/tokens", parasat.UseOwnAccount,
		"Create an API token for the caller; the secret is shown once", "Account"),
		func(ctx context.Context, in *struct{ Body NewTokenBody }) (*createdTokenOutput, error) {
			t := parasat.APIToken{UserID: currentUser(ctx).ID, Name: in.Body.Name, ExpiresAt: in.Body.ExpiresAt}
			secret, err := s.services.Users.CreateToken(ctx, &t)
			if err != nil {
				return nil, s.apiError(err)
			}
			out := &createdTokenOutput{}
			out.Body.Token, out.Body.Secret = t, secret
			return out, nil
		})

	huma.Register(api, operation("revoke-my-token", http.MethodDelete, "/me/tokens/{id}", parasat.UseOwnAccount,
		"Revoke one of the caller's API tokens at once", "Account"),
		func(ctx context.Context, in *TokenPath) (*struct{}, error) {
			if err := s.services.Users.RevokeToken(ctx, currentUser(ctx).ID, in.ID); err != nil {
				return nil, s.apiError(err)
			}
			return nil, nil
		})
}
