package service

import (
	"net/http"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/web/httpx"
	"github.com/kasip/kasip/web/session"
)

// Server holds the stores and the operations the API and the UI share.
type Server struct {
	*session.Server
	Reg kasip.Registry
	Mux *http.ServeMux
	// Verifies limits the public certificate routes.
	Verifies *httpx.RateLimiter
}
