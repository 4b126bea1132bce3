package store

// Storage of the workforce domain (package workforce): organisations and
// their members (this file), positions, employees and their assessments
// (workforce_people.go), development actions, education programmes and the
// snapshot a gap analysis reads (workforce_plans.go). Schema:
// migrations/*/0009_workforce.sql.
//
// Every change runs in one transaction of recognitionTx, whose auditor
// appends the change's audit entry ("workforce.…" actions) in it, so that
// the entry is written if and only if the change is. Rows a check guards
// are read under a row lock on PostgreSQL: the organisation FOR SHARE by
// writes that check units against it, FOR NO KEY UPDATE by the write that
// changes them (wfForUpdate); SQLite's single writer needs none.

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/kasip/kasip/recognition"
	"github.com/kasip/kasip/workforce"
)

// The store keeps organisations and what they do with standards.
var _ workforce.Store = (*Store)(nil)

// wfEmit records an audit event of the workforce domain, written when the
// transaction commits: the action is "workforce.<action>".
func (t *recTx) wfEmit(actor int64, action, subject string, data map[string]any) {
	t.events = append(t.events, recognition.Event{Actor: actor, Action: "workforce." + action, Subject: subject, Data: data})
}

// wfNow is the time of the change at the precision it is stored with, so
// that what a write returns is what a read gives back.
func (t *recTx) wfNow() time.Time { return t.now.Truncate(time.Microsecond) }

// wfForUpdate locks a row that others' rows refer to (an organisation, a
// position, an employee) for a write, on PostgreSQL: FOR NO KEY UPDATE,
// which the foreign-key checks of writes naming the row do not wait for.
func (s *Store) wfForUpdate() string {
	if s.d.name == "postgres" {
		return " FOR NO KEY UPDATE"
	}
	return ""
}

func wfSubject(kind string, id int64) string { return kind + "/" + itoa(id) }

// wfMissing refuses an unknown id (ErrNotFound) with the key of its kind.
func wfMissing(key string, id int64) error {
	return workforce.Refuse(workforce.ErrNotFound, key, "id", itoa(id))
}

// wfStale refuses a write from a revision other than the stored one.
func wfStale(got, current int) error {
	return workforce.Refuse(workforce.ErrStale, "workforce.stale", "revision", itoa(got), "current", itoa(current))
}

// wfUser checks that a user exists and returns their login, name and
// candidate record (0: none).
func (s *Store) wfUser(ctx context.Context, q recQuerier, id int64) (login, name string, candidate int64, err error) {
	_, err = wfGet(ctx, q, s.q("SELECT login, name, candidate_id FROM users WHERE id = ?"), id, "workforce.user_unknown",
		func(sc wfScanner) (any, error) { return nil, sc.Scan(&login, &name, &candidate) })
	return login, name, candidate, err
}

// wfExists checks that table has a row of id; a missing one is refused
// with key.
func (s *Store) wfExists(ctx context.Context, q recQuerier, table string, id int64, key string) error {
	_, err := wfGet(ctx, q, s.q("SELECT id FROM "+table+" WHERE id = ?"), id, key,
		func(sc wfScanner) (any, error) { return nil, sc.Scan(new(int64)) })
	return err
}

// wfScanner is a row to scan: *sql.Row or *sql.Rows.
type wfScanner = interface{ Scan(...any) error }

// wfGet reads the row of id that query selects, with scan; a missing one
// is refused with key (ErrNotFound).
func wfGet[T any](ctx context.Context, q recQuerier, query string, id int64, key string, scan func(wfScanner) (T, error)) (T, error) {
	v, err := scan(q.QueryRowContext(ctx, query, id))
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return v, wfMissing(key, id)
	case err != nil:
		return v, fmt.Errorf("%s %d: %w", strings.TrimSuffix(strings.TrimPrefix(key, "workforce."), "_unknown"), id, err)
	}
	return v, nil
}

// wfOp names the operation (format with args) in the error of a read:
// return wfOp(s.read(…))("get thing %d", id).
func wfOp[T any](v T, err error) func(format string, args ...any) (T, error) {
	return func(format string, args ...any) (T, error) {
		if err != nil {
			return v, fmt.Errorf(format+": %w", append(args, err)...)
		}
		return v, nil
	}
}

// wfList reads every row query selects, with scan.
func wfList[T any](ctx context.Context, q recQuerier, query string, scan func(wfScanner) (T, error), args ...any) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

const wfOrgColumns = "id, kind, name, bin, units, demo, created_at, created_by_user_id"

