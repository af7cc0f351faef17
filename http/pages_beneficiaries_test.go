package http

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/parasat-kz/parasat"
)

func TestBeneficiaryPagesForAManager(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		f := newRoleFixture(t, e)
		if err := e.db.SetPasswordHash(context.Background(), f.users[manager].ID, mustHash(t, "manager pass 12")); err != nil {
			t.Fatal(err)
		}
		b := e.browser(t, "ru")
		b.signIn("manager@example.kz", "manager pass 12")
		iin := validIIN("120505", 6, 1)
		form := url.Values{"full_name": {"Әбілова Аружан Ерланқызы"}, "iin": {iin[:11] + strconv.Itoa((int(iin[11]-'0')+1)%10)},
			"birth_date": {"2012-05-05"}, "sex": {"female"}, "region": {"KZ-71"}, "category": {"child_special_needs", "low_income"},
			"organisations": {strconv.FormatInt(f.org.ID, 10)}, "consent_given_on": {"2026-03-01"}, "consent_scope": {"для помощи"}}
		code, page, _ := b.post("/beneficiaries", form)
		if code != http.StatusUnprocessableEntity || !strings.Contains(page, "Контрольная цифра ИИН не сходится") {
			t.Fatalf("a wrong IIN through the form: %d", code)
		}
		if !strings.Contains(page, `value="Әбілова Аружан Ерланқызы"`) || !strings.Contains(page, `value="low_income" checked`) {
			t.Error("the form lost what was typed or ticked")
		}
		form.Set("iin", iin)
		code, _, loc := b.post("/beneficiaries", form)
		if code != http.StatusSeeOther || !strings.HasPrefix(loc, "/beneficiaries/") {
			t.Fatalf("saving the form: %d → %q", code, loc)
		}
		_, page = b.get(loc)
		born := parasat.Beneficiary{BirthDate: parasat.Date{Time: mustDayHTTP("2012-05-05")}}
		age := e.server.catalog.For(parasat.Russian).N("beneficiary.age", born.AgeOn(e.server.today()))
		for _, want := range []string{"Әбілова Аружан Ерланқызы", iin, "Ребёнок с особыми потребностями", age, "для помощи"} {
			if !strings.Contains(page, want) {
				t.Errorf("the record's page lacks %q", want)
			}
		}
		id, _ := strconv.ParseInt(strings.TrimPrefix(loc, "/beneficiaries/"), 10, 64)
		if visits, _ := e.db.Visits(context.Background(), id, 10); len(visits) != 1 || visits[0].UserID != f.users[manager].ID {
			t.Errorf("the manager's visit is not logged: %+v", visits)
		}
		// The same IIN again points the manager, who may see it, to the existing record.
		code, page, _ = b.post("/beneficiaries", form)
		if code != http.StatusUnprocessableEntity || !strings.Contains(page, loc) {
			t.Errorf("a duplicate IIN through the form: %d, link to %s shown: %v", code, loc, strings.Contains(page, loc))
		}
		// Erasing asks first, then erases.
		code, page, _ = b.post(loc+"/anonymise", url.Values{})
		if code != http.StatusOK || !strings.Contains(page, "навсегда") {
			t.Fatalf("anonymise without confirmation: %d", code)
		}
		code, _, _ = b.post(loc+"/anonymise", url.Values{"confirm": {"yes"}})
		if code != http.StatusSeeOther {
			t.Fatalf("anonymise confirmed: %d", code)
		}
		_, page = b.get(loc)
		if strings.Contains(page, "Әбілова") || strings.Contains(page, iin) || !strings.Contains(page, "Обезличенная запись") {
			t.Error("the anonymised record still shows who it was")
		}
		got, _ := e.db.Beneficiary(context.Background(), id)
		if got.Region != "KZ-71" || len(got.Categories) != 2 || got.BirthDate.Year() != 2012 {
			t.Errorf("anonymising lost what statistics need: %+v", got)
		}
	})
}

func TestOtherOrganisationsManagerGetsNotFound(t *testing.T) {
	e := newEnv(t, "sqlite", nil)
	f := newRoleFixture(t, e)
	other := &parasat.Beneficiary{FullName: "Бөтен", IIN: validIIN("600101", 3, 5), BirthDate: parasat.Date{Time: mustDayHTTP("1960-01-01")},
		Sex: parasat.Male, Region: "KZ-75", Organisations: []int64{f.other.ID}}
	if err := e.db.CreateBeneficiary(context.Background(), other); err != nil {
		t.Fatal(err)
	}
	r := e.doForm(http.MethodGet, "/beneficiaries/"+strconv.FormatInt(other.ID, 10), "Bearer "+f.tokens[manager], nil)
	if r.status != http.StatusNotFound {
		t.Errorf("another organisation's manager opening the record: %d; want 404", r.status)
	}
	if visits, _ := e.db.Visits(context.Background(), other.ID, 10); len(visits) != 0 {
		t.Errorf("a refused opening was logged as a visit: %+v", visits)
	}
}
