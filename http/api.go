package http

import (
	"context"
	"errors"
	"net/http"
	"reflect"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"

	"github.com/parasat-kz/parasat"
)

// APIPrefix is where the JSON API lives.
const APIPrefix = "/api/v1"

// bearerAuth is the name of the security scheme of operations that change data.
const bearerAuth = "bearer"

var tokenSecurity = []map[string][]string{{bearerAuth: {}}}

// mountAPI registers the JSON API. Its OpenAPI 3.1 document is generated from
// the Go types of the operations and served at /api/v1/openapi.json.
func (s *Server) mountAPI(mux *http.ServeMux) {
	config := huma.DefaultConfig("Parasat API", s.Version)
	config.Info.Description = "Coordination of charity by the Houses of Friendship of Kazakhstan. " +
		"Published data can be read by anyone; everything else needs an API token (`parasat token create` or the account page) " +
		"sent as `Authorization: Bearer`, and acts with that account's roles. " +
		"Errors are RFC 9457 problem details."
	config.DocsPath = "" // the bundled docs page loads scripts from a CDN; the document itself is enough
	config.CreateHooks = nil
	config.Components.SecuritySchemes = map[string]*huma.SecurityScheme{
		bearerAuth: {Type: "http", Scheme: "bearer", Description: "An API token from `parasat token create`."},
	}
	// A Date travels as "YYYY-MM-DD".
	config.Components.Schemas.RegisterTypeAlias(reflect.TypeFor[parasat.Date](), reflect.TypeFor[string]())
	api := humago.NewWithPrefix(mux, APIPrefix, config)
	api.UseMiddleware(s.authorizeAPI(api))
	s.registerRegionRoutes(api)
	s.registerOrganisationRoutes(api)
	s.registerAccountRoutes(api)
	s.registerUserRoutes(api)
	s.registerAuditRoutes(api)
	s.registerBeneficiaryRoutes(api)
	s.registerHouseholdRoutes(api)
	s.registerPeopleRoutes(api)
	s.registerDocumentRoutes(api)
	s.registerEventRoutes(api)
	s.registerAidRoutes(api)
	s.registerShiftRoutes(api)
	s.registerMoneyRoutes(api)
	s.registerReportRoutes(api)
	s.api = api
}

const actionKey = "parasat.action"

// operation describes an API route together with the action it performs:
// the authorize middleware looks the action up in the one policy table.
func operation(id, method, path string, action parasat.Action, summary string, tags ...string) huma.Operation {
	op := huma.Operation{
		OperationID: id, Method: method, Path: path, Summary: summary, Tags: tags,
		Metadata: map[string]any{actionKey: action},
	}
	if !parasat.CanSome(nil, action) {
		op.Security = tokenSecurity
	}
	if method == http.MethodPost {
		op.DefaultStatus = http.StatusCreated
	}
	return op
}

// authorize lets a request reach its operation only when the policy allows
// the operation's action to the caller for at least some record; handlers
// then check the particular record with s.authorize. An operation without a
// known action is refused to everyone (and fails the route test).
func (s *Server) authorizeAPI(api huma.API) func(huma.Context, func(huma.Context)) {
	return func(ctx huma.Context, next func(huma.Context)) {
		action, _ := ctx.Operation().Metadata[actionKey].(parasat.Action)
		id := identityFrom(ctx.Context())
		switch {
		case !parasat.KnownAction(action):
			s.logger.Error("API operation without a policy action", "operation", ctx.Operation().OperationID)
			_ = huma.WriteErr(api, ctx, http.StatusForbidden, "this operation has no access rule")
		case id.tokenRejected:
			ctx.SetHeader("WWW-Authenticate", `Bearer realm="parasat", error="invalid_token"`)
			_ = huma.WriteErr(api, ctx, http.StatusUnauthorized, "the API token is unknown, revoked or expired")
		case parasat.CanSome(id.user, action):
			next(ctx)
		case id.user == nil:
			ctx.SetHeader("WWW-Authenticate", `Bearer realm="parasat"`)
			_ = huma.WriteErr(api, ctx, http.StatusUnauthorized, "this operation needs an API token: send Authorization: Bearer <token>")
		default:
			_ = huma.WriteErr(api, ctx, http.StatusForbidden, "your role does not allow this")
		}
	}
}

// authorize checks the policy for one record; the error is a 403 problem.
func (s *Server) authorize(ctx context.Context, action parasat.Action, r parasat.Resource) error {
	if parasat.Can(currentUser(ctx), action, r) {
		return nil
	}
	return huma.Error403Forbidden("your role does not allow this for this record")
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
