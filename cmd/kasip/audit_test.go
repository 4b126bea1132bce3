package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kasip/kasip/audit"
	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/store"

	"github.com/kasip/kasip/internal/pgtest"
)

// runWithStdin is runCLI with something on standard input.
func runWithStdin(stdin string, args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

// cliDatabases returns a fresh SQLite file and, when KASIP_TEST_POSTGRES is
// set, a fresh PostgreSQL database.
func cliDatabases(t *testing.T) map[string]string {
	dbs := map[string]string{"sqlite": filepath.Join(t.TempDir(), "k.db")}
	if dsn := os.Getenv("KASIP_TEST_POSTGRES"); dsn != "" {
		dbs["postgres"] = pgtest.FreshOn(t, dsn)
	} else if os.Getenv("KASIP_REQUIRE_ALL") == "1" {
		t.Fatal("KASIP_TEST_POSTGRES is not set and KASIP_REQUIRE_ALL=1")
	}
	return dbs
}

func TestUserAdd(t *testing.T) {
	for name, db := range cliDatabases(t) {
		t.Run(name, func(t *testing.T) {
			code, out, errs := runWithStdin("correct horse battery\r\n", "user", "add", "--db", db,
				"--login", "Admin@Example.KZ", "--name", "Registry Admin", "--role", "admin", "--password-stdin")
			if code != 0 || !strings.Contains(out, "created user 1: Admin@Example.KZ (admin)") || strings.Contains(out, "password") {
				t.Fatalf("exit %d: %s %s", code, out, errs)
			}
			code, out, errs = runWithStdin("", "user", "add", "--db", db,
				"--login", "manager@centre.kz", "--name", "Manager", "--role", "manager", "--centre", "3")
			if code != 0 || !strings.Contains(out, "password: ") {
				t.Fatalf("generated password: exit %d: %s %s", code, out, errs)
			}
			generated := strings.TrimSpace(out[strings.Index(out, "password: ")+len("password: "):])

			for _, tc := range []struct {
				stdin string
				args  []string
				code  int
				msg   string
			}{
				{"", []string{"--login", "admin@example.kz", "--name", "Twin", "--role", "admin"}, 1, "taken"},
				{"", []string{"--login", "x@example.kz", "--name", "X", "--role", "root"}, 2, "unknown role"},
				{"", []string{"--login", "x@example.kz", "--name", "X", "--role", "assessor"}, 2, "centre"},
				{"", []string{"--login", "x@example.kz", "--role", "admin"}, 2, "usage"},
				{"short\n", []string{"--login", "x@example.kz", "--name", "X", "--role", "admin", "--password-stdin"}, 2, "at least 10"},
				{"x@example.kz\n", []string{"--login", "x@example.kz", "--name", "X", "--role", "admin", "--password-stdin"}, 2, "login"},
				{"", []string{"--login", "x@example.kz", "--name", "X", "--role", "admin", "--password-stdin"}, 2, "no password"},
			} {
				code, _, errs := runWithStdin(tc.stdin, append([]string{"user", "add", "--db", db}, tc.args...)...)
				if code != tc.code || !strings.Contains(errs, tc.msg) {
					t.Errorf("%v: exit %d, stderr %q; want %d and %q", tc.args, code, errs, tc.code, tc.msg)
				}
			}

			s, err := store.Open(context.Background(), db)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			for login, password := range map[string]string{"admin@example.kz": "correct horse battery", "MANAGER@centre.kz": generated} {
				u, hash, err := s.Credentials(context.Background(), login)
				if err != nil {
					t.Fatal(err)
				}
				if err := auth.Authenticate(u, true, hash, password, auth.DefaultParams); err != nil {
					t.Errorf("%s cannot sign in: %v", login, err)
				}
				if auth.NeedsRehash(hash, auth.DefaultParams) {
					t.Errorf("%s: hash %s not made with the default parameters", login, hash)
				}
			}
			if u, _ := s.UserByLogin(context.Background(), "manager@centre.kz"); u.CentreID != 3 || u.Role != auth.RoleManager {
				t.Errorf("manager %+v", u)
			}
		})
	}
}

func TestAuditVerifyCommand(t *testing.T) {
	for name, db := range cliDatabases(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			code, out, errs := runCLI("audit", "verify", "--db", db)
			if code != 0 || !strings.Contains(out, "audit log intact: 0 entries") {
				t.Fatalf("empty log: exit %d: %s %s", code, out, errs)
			}

			// One entry from `user add`, four more through the store.
			if code, out, errs := runWithStdin("correct horse battery\n", "user", "add", "--db", db,
				"--login", "admin", "--name", "Admin", "--role", "admin", "--password-stdin"); code != 0 {
				t.Fatalf("user add: exit %d: %s %s", code, out, errs)
			}
			s, err := store.Open(ctx, db)
			if err != nil {
				t.Fatal(err)
			}
			var last audit.Entry
			for i := range 4 {
				last, err = s.AppendAuditEntry(ctx, audit.Entry{At: time.Now(), Actor: 1, Action: "application.accepted",
					Subject: "application/" + strconv.Itoa(i+1), Data: json.RawMessage(`{"note":"ok"}`)})
				if err != nil {
					t.Fatal(err)
				}
			}
			s.Close()

			code, out, errs = runCLI("audit", "verify", "--db", db)
			if code != 0 || !strings.Contains(out, "audit log intact: 5 entries") || !strings.Contains(out, "seq 5, hash "+last.Hash) {
				t.Fatalf("intact log: exit %d: %s %s", code, out, errs)
			}

			// Someone with database access drops the append-only triggers,
			// changes entry 2 and deletes entry 4.
			driver, drop := "sqlite", []string{"DROP TRIGGER audit_log_no_update", "DROP TRIGGER audit_log_no_delete"}
			if name == "postgres" {
				driver, drop = "pgx", []string{"DROP TRIGGER audit_log_no_change ON audit_log"}
			}
			raw, err := sql.Open(driver, db)
			if err != nil {
				t.Fatal(err)
			}
			defer raw.Close()
			for _, q := range append(drop,
				`UPDATE audit_log SET data = '{"note":"forged"}' WHERE seq = 2`,
				`DELETE FROM audit_log WHERE seq = 4`) {
				if _, err := raw.ExecContext(ctx, q); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
			raw.Close()

			code, out, errs = runCLI("audit", "verify", "--db", db)
			if code != 1 {
				t.Errorf("tampered log: exit %d, want 1: %s %s", code, out, errs)
			}
			for _, want := range []string{"seq 2: altered:", "seq 4: missing: entry 4 is missing", "audit log damaged: 2 problems in 4 entries"} {
				if !strings.Contains(out, want) {
					t.Errorf("output lacks %q:\n%s", want, out)
				}
			}
			if strings.Contains(out, "intact") {
				t.Errorf("tampered log reported intact:\n%s", out)
			}
		})
	}
}

func TestAuditUsage(t *testing.T) {
	for _, args := range [][]string{{"audit"}, {"audit", "check"}, {"audit", "verify", "extra"}, {"user"}, {"user", "remove"}} {
		if code, _, errs := runCLI(args...); code != 2 || !strings.Contains(errs, "usage") {
			t.Errorf("%v: exit %d, stderr %q", args, code, errs)
		}
	}
}
