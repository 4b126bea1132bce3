package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/auth"
)

// accountsT0 is the clock the account tests start at; the store methods
// take the time, so tests move it forward instead of sleeping.
var accountsT0 = time.Date(2026, 5, 4, 8, 0, 0, 0, time.UTC)

const testPassword = "correct horse battery"

func mustUser(t *testing.T, s *Store, u auth.User, password string) auth.User {
	t.Helper()
	hash := ""
	if password != "" {
		var err error
		if hash, err = auth.HashPassword(password, auth.TestParams); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.CreateUser(context.Background(), 0, u, hash, accountsT0)
	if err != nil {
		t.Fatalf("create user %s: %v", u.Login, err)
	}
	return got
}

// signIn checks a password the way the web layer will.
func signIn(s *Store, login, password string) (auth.User, error) {
	u, hash, err := s.Credentials(context.Background(), login)
	found := err == nil
	if err != nil && !errors.Is(err, kasip.ErrNotFound) {
		return u, err
	}
	return u, auth.Authenticate(u, found, hash, password, auth.TestParams)
}

func TestAccountsUsers(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		admin := mustUser(t, s, auth.User{Login: " Aigerim@Example.KZ ", Name: "Айгерім", Role: auth.RoleAdmin}, testPassword)
		if admin.ID == 0 || admin.Login != "Aigerim@Example.KZ" || !admin.Created.Equal(accountsT0) {
			t.Errorf("created %+v", admin)
		}
		mgr := mustUser(t, s, auth.User{Login: "manager@centre.kz", Name: "Manager", Role: auth.RoleManager, CentreID: 4}, "")
		mustUser(t, s, auth.User{Login: "hr@firm.kz", Name: "HR", Role: auth.RoleEmployer, Employer: "ТОО «Фирма»"}, "")
		mustUser(t, s, auth.User{Login: "a2@centre.kz", Name: "Assessor", Role: auth.RoleAssessor, CentreID: 5}, "")

		_, err := s.CreateUser(ctx, admin.ID, auth.User{Login: "AIGERIM@example.kz", Name: "Twin", Role: auth.RoleCandidate}, "", accountsT0)
		if !errors.Is(err, auth.ErrLoginTaken) {
			t.Errorf("same login in other case: %v, want ErrLoginTaken", err)
		}
		_, err = s.CreateUser(ctx, admin.ID, auth.User{Login: "x@y.kz", Name: "No centre", Role: auth.RoleManager}, "", accountsT0)
		if !errors.Is(err, auth.ErrInvalid) {
			t.Errorf("manager without a centre: %v, want ErrInvalid", err)
		}

		got, err := s.UserByLogin(ctx, "aigerim@EXAMPLE.kz")
		if err != nil || got != admin {
			t.Errorf("by login: %+v %v, want %+v", got, err, admin)
		}
		if got, err := s.UserByID(ctx, mgr.ID); err != nil || got != mgr {
			t.Errorf("by id: %+v %v, want %+v", got, err, mgr)
		}
		if _, err := s.UserByID(ctx, 999); !errors.Is(err, kasip.ErrNotFound) {
			t.Errorf("unknown id: %v", err)
		}
		if _, err := s.UserByLogin(ctx, "nobody@example.kz"); !errors.Is(err, kasip.ErrNotFound) {
			t.Errorf("unknown login: %v", err)
		}

		logins := func(f auth.UserFilter) string {
			us, err := s.ListUsers(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, u := range us {
				out = append(out, u.Login)
			}
			return strings.Join(out, " ")
		}
		if got := logins(auth.UserFilter{}); got != "a2@centre.kz Aigerim@Example.KZ hr@firm.kz manager@centre.kz" {
			t.Errorf("all users: %s", got)
		}
		if got := logins(auth.UserFilter{CentreID: 4}); got != "manager@centre.kz" {
			t.Errorf("centre 4: %s", got)
		}
		if got := logins(auth.UserFilter{Role: auth.RoleEmployer}); got != "hr@firm.kz" {
			t.Errorf("employers: %s", got)
		}
		if err := s.DisableUser(ctx, admin.ID, mgr.ID, accountsT0); err != nil {
			t.Fatal(err)
		}
		if got := logins(auth.UserFilter{CentreID: 4}); got != "" {
			t.Errorf("centre 4 without disabled users: %s", got)
		}
		if got := logins(auth.UserFilter{CentreID: 4, IncludeDisabled: true}); got != "manager@centre.kz" {
			t.Errorf("centre 4 with disabled users: %s", got)
		}
		if err := s.DisableUser(ctx, admin.ID, 999, accountsT0); !errors.Is(err, kasip.ErrNotFound) {
			t.Errorf("disable unknown user: %v", err)
		}

		// Each change is in the audit log, and the failed ones are not.
		es, err := s.AuditEntries(ctx, accountSubject(mgr.ID))
		if err != nil {
			t.Fatal(err)
		}
		if len(es) != 2 || es[0].Action != AuditUserCreated || es[1].Action != AuditUserDisabled || es[1].Actor != admin.ID ||
			!strings.Contains(string(es[0].Data), `"centre_id":4`) {
			t.Errorf("audit of the manager: %+v", es)
		}
		if all, _ := s.AuditEntries(ctx, ""); len(all) != 5 {
			t.Errorf("%d audit entries, want 5 (4 users created, 1 disabled)", len(all))
		}
	})
}

