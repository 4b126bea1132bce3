package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/kasip/kasip"
)

// Import stores a standard read from sources, in one transaction: on any
// error nothing is written. The key is (code, version); see the Import*
// statuses in package kasip for what happens when it exists.
func (s *Store) Import(ctx context.Context, st *kasip.Standard, sources []kasip.SourceFile) (kasip.ImportResult, error) {
	if st == nil {
		return kasip.ImportResult{}, fmt.Errorf("import: no standard: %w", kasip.ErrInvalid)
	}
	code := strings.TrimSpace(st.Code)
	if code == "" {
		return kasip.ImportResult{}, fmt.Errorf("import: the standard has no code: %w", kasip.ErrInvalid)
	}
	// Work on a copy: the caller's standard stays as it was, and Merge
	// below changes the stored one, not the caller's.
	m, err := cloneStandard(st)
	if err != nil {
		return kasip.ImportResult{}, fmt.Errorf("import %s: %w", code, err)
	}
	m.Code = code
	res := kasip.ImportResult{Code: code, Version: m.VersionKey()}
	files, err := checkFiles(sources)
	if err != nil {
		return res, fmt.Errorf("import %s version %s: %w", res.Code, res.Version, err)
	}
	if err := s.importTx(ctx, m, files, &res); err != nil {
		return res, fmt.Errorf("import %s version %s: %w", res.Code, res.Version, err)
	}
	return res, nil
}

// checkFiles computes missing SHA-256 sums and rejects a sum that does not
// match its data: the registry serves these files as the originals.
func checkFiles(in []kasip.SourceFile) ([]kasip.SourceFile, error) {
	out := make([]kasip.SourceFile, 0, len(in))
	for i, f := range in {
		if len(f.Data) == 0 {
			return nil, fmt.Errorf("source %d (%s) is empty: %w", i, f.Name, kasip.ErrInvalid)
		}
		sum := sha256.Sum256(f.Data)
		hexSum := hex.EncodeToString(sum[:])
		if f.SHA256 != "" && !strings.EqualFold(f.SHA256, hexSum) {
			return nil, fmt.Errorf("source %d (%s): SHA-256 given as %s but the data has %s: %w", i, f.Name, f.SHA256, hexSum, kasip.ErrInvalid)
		}
		f.SHA256 = hexSum
		out = append(out, f)
	}
	return out, nil
}

func cloneStandard(st *kasip.Standard) (*kasip.Standard, error) {
	b, err := json.Marshal(st)
	if err != nil {
		return nil, fmt.Errorf("encode standard: %w", err)
	}
	var c kasip.Standard
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, fmt.Errorf("copy standard: %w", err)
	}
	c.Finalize()
	return &c, nil
}

// stored is the row of an existing version.
type stored struct {
	id        int64
	languages []string
	model     string
}

