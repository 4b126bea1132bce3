package store

// Certificates (package certificate): issuing from a decision in force,
// numbering, the signed credential, status lists and status changes.
// Schema: migrations/*/0006_certificates.sql.
//
// Numbering. A number is drawn from a counter row per (centre, year) —
// the scope the number format shows, see certificate.NumberFormat.Scope —
// by one upsert that increments it and returns the new value, in the
// transaction that inserts the certificate. On PostgreSQL the upsert takes
// the counter row's lock, held to the commit: a second issuer in the same
// scope, in this process or another, waits, and then reads the committed
// value (READ COMMITTED re-reads the row after the wait). If the issuing
// transaction fails anywhere after the draw (signing, a constraint, the
// audit), the rollback returns the number: no gap. On SQLite the single
// writer connection with BEGIN IMMEDIATE serialises every write, across
// processes too. The UNIQUE (counter scope, seq) and UNIQUE (number) keys
// are the backstop.
//
// Status lists. Each certificate owns one index, the same in two lists:
// the revocation and the suspension bitstring of list StatusListID. A
// status list must be issued by the certificate's own issuer (Bitstring
// Status List §3.2), so lists belong to a key: a certificate takes the
// next index of the newest list of the active key (and of the current base
// URL, which the list keeps) with room left, under the key row's lock, in
// the issuing transaction like its number. After a key rotation new
// certificates open lists of the new key, and retired keys go on signing
// their old lists. The bits are stored as raw bitstrings, one row per
// (list, purpose), with a version counter; the signed list credential is
// cached per (list, purpose, version), so a busy verification endpoint
// signs once per change, and a change made by another process is seen by
// the version read.
//
// Locks, always taken in this order, so transactions never deadlock:
// application row → counter row → active key row → status list row;
// certificate row → status bits row; then the audit lock (AppendAudit).

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
	"weak"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/audit"
	"github.com/kasip/kasip/certificate"
	"github.com/kasip/kasip/credential"
	"github.com/kasip/kasip/recognition"
)

// certListSize is the number of bits of every status list: the smallest
// the specification allows, already 131,072 certificates per key and list.
const certListSize = credential.MinStatusListBits

// certState is per-store state of this feature: Store is defined with
// the registry, which this feature does not own, so (like recognitionHooks) it
// lives in a map keyed by a weak pointer to the store.
type certState struct {
	mu     sync.Mutex
	lists  map[certListKey]certSignedList // signed status lists by (list, purpose)
	models map[certModelKey]*certModel    // decoded models by stored version
	// sign signs credentials; tests replace it to make signing fail.
	sign func(unsigned []byte, iss credential.Issuer, at time.Time) ([]byte, error)
}

type certListKey struct {
	list    int64
	purpose string
}

type certSignedList struct {
	version int64
	signed  []byte
}

var certStates sync.Map // weak.Pointer[Store] → *certState

func (s *Store) certState() *certState {
	key := weak.Make(s)
	if st, ok := certStates.Load(key); ok {
		return st.(*certState)
	}
	st, loaded := certStates.LoadOrStore(key, &certState{lists: map[certListKey]certSignedList{},
		models: map[certModelKey]*certModel{}, sign: credential.SignAt})
	if !loaded {
		runtime.AddCleanup(s, func(k weak.Pointer[Store]) { certStates.Delete(k) }, key)
	}
	return st.(*certState)
}

func (s *Store) certSigner() func([]byte, credential.Issuer, time.Time) ([]byte, error) {
	st := s.certState()
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.sign
}

// certTx is a certificate write transaction: the time of the operation and
// the audit entries to append before the commit.
type certTx struct {
	*sql.Tx
	now    time.Time
	audits []audit.Entry
}

func (t *certTx) audit(actor int64, action, subject string, data map[string]any) {
	raw, _ := json.Marshal(data) // maps of strings, numbers and slices: cannot fail
	t.audits = append(t.audits, audit.Entry{At: t.now, Actor: actor, Action: "certificate." + action,
		Subject: subject, Data: raw})
}

