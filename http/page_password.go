package http

import (
	"net/http"
)

type passwordForm struct {
	Token   string
	Email   string
	Errors  map[string]string
	Summary string
	Sent    bool
	Mailed  bool // mail is configured: the link goes by mail, not to the log
}

func (s *Server) handleForgotForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, http.StatusOK, "password_forgot", s.newPage(w, r, "password.forgot.title", passwordForm{}))
}

// handleForgot answers the same whether or not the e-mail has an account.
// The link is mailed through the job queue; while mail is not configured the
// mail goes to the log, where an admin finds it (an admin can also make a
// link from the account's page).
func (s *Server) handleForgot(w http.ResponseWriter, r *http.Request) {
	if _, _, err := s.services.Accounts.RequestReset(r.Context(), r.PostFormValue("email")); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, http.StatusOK, "password_forgot", s.newPage(w, r, "password.forgot.title",
		passwordForm{Sent: true, Mailed: s.services.MailConfigured}))
}

func (s *Server) handleSetPasswordForm(w http.ResponseWriter, r *http.Request) {
	form := passwordForm{Token: r.URL.Query().Get("token")}
	s.render(w, http.StatusOK, "password_set", s.newPage(w, r, "password.set.title", form))
}

func (s *Server) handleSetPassword(w http.ResponseWriter, r *http.Request) {
	form := passwordForm{Token: r.PostFormValue("token")}
	_, err := s.services.Accounts.ResetPassword(r.Context(), form.Token, r.PostFormValue("password"), r.PostFormValue("password_confirm"))
	if err != nil {
		p := s.newPage(w, r, "password.set.title", nil)
		errs, ok := fieldErrors(p.T, err)
		if !ok {
			s.serverError(w, r, err)
			return
		}
		form.Errors, form.Summary = errs, p.T.T("form.invalid")
		if errs["token"] != "" {
			form.Summary = errs["token"]
		}
		p.Data = form
		s.render(w, http.StatusUnprocessableEntity, "password_set", p)
		return
	}
	setFlash(w, "flash.password_set")
	http.Redirect(w, r, "/signin", http.StatusSeeOther)
}

func (s *Server) handleChangePasswordForm(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(w, r, "password.change.title", passwordForm{})
	p.Breadcrumbs = []crumb{{p.T.T("nav.my_account"), "/account"}, {p.Title, ""}}
	s.render(w, http.StatusOK, "password_change", p)
}

// handleChangePassword needs the current password, and ends the account's
// other sessions: whoever else knew the old password is signed out.
func (s *Server) handleChangePassword(w http.ResponseWriter, r *http.Request) {
	u := currentUser(r.Context())
	err := s.services.Accounts.ChangePassword(r.Context(), u.ID, r.PostFormValue("current"),
		r.PostFormValue("new"), r.PostFormValue("new_confirm"), identityFrom(r.Context()).sessionSecret)
	if err != nil {
		p := s.newPage(w, r, "password.change.title", nil)
		p.Breadcrumbs = []crumb{{p.T.T("nav.my_account"), "/account"}, {p.Title, ""}}
		errs, ok := fieldErrors(p.T, err)
		if !ok {
			s.serverError(w, r, err)
			return
		}
		p.Data = passwordForm{Errors: errs, Summary: p.T.T("form.invalid")}
		s.render(w, http.StatusUnprocessableEntity, "password_change", p)
		return
	}
	setFlash(w, "flash.password_changed")
	http.Redirect(w, r, "/account", http.StatusSeeOther)
}