func (s *Store) importTx(ctx context.Context, m *kasip.Standard, files []kasip.SourceFile, res *kasip.ImportResult) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	if err := s.d.lockCode(ctx, tx, m.Code); err != nil {
		return err
	}

	// The same document again changes nothing for this standard. The
	// identity is the document and the code together: one register file
	// can hold several standards, each stored with the same file.
	// Without files, the sums the model names stand in.
	var sums []string
	for _, f := range files {
		sums = append(sums, strings.ToLower(f.SHA256))
	}
	if len(files) == 0 {
		for _, src := range m.Sources {
			if src.SHA256 != "" {
				sums = append(sums, strings.ToLower(src.SHA256))
			}
		}
	}
	if len(sums) > 0 {
		version, found, err := s.findSource(ctx, tx, m.Code, sums)
		if err != nil {
			return err
		}
		if found {
			res.Version, res.Status = version, kasip.ImportUnchanged
			return nil
		}
	}

	if err := s.yieldGenerated(ctx, tx, m); err != nil {
		return err
	}
	old, err := s.storedVersion(ctx, tx, m.Code, res.Version)
	if err != nil {
		return err
	}
	now := time.Now().UTC().Truncate(time.Microsecond)
	var id int64
	var model *kasip.Standard
	switch {
	case old == nil:
		var n int
		if err := tx.QueryRowContext(ctx, s.q("SELECT COUNT(*) FROM standards WHERE code = ?"), m.Code).Scan(&n); err != nil {
			return fmt.Errorf("look up code: %w", err)
		}
		res.Status = kasip.ImportNew
		if n > 0 {
			res.Status = kasip.ImportNewVersion
		}
		attachSources(m, nil, files)
		if id, err = s.insertStandard(ctx, tx, m, now); err != nil {
			return err
		}
		model = m

	case len(sums) == 0 && old.model == mustJSON(m):
		// No document to compare: the same model again is unchanged.
		res.Status = kasip.ImportUnchanged
		return nil

	case sameContent(old.model, m):
		// Another document (a register file where another standard
		// changed, say) with this standard as stored: nothing to update.
		res.Status = kasip.ImportUnchanged
		return nil

	case disjoint(old.languages, m.Languages):
		// Another language of a stored version: one bilingual standard.
		var into kasip.Standard
		if err := json.Unmarshal([]byte(old.model), &into); err != nil {
			return fmt.Errorf("decode stored standard: %w", err)
		}
		res.Unmerged = kasip.Merge(&into, m)
		res.Conflicts = into.Conflicts
		// Keep every document of both: those stored and the new ones,
		// whether or not Merge listed them in the model.
		kept, err := s.sourceFiles(ctx, tx, old.id)
		if err != nil {
			return err
		}
		files = append(kept, files...)
		attachSources(&into, m.Sources, files)
		into.Finalize()
		id, model = old.id, &into
		if err := s.updateStandard(ctx, tx, id, model, now); err != nil {
			return err
		}
		res.Status = kasip.ImportMerged

	default:
		// The same version and language from another document: it
		// replaces the stored one. Languages the new document lacks are
		// kept from the stored version, with their documents.
		if extra := subtract(old.languages, m.Languages); len(extra) > 0 {
			var stored kasip.Standard
			if err := json.Unmarshal([]byte(old.model), &stored); err != nil {
				return fmt.Errorf("decode stored standard: %w", err)
			}
			kasip.Restrict(&stored, extra)
			res.Unmerged = kasip.Merge(m, &stored)
			res.Conflicts = m.Conflicts
			kept, err := s.sourceFiles(ctx, tx, old.id)
			if err != nil {
				return err
			}
			files = append(files, keepFiles(kept, stored.Sources)...)
			m.Finalize()
		}
		attachSources(m, nil, files)
		id, model = old.id, m
		if err := s.updateStandard(ctx, tx, id, model, now); err != nil {
			return err
		}
		res.Status = kasip.ImportUpdated
	}
	if err := s.step("after-standard"); err != nil {
		return err
	}
	if err := s.writeSources(ctx, tx, id, model, files); err != nil {
		return err
	}
	if err := s.writeOKED(ctx, tx, id, model); err != nil {
		return err
	}
	if err := s.indexSearch(ctx, tx, id, model); err != nil {
		return err
	}
	if err := s.refreshLatest(ctx, tx, m.Code, id, model); err != nil {
		return err
	}
	if err := s.markSearchLatest(ctx, tx, m.Code); err != nil {
		return err
	}
	// Last, so that concurrent imports on PostgreSQL wait on this row
	// only for the instant before their commit.
	if _, err := tx.ExecContext(ctx, "UPDATE registry_state SET generation = generation + 1 WHERE id = 1"); err != nil {
		return fmt.Errorf("bump generation: %w", err)
	}
	if err := s.step("before-commit"); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// yieldGenerated keeps generated (demo) data from ever outranking a real
// document. A real standard's import removes every generated version
// stored under its code, so it is imported as what it is, a new standard,
// and becomes current in lists, pages and search; generated data under a
// code that real data holds is refused rather than mixed into its history.
func (s *Store) yieldGenerated(ctx context.Context, tx *sql.Tx, m *kasip.Standard) error {
	if m.Generated {
		var n int
		if err := tx.QueryRowContext(ctx, s.q("SELECT COUNT(*) FROM standards WHERE code = ? AND NOT is_generated"), m.Code).Scan(&n); err != nil {
			return fmt.Errorf("look up code: %w", err)
		}
		if n > 0 {
			return fmt.Errorf("generated standard %s: %w", m.Code, ErrRealCode)
		}
		return nil
	}
	// Cascades to its sources, OKED rows and search documents.
	if _, err := tx.ExecContext(ctx, s.q("DELETE FROM standards WHERE code = ? AND is_generated"), m.Code); err != nil {
		return fmt.Errorf("remove generated %s: %w", m.Code, err)
	}
	return nil
}