// certificateTx runs f in one write transaction, appends its audit entries
// (last: AppendAudit's lock is held until the commit) and commits. Any
// error rolls everything back, the numbers drawn included.
func (s *Store) certificateTx(ctx context.Context, op string, f func(t *certTx) error) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	defer tx.Rollback()
	t := &certTx{Tx: tx, now: s.recNow()}
	if err := f(t); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	for _, e := range t.audits {
		if _, err := s.AppendAudit(ctx, tx, e); err != nil {
			return fmt.Errorf("%s: %w", op, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%s: commit: %w", op, err)
	}
	return nil
}

func certSubject(number string) string { return "certificate/" + number }

// CertificateSettings returns the issuing settings: the stored ones over
// the defaults.
func (s *Store) CertificateSettings(ctx context.Context) (certificate.Settings, error) {
	return s.certSettings(ctx, s.r)
}

func (s *Store) certSettings(ctx context.Context, q recQuerier) (certificate.Settings, error) {
	set := certificate.DefaultSettings()
	err := readSettings(ctx, q, "certificate_settings", "certificate settings", &set)
	return set, err
}

// SetCertificateSettings validates and stores the issuing settings.
// Certificates already issued keep their numbers, validity and links.
func (s *Store) SetCertificateSettings(ctx context.Context, actor int64, set certificate.Settings) error {
	if err := set.Validate(); err != nil {
		return fmt.Errorf("set certificate settings: %w", err)
	}
	return s.certificateTx(ctx, "set certificate settings", func(t *certTx) error {
		old, err := s.certSettings(ctx, t)
		if err != nil {
			return err
		}
		if _, err := t.ExecContext(ctx, s.q(`INSERT INTO certificate_settings (id, settings, updated_at, updated_by_user_id)
			VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET settings = excluded.settings,
			updated_at = excluded.updated_at, updated_by_user_id = excluded.updated_by_user_id`),
			mustJSON(set), recMicros(t.now), actor); err != nil {
			return err
		}
		t.audit(actor, "settings.set", "certificate-settings", map[string]any{"old": old, "new": set})
		return nil
	})
}

// IssueCertificate issues the certificate of an application whose decision
// in force (the last one) recognises the whole qualification or units of
// it: numbered, signed with the active issuer key, with its status-list
// index. An application gets one certificate: if it has one already, that
// one is returned and nothing changes.
func (s *Store) IssueCertificate(ctx context.Context, actor, applicationID int64) (certificate.Certificate, error) {
	var c certificate.Certificate
	err := s.certificateTx(ctx, fmt.Sprintf("issue certificate for application %d", applicationID), func(t *certTx) error {
		// The application's row lock makes a second issue of the same
		// application wait here, then find the first one's certificate.
		a, err := s.recLoadApplication(ctx, t, applicationID, s.recForUpdate())
		if err != nil {
			return err
		}
		existing, err := s.certLoad(ctx, t, "c.application_id = ?", applicationID)
		if err == nil {
			c = existing
			return nil
		}
		if !errors.Is(err, kasip.ErrNotFound) {
			return err
		}
		set, err := s.certSettings(ctx, t)
		if err != nil {
			return err
		}
		if c, err = s.certBuild(ctx, t, a, set, actor); err != nil {
			return err
		}
		return s.certIssue(ctx, t, &c, set, actor)
	})
	return c, err
}

// certBuild assembles the certificate of a (locked) application from its
// decision in force, the pinned card, the candidate and the centre.
func (s *Store) certBuild(ctx context.Context, t *certTx, a recognition.Application, set certificate.Settings, actor int64) (certificate.Certificate, error) {
	ds, err := s.recDecisions(ctx, t, a.ID)
	if err != nil {
		return certificate.Certificate{}, err
	}
	var d recognition.Decision
	if len(ds) > 0 {
		d = ds[len(ds)-1]
	}
	if err := certificate.CheckIssuable(a, d); err != nil {
		return certificate.Certificate{}, err
	}
	if err := set.CheckIssuable(); err != nil {
		return certificate.Certificate{}, err
	}
	rset, err := s.recSettings(ctx, t)
	if err != nil {
		return certificate.Certificate{}, err
	}
	src := certificate.Source{Application: a, Decision: d, IssuedAt: t.now, IssuedBy: actor, Zone: rset.Location()}
	if err := t.QueryRowContext(ctx, s.q("SELECT name FROM recognition_candidates WHERE id = ?"), a.CandidateID).
		Scan(&src.HolderName); err != nil {
		return certificate.Certificate{}, fmt.Errorf("candidate %d: %w", a.CandidateID, err)
	}
	if src.Centre, err = s.certCentre(ctx, t, a.CentreID); err != nil {
		return certificate.Certificate{}, err
	}
	if src.Card, src.StandardTitle, src.Generated, err = s.certCard(ctx, t, a.StandardCode, a.StandardVersion, a.Card); err != nil {
		return certificate.Certificate{}, err
	}
	return certificate.New(src, set)
}

func (s *Store) certCentre(ctx context.Context, q recQuerier, id int64) (recognition.Centre, error) {
	c := recognition.Centre{ID: id}
	var name, head string
	err := q.QueryRowContext(ctx, s.q("SELECT name, bin, head FROM recognition_centres WHERE id = ?"), id).Scan(&name, &c.BIN, &head)
	if errors.Is(err, sql.ErrNoRows) {
		return c, recNotFound("centre", id)
	}
	if err != nil {
		return c, fmt.Errorf("centre %d: %w", id, err)
	}
	return c, errors.Join(recDecodeJSON("centre name", name, &c.Name), recDecodeJSON("centre head", head, &c.Head))
}

// certCard reads card index of the pinned version, its standard's title
// and whether the standard is generated demo data. Decoding a model costs
// more than the rest of an issue, so decoded models are cached per stored
// version and its imported_at, which every rewrite of the model changes.
func (s *Store) certCard(ctx context.Context, q recQuerier, code, version string, index int) (*kasip.Card, kasip.Text, bool, error) {
	var key certModelKey
	err := q.QueryRowContext(ctx, s.q("SELECT id, imported_at FROM standards WHERE code = ? AND version = ?"), code, version).
		Scan(&key.id, &key.imported)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, false, fmt.Errorf("standard %s version %s: %w", code, version, kasip.ErrNotFound)
	}
	if err != nil {
		return nil, nil, false, fmt.Errorf("standard %s version %s: %w", code, version, err)
	}
	m, err := s.certModel(ctx, q, key)
	if err != nil {
		return nil, nil, false, fmt.Errorf("standard %s version %s: %w", code, version, err)
	}
	if index < 0 || index >= len(m.Cards) {
		return nil, nil, false, fmt.Errorf("standard %s version %s has no card %d: %w", code, version, index+1, kasip.ErrInvalid)
	}
	return &m.Cards[index], m.Title, m.Generated, nil
}

