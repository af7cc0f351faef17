package http

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

// LanguageCookie remembers a browser's language choice.
const LanguageCookie = "parasat_lang"

// page is what every template receives.
type page struct {
	T           *i18n.Localizer
	Lang        parasat.Language
	User        *parasat.User
	Title       string // already translated
	Nav         []navItem
	Breadcrumbs []crumb
	Flash       string // already translated
	Path        string // the current path with query, for the language switch to return to
	Data        any
}

type navItem struct {
	Label, Href string
	Current     bool
}

type crumb struct{ Label, Href string }

// langOption is one button of the language switch, named in its own language.
type langOption struct{ Code, Label string }

var langOptions = []langOption{{"kk", "Қазақша"}, {"ru", "Русский"}, {"en", "English"}}

// pageRoute is a page and the action its policy rule guards.
type pageRoute struct {
	Pattern string
	Action  parasat.Action
}

// loadTemplates parses each page together with the layout.
func loadTemplates() (map[string]*template.Template, error) {
	funcs := template.FuncMap{
		"T":    func(l *i18n.Localizer, key string, args ...any) string { return l.T(key, args...) },
		"N":    func(l *i18n.Localizer, key string, n int, args ...any) string { return l.N(key, n, args...) },
		"date": func(l *i18n.Localizer, t time.Time) string { return l.Date(t.In(i18n.Zone())) },
		"dateTime": func(l *i18n.Localizer, t time.Time) string {
			return l.DateTime(t.In(i18n.Zone()))
		},
		"name": func(n parasat.Names, lang parasat.Language) string { return n.Best(lang) },
		// money formats tiyn as tenge: "2 300 000 ₸".
		"money": func(l *i18n.Localizer, tiyn int64) string { return l.Money(tiyn) },
		// num formats any integer the way the language groups digits.
		"num": func(l *i18n.Localizer, n any) (string, error) {
			switch v := n.(type) {
			case int:
				return l.Number(int64(v)), nil
			case int64:
				return l.Number(v), nil
			}
			return "", fmt.Errorf("num: %T is not an integer", n)
		},
		"query": func(k, v string) template.URL { return template.URL(k + "=" + url.QueryEscape(v)) },
		"errorFor": func(errs map[string]string, field string) string {
			return errs[field]
		},
		"langs":    func() []langOption { return langOptions },
		"deref":    func(p *int64) int64 { return *p },
		"derefInt": func(p *int) int { return *p },
		"roles":    func() []parasat.Role { return parasat.Roles },
		// entities are the kinds of record the audit log names.
		"entities": func() []string {
			return []string{"organisation", "region", "user", "role_grant", "api_token", "beneficiary", "household",
				"volunteer", "patron", "skill", "event", "aid_record", "job", "campaign", "donation", "pledge", "ledger_entry", "goods_gift",
				"stock_movement", "shift", "shift_signup"}
		},
		"dict": func(kv ...any) (map[string]any, error) {
			if len(kv)%2 != 0 {
				return nil, fmt.Errorf("dict needs key/value pairs")
			}
			m := make(map[string]any, len(kv)/2)
			for i := 0; i < len(kv); i += 2 {
				k, ok := kv[i].(string)
				if !ok {
					return nil, fmt.Errorf("dict key %v is not a string", kv[i])
				}
				m[k] = kv[i+1]
			}
			return m, nil
		},
		"has": func(list []string, s string) bool {
			for _, v := range list {
				if v == s {
					return true
				}
			}
			return false
		},
	}
	pages, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		return nil, err
	}
	out := map[string]*template.Template{}
	for _, p := range pages {
		name := strings.TrimSuffix(strings.TrimPrefix(p, "templates/"), ".html")
		if name == "layout" || strings.HasPrefix(name, "_") {
			continue
		}
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFiles, "templates/layout.html", "templates/_*.html", p)
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", name, err)
		}
		out[name] = t
	}
	return out, nil
}

// language picks the language of a response: the browser's choice, then
// the account's, then Accept-Language.
func (s *Server) language(r *http.Request) parasat.Language {
	if c, err := r.Cookie(LanguageCookie); err == nil {
		switch l := parasat.Language(c.Value); l {
		case parasat.Kazakh, parasat.Russian, parasat.English:
			return l
		}
	}
	if u := currentUser(r.Context()); u != nil && u.Language != "" {
		return u.Language
	}
	return i18n.Negotiate(r.Header.Get("Accept-Language"))
}

// newPage prepares the layout's data for a request.
func (s *Server) newPage(w http.ResponseWriter, r *http.Request, titleKey string, data any) *page {
	lang := s.language(r)
	l := s.catalog.For(lang)
	p := &page{T: l, Lang: lang, User: currentUser(r.Context()), Title: l.T(titleKey), Data: data, Path: r.URL.RequestURI()}
	p.Nav = s.navigation(r, l)
	if key, args := takeFlash(w, r); key != "" && l.Has(key) {
		p.Flash = l.T(key, args...)
	}
	return p
}

