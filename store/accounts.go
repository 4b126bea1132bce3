package store

// Accounts: users, browser sessions and API tokens (package auth holds the
// types and the cryptography). Tokens are looked up by their SHA-256 only
// (auth.HashToken); the store never sees a password, only its argon2id
// hash, which callers compute outside any transaction: a hash takes tens of
// milliseconds, and on SQLite a transaction holds the only writer.
//
// Changes an administrator makes to accounts are written to the audit log
// in the same transaction (actor: the user acting, 0 for the system); sign
// in and sign out are not, they are too frequent to be worth a chain entry.

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/audit"
	"github.com/kasip/kasip/auth"
)

// Audit actions of account changes; the subject is "user/<id>".
const (
	AuditUserCreated     = "user.created"
	AuditPasswordChanged = "user.password_changed"
	AuditUserDisabled    = "user.disabled"
	AuditUserEnabled     = "user.enabled"
	AuditTokenCreated    = "token.created"
	AuditTokenRevoked    = "token.revoked"
)

func accountSubject(userID int64) string { return "user/" + strconv.FormatInt(userID, 10) }

// accountTime turns stored Unix microseconds into a time; 0 is "never", the
// zero time.
func accountTime(us int64) time.Time {
	if us == 0 {
		return time.Time{}
	}
	return time.UnixMicro(us).UTC()
}

func accountMicros(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMicro()
}

// accountsTx runs f in a write transaction and commits it.
func (s *Store) accountsTx(ctx context.Context, what string, f func(tx *sql.Tx) error) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("%s: begin: %w", what, err)
	}
	defer tx.Rollback()
	if err := f(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%s: commit: %w", what, err)
	}
	return nil
}

// auditAccount appends an audit entry for an account change inside tx.
func (s *Store) auditAccount(ctx context.Context, tx *sql.Tx, actor int64, action string, userID int64, data map[string]any, now time.Time) error {
	raw, err := json.Marshal(data)
	if err != nil {
		return fmt.Errorf("%s: audit data: %w", action, err)
	}
	_, err = s.AppendAudit(ctx, tx, audit.Entry{At: now, Actor: actor, Action: action, Subject: accountSubject(userID), Data: raw})
	return err
}

const accountUserCols = `id, login, name, role, centre_id, employer, candidate_id, created_at, disabled`

type accountRow interface{ Scan(dest ...any) error }

func scanAccountUser(r accountRow, extra ...any) (auth.User, error) {
	var u auth.User
	var role string
	var created int64
	dest := append([]any{&u.ID, &u.Login, &u.Name, &role, &u.CentreID, &u.Employer, &u.CandidateID, &created, &u.Disabled}, extra...)
	if err := r.Scan(dest...); err != nil {
		return u, err
	}
	u.Role = auth.Role(role)
	u.Created = accountTime(created)
	return u, nil
}

// CreateUser stores a new user with passwordHash (auth.HashPassword; ""
// for an account that cannot sign in with a password yet) and returns it
// with its id and creation time. A login another user has, in any letter
// case, gives auth.ErrLoginTaken.
func (s *Store) CreateUser(ctx context.Context, actor int64, u auth.User, passwordHash string, now time.Time) (auth.User, error) {
	u.Login = strings.TrimSpace(u.Login)
	u.Name = strings.TrimSpace(u.Name)
	u.Employer = strings.TrimSpace(u.Employer)
	if err := u.Validate(); err != nil {
		return u, fmt.Errorf("create user %s: %w", u.Login, err)
	}
	u.Created = time.UnixMicro(now.UnixMicro()).UTC()
	err := s.accountsTx(ctx, "create user", func(tx *sql.Tx) error {
		// ON CONFLICT DO NOTHING rather than a lookup first: it also holds
		// when two PostgreSQL transactions insert the same login at once.
		err := tx.QueryRowContext(ctx, s.q(`INSERT INTO users
			(login, login_key, name, role, centre_id, employer, candidate_id, password_hash, created_at, password_at, disabled)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (login_key) DO NOTHING RETURNING id`),
			u.Login, auth.NormalizeLogin(u.Login), u.Name, string(u.Role), u.CentreID, u.Employer, u.CandidateID,
			passwordHash, u.Created.UnixMicro(), passwordMicros(passwordHash, now), u.Disabled).Scan(&u.ID)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("create user %s: %w", u.Login, auth.ErrLoginTaken)
		}
		if err != nil {
			return fmt.Errorf("create user %s: %w", u.Login, err)
		}
		return s.auditAccount(ctx, tx, actor, AuditUserCreated, u.ID, map[string]any{
			"login": u.Login, "name": u.Name, "role": u.Role, "centre_id": u.CentreID,
			"employer": u.Employer, "candidate_id": u.CandidateID, "disabled": u.Disabled,
		}, now)
	})
	return u, err
}

