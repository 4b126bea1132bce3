// Package web serves the registry: the JSON API under /api/v1 and the
// server-rendered UI in Kazakh, Russian and English.
package web

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/kasip/kasip"
)

// Options configure a Server.
type Options struct {
	AdminToken    string       // bearer token for administrator endpoints; "" disables them
	MaxUploadSize int64        // bytes; 0 means 32 MiB
	Logger        *slog.Logger // nil means slog.Default()
	Now           func() time.Time
}

// Server is the HTTP face of a kasip.Registry. It holds no state of its
// own, so several processes can serve one PostgreSQL database.
type Server struct {
	reg kasip.Registry
	opt Options
	log *slog.Logger
	mux *http.ServeMux
	ui  *uiState // templates and assets, see ui.go
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
	s := &Server{reg: reg, opt: opt, log: opt.Logger, mux: http.NewServeMux()}
	ui, err := newUI()
	if err != nil {
		return nil, fmt.Errorf("loading the UI: %w", err)
	}
	s.ui = ui
	s.mux.HandleFunc("GET /healthz", s.healthz)
	s.mux.HandleFunc("GET /readyz", s.readyz)
	s.apiRoutes() // api.go
	s.uiRoutes()  // ui.go
	return s, nil
}

// Handler returns the server's handler with its middleware.
func (s *Server) Handler() http.Handler {
	var h http.Handler = s.mux
	h = http.NewCrossOriginProtection().Handler(h)
	h = s.recoverer(h)
	h = s.logRequests(h)
	return h
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintln(w, "ok")
}

func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	if err := s.reg.Ping(r.Context()); err != nil {
		s.problem(w, r, http.StatusServiceUnavailable, "database not ready", err.Error())
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
}

// problem writes an RFC 9457 application/problem+json response. The title
// is translated into the language the request asks for (see i18n.go).
func (s *Server) problem(w http.ResponseWriter, r *http.Request, status int, title, detail string) {
	p := Problem{Type: "about:blank", Title: translate(requestLang(r), title), Status: status, Detail: detail, Instance: r.URL.Path}
	w.Header().Set("Content-Type", "application/problem+json; charset=utf-8")
	w.Header().Set("Content-Language", requestLang(r))
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(p)
}
