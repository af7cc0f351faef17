package http

import (
	"context"
	"database/sql"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/parasat-kz/parasat"
)

func TestRegions(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		r := e.get("/api/v1/regions")
		expect(t, r, http.StatusOK)
		if ct := r.header.Get("Content-Type"); ct != "application/json" {
			t.Errorf("Content-Type %q, want application/json", ct)
		}
		list := decode[struct{ Items []parasat.Region }](t, r)
		if len(list.Items) != 20 {
			t.Fatalf("%d regions, want 20 (17 regions and 3 cities)", len(list.Items))
		}
		cities := 0
		for _, reg := range list.Items {
			if reg.Name.KK == "" || reg.Name.RU == "" || reg.Name.EN == "" {
				t.Errorf("region %s lacks a name in some language: %+v", reg.Code, reg.Name)
			}
			if reg.Kind == parasat.RegionKindCity {
				cities++
			}
		}
		if cities != 3 {
			t.Errorf("%d cities of republican significance, want 3", cities)
		}

		r = e.get("/api/v1/regions/KZ-71")
		expect(t, r, http.StatusOK)
		astana := decode[parasat.Region](t, r)
		if astana.Code != "KZ-71" || astana.Kind != parasat.RegionKindCity || astana.Name.EN != "Astana" {
			t.Errorf("KZ-71 = %+v, want the city of Astana", astana)
		}

		p := expectProblem(t, e.get("/api/v1/regions/KZ-99"), http.StatusNotFound, "")
		if !strings.Contains(p.Detail, "KZ-99") {
			t.Errorf("404 detail %q does not name the code", p.Detail)
		}
	})
}

func TestOrganisationWritesNeedAToken(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		body := orgBody("Қазақ мәдени орталығы", "Kazakh Cultural Centre", "KZ-71")
		for _, c := range []struct{ name, authorization, challenge string }{
			{"no token", "", `Bearer realm="parasat"`},
			{"another scheme", "Basic YWRtaW46c2VjcmV0", `Bearer realm="parasat"`},
			{"empty bearer", "Bearer ", `Bearer realm="parasat"`},
			{"garbage token", "Bearer pst_not-a-real-token", `Bearer realm="parasat", error="invalid_token"`},
		} {
			r := e.do(http.MethodPost, "/api/v1/organisations", c.authorization, body)
			expectProblem(t, r, http.StatusUnauthorized, "")
			if got := r.header.Get("WWW-Authenticate"); got != c.challenge {
				t.Errorf("%s: WWW-Authenticate %q, want %q", c.name, got, c.challenge)
			}
		}
		if n := e.countOrgs(); n != 0 {
			t.Errorf("%d organisations after refused writes, want 0", n)
		}
		// Reads need no token.
		expect(t, e.get("/api/v1/organisations"), http.StatusOK)
	})
}

func TestOrganisationCreateReadUpdate(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		body := orgBody(" Қазақ мәдени орталығы ", "Kazakh Cultural Centre", "kz-71")
		body["bin"] = bin(1)
		body["contacts"] = map[string]string{"phone": "+7 7172 00 00 00", "email": "info@example.kz"}
		r := e.do(http.MethodPost, "/api/v1/organisations", e.bearer(), body)
		expect(t, r, http.StatusCreated)
		created := decode[parasat.Organisation](t, r)
		if created.ID <= 0 {
			t.Fatalf("created organisation has id %d", created.ID)
		}
		loc := r.header.Get("Location")
		if want := "/api/v1/organisations/" + strconv.FormatInt(created.ID, 10); loc != want {
			t.Fatalf("Location %q, want %q", loc, want)
		}
		if created.Name.KK != "Қазақ мәдени орталығы" || created.Region != "KZ-71" || created.BIN != bin(1) ||
			created.Contacts.Email != "info@example.kz" || created.Created.IsZero() {
			t.Errorf("created = %+v; want trimmed name, upper-case region, the BIN, contacts and times", created)
		}

		r = e.get(loc)
		expect(t, r, http.StatusOK)
		if diff := sameOrganisation(decode[parasat.Organisation](t, r), created); diff != "" {
			t.Errorf("GET Location differs from the created organisation: %s", diff)
		}

		body["name"] = map[string]string{"kk": "Қазақ мәдени орталығы", "ru": "Казахский культурный центр"}
		body["region"] = "KZ-75"
		body["type"] = "charitable_foundation"
		r = e.do(http.MethodPut, loc, e.bearer(), body)
		expect(t, r, http.StatusOK)
		updated := decode[parasat.Organisation](t, r)
		if updated.ID != created.ID || updated.Region != "KZ-75" || updated.Name.EN != "" ||
			updated.Type != parasat.OrgFoundation || !updated.Created.Equal(created.Created) {
			t.Errorf("PUT answered %+v", updated)
		}

		r = e.get(loc)
		expect(t, r, http.StatusOK)
		got := decode[parasat.Organisation](t, r)
		if diff := sameOrganisation(got, updated); diff != "" {
			t.Errorf("GET after PUT differs from the PUT answer: %s", diff)
		}
		if got.Name.RU != "Казахский культурный центр" || got.Region != "KZ-75" {
			t.Errorf("GET after PUT = %+v; the change is missing", got)
		}
	})
}

