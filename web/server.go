// Package web serves the registry: the JSON API under /api/v1 and the
// server-rendered UI in Kazakh, Russian and English.
package web

import (
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/auth"
)

// Server is the HTTP face of a kasip.Registry. It holds no state of its
// own, so several processes can serve one PostgreSQL database.
type Server struct {
	reg kasip.Registry
	opt Options
	log *slog.Logger
	mux *http.ServeMux
	ui  *uiState // templates and assets, see ui.go
	// errorPage renders the UI's error page (renderErrorPage).
	errorPage func(http.ResponseWriter, *http.Request, *uiError)
	// signIns limits sign-in and password attempts (auth_ratelimit.go).
	// It is the one piece of state a server keeps, per process.
	signIns *rateLimiter
	// verifies limits the public certificate routes (cert.go).
	verifies *rateLimiter
}

// New makes a server for reg.
func New(reg kasip.Registry, opt Options) (*Server, error) {
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
	s := &Server{reg: reg, opt: opt, log: opt.Logger, mux: http.NewServeMux()}
	s.signIns = newRateLimiter(opt.SignInRate, time.Minute)
	if opt.VerifyRate == 0 {
		opt.VerifyRate = 300
	}
	s.verifies = newRateLimiter(opt.VerifyRate, time.Minute)
	ui, err := newUI()
	if err != nil {
		return nil, fmt.Errorf("loading the UI: %w", err)
	}
	s.ui = ui
	s.errorPage = s.renderErrorPage
	s.apiRoutes() // api.go: /api/…, /healthz, /readyz
	s.uiRoutes()  // ui.go
	return s, nil
}

// Handler returns the server's handler with its middleware.
func (s *Server) Handler() http.Handler {
	var h http.Handler = s.mux
	// Authentication runs inside the cross-origin check, so a refused
	// cross-site request costs no database lookup.
	h = s.authenticate(h)
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(s.crossOriginDenied))
	h = cop.Handler(h)
	h = s.admitVerifications(h)
	h = s.recoverer(h)
	h = s.logRequests(h)
	return h
}

// crossOriginDenied answers a cross-site browser request that would change
// something (CSRF): problem+json under /api/, plain text elsewhere.
func (s *Server) crossOriginDenied(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/api/") {
		fail(w, r, http.StatusForbidden, "cross-origin request refused", "")
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
				s.log.Error("panic in handler", "path", r.URL.Path, "panic", v, "stack", string(debug.Stack()))
				fail(w, r, http.StatusInternalServerError, "internal error", "")
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
		next.ServeHTTP(sw, r.WithContext(withRequestLog(r.Context(), s.log)))
		s.log.Debug("request", "method", r.Method, "path", r.URL.Path, "status", sw.status, "dur", time.Since(start))
	})
}
