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

// newSite starts the server and creates its accounts with the command line.
func newSite(t *testing.T) *site {
	t.Helper()
	browsertest.Require(t)
	s := &site{
		Server:      browsertest.StartServer(t, "--demo"),
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

// forEachLanguage runs f as a parallel subtest for each language, each with
// a browser of its own made by newBrowser. (A browser lives at most a minute:
// a tour of one language fits in it with room to spare.)
func forEachLanguage(t *testing.T, prefix string, newBrowser func(*testing.T) *browsertest.Browser, f func(*testing.T, *browsertest.Browser, language)) {
	t.Helper()
	for _, l := range languages {
		t.Run(prefix+l.code, func(t *testing.T) {
			t.Parallel()
			f(t, newBrowser(t), l)
		})
	}
}

// tour shows, in language l, every page a person can see, and calls check
// on each as a subtest named after the page. Check must leave the browser on
// the page. The tour goes: signed out, as the coordinator (a page refused to
// them), and as the admin (the rest).
func (s *site) tour(t *testing.T, b *browsertest.Browser, l language, check func(*testing.T, *browsertest.Browser, shown)) {
	t.Helper()
	at := func(name string) {
		t.Helper()
		t.Run(name, func(t *testing.T) { check(t, b, shown{l, name}) })
	}
	visit := func(name, path string) {
		t.Helper()
		b.Visit(s.URL + path)
		at(name)
	}

	// Signed out, in a fresh browser.
	b.Visit(s.URL + "/password/forgot")
	switchTo(b, l)
	at("password_forgot")
	// A coordinator may not manage users.
	visit("signin", "/signin?next=/users")
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
		{"organisations_new", "/organisations/new"},
		{"organisation_edit", org + "/edit"},
		{"account", "/account"},
		{"account_password", "/account/password"},
		{"audit", "/audit"},
		{"users", "/users"},
		{"users_new", "/users/new"},
		{"user", "/users/" + s.coordinator.id},
	} {
		visit(p.name, p.path)
	}
	// Deactivating the account asks first.
	b.Click(`form[action$="/deactivate"] button`)
	at("confirm")
	b.Visit(s.URL + "/no-such-page")
	b.Contains(t, l.notFound)
	at("not_found")
	// The organisation form sent back with its errors.
	b.Visit(s.URL + "/organisations/new")
	b.Fill(l.binLabel, "190440000011")
	b.Submit()
	b.Contains(t, l.binChecksum)
	at("organisation_invalid")
	signOut(t, b, s.admin)
}