func wfScanOrg(sc wfScanner) (workforce.Organisation, error) {
	var o workforce.Organisation
	var units string
	var created int64
	if err := sc.Scan(&o.ID, &o.Kind, &o.Name, &o.BIN, &units, &o.Demo, &created, &o.CreatedBy); err != nil {
		return o, err
	}
	o.CreatedAt = recFromMicros(created)
	o.Units = []string{}
	return o, recDecodeJSON("organisation units", units, &o.Units)
}

// wfLoadOrg reads an organisation through q, locked with lock ("" or a
// row-lock clause).
func (s *Store) wfLoadOrg(ctx context.Context, q recQuerier, id int64, lock string) (workforce.Organisation, error) {
	return wfGet(ctx, q, s.q("SELECT "+wfOrgColumns+" FROM wf_organisations WHERE id = ?"+lock), id, "workforce.org_unknown", wfScanOrg)
}

// CreateOrganisation stores a new employer or education provider. A BIN
// is one organisation: a second with it is ErrConflict.
func (s *Store) CreateOrganisation(ctx context.Context, actor int64, o workforce.Organisation) (workforce.Organisation, error) {
	o = o.Normalized()
	if err := o.Validate(); err != nil {
		return o, fmt.Errorf("create organisation: %w", err)
	}
	err := s.recognitionTx(ctx, "create organisation", func(t *recTx) error {
		o.CreatedAt, o.CreatedBy = t.wfNow(), actor
		// ON CONFLICT rather than a lookup first: it also holds when two
		// PostgreSQL transactions insert the same BIN at once.
		err := t.QueryRowContext(ctx, s.q(`INSERT INTO wf_organisations (kind, name, bin, units, demo, created_at, created_by_user_id)
			VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (bin) DO NOTHING RETURNING id`),
			o.Kind, o.Name, o.BIN, mustJSON(o.Units), o.Demo, recMicros(o.CreatedAt), actor).Scan(&o.ID)
		if errors.Is(err, sql.ErrNoRows) {
			return workforce.Refuse(workforce.ErrConflict, "workforce.org_bin_taken", "bin", o.BIN)
		}
		if err != nil {
			return err
		}
		t.wfEmit(actor, "org.create", wfSubject("org", o.ID), map[string]any{"kind": o.Kind, "name": o.Name, "bin": o.BIN,
			"units": o.Units, "demo": o.Demo})
		return nil
	})
	return o, err
}

// UpdateOrganisation changes an organisation's name and units. A unit an
// employee, a position or a head is in cannot be removed (ErrConflict).
func (s *Store) UpdateOrganisation(ctx context.Context, actor int64, in workforce.Organisation) (workforce.Organisation, error) {
	in = in.Normalized()
	var o workforce.Organisation
	err := s.recognitionTx(ctx, "update organisation", func(t *recTx) error {
		var err error
		if o, err = s.wfLoadOrg(ctx, t, in.ID, s.wfForUpdate()); err != nil {
			return err
		}
		old := o
		o.Name, o.Units = in.Name, in.Units
		if err := o.Validate(); err != nil {
			return err
		}
		if o.Name == old.Name && slices.Equal(o.Units, old.Units) {
			return nil // nothing to write, nothing to audit
		}
		removed := slices.DeleteFunc(slices.Clone(old.Units), func(u string) bool { return slices.Contains(o.Units, u) })
		if err := s.wfUnitsInUse(ctx, t, o.ID, removed); err != nil {
			return err
		}
		if _, err := t.ExecContext(ctx, s.q("UPDATE wf_organisations SET name = ?, units = ? WHERE id = ?"),
			o.Name, mustJSON(o.Units), o.ID); err != nil {
			return err
		}
		data := map[string]any{"units": o.Units}
		if o.Name != old.Name {
			data["name"] = o.Name
		}
		if len(removed) > 0 {
			data["units_removed"] = removed
		}
		t.wfEmit(actor, "org.update", wfSubject("org", o.ID), data)
		return nil
	})
	return o, err
}

// wfUnitsInUse refuses removing units that employees, positions or
// members of the organisation are in.
func (s *Store) wfUnitsInUse(ctx context.Context, t *recTx, org int64, units []string) error {
	if len(units) == 0 {
		return nil
	}
	rows, err := t.QueryContext(ctx, s.q(`SELECT unit FROM wf_employees WHERE org_id = ? AND unit <> ''
		UNION SELECT unit FROM wf_positions WHERE org_id = ? AND unit <> ''
		UNION SELECT unit FROM wf_members WHERE org_id = ? AND unit <> ''`), org, org, org)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var u string
		if err := rows.Scan(&u); err != nil {
			return err
		}
		if slices.Contains(units, u) {
			return workforce.Refuse(workforce.ErrConflict, "workforce.unit_in_use", "unit", u)
		}
	}
	return rows.Err()
}

// GetOrganisation returns an organisation.
func (s *Store) GetOrganisation(ctx context.Context, id int64) (workforce.Organisation, error) {
	return wfOp(s.wfLoadOrg(ctx, s.r, id, ""))("get organisation")
}

