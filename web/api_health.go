package web

import (
	"fmt"
	"net/http"
)

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintln(w, "ok")
}

func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	if err := s.reg.Ping(r.Context()); err != nil {
		s.log.Warn("readyz: the database does not answer", "err", err)
		fail(w, r, http.StatusServiceUnavailable, "database not ready", "")
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintln(w, "ready")
}