// ErrRealCode: generated data was offered under the code of a real
// standard the registry holds.
var ErrRealCode = errors.New("the code is a real standard's")

func disjoint(a, b []string) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	for _, x := range b {
		if slices.Contains(a, x) {
			return false
		}
	}
	return true
}

// attachSources makes sure the model lists every document it is stored
// with: first the descriptions in meta (the sources of a merged-in
// standard), then the files, matched by SHA-256.
func attachSources(m *kasip.Standard, meta []kasip.Source, files []kasip.SourceFile) {
	index := func(sum string) int {
		for i, src := range m.Sources {
			if strings.EqualFold(src.SHA256, sum) {
				return i
			}
		}
		return -1
	}
	for _, src := range meta {
		if src.SHA256 == "" || index(src.SHA256) < 0 {
			m.Sources = append(m.Sources, src)
		}
	}
	for _, f := range files {
		if i := index(f.SHA256); i >= 0 {
			if m.Sources[i].Size == 0 {
				m.Sources[i].Size = int64(len(f.Data))
			}
			continue
		}
		m.Sources = append(m.Sources, kasip.Source{File: f.Name, Format: f.Format, SHA256: f.SHA256, Size: int64(len(f.Data))})
	}
}

// findSource returns the version of code stored with one of the documents
// whose sums are given. Only versions of code count: a register file holds
// several standards, and finding it under another one says nothing of this.
func (s *Store) findSource(ctx context.Context, tx *sql.Tx, code string, sums []string) (version string, found bool, err error) {
	ph := strings.TrimSuffix(strings.Repeat("?, ", len(sums)), ", ")
	args := make([]any, 0, len(sums)+1)
	args = append(args, code)
	for _, v := range sums {
		args = append(args, v)
	}
	err = tx.QueryRowContext(ctx, s.q(`SELECT st.version FROM sources src
		JOIN standards st ON st.id = src.standard_id
		WHERE st.code = ? AND src.sha256 IN (`+ph+`) ORDER BY st.id LIMIT 1`), args...).Scan(&version)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("look up sources: %w", err)
	}
	return version, true, nil
}

// sameContent reports whether the stored model says what m says. The
// documents it was read from and the places in them are left aside: the
// same standard read from a register file where another one changed keeps
// its text but may move to other lines, and the stored origins still point
// into the stored document.
func sameContent(storedModel string, m *kasip.Standard) bool {
	var a, b any
	if err := json.Unmarshal([]byte(storedModel), &a); err != nil {
		return false
	}
	if err := json.Unmarshal([]byte(mustJSON(m)), &b); err != nil {
		return false
	}
	return mustJSON(withoutProvenance(a)) == mustJSON(withoutProvenance(b))
}

// withoutProvenance drops the sources and every origin from a decoded model.
func withoutProvenance(v any) any {
	switch x := v.(type) {
	case map[string]any:
		delete(x, "sources")
		delete(x, "origin")
		for k, e := range x {
			x[k] = withoutProvenance(e)
		}
	case []any:
		for i, e := range x {
			x[i] = withoutProvenance(e)
		}
	}
	return v
}

func (s *Store) storedVersion(ctx context.Context, tx *sql.Tx, code, version string) (*stored, error) {
	var o stored
	var langs string
	err := tx.QueryRowContext(ctx, s.q(`SELECT st.id, st.languages, m.model FROM standards st
		JOIN models m ON m.standard_id = st.id WHERE st.code = ? AND st.version = ?`), code, version).
		Scan(&o.id, &langs, &o.model)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("look up version: %w", err)
	}
	if err := json.Unmarshal([]byte(langs), &o.languages); err != nil {
		return nil, fmt.Errorf("decode languages: %w", err)
	}
	return &o, nil
}

