package session

import (
	"log/slog"
	"net/http"

	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/web/httpx"
)

// Server holds what authentication and sessions need.
type Server struct {
	// Accounts keeps users, sessions and API tokens; nil disables
	// sign-in: pages say so, and routes that need a signed-in user answer
	// 401 or 403 to everyone but the AdminToken.
	Accounts auth.Store
	Opt      Options
	Log      *slog.Logger
	// ErrorPage renders the UI's error page.
	ErrorPage func(http.ResponseWriter, *http.Request, *httpx.UIError)
	// SignIns limits sign-in and password attempts. It is the one piece
	// of state a server keeps, per process.
	SignIns *httpx.RateLimiter
}