func TestOrganisationBadInput(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		first := orgBody("Бірінші", "First", "KZ-71")
		first["bin"] = bin(2)
		existing := e.createOrg(first)
		path := "/api/v1/organisations/" + strconv.FormatInt(existing.ID, 10)
		before := e.countOrgs()

		with := func(key string, value any) map[string]any {
			b := orgBody("Екінші", "Second", "KZ-71")
			b[key] = value
			return b
		}
		badBIN := bin(3)
		badBIN = badBIN[:11] + strconv.Itoa((int(badBIN[11]-'0')+1)%10)
		cases := []struct {
			name, method, path string
			body               any
			status             int
			location           string
		}{
			{"BIN check digit", "POST", "/api/v1/organisations", with("bin", badBIN), 422, "body.bin"},
			{"BIN check digit on update", "PUT", path, with("bin", badBIN), 422, "body.bin"},
			{"unknown type", "POST", "/api/v1/organisations", with("type", "cooperative"), 422, "body.type"},
			{"unknown region", "POST", "/api/v1/organisations", with("region", "KZ-99"), 422, "body.region"},
			{"malformed region", "POST", "/api/v1/organisations", with("region", "Astana"), 422, "body.region"},
			{"no name", "POST", "/api/v1/organisations", with("name", map[string]string{}), 422, "body.name"},
			{"bad e-mail", "POST", "/api/v1/organisations",
				with("contacts", map[string]string{"email": "not an address"}), 422, "body.contacts.email"},
			{"unknown parent", "POST", "/api/v1/organisations", with("parent_id", 999999), 422, "body.parent_id"},
			{"own parent", "PUT", path, with("parent_id", existing.ID), 422, "body.parent_id"},
			{"malformed JSON", "POST", "/api/v1/organisations", `{"name": {"kk": "Екінші"`, 400, ""},
			{"JSON of the wrong shape", "POST", "/api/v1/organisations", `[1, 2, 3]`, 422, ""},
			{"unknown id", "GET", "/api/v1/organisations/999999", nil, 404, ""},
			{"unknown id on update", "PUT", "/api/v1/organisations/999999", with("bin", bin(4)), 404, ""},
			{"non-numeric id", "GET", "/api/v1/organisations/abc", nil, 422, "path.id"},
			{"non-numeric id on update", "PUT", "/api/v1/organisations/abc", with("bin", bin(4)), 422, "path.id"},
			{"zero id", "GET", "/api/v1/organisations/0", nil, 422, "path.id"},
			{"duplicate BIN", "POST", "/api/v1/organisations", with("bin", bin(2)), 409, "body.bin"},
			{"limit too large", "GET", "/api/v1/organisations?limit=501", nil, 422, "query.limit"},
			{"negative cursor", "GET", "/api/v1/organisations?cursor=-1", nil, 422, "query.cursor"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				auth := ""
				if c.method != "GET" {
					auth = e.bearer()
				}
				e := *e
				e.t = t
				r := e.do(c.method, c.path, auth, c.body)
				if r.status >= 500 {
					t.Fatalf("bad input answered %s", r)
				}
				expectProblem(t, r, c.status, c.location)
			})
		}

		if n := e.countOrgs(); n != before {
			t.Errorf("%d organisations after refused input, want %d", n, before)
		}
		r := e.get(path)
		expect(t, r, http.StatusOK)
		if diff := sameOrganisation(decode[parasat.Organisation](t, r), existing); diff != "" {
			t.Errorf("refused updates changed the organisation: %s", diff)
		}
		if strings.Contains(e.logs.String(), "level=ERROR") {
			t.Errorf("bad input was logged as an error:\n%s", e.logs)
		}
	})
}