func passwordMicros(hash string, now time.Time) int64 {
	if hash == "" {
		return 0
	}
	return now.UnixMicro()
}

// UserByID returns a user, or kasip.ErrNotFound.
func (s *Store) UserByID(ctx context.Context, id int64) (auth.User, error) {
	u, err := scanAccountUser(s.r.QueryRowContext(ctx, s.q(`SELECT `+accountUserCols+` FROM users WHERE id = ?`), id))
	if errors.Is(err, sql.ErrNoRows) {
		return u, fmt.Errorf("user %d: %w", id, kasip.ErrNotFound)
	}
	if err != nil {
		return u, fmt.Errorf("user %d: %w", id, err)
	}
	return u, nil
}

// UserByLogin returns the user with the login in any letter case, or
// kasip.ErrNotFound.
func (s *Store) UserByLogin(ctx context.Context, login string) (auth.User, error) {
	u, _, err := s.Credentials(ctx, login)
	return u, err
}

// Credentials returns the user with the login and the stored password
// hash, for auth.Authenticate; kasip.ErrNotFound when there is no such
// user. The hash is kept out of auth.User so that it cannot end up in a
// page or a JSON answer by accident.
func (s *Store) Credentials(ctx context.Context, login string) (auth.User, string, error) {
	var hash string
	u, err := scanAccountUser(s.r.QueryRowContext(ctx, s.q(`SELECT `+accountUserCols+`, password_hash FROM users WHERE login_key = ?`),
		auth.NormalizeLogin(login)), &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return u, "", fmt.Errorf("user %q: %w", login, kasip.ErrNotFound)
	}
	if err != nil {
		return u, "", fmt.Errorf("user %q: %w", login, err)
	}
	return u, hash, nil
}

// ListUsers returns the users f selects, ordered by login.
func (s *Store) ListUsers(ctx context.Context, f auth.UserFilter) ([]auth.User, error) {
	var conds []string
	var args []any
	if f.Role != "" {
		conds = append(conds, "role = ?")
		args = append(args, string(f.Role))
	}
	if f.CentreID != 0 {
		conds = append(conds, "centre_id = ?")
		args = append(args, f.CentreID)
	}
	if !f.IncludeDisabled {
		conds = append(conds, "NOT disabled")
	}
	rows, err := s.r.QueryContext(ctx, s.q(`SELECT `+accountUserCols+` FROM users`+whereClause(conds)+
		` ORDER BY login_key `+s.d.binary+`, id`), args...)
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	defer rows.Close()
	var out []auth.User
	for rows.Next() {
		u, err := scanAccountUser(rows)
		if err != nil {
			return nil, fmt.Errorf("list users: %w", err)
		}
		out = append(out, u)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	return out, nil
}

// SetPassword replaces a user's password hash and ends all the user's
// sessions but keepSession (the token hash of the session that made the
// change; "" ends them all): whoever knew the old password may be signed
// in elsewhere. API tokens stay valid; they are revoked one by one.
func (s *Store) SetPassword(ctx context.Context, actor, userID int64, passwordHash, keepSession string, now time.Time) error {
	if _, err := auth.ParsePasswordHash(passwordHash); err != nil {
		return fmt.Errorf("set password of user %d: %w", userID, err)
	}
	return s.accountsTx(ctx, "set password", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`UPDATE users SET password_hash = ?, password_at = ? WHERE id = ?`),
			passwordHash, now.UnixMicro(), userID)
		if err := accountOneRow(res, err); err != nil {
			return fmt.Errorf("set password of user %d: %w", userID, err)
		}
		ended, err := s.deleteUserSessionsTx(ctx, tx, userID, keepSession)
		if err != nil {
			return err
		}
		return s.auditAccount(ctx, tx, actor, AuditPasswordChanged, userID, map[string]any{"sessions_ended": ended}, now)
	})
}

