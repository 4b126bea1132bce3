package store

// Storage of the recognition domain (package recognition): centres and
// their accreditations, qualification programmes, candidates and vouchers,
// applications with their sessions, results, evidence, decisions and
// recAppeals. Schema: migrations/*/0004_recognition.sql.
//
// Every mutation runs in one transaction (recognitionTx) that also hands
// the audit events it produced to the auditor, if one is set, so an audit
// entry is written if and only if the change is. State checks read the
// rows they guard under a row lock on PostgreSQL (FOR UPDATE / FOR SHARE);
// SQLite needs none, its single writer connection begins IMMEDIATE.

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"
	"weak"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/recognition"
)

// RecognitionAuditor receives the events of a recognition mutation inside its
// transaction; an error it returns rolls the mutation back.
type RecognitionAuditor func(ctx context.Context, tx *sql.Tx, ev recognition.Event) error

// recognitionHooks are per-store settings of this file's own: Store is
// defined with the registry, which this feature does not own, so they live in a
// map keyed by a weak pointer to the store. A cleanup removes the entry
// when the store is collected.
type recognitionHooks struct {
	audit RecognitionAuditor
	now   func() time.Time
}

var recHooksByStore sync.Map // weak.Pointer[Store] → *recognitionHooks

func (s *Store) recHooks() *recognitionHooks {
	key := weak.Make(s)
	if h, ok := recHooksByStore.Load(key); ok {
		return h.(*recognitionHooks)
	}
	h, loaded := recHooksByStore.LoadOrStore(key, &recognitionHooks{})
	if !loaded {
		runtime.AddCleanup(s, func(k weak.Pointer[Store]) { recHooksByStore.Delete(k) }, key)
	}
	return h.(*recognitionHooks)
}

// recHooksMu serialises the setters. They replace the store's hooks with
// a modified copy (copy on write), so readers never see one being changed.
var recHooksMu sync.Mutex

// SetRecognitionAuditor sets (nil: removes) the function that records the audit
// events of recognition mutations. Set it before serving requests.
func (s *Store) SetRecognitionAuditor(f RecognitionAuditor) {
	recHooksMu.Lock()
	defer recHooksMu.Unlock()
	h := *s.recHooks()
	h.audit = f
	recHooksByStore.Store(weak.Make(s), &h)
}

// SetRecognitionClock sets the clock recognition rules are applied with
// (nil: the system clock). Tests use it to let deadlines pass.
func (s *Store) SetRecognitionClock(now func() time.Time) {
	recHooksMu.Lock()
	defer recHooksMu.Unlock()
	h := *s.recHooks()
	h.now = now
	recHooksByStore.Store(weak.Make(s), &h)
}

func (s *Store) recNow() time.Time {
	if f := s.recHooks().now; f != nil {
		return f().UTC()
	}
	return time.Now().UTC()
}

// recTx is a recognition write transaction.
type recTx struct {
	*sql.Tx
	now    time.Time
	set    recognition.Settings
	events []recognition.Event
}

// emit records an audit event, written when the transaction commits.
func (t *recTx) emit(actor int64, action, subject string, data map[string]any) {
	t.events = append(t.events, recognition.Event{Actor: actor, Action: "recognition." + action, Subject: subject, Data: data})
}

