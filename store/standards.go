package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/kasip/kasip"
)

// versionCond selects a version of a standard: the latest for "".
func versionCond(alias, version string) (string, []any) {
	if version == "" {
		return alias + "is_latest", nil
	}
	return alias + "version = ?", []any{version}
}

// Standard returns a stored version of a standard; version "" means the
// latest.
func (s *Store) Standard(ctx context.Context, code, version string) (*kasip.Standard, error) {
	text, err := s.StandardJSON(ctx, code, version)
	if err != nil {
		return nil, err
	}
	var m kasip.Standard
	if err := json.Unmarshal(text, &m); err != nil {
		return nil, fmt.Errorf("standard %s%s: decode: %w", code, versionSuffix(version), err)
	}
	return &m, nil
}

// StandardJSON returns the stored JSON form of a version ("" = latest)
// as it is, for serving without a decode and encode round trip.
func (s *Store) StandardJSON(ctx context.Context, code, version string) ([]byte, error) {
	cond, args := versionCond("st.", version)
	var text []byte
	err := s.r.QueryRowContext(ctx, s.q(`SELECT m.model FROM standards st JOIN models m ON m.standard_id = st.id
		WHERE st.code = ? AND `+cond), append([]any{code}, args...)...).Scan(&text)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("standard %s%s: %w", code, versionSuffix(version), kasip.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("standard %s%s: %w", code, versionSuffix(version), err)
	}
	return text, nil
}

func versionSuffix(v string) string {
	if v == "" {
		return ""
	}
	return " version " + v
}

// Versions lists the stored versions of a standard, oldest first (the
// order of the latest-version rule: version number, year, import time).
func (s *Store) Versions(ctx context.Context, code string) ([]kasip.VersionInfo, error) {
	rows, err := s.r.QueryContext(ctx, s.q("SELECT id, version, year, languages, imported_at FROM standards WHERE code = ?"), code)
	if err != nil {
		return nil, fmt.Errorf("versions of %s: %w", code, err)
	}
	type row struct {
		id       int64
		imported int64
		info     kasip.VersionInfo
	}
	var vs []*row
	byID := map[int64]*row{}
	for rows.Next() {
		r := &row{}
		var langs string
		if err := rows.Scan(&r.id, &r.info.Version, &r.info.Year, &langs, &r.imported); err != nil {
			rows.Close()
			return nil, fmt.Errorf("versions of %s: %w", code, err)
		}
		if err := json.Unmarshal([]byte(langs), &r.info.Languages); err != nil {
			rows.Close()
			return nil, fmt.Errorf("versions of %s: decode languages: %w", code, err)
		}
		r.info.ImportedAt = time.UnixMicro(r.imported).UTC()
		r.info.Sources = []kasip.Source{}
		vs = append(vs, r)
		byID[r.id] = r
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("versions of %s: %w", code, err)
	}
	if len(vs) == 0 {
		return nil, fmt.Errorf("standard %s: %w", code, kasip.ErrNotFound)
	}

	srows, err := s.r.QueryContext(ctx, s.q(`SELECT src.standard_id, src.name, src.format, src.sha256, src.size, src.encoding, src.language
		FROM sources src JOIN standards st ON st.id = src.standard_id
		WHERE st.code = ? ORDER BY src.standard_id, src.idx`), code)
	if err != nil {
		return nil, fmt.Errorf("sources of %s: %w", code, err)
	}
	defer srows.Close()
	for srows.Next() {
		var id int64
		var src kasip.Source
		if err := srows.Scan(&id, &src.File, &src.Format, &src.SHA256, &src.Size, &src.Encoding, &src.Language); err != nil {
			return nil, fmt.Errorf("sources of %s: %w", code, err)
		}
		// A version imported between the two queries has no row here.
		if r := byID[id]; r != nil {
			r.info.Sources = append(r.info.Sources, src)
		}
	}
	if err := srows.Err(); err != nil {
		return nil, fmt.Errorf("sources of %s: %w", code, err)
	}

	sort.Slice(vs, func(i, j int) bool {
		a, b := vs[i], vs[j]
		return newer(b.info.Version, b.info.Year, b.imported, b.id, a.info.Version, a.info.Year, a.imported, a.id)
	})
	out := make([]kasip.VersionInfo, len(vs))
	for i, r := range vs {
		out[i] = r.info
	}
	return out, nil
}

// Source returns an original document of a stored version ("" = latest).
func (s *Store) Source(ctx context.Context, code, version string, index int) (kasip.SourceFile, error) {
	cond, args := versionCond("st.", version)
	var f kasip.SourceFile
	err := s.r.QueryRowContext(ctx, s.q(`SELECT src.name, src.format, src.sha256, src.data
		FROM sources src JOIN standards st ON st.id = src.standard_id
		WHERE st.code = ? AND `+cond+` AND src.idx = ?`), append(append([]any{code}, args...), index)...).
		Scan(&f.Name, &f.Format, &f.SHA256, &f.Data)
	what := fmt.Sprintf("source %d of %s%s", index, code, versionSuffix(version))
	if errors.Is(err, sql.ErrNoRows) {
		return f, fmt.Errorf("%s: %w", what, kasip.ErrNotFound)
	}
	if err != nil {
		return f, fmt.Errorf("%s: %w", what, err)
	}
	if f.Data == nil {
		return f, fmt.Errorf("%s: the file was not kept: %w", what, kasip.ErrNotFound)
	}
	return f, nil
}

