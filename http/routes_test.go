package http

import (
	"context"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/danielgtaylor/huma/v2"

	"github.com/parasat-kz/parasat"
)

// The route × role test: every API operation and every page, called by every
// role, must be allowed or refused exactly as this table says. A route
// missing from the table fails the test, so no route can ship without a rule.

type role string

const (
	anonymous   role = "anonymous"
	admin       role = "admin"
	coordinator role = "coordinator" // of KZ-71
	manager     role = "manager"     // of the fixture organisation
	volunteer   role = "volunteer"
	patron      role = "patron"
)

var allRoles = []role{anonymous, admin, coordinator, manager, volunteer, patron}

var (
	everyone  = allRoles
	signedIn  = []role{admin, coordinator, manager, volunteer, patron}
	adminOnly = []role{admin}
)

// allowed lists, for each route, the roles that get past authorization.
var allowed = map[string][]role{
	"GET /api/v1/regions":                      everyone,
	"GET /api/v1/regions/{code}":               everyone,
	"POST /api/v1/regions":                     adminOnly,
	"PUT /api/v1/regions/{code}":               adminOnly,
	"GET /api/v1/organisations":                everyone,
	"GET /api/v1/organisations/{id}":           everyone,
	"POST /api/v1/organisations":               {admin, coordinator},
	"PUT /api/v1/organisations/{id}":           {admin, coordinator, manager},
	"GET /api/v1/me":                           signedIn,
	"GET /api/v1/me/tokens":                    signedIn,
	"POST /api/v1/me/tokens":                   signedIn,
	"DELETE /api/v1/me/tokens/{id}":            signedIn,
	"GET /api/v1/users":                        adminOnly,
	"GET /api/v1/users/{id}":                   adminOnly,
	"POST /api/v1/users":                       adminOnly,
	"POST /api/v1/users/{id}/grants":           adminOnly,
	"DELETE /api/v1/users/{id}/grants/{grant}": adminOnly,
	"POST /api/v1/users/{id}/deactivate":       adminOnly,
	"POST /api/v1/users/{id}/reactivate":       adminOnly,
	"POST /api/v1/users/{id}/reset-link":       adminOnly,
	"POST /api/v1/users/{id}/sign-out":         adminOnly,
	"GET /api/v1/audit":                        {admin, coordinator},
	"GET /{$}":                                 everyone,
	"GET /regions":                             everyone,
	"GET /signin":                              everyone,
	"POST /signin":                             everyone,
	"POST /signout":                            everyone,
	"POST /language":                           everyone,
	"GET /password/forgot":                     everyone,
	"POST /password/forgot":                    everyone,
	"GET /password/set":                        everyone,
	"POST /password/set":                       everyone,
	"GET /account":                             signedIn,
	"GET /account/password":                    signedIn,
	"POST /account/password":                   signedIn,
	"POST /account/tokens":                     signedIn,
	"POST /account/tokens/{id}/revoke":         signedIn,
	"POST /account/sign-out-elsewhere":         signedIn,
	"GET /audit":                               {admin, coordinator},
	"GET /organisations":                       everyone,
	"GET /organisations.csv":                   everyone,
	"GET /organisations/new":                   {admin, coordinator},
	"POST /organisations":                      {admin, coordinator},
	"GET /organisations/{id}":                  everyone,
	"GET /organisations/{id}/edit":             {admin, coordinator, manager},
	"POST /organisations/{id}":                 {admin, coordinator, manager},
	"GET /users":                               adminOnly,
	"GET /users/new":                           adminOnly,
	"POST /users":                              adminOnly,
	"GET /users/{id}":                          adminOnly,
	"POST /users/{id}/grants":                  adminOnly,
	"POST /users/{id}/grants/{grant}/revoke":   adminOnly,
	"POST /users/{id}/deactivate":              adminOnly,
	"POST /users/{id}/reactivate":              adminOnly,
	"POST /users/{id}/sign-out":                adminOnly,
	"POST /users/{id}/reset-link":              adminOnly,
}

// roleFixture is one account per role, with an API token each.
type roleFixture struct {
	subject *parasat.User // the account the /users/{id} routes act on
	tokens  map[role]string
	org     parasat.Organisation // in KZ-71, managed by the manager
	other   parasat.Organisation // in KZ-75: nobody but the admin may change it
	users   map[role]*parasat.User
}

