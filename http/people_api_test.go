package http

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/parasat-kz/parasat"
)

// kzToday is today in Kazakhstan, the day the server judges ages on.
func kzToday() parasat.Date { return parasat.DayInKazakhstan(time.Now()) }

// volunteerBody is a valid body for an adult volunteer of region.
func volunteerBody(name, region string, orgs ...int64) map[string]any {
	b := map[string]any{"full_name": name, "birth_date": "1995-04-12", "region": region, "phone": "+7 701 000 11 22",
		"skills": []string{"driving"}, "languages": []string{"kk", "ru"},
		"consent": map[string]string{"given_on": kzToday().String(), "scope": "Деректерімді өңдеуге келісемін"}}
	if len(orgs) > 0 {
		b["organisations"] = orgs
	}
	return b
}

// volunteerPath is the API path of a volunteer.
func volunteerPath(id int64, suffix string) string {
	return "/api/v1/volunteers/" + strconv.FormatInt(id, 10) + suffix
}

// addManager adds a manager of org with an API token and returns the token.
func addManager(t *testing.T, e *env, email string, org int64) (*parasat.User, string) {
	t.Helper()
	u := &parasat.User{Email: email, Name: email, Grants: []parasat.Grant{{Role: parasat.RoleManager, OrganisationID: &org}}}
	if err := e.db.CreateUser(context.Background(), u, ""); err != nil {
		t.Fatal(err)
	}
	token, err := e.db.CreateToken(context.Background(), &parasat.APIToken{UserID: u.ID, Name: "test"})
	if err != nil {
		t.Fatal(err)
	}
	return u, token
}

func TestVolunteerAPICreateReadUpdateAndApprovalByTheManager(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		f := newRoleFixture(t, e)
		as := func(r role) string { return "Bearer " + f.tokens[r] }
		created := e.do(http.MethodPost, "/api/v1/volunteers", as(manager), volunteerBody("Айдана Нұрланқызы", "KZ-71", f.org.ID))
		expect(t, created, http.StatusCreated)
		v := decode[parasat.Volunteer](t, created)
		if v.Status != parasat.VolunteerPending || created.header.Get("Location") != volunteerPath(v.ID, "") ||
			!slices.Equal(v.Organisations, []int64{f.org.ID}) || v.Consent.RecordedBy != f.users[manager].ID {
			t.Errorf("created %+v (Location %q)", v, created.header.Get("Location"))
		}
		got := decode[parasat.Volunteer](t, e.do(http.MethodGet, volunteerPath(v.ID, ""), as(coordinator), nil))
		if got.FullName != "Айдана Нұрланқызы" || got.BirthDate.String() != "1995-04-12" {
			t.Errorf("read back %+v", got)
		}
		body := volunteerBody("Айдана Нұрланқызы", "KZ-71", f.org.ID)
		body["city"], body["availability"] = "Астана", map[string]bool{"weekends": true}
		updated := e.do(http.MethodPut, volunteerPath(v.ID, ""), as(manager), body)
		expect(t, updated, http.StatusOK)
		if u := decode[parasat.Volunteer](t, updated); u.City != "Астана" || !u.Availability.Weekends || u.Status != parasat.VolunteerPending {
			t.Errorf("updated %+v", u)
		}

		approved := e.do(http.MethodPost, volunteerPath(v.ID, "/approve"), as(manager), nil)
		expect(t, approved, http.StatusOK)
		a := decode[parasat.Volunteer](t, approved)
		if a.Status != parasat.VolunteerApproved || a.DecidedBy == nil || *a.DecidedBy != f.users[manager].ID || a.DecidedAt == nil {
			t.Errorf("after approval: %+v", a)
		}
		expectProblem(t, e.do(http.MethodPost, volunteerPath(v.ID, "/approve"), as(manager), nil), http.StatusConflict, "body.status")
		history := decode[struct{ Items []parasat.AuditEntry }](t,
			e.do(http.MethodGet, "/api/v1/audit?entity=volunteer&entity_id="+strconv.FormatInt(v.ID, 10), e.bearer(), nil)).Items
		if len(history) != 3 || history[0].ActorUserID == nil || *history[0].ActorUserID != f.users[manager].ID ||
			!strings.Contains(string(history[0].After), `"approved"`) || history[0].Region != "KZ-71" {
			t.Errorf("history of the volunteer: %+v", history)
		}
		rejected := e.do(http.MethodPost, volunteerPath(v.ID, "/reject"), as(coordinator), nil)
		expect(t, rejected, http.StatusOK)
		expectProblem(t, e.do(http.MethodPost, volunteerPath(v.ID+100, "/approve"), as(admin), nil), http.StatusNotFound, "")
		expectProblem(t, e.do(http.MethodGet, volunteerPath(v.ID+100, ""), as(admin), nil), http.StatusNotFound, "")
	})
}

