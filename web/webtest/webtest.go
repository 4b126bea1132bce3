// Package webtest starts Kasip's server on a temporary SQLite database for
// tests: the route tests of package web, the browser tests and the
// benchmarks use it instead of each wiring its own.
package webtest

import (
	"context"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/kasip/kasip/store"
	"github.com/kasip/kasip/web"
)

// Services are all the services a store provides, as `kasip serve` wires
// them; tests that want a server without one set that field to nil.
func Services(st *store.Store) web.Services {
	return web.Services{Registry: st, Search: st, StandardJSON: st, Accounts: st, Recognition: st, Certificates: st, Workforce: st}
}

// Store opens a store on a new SQLite file under t's temporary directory
// (dsn "" ) or on dsn, closed when the test ends.
func Store(t testing.TB, dsn string) *store.Store {
	t.Helper()
	if dsn == "" {
		dsn = filepath.Join(t.TempDir(), "kasip.db")
	}
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("store.Open: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// Server is a running server and what it runs on.
type Server struct {
	*httptest.Server
	Web *web.Server
}

// New builds the server of svc with opt (a silent logger unless opt has
// one), for tests that call its handler in process.
func New(t testing.TB, svc web.Services, opt web.Options) *web.Server {
	t.Helper()
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	s, err := web.New(svc, opt)
	if err != nil {
		t.Fatalf("web.New: %v", err)
	}
	return s
}

// Start serves svc with opt (a silent logger unless opt has one) until
// the test ends.
func Start(t testing.TB, svc web.Services, opt web.Options) *Server {
	t.Helper()
	s := New(t, svc, opt)
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	return &Server{Server: srv, Web: s}
}