type certModelKey struct{ id, imported int64 }

// certModel is the part of a model a certificate needs. Cached values are
// shared: never change one (certificate.New copies what it keeps).
type certModel struct {
	Title     kasip.Text   `json:"title"`
	Generated bool         `json:"generated"`
	Cards     []kasip.Card `json:"cards"`
}

// certModelCacheSize bounds the cache: the versions programmes pin.
const certModelCacheSize = 64

func (s *Store) certModel(ctx context.Context, q recQuerier, key certModelKey) (*certModel, error) {
	st := s.certState()
	st.mu.Lock()
	m, ok := st.models[key]
	st.mu.Unlock()
	if ok {
		return m, nil
	}
	var text []byte
	if err := q.QueryRowContext(ctx, s.q("SELECT model FROM models WHERE standard_id = ?"), key.id).Scan(&text); err != nil {
		return nil, err
	}
	m = &certModel{}
	if err := json.Unmarshal(text, m); err != nil {
		return nil, fmt.Errorf("decode: %w", err)
	}
	st.mu.Lock()
	if len(st.models) >= certModelCacheSize {
		clear(st.models) // rare: start over rather than track use
	}
	st.models[key] = m
	st.mu.Unlock()
	return m, nil
}

// certIssue numbers c, gives it its status index, signs its credential and
// inserts both, in t.
func (s *Store) certIssue(ctx context.Context, t *certTx, c *certificate.Certificate, set certificate.Settings, actor int64) error {
	format, err := certificate.ParseNumberFormat(set.NumberFormat)
	if err != nil {
		return fmt.Errorf("%w: %w", err, kasip.ErrInvalid)
	}
	year := c.IssueDate.Year()
	scopeCentre, scopeYear := format.Scope(c.CentreID, year)
	seq, err := s.certDrawNumber(ctx, t, scopeCentre, scopeYear)
	if err != nil {
		return err
	}
	c.Number = format.Format(c.CentreID, year, seq)
	key, err := s.certLockActiveKey(ctx, t)
	if err != nil {
		return err
	}
	if c.StatusListID, c.StatusIndex, err = s.certDrawStatusIndex(ctx, t, key, set.BaseURL); err != nil {
		return err
	}
	c.IssuerKeyID = key.issuer.KeyID
	unsigned, err := credential.NewAchievementCredential(certificate.Credential(*c, key.issuer.DID(), set.URLs()))
	if err != nil {
		return fmt.Errorf("certificate %s: credential: %w", c.Number, err)
	}
	signed, err := s.certSigner()(unsigned, key.issuer, t.now)
	if err != nil {
		return fmt.Errorf("certificate %s: %w", c.Number, err)
	}
	if err := s.certInsert(ctx, t, c, key.row, scopeCentre, scopeYear, seq, signed); err != nil {
		return err
	}
	t.audit(actor, "issue", certSubject(c.Number), map[string]any{
		"application": c.ApplicationID, "decision": c.DecisionID, "whole": c.Whole, "units": len(c.Units),
		"key": c.IssuerKeyID, "status_list": c.StatusListID, "status_index": c.StatusIndex, "demo": c.Demo})
	return nil
}

