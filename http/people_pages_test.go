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

// signUpForm is what a 16-year-old types on the public page.
func signUpForm() url.Values {
	return url.Values{"full_name": {"Дәурен Сапарұлы"}, "birth_date": {kzToday().AddDate(-16, 0, 0).Format("2006-01-02")},
		"region": {"KZ-71"}, "city": {"Астана"}, "phone": {"+7 701 555 00 11"}, "skills": {"it", "photography"},
		"languages": {"kk", "ru"}, "weekends": {"yes"}, "consent": {"yes"}}
}

func TestPublicSignUpOfAMinorNeedsTheParentsConsent(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		b := e.browser(t, "en")
		code, page := b.get("/volunteer")
		if code != http.StatusOK || !strings.Contains(page, `name="consent"`) || !strings.Contains(page, `name="parent_name"`) {
			t.Fatalf("the sign-up page: %d", code)
		}
		code, page, _ = b.post("/volunteer", signUpForm())
		if code != http.StatusUnprocessableEntity || !strings.Contains(page, `id="e-parent_consent"`) ||
			!strings.Contains(page, "Under 18, a parent") {
			t.Fatalf("a 16-year-old without a parent's consent: %d\n%s", code, page)
		}
		if !strings.Contains(page, `value="Дәурен Сапарұлы"`) || !strings.Contains(page, `value="photography" checked`) {
			t.Error("the refused form lost what was typed")
		}
		noConsent := signUpForm()
		noConsent.Del("consent")
		if code, page, _ = b.post("/volunteer", noConsent); code != http.StatusUnprocessableEntity || !strings.Contains(page, `id="e-consent"`) {
			t.Errorf("without the person's own consent: %d", code)
		}
		withParent := signUpForm()
		withParent.Set("parent_name", "Гүлмира Сапарова")
		withParent.Set("parent_phone", "+7 701 555 00 12")
		withParent.Set("parent_consent", "yes")
		code, _, loc := b.post("/volunteer", withParent)
		if code != http.StatusSeeOther || loc != "/volunteer/thanks" {
			t.Fatalf("with the parent's consent: %d → %q", code, loc)
		}
		if code, page = b.get(loc); code != http.StatusOK || !strings.Contains(page, "We have received your application") {
			t.Errorf("the thank-you page: %d", code)
		}
		list, err := e.db.ListVolunteers(context.Background(), parasat.VolunteerFilter{Visibility: parasat.Visibility{All: true}})
		if err != nil || len(list) != 1 {
			t.Fatalf("volunteers after the sign-up: %v %v", list, err)
		}
		v := list[0]
		if v.Status != parasat.VolunteerPending || v.ParentConsent == nil || v.ParentConsent.Name != "Гүлмира Сапарова" ||
			!v.ParentConsent.GivenOn.Equal(kzToday().Time) || v.Consent.GivenOn == nil || !strings.Contains(v.Consent.Scope, "personal data") ||
			v.UserID != nil || !v.Availability.Weekends || len(v.Skills) != 2 {
			t.Errorf("the signed-up volunteer: %+v", v)
		}
		if code, _, _ = b.post("/volunteer", withParent); code != http.StatusUnprocessableEntity {
			t.Errorf("signing up twice: %d", code)
		}
	})
}

func TestSignUpOfASignedInVolunteerIsLinkedToTheirAccount(t *testing.T) {
	e := newEnv(t, "sqlite", nil)
	f := newRoleFixture(t, e)
	if err := e.db.SetPasswordHash(context.Background(), f.users[volunteer].ID, mustHash(t, "volunteer pass 1")); err != nil {
		t.Fatal(err)
	}
	b := e.browser(t, "kk")
	b.signIn("volunteer@example.kz", "volunteer pass 1")
	form := signUpForm()
	form.Set("birth_date", "2000-01-02")
	if code, page, _ := b.post("/volunteer", form); code != http.StatusSeeOther {
		t.Fatalf("sign-up: %d\n%s", code, page)
	}
	_, page := b.get("/volunteers")
	if !strings.Contains(page, "Дәурен Сапарұлы") || !strings.Contains(page, "Мақұлдауды күтуде") {
		t.Errorf("the volunteer does not find their own record in Kazakh:\n%s", page)
	}
}

// staffBrowser signs in the fixture's account of role with a password.
func staffBrowser(t *testing.T, e *env, f *roleFixture, r role, lang string) *browser {
	t.Helper()
	if err := e.db.SetPasswordHash(context.Background(), f.users[r].ID, mustHash(t, string(r)+" password 1")); err != nil {
		t.Fatal(err)
	}
	b := e.browser(t, lang)
	b.signIn(string(r)+"@example.kz", string(r)+" password 1")
	return b
}

