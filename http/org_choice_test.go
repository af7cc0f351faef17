package http

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// Organisations are chosen by name on the forms, not typed as numbers.
func TestFormsOfferOrganisationsByName(t *testing.T) {
	e := newEnv(t, "sqlite", nil)
	f := newRoleFixture(t, e)
	if err := e.db.SetPasswordHash(context.Background(), f.users[manager].ID, mustHash(t, "manager pass 12")); err != nil {
		t.Fatal(err)
	}
	own, other := strconv.FormatInt(f.org.ID, 10), strconv.FormatInt(f.other.ID, 10)
	m := e.browser(t, "en")
	m.signIn("manager@example.kz", "manager pass 12")
	_, form := m.get("/beneficiaries/new")
	containsAll(t, "the new beneficiary form", form,
		`<input type="checkbox" name="organisations" value="`+own+`" checked> Astana Council of Mothers (KZ-71)`,
		`<input type="checkbox" name="organisations" value="`+other+`"> Almaty youth wing (KZ-75)`)
	if strings.Contains(form, `name="organisations" type="text"`) {
		t.Error("the organisations are still a text field")
	}
	iin := validIIN("700101", 3, 5)
	code, _, loc := m.post("/beneficiaries", url.Values{"full_name": {"Тексеру Адам"}, "iin": {iin}, "birth_date": {"1970-01-01"},
		"sex": {"male"}, "region": {"KZ-71"}, "organisations": {own, other}})
	if code != http.StatusSeeOther {
		t.Fatalf("saving with two organisations ticked: %d", code)
	}
	_, edit := m.get(loc + "/edit")
	containsAll(t, "the edit form", edit, `value="`+own+`" checked>`, `value="`+other+`" checked>`)

	a := e.browser(t, "en")
	a.signIn("admin@example.kz", "correct horse battery")
	for _, path := range []string{"/users/new", "/users/" + strconv.FormatInt(f.subject.ID, 10)} {
		_, page := a.get(path)
		containsAll(t, path, page, `<select id="f-organisation" name="organisation"`,
			`<option value="`+own+`">Astana Council of Mothers (KZ-71)</option>`)
	}
	code, _, _ = a.post("/users", url.Values{"email": {"new.manager@example.kz"}, "name": {"Жаңа менеджер"}, "language": {"kk"},
		"role": {"manager"}, "organisation": {other}})
	u, err := e.db.UserByEmail(context.Background(), "new.manager@example.kz")
	if code != http.StatusCreated || err != nil || len(u.Grants) != 1 || u.Grants[0].OrganisationID == nil ||
		*u.Grants[0].OrganisationID != f.other.ID {
		t.Errorf("inviting a manager of the chosen organisation: %d, %+v, %v", code, u, err)
	}
}