// RehashPassword stores a new hash of the same password, made with new
// parameters after a successful sign-in (auth.NeedsRehash). It changes
// nothing when the stored hash is no longer oldHash: the password was
// changed meanwhile and must not be overwritten. Not audited, and sessions
// stay: the password is the same.
func (s *Store) RehashPassword(ctx context.Context, userID int64, oldHash, newHash string) error {
	if _, err := auth.ParsePasswordHash(newHash); err != nil {
		return fmt.Errorf("rehash password of user %d: %w", userID, err)
	}
	if _, err := s.w.ExecContext(ctx, s.q(`UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?`),
		newHash, userID, oldHash); err != nil {
		return fmt.Errorf("rehash password of user %d: %w", userID, err)
	}
	return nil
}

// DisableUser stops a user from signing in: it sets the flag, ends the
// user's sessions and revokes the user's API tokens (so that enabling the
// account again does not bring old tokens back).
func (s *Store) DisableUser(ctx context.Context, actor, userID int64, now time.Time) error {
	return s.accountsTx(ctx, "disable user", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`UPDATE users SET disabled = TRUE WHERE id = ?`), userID)
		if err := accountOneRow(res, err); err != nil {
			return fmt.Errorf("disable user %d: %w", userID, err)
		}
		ended, err := s.deleteUserSessionsTx(ctx, tx, userID, "")
		if err != nil {
			return err
		}
		res, err = tx.ExecContext(ctx, s.q(`UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at = 0`),
			now.UnixMicro(), userID)
		if err != nil {
			return fmt.Errorf("disable user %d: revoke tokens: %w", userID, err)
		}
		revoked, _ := res.RowsAffected()
		return s.auditAccount(ctx, tx, actor, AuditUserDisabled, userID,
			map[string]any{"sessions_ended": ended, "tokens_revoked": revoked}, now)
	})
}

// EnableUser lets a disabled user sign in again.
func (s *Store) EnableUser(ctx context.Context, actor, userID int64, now time.Time) error {
	return s.accountsTx(ctx, "enable user", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`UPDATE users SET disabled = FALSE WHERE id = ?`), userID)
		if err := accountOneRow(res, err); err != nil {
			return fmt.Errorf("enable user %d: %w", userID, err)
		}
		return s.auditAccount(ctx, tx, actor, AuditUserEnabled, userID, map[string]any{}, now)
	})
}

// accountOneRow turns an UPDATE that matched no row into kasip.ErrNotFound.
func accountOneRow(res sql.Result, err error) error {
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return kasip.ErrNotFound
	}
	return nil
}

// accountActive checks inside tx that the user exists and is not disabled.
func (s *Store) accountActive(ctx context.Context, tx *sql.Tx, userID int64) error {
	var disabled bool
	err := tx.QueryRowContext(ctx, s.q(`SELECT disabled FROM users WHERE id = ?`), userID).Scan(&disabled)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf("user %d: %w", userID, kasip.ErrNotFound)
	case err != nil:
		return fmt.Errorf("user %d: %w", userID, err)
	case disabled:
		return fmt.Errorf("user %d: %w", userID, auth.ErrDisabled)
	}
	return nil
}