// certDrawNumber returns the next number of the scope (the first is 1).
// One statement creates the counter or increments it, and holds its row
// lock to the end of the transaction.
func (s *Store) certDrawNumber(ctx context.Context, t *certTx, centre int64, year int) (int64, error) {
	var seq int64
	err := t.QueryRowContext(ctx, s.q(`INSERT INTO certificate_counters (centre_id, year, last) VALUES (?, ?, 1)
		ON CONFLICT (centre_id, year) DO UPDATE SET last = certificate_counters.last + 1 RETURNING last`),
		centre, year).Scan(&seq)
	if err != nil {
		return 0, fmt.Errorf("draw a certificate number (centre %d, year %d): %w", centre, year, err)
	}
	return seq, nil
}

func (s *Store) certInsert(ctx context.Context, t *certTx, c *certificate.Certificate, keyRow, scopeCentre int64, scopeYear int, seq int64, signed []byte) error {
	var id int64
	err := t.QueryRowContext(ctx, s.q(`INSERT INTO certificates (number, application_id, decision_id, candidate_id,
		centre_id, counter_centre, counter_year, seq, holder_name, profession, profession_key, level,
		standard_code, standard_version, standard_title, card, whole, units, centre_name, centre_bin, issued_at,
		issue_date, valid_until, expires_at, state, state_reason, state_changed_at, state_changed_by_user_id, demo,
		issuer_key_id, status_list_id, status_index, issued_by_user_id, centre_head)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		RETURNING id`),
		c.Number, c.ApplicationID, c.DecisionID, c.CandidateID, c.CentreID, scopeCentre, scopeYear, seq,
		c.HolderName, mustJSON(c.Profession), certProfessionKey(*c), c.Level,
		c.StandardCode, c.StandardVersion, mustJSON(orText(c.StandardTitle)), c.Card, c.Whole, mustJSON(orEmpty(c.Units)),
		mustJSON(c.CentreName), c.CentreBIN, recMicros(c.IssuedAt), recognition.Date(c.IssueDate),
		recognition.Date(c.ValidUntil), recMicros(c.ExpiresAt), c.State, c.StateReason, recMicros(c.StateChangedAt),
		c.StateChangedBy, c.Demo, keyRow, c.StatusListID, c.StatusIndex, c.IssuedBy, mustJSON(c.CentreHead)).Scan(&id)
	if err != nil {
		return fmt.Errorf("insert certificate %s: %w", c.Number, err)
	}
	if _, err := t.ExecContext(ctx, s.q("INSERT INTO certificate_credentials (certificate_id, credential) VALUES (?, ?)"),
		id, signed); err != nil {
		return fmt.Errorf("insert credential of certificate %s: %w", c.Number, err)
	}
	return s.certInsertWords(ctx, t, id, c.HolderName)
}

// certInsertWords indexes the folded words of the holder's name.
func (s *Store) certInsertWords(ctx context.Context, t *certTx, id int64, name string) error {
	words := slices.Compact(slices.Sorted(slices.Values(certificate.Words(name))))
	if len(words) == 0 {
		return nil
	}
	args := make([]any, 0, 2*len(words))
	for _, w := range words {
		args = append(args, w, id)
	}
	values := strings.TrimSuffix(strings.Repeat("(?, ?), ", len(words)), ", ")
	if _, err := t.ExecContext(ctx, s.q("INSERT INTO certificate_holder_words (word, certificate_id) VALUES "+values), args...); err != nil {
		return fmt.Errorf("index the name of certificate %d: %w", id, err)
	}
	return nil
}

// certProfessionKey is what a profession query is matched against: the
// card's titles in every language and the standard's code.
func certProfessionKey(c certificate.Certificate) string {
	parts := []string{c.StandardCode}
	for _, l := range []string{"kk", "ru", "en"} {
		parts = append(parts, c.Profession[l])
	}
	return certificate.Key(strings.Join(parts, " "))
}
