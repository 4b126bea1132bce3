// Package web serves the registry: the JSON API under /api/v1 and the
// server-rendered UI in Kazakh, Russian and English.
package web

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/certificate"
	"github.com/kasip/kasip/recognition"
	"github.com/kasip/kasip/web/api"
	"github.com/kasip/kasip/web/httpx"
	"github.com/kasip/kasip/web/service"
	"github.com/kasip/kasip/web/session"
	"github.com/kasip/kasip/web/ui"
	"github.com/kasip/kasip/web/ui/page"
	"github.com/kasip/kasip/workforce"
)

// Options configure a Server.
type Options = session.Options

// Server is the HTTP face of a kasip.Registry. It holds no state of its
// own, so several processes can serve one PostgreSQL database. Its
// handlers are the API's (web/api) and the pages' (web/ui) over the
// services both share (web/service); outside, it offers only Handler.
type Server struct {
	base *service.Server
	api  *api.Server
	ui   *ui.Server
}

// Registry is the registry the server serves.
func (s *Server) Registry() kasip.Registry { return s.base.Reg }

// Pattern is the route pattern that serves r ("" for none), as the access
// matrix checks it.
func (s *Server) Pattern(r *http.Request) string {
	_, pattern := s.base.Mux.Handler(r)
	return pattern
}

// Options are the options the server runs with, defaults filled in.
func (s *Server) Options() Options { return s.base.Opt }

// Services are the stores the server works on, each named: a *store.Store
// is all of them. Registry is required; a nil Search, Recognition or
// Certificates answers those routes with 501, a nil Accounts disables
// sign-in, a nil StandardJSON encodes standards from the model.
type Services struct {
	Registry     kasip.Registry
	Search       kasip.Searcher
	StandardJSON kasip.StandardJSONer
	Accounts     auth.Store
	Recognition  recognition.Store
	Certificates certificate.Store
	Workforce    workforce.Store
}

// New makes a server over svc.
func New(svc Services, opt Options) (*Server, error) {
	if svc.Registry == nil {
		return nil, errors.New("web: no registry")
	}
	if opt.MaxUploadSize <= 0 {
		opt.MaxUploadSize = 32 << 20
	}
	if opt.Logger == nil {
		opt.Logger = slog.Default()
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Sessions == (auth.SessionPolicy{}) {
		opt.Sessions = auth.DefaultSessionPolicy
	}
	if err := opt.Sessions.Validate(); err != nil {
		return nil, fmt.Errorf("web options: %w", err)
	}
	if opt.PasswordParams == (auth.Params{}) {
		opt.PasswordParams = auth.DefaultParams
	}
	if opt.SignInRate == 0 {
		opt.SignInRate = 10
	}
	sess := &session.Server{Accounts: svc.Accounts, Opt: opt, Log: opt.Logger}
	sess.SignIns = httpx.NewRateLimiter(opt.SignInRate, time.Minute)
	if opt.VerifyRate == 0 {
		opt.VerifyRate = 300
	}
	base := &service.Server{Server: sess, Reg: svc.Registry, Search: svc.Search, StandardJSON: svc.StandardJSON,
		Recognition: svc.Recognition, Certificates: svc.Certificates, Workforce: svc.Workforce, Mux: http.NewServeMux()}
	base.Verifies = httpx.NewRateLimiter(opt.VerifyRate, time.Minute)
	state, err := page.NewUI()
	if err != nil {
		return nil, fmt.Errorf("loading the UI: %w", err)
	}
	s := &Server{base: base, api: &api.Server{Server: base}, ui: &ui.Server{Server: &page.Server{Server: base, UI: state}}}
	sess.ErrorPage = s.ui.RenderErrorPage
	s.api.APIRoutes()
	s.ui.UIRoutes()
	return s, nil
}

// Handler returns the server's handler with its middleware.
func (s *Server) Handler() http.Handler {
	var h http.Handler = s.base.Mux
	// Authentication runs inside the cross-origin check, so a refused
	// cross-site request costs no database lookup.
	h = s.base.Authenticate(h)
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(s.crossOriginDenied))
	h = cop.Handler(h)
	h = admitVerifications(s.base.Opt.VerifyConcurrency, h)
	h = s.recoverer(h)
	h = s.logRequests(h)
	return h
}

// crossOriginDenied answers a cross-site browser request that would change
// something (CSRF): problem+json under /api/, plain text elsewhere.
func (s *Server) crossOriginDenied(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/api/") {
		httpx.Fail(w, r, http.StatusForbidden, "cross-origin request refused", "")
		return
	}
	http.Error(w, "cross-origin request refused", http.StatusForbidden)
}

// recoverer turns a panic in a handler into a 500: one bad request must not
// take the server down.
func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.base.Log.Error("panic in handler", "path", r.URL.Path, "panic", v, "stack", string(debug.Stack()))
				httpx.Fail(w, r, http.StatusInternalServerError, "internal error", "")
			}
		}()
		next.ServeHTTP(w, r)
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController and http.MaxBytesReader reach the
// connection's writer (flush, deadlines, closing after a too large body).
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: 200}
		next.ServeHTTP(sw, r.WithContext(httpx.WithRequestLog(r.Context(), s.base.Log)))
		s.base.Log.Debug("request", "method", r.Method, "path", r.URL.Path, "status", sw.status, "dur", time.Since(start))
	})
}