func TestVolunteerAPIBadInputNamesTheField(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		minor := volunteerBody("Жас Ерікті", "KZ-71")
		minor["birth_date"] = kzToday().AddDate(-16, 0, 0).Format("2006-01-02")
		for _, c := range []struct {
			name     string
			change   func(b map[string]any)
			location string
		}{
			{"empty name", func(b map[string]any) { b["full_name"] = "" }, "body.full_name"},
			{"minor without a parent", func(b map[string]any) { b["birth_date"] = minor["birth_date"] }, "body.parent_consent"},
			{"unknown organisation", func(b map[string]any) { b["organisations"] = []int64{999} }, "body.organisations"},
			{"unknown skill", func(b map[string]any) { b["skills"] = []string{"juggling"} }, "body.skills"},
			{"unknown region", func(b map[string]any) { b["region"] = "KZ-99" }, "body.region"},
			{"no phone or e-mail", func(b map[string]any) { delete(b, "phone") }, "body.phone"},
			{"bad parent phone", func(b map[string]any) {
				b["birth_date"] = minor["birth_date"]
				b["parent_consent"] = map[string]string{"name": "Ана", "phone": "жоқ", "given_on": kzToday().String()}
			}, "body.parent_consent.phone"},
		} {
			b := volunteerBody("Ержан Сейітов", "KZ-71")
			c.change(b)
			expectProblem(t, e.do(http.MethodPost, "/api/v1/volunteers", e.bearer(), b), http.StatusUnprocessableEntity, c.location)
		}
		bad := volunteerBody("Ержан Сейітов", "KZ-71")
		bad["birth_date"] = "1995-13-45"
		expectProblem(t, e.do(http.MethodPost, "/api/v1/volunteers", e.bearer(), bad), http.StatusUnprocessableEntity, "body.birth_date")
		first := e.do(http.MethodPost, "/api/v1/volunteers", e.bearer(), volunteerBody("Ержан Сейітов", "KZ-71"))
		expect(t, first, http.StatusCreated)
		id := decode[parasat.Volunteer](t, first).ID
		dup := expectProblem(t, e.do(http.MethodPost, "/api/v1/volunteers", e.bearer(), volunteerBody("ЕРЖАН СЕЙИТОВ", "KZ-71")),
			http.StatusConflict, "body.full_name")
		if !strings.Contains(dup.Detail, volunteerPath(id, "")) {
			t.Errorf("the conflict does not name the registered volunteer to the admin: %+v", dup)
		}
	})
}