// listSorts maps StandardFilter.Sort to ORDER BY clauses: {dir} is ASC or
// DESC, {bin} the dialect's code-point collation (text orders the same on
// both databases). Standards without a review date come last either way.
var listSorts = map[string]string{
	"code":     "code {bin} {dir}",
	"title":    "title_sort {bin} {dir}, code {bin}",
	"review":   "CASE WHEN review_date = '' THEN 1 ELSE 0 END, review_date {dir}, code {bin}",
	"imported": "imported_at {dir}, id {dir}",
}

// ListStandards returns a page of the latest versions that match f and the
// number of standards the filter selects.
func (s *Store) ListStandards(ctx context.Context, f kasip.StandardFilter) ([]kasip.StandardSummary, int, error) {
	where := []string{"is_latest"}
	var args []any
	if q := strings.TrimSpace(f.Query); q != "" {
		where = append(where, `search LIKE ? ESCAPE '\'`)
		args = append(args, "%"+likeEscape(strings.ToLower(q))+"%")
	}
	if l := strings.TrimSpace(f.Language); l != "" {
		where = append(where, `languages_key LIKE ? ESCAPE '\'`)
		args = append(args, "%,"+likeEscape(l)+",%")
	}
	if fam := strings.TrimSpace(f.Family); fam != "" {
		where = append(where, "family = ?")
		args = append(args, fam)
	}
	if f.Generated != nil {
		where = append(where, "is_generated = ?")
		args = append(args, *f.Generated)
	}
	if d := strings.TrimSpace(f.ReviewBefore); d != "" {
		if _, err := time.Parse("2006-01-02", d); err != nil {
			return nil, 0, fmt.Errorf("list standards: review date %q is not YYYY-MM-DD: %w", d, kasip.ErrInvalid)
		}
		where = append(where, "review_date <> '' AND review_date <= ?")
		args = append(args, d)
	}
	if f.Limit < 0 || f.Offset < 0 {
		return nil, 0, fmt.Errorf("list standards: negative limit or offset: %w", kasip.ErrInvalid)
	}
	key, dir := strings.TrimSpace(f.Sort), "ASC"
	if rest, ok := strings.CutPrefix(key, "-"); ok {
		key, dir = rest, "DESC"
	}
	if key == "" {
		key = "code"
	}
	order, ok := listSorts[key]
	if !ok {
		return nil, 0, fmt.Errorf("list standards: unknown sort %q (code, title, review, imported, with - for descending): %w", f.Sort, kasip.ErrInvalid)
	}
	order = strings.NewReplacer("{dir}", dir, "{bin}", s.d.binary).Replace(order)

	// The total and the page are two queries: a window count would make
	// the database visit every matching row, while the page alone can
	// stop after Limit rows along an index (see the migrations).
	cond := whereClause(where)
	var total int
	if err := s.r.QueryRowContext(ctx, s.q("SELECT COUNT(*) FROM standards"+cond), args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("list standards: count: %w", err)
	}
	out := []kasip.StandardSummary{}
	if total == 0 || f.Offset >= total {
		return out, total, nil
	}
	// Versions are counted for the page only: PostgreSQL would evaluate a
	// subquery in the inner select list for every row OFFSET skips.
	query := `SELECT code, version, year, title, family, languages, is_generated, cards, review_date, imported_at,
		(SELECT COUNT(*) FROM standards v WHERE v.code = page.code)
		FROM (SELECT id, code, version, year, title, title_sort, family, languages, is_generated, cards,
			review_date, imported_at FROM standards` + cond + ` ORDER BY ` + order + ` LIMIT ? OFFSET ?) page
		ORDER BY ` + order
	rows, err := s.r.QueryContext(ctx, s.q(query), append(args, limitOf(f.Limit), f.Offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("list standards: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r kasip.StandardSummary
		var title, langs string
		var imported int64
		if err := rows.Scan(&r.Code, &r.Version, &r.Year, &title, &r.Family, &langs, &r.Generated, &r.Cards,
			&r.ReviewDate, &imported, &r.Versions); err != nil {
			return nil, 0, fmt.Errorf("list standards: %w", err)
		}
		if err := json.Unmarshal([]byte(title), &r.Title); err != nil {
			return nil, 0, fmt.Errorf("list standards: decode title of %s: %w", r.Code, err)
		}
		if err := json.Unmarshal([]byte(langs), &r.Languages); err != nil {
			return nil, 0, fmt.Errorf("list standards: decode languages of %s: %w", r.Code, err)
		}
		r.ImportedAt = time.UnixMicro(imported).UTC()
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("list standards: %w", err)
	}
	return out, total, nil
}