func TestOrganisationPagination(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		var want []int64
		for i := range 7 {
			o := e.createOrg(orgBody("Ұйым "+strconv.Itoa(i), "Organisation "+strconv.Itoa(i), "KZ-71"))
			want = append(want, o.ID)
		}
		var seen []int64
		path := "/api/v1/organisations?limit=3"
		for page := 1; ; page++ {
			if page > 4 {
				t.Fatalf("more pages than the 3 expected; seen %v", seen)
			}
			r := e.get(path)
			expect(t, r, http.StatusOK)
			list := decode[orgList](t, r)
			for _, o := range list.Items {
				seen = append(seen, o.ID)
			}
			link := r.header.Get("Link")
			if list.NextCursor == nil {
				if link != "" {
					t.Errorf("last page has a Link header %q", link)
				}
				if page != 3 || len(list.Items) != 1 {
					t.Errorf("last page is page %d with %d items, want page 3 with 1", page, len(list.Items))
				}
				break
			}
			if len(list.Items) != 3 {
				t.Fatalf("page %d has %d items, want 3", page, len(list.Items))
			}
			last := strconv.FormatInt(list.Items[2].ID, 10)
			if *list.NextCursor != last {
				t.Errorf("next_cursor %q, want the last id %s", *list.NextCursor, last)
			}
			next := "/api/v1/organisations?limit=3&cursor=" + last
			if wantLink := "<" + next + `>; rel="next"`; link != wantLink {
				t.Errorf("Link %q, want %q", link, wantLink)
			}
			path = next
		}
		if len(seen) != len(want) {
			t.Fatalf("seen %v, want %v", seen, want)
		}
		for i := range want {
			if seen[i] != want[i] {
				t.Fatalf("seen %v, want %v (each once, in id order)", seen, want)
			}
		}
	})
}

func TestOrganisationFilters(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		kazakh := e.createOrg(orgBody("Қазақ тілі қоғамы", "Kazakh Language Society", "KZ-71"))
		almaty := e.createOrg(orgBody("Ұйғыр мәдени орталығы", "Uyghur Cultural Centre", "KZ-75"))
		shymkent := e.createOrg(orgBody("Өзбек этномәдени бірлестігі", "Uzbek Association", "KZ-79"))
		parentID := kazakh.ID
		child := orgBody("Қазақ жастары", "Kazakh Youth", "KZ-71")
		child["parent_id"] = parentID
		child["type"] = "youth_wing"
		youth := e.createOrg(child)

		ids := func(query string) []int64 {
			t.Helper()
			r := e.get("/api/v1/organisations?" + query)
			expect(t, r, http.StatusOK)
			var out []int64
			for _, o := range decode[orgList](t, r).Items {
				out = append(out, o.ID)
			}
			return out
		}
		for _, c := range []struct {
			query string
			want  []int64
		}{
			{"region=KZ-71", []int64{kazakh.ID, youth.ID}},
			{"region=KZ-75", []int64{almaty.ID}},
			{"region=KZ-11", nil},
			{"q=" + url.QueryEscape("казак"), []int64{kazakh.ID, youth.ID}}, // "казак" finds "Қазақ"
			{"q=" + url.QueryEscape("КАЗАК"), []int64{kazakh.ID, youth.ID}},
			{"q=" + url.QueryEscape("өзбек"), []int64{shymkent.ID}},
			{"q=" + url.QueryEscape("озбек"), []int64{shymkent.ID}},
			{"q=uyghur", []int64{almaty.ID}},
			{"q=" + url.QueryEscape("100%"), nil},
			{"q=kazakh&region=KZ-75", nil},
			{"type=youth_wing", []int64{youth.ID}},
			{"parent=" + strconv.FormatInt(parentID, 10), []int64{youth.ID}},
		} {
			got := ids(c.query)
			if len(got) != len(c.want) {
				t.Errorf("%s: ids %v, want %v", c.query, got, c.want)
				continue
			}
			for i := range got {
				if got[i] != c.want[i] {
					t.Errorf("%s: ids %v, want %v", c.query, got, c.want)
					break
				}
			}
		}
	})
}