// navigation shows only what the signed-in role may use.
func (s *Server) navigation(r *http.Request, l *i18n.Localizer) []navItem {
	u := currentUser(r.Context())
	items := []struct {
		key, href string
		action    parasat.Action
	}{
		{"nav.home", "/", parasat.ReadPublished},
		{"nav.results", "/results", parasat.ReadReport},
		{"nav.organisations", "/organisations", parasat.ReadPublished},
		{"nav.regions", "/regions", parasat.ReadPublished},
		{"nav.events", "/events", parasat.ReadPublished},
		{"nav.reports", "/reports", parasat.ReadReport},
		{"nav.beneficiaries", "/beneficiaries", parasat.ReadBeneficiary},
		{"nav.volunteers", "/volunteers", parasat.ReadVolunteer},
		{"nav.patrons", "/patrons", parasat.ReadPatron},
		{"nav.households", "/households", parasat.ReadBeneficiary},
		{"nav.campaigns", "/campaigns", parasat.ReadPublished},
		{"nav.gifts", "/donations", parasat.ReadGift},
		{"nav.ledger", "/ledger", parasat.ReadLedger},
		{"nav.users", "/users", parasat.ManageUsers},
		{"nav.audit_log", "/audit", parasat.ReadAudit},
		{"nav.jobs", "/jobs", parasat.ManageJobs},
		{"nav.my_shifts", "/my/shifts", parasat.OwnShifts},
	}
	var out []navItem
	for _, it := range items {
		if !parasat.CanSome(u, it.action) {
			continue
		}
		current := r.URL.Path == it.href || it.href != "/" && strings.HasPrefix(r.URL.Path, it.href+"/")
		out = append(out, navItem{Label: l.T(it.key), Href: it.href, Current: current})
	}
	return out
}

// render writes a page with the layout; a template error is a bug, logged as such.
func (s *Server) render(w http.ResponseWriter, status int, name string, p *page) {
	t, ok := s.templates[name]
	if !ok {
		s.logger.Error("no such template", "name", name)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, p); err != nil {
		s.logger.Error("render", "template", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Language", string(p.Lang))
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// handlePage registers a page behind the policy: the route's action must be
// allowed to the caller for some record, or the visitor is sent to sign in
// (nobody signed in) or shown a friendly refusal.
func (s *Server) handlePage(mux *http.ServeMux, pattern string, action parasat.Action, h http.HandlerFunc) {
	s.pageRoutes = append(s.pageRoutes, pageRoute{Pattern: pattern, Action: action})
	mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		u := currentUser(r.Context())
		switch {
		case !parasat.KnownAction(action):
			s.logger.Error("page without a policy action", "pattern", pattern)
			s.forbidden(w, r)
		case parasat.CanSome(u, action):
			h(w, r)
		case u == nil:
			s.redirectToSignIn(w, r)
		default:
			s.forbidden(w, r)
		}
	})
}

func (s *Server) redirectToSignIn(w http.ResponseWriter, r *http.Request) {
	target := "/signin?next=" + url.QueryEscape(r.URL.RequestURI())
	if identityFrom(r.Context()).sessionExpired {
		target += "&expired=1"
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

func (s *Server) forbidden(w http.ResponseWriter, r *http.Request) {
	s.render(w, http.StatusForbidden, "error", s.newPage(w, r, "error.forbidden.title", errorPage{MessageKey: "error.forbidden.text"}))
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.render(w, http.StatusNotFound, "error", s.newPage(w, r, "error.not_found.title", errorPage{MessageKey: "error.not_found.text"}))
}

func (s *Server) serverError(w http.ResponseWriter, r *http.Request, err error) {
	s.logger.Error("internal error", "path", r.URL.Path, "err", err)
	s.render(w, http.StatusInternalServerError, "error", s.newPage(w, r, "error.internal.title", errorPage{MessageKey: "error.internal.text"}))
}

type errorPage struct{ MessageKey string }

// pageError shows the right page for a domain error that is not about a field.
func (s *Server) pageError(w http.ResponseWriter, r *http.Request, err error) {
	switch parasat.ErrorCode(err) {
	case parasat.ENotFound:
		s.notFound(w, r)
	case parasat.EForbidden:
		s.forbidden(w, r)
	default:
		s.serverError(w, r, err)
	}
}

const flashCookie = "parasat_flash"

// setFlash leaves a message for the next page the browser shows: a key and
// its arguments as name/value pairs, translated when shown.
func setFlash(w http.ResponseWriter, key string, args ...string) {
	v := url.Values{"k": {key}}
	for i := 0; i+1 < len(args); i += 2 {
		v.Set(args[i], args[i+1])
	}
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: v.Encode(), Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode})
}

// takeFlash reads and clears the flash message.
func takeFlash(w http.ResponseWriter, r *http.Request) (string, []any) {
	c, err := r.Cookie(flashCookie)
	if err != nil {
		return "", nil
	}
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	v, err := url.ParseQuery(c.Value)
	if err != nil {
		return "", nil
	}
	var args []any
	for name := range v {
		if name != "k" {
			args = append(args, name, v.Get(name))
		}
	}
	return v.Get("k"), args
}

// fieldErrors turns a domain validation error into translated messages by
// field; ok is false when err is not a validation error.
func fieldErrors(l *i18n.Localizer, err error) (map[string]string, bool) {
	e, ok := err.(*parasat.Error)
	if !ok || e.Code != parasat.EInvalid && e.Code != parasat.EConflict || len(e.Fields) == 0 {
		return nil, false
	}
	out := map[string]string{}
	for _, f := range e.Fields {
		if out[f.Field] == "" {
			out[f.Field] = fieldMessage(l, f)
		}
	}
	return out, true
}

// today is the current moment in Kazakhstan's time, for ages and dates.
func (s *Server) today() time.Time { return time.Now().In(i18n.Zone()) }

// firstFieldError returns the translated message of the first field of a
// validation error, or "".
func firstFieldError(l *i18n.Localizer, err error) string {
	e, ok := err.(*parasat.Error)
	if !ok || len(e.Fields) == 0 {
		return ""
	}
	return fieldMessage(l, e.Fields[0])
}

// fieldMessage translates a field error by its code, falling back to the
// domain's English text for a code without a message.
func fieldMessage(l *i18n.Localizer, f parasat.FieldError) string {
	if key := "field." + f.Code; l.Has(key) {
		return l.T(key)
	}
	return f.Message
}

// safeNext keeps a post-sign-in redirect on this site.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	return next
}
