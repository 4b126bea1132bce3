package service

import (
	"net/http"
	"time"

	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/web/session"
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

func (s *Server) TokenOf(t auth.APIToken) APITokenView {
	return APITokenView{ID: t.ID, Name: t.Name, Created: t.Created, LastUsed: t.LastUsed,
		Expires: t.Expires, Revoked: t.Revoked, Active: t.Active(s.Opt.Now())}
}

// createToken makes an API token for the request's principal.
func (s *Server) CreateToken(r *http.Request, name string, expires time.Time) (string, auth.APIToken, error) {
	if auth.ValidateTokenName(name) != nil {
		return "", auth.APIToken{}, &session.FieldError{Field: "name", Key: "Give the token a name of 1 to %d characters.", Args: []any{auth.MaxTokenNameLen}}
	}
	now := s.Opt.Now()
	if !expires.IsZero() && !expires.After(now) {
		return "", auth.APIToken{}, &session.FieldError{Field: "expires_at", Key: "The expiry date must be in the future."}
	}
	p := session.Principal(r)
	token, t, err := s.Accounts.CreateAPIToken(r.Context(), p.UserID, p.UserID, name, expires, now)
	if err != nil {
		return "", auth.APIToken{}, err
	}
	s.Log.Info("API token created", "user", p.UserID, "token", t.ID)
	return token, t, nil
}