func TestCreateIsAuditedWithTheTokensUser(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		o := e.createOrg(orgBody("Ассамблея", "Assembly", "KZ-71"))
		raw := e.rawDB()
		var (
			actor   sql.NullInt64
			address string
			after   string
		)
		err := raw.QueryRowContext(context.Background(), `SELECT actor_user_id, actor_address, CAST(after AS TEXT)
			FROM audit_log WHERE action = 'create' AND entity = 'organisation' AND entity_id = $1`,
			strconv.FormatInt(o.ID, 10)).Scan(&actor, &address, &after)
		if err != nil {
			t.Fatalf("reading the audit row of organisation %d: %v", o.ID, err)
		}
		if !actor.Valid || actor.Int64 != e.admin.ID {
			t.Errorf("actor_user_id %v, want the token's user %d", actor, e.admin.ID)
		}
		if address != "127.0.0.1" {
			t.Errorf("actor_address %q, want the client's 127.0.0.1 address", address)
		}
		if !strings.Contains(after, "Assembly") {
			t.Errorf("audit after = %s; want the new organisation's fields", after)
		}
	})
}

func TestRegionWrites(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		abai := map[string]any{
			"code": "KZ-12", "kind": "region",
			"name":      map[string]string{"kk": "Жаңа облыс", "ru": "Новая область", "en": "New Region"},
			"centre_en": "Somewhere", "population": 1000, "since": "2030-01-01",
		}
		expectProblem(t, e.do(http.MethodPost, "/api/v1/regions", "", abai), http.StatusUnauthorized, "")
		r := e.do(http.MethodPost, "/api/v1/regions", e.bearer(), abai)
		expect(t, r, http.StatusCreated)
		if loc := r.header.Get("Location"); loc != "/api/v1/regions/KZ-12" {
			t.Errorf("Location %q, want /api/v1/regions/KZ-12", loc)
		}
		r = e.get("/api/v1/regions/KZ-12")
		expect(t, r, http.StatusOK)
		if got := decode[parasat.Region](t, r); got.Name.EN != "New Region" || got.Since == nil || got.Since.String() != "2030-01-01" {
			t.Errorf("GET of the new region = %+v", got)
		}

		delete(abai, "code")
		abai["centre_en"] = "Elsewhere"
		r = e.do(http.MethodPut, "/api/v1/regions/KZ-12", e.bearer(), abai)
		expect(t, r, http.StatusOK)
		r = e.get("/api/v1/regions/KZ-12")
		expect(t, r, http.StatusOK)
		if got := decode[parasat.Region](t, r); got.Code != "KZ-12" || got.CentreEN != "Elsewhere" {
			t.Errorf("GET after PUT = %+v; want centre Elsewhere", got)
		}
		expectProblem(t, e.do(http.MethodPut, "/api/v1/regions/KZ-98", e.bearer(), abai), http.StatusNotFound, "")
		expectProblem(t, e.do(http.MethodPost, "/api/v1/regions", e.bearer(),
			map[string]any{"code": "KZ-71", "kind": "city", "name": map[string]string{"kk": "A", "ru": "B", "en": "C"}}),
			http.StatusConflict, "")
	})
}