func TestVolunteersAreReadOnlyByThoseTheyConcern(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		f := newRoleFixture(t, e)
		as := func(r role) string { return "Bearer " + f.tokens[r] }
		create := func(name, region string, owner *parasat.User, orgs ...int64) parasat.Volunteer {
			b := volunteerBody(name, region, orgs...)
			if owner != nil {
				b["user_id"] = owner.ID
			}
			r := e.do(http.MethodPost, "/api/v1/volunteers", e.bearer(), b)
			expect(t, r, http.StatusCreated)
			return decode[parasat.Volunteer](t, r)
		}
		own := create("Тимур Ким", "KZ-71", f.users[volunteer], f.org.ID)
		mate := create("Ләйлә Ахмет", "KZ-71", nil, f.org.ID)
		almaty := create("Ольга Шмидт", "KZ-75", nil, f.other.ID)
		_, otherManager := addManager(t, e, "other.manager@example.kz", f.other.ID)

		list := func(auth string) []string {
			r := e.do(http.MethodGet, "/api/v1/volunteers", auth, nil)
			expect(t, r, http.StatusOK)
			var names []string
			for _, v := range decode[struct{ Items []parasat.Volunteer }](t, r).Items {
				names = append(names, v.FullName)
			}
			return names
		}
		for _, c := range []struct {
			who  string
			auth string
			want []string
		}{
			{"admin", as(admin), []string{"Ләйлә Ахмет", "Ольга Шмидт", "Тимур Ким"}},
			{"coordinator of KZ-71", as(coordinator), []string{"Ләйлә Ахмет", "Тимур Ким"}},
			{"manager of f.org", as(manager), []string{"Ләйлә Ахмет", "Тимур Ким"}},
			{"manager of the other organisation", "Bearer " + otherManager, []string{"Ольга Шмидт"}},
			{"the volunteer", as(volunteer), []string{"Тимур Ким"}},
			{"a patron", as(patron), nil},
		} {
			if got := list(c.auth); !slices.Equal(got, c.want) {
				t.Errorf("%s lists %q; want %q", c.who, got, c.want)
			}
		}
		get := func(auth string, v parasat.Volunteer) int {
			return e.do(http.MethodGet, volunteerPath(v.ID, ""), auth, nil).status
		}
		if code := get(as(volunteer), own); code != http.StatusOK {
			t.Errorf("the volunteer reading their own record: %d", code)
		}
		if code := get(as(volunteer), mate); code != http.StatusNotFound {
			t.Errorf("a volunteer's token reading another volunteer: %d; want 404", code)
		}
		if code := get("Bearer "+otherManager, mate); code != http.StatusNotFound {
			t.Errorf("a manager of another organisation reading a volunteer of f.org: %d; want 404", code)
		}
		if code := get(as(coordinator), almaty); code != http.StatusNotFound {
			t.Errorf("the KZ-71 coordinator reading a volunteer of KZ-75: %d; want 404", code)
		}
		expect(t, e.do(http.MethodPut, volunteerPath(own.ID, ""), as(volunteer), volunteerBody("Тимур Ким", "KZ-71")), http.StatusForbidden)
		expect(t, e.do(http.MethodPost, volunteerPath(mate.ID, "/approve"), "Bearer "+otherManager, nil), http.StatusNotFound)
		expect(t, e.do(http.MethodPost, "/api/v1/volunteers", as(manager), volunteerBody("Чужой", "KZ-75", f.other.ID)), http.StatusForbidden)
		// Moving a volunteer out of the manager's organisation is refused too.
		expect(t, e.do(http.MethodPut, volunteerPath(mate.ID, ""), as(manager), volunteerBody("Ләйлә Ахмет", "KZ-71", f.other.ID)),
			http.StatusForbidden)
		if v, _ := e.db.Volunteer(context.Background(), mate.ID); !slices.Equal(v.Organisations, []int64{f.org.ID}) {
			t.Errorf("a refused update changed the volunteer: %+v", v.Organisations)
		}
	})
}

func patronBody(kind, name, bin, region string, orgs ...int64) map[string]any {
	b := map[string]any{"kind": kind, "name": name, "region": region, "public_consent": true}
	if bin != "" {
		b["bin"] = bin
	}
	if len(orgs) > 0 {
		b["supported_organisations"] = orgs
	}
	return b
}

