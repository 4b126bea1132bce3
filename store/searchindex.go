package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/search"
)

// The search index (issue 4): every stored version is flattened into
// search_docs by search.Documents, with one search_postings row per
// distinct term of a document. search_vocab keeps each term's document
// frequency and search_stats the collection size, both maintained here in
// the import's transaction. See docs/search.md ("Index and query").

// batchRows is how many rows a multi-row INSERT carries.
const batchRows = 500

// docsPerVersion bounds the search documents of one version; document ids
// are the version's id times this plus the document's position.
const docsPerVersion = 1_000_000

// indexSearch replaces the search documents of version id with those of m.
func (s *Store) indexSearch(ctx context.Context, tx *sql.Tx, id int64, m *kasip.Standard) error {
	delta := map[string]int{} // term → change of document frequency
	words := map[string]string{}
	var dDocs, dLen int64

	// What the version had: subtract it, and delete its postings by their
	// full key (term, impact, doc), which the stored terms give back; a
	// separate index by document would cost every import a third B-tree.
	type oldPosting struct {
		term   string
		impact int
		doc    int64
	}
	var gonePosts []oldPosting
	rows, err := tx.QueryContext(ctx, s.q("SELECT id, kind, terms, length FROM search_docs WHERE standard_id = ?"), id)
	if err != nil {
		return fmt.Errorf("search index: read old documents: %w", err)
	}
	for rows.Next() {
		var (
			doc         int64
			kind, terms string
			length      int
		)
		if err := rows.Scan(&doc, &kind, &terms, &length); err != nil {
			rows.Close()
			return fmt.Errorf("search index: read old documents: %w", err)
		}
		for t, tf := range search.TermCounts(strings.Fields(terms)) {
			delta[t]--
			gonePosts = append(gonePosts, oldPosting{t, search.Impact(kind, tf, length), doc})
		}
		dDocs--
		dLen -= int64(length)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("search index: read old documents: %w", err)
	}
	if len(gonePosts) > 0 {
		del, err := tx.PrepareContext(ctx, s.q("DELETE FROM search_postings WHERE term = ? AND impact = ? AND doc_id = ?"))
		if err != nil {
			return fmt.Errorf("search index: delete postings: %w", err)
		}
		for _, p := range gonePosts {
			if _, err := del.ExecContext(ctx, p.term, p.impact, p.doc); err != nil {
				del.Close()
				return fmt.Errorf("search index: delete postings: %w", err)
			}
		}
		del.Close()
	}
	if _, err := tx.ExecContext(ctx, s.q("DELETE FROM search_docs WHERE standard_id = ?"), id); err != nil {
		return fmt.Errorf("search index: delete documents: %w", err)
	}

	// The new documents.
	sections := listKey(okedSections(m.OKED))
	version := m.VersionKey()
	cardTitles := map[int]string{}
	type posting struct {
		term   string
		doc    int64
		tf     int
		impact int
	}
	var posts []posting
	var docArgs []any
	// Document ids are derived from the version's id, so documents are
	// inserted in batches without a round trip each for the new id, and
	// both databases number them alike.
	for n, d := range search.Documents(m) {
		ct, ok := cardTitles[d.Card]
		if !ok {
			ct = "{}"
			if d.Card >= 0 {
				ct = mustJSON(orText(cardTitle(m, d.Card)))
			}
			cardTitles[d.Card] = ct
		}
		if n >= docsPerVersion {
			return fmt.Errorf("search index: more than %d items in one version: %w", docsPerVersion, kasip.ErrInvalid)
		}
		docID := id*docsPerVersion + int64(n)
		docArgs = append(docArgs, docID, id, m.Code, version, d.Card, d.Level, d.Kind, d.Path, d.Lang,
			d.Text, strings.Join(d.Terms, " "), len(d.Terms), sections, ct, m.Generated)
		dDocs++
		dLen += int64(len(d.Terms))
		counts := search.TermCounts(d.Terms)
		terms := make([]string, 0, len(counts))
		for t := range counts {
			terms = append(terms, t)
		}
		sort.Strings(terms)
		for _, t := range terms {
			posts = append(posts, posting{t, docID, counts[t], search.Impact(d.Kind, counts[t], len(d.Terms))})
			delta[t]++
		}
		for i, w := range d.Words {
			if _, ok := words[d.Terms[i]]; !ok {
				words[d.Terms[i]] = w
			}
		}
	}
	const docCols = 15
	for i := 0; i < len(docArgs); i += batchRows * docCols {
		part := docArgs[i:min(i+batchRows*docCols, len(docArgs))]
		q := `INSERT INTO search_docs (id, standard_id, code, version, card, level, kind, path, lang,
			text, terms, length, oked_sections, card_title, generated) VALUES ` +
			strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?), ", len(part)/docCols), ", ")
		if _, err := tx.ExecContext(ctx, s.q(q), part...); err != nil {
			return fmt.Errorf("search index: insert documents: %w", err)
		}
	}
	// In the index's order: neighbouring rows land on the same pages.
	sort.Slice(posts, func(i, j int) bool {
		a, b := posts[i], posts[j]
		if a.term != b.term {
			return a.term < b.term
		}
		if a.impact != b.impact {
			return a.impact > b.impact
		}
		return a.doc < b.doc
	})
	for i := 0; i < len(posts); i += batchRows {
		part := posts[i:min(i+batchRows, len(posts))]
		args := make([]any, 0, 4*len(part))
		for _, p := range part {
			args = append(args, p.term, p.doc, p.tf, p.impact)
		}
		q := "INSERT INTO search_postings (term, doc_id, tf, impact) VALUES " + strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?), ", len(part)), ", ")
		if _, err := tx.ExecContext(ctx, s.q(q), args...); err != nil {
			return fmt.Errorf("search index: insert postings: %w", err)
		}
	}

	// Vocabulary: apply the changes in term order (PostgreSQL imports of
	// different codes lock the rows they share in the same order).
	terms := make([]string, 0, len(delta))
	for t, n := range delta {
		if n != 0 {
			terms = append(terms, t)
		}
	}
	sort.Strings(terms)
	var gone []string
	for i := 0; i < len(terms); i += batchRows {
		part := terms[i:min(i+batchRows, len(terms))]
		args := make([]any, 0, 3*len(part))
		for _, t := range part {
			w := words[t]
			if w == "" {
				w = t
			}
			args = append(args, t, delta[t], w)
			if delta[t] < 0 {
				gone = append(gone, t)
			}
		}
		q := "INSERT INTO search_vocab (term, df, word) VALUES " + strings.TrimSuffix(strings.Repeat("(?, ?, ?), ", len(part)), ", ") +
			" ON CONFLICT (term) DO UPDATE SET df = search_vocab.df + excluded.df"
		if _, err := tx.ExecContext(ctx, s.q(q), args...); err != nil {
			return fmt.Errorf("search index: update vocabulary: %w", err)
		}
	}
	for i := 0; i < len(gone); i += batchRows {
		part := gone[i:min(i+batchRows, len(gone))]
		args := make([]any, len(part))
		for j, t := range part {
			args[j] = t
		}
		q := "DELETE FROM search_vocab WHERE df <= 0 AND term IN (" + strings.TrimSuffix(strings.Repeat("?, ", len(part)), ", ") + ")"
		if _, err := tx.ExecContext(ctx, s.q(q), args...); err != nil {
			return fmt.Errorf("search index: update vocabulary: %w", err)
		}
	}
	if dDocs != 0 || dLen != 0 {
		if _, err := tx.ExecContext(ctx, s.q("UPDATE search_stats SET docs = docs + ?, length = length + ? WHERE id = 1"), dDocs, dLen); err != nil {
			return fmt.Errorf("search index: update statistics: %w", err)
		}
	}
	return nil
}