// recognitionTx runs f in one write transaction with the settings and the
// time of the operation, then the auditor on its events, then commits.
// Any error rolls everything back.
func (s *Store) recognitionTx(ctx context.Context, op string, f func(t *recTx) error) error {
	h := s.recHooks()
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	defer tx.Rollback()
	t := &recTx{Tx: tx, now: s.recNow()}
	if t.set, err = s.recSettings(ctx, tx); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	if err := f(t); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	if h.audit != nil {
		for _, ev := range t.events {
			if err := h.audit(ctx, tx, ev); err != nil {
				return fmt.Errorf("%s: audit: %w", op, err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%s: commit: %w", op, err)
	}
	return nil
}

// recForUpdate and recForShare lock the rows a state check reads until the
// transaction ends, on PostgreSQL. SQLite has no row locks and needs none.
func (s *Store) recForUpdate() string {
	if s.d.name == "postgres" {
		return " FOR UPDATE"
	}
	return ""
}

func (s *Store) recForShare() string {
	if s.d.name == "postgres" {
		return " FOR SHARE"
	}
	return ""
}

// recQuerier is what reads need: a pool or a transaction.
type recQuerier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// RecognitionSettings returns the recognition settings: the stored ones
// over the defaults.
func (s *Store) RecognitionSettings(ctx context.Context) (recognition.Settings, error) {
	return s.recSettings(ctx, s.r)
}

func (s *Store) recSettings(ctx context.Context, q recQuerier) (recognition.Settings, error) {
	set := recognition.DefaultSettings()
	err := readSettings(ctx, q, "recognition_settings", "recognition settings", &set)
	return set, err
}

// readSettings decodes the one row of a settings table (recognition,
// certificates) over the defaults already in v, so that a setting added
// after the row was written keeps its default; without a row v stays as
// it is. what names the settings in errors.
func readSettings(ctx context.Context, q recQuerier, table, what string, v any) error {
	var text string
	err := q.QueryRowContext(ctx, "SELECT settings FROM "+table+" WHERE id = 1").Scan(&text)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read %s: %w", what, err)
	}
	if err := json.Unmarshal([]byte(text), v); err != nil {
		return fmt.Errorf("decode %s: %w", what, err)
	}
	return nil
}

// SetRecognitionSettings validates and stores the settings.
func (s *Store) SetRecognitionSettings(ctx context.Context, actor int64, set recognition.Settings) error {
	if err := set.Validate(); err != nil {
		return fmt.Errorf("set recognition settings: %w", err)
	}
	return s.recognitionTx(ctx, "set recognition settings", func(t *recTx) error {
		if _, err := t.ExecContext(ctx, s.q(`INSERT INTO recognition_settings (id, settings, updated_at, updated_by_user_id)
			VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET settings = excluded.settings,
			updated_at = excluded.updated_at, updated_by_user_id = excluded.updated_by_user_id`),
			mustJSON(set), recMicros(t.now), actor); err != nil {
			return err
		}
		t.emit(actor, "settings.set", "recognition-settings", map[string]any{"old": t.set, "new": set})
		return nil
	})
}

// Times are stored as Unix microseconds, UTC (0: none); days as ISO dates.

func recMicros(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UTC().UnixMicro()
}

func recFromMicros(n int64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.UnixMicro(n).UTC()
}

func recParseDay(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return time.Parse(time.DateOnly, s)
}

func recNullID(id int64) sql.NullInt64 { return sql.NullInt64{Int64: id, Valid: id != 0} }

// recDecodeJSON decodes a JSON column, naming it in the error.
func recDecodeJSON(what, text string, v any) error {
	if err := json.Unmarshal([]byte(text), v); err != nil {
		return fmt.Errorf("decode %s: %w", what, err)
	}
	return nil
}

// recNotFound wraps ErrNotFound for a missing row.
func recNotFound(what string, id int64) error {
	return fmt.Errorf("%s %d: %w", what, id, kasip.ErrNotFound)
}

// recStandardCard loads card index of version of the standard code, reading
// through q (the transaction of a write, so that the check and the write
// see the same registry).
func (s *Store) recStandardCard(ctx context.Context, q recQuerier, code, version string, index int) (*kasip.Card, error) {
	var text []byte
	err := q.QueryRowContext(ctx, s.q(`SELECT m.model FROM standards st JOIN models m ON m.standard_id = st.id
		WHERE st.code = ? AND st.version = ?`), code, version).Scan(&text)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("standard %s version %s: %w", code, version, kasip.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("standard %s version %s: %w", code, version, err)
	}
	var m kasip.Standard
	if err := json.Unmarshal(text, &m); err != nil {
		return nil, fmt.Errorf("standard %s version %s: decode: %w", code, version, err)
	}
	if index < 0 || index >= len(m.Cards) {
		return nil, recognition.NewError(kasip.ErrInvalid, "standard.no_card", "code", code, "version", version,
			"card", itoa(index+1), "cards", itoa(len(m.Cards)))
	}
	return &m.Cards[index], nil
}