func TestAccountsSignIn(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		u := mustUser(t, s, auth.User{Login: "c@mail.kz", Name: "Candidate", Role: auth.RoleCandidate, CandidateID: 12}, testPassword)
		if got, err := signIn(s, "C@MAIL.KZ", testPassword); err != nil || got.ID != u.ID {
			t.Errorf("sign in: %+v %v", got, err)
		}
		if _, err := signIn(s, "c@mail.kz", "wrong password!"); !errors.Is(err, auth.ErrBadCredentials) {
			t.Errorf("wrong password: %v", err)
		}
		if _, err := signIn(s, "nobody@mail.kz", testPassword); !errors.Is(err, auth.ErrBadCredentials) {
			t.Errorf("unknown login: %v", err)
		}

		// A hash made with older parameters is replaced, unless it changed
		// meanwhile.
		_, old, _ := s.Credentials(ctx, "c@mail.kz")
		if !auth.NeedsRehash(old, auth.DefaultParams) {
			t.Fatal("test hash does not need a rehash to the defaults")
		}
		p := auth.TestParams
		p.Time = 2
		newer, _ := auth.HashPassword(testPassword, p)
		if err := s.RehashPassword(ctx, u.ID, "stale", newer); err != nil {
			t.Fatal(err)
		}
		if _, h, _ := s.Credentials(ctx, "c@mail.kz"); h != old {
			t.Error("rehash overwrote a hash that had changed")
		}
		if err := s.RehashPassword(ctx, u.ID, old, newer); err != nil {
			t.Fatal(err)
		}
		if _, h, _ := s.Credentials(ctx, "c@mail.kz"); h != newer {
			t.Error("rehash not stored")
		}
		if _, err := signIn(s, "c@mail.kz", testPassword); err != nil {
			t.Errorf("sign in after rehash: %v", err)
		}
	})
}

// sessionLastSeen reads a session's last-seen time, or -1 when it is gone.
func sessionLastSeen(t *testing.T, s *Store, token string) int64 {
	t.Helper()
	var v int64
	err := s.r.QueryRowContext(context.Background(), s.q(`SELECT last_seen_at FROM sessions WHERE token_hash = ?`), auth.HashToken(token)).Scan(&v)
	if err != nil {
		return -1
	}
	return v
}

