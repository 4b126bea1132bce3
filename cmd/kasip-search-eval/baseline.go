package main

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	_ "modernc.org/sqlite" // driver "sqlite", with FTS5
)

// baseline is plain SQLite FTS5 with its default unicode61 tokenizer over
// the raw text of the items: no stemming, no transliteration, no codes.
type baseline struct {
	db  *sql.DB
	dir string
}

// newBaseline builds the FTS5 table in a new temporary SQLite file.
func newBaseline(ctx context.Context, items []item) (*baseline, error) {
	dir, err := os.MkdirTemp("", "kasip-search-baseline-")
	if err != nil {
		return nil, err
	}
	b := &baseline{dir: dir}
	db, err := sql.Open("sqlite", filepath.Join(dir, "baseline.db")+"?_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=busy_timeout(5000)")
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	b.db = db
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, `CREATE VIRTUAL TABLE baseline USING fts5(key UNINDEXED, text)`); err != nil {
		b.Close()
		return nil, err
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		b.Close()
		return nil, err
	}
	ins, err := tx.PrepareContext(ctx, `INSERT INTO baseline(key, text) VALUES (?, ?)`)
	if err != nil {
		tx.Rollback()
		b.Close()
		return nil, err
	}
	for _, it := range items {
		if _, err := ins.ExecContext(ctx, it.key(), it.Text); err != nil {
			tx.Rollback()
			b.Close()
			return nil, err
		}
	}
	ins.Close()
	if err := tx.Commit(); err != nil {
		b.Close()
		return nil, err
	}
	// Readers: as many connections as the store's read pool.
	n := max(4, runtime.GOMAXPROCS(0))
	db.SetMaxOpenConns(n)
	db.SetMaxIdleConns(n)
	return b, nil
}

func (b *baseline) Close() {
	if b.db != nil {
		b.db.Close()
	}
	os.RemoveAll(b.dir)
}

// ftsQuery ORs the raw words of q, each as an FTS5 string.
func ftsQuery(q string) string {
	var parts []string
	for _, w := range strings.Fields(q) {
		parts = append(parts, `"`+strings.ReplaceAll(w, `"`, `""`)+`"`)
	}
	return strings.Join(parts, " OR ")
}

// search returns the keys of the 10 best items by bm25.
func (b *baseline) search(ctx context.Context, q string) ([]string, error) {
	rows, err := b.db.QueryContext(ctx, `SELECT key FROM baseline WHERE baseline MATCH ? ORDER BY bm25(baseline) LIMIT 10`, ftsQuery(q))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, rows.Err()
}