// markSearchLatest flags the search documents of code's latest version.
func (s *Store) markSearchLatest(ctx context.Context, tx *sql.Tx, code string) error {
	var latest int64
	if err := tx.QueryRowContext(ctx, s.q("SELECT id FROM standards WHERE code = ? AND is_latest"), code).Scan(&latest); err != nil {
		return fmt.Errorf("search index: find latest: %w", err)
	}
	if _, err := tx.ExecContext(ctx, s.q("UPDATE search_docs SET is_latest = FALSE WHERE code = ? AND is_latest AND standard_id <> ?"), code, latest); err != nil {
		return fmt.Errorf("search index: mark latest: %w", err)
	}
	if _, err := tx.ExecContext(ctx, s.q("UPDATE search_docs SET is_latest = TRUE WHERE standard_id = ? AND NOT is_latest"), latest); err != nil {
		return fmt.Errorf("search index: mark latest: %w", err)
	}
	return nil
}

// ensureSearchIndex indexes the versions stored before the search index
// existed (a database migrated from schema 1): run once, when the index is
// empty but standards are not.
func (s *Store) ensureSearchIndex(ctx context.Context) error {
	var docs, standards int64
	if err := s.w.QueryRowContext(ctx, "SELECT (SELECT docs FROM search_stats WHERE id = 1), (SELECT COUNT(*) FROM standards)").Scan(&docs, &standards); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	if docs > 0 || standards == 0 {
		return nil
	}
	return s.Reindex(ctx)
}

// Reindex rebuilds the search documents of every stored version.
func (s *Store) Reindex(ctx context.Context) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, "SELECT id, code FROM standards ORDER BY id")
	if err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	type ver struct {
		id   int64
		code string
	}
	var vs []ver
	for rows.Next() {
		var v ver
		if err := rows.Scan(&v.id, &v.code); err != nil {
			rows.Close()
			return fmt.Errorf("reindex: %w", err)
		}
		vs = append(vs, v)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	codes := map[string]bool{}
	for _, v := range vs {
		var text string
		if err := tx.QueryRowContext(ctx, s.q("SELECT model FROM models WHERE standard_id = ?"), v.id).Scan(&text); err != nil {
			return fmt.Errorf("reindex %s: %w", v.code, err)
		}
		var m kasip.Standard
		if err := json.Unmarshal([]byte(text), &m); err != nil {
			return fmt.Errorf("reindex %s: %w", v.code, err)
		}
		if err := s.indexSearch(ctx, tx, v.id, &m); err != nil {
			return err
		}
		codes[v.code] = true
	}
	for _, v := range vs {
		if codes[v.code] {
			delete(codes, v.code)
			if err := s.markSearchLatest(ctx, tx, v.code); err != nil {
				return err
			}
		}
	}
	if _, err := tx.ExecContext(ctx, "UPDATE registry_state SET generation = generation + 1 WHERE id = 1"); err != nil {
		return fmt.Errorf("reindex: bump generation: %w", err)
	}
	return tx.Commit()
}