// CreateSession signs a user in: it stores a new session under policy and
// returns its token, for the cookie (the store keeps only its hash). A
// disabled user gets auth.ErrDisabled.
func (s *Store) CreateSession(ctx context.Context, userID int64, userAgent string, policy auth.SessionPolicy, now time.Time) (string, auth.Session, error) {
	if err := policy.Validate(); err != nil {
		return "", auth.Session{}, fmt.Errorf("create session: %w", err)
	}
	now = time.UnixMicro(now.UnixMicro()).UTC()
	token := auth.NewSessionToken()
	sess := auth.Session{
		UserID: userID, Created: now, LastSeen: now, Expires: now.Add(policy.MaxLifetime),
		IdleTimeout: policy.IdleTimeout, UserAgent: auth.TrimUserAgent(userAgent),
	}
	err := s.accountsTx(ctx, "create session", func(tx *sql.Tx) error {
		if err := s.accountActive(ctx, tx, userID); err != nil {
			return fmt.Errorf("create session: %w", err)
		}
		err := tx.QueryRowContext(ctx, s.q(`INSERT INTO sessions
			(token_hash, user_id, created_at, last_seen_at, expires_at, idle_timeout, user_agent)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`),
			auth.HashToken(token), userID, now.UnixMicro(), now.UnixMicro(), sess.Expires.UnixMicro(),
			policy.IdleTimeout.Microseconds(), sess.UserAgent).Scan(&sess.ID)
		if err != nil {
			return fmt.Errorf("create session: %w", err)
		}
		return nil
	})
	if err != nil {
		return "", auth.Session{}, err
	}
	return token, sess, nil
}

// SessionPrincipal returns who the session with tokenHash (auth.HashToken
// of the cookie) belongs to, at now. An unknown or expired session, or one
// of a disabled user, gives auth.ErrInvalidToken; an expired one is
// deleted. The session's last-seen time is written at most once per
// auth.TouchInterval, so that reading pages does not mean a database write
// per request.
func (s *Store) SessionPrincipal(ctx context.Context, tokenHash string, now time.Time) (auth.Principal, error) {
	var id, lastSeen, expires, idle int64
	u, err := scanAccountUser(s.r.QueryRowContext(ctx, s.q(`SELECT u.id, u.login, u.name, u.role, u.centre_id, u.employer,
			u.candidate_id, u.created_at, u.disabled, s.id, s.last_seen_at, s.expires_at, s.idle_timeout
		FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?`), tokenHash),
		&id, &lastSeen, &expires, &idle)
	if errors.Is(err, sql.ErrNoRows) {
		return auth.Principal{}, auth.ErrInvalidToken
	}
	if err != nil {
		return auth.Principal{}, fmt.Errorf("session: %w", err)
	}
	nowUs := now.UnixMicro()
	if u.Disabled {
		return auth.Principal{}, auth.ErrInvalidToken
	}
	if nowUs >= expires || nowUs-lastSeen >= idle {
		if _, err := s.w.ExecContext(ctx, s.q(`DELETE FROM sessions WHERE id = ?`), id); err != nil {
			return auth.Principal{}, fmt.Errorf("session: delete expired: %w", err)
		}
		return auth.Principal{}, auth.ErrInvalidToken
	}
	if nowUs-lastSeen >= auth.TouchInterval.Microseconds() {
		// The condition on last_seen_at makes concurrent requests of one
		// session write it once.
		if _, err := s.w.ExecContext(ctx, s.q(`UPDATE sessions SET last_seen_at = ? WHERE id = ? AND last_seen_at = ?`),
			nowUs, id, lastSeen); err != nil {
			return auth.Principal{}, fmt.Errorf("session: touch: %w", err)
		}
	}
	return auth.PrincipalOf(u, auth.ViaSession), nil
}