// standardColumns are the values of the columns derived from the model, in
// the order of the INSERT and UPDATE below.
func standardColumns(m *kasip.Standard) []any {
	langs := orEmpty(m.Languages)
	parts := append([]string{m.Code, m.CodeOriginal}, textValues(m.Title)...)
	return []any{
		mustJSON(orText(m.Title)), strings.ToLower(m.Title.Best()), m.Family,
		mustJSON(langs), listKey(langs), m.Generated, m.Technical.Year, m.Technical.ReviewDate,
		len(m.Cards), searchText(parts...),
	}
}

func orText(t kasip.Text) kasip.Text {
	if t == nil {
		return kasip.Text{}
	}
	return t
}

func (s *Store) insertStandard(ctx context.Context, tx *sql.Tx, m *kasip.Standard, now time.Time) (int64, error) {
	args := append([]any{m.Code, m.VersionKey()}, standardColumns(m)...)
	args = append(args, now.UnixMicro())
	var id int64
	err := tx.QueryRowContext(ctx, s.q(`INSERT INTO standards
		(code, version, title, title_sort, family, languages, languages_key, is_generated,
		 year, review_date, cards, search, imported_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`), args...).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("insert standard: %w", err)
	}
	return id, s.writeModel(ctx, tx, id, m)
}

func (s *Store) updateStandard(ctx context.Context, tx *sql.Tx, id int64, m *kasip.Standard, now time.Time) error {
	args := append(standardColumns(m), now.UnixMicro(), id)
	_, err := tx.ExecContext(ctx, s.q(`UPDATE standards SET
		title = ?, title_sort = ?, family = ?, languages = ?, languages_key = ?, is_generated = ?,
		year = ?, review_date = ?, cards = ?, search = ?, imported_at = ?
		WHERE id = ?`), args...)
	if err != nil {
		return fmt.Errorf("update standard: %w", err)
	}
	return s.writeModel(ctx, tx, id, m)
}

// writeModel stores the model of a version. It has a table of its own so
// that the rows scanned by lists and counts stay small.
func (s *Store) writeModel(ctx context.Context, tx *sql.Tx, id int64, m *kasip.Standard) error {
	_, err := tx.ExecContext(ctx, s.q(`INSERT INTO models (standard_id, model) VALUES (?, ?)
		ON CONFLICT (standard_id) DO UPDATE SET model = excluded.model`), id, mustJSON(m))
	if err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	return nil
}

// sourceFiles returns the documents kept with a stored version.
func (s *Store) sourceFiles(ctx context.Context, tx *sql.Tx, id int64) ([]kasip.SourceFile, error) {
	rows, err := tx.QueryContext(ctx, s.q("SELECT name, format, sha256, data FROM sources WHERE standard_id = ? AND data IS NOT NULL ORDER BY idx"), id)
	if err != nil {
		return nil, fmt.Errorf("read sources: %w", err)
	}
	defer rows.Close()
	var out []kasip.SourceFile
	for rows.Next() {
		var f kasip.SourceFile
		if err := rows.Scan(&f.Name, &f.Format, &f.SHA256, &f.Data); err != nil {
			return nil, fmt.Errorf("read sources: %w", err)
		}
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read sources: %w", err)
	}
	return out, nil
}

