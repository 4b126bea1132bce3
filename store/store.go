// Package store implements kasip.Registry on database/sql, for SQLite
// (modernc.org/sqlite, the embedded default) and PostgreSQL (pgx), with the
// same hand-written SQL and a small dialect struct for the differences.
//
// Each version of a standard is a row of standards holding the model as
// JSON plus the columns lists and filters need; sources keeps the original
// documents; oked the activity classification entries; professions one row
// per card of the latest version of each standard.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/certificate"
	"github.com/kasip/kasip/recognition"
)

// Store is a kasip.Registry. It is safe for concurrent use.
type Store struct {
	d dialect
	w *sql.DB // writes (SQLite: one connection)
	r *sql.DB // reads (the same pool as w on PostgreSQL)

	okedMu    sync.Mutex
	okedGen   int64
	okedCache []*kasip.OKEDNode // nil until built

	searchMu    sync.Mutex
	searchCache *searchState  // vocabulary of the last generation seen (Store.Search)
	cacheRows   *int          // candidate cache bound set by SetSearchCache, else the environment's
	searchGate  chan struct{} // admits searchConcurrency() searches at a time

	certMu    sync.Mutex
	certStmts map[string]*sql.Stmt // lookups by number, prepared once (certLoad)

	sealer atomic.Pointer[keySealer] // seals issuer key secrets when a KEK is given (keySealer)

	// hook, when set by tests, is called at named steps of an import; an
	// error it returns fails the import there.
	hook func(step string) error
}

// A Store is every store the server takes (web.Services).
var (
	_ kasip.Registry       = (*Store)(nil)
	_ kasip.StandardJSONer = (*Store)(nil)
	_ auth.Store           = (*Store)(nil)
	_ recognition.Store    = (*Store)(nil)
	_ certificate.Store    = (*Store)(nil)
)

// Dialect names the database behind the store: "sqlite" or "postgres".
func (s *Store) Dialect() string { return s.d.name }

// Close closes the database pools.
func (s *Store) Close() error {
	s.certMu.Lock()
	for _, stmt := range s.certStmts {
		stmt.Close()
	}
	s.certMu.Unlock()
	err := s.w.Close()
	if s.r != s.w {
		err = errors.Join(err, s.r.Close())
	}
	return err
}

// Ping checks that the database answers, for readiness probes.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.r.PingContext(ctx); err != nil {
		return fmt.Errorf("ping %s: %w", s.d.name, err)
	}
	return nil
}

// Counts returns the registry's totals.
func (s *Store) Counts(ctx context.Context) (kasip.Counts, error) {
	var c kasip.Counts
	err := s.r.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM standards WHERE is_latest),
		(SELECT COUNT(*) FROM standards),
		(SELECT COUNT(*) FROM professions)`).Scan(&c.Standards, &c.Versions, &c.Professions)
	if err != nil {
		return c, fmt.Errorf("counts: %w", err)
	}
	return c, nil
}

func (s *Store) q(query string) string { return s.d.rebind(query) }

func (s *Store) step(name string) error {
	if s.hook == nil {
		return nil
	}
	return s.hook(name)
}

// generation returns the import counter (see registry_state).
func (s *Store) generation(ctx context.Context) (int64, error) {
	var g int64
	if err := s.r.QueryRowContext(ctx, "SELECT generation FROM registry_state WHERE id = 1").Scan(&g); err != nil {
		return 0, fmt.Errorf("read generation: %w", err)
	}
	return g, nil
}
