package service

import (
	"net/http"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/certificate"
	"github.com/kasip/kasip/recognition"
	"github.com/kasip/kasip/web/httpx"
	"github.com/kasip/kasip/web/session"
	"github.com/kasip/kasip/workforce"
)

// Server holds the stores and the operations the API and the UI share.
type Server struct {
	*session.Server
	Reg kasip.Registry
	// Search ranks standards; nil answers search with 501.
	Search kasip.Searcher
	// StandardJSON serves stored JSON as it is; nil encodes the model.
	StandardJSON kasip.StandardJSONer
	// Recognition and Certificates keep the recognition process and its
	// certificates; nil answers their routes with 501.
	Recognition  recognition.Store
	Certificates certificate.Store
	// Workforce keeps organisations; nil answers their routes with 501.
	Workforce workforce.Store
	Mux       *http.ServeMux
	// Verifies limits the public certificate routes.
	Verifies *httpx.RateLimiter
}
