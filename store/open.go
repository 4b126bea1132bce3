package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // driver "pgx"
	_ "modernc.org/sqlite"             // driver "sqlite"
)

// sqlitePragmas are set on every pooled connection through the DSN (a
// PRAGMA run once would only reach the one connection that ran it).
// busy_timeout makes a connection wait for a lock held by another process
// instead of failing with SQLITE_BUSY; WAL lets readers run while a write is
// in progress; synchronous=NORMAL is durable enough under WAL and much faster.
const sqlitePragmas = "_pragma=busy_timeout(10000)&_pragma=page_size(16384)&_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=cache_size(-65536)&_pragma=wal_autocheckpoint(8000)"

// IsPostgres reports whether dsn names a PostgreSQL database rather than a
// SQLite file.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open opens (creating a SQLite file if needed) and migrates the registry
// at dsn: a postgres:// or postgresql:// URL, or else a SQLite file path.
func Open(ctx context.Context, dsn string) (*Store, error) {
	if strings.TrimSpace(dsn) == "" {
		return nil, errors.New("store: empty database name")
	}
	open := openSQLite
	if IsPostgres(dsn) {
		open = openPostgres
	}
	s, err := open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	s.SetRecognitionAuditor(s.recognitionAuditor()) // recognition changes go to the audit log by default
	if err := s.ensureSearchIndex(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func openPostgres(ctx context.Context, dsn string) (*Store, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	// Several kasip processes may share one server (max_connections is 100
	// by default), so each keeps a modest pool.
	db.SetMaxOpenConns(16)
	db.SetMaxIdleConns(16)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect postgres: %w", err)
	}
	if err := migrate(ctx, db, postgresDialect); err != nil {
		db.Close()
		return nil, err
	}
	// PostgreSQL handles concurrent writers itself: one pool does both.
	return &Store{d: postgresDialect, w: db, r: db}, nil
}

// openSQLite opens two pools on the file. SQLite allows one writer at a
// time; with several writer connections in one process, concurrent
// transactions would queue on the file lock and could fail with
// SQLITE_BUSY when a read transaction must be upgraded to a write one. So
// writes go through a pool of exactly one connection whose transactions
// begin IMMEDIATE (taking the write lock up front; busy_timeout covers other
// processes), and reads go through a separate, read-only pool that WAL lets
// run alongside the writer.
func openSQLite(ctx context.Context, path string) (*Store, error) {
	base := path
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	base += sep + sqlitePragmas

	w, err := sql.Open("sqlite", base+"&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)
	if err := retryBusy(ctx, func() error { return w.PingContext(ctx) }); err != nil {
		w.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	// Migrate before the read pool connects: the writer has created the
	// file and switched it to WAL by then.
	if err := retryBusy(ctx, func() error { return migrate(ctx, w, sqliteDialect) }); err != nil {
		w.Close()
		return nil, err
	}

	r, err := sql.Open("sqlite", base+"&_pragma=query_only(1)&_pragma=cache_size(-16384)")
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	n := max(4, runtime.GOMAXPROCS(0))
	r.SetMaxOpenConns(n)
	r.SetMaxIdleConns(n)
	if err := retryBusy(ctx, func() error { return r.PingContext(ctx) }); err != nil {
		w.Close()
		r.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	return &Store{d: sqliteDialect, w: w, r: r}, nil
}

// sqliteBusyWait bounds retryBusy, as busy_timeout bounds a wait for a lock.
const sqliteBusyWait = 10 * time.Second

// retryBusy runs f again while it fails with SQLITE_BUSY, for up to
// sqliteBusyWait. busy_timeout cannot cover every case: when two processes
// open a new file at once, both switch it to WAL, each holding the shared
// lock the other must wait out, and SQLite answers one of them SQLITE_BUSY
// at once rather than deadlock. A failed connection is discarded by the
// pool, so trying again opens a fresh one.
func retryBusy(ctx context.Context, f func() error) error {
	deadline := time.Now().Add(sqliteBusyWait)
	for {
		err := f()
		if err == nil || !isBusy(err) || time.Now().After(deadline) {
			return err
		}
		t := time.NewTimer(time.Duration(5+rand.IntN(45)) * time.Millisecond)
		select {
		case <-ctx.Done():
			t.Stop()
			return errors.Join(err, ctx.Err())
		case <-t.C:
		}
	}
}

// isBusy reports whether err is SQLite's SQLITE_BUSY or SQLITE_LOCKED, in
// any of their extended forms.
func isBusy(err error) bool {
	var e interface{ Code() int }
	if !errors.As(err, &e) {
		return false
	}
	c := e.Code() & 0xff
	return c == 5 || c == 6
}