func TestPatronAPI(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		f := newRoleFixture(t, e)
		as := func(r role) string { return "Bearer " + f.tokens[r] }
		r := e.do(http.MethodPost, "/api/v1/patrons", as(coordinator), patronBody("company", "«Дала» ЖШС", bin(1), "KZ-71", f.org.ID))
		expect(t, r, http.StatusCreated)
		company := decode[parasat.Patron](t, r)
		expect(t, e.do(http.MethodPost, "/api/v1/patrons", as(coordinator), patronBody("person", "Алматылық", "", "KZ-75")), http.StatusForbidden)
		expectProblem(t, e.do(http.MethodPost, "/api/v1/patrons", e.bearer(), patronBody("company", "БСН-сіз", "", "KZ-71")),
			http.StatusUnprocessableEntity, "body.bin")
		expectProblem(t, e.do(http.MethodPost, "/api/v1/patrons", e.bearer(), patronBody("company", "Қате", "190440000011", "KZ-71")),
			http.StatusUnprocessableEntity, "body.bin")
		dup := expectProblem(t, e.do(http.MethodPost, "/api/v1/patrons", e.bearer(), patronBody("company", "Екінші", bin(1), "KZ-75")),
			http.StatusConflict, "body.bin")
		if !strings.Contains(dup.Detail, "/api/v1/patrons/"+strconv.FormatInt(company.ID, 10)) {
			t.Errorf("duplicate BIN: %+v", dup)
		}
		person := patronBody("person", "Сәуле Ахметова", "", "KZ-75")
		person["user_id"] = f.users[patron].ID
		r = e.do(http.MethodPost, "/api/v1/patrons", e.bearer(), person)
		expect(t, r, http.StatusCreated)
		own := decode[parasat.Patron](t, r)

		path := func(p parasat.Patron) string { return "/api/v1/patrons/" + strconv.FormatInt(p.ID, 10) }
		_, otherManager := addManager(t, e, "other.manager@example.kz", f.other.ID)
		for _, c := range []struct {
			who, auth string
			p         parasat.Patron
			want      int
		}{
			{"manager of a supported organisation", as(manager), company, 200},
			{"manager of another organisation", "Bearer " + otherManager, company, 404},
			{"the patron themself", as(patron), own, 200},
			{"a patron reading another", as(patron), company, 404},
			{"a volunteer", as(volunteer), company, 404},
		} {
			if code := e.do(http.MethodGet, path(c.p), c.auth, nil).status; code != c.want {
				t.Errorf("%s: %d; want %d", c.who, code, c.want)
			}
		}
		list := decode[struct{ Items []parasat.Patron }](t, e.do(http.MethodGet, "/api/v1/patrons", as(patron), nil)).Items
		if len(list) != 1 || list[0].ID != own.ID {
			t.Errorf("the patron lists %+v; want only their own record", list)
		}
		upd := patronBody("company", "«Дала» ЖШС", bin(1), "KZ-71")
		upd["notes"] = "Наурызда көмектеседі"
		r = e.do(http.MethodPut, path(company), as(coordinator), upd)
		expect(t, r, http.StatusOK)
		if p := decode[parasat.Patron](t, r); p.Notes != "Наурызда көмектеседі" || len(p.SupportedOrganisations) != 0 {
			t.Errorf("updated %+v", p)
		}
		expect(t, e.do(http.MethodPut, path(own), as(coordinator), person), http.StatusNotFound) // KZ-75 is not theirs to read
	})
}

func TestSkillsAPI(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		f := newRoleFixture(t, e)
		list := decode[struct{ Items []parasat.Skill }](t, e.get("/api/v1/skills")).Items
		if len(list) != len(parasat.DefaultSkills) {
			t.Errorf("%d skills; want the %d defaults", len(list), len(parasat.DefaultSkills))
		}
		felt := map[string]any{"code": "felting", "names": map[string]string{"kk": "Киіз басу", "ru": "Валяние"}}
		expect(t, e.do(http.MethodPost, "/api/v1/skills", "Bearer "+f.tokens[coordinator], felt), http.StatusForbidden)
		expect(t, e.do(http.MethodPost, "/api/v1/skills", e.bearer(), felt), http.StatusCreated)
		expectProblem(t, e.do(http.MethodPost, "/api/v1/skills", e.bearer(), felt), http.StatusConflict, "body.code")
		bad := map[string]any{"code": "Киіз", "names": map[string]string{"kk": "Киіз"}}
		expectProblem(t, e.do(http.MethodPost, "/api/v1/skills", e.bearer(), bad), http.StatusUnprocessableEntity, "body.code")
		b := volunteerBody("Киіз шебері", "KZ-71")
		b["skills"] = []string{"felting"}
		expect(t, e.do(http.MethodPost, "/api/v1/volunteers", e.bearer(), b), http.StatusCreated)
	})
}
