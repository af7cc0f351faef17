package http

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/parasat-kz/parasat"
)

// browser is a cookie-keeping client that does not follow redirects, so
// tests see where each form sends the person.
type browser struct {
	t      *testing.T
	e      *env
	client *http.Client
	lang   string
}

func (e *env) browser(t *testing.T, lang string) *browser {
	jar, _ := cookiejar.New(nil)
	b := &browser{t: t, e: e, lang: lang, client: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	// Choose the language as a person would, with the switch: the choice
	// of the browser outranks the account's own language.
	if code, _, _ := b.post("/language", url.Values{"lang": {lang}, "next": {"/"}}); code != http.StatusSeeOther {
		t.Fatalf("language switch: %d", code)
	}
	return b
}

func (b *browser) send(method, path string, form url.Values) (int, string, http.Header) {
	b.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, b.e.srv.URL+path, body)
	if err != nil {
		b.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	req.Header.Set("Accept-Language", b.lang)
	resp, err := b.client.Do(req)
	if err != nil {
		b.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	page, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(page), resp.Header
}

func (b *browser) get(path string) (int, string) {
	b.t.Helper()
	code, page, _ := b.send(http.MethodGet, path, nil)
	return code, page
}

func (b *browser) post(path string, form url.Values) (int, string, string) {
	b.t.Helper()
	code, page, h := b.send(http.MethodPost, path, form)
	return code, page, h.Get("Location")
}

func (b *browser) signIn(email, pw string) {
	b.t.Helper()
	code, page, loc := b.post("/signin", url.Values{"email": {email}, "password": {pw}, "next": {"/account"}})
	if code != http.StatusSeeOther || loc != "/account" {
		b.t.Fatalf("sign-in: %d → %q\n%s", code, loc, page)
	}
}

func TestSignInPageSessionAndSignOut(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		b := e.browser(t, "en")
		code, page, _ := b.post("/signin", url.Values{"email": {"admin@example.kz"}, "password": {"wrong password!"}})
		if code != http.StatusUnauthorized || !strings.Contains(page, "Wrong email or password") {
			t.Errorf("wrong password: %d, message missing", code)
		}
		code, page, _ = b.post("/signin", url.Values{"email": {"nobody@example.kz"}, "password": {"wrong password!"}})
		if code != http.StatusUnauthorized || !strings.Contains(page, "Wrong email or password") {
			t.Errorf("unknown e-mail must look like a wrong password: %d", code)
		}
		b.signIn("ADMIN@example.kz", "correct horse battery")
		code, page = b.get("/account")
		if code != http.StatusOK || !strings.Contains(page, "Айгерім Сейітова") {
			t.Fatalf("account page after sign-in: %d", code)
		}
		if strings.Contains(page, "correct horse battery") || strings.Contains(e.logs.String(), "correct horse battery") {
			t.Error("the password shows up in a page or the log")
		}
		code, _, loc := b.post("/signout", url.Values{})
		if code != http.StatusSeeOther || loc != "/" {
			t.Errorf("sign-out: %d → %q", code, loc)
		}
		code, _, _ = b.send(http.MethodGet, "/account", nil)
		if code != http.StatusSeeOther {
			t.Errorf("/account after sign-out: %d; want a redirect to sign in", code)
		}
	})
}

func TestSignInIsThrottledOnThePage(t *testing.T) {
	e := newEnv(t, "sqlite", nil)
	b := e.browser(t, "ru")
	for i := 0; i < 5; i++ {
		b.post("/signin", url.Values{"email": {"admin@example.kz"}, "password": {"guess number " + strconv.Itoa(i)}})
	}
	code, page, _ := b.post("/signin", url.Values{"email": {"admin@example.kz"}, "password": {"correct horse battery"}})
	if code != http.StatusTooManyRequests || !strings.Contains(page, "Слишком много попыток") {
		t.Errorf("after 5 failures the right password answered %d; want 429 with the Russian message", code)
	}
}