func TestManagerApprovesAVolunteerOnThePage(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		f := newRoleFixture(t, e)
		r := e.do(http.MethodPost, "/api/v1/volunteers", e.bearer(), volunteerBody("Ерлан Жақсыбеков", "KZ-71", f.org.ID))
		expect(t, r, http.StatusCreated)
		v := decode[parasat.Volunteer](t, r)
		id := strconv.FormatInt(v.ID, 10)
		b := staffBrowser(t, e, f, manager, "ru")
		_, page := b.get("/volunteers?status=pending")
		if !strings.Contains(page, "Ерлан Жақсыбеков") || !strings.Contains(page, "Ждёт одобрения") {
			t.Errorf("the manager's list of pending volunteers:\n%s", page)
		}
		_, page = b.get("/volunteers/" + id)
		if !strings.Contains(page, `action="/volunteers/`+id+`/approve"`) {
			t.Fatalf("no approve button for the manager:\n%s", page)
		}
		code, _, loc := b.post("/volunteers/"+id+"/approve", url.Values{})
		if code != http.StatusSeeOther || loc != "/volunteers/"+id {
			t.Fatalf("approve: %d → %q", code, loc)
		}
		_, page = b.get(loc)
		if !strings.Contains(page, "волонтёр одобрен") || !strings.Contains(page, "Одобрен(а)") || !strings.Contains(page, "manager") {
			t.Errorf("the page after approval does not say so, and by whom:\n%s", page)
		}
		got, _ := e.db.Volunteer(context.Background(), v.ID)
		if got.Status != parasat.VolunteerApproved || got.DecidedBy == nil || *got.DecidedBy != f.users[manager].ID {
			t.Errorf("stored after approval: %s by %v", got.Status, got.DecidedBy)
		}
		history := decode[struct{ Items []parasat.AuditEntry }](t,
			e.do(http.MethodGet, "/api/v1/audit?entity=volunteer&entity_id="+id, e.bearer(), nil)).Items
		if len(history) != 2 || *history[0].ActorUserID != f.users[manager].ID || history[0].Region != "KZ-71" {
			t.Errorf("the approval is not audited with the manager: %+v", history)
		}
		// Rejecting asks first, then does it.
		code, page, _ = b.post("/volunteers/"+id+"/reject", url.Values{})
		if code != http.StatusOK || !strings.Contains(page, `name="confirm" value="yes"`) {
			t.Errorf("reject without confirming: %d", code)
		}
		if code, _, _ = b.post("/volunteers/"+id+"/reject", url.Values{"confirm": {"yes"}}); code != http.StatusSeeOther {
			t.Errorf("confirmed reject: %d", code)
		}
		admin := e.browser(t, "en")
		admin.signIn("admin@example.kz", "correct horse battery")
		if _, page = admin.get("/volunteers/" + id); !strings.Contains(page, "/audit?entity=volunteer&amp;entity_id="+id) {
			t.Error("the volunteer's page does not link to its history")
		}
	})
}

func TestStaffVolunteerFormKeepsValuesAndShowsErrors(t *testing.T) {
	e := newEnv(t, "sqlite", nil)
	f := newRoleFixture(t, e)
	b := staffBrowser(t, e, f, manager, "en")
	code, page := b.get("/volunteers/new")
	org := strconv.FormatInt(f.org.ID, 10)
	if code != http.StatusOK || !strings.Contains(page, `value="`+org+`" checked`) {
		t.Fatalf("the new form does not preselect the manager's organisation: %d", code)
	}
	form := url.Values{"full_name": {"Виктор Пак"}, "birth_date": {"1988-02-30"}, "region": {"KZ-71"}, "phone": {"+7 701 000 22 33"},
		"organisations": {org}, "consent_given_on": {kzToday().String()}, "consent_scope": {"Келісемін"}, "email": {"not-an-address"}}
	code, page, _ = b.post("/volunteers", form)
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, `id="e-birth_date"`) || !strings.Contains(page, `id="e-email"`) ||
		!strings.Contains(page, `value="Виктор Пак"`) {
		t.Fatalf("a malformed birth date and e-mail: %d\n%s", code, page)
	}
	form.Set("organisations", strconv.FormatInt(f.other.ID, 10))
	form.Set("birth_date", "1988-02-28")
	form.Set("email", "viktor@example.kz")
	if code, page, _ = b.post("/volunteers", form); code != http.StatusUnprocessableEntity || !strings.Contains(page, "choose one of your own organisations") {
		t.Errorf("a volunteer of another organisation: %d", code)
	}
	form.Set("organisations", org)
	code, _, loc := b.post("/volunteers", form)
	if code != http.StatusSeeOther || !strings.HasPrefix(loc, "/volunteers/") {
		t.Fatalf("create: %d → %q", code, loc)
	}
	id, _ := strconv.ParseInt(strings.TrimPrefix(loc, "/volunteers/"), 10, 64)
	v, err := e.db.Volunteer(context.Background(), id)
	if err != nil || v.FullName != "Виктор Пак" || v.Email != "viktor@example.kz" || v.Consent.Scope != "Келісемін" {
		t.Fatalf("stored %+v %v", v, err)
	}
	uid := f.users[volunteer].ID
	v.UserID = &uid
	if err := e.db.UpdateVolunteer(context.Background(), v); err != nil {
		t.Fatal(err)
	}
	if code, page = b.get(loc + "/edit"); code != http.StatusOK || !strings.Contains(page, `value="1988-02-28"`) {
		t.Fatalf("edit form: %d", code)
	}
	form.Set("city", "Қосшы")
	if code, _, _ = b.post(loc, form); code != http.StatusSeeOther {
		t.Fatalf("edit: %d", code)
	}
	if after, _ := e.db.Volunteer(context.Background(), id); after.City != "Қосшы" || after.UserID == nil || *after.UserID != uid {
		t.Errorf("after the page edit: city %q, account %v; the account link must stay", after.City, after.UserID)
	}
}

