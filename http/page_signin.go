package http

import (
	"math"
	"net/http"
	"time"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/account"
)

type signinForm struct {
	Email, Next, Error string
	Expired            bool
}

func (s *Server) handleSignInForm(w http.ResponseWriter, r *http.Request) {
	if currentUser(r.Context()) != nil {
		http.Redirect(w, r, safeNext(r.URL.Query().Get("next")), http.StatusSeeOther)
		return
	}
	form := signinForm{Next: safeNext(r.URL.Query().Get("next")), Expired: r.URL.Query().Get("expired") == "1"}
	s.render(w, http.StatusOK, "signin", s.newPage(w, r, "signin.title", form))
}

// handleSignIn checks the credentials. Every refusal looks the same whether
// or not the e-mail has an account; a throttled sign-in says how long to wait.
func (s *Server) handleSignIn(w http.ResponseWriter, r *http.Request) {
	form := signinForm{Email: r.PostFormValue("email"), Next: safeNext(r.PostFormValue("next"))}
	secret, _, err := s.services.Accounts.SignIn(r.Context(), form.Email, r.PostFormValue("password"),
		clientAddress(r), r.UserAgent())
	if err != nil {
		p := s.newPage(w, r, "signin.title", nil)
		status := http.StatusUnauthorized
		if until, ok := account.IsThrottled(err); ok {
			minutes := int(math.Ceil(time.Until(until).Minutes()))
			form.Error = p.T.N("signin.too_many", max(minutes, 1))
			status = http.StatusTooManyRequests
		} else if err == account.ErrWrongCredentials {
			form.Error = p.T.T("signin.wrong")
		} else {
			s.serverError(w, r, err)
			return
		}
		p.Data = form
		s.render(w, status, "signin", p)
		return
	}
	s.setSessionCookie(w, r, secret)
	http.Redirect(w, r, form.Next, http.StatusSeeOther)
}

func (s *Server) handleSignOut(w http.ResponseWriter, r *http.Request) {
	if secret := identityFrom(r.Context()).sessionSecret; secret != "" {
		if err := s.services.Accounts.SignOut(r.Context(), secret); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	s.clearSessionCookie(w, r)
	setFlash(w, "flash.signed_out")
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// handleLanguage switches the language: remembered in the browser, and for
// a signed-in person in their account too.
func (s *Server) handleLanguage(w http.ResponseWriter, r *http.Request) {
	lang := r.PostFormValue("lang")
	if lang != "kk" && lang != "ru" && lang != "en" {
		http.Redirect(w, r, safeNext(r.PostFormValue("next")), http.StatusSeeOther)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: LanguageCookie, Value: lang, Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: secureRequest(r)})
	if u := currentUser(r.Context()); u != nil && string(u.Language) != lang {
		updated := *u
		updated.Language = parasat.Language(lang)
		if err := s.services.Users.UpdateUser(r.Context(), &updated); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	http.Redirect(w, r, safeNext(r.PostFormValue("next")), http.StatusSeeOther)
}