func TestExpiredSessionAsksToSignInAgain(t *testing.T) {
	e := newEnv(t, "sqlite", nil)
	b := e.browser(t, "kk")
	b.signIn("admin@example.kz", "correct horse battery")
	if _, err := e.db.DeleteUserSessions(context.Background(), e.admin.ID, ""); err != nil {
		t.Fatal(err)
	}
	code, _, h := b.send(http.MethodGet, "/users", nil)
	loc := h.Get("Location")
	if code != http.StatusSeeOther || !strings.Contains(loc, "expired=1") {
		t.Fatalf("a request with a dead session: %d → %q", code, loc)
	}
	_, page := b.get(loc)
	if !strings.Contains(page, e.server.catalog.For(parasat.Kazakh).T("signin.expired")) {
		t.Errorf("the sign-in page does not say the session expired:\n%s", page)
	}
}

var linkPattern = regexp.MustCompile(`/password/set\?token=(psr_[A-Za-z0-9_-]+)`)

func TestInviteSetPasswordAndSignIn(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		admin := e.browser(t, "en")
		admin.signIn("admin@example.kz", "correct horse battery")
		code, page, _ := admin.post("/users", url.Values{"name": {"Бақыт Омарова"}, "email": {"bakyt@example.kz"},
			"language": {"kk"}, "role": {"coordinator"}, "region": {"KZ-71"}})
		m := linkPattern.FindStringSubmatch(page)
		if code != http.StatusCreated || m == nil {
			t.Fatalf("invite: %d, link shown: %v", code, m != nil)
		}
		// A wrong region is reported next to the field, and nothing is created.
		code, page, _ = admin.post("/users", url.Values{"name": {"X"}, "email": {"x@example.kz"}, "role": {"coordinator"}, "region": {""}})
		if code != http.StatusUnprocessableEntity || !strings.Contains(page, "A coordinator needs a region") {
			t.Errorf("invite without a region: %d", code)
		}
		person := e.browser(t, "kk")
		code, page, _ = person.post("/password/set", url.Values{"token": {m[1]}, "password": {"short"}, "password_confirm": {"short"}})
		if code != http.StatusUnprocessableEntity || !strings.Contains(page, "кемінде 10") {
			t.Errorf("a short password: %d", code)
		}
		code, _, loc := person.post("/password/set", url.Values{"token": {m[1]}, "password": {"Бақыттың кілті 2026"}, "password_confirm": {"Бақыттың кілті 2026"}})
		if code != http.StatusSeeOther || loc != "/signin" {
			t.Fatalf("set password: %d → %q", code, loc)
		}
		code, _, _ = person.post("/password/set", url.Values{"token": {m[1]}, "password": {"another one 2026"}, "password_confirm": {"another one 2026"}})
		if code != http.StatusUnprocessableEntity {
			t.Errorf("the link worked twice: %d", code)
		}
		person.signIn("bakyt@example.kz", "Бақыттың кілті 2026")
		_, page = person.get("/organisations/new")
		if !strings.Contains(page, "Ұйымды тіркеу") {
			t.Error("the new coordinator cannot open the form to add an organisation, or it is not in Kazakh")
		}
	})
}