func TestAccountsSessions(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		u := mustUser(t, s, auth.User{Login: "m@centre.kz", Name: "Manager", Role: auth.RoleManager, CentreID: 7}, testPassword)
		pol := auth.SessionPolicy{IdleTimeout: 30 * time.Minute, MaxLifetime: 2 * time.Hour}
		tok, sess, err := s.CreateSession(ctx, u.ID, "Mozilla/5.0 \xff", pol, accountsT0)
		if err != nil {
			t.Fatal(err)
		}
		if !auth.WellFormedSessionToken(tok) || sess.UserID != u.ID || !sess.Expires.Equal(accountsT0.Add(2*time.Hour)) ||
			sess.UserAgent != "Mozilla/5.0 \uFFFD" {
			t.Errorf("session %+v", sess)
		}
		at := func(d time.Duration) (auth.Principal, error) {
			return s.SessionPrincipal(ctx, auth.HashToken(tok), accountsT0.Add(d))
		}

		p, err := at(30 * time.Second)
		want := auth.Principal{UserID: u.ID, Login: u.Login, Name: u.Name, Role: auth.RoleManager, CentreID: 7, Via: auth.ViaSession}
		if err != nil || p != want {
			t.Errorf("principal %+v %v, want %+v", p, err, want)
		}
		if got := sessionLastSeen(t, s, tok); got != accountsT0.UnixMicro() {
			t.Errorf("last seen written within the touch interval: %d", got)
		}
		if _, err := at(90 * time.Second); err != nil {
			t.Fatal(err)
		}
		if got := sessionLastSeen(t, s, tok); got != accountsT0.Add(90*time.Second).UnixMicro() {
			t.Errorf("last seen not written after the touch interval: %d", got)
		}

		// Active every 25 minutes: alive until the absolute lifetime.
		for d := 25 * time.Minute; d < 2*time.Hour; d += 25 * time.Minute {
			if _, err := at(d); err != nil {
				t.Fatalf("at %v: %v", d, err)
			}
		}
		if _, err := at(2 * time.Hour); !errors.Is(err, auth.ErrInvalidToken) {
			t.Errorf("past the lifetime: %v", err)
		}
		if sessionLastSeen(t, s, tok) != -1 {
			t.Error("expired session not deleted")
		}

		// Idle for the idle timeout: gone.
		tok, _, _ = s.CreateSession(ctx, u.ID, "", pol, accountsT0)
		if _, err := at(29 * time.Minute); err != nil {
			t.Errorf("idle 29 minutes: %v", err)
		}
		if _, err := at(29*time.Minute + 30*time.Minute); !errors.Is(err, auth.ErrInvalidToken) {
			t.Errorf("idle 30 minutes: %v", err)
		}

		// Sign out.
		tok, _, _ = s.CreateSession(ctx, u.ID, "", pol, accountsT0)
		if _, err := at(time.Minute); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteSession(ctx, auth.HashToken(tok)); err != nil {
			t.Fatal(err)
		}
		if _, err := at(time.Minute); !errors.Is(err, auth.ErrInvalidToken) {
			t.Errorf("after sign-out: %v", err)
		}
		if err := s.DeleteSession(ctx, auth.HashToken(tok)); err != nil {
			t.Errorf("second sign-out: %v", err)
		}

		if _, err := s.SessionPrincipal(ctx, auth.HashToken("garbage"), accountsT0); !errors.Is(err, auth.ErrInvalidToken) {
			t.Errorf("unknown token: %v", err)
		}
		if _, _, err := s.CreateSession(ctx, 999, "", pol, accountsT0); !errors.Is(err, kasip.ErrNotFound) {
			t.Errorf("session of an unknown user: %v", err)
		}
		if _, _, err := s.CreateSession(ctx, u.ID, "", auth.SessionPolicy{}, accountsT0); !errors.Is(err, auth.ErrInvalid) {
			t.Errorf("zero policy: %v", err)
		}

		// The janitor removes what nobody presented again.
		s.CreateSession(ctx, u.ID, "", pol, accountsT0)
		s.CreateSession(ctx, u.ID, "", pol, accountsT0.Add(time.Hour))
		if n, err := s.DeleteExpiredSessions(ctx, accountsT0.Add(45*time.Minute)); err != nil || n != 1 {
			t.Errorf("expired sessions deleted: %d %v, want 1 (idle since the start)", n, err)
		}
	})
}

