package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/kasip/kasip"
)

// Professions are the cards of the latest version of each standard. Rows
// are keyed by (standard code, card index) and upserted on every import
// that changes the latest version, so a profession keeps its id and its
// recognition mode across re-imports and new versions. The card index was
// chosen over the card title as the key because titles change with wording
// edits and with a bilingual merge (a Russian title added to a Kazakh one),
// while a new version that keeps the structure keeps the indexes. A card
// that disappears from the latest version leaves the register with its
// mode.

// writeProfessions makes the code's professions those of m, its latest
// version.
func (s *Store) writeProfessions(ctx context.Context, tx *sql.Tx, m *kasip.Standard) error {
	sections := okedSections(m.OKED)
	up := s.q(`INSERT INTO professions
		(standard_code, card, standard_version, standard_title, title, codes, codes_key, level,
		 oked_sections, sections_key, languages, languages_key, is_generated, search)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (standard_code, card) DO UPDATE SET
		 standard_version = excluded.standard_version, standard_title = excluded.standard_title,
		 title = excluded.title, codes = excluded.codes, codes_key = excluded.codes_key,
		 level = excluded.level, oked_sections = excluded.oked_sections,
		 sections_key = excluded.sections_key, languages = excluded.languages,
		 languages_key = excluded.languages_key, is_generated = excluded.is_generated,
		 search = excluded.search`)
	for i := range m.Cards {
		c := &m.Cards[i]
		title := cardTitle(m, i)
		langs := cardLanguages(m, title)
		codes := orEmpty(c.Codes)
		parts := append(textValues(title), textValues(c.HeaderTitle)...)
		for _, a := range c.AltTitles {
			parts = append(parts, textValues(a.Title)...)
		}
		parts = append(parts, codes...)
		parts = append(parts, c.OccupationCode, m.Code)
		if _, err := tx.ExecContext(ctx, up, m.Code, i, m.VersionKey(), mustJSON(orText(m.Title)), mustJSON(title),
			mustJSON(codes), listKey(codes), c.Level, mustJSON(sections), listKey(sections),
			mustJSON(langs), listKey(langs), m.Generated, searchText(parts...)); err != nil {
			return fmt.Errorf("write profession %d: %w", i, err)
		}
	}
	if _, err := tx.ExecContext(ctx, s.q("DELETE FROM professions WHERE standard_code = ? AND card >= ?"), m.Code, len(m.Cards)); err != nil {
		return fmt.Errorf("remove old professions: %w", err)
	}
	return nil
}

// cardLanguages are the languages a card's title is written in, in the
// standard's order: after a bilingual merge, a card with no counterpart in
// the other document is in one language only, and the register's language
// filter should say so.
func cardLanguages(m *kasip.Standard, title kasip.Text) []string {
	out := []string{}
	for _, l := range m.Languages {
		if title[l] != "" {
			out = append(out, l)
		}
	}
	if len(out) == 0 {
		return orEmpty(m.Languages)
	}
	return out
}

// cardTitle is the card's title, or the passport's entry for it, or the
// card heading's.
func cardTitle(m *kasip.Standard, i int) kasip.Text {
	c := &m.Cards[i]
	if !c.Title.IsEmpty() {
		return c.Title
	}
	if i < len(m.CardList) && !m.CardList[i].Title.IsEmpty() {
		return m.CardList[i].Title
	}
	return orText(c.HeaderTitle)
}

const professionColumns = `id, standard_code, standard_version, standard_title, card, title, codes, level,
	oked_sections, languages, recognition, is_generated`

// scanProfession reads a row of professionColumns, then extra columns.
func scanProfession(sc interface{ Scan(...any) error }, extra ...any) (kasip.Profession, error) {
	var p kasip.Profession
	var stTitle, title, codes, sections, langs string
	dest := append([]any{&p.ID, &p.StandardCode, &p.StandardVersion, &stTitle, &p.Card, &title, &codes, &p.Level,
		&sections, &langs, &p.Recognition, &p.Generated}, extra...)
	if err := sc.Scan(dest...); err != nil {
		return p, err
	}
	for _, f := range []struct {
		src string
		dst any
	}{{stTitle, &p.StandardTitle}, {title, &p.Title}, {codes, &p.Codes}, {sections, &p.OKEDSections}, {langs, &p.Languages}} {
		if err := json.Unmarshal([]byte(f.src), f.dst); err != nil {
			return p, fmt.Errorf("decode profession %d: %w", p.ID, err)
		}
	}
	return p, nil
}

