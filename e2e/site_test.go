package e2e

import (
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/parasat-kz/parasat/internal/browsertest"
)

// password is every test account's password.
const password = "Tulpar-2026"

// account is a person with an account on the test server.
type account struct {
	email, name, id string
}

// site is a `parasat serve --demo` with an admin and a coordinator of Astana.
type site struct {
	*browsertest.Server
	admin, coordinator account
	orgID              string         // of an organisation of the demo
	orgs               []organisation // of the demo
}

// organisation is one of the demo's organisations, as the API lists it.
type organisation struct {
	ID   int64 `json:"id"`
	Name struct {
		KK string `json:"kk"`
		RU string `json:"ru"`
		EN string `json:"en"`
	} `json:"name"`
}

var createdID = regexp.MustCompile(`\(id (\d+)\)`)

// newSite starts the server (with args after --demo) and creates its
// accounts with the command line.
func newSite(t *testing.T, args ...string) *site {
	t.Helper()
	browsertest.Require(t)
	s := &site{
		Server:      browsertest.StartServer(t, append([]string{"--demo"}, args...)...),
		admin:       account{email: "asel@example.kz", name: "Әсел Нұрланқызы"},
		coordinator: account{email: "dariga@example.kz", name: "Дариға Серікқызы"},
	}
	create := func(a *account, args ...string) {
		out := s.CLI(t, password+"\n", append([]string{"user", "create", "--email", a.email, "--name", a.name, "--password-stdin"}, args...)...)
		m := createdID.FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("user create printed %q, without the new account's id", out)
		}
		a.id = m[1]
	}
	create(&s.admin, "--role", "admin")
	create(&s.coordinator, "--role", "coordinator", "--region", "KZ-71")

	resp, err := http.Get(s.URL + "/api/v1/organisations?limit=500")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var list struct {
		Items []organisation `json:"items"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&list); err != nil || resp.StatusCode != http.StatusOK || len(list.Items) == 0 {
		t.Fatalf("GET /api/v1/organisations: %s, %d organisations, %v", resp.Status, len(list.Items), err)
	}
	s.orgs = list.Items
	s.orgID = strconv.FormatInt(s.orgs[0].ID, 10)
	return s
}

// language is what the tests need to know of one language of the pages.
type language struct {
	code   string
	button string // its button in the header's language switch
	// The sign-in form's labels.
	email, password string
	// The titles of the pages of errors 403 and 404.
	forbidden, notFound string
	// The organisation form's BIN field and the error of a wrong check digit.
	binLabel, binChecksum string
}

var (
	english = language{code: "en", button: "English",
		email: "Email", password: "Password",
		forbidden: "Not allowed", notFound: "Page not found",
		binLabel: "BIN", binChecksum: "The BIN's check digit does not match"}
	kazakh = language{code: "kk", button: "Қазақша",
		email: "Электрондық пошта", password: "Құпиясөз",
		forbidden: "Рұқсат жоқ", notFound: "Бет табылмады",
		binLabel: "БСН", binChecksum: "БСН-нің бақылау цифры сәйкес келмейді"}
	russian = language{code: "ru", button: "Русский",
		email: "Электронная почта", password: "Пароль",
		forbidden: "Нет доступа", notFound: "Страница не найдена",
		binLabel: "БИН", binChecksum: "Контрольная цифра БИН не сходится"}
	languages = []language{kazakh, russian, english}
)

// switchTo presses the language's button in the header; the page comes back
// in that language.
func switchTo(b *browsertest.Browser, l language) {
	b.Click(l.button)
}

// signIn signs in through the form on the page shown, whose labels are in
// language l, and waits for the page it leads to.
func signIn(t *testing.T, b *browsertest.Browser, l language, a account) {
	t.Helper()
	b.Fill(l.email, a.email)
	b.Fill(l.password, password)
	b.Submit()
	b.Contains(t, a.name) // shown in the header when signed in
}

// signOut presses the header's sign-out button, whatever its language.
func signOut(t *testing.T, b *browsertest.Browser, a account) {
	t.Helper()
	b.Click(`form[action="/signout"] button`)
	if strings.Contains(b.Text(), a.name) {
		t.Fatalf("%s is still signed in after signing out", a.name)
	}
}

// shown is one page of the tour, as it was left for a check.
type shown struct {
	lang language
	name string // such as "organisations_new"
}

// tour shows every page a person can see, in language l, and calls check
// on each as a subtest named after the page; check must leave the browser
// on the page. It goes through the organisations' part, then the accounts'.
func (s *site) tour(t *testing.T, b *browsertest.Browser, l language, check func(*testing.T, *browsertest.Browser, shown)) {
	t.Helper()
	at := func(name string) {
		t.Helper()
		t.Run(name, func(t *testing.T) { check(t, b, shown{l, name}) })
	}
	s.organisationPages(t, b, l, at)
	s.accountPages(t, b, l, at)
}

// organisationPages are what a visitor sees, the page refused to a
// coordinator, and the organisations as the admin sees them; the admin stays
// signed in.
func (s *site) organisationPages(t *testing.T, b *browsertest.Browser, l language, at func(string)) {
	t.Helper()
	b.Visit(s.URL + "/password/forgot")
	switchTo(b, l)
	at("password_forgot")
	// A coordinator may not manage users.
	b.Visit(s.URL + "/signin?next=/users")
	at("signin")
	signIn(t, b, l, s.coordinator)
	b.Contains(t, l.forbidden)
	at("forbidden")
	signOut(t, b, s.coordinator)

	b.Visit(s.URL + "/signin?next=/")
	signIn(t, b, l, s.admin)
	at("home")
	org := "/organisations/" + s.orgID
	for _, p := range []struct{ name, path string }{
		{"regions", "/regions"},
		{"organisations", "/organisations"},
		{"organisations_search", "/organisations?q=" + url.QueryEscape("Астана")},
		{"organisation", org},
		{"organisation_edit", org + "/edit"},
		{"organisations_new", "/organisations/new"},
	} {
		b.Visit(s.URL + p.path)
		at(p.name)
	}
	// The organisation form sent back with its errors.
	b.Fill(l.binLabel, "190440000011")
	b.Submit()
	b.Contains(t, l.binChecksum)
	at("organisation_invalid")
}

// accountPages are, for the admin signed in, their own account, the users,
// the audit log, and a page that does not exist; then the admin signs out.
func (s *site) accountPages(t *testing.T, b *browsertest.Browser, l language, at func(string)) {
	t.Helper()
	// A reset mail, so that the page of background jobs lists a job.
	if resp, err := http.PostForm(s.URL+"/password/forgot", url.Values{"email": {s.coordinator.email}}); err != nil {
		t.Fatal(err)
	} else {
		resp.Body.Close()
	}
	for _, p := range []struct{ name, path string }{
		{"account", "/account"},
		{"account_password", "/account/password"},
		{"audit", "/audit"},
		{"users", "/users"},
		{"users_new", "/users/new"},
		{"jobs", "/jobs"},
		{"user", "/users/" + s.coordinator.id},
	} {
		b.Visit(s.URL + p.path)
		at(p.name)
	}
	// Deactivating the account asks first.
	b.Click(`form[action$="/deactivate"] button`)
	at("confirm")
	b.Visit(s.URL + "/no-such-page")
	b.Contains(t, l.notFound)
	at("not_found")
	signOut(t, b, s.admin)
}
