package http

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"strings"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"

	"github.com/parasat-kz/parasat"
)

// APIPrefix is where the JSON API lives.
const APIPrefix = "/api/v1"

// bearerAuth is the name of the security scheme of operations that change data.
const bearerAuth = "bearer"

var writeSecurity = []map[string][]string{{bearerAuth: {}}}

// mountAPI registers the JSON API. Its OpenAPI 3.1 document is generated from
// the Go types of the operations and served at /api/v1/openapi.json.
func (s *Server) mountAPI(mux *http.ServeMux) {
	config := huma.DefaultConfig("Parasat API", s.Version)
	config.Info.Description = "Coordination of charity by the Houses of Friendship of Kazakhstan. " +
		"Reads are open; changes need an API token (`parasat token create`) sent as `Authorization: Bearer`. " +
		"Errors are RFC 9457 problem details."
	config.DocsPath = "" // the bundled docs page loads scripts from a CDN; the document itself is enough
	config.CreateHooks = nil
	config.Components.SecuritySchemes = map[string]*huma.SecurityScheme{
		bearerAuth: {Type: "http", Scheme: "bearer", Description: "An API token from `parasat token create`."},
	}
	// A Date travels as "YYYY-MM-DD".
	config.Components.Schemas.RegisterTypeAlias(reflect.TypeFor[parasat.Date](), reflect.TypeFor[string]())
	api := humago.NewWithPrefix(mux, APIPrefix, config)
	api.UseMiddleware(s.authenticate(api))
	s.registerRegionRoutes(api)
	s.registerOrganisationRoutes(api)
}

type userKey struct{}

// authenticate attaches the actor (user and address) to every request and
// refuses operations that declare the bearer scheme without a valid token.
func (s *Server) authenticate(api huma.API) func(huma.Context, func(huma.Context)) {
	return func(ctx huma.Context, next func(huma.Context)) {
		actor := parasat.Actor{Address: ctx.RemoteAddr()}
		needsToken := len(ctx.Operation().Security) > 0
		header := ctx.Header("Authorization")
		if header == "" && !needsToken {
			next(huma.WithContext(ctx, parasat.WithActor(ctx.Context(), actor)))
			return
		}
		secret, ok := strings.CutPrefix(header, "Bearer ")
		if !ok || secret == "" {
			ctx.SetHeader("WWW-Authenticate", `Bearer realm="parasat"`)
			_ = huma.WriteErr(api, ctx, http.StatusUnauthorized, "this operation needs an API token: send Authorization: Bearer <token>")
			return
		}
		user, err := s.services.Users.Authenticate(ctx.Context(), secret)
		if err != nil {
			ctx.SetHeader("WWW-Authenticate", `Bearer realm="parasat", error="invalid_token"`)
			_ = writeDomainError(api, ctx, s, err)
			return
		}
		if needsToken && user.Role != parasat.RoleAdmin {
			_ = huma.WriteErr(api, ctx, http.StatusForbidden, "your role may not make this change")
			return
		}
		actor.UserID = user.ID
		c := context.WithValue(parasat.WithActor(ctx.Context(), actor), userKey{}, user)
		next(huma.WithContext(ctx, c))
	}
}

func writeDomainError(api huma.API, ctx huma.Context, s *Server, err error) error {
	var se huma.StatusError
	errors.As(s.apiError(err), &se)
	return huma.WriteErr(api, ctx, se.GetStatus(), se.Error(), unwrapDetails(se)...)
}

func unwrapDetails(se huma.StatusError) []error {
	m, ok := se.(*huma.ErrorModel)
	if !ok {
		return nil
	}
	out := make([]error, len(m.Errors))
	for i, d := range m.Errors {
		out[i] = d
	}
	return out
}

// apiError maps a domain error to a problem-details error. Bad input is a
// 4xx naming the field; only a failure of Parasat itself is a 500, and its
// cause goes to the log, not to the client.
func (s *Server) apiError(err error) error {
	var e *parasat.Error
	if !errors.As(err, &e) {
		s.logger.Error("internal error", "err", err)
		return huma.Error500InternalServerError("internal error; it has been logged")
	}
	details := make([]error, 0, len(e.Fields))
	for _, f := range e.Fields {
		details = append(details, &huma.ErrorDetail{Location: "body." + f.Field, Message: f.Message, Value: f.Code})
	}
	switch e.Code {
	case parasat.EInvalid:
		return huma.Error422UnprocessableEntity("the input breaks a rule; see errors", details...)
	case parasat.ENotFound:
		return huma.Error404NotFound(e.Message)
	case parasat.EConflict:
		return huma.Error409Conflict(e.Message, details...)
	case parasat.EUnauthorized:
		return huma.Error401Unauthorized(e.Message)
	case parasat.EForbidden:
		return huma.Error403Forbidden(e.Message)
	}
	s.logger.Error("internal error", "err", err)
	return huma.Error500InternalServerError("internal error; it has been logged")
}