// Professions returns a page of the register and the number of entries
// the filter selects, ordered by standard code and card.
func (s *Store) Professions(ctx context.Context, f kasip.ProfessionFilter) ([]kasip.Profession, int, error) {
	var where []string
	var args []any
	if q := strings.TrimSpace(f.Query); q != "" {
		where = append(where, `search LIKE ? ESCAPE '\'`)
		args = append(args, "%"+likeEscape(strings.ToLower(q))+"%")
	}
	if f.Level != 0 {
		if f.Level < 1 || f.Level > 8 {
			return nil, 0, fmt.Errorf("professions: level %d is not 1 to 8: %w", f.Level, kasip.ErrInvalid)
		}
		where = append(where, "level = ?")
		args = append(args, f.Level)
	}
	if sec := strings.ToUpper(strings.TrimSpace(f.OKEDSection)); sec != "" {
		where = append(where, `sections_key LIKE ? ESCAPE '\'`)
		args = append(args, "%,"+likeEscape(sec)+",%")
	}
	if p := strings.TrimSpace(f.CodePrefix); p != "" {
		where = append(where, `codes_key LIKE ? ESCAPE '\'`)
		args = append(args, "%,"+likeEscape(p)+"%")
	}
	if l := strings.TrimSpace(f.Language); l != "" {
		where = append(where, `languages_key LIKE ? ESCAPE '\'`)
		args = append(args, "%,"+likeEscape(l)+",%")
	}
	if f.Generated != nil {
		where = append(where, "is_generated = ?")
		args = append(args, *f.Generated)
	}
	if r := strings.TrimSpace(f.Recognition); r != "" {
		if err := checkRecognition(r); err != nil {
			return nil, 0, fmt.Errorf("professions: %w", err)
		}
		where = append(where, "recognition = ?")
		args = append(args, r)
	}
	if f.Limit < 0 || f.Offset < 0 {
		return nil, 0, fmt.Errorf("professions: negative limit or offset: %w", kasip.ErrInvalid)
	}
	// Count and page separately: see ListStandards.
	cond := whereClause(where)
	var total int
	if err := s.r.QueryRowContext(ctx, s.q("SELECT COUNT(*) FROM professions"+cond), args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("professions: count: %w", err)
	}
	out := []kasip.Profession{}
	if total == 0 || f.Offset >= total {
		return out, total, nil
	}
	query := `SELECT ` + professionColumns + ` FROM professions` + cond +
		` ORDER BY standard_code ` + s.d.binary + `, card LIMIT ? OFFSET ?`
	rows, err := s.r.QueryContext(ctx, s.q(query), append(args, limitOf(f.Limit), f.Offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("professions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		p, err := scanProfession(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("professions: %w", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("professions: %w", err)
	}
	return out, total, nil
}

// Profession returns one entry of the register.
func (s *Store) Profession(ctx context.Context, id int64) (kasip.Profession, error) {
	p, err := scanProfession(s.r.QueryRowContext(ctx, s.q("SELECT "+professionColumns+" FROM professions WHERE id = ?"), id))
	if errors.Is(err, sql.ErrNoRows) {
		return p, fmt.Errorf("profession %d: %w", id, kasip.ErrNotFound)
	}
	if err != nil {
		return p, fmt.Errorf("profession %d: %w", id, err)
	}
	return p, nil
}

// SetRecognition records whether recognition for a profession is mandatory
// or voluntary.
func (s *Store) SetRecognition(ctx context.Context, id int64, mode string) error {
	if err := checkRecognition(mode); err != nil {
		return fmt.Errorf("set recognition of %d: %w", id, err)
	}
	r, err := s.w.ExecContext(ctx, s.q("UPDATE professions SET recognition = ? WHERE id = ?"), mode, id)
	if err != nil {
		return fmt.Errorf("set recognition of %d: %w", id, err)
	}
	n, err := r.RowsAffected()
	if err != nil {
		return fmt.Errorf("set recognition of %d: %w", id, err)
	}
	if n == 0 {
		return fmt.Errorf("profession %d: %w", id, kasip.ErrNotFound)
	}
	return nil
}

func checkRecognition(mode string) error {
	if mode != kasip.RecognitionMandatory && mode != kasip.RecognitionVoluntary {
		return fmt.Errorf("recognition %q is neither %s nor %s: %w", mode, kasip.RecognitionMandatory, kasip.RecognitionVoluntary, kasip.ErrInvalid)
	}
	return nil
}
