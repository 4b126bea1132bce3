package web

import (
	"net/http"
	"time"

	"github.com/kasip/kasip/auth"
)

// APITokenView describes an API token; the token itself is shown only when
// it is created (NewAPITokenView).
type APITokenView struct {
	ID       int64     `json:"id"`
	Name     string    `json:"name"`
	Created  time.Time `json:"created_at"`
	LastUsed time.Time `json:"last_used_at,omitzero"`
	Expires  time.Time `json:"expires_at,omitzero"`
	Revoked  time.Time `json:"revoked_at,omitzero"`
	Active   bool      `json:"active"`
}

func (s *Server) tokenOf(t auth.APIToken) APITokenView {
	return APITokenView{ID: t.ID, Name: t.Name, Created: t.Created, LastUsed: t.LastUsed,
		Expires: t.Expires, Revoked: t.Revoked, Active: t.Active(s.opt.Now())}
}

// createToken makes an API token for the request's principal.
func (s *Server) createToken(r *http.Request, name string, expires time.Time) (string, auth.APIToken, error) {
	if auth.ValidateTokenName(name) != nil {
		return "", auth.APIToken{}, &fieldError{field: "name", key: "Give the token a name of 1 to %d characters.", args: []any{auth.MaxTokenNameLen}}
	}
	now := s.opt.Now()
	if !expires.IsZero() && !expires.After(now) {
		return "", auth.APIToken{}, &fieldError{field: "expires_at", key: "The expiry date must be in the future."}
	}
	p := principal(r)
	token, t, err := s.opt.Accounts.CreateAPIToken(r.Context(), p.UserID, p.UserID, name, expires, now)
	if err != nil {
		return "", auth.APIToken{}, err
	}
	s.log.Info("API token created", "user", p.UserID, "token", t.ID)
	return token, t, nil
}
