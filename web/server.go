// Package web serves the registry: the JSON API under /api/v1 and the
// server-rendered UI in Kazakh, Russian and English.
package web

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/auth"
)

// Options configure a Server.
type Options struct {
	// AdminToken is a bearer token that acts as an administrator without
	// an account (for scripts and the first set-up); "" disables it.
	AdminToken    string
	MaxUploadSize int64        // bytes; 0 means 32 MiB
	Logger        *slog.Logger // nil means slog.Default()
	Now           func() time.Time

	// Accounts keeps users, sessions and API tokens (a *store.Store); nil
	// disables sign-in: pages say so, and routes that need a signed-in
	// user answer 401 or 403 to everyone but the AdminToken.
	Accounts auth.Store
	// Sessions sets how long sign-ins last; zero means
	// auth.DefaultSessionPolicy.
	Sessions auth.SessionPolicy
	// PasswordParams are the argon2id costs of new password hashes; zero
	// means auth.DefaultParams. Hashes made with other parameters are
	// upgraded at the next sign-in.
	PasswordParams auth.Params
	// SecureCookies marks the session cookie Secure even on plain HTTP
	// requests: for a server behind a proxy that terminates TLS. Requests
	// that arrive over TLS always get Secure cookies.
	SecureCookies bool
	// SignInRate is how many sign-in attempts a minute are allowed per
	// client address and, separately, per login; 0 means 10, negative
	// means no limit (tests).
	SignInRate int
	// VerifyRate is how many requests a minute each client address may
	// make to the public certificate routes (verification pages, the
	// register search, credentials, PDFs, status lists); 0 means 300,
	// negative means no limit (tests, load benchmarks).
	VerifyRate int
	// VerifyConcurrency is how many verification requests run at once
	// (cert_admission.go); 0 means GOMAXPROCS, negative no bound.
	VerifyConcurrency int
	// ClientIPHeader names a request header that holds the client's
	// address, set by a trusted reverse proxy (X-Real-IP, or
	// X-Forwarded-For whose last entry is used); "" means the connection's
	// address. Only set it behind such a proxy: clients can send any
	// header.
	ClientIPHeader string
}

// Server is the HTTP face of a kasip.Registry. It holds no state of its
// own, so several processes can serve one PostgreSQL database.
type Server struct {
	reg kasip.Registry
	opt Options
	log *slog.Logger
	mux *http.ServeMux
	ui  *uiState // templates and assets, see ui.go
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
		s.problem(w, r, http.StatusForbidden, "cross-origin request refused", "")
		return
	}
	http.Error(w, "cross-origin request refused", http.StatusForbidden)
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintln(w, "ok")
}

func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	if err := s.reg.Ping(r.Context()); err != nil {
		s.log.Warn("readyz: the database does not answer", "err", err)
		s.problem(w, r, http.StatusServiceUnavailable, "database not ready", "")
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintln(w, "ready")
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
				s.problem(w, r, http.StatusInternalServerError, "internal error", "")
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
		next.ServeHTTP(sw, r)
		s.log.Debug("request", "method", r.Method, "path", r.URL.Path, "status", sw.status, "dur", time.Since(start))
	})
}

// Problem is an RFC 9457 problem detail.
type Problem struct {
	Type     string `json:"type"`
	Title    string `json:"title"`
	Status   int    `json:"status"`
	Detail   string `json:"detail,omitempty"`
	Instance string `json:"instance,omitempty"`
	// Parameter names the query or path parameter a 400 is about (an
	// RFC 9457 extension member).
	Parameter string `json:"parameter,omitempty"`
}

// problem writes an RFC 9457 application/problem+json response. The title
// is translated into the language the request asks for (see i18n.go).
func (s *Server) problem(w http.ResponseWriter, r *http.Request, status int, title, detail string) {
	s.writeProblem(w, r, Problem{Title: title, Status: status, Detail: detail})
}

// writeProblem writes p, filling in its type and instance and translating
// its title. Letters are written as they are, not as \u escapes.
func (s *Server) writeProblem(w http.ResponseWriter, r *http.Request, p Problem) {
	if p.Type == "" {
		p.Type = "about:blank"
	}
	p.Title = translate(requestLang(r), p.Title)
	p.Instance = r.URL.Path
	w.Header().Del("Content-Length")
	w.Header().Del("Content-Disposition")
	w.Header().Set("Content-Type", "application/problem+json; charset=utf-8")
	w.Header().Set("Content-Language", requestLang(r))
	w.WriteHeader(p.Status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(p)
}