func TestVolunteersCSVHoldsOnlyWhatTheCallerMayRead(t *testing.T) {
	e := newEnv(t, "sqlite", nil)
	f := newRoleFixture(t, e)
	for _, body := range []map[string]any{volunteerBody("Асқар Бекұлы", "KZ-71", f.org.ID), volunteerBody("Ирина Волкова", "KZ-75", f.other.ID)} {
		expect(t, e.do(http.MethodPost, "/api/v1/volunteers", e.bearer(), body), http.StatusCreated)
	}
	b := staffBrowser(t, e, f, manager, "en")
	code, csv := b.get("/volunteers.csv")
	if code != http.StatusOK || !strings.Contains(csv, "Асқар Бекұлы") || strings.Contains(csv, "Ирина Волкова") ||
		!strings.HasPrefix(csv, "id,full_name,birth_date") {
		t.Errorf("the manager's CSV: %d\n%s", code, csv)
	}
	_, page := b.get("/volunteers")
	if !strings.Contains(page, "/volunteers.csv?") {
		t.Error("the list does not offer the CSV")
	}
}

func TestPatronPages(t *testing.T) {
	e := newEnv(t, "sqlite", nil)
	f := newRoleFixture(t, e)
	b := staffBrowser(t, e, f, coordinator, "kk")
	form := url.Values{"kind": {"company"}, "name": {"«Береке» ЖШС"}, "region": {"KZ-71"}, "organisations": {strconv.FormatInt(f.org.ID, 10)},
		"public_consent": {"yes"}, "notes": {"Наурыз сайын"}}
	code, page, _ := b.post("/patrons", form)
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, `id="e-bin"`) || !strings.Contains(page, "Компания үшін БСН қажет") {
		t.Fatalf("a company without BIN: %d\n%s", code, page)
	}
	form.Set("bin", bin(7))
	code, _, loc := b.post("/patrons", form)
	if code != http.StatusSeeOther || !strings.HasPrefix(loc, "/patrons/") {
		t.Fatalf("create: %d → %q", code, loc)
	}
	_, page = b.get(loc)
	if !strings.Contains(page, bin(7)) || !strings.Contains(page, "Наурыз сайын") || !strings.Contains(page, "/audit?entity=patron") {
		t.Errorf("the patron's page:\n%s", page)
	}
	_, page = b.get("/patrons?q=берек")
	if !strings.Contains(page, "«Береке» ЖШС") {
		t.Error("the list does not find the patron by name")
	}
	form.Set("region", "KZ-75")
	if code, _, _ = b.post(loc, form); code != http.StatusUnprocessableEntity {
		t.Errorf("moving the patron out of the coordinator's region: %d", code)
	}
	m := staffBrowser(t, e, f, manager, "ru")
	if code, page = m.get(loc); code != http.StatusOK || !strings.Contains(page, "«Береке» ЖШС") {
		t.Errorf("the manager of a supported organisation reading the patron: %d", code)
	}
	if code, _ = m.get(loc + "/edit"); code != http.StatusForbidden {
		t.Errorf("the manager editing a patron: %d", code)
	}
}