// DeleteSession signs out: it deletes the session with tokenHash. An
// unknown session is not an error (signing out twice is harmless).
func (s *Store) DeleteSession(ctx context.Context, tokenHash string) error {
	if _, err := s.w.ExecContext(ctx, s.q(`DELETE FROM sessions WHERE token_hash = ?`), tokenHash); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

// DeleteUserSessions ends all sessions of a user but the one with
// exceptTokenHash ("" for none), and returns how many it ended.
func (s *Store) DeleteUserSessions(ctx context.Context, userID int64, exceptTokenHash string) (int64, error) {
	var n int64
	err := s.accountsTx(ctx, "delete sessions", func(tx *sql.Tx) error {
		var err error
		n, err = s.deleteUserSessionsTx(ctx, tx, userID, exceptTokenHash)
		return err
	})
	return n, err
}

func (s *Store) deleteUserSessionsTx(ctx context.Context, tx *sql.Tx, userID int64, except string) (int64, error) {
	res, err := tx.ExecContext(ctx, s.q(`DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?`), userID, except)
	if err != nil {
		return 0, fmt.Errorf("delete sessions of user %d: %w", userID, err)
	}
	n, _ := res.RowsAffected()
	return n, nil
}

// DeleteExpiredSessions deletes the sessions that ended by now, for a
// periodic clean-up (SessionPrincipal deletes only those still presented).
func (s *Store) DeleteExpiredSessions(ctx context.Context, now time.Time) (int64, error) {
	res, err := s.w.ExecContext(ctx, s.q(`DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at + idle_timeout <= ?`),
		now.UnixMicro(), now.UnixMicro())
	if err != nil {
		return 0, fmt.Errorf("delete expired sessions: %w", err)
	}
	n, _ := res.RowsAffected()
	return n, nil
}

// CreateAPIToken makes a new API token for a user, named for what it is
// for, valid until expires (zero: until revoked). It returns the token —
// shown to the user once, the store keeps only its hash — and its record.
func (s *Store) CreateAPIToken(ctx context.Context, actor, userID int64, name string, expires, now time.Time) (string, auth.APIToken, error) {
	name = strings.TrimSpace(name)
	if err := auth.ValidateTokenName(name); err != nil {
		return "", auth.APIToken{}, fmt.Errorf("create API token: %w", err)
	}
	if !expires.IsZero() && !expires.After(now) {
		return "", auth.APIToken{}, fmt.Errorf("create API token: %w: expiry %s is not in the future", auth.ErrInvalid, expires.Format(time.RFC3339))
	}
	now = time.UnixMicro(now.UnixMicro()).UTC()
	token := auth.NewAPIToken()
	t := auth.APIToken{UserID: userID, Name: name, Created: now, Expires: accountTime(accountMicros(expires))}
	err := s.accountsTx(ctx, "create API token", func(tx *sql.Tx) error {
		if err := s.accountActive(ctx, tx, userID); err != nil {
			return fmt.Errorf("create API token: %w", err)
		}
		if err := tx.QueryRowContext(ctx, s.q(`INSERT INTO api_tokens (token_hash, user_id, name, created_at, expires_at)
			VALUES (?, ?, ?, ?, ?) RETURNING id`),
			auth.HashToken(token), userID, name, now.UnixMicro(), accountMicros(expires)).Scan(&t.ID); err != nil {
			return fmt.Errorf("create API token: %w", err)
		}
		data := map[string]any{"token_id": t.ID, "name": name}
		if !t.Expires.IsZero() {
			data["expires"] = t.Expires.Format(time.RFC3339)
		}
		return s.auditAccount(ctx, tx, actor, AuditTokenCreated, userID, data, now)
	})
	if err != nil {
		return "", auth.APIToken{}, err
	}
	return token, t, nil
}

// TokenPrincipal returns who the API token with tokenHash belongs to, at
// now; auth.ErrInvalidToken when it is unknown, revoked, expired or its
// user disabled. Like sessions, last use is written at most once per
// auth.TouchInterval.
func (s *Store) TokenPrincipal(ctx context.Context, tokenHash string, now time.Time) (auth.Principal, error) {
	var id, lastUsed, expires, revoked int64
	u, err := scanAccountUser(s.r.QueryRowContext(ctx, s.q(`SELECT u.id, u.login, u.name, u.role, u.centre_id, u.employer,
			u.candidate_id, u.created_at, u.disabled, t.id, t.last_used_at, t.expires_at, t.revoked_at
		FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?`), tokenHash),
		&id, &lastUsed, &expires, &revoked)
	if errors.Is(err, sql.ErrNoRows) {
		return auth.Principal{}, auth.ErrInvalidToken
	}
	if err != nil {
		return auth.Principal{}, fmt.Errorf("API token: %w", err)
	}
	nowUs := now.UnixMicro()
	if u.Disabled || revoked != 0 || (expires != 0 && nowUs >= expires) {
		return auth.Principal{}, auth.ErrInvalidToken
	}
	if nowUs-lastUsed >= auth.TouchInterval.Microseconds() {
		if _, err := s.w.ExecContext(ctx, s.q(`UPDATE api_tokens SET last_used_at = ? WHERE id = ? AND last_used_at = ?`),
			nowUs, id, lastUsed); err != nil {
			return auth.Principal{}, fmt.Errorf("API token: touch: %w", err)
		}
	}
	return auth.PrincipalOf(u, auth.ViaToken), nil
}

// RevokeAPIToken revokes the user's token tokenID; kasip.ErrNotFound when
// the user has no such token. Revoking twice is not an error.
func (s *Store) RevokeAPIToken(ctx context.Context, actor, userID, tokenID int64, now time.Time) error {
	return s.accountsTx(ctx, "revoke API token", func(tx *sql.Tx) error {
		var revoked int64
		err := tx.QueryRowContext(ctx, s.q(`SELECT revoked_at FROM api_tokens WHERE id = ? AND user_id = ?`), tokenID, userID).Scan(&revoked)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("revoke API token %d of user %d: %w", tokenID, userID, kasip.ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("revoke API token %d: %w", tokenID, err)
		}
		if revoked != 0 {
			return nil
		}
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE api_tokens SET revoked_at = ? WHERE id = ?`), now.UnixMicro(), tokenID); err != nil {
			return fmt.Errorf("revoke API token %d: %w", tokenID, err)
		}
		return s.auditAccount(ctx, tx, actor, AuditTokenRevoked, userID, map[string]any{"token_id": tokenID}, now)
	})
}

// ListAPITokens returns a user's API tokens, revoked ones included, oldest
// first.
func (s *Store) ListAPITokens(ctx context.Context, userID int64) ([]auth.APIToken, error) {
	rows, err := s.r.QueryContext(ctx, s.q(`SELECT id, user_id, name, created_at, last_used_at, expires_at, revoked_at
		FROM api_tokens WHERE user_id = ? ORDER BY id`), userID)
	if err != nil {
		return nil, fmt.Errorf("list API tokens: %w", err)
	}
	defer rows.Close()
	var out []auth.APIToken
	for rows.Next() {
		var t auth.APIToken
		var created, used, expires, revoked int64
		if err := rows.Scan(&t.ID, &t.UserID, &t.Name, &created, &used, &expires, &revoked); err != nil {
			return nil, fmt.Errorf("list API tokens: %w", err)
		}
		t.Created, t.LastUsed, t.Expires, t.Revoked = accountTime(created), accountTime(used), accountTime(expires), accountTime(revoked)
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list API tokens: %w", err)
	}
	return out, nil
}
