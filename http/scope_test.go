package http

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/parasat-kz/parasat"
)

// Object-level rules: the same route allowed to a role is refused for a
// record outside the role's region or organisation.

func TestScopedRolesChangeOnlyTheirOwnRecords(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		f := newRoleFixture(t, e)
		as := func(r role) string { return "Bearer " + f.tokens[r] }
		put := func(r role, o parasat.Organisation, region string) *response {
			body := orgBody(o.Name.KK, o.Name.EN+" (edited)", region)
			return e.do(http.MethodPut, "/api/v1/organisations/"+strconv.FormatInt(o.ID, 10), as(r), body)
		}
		expect(t, put(coordinator, f.org, "KZ-71"), http.StatusOK)
		expect(t, put(manager, f.org, "KZ-71"), http.StatusOK)
		expect(t, put(coordinator, f.other, "KZ-75"), http.StatusForbidden)
		expect(t, put(manager, f.other, "KZ-75"), http.StatusForbidden)
		expect(t, put(coordinator, f.org, "KZ-75"), http.StatusForbidden) // moving it out of their region
		expect(t, put(volunteer, f.org, "KZ-71"), http.StatusForbidden)
		expect(t, put(admin, f.other, "KZ-75"), http.StatusOK)

		create := func(r role, region string) *response {
			return e.do(http.MethodPost, "/api/v1/organisations", as(r), orgBody("Жаңа", "New", region))
		}
		expect(t, create(coordinator, "KZ-71"), http.StatusCreated)
		expect(t, create(coordinator, "KZ-75"), http.StatusForbidden)
		expect(t, create(manager, "KZ-71"), http.StatusForbidden)
		expect(t, create(patron, "KZ-71"), http.StatusForbidden)

		// Nothing refused was written.
		got, err := e.db.Organisation(t.Context(), f.other.ID)
		if err != nil || got.Name.EN != "Almaty youth wing (edited)" {
			t.Errorf("the other organisation after refused edits: %+v %v", got, err)
		}
		if n := e.countOrgs(); n != 3 {
			t.Errorf("%d organisations; want 3 (two fixtures and one created by the coordinator)", n)
		}
	})
}

func TestAuditIsScopedToTheCoordinatorsRegion(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		f := newRoleFixture(t, e)
		list := func(r role, query string) []parasat.AuditEntry {
			resp := e.do(http.MethodGet, "/api/v1/audit?limit=500"+query, "Bearer "+f.tokens[r], nil)
			expect(t, resp, http.StatusOK)
			return decode[struct{ Items []parasat.AuditEntry }](t, resp).Items
		}
		all := list(admin, "")
		regions := map[string]bool{}
		for _, a := range all {
			regions[a.Region] = true
		}
		if !regions["KZ-71"] || !regions["KZ-75"] || !regions[""] {
			t.Fatalf("the admin should see entries of KZ-71, KZ-75 and accounts; saw regions %v", regions)
		}
		mine := list(coordinator, "")
		if len(mine) == 0 {
			t.Fatal("the coordinator sees no entry of their region")
		}
		for _, a := range mine {
			if a.Region != "KZ-71" {
				t.Errorf("the KZ-71 coordinator sees entry %d of %q (%s %s)", a.ID, a.Region, a.Entity, a.EntityID)
			}
		}
		id := strconv.FormatInt(f.org.ID, 10)
		history := list(admin, "&entity=organisation&entity_id="+id)
		if len(history) != 1 || history[0].Action != "create" || history[0].EntityID != id {
			t.Errorf("history of organisation %s = %+v", id, history)
		}
		expect(t, e.do(http.MethodGet, "/api/v1/audit", "Bearer "+f.tokens[volunteer], nil), http.StatusForbidden)
		expectProblem(t, e.do(http.MethodGet, "/api/v1/audit?from=yesterday", e.bearer(), nil), http.StatusUnprocessableEntity, "query.from")
	})
}

func TestDeactivatedAccountsTokenStopsWorking(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		f := newRoleFixture(t, e)
		me := e.do(http.MethodGet, "/api/v1/me", "Bearer "+f.tokens[coordinator], nil)
		expect(t, me, http.StatusOK)
		if u := decode[parasat.User](t, me); len(u.Grants) != 1 || u.Grants[0].Region != "KZ-71" {
			t.Errorf("/me = %+v", u)
		}
		path := "/api/v1/users/" + strconv.FormatInt(f.users[coordinator].ID, 10)
		expect(t, e.do(http.MethodPost, path+"/deactivate", e.bearer(), nil), http.StatusNoContent)
		expect(t, e.do(http.MethodGet, "/api/v1/me", "Bearer "+f.tokens[coordinator], nil), http.StatusUnauthorized)
		expect(t, e.do(http.MethodPost, path+"/reactivate", e.bearer(), nil), http.StatusNoContent)
		expect(t, e.do(http.MethodGet, "/api/v1/me", "Bearer "+f.tokens[coordinator], nil), http.StatusOK)
		self := "/api/v1/users/" + strconv.FormatInt(e.admin.ID, 10) + "/deactivate"
		expect(t, e.do(http.MethodPost, self, e.bearer(), nil), http.StatusUnprocessableEntity)
	})
}

func TestTokensAreShownOnceAndRevocable(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		f := newRoleFixture(t, e)
		vol := "Bearer " + f.tokens[volunteer]
		created := e.do(http.MethodPost, "/api/v1/me/tokens", vol, map[string]any{"name": "phone"})
		expect(t, created, http.StatusCreated)
		body := decode[struct {
			Token  parasat.APIToken
			Secret string
		}](t, created)
		if !strings.HasPrefix(body.Secret, "pst_") {
			t.Fatalf("secret %q", body.Secret)
		}
		expect(t, e.do(http.MethodGet, "/api/v1/me", "Bearer "+body.Secret, nil), http.StatusOK)
		listed := e.do(http.MethodGet, "/api/v1/me/tokens", vol, nil)
		if strings.Contains(string(listed.body), body.Secret) {
			t.Error("the token list shows a secret")
		}
		// Another account cannot revoke it.
		revoke := "/api/v1/me/tokens/" + strconv.FormatInt(body.Token.ID, 10)
		expect(t, e.do(http.MethodDelete, revoke, "Bearer "+f.tokens[patron], nil), http.StatusNotFound)
		expect(t, e.do(http.MethodDelete, revoke, vol, nil), http.StatusNoContent)
		r := e.do(http.MethodGet, "/api/v1/me", "Bearer "+body.Secret, nil)
		expect(t, r, http.StatusUnauthorized)
		if !strings.Contains(r.header.Get("WWW-Authenticate"), "invalid_token") {
			t.Errorf("WWW-Authenticate = %q", r.header.Get("WWW-Authenticate"))
		}
	})
}

func TestCrossSiteFormPostsAreRefused(t *testing.T) {
	e := newEnv(t, "sqlite", nil)
	req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/api/v1/organisations", strings.NewReader(`{}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", e.bearer())
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	req.Header.Set("Origin", "https://evil.example")
	resp, err := e.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site POST answered %d; want 403", resp.StatusCode)
	}
	if n := e.countOrgs(); n != 0 {
		t.Errorf("a cross-site POST wrote %d organisations", n)
	}
}