func TestAccountsPasswordChange(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		u := mustUser(t, s, auth.User{Login: "a@centre.kz", Name: "Assessor", Role: auth.RoleAssessor, CentreID: 1}, testPassword)
		other := mustUser(t, s, auth.User{Login: "b@centre.kz", Name: "Other", Role: auth.RoleAssessor, CentreID: 1}, testPassword)
		pol := auth.DefaultSessionPolicy
		var toks []string
		for range 3 {
			tok, _, err := s.CreateSession(ctx, u.ID, "", pol, accountsT0)
			if err != nil {
				t.Fatal(err)
			}
			toks = append(toks, tok)
		}
		otherTok, _, _ := s.CreateSession(ctx, other.ID, "", pol, accountsT0)
		apiTok, _, err := s.CreateAPIToken(ctx, u.ID, u.ID, "ci", time.Time{}, accountsT0)
		if err != nil {
			t.Fatal(err)
		}

		if err := s.SetPassword(ctx, u.ID, u.ID, "not a hash", "", accountsT0); err == nil {
			t.Error("SetPassword accepted something that is not a hash")
		}
		h, _ := auth.HashPassword("a new passphrase", auth.TestParams)
		if err := s.SetPassword(ctx, u.ID, u.ID, h, auth.HashToken(toks[1]), accountsT0.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		now := accountsT0.Add(2 * time.Minute)
		for i, tok := range toks {
			_, err := s.SessionPrincipal(ctx, auth.HashToken(tok), now)
			if i == 1 && err != nil {
				t.Errorf("the session that changed the password: %v", err)
			}
			if i != 1 && !errors.Is(err, auth.ErrInvalidToken) {
				t.Errorf("session %d after the password change: %v", i, err)
			}
		}
		if _, err := s.SessionPrincipal(ctx, auth.HashToken(otherTok), now); err != nil {
			t.Errorf("another user's session: %v", err)
		}
		if _, err := s.TokenPrincipal(ctx, auth.HashToken(apiTok), now); err != nil {
			t.Errorf("API token after a password change: %v", err)
		}
		if _, err := signIn(s, u.Login, testPassword); !errors.Is(err, auth.ErrBadCredentials) {
			t.Errorf("old password: %v", err)
		}
		if _, err := signIn(s, u.Login, "a new passphrase"); err != nil {
			t.Errorf("new password: %v", err)
		}
		es, _ := s.AuditEntries(ctx, accountSubject(u.ID))
		if last := es[len(es)-1]; last.Action != AuditPasswordChanged || string(last.Data) != `{"sessions_ended":2}` {
			t.Errorf("audit entry %+v", last)
		}
		if err := s.SetPassword(ctx, 0, 999, h, "", now); !errors.Is(err, kasip.ErrNotFound) {
			t.Errorf("password of an unknown user: %v", err)
		}
	})
}

