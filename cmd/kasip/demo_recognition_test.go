package main

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/demo"
	"github.com/kasip/kasip/store"
)

// serveOnce runs `kasip serve --demo` on db until it serves, stops it, and
// returns what it printed on stdout.
func serveOnce(t *testing.T, db string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out, errb := &syncBuffer{}, &syncBuffer{}
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--demo", "--db", db}, strings.NewReader(""), out, errb)
	}()
	for deadline := time.Now().Add(120 * time.Second); !reServing.MatchString(out.String()); {
		select {
		case code := <-done:
			t.Fatalf("serve exited %d: %s", code, errb.String())
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not start: %s", errb.String())
		}
	}
	cancel()
	if code := <-done; code != 0 {
		t.Fatalf("serve exit %d after shutdown: %s", code, errb.String())
	}
	return out.String()
}

// demoPasswords reads the login → password lines of the DEMO ACCOUNTS
// block.
func demoPasswords(t *testing.T, out string) map[string]string {
	t.Helper()
	pw := map[string]string{}
	for line := range strings.SplitSeq(out, "\n") {
		if f := strings.Fields(line); len(f) == 3 && strings.HasSuffix(f[0], "@demo.kasip") {
			pw[f[0]] = f[2]
		}
	}
	return pw
}

// TestServeDemoAccounts: the first `kasip serve --demo` on an empty
// database prints the demo accounts, whose passwords sign in; a later start
// prints none. The recognition history is in the audit log, which `kasip
// audit verify` then finds intact, and damaged after an entry is changed.
func TestServeDemoAccounts(t *testing.T) {
	db := filepath.Join(t.TempDir(), "k.db")
	out := serveOnce(t, db)
	block, serving := strings.Index(out, demo.AccountsBanner), reServing.FindStringIndex(out)
	if block < 0 || serving == nil || block > serving[0] {
		t.Fatalf("no DEMO ACCOUNTS block before the serving line:\n%s", out)
	}
	pw := demoPasswords(t, out)
	if len(pw) != 10 || strings.Count(out, demo.AccountsBanner) != 1 {
		t.Fatalf("%d demo accounts printed, want 8 of recognition and 2 of organisations in one block:\n%s", len(pw), out)
	}
	checkDemoSignIn(t, db, pw)

	if again := serveOnce(t, db); strings.Contains(again, demo.AccountsBanner) || strings.Contains(again, pw["admin@demo.kasip"]) {
		t.Errorf("a later start printed the accounts again:\n%s", again)
	}

	code, vout, verr := runCLI("audit", "verify", "--db", db)
	if code != 0 || !strings.Contains(vout, "audit log intact") {
		t.Fatalf("audit verify: exit %d: %s %s", code, vout, verr)
	}
	seq := tamperDemoAudit(t, db)
	code, vout, verr = runCLI("audit", "verify", "--db", db)
	if code != 1 || !strings.Contains(vout, fmt.Sprintf("seq %d: altered", seq)) {
		t.Errorf("audit verify after changing entry %d: exit %d: %s %s", seq, code, vout, verr)
	}
}

// checkDemoSignIn: the administrator and a candidate sign in with the
// printed passwords (hashed with the default parameters).
func checkDemoSignIn(t *testing.T, db string, pw map[string]string) {
	t.Helper()
	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, login := range []string{"admin@demo.kasip", "candidate1@demo.kasip", "hotel.hr@demo.kasip"} {
		u, hash, err := s.Credentials(context.Background(), login)
		if err != nil {
			t.Fatal(err)
		}
		if err := auth.Authenticate(u, true, hash, pw[login], auth.DefaultParams); err != nil {
			t.Errorf("%s cannot sign in with the printed password: %v", login, err)
		}
	}
}

// tamperDemoAudit changes the first acceptance of an application in the
// log, as someone with write access to the file could, and returns its seq.
func tamperDemoAudit(t *testing.T, db string) int64 {
	t.Helper()
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var seq int64
	if err := raw.QueryRow(`SELECT seq FROM audit_log WHERE action = 'recognition.application.accepted' ORDER BY seq LIMIT 1`).Scan(&seq); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"DROP TRIGGER audit_log_no_update",
		fmt.Sprintf(`UPDATE audit_log SET data = '{"from":"submitted","to":"rejected"}' WHERE seq = %d`, seq)} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	return seq
}
