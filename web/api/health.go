package api

import (
	"fmt"
	"net/http"

	"github.com/kasip/kasip/web/httpx"
)

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintln(w, "ok")
}

func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	if err := s.Reg.Ping(r.Context()); err != nil {
		s.Log.Warn("readyz: the database does not answer", "err", err)
		httpx.Fail(w, r, http.StatusServiceUnavailable, "database not ready", "")
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintln(w, "ready")
}
