package http

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/parasat-kz/parasat"
)

type accountPage struct {
	Tokens    []parasat.APIToken
	NewSecret string // shown once, right after creation
	Errors    map[string]string
	Now       time.Time
}

func (s *Server) accountPage(w http.ResponseWriter, r *http.Request, status int, data accountPage) {
	u := currentUser(r.Context())
	tokens, err := s.services.Users.ListTokens(r.Context(), u.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	data.Tokens, data.Now = tokens, time.Now()
	p := s.newPage(w, r, "nav.my_account", data)
	s.render(w, status, "account", p)
}

func (s *Server) handleAccount(w http.ResponseWriter, r *http.Request) {
	s.accountPage(w, r, http.StatusOK, accountPage{})
}

// handleCreateToken makes an API token and shows its secret this once.
func (s *Server) handleCreateToken(w http.ResponseWriter, r *http.Request) {
	t := parasat.APIToken{UserID: currentUser(r.Context()).ID, Name: strings.TrimSpace(r.PostFormValue("name"))}
	if days := r.PostFormValue("days"); days != "" && days != "0" {
		n, err := strconv.Atoi(days)
		if err != nil || n < 0 || n > 3650 {
			l := s.catalog.For(s.language(r))
			s.accountPage(w, r, http.StatusUnprocessableEntity, accountPage{Errors: map[string]string{"days": l.T("field.days")}})
			return
		}
		at := time.Now().Add(time.Duration(n) * 24 * time.Hour)
		t.ExpiresAt = &at
	}
	secret, err := s.services.Users.CreateToken(r.Context(), &t)
	if err != nil {
		l := s.catalog.For(s.language(r))
		if errs, ok := fieldErrors(l, err); ok {
			s.accountPage(w, r, http.StatusUnprocessableEntity, accountPage{Errors: errs})
			return
		}
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	s.accountPage(w, r, http.StatusCreated, accountPage{NewSecret: secret})
}

func (s *Server) handleRevokeToken(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.notFound(w, r)
		return
	}
	if !s.confirmed(w, r, "/account", "confirm.revoke_token") {
		return
	}
	if err := s.services.Users.RevokeToken(r.Context(), currentUser(r.Context()).ID, id); err != nil {
		s.pageError(w, r, err)
		return
	}
	setFlash(w, "flash.token_revoked")
	http.Redirect(w, r, "/account", http.StatusSeeOther)
}

// handleSignOutElsewhere ends every other session of the signed-in account.
func (s *Server) handleSignOutElsewhere(w http.ResponseWriter, r *http.Request) {
	id := identityFrom(r.Context())
	if _, err := s.services.Accounts.SignOutEverywhere(r.Context(), id.user.ID, id.sessionSecret); err != nil {
		s.serverError(w, r, err)
		return
	}
	setFlash(w, "flash.signed_out_elsewhere")
	http.Redirect(w, r, "/account", http.StatusSeeOther)
}