// writeSources replaces the source rows of a version with the model's
// sources, each with its file when one was given.
func (s *Store) writeSources(ctx context.Context, tx *sql.Tx, id int64, m *kasip.Standard, files []kasip.SourceFile) error {
	if _, err := tx.ExecContext(ctx, s.q("DELETE FROM sources WHERE standard_id = ?"), id); err != nil {
		return fmt.Errorf("replace sources: %w", err)
	}
	data := map[string][]byte{}
	for _, f := range files {
		data[strings.ToLower(f.SHA256)] = f.Data
	}
	ins := s.q(`INSERT INTO sources (standard_id, idx, name, format, sha256, size, encoding, language, data)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	for i, src := range m.Sources {
		var b []byte
		if d, ok := data[strings.ToLower(src.SHA256)]; ok {
			b = d
		}
		if _, err := tx.ExecContext(ctx, ins, id, i, src.File, src.Format, strings.ToLower(src.SHA256), src.Size, src.Encoding, src.Language, b); err != nil {
			return fmt.Errorf("insert source %d: %w", i, err)
		}
	}
	return nil
}

func (s *Store) writeOKED(ctx context.Context, tx *sql.Tx, id int64, m *kasip.Standard) error {
	if _, err := tx.ExecContext(ctx, s.q("DELETE FROM oked WHERE standard_id = ?"), id); err != nil {
		return fmt.Errorf("replace oked: %w", err)
	}
	ins := s.q("INSERT INTO oked (standard_id, pos, code, level, title) VALUES (?, ?, ?, ?, ?)")
	for i, e := range m.OKED {
		if strings.TrimSpace(e.Code) == "" {
			continue
		}
		if _, err := tx.ExecContext(ctx, ins, id, i, strings.TrimSpace(e.Code), e.Level, mustJSON(orText(e.Title))); err != nil {
			return fmt.Errorf("insert oked %s: %w", e.Code, err)
		}
	}
	return nil
}

// refreshLatest marks the latest version of code — the highest version
// compared numerically, then the later year, then the later import — and
// rebuilds the code's professions when the latest version changed or is
// the one just written (wrote, with its model m).
func (s *Store) refreshLatest(ctx context.Context, tx *sql.Tx, code string, wrote int64, m *kasip.Standard) error {
	rows, err := tx.QueryContext(ctx, s.q("SELECT id, version, year, imported_at, is_latest FROM standards WHERE code = ?"), code)
	if err != nil {
		return fmt.Errorf("find latest: %w", err)
	}
	type ver struct {
		id       int64
		version  string
		year     int
		imported int64
	}
	var best *ver
	var prev int64
	for rows.Next() {
		var v ver
		var latest bool
		if err := rows.Scan(&v.id, &v.version, &v.year, &v.imported, &latest); err != nil {
			rows.Close()
			return fmt.Errorf("find latest: %w", err)
		}
		if latest {
			prev = v.id
		}
		if best == nil || newer(v.version, v.year, v.imported, v.id, best.version, best.year, best.imported, best.id) {
			best = &v
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("find latest: %w", err)
	}
	if best == nil {
		return nil
	}
	if best.id != prev {
		// Clear first: an index allows one latest row per code.
		if _, err := tx.ExecContext(ctx, s.q("UPDATE standards SET is_latest = FALSE WHERE code = ? AND is_latest"), code); err != nil {
			return fmt.Errorf("mark latest: %w", err)
		}
		if _, err := tx.ExecContext(ctx, s.q("UPDATE standards SET is_latest = TRUE WHERE id = ?"), best.id); err != nil {
			return fmt.Errorf("mark latest: %w", err)
		}
	}
	switch {
	case best.id == wrote:
		return s.writeProfessions(ctx, tx, m)
	case best.id != prev || prev == wrote:
		latest, err := s.modelByID(ctx, tx, best.id)
		if err != nil {
			return err
		}
		return s.writeProfessions(ctx, tx, latest)
	}
	return nil
}

func newer(va string, ya int, ia, ida int64, vb string, yb int, ib, idb int64) bool {
	if c := compareVersions(va, vb); c != 0 {
		return c > 0
	}
	if ya != yb {
		return ya > yb
	}
	if ia != ib {
		return ia > ib
	}
	return ida > idb
}

func (s *Store) modelByID(ctx context.Context, tx *sql.Tx, id int64) (*kasip.Standard, error) {
	var text string
	if err := tx.QueryRowContext(ctx, s.q("SELECT model FROM models WHERE standard_id = ?"), id).Scan(&text); err != nil {
		return nil, fmt.Errorf("read standard %d: %w", id, err)
	}
	var m kasip.Standard
	if err := json.Unmarshal([]byte(text), &m); err != nil {
		return nil, fmt.Errorf("decode standard %d: %w", id, err)
	}
	return &m, nil
}

// subtract returns the languages of a that b lacks.
func subtract(a, b []string) []string {
	var out []string
	for _, l := range a {
		if !slices.Contains(b, l) {
			out = append(out, l)
		}
	}
	return out
}

// keepFiles returns the stored files that are among srcs.
func keepFiles(files []kasip.SourceFile, srcs []kasip.Source) []kasip.SourceFile {
	var out []kasip.SourceFile
	for _, f := range files {
		for _, s := range srcs {
			if strings.EqualFold(s.SHA256, f.SHA256) {
				out = append(out, f)
				break
			}
		}
	}
	return out
}
