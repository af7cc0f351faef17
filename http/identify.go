package http

import (
	"context"
	"net/http"
	"strings"

	"github.com/parasat-kz/parasat"
)

// SessionCookie is the name of the cookie that carries a session's secret.
const SessionCookie = "parasat_session"

// identity is who made a request, found once by identify.
type identity struct {
	user *parasat.User
	// tokenRejected: an Authorization header was sent but its token is
	// unknown, revoked or expired (the API answers 401, not "anonymous").
	tokenRejected bool
	// sessionExpired: a session cookie was sent but no longer works.
	sessionExpired bool
	// sessionSecret is the cookie's secret, to sign out or keep this session.
	sessionSecret string
}

type identityKey struct{}

func identityFrom(ctx context.Context) *identity {
	if id, ok := ctx.Value(identityKey{}).(*identity); ok {
		return id
	}
	return &identity{}
}

// currentUser returns the signed-in account, or nil.
func currentUser(ctx context.Context) *parasat.User { return identityFrom(ctx).user }

// identify finds the account behind a request — an API token in the
// Authorization header, else the session cookie — and records it, with the
// address, as the actor of any change the request makes.
func (s *Server) identify(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := &identity{}
		ctx := r.Context()
		// Only a non-empty Bearer credential counts; anything else is no credential.
		if secret, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok && strings.TrimSpace(secret) != "" {
			u, err := s.services.Users.Authenticate(ctx, strings.TrimSpace(secret))
			switch {
			case err != nil && parasat.ErrorCode(err) == parasat.EUnauthorized:
				id.tokenRejected = true
			case err != nil:
				s.logger.Error("authenticate token", "err", err)
				http.Error(w, "internal error", http.StatusInternalServerError)
				return
			default:
				id.user = u
			}
		} else if c, err := r.Cookie(SessionCookie); err == nil && c.Value != "" && s.services.Accounts != nil {
			u, err := s.services.Accounts.SessionUser(ctx, c.Value)
			switch {
			case err != nil && parasat.ErrorCode(err) == parasat.EUnauthorized:
				id.sessionExpired = true
				s.clearSessionCookie(w, r)
			case err != nil:
				s.logger.Error("session", "err", err)
				http.Error(w, "internal error", http.StatusInternalServerError)
				return
			default:
				id.user, id.sessionSecret = u, c.Value
			}
		}
		actor := parasat.Actor{Address: clientAddress(r)}
		if id.user != nil {
			actor.UserID = id.user.ID
		}
		ctx = parasat.WithActor(context.WithValue(ctx, identityKey{}, id), actor)
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// clientAddress is the remote IP without the port. Behind a reverse proxy
// every request would come from the proxy; trusting X-Forwarded-For is a
// deployment decision left for when Parasat runs behind one.
func clientAddress(r *http.Request) string {
	addr := r.RemoteAddr
	if i := strings.LastIndexByte(addr, ':'); i > 0 {
		addr = addr[:i]
	}
	return strings.Trim(addr, "[]")
}

// secureRequest tells whether the browser reached us over HTTPS, so the
// session cookie can be marked Secure without breaking plain-HTTP laptops.
func secureRequest(r *http.Request) bool {
	return r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https"
}

func (s *Server) setSessionCookie(w http.ResponseWriter, r *http.Request, secret string) {
	http.SetCookie(w, &http.Cookie{
		Name: SessionCookie, Value: secret, Path: "/",
		HttpOnly: true, Secure: secureRequest(r), SameSite: http.SameSiteLaxMode,
	})
}

func (s *Server) clearSessionCookie(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{
		Name: SessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: secureRequest(r), SameSite: http.SameSiteLaxMode,
	})
}
