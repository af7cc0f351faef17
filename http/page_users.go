package http

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/parasat-kz/parasat"
)

type usersPage struct {
	Users []parasat.User
	Query string
	Next  string
}

func (s *Server) handleUsers(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	after, _ := strconv.ParseInt(q.Get("after"), 10, 64)
	const limit = 50
	users, err := s.services.Users.ListUsers(r.Context(), parasat.UserFilter{Query: q.Get("q"), After: after, Limit: limit})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	data := usersPage{Users: users, Query: q.Get("q")}
	if len(users) == limit {
		data.Next = strconv.FormatInt(users[len(users)-1].ID, 10)
	}
	s.render(w, http.StatusOK, "users", s.newPage(w, r, "nav.users", data))
}

type userForm struct {
	Email, Name, Language, Role, Region, Organisation string
	Errors                                            map[string]string
	Summary                                           string
	Regions                                           []parasat.Region
	Orgs                                              []option
}

func (s *Server) userFormPage(w http.ResponseWriter, r *http.Request, status int, form userForm) {
	regions, err := s.services.Regions.ListRegions(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	form.Regions = regions
	if form.Orgs, err = s.organisationOptions(r.Context(), s.language(r)); err != nil {
		s.serverError(w, r, err)
		return
	}
	p := s.newPage(w, r, "users.invite", form)
	p.Breadcrumbs = []crumb{{p.T.T("nav.users"), "/users"}, {p.Title, ""}}
	s.render(w, status, "user_new", p)
}

func (s *Server) handleNewUserForm(w http.ResponseWriter, r *http.Request) {
	s.userFormPage(w, r, http.StatusOK, userForm{Language: "kk", Role: string(parasat.RoleCoordinator)})
}

// grantFromForm reads a role and its scope from a form.
func grantFromForm(r *http.Request) parasat.Grant {
	g := parasat.Grant{Role: parasat.Role(r.PostFormValue("role"))}
	switch g.Role {
	case parasat.RoleCoordinator:
		g.Region = r.PostFormValue("region")
	case parasat.RoleManager:
		if id, err := strconv.ParseInt(strings.TrimSpace(r.PostFormValue("organisation")), 10, 64); err == nil {
			g.OrganisationID = &id
		} else {
			zero := int64(0)
			g.OrganisationID = &zero // reported as a missing organisation
		}
	}
	return g
}

// handleInvite creates the account and shows the one-time link to hand over.
func (s *Server) handleInvite(w http.ResponseWriter, r *http.Request) {
	form := userForm{Email: r.PostFormValue("email"), Name: r.PostFormValue("name"), Language: r.PostFormValue("language"),
		Role: r.PostFormValue("role"), Region: r.PostFormValue("region"), Organisation: r.PostFormValue("organisation")}
	u := &parasat.User{Email: form.Email, Name: form.Name, Language: parasat.Language(form.Language),
		Grants: []parasat.Grant{grantFromForm(r)}}
	secret, err := s.services.Accounts.Invite(r.Context(), u)
	if err != nil {
		l := s.catalog.For(s.language(r))
		errs, ok := fieldErrors(l, err)
		if !ok {
			s.serverError(w, r, err)
			return
		}
		form.Errors, form.Summary = errs, l.T("form.invalid")
		s.userFormPage(w, r, http.StatusUnprocessableEntity, form)
		return
	}
	s.userPage(w, r, http.StatusCreated, u.ID, setPasswordLink(secret), s.services.MailConfigured)
}

type userDetail struct {
	Account *parasat.User
	Link    string // a fresh one-time link to hand over
	Mailed  bool   // the link was mailed to the account too
	Regions []parasat.Region
	Orgs    []option
	Errors  map[string]string
	Self    bool
}

func (s *Server) userPage(w http.ResponseWriter, r *http.Request, status int, id int64, link string, mailed bool) {
	u, err := s.services.Users.User(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	regions, err := s.services.Regions.ListRegions(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	orgs, err := s.organisationOptions(r.Context(), s.language(r))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	data := userDetail{Account: u, Link: link, Mailed: mailed, Regions: regions, Orgs: orgs, Self: u.ID == currentUser(r.Context()).ID}
	p := s.newPage(w, r, "users.account", data)
	p.Title = u.Name
	p.Breadcrumbs = []crumb{{p.T.T("nav.users"), "/users"}, {u.Name, ""}}
	s.render(w, status, "user", p)
}

func pathID(r *http.Request, name string) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	return id, err == nil && id > 0
}

func (s *Server) handleUser(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r, "id")
	if !ok {
		s.notFound(w, r)
		return
	}
	s.userPage(w, r, http.StatusOK, id, "", false)
}

// userAction runs one change on an account and returns to its page. A
// destructive change (confirmKey not empty) is asked about first.
func (s *Server) userAction(confirmKey string, change func(r *http.Request, id int64) (flash string, err error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, ok := pathID(r, "id")
		if !ok {
			s.notFound(w, r)
			return
		}
		if confirmKey != "" {
			u, err := s.services.Users.User(r.Context(), id)
			if err != nil {
				s.pageError(w, r, err)
				return
			}
			if !s.confirmed(w, r, "/users/"+strconv.FormatInt(id, 10), confirmKey, "Name", u.Name) {
				return
			}
		}
		flash, err := change(r, id)
		if err != nil {
			l := s.catalog.For(s.language(r))
			if msg := firstFieldError(l, err); msg != "" {
				s.renderUserWithError(w, r, id, msg)
				return
			}
			s.pageError(w, r, err)
			return
		}
		setFlash(w, flash)
		http.Redirect(w, r, "/users/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
	}
}

func (s *Server) renderUserWithError(w http.ResponseWriter, r *http.Request, id int64, msg string) {
	u, err := s.services.Users.User(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	regions, _ := s.services.Regions.ListRegions(r.Context())
	p := s.newPage(w, r, "users.account", userDetail{Account: u, Regions: regions, Errors: map[string]string{"grant": msg},
		Self: u.ID == currentUser(r.Context()).ID})
	p.Title = u.Name
	p.Breadcrumbs = []crumb{{p.T.T("nav.users"), "/users"}, {u.Name, ""}}
	s.render(w, http.StatusUnprocessableEntity, "user", p)
}

func (s *Server) registerUserPages(mux *http.ServeMux) {
	s.handlePage(mux, "GET /users", parasat.ManageUsers, s.handleUsers)
	s.handlePage(mux, "GET /users/new", parasat.ManageUsers, s.handleNewUserForm)
	s.handlePage(mux, "POST /users", parasat.ManageUsers, s.handleInvite)
	s.handlePage(mux, "GET /users/{id}", parasat.ManageUsers, s.handleUser)
	s.handlePage(mux, "POST /users/{id}/grants", parasat.ManageUsers, s.userAction("", func(r *http.Request, id int64) (string, error) {
		g := grantFromForm(r)
		g.UserID = id
		return "flash.role_granted", s.services.Users.GrantRole(r.Context(), &g)
	}))
	s.handlePage(mux, "POST /users/{id}/grants/{grant}/revoke", parasat.ManageUsers, s.userAction("confirm.revoke_role", func(r *http.Request, id int64) (string, error) {
		grant, _ := pathID(r, "grant")
		return "flash.role_revoked", s.services.Users.RevokeRole(r.Context(), id, grant)
	}))
	s.handlePage(mux, "POST /users/{id}/deactivate", parasat.ManageUsers, s.userAction("confirm.deactivate", func(r *http.Request, id int64) (string, error) {
		if id == currentUser(r.Context()).ID {
			return "", parasat.Errorf(parasat.EForbidden, "you cannot deactivate your own account")
		}
		return "flash.user_deactivated", s.services.Users.SetActive(r.Context(), id, false)
	}))
	s.handlePage(mux, "POST /users/{id}/reactivate", parasat.ManageUsers, s.userAction("", func(r *http.Request, id int64) (string, error) {
		return "flash.user_reactivated", s.services.Users.SetActive(r.Context(), id, true)
	}))
	s.handlePage(mux, "POST /users/{id}/sign-out", parasat.ManageUsers, s.userAction("confirm.sign_out_user", func(r *http.Request, id int64) (string, error) {
		_, err := s.services.Accounts.SignOutEverywhere(r.Context(), id, "")
		return "flash.signed_out_everywhere", err
	}))
	s.handlePage(mux, "POST /users/{id}/reset-link", parasat.ManageUsers, func(w http.ResponseWriter, r *http.Request) {
		id, ok := pathID(r, "id")
		if !ok {
			s.notFound(w, r)
			return
		}
		secret, err := s.services.Accounts.ResetLink(r.Context(), id)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		link := setPasswordLink(secret)
		s.logger.Info("password reset link created", "user_id", id, "link", link)
		w.Header().Set("Cache-Control", "no-store")
		s.userPage(w, r, http.StatusCreated, id, link, false)
	})
}