func newRoleFixture(t *testing.T, e *env) *roleFixture {
	t.Helper()
	ctx := context.Background()
	f := &roleFixture{tokens: map[role]string{admin: e.token}, users: map[role]*parasat.User{admin: e.admin}}
	f.org = e.createOrg(orgBody("Астана Аналар кеңесі", "Astana Council of Mothers", "KZ-71"))
	f.other = e.createOrg(orgBody("Алматы жастар қанаты", "Almaty youth wing", "KZ-75"))
	grants := map[role]parasat.Grant{
		coordinator: {Role: parasat.RoleCoordinator, Region: "KZ-71"},
		manager:     {Role: parasat.RoleManager, OrganisationID: &f.org.ID},
		volunteer:   {Role: parasat.RoleVolunteer},
		patron:      {Role: parasat.RolePatron},
	}
	for r, g := range grants {
		u := &parasat.User{Email: string(r) + "@example.kz", Name: string(r), Grants: []parasat.Grant{g}}
		if err := e.db.CreateUser(ctx, u, ""); err != nil {
			t.Fatal(err)
		}
		secret, err := e.db.CreateToken(ctx, &parasat.APIToken{UserID: u.ID, Name: "route test"})
		if err != nil {
			t.Fatal(err)
		}
		f.tokens[r], f.users[r] = secret, u
	}
	f.subject = &parasat.User{Email: "subject@example.kz", Name: "Subject", Grants: []parasat.Grant{{Role: parasat.RoleVolunteer}}}
	if err := e.db.CreateUser(ctx, f.subject, ""); err != nil {
		t.Fatal(err)
	}
	return f
}

// routes lists every API operation and page the server has.
func (e *env) routes() []string {
	var out []string
	for path, item := range e.server.api.OpenAPI().Paths {
		for method, op := range map[string]*huma.Operation{"GET": item.Get, "POST": item.Post, "PUT": item.Put, "DELETE": item.Delete, "PATCH": item.Patch} {
			if op != nil {
				out = append(out, method+" "+APIPrefix+path)
			}
		}
	}
	for _, p := range e.server.pageRoutes {
		out = append(out, p.Pattern)
	}
	sort.Strings(out)
	return out
}

// concrete fills a route's path parameters with records of the fixture.
func (f *roleFixture) concrete(route string) (method, path string) {
	method, path, _ = strings.Cut(route, " ")
	id := strconv.FormatInt(f.org.ID, 10)
	switch {
	case strings.Contains(path, "/users/"):
		id = strconv.FormatInt(f.subject.ID, 10)
	case strings.Contains(path, "/tokens/"):
		id = "999999" // no such token: nobody's token is revoked by the walk
	}
	path = strings.NewReplacer("{id}", id, "{code}", "KZ-71", "{grant}", "1", "{doc}", "1", "{$}", "").Replace(path)
	return method, path
}

func TestEveryRouteHasARuleAndEveryRoleIsTreatedByIt(t *testing.T) {
	e := newEnv(t, "sqlite", nil)
	f := newRoleFixture(t, e)
	noRedirects := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	e.client = noRedirects
	seen := map[string]bool{}
	for _, route := range e.routes() {
		seen[route] = true
		roles, ok := allowed[route]
		if !ok {
			t.Errorf("%s has no entry in the route × role table: add one (and a policy action)", route)
			continue
		}
		for _, r := range allRoles {
			method, path := f.concrete(route)
			auth := ""
			if r != anonymous {
				auth = "Bearer " + f.tokens[r]
			}
			var body any
			if method != http.MethodGet && strings.HasPrefix(path, APIPrefix) {
				body = "{}"
			} else if method == http.MethodPost {
				// A region the coordinator holds, so that only the route
				// rule (not the record's scope) decides.
				body = url.Values{"region": {"KZ-71"}, "organisations": {strconv.FormatInt(f.org.ID, 10)}}.Encode()
			}
			resp := e.doForm(method, path, auth, body)
			if resp.status >= 500 {
				t.Errorf("%s as %s: status %d; no request may fail on the server's side", route, r, resp.status)
			}
			refused := isRefusal(path, resp)
			want := contains(roles, r)
			if refused == want {
				t.Errorf("%s as %s: status %d (Location %q); want allowed=%v", route, r, resp.status, resp.header.Get("Location"), want)
			}
		}
	}
	for route := range allowed {
		if !seen[route] {
			t.Errorf("the table lists %s, which the server does not have", route)
		}
	}
}

// isRefusal tells a refusal by authorization from any other answer: the API
// says 401 or 403; a page sends an anonymous visitor to sign in or shows 403
// (a page's 401 is a wrong password on the sign-in form, not a refusal).
func isRefusal(path string, r *response) bool {
	if strings.HasPrefix(path, APIPrefix) {
		return r.status == http.StatusUnauthorized || r.status == http.StatusForbidden
	}
	return r.status == http.StatusForbidden || r.status == http.StatusSeeOther &&
		strings.HasPrefix(r.header.Get("Location"), "/signin?next=")
}

// doForm sends JSON to the API and a form to pages.
func (e *env) doForm(method, path, authorization string, body any) *response {
	e.t.Helper()
	if strings.HasPrefix(path, APIPrefix) || body == nil {
		return e.do(method, path, authorization, body)
	}
	req, err := http.NewRequest(method, e.srv.URL+path, strings.NewReader(body.(string)))
	if err != nil {
		e.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if authorization != "" {
		req.Header.Set("Authorization", authorization)
	}
	resp, err := e.client.Do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	return &response{status: resp.StatusCode, header: resp.Header}
}

func contains(roles []role, r role) bool {
	for _, x := range roles {
		if x == r {
			return true
		}
	}
	return false
}
