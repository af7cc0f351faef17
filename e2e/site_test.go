package e2e

import (
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/parasat-kz/parasat/internal/browsertest"
)

// password is every test account's password.
const password = "correct horse battery staple"

// account is a person with an account on the test server.
type account struct {
	email, name, id string
}

// site is a `parasat serve --demo` with an admin and a coordinator of Astana.
type site struct {
	*browsertest.Server
	admin, coordinator account
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
	return s
}

// language is what the tests need to know of one language of the pages.
type language struct {
	code   string
	button string // its button in the header's language switch
	// The titles of the pages of errors 403 and 404.
	forbidden, notFound string
	// The organisation form's BIN field and the error of a wrong check digit.
	binLabel, binChecksum string
}

var (
	english = language{code: "en", button: "English",
		forbidden: "Not allowed", notFound: "Page not found",
		binLabel: "BIN", binChecksum: "The BIN's check digit does not match"}
	kazakh = language{code: "kk", button: "Қазақша",
		forbidden: "Рұқсат жоқ", notFound: "Бет табылмады",
		binLabel: "БСН", binChecksum: "БСН-нің бақылау цифры сәйкес келмейді"}
	russian = language{code: "ru", button: "Русский",
		forbidden: "Нет доступа", notFound: "Страница не найдена",
		binLabel: "БИН", binChecksum: "Контрольная цифра БИН не сходится"}
	languages = []language{kazakh, russian, english}
)

// switchTo presses the language's button in the header; the page comes back
// in that language.
func switchTo(b *browsertest.Browser, l language) {
	b.Click(l.button)
}

// signIn signs in through the form, in English (the labels are looked up in
// English), and leaves the browser in English.
func (s *site) signIn(t *testing.T, b *browsertest.Browser, a account) {
	t.Helper()
	b.Visit(s.URL + "/signin?next=/account")
	switchTo(b, english)
	b.Fill("Email", a.email)
	b.Fill("Password", password)
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

// tour shows every page a person can see, in every language, and calls
// check on each as a subtest named language/page. Check must leave the
// browser on the page. The tour goes: signed out, as the coordinator (a
// page refused to them), and as the admin (the rest).
func (s *site) tour(t *testing.T, b *browsertest.Browser, check func(*testing.T, *browsertest.Browser, shown)) {
	t.Helper()
	at := func(l language, name string) {
		t.Helper()
		t.Run(l.code+"/"+name, func(t *testing.T) { check(t, b, shown{l, name}) })
	}
	visit := func(l language, name, path string) {
		t.Helper()
		b.Visit(s.URL + path)
		at(l, name)
	}

	// Signed out: a fresh browser, English from Accept-Language.
	for _, l := range languages {
		b.Visit(s.URL + "/signin")
		switchTo(b, l)
		at(l, "signin")
		visit(l, "password_forgot", "/password/forgot")
	}

	// A coordinator may not manage users.
	s.signIn(t, b, s.coordinator)
	for _, l := range languages {
		b.Visit(s.URL + "/users")
		switchTo(b, l)
		b.Contains(t, l.forbidden)
		at(l, "forbidden")
	}
	signOut(t, b, s.coordinator)

	s.signIn(t, b, s.admin)
	b.Visit(s.URL + "/organisations")
	b.Click(`table a[href^="/organisations/"]`)
	org := strings.TrimPrefix(b.URL(), s.URL)
	if !regexp.MustCompile(`^/organisations/\d+$`).MatchString(org) {
		t.Fatalf("the first organisation of the list is at %q", org)
	}
	for _, l := range languages {
		b.Visit(s.URL + "/")
		switchTo(b, l)
		at(l, "home")
		for _, p := range []struct{ name, path string }{
			{"regions", "/regions"},
			{"organisations", "/organisations"},
			{"organisations_search", "/organisations?q=" + url.QueryEscape("Астана")},
			{"organisation", org},
			{"organisations_new", "/organisations/new"},
			{"organisation_edit", org + "/edit"},
			{"users", "/users"},
			{"users_new", "/users/new"},
			{"user", "/users/" + s.coordinator.id},
			{"account", "/account"},
			{"account_password", "/account/password"},
			{"audit", "/audit"},
		} {
			visit(l, p.name, p.path)
		}
		// Deactivating an account asks first.
		b.Visit(s.URL + "/users/" + s.coordinator.id)
		b.Click(`form[action$="/deactivate"] button`)
		at(l, "confirm")
		b.Visit(s.URL + "/no-such-page")
		b.Contains(t, l.notFound)
		at(l, "not_found")
		// The organisation form sent back with its errors.
		b.Visit(s.URL + "/organisations/new")
		b.Fill(l.binLabel, "190440000011")
		b.Submit()
		b.Contains(t, l.binChecksum)
		at(l, "organisation_invalid")
	}
	signOut(t, b, s.admin)
}