// ListOrganisations returns every organisation, by name.
func (s *Store) ListOrganisations(ctx context.Context) ([]workforce.Organisation, error) {
	return wfOp(wfList(ctx, s.r, "SELECT "+wfOrgColumns+" FROM wf_organisations ORDER BY name "+s.d.binary+", id",
		wfScanOrg))("list organisations")
}

// SetMember adds a user to an organisation or changes their role and unit.
func (s *Store) SetMember(ctx context.Context, actor int64, m workforce.Member) (workforce.Member, error) {
	m.Role, m.Unit = strings.TrimSpace(m.Role), strings.TrimSpace(m.Unit)
	err := s.recognitionTx(ctx, "set member", func(t *recTx) error {
		org, err := s.wfLoadOrg(ctx, t, m.OrgID, s.recForShare())
		if err != nil {
			return err
		}
		if err := m.Validate(org); err != nil {
			return err
		}
		if m.Login, m.Name, _, err = s.wfUser(ctx, t, m.UserID); err != nil {
			return err
		}
		var oldRole, oldUnit string
		err = t.QueryRowContext(ctx, s.q("SELECT role, unit FROM wf_members WHERE org_id = ? AND user_id = ?"+s.recForUpdate()),
			m.OrgID, m.UserID).Scan(&oldRole, &oldUnit)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return err
		case oldRole == m.Role && oldUnit == m.Unit:
			return nil // already so
		}
		if _, err := t.ExecContext(ctx, s.q(`INSERT INTO wf_members (org_id, user_id, role, unit) VALUES (?, ?, ?, ?)
			ON CONFLICT (org_id, user_id) DO UPDATE SET role = excluded.role, unit = excluded.unit`),
			m.OrgID, m.UserID, m.Role, m.Unit); err != nil {
			return err
		}
		data := map[string]any{"user": m.UserID, "role": m.Role, "unit": m.Unit}
		if oldRole != "" {
			data["old"] = map[string]any{"role": oldRole, "unit": oldUnit}
		}
		t.wfEmit(actor, "org.member_set", wfSubject("org", m.OrgID), data)
		return nil
	})
	return m, err
}

// RemoveMember ends a user's membership of an organisation.
func (s *Store) RemoveMember(ctx context.Context, actor, orgID, userID int64) error {
	return s.recognitionTx(ctx, "remove member", func(t *recTx) error {
		var role string
		err := t.QueryRowContext(ctx, s.q("DELETE FROM wf_members WHERE org_id = ? AND user_id = ? RETURNING role"), orgID, userID).Scan(&role)
		if errors.Is(err, sql.ErrNoRows) {
			return workforce.Refuse(workforce.ErrNotFound, "workforce.member_unknown", "user", itoa(userID), "org", itoa(orgID))
		}
		if err != nil {
			return err
		}
		t.wfEmit(actor, "org.member_remove", wfSubject("org", orgID), map[string]any{"user": userID, "role": role})
		return nil
	})
}

const wfMemberSelect = `SELECT m.org_id, m.user_id, u.login, u.name, m.role, m.unit
	FROM wf_members m JOIN users u ON u.id = m.user_id WHERE `

// Members lists an organisation's members, by name.
func (s *Store) Members(ctx context.Context, orgID int64) ([]workforce.Member, error) {
	return wfOp(s.wfMembers(ctx, "m.org_id = ? ORDER BY u.name "+s.d.binary+", m.user_id", orgID))("members of organisation %d", orgID)
}

// Memberships lists a user's memberships, by organisation.
func (s *Store) Memberships(ctx context.Context, userID int64) ([]workforce.Member, error) {
	return wfOp(s.wfMembers(ctx, "m.user_id = ? ORDER BY m.org_id", userID))("memberships of user %d", userID)
}

func (s *Store) wfMembers(ctx context.Context, cond string, arg any) ([]workforce.Member, error) {
	return wfList(ctx, s.r, s.q(wfMemberSelect+cond), func(sc wfScanner) (workforce.Member, error) {
		var m workforce.Member
		err := sc.Scan(&m.OrgID, &m.UserID, &m.Login, &m.Name, &m.Role, &m.Unit)
		return m, err
	}, arg)
}

// wfDecodeRatings decodes a ratings column: what json.Marshal writes of a
// map[string]workforce.Rating. A snapshot decodes thousands of them, and
// encoding/json took 50 µs for 20 ratings, most of the snapshot's time;
// so that form is read here directly (7 µs, BenchmarkWorkforceDecodeRatings),
// and anything else (an escaped key, a field not known here) is left to
// encoding/json.
func wfDecodeRatings(b string) (map[string]workforce.Rating, error) {
	if m, ok := wfFastRatings(b); ok {
		return m, nil
	}
	m := map[string]workforce.Rating{}
	if err := json.Unmarshal([]byte(b), &m); err != nil {
		return nil, fmt.Errorf("decode ratings: %w", err)
	}
	return m, nil
}