func TestAccountsDisabled(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		u := mustUser(t, s, auth.User{Login: "hr@firm.kz", Name: "HR", Role: auth.RoleEmployer, Employer: "Firm"}, testPassword)
		pol := auth.DefaultSessionPolicy
		tok, _, _ := s.CreateSession(ctx, u.ID, "", pol, accountsT0)
		apiTok, _, _ := s.CreateAPIToken(ctx, 0, u.ID, "integration", time.Time{}, accountsT0)

		if err := s.DisableUser(ctx, 0, u.ID, accountsT0); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SessionPrincipal(ctx, auth.HashToken(tok), accountsT0); !errors.Is(err, auth.ErrInvalidToken) {
			t.Errorf("session of a disabled user: %v", err)
		}
		if _, err := s.TokenPrincipal(ctx, auth.HashToken(apiTok), accountsT0); !errors.Is(err, auth.ErrInvalidToken) {
			t.Errorf("API token of a disabled user: %v", err)
		}
		if _, err := signIn(s, u.Login, testPassword); !errors.Is(err, auth.ErrDisabled) {
			t.Errorf("sign in of a disabled user: %v", err)
		}
		if _, _, err := s.CreateSession(ctx, u.ID, "", pol, accountsT0); !errors.Is(err, auth.ErrDisabled) {
			t.Errorf("new session of a disabled user: %v", err)
		}
		if _, _, err := s.CreateAPIToken(ctx, 0, u.ID, "x", time.Time{}, accountsT0); !errors.Is(err, auth.ErrDisabled) {
			t.Errorf("new API token of a disabled user: %v", err)
		}

		// Enabled again: new sessions work, the old token stays revoked.
		if err := s.EnableUser(ctx, 0, u.ID, accountsT0); err != nil {
			t.Fatal(err)
		}
		if _, err := s.TokenPrincipal(ctx, auth.HashToken(apiTok), accountsT0); !errors.Is(err, auth.ErrInvalidToken) {
			t.Errorf("old API token after enabling: %v", err)
		}
		tok, _, err := s.CreateSession(ctx, u.ID, "", pol, accountsT0)
		if err != nil {
			t.Fatal(err)
		}
		if p, err := s.SessionPrincipal(ctx, auth.HashToken(tok), accountsT0); err != nil || p.Employer != "Firm" || !p.Is(auth.RoleEmployer) {
			t.Errorf("session after enabling: %+v %v", p, err)
		}
	})
}

func TestAccountsAPITokens(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		u := mustUser(t, s, auth.User{Login: "admin", Name: "Admin", Role: auth.RoleAdmin}, testPassword)
		other := mustUser(t, s, auth.User{Login: "other", Name: "Other", Role: auth.RoleAdmin}, "")
		forever, t1, err := s.CreateAPIToken(ctx, u.ID, u.ID, "import job", time.Time{}, accountsT0)
		if err != nil {
			t.Fatal(err)
		}
		week, t2, err := s.CreateAPIToken(ctx, u.ID, u.ID, "  trial  ", accountsT0.Add(7*24*time.Hour), accountsT0)
		if err != nil {
			t.Fatal(err)
		}
		if !auth.WellFormedAPIToken(forever) || t1.Name != "import job" || t2.Name != "trial" || !t1.Expires.IsZero() {
			t.Errorf("tokens %q %+v %+v", forever, t1, t2)
		}
		for _, bad := range []struct {
			name    string
			expires time.Time
		}{{"", time.Time{}}, {strings.Repeat("x", 101), time.Time{}}, {"past", accountsT0}} {
			if _, _, err := s.CreateAPIToken(ctx, u.ID, u.ID, bad.name, bad.expires, accountsT0); !errors.Is(err, auth.ErrInvalid) {
				t.Errorf("token %q expiring %v: %v", bad.name, bad.expires, err)
			}
		}

		p, err := s.TokenPrincipal(ctx, auth.HashToken(forever), accountsT0.Add(time.Hour))
		if err != nil || p.UserID != u.ID || p.Via != auth.ViaToken || !p.Is(auth.RoleAdmin) {
			t.Errorf("principal %+v %v", p, err)
		}
		if _, err := s.TokenPrincipal(ctx, auth.HashToken(week), accountsT0.Add(7*24*time.Hour-time.Second)); err != nil {
			t.Errorf("before expiry: %v", err)
		}
		if _, err := s.TokenPrincipal(ctx, auth.HashToken(week), accountsT0.Add(7*24*time.Hour)); !errors.Is(err, auth.ErrInvalidToken) {
			t.Errorf("at expiry: %v", err)
		}

		if err := s.RevokeAPIToken(ctx, other.ID, other.ID, t1.ID, accountsT0); !errors.Is(err, kasip.ErrNotFound) {
			t.Errorf("revoking another user's token: %v", err)
		}
		if err := s.RevokeAPIToken(ctx, u.ID, u.ID, t1.ID, accountsT0.Add(2*time.Hour)); err != nil {
			t.Fatal(err)
		}
		if err := s.RevokeAPIToken(ctx, u.ID, u.ID, t1.ID, accountsT0.Add(3*time.Hour)); err != nil {
			t.Errorf("revoking twice: %v", err)
		}
		if _, err := s.TokenPrincipal(ctx, auth.HashToken(forever), accountsT0.Add(2*time.Hour)); !errors.Is(err, auth.ErrInvalidToken) {
			t.Errorf("revoked token: %v", err)
		}

		ts, err := s.ListAPITokens(ctx, u.ID)
		if err != nil || len(ts) != 2 {
			t.Fatalf("list: %+v %v", ts, err)
		}
		if !ts[0].Revoked.Equal(accountsT0.Add(2*time.Hour)) || !ts[0].LastUsed.Equal(accountsT0.Add(time.Hour)) || ts[0].Active(accountsT0) {
			t.Errorf("revoked token listed as %+v", ts[0])
		}
		if ts[1].Name != "trial" || !ts[1].Active(accountsT0) || ts[1].Active(accountsT0.Add(8*24*time.Hour)) {
			t.Errorf("trial token listed as %+v", ts[1])
		}
		if ts, _ := s.ListAPITokens(ctx, other.ID); len(ts) != 0 {
			t.Errorf("other user's tokens: %+v", ts)
		}
		es, _ := s.AuditEntries(ctx, accountSubject(u.ID))
		var actions []string
		for _, e := range es {
			actions = append(actions, e.Action)
		}
		if got := strings.Join(actions, " "); got != "user.created token.created token.created token.revoked" {
			t.Errorf("audit: %s", got)
		}
	})
}