// TestPageAndAPIChangesAreAudited edits one organisation through a page and
// through the API; both appear in its history with before and after values.
func TestPageAndAPIChangesAreAudited(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		o := e.createOrg(orgBody("Татар мәдени орталығы", "Tatar cultural centre", "KZ-71"))
		id := strconv.FormatInt(o.ID, 10)
		b := e.browser(t, "en")
		b.signIn("admin@example.kz", "correct horse battery")
		form := url.Values{"name_kk": {o.Name.KK}, "name_en": {"Tatar Cultural Centre «Tugan Tel»"}, "type": {string(o.Type)}, "region": {"KZ-71"}}
		code, _, loc := b.post("/organisations/"+id, form)
		if code != http.StatusSeeOther || loc != "/organisations/"+id {
			t.Fatalf("edit through the page: %d → %q", code, loc)
		}
		body := orgBody(o.Name.KK, "Tatar Cultural Centre «Tugan Tel»", "KZ-71")
		body["contacts"] = map[string]string{"phone": "+7 7172 00 11 22"}
		expect(t, e.do(http.MethodPut, "/api/v1/organisations/"+id, e.bearer(), body), http.StatusOK)

		history := decode[struct{ Items []parasat.AuditEntry }](t, e.do(http.MethodGet, "/api/v1/audit?entity=organisation&entity_id="+id, e.bearer(), nil)).Items
		if len(history) != 3 {
			t.Fatalf("history has %d entries; want create, page edit, API edit", len(history))
		}
		pageEdit, apiEdit := history[1], history[0]
		if !strings.Contains(string(pageEdit.Before), "Tatar cultural centre") || !strings.Contains(string(pageEdit.After), "Tugan Tel") {
			t.Errorf("page edit audit: before %s after %s", pageEdit.Before, pageEdit.After)
		}
		// The phone was empty before, so the old values hold nothing for it.
		if strings.Contains(string(apiEdit.Before), "+7") || strings.Contains(string(apiEdit.Before), "Tugan") {
			t.Errorf("API edit audit before = %s", apiEdit.Before)
		}
		if !strings.Contains(string(apiEdit.After), "+7 7172 00 11 22") {
			t.Errorf("API edit audit after = %s", apiEdit.After)
		}
		for _, a := range []parasat.AuditEntry{pageEdit, apiEdit} {
			if a.ActorUserID == nil || *a.ActorUserID != e.admin.ID || a.ActorAddress != "127.0.0.1" {
				t.Errorf("entry %d: actor %v from %q", a.ID, a.ActorUserID, a.ActorAddress)
			}
		}
		_, page := b.get("/organisations/" + id)
		if !strings.Contains(page, "/audit?entity=organisation&amp;entity_id="+id) {
			t.Error("the organisation's page does not link to its history")
		}
		_, page = b.get("/audit?entity=organisation&entity_id=" + id)
		if !strings.Contains(page, "Tugan Tel") || !strings.Contains(page, "Айгерім Сейітова") {
			t.Error("the audit page does not show the change and who made it")
		}
	})
}

func TestFormErrorsAreShownNextToTheField(t *testing.T) {
	e := newEnv(t, "sqlite", nil)
	b := e.browser(t, "ru")
	b.signIn("admin@example.kz", "correct horse battery")
	code, page, _ := b.post("/organisations", url.Values{"name_ru": {"Фонд «Жомарт»"}, "type": {"charitable_foundation"},
		"region": {"KZ-71"}, "bin": {"190440000011"}})
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("a wrong BIN: %d", code)
	}
	if !strings.Contains(page, `id="e-bin"`) || !strings.Contains(page, "Контрольная цифра БИН не сходится") {
		t.Error("the BIN error is not shown next to the field in Russian")
	}
	if !strings.Contains(page, `value="Фонд «Жомарт»"`) {
		t.Error("the form lost what was typed")
	}
	if n := e.countOrgs(); n != 0 {
		t.Errorf("a refused form wrote %d organisations", n)
	}
}

func TestHomeShowsTheSignedInCoordinatorTheirRegion(t *testing.T) {
	e := newEnv(t, "sqlite", nil)
	f := newRoleFixture(t, e)
	e.createOrg(orgBody("Екінші", "Second", "KZ-71"))
	if err := e.db.SetPasswordHash(context.Background(), f.users[coordinator].ID, mustHash(t, "coordinator pass 1")); err != nil {
		t.Fatal(err)
	}
	b := e.browser(t, "ru")
	b.signIn("coordinator@example.kz", "coordinator pass 1")
	_, page := b.get("/")
	if !strings.Contains(page, "Мои показатели") || !strings.Contains(page, `<a href="/organisations?region=KZ-71">2 организации</a>`) {
		t.Errorf("the coordinator's home page does not count the 2 organisations of Astana")
	}
	if !strings.Contains(page, "<strong>3</strong> организации в системе") {
		t.Error("the home page does not show 3 organisations with the right Russian plural")
	}
}