func wfFastRatings(b string) (map[string]workforce.Rating, bool) {
	d := &wfJSON{b: b}
	m := make(map[string]workforce.Rating, len(b)/150) // a rating takes 150 to 250 bytes
	ok := d.object(func(key string) bool {
		key = strings.Clone(key) // not a part of b: the map would keep b whole
		r := workforce.Rating{}
		ok := d.object(func(name string) bool { return d.ratingField(&r, key, name) })
		m[key] = r
		return ok
	})
	return m, ok && d.i == len(d.b)
}

// ratingField reads the value of the field name of r, the rating of key.
func (d *wfJSON) ratingField(r *workforce.Rating, key, name string) bool {
	var ok bool
	var n int64
	var v string
	switch name {
	case "path":
		if v, ok = d.str(); ok && v == key {
			r.Path = key
		} else {
			r.Path = strings.Clone(v)
		}
	case "self":
		n, ok = d.int()
		r.Self = int(n)
	case "manager":
		n, ok = d.int()
		r.Manager = int(n)
	case "evidence":
		r.Evidence, ok = d.text()
	case "updated_by_user_id":
		r.By, ok = d.int()
	case "updated_at":
		if v, ok = d.str(); ok {
			ok = r.At.UnmarshalText([]byte(v)) == nil
		}
	}
	return ok // false for a field not known here
}

// wfJSON reads JSON from b at i.
type wfJSON struct {
	b string
	i int
}

// object reads an object, calling member after each key (with the
// reader at its value) to read the value.
func (d *wfJSON) object(member func(key string) bool) bool {
	if !d.lit('{') {
		return false
	}
	if d.lit('}') {
		return true
	}
	for {
		key, ok := d.str()
		if !ok || !d.lit(':') || !member(key) {
			return false
		}
		if d.lit('}') {
			return true
		}
		if !d.lit(',') {
			return false
		}
	}
}

// lit reads the byte c, if it is next. json.Marshal writes no spaces:
// there are none to skip.
func (d *wfJSON) lit(c byte) bool {
	if d.i < len(d.b) && d.b[d.i] == c {
		d.i++
		return true
	}
	return false
}

// str reads a string without escapes.
func (d *wfJSON) str() (string, bool) {
	if !d.lit('"') {
		return "", false
	}
	for j := d.i; j < len(d.b); j++ { // short strings: a loop beats IndexByte
		switch d.b[j] {
		case '"':
			v := d.b[d.i:j]
			d.i = j + 1
			return v, true
		case '\\':
			return "", false
		}
	}
	return "", false
}

// text reads any string.
func (d *wfJSON) text() (string, bool) {
	if !d.lit('"') {
		return "", false
	}
	j, escaped := d.i, false
	for ; j < len(d.b) && d.b[j] != '"'; j++ {
		if d.b[j] == '\\' {
			j, escaped = j+1, true
		}
	}
	if j >= len(d.b) {
		return "", false
	}
	s := strings.Clone(d.b[d.i:j])
	if escaped && json.Unmarshal([]byte(d.b[d.i-1:j+1]), &s) != nil {
		return "", false
	}
	d.i = j + 1
	return s, true
}

// int reads an integer of at most 18 digits.
func (d *wfJSON) int() (int64, bool) {
	neg := d.i < len(d.b) && d.b[d.i] == '-'
	if neg {
		d.i++
	}
	start, n := d.i, int64(0)
	for ; d.i < len(d.b) && d.b[d.i] >= '0' && d.b[d.i] <= '9'; d.i++ {
		n = n*10 + int64(d.b[d.i]-'0')
	}
	if d.i == start || d.i-start > 18 { // and a fraction or exponent fails at the next "," or "}"
		return 0, false
	}
	if neg {
		n = -n
	}
	return n, true
}

// WorkforceRatingBytesForBenchmark reads the ratings of an organisation's
// employees as Snapshot reads them (those of units) but as bytes, without decoding them: the baseline the snapshot is
// measured against (cmd/kasip-bench -workforce). It returns their length.
func (s *Store) WorkforceRatingBytesForBenchmark(ctx context.Context, orgID int64) (int, error) {
	rows, err := s.r.QueryContext(ctx, s.q("SELECT unit_ratings FROM wf_assessments WHERE org_id = ?"), orgID)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var b []byte
		if err := rows.Scan(&b); err != nil {
			return n, err
		}
		n += len(b)
	}
	return n, rows.Err()
}