// The database holds hashes of tokens, never the tokens: a copy of it
// cannot be replayed as sessions or API calls.
func TestAccountsTokensNotStored(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		u := mustUser(t, s, auth.User{Login: "admin", Name: "Admin", Role: auth.RoleAdmin}, testPassword)
		sess, _, err := s.CreateSession(ctx, u.ID, "", auth.DefaultSessionPolicy, accountsT0)
		if err != nil {
			t.Fatal(err)
		}
		api, _, err := s.CreateAPIToken(ctx, u.ID, u.ID, "ci", time.Time{}, accountsT0)
		if err != nil {
			t.Fatal(err)
		}
		raw := strings.TrimPrefix(api, auth.APITokenPrefix)
		for _, table := range []string{"sessions", "api_tokens", "users", "audit_log"} {
			dump := dumpTable(t, s, table)
			for _, secret := range []string{sess, raw, sess[:20], raw[:20], testPassword} {
				if strings.Contains(dump, secret) {
					t.Errorf("table %s contains %q", table, secret)
				}
			}
		}
		for table, tok := range map[string]string{"sessions": sess, "api_tokens": api} {
			var n int
			if err := s.r.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM `+table+` WHERE token_hash = ?`), auth.HashToken(tok)).Scan(&n); err != nil || n != 1 {
				t.Errorf("%s: %d rows with the token's hash, %v", table, n, err)
			}
		}
	})
}

// dumpTable renders every value of every row of table as text.
func dumpTable(t *testing.T, s *Store, table string) string {
	t.Helper()
	rows, err := s.r.QueryContext(context.Background(), `SELECT * FROM `+table)
	if err != nil {
		t.Fatal(err)
	}
	_, vals := scanAll(t, rows)
	var b strings.Builder
	for _, row := range vals {
		for _, v := range row {
			fmt.Fprintf(&b, "%v\t", v)
		}
		b.WriteByte('\n')
	}
	return b.String()
}
