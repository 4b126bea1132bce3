package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kasip/kasip/store"
)

func TestKeygen(t *testing.T) {
	t.Setenv("KASIP_ISSUER_KEY_FILE", "")
	path := filepath.Join(t.TempDir(), "issuer.key")
	code, out, errs := runCLI("keygen", "--issuer-key-file", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
	kek, err := readKEKFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, path) || !strings.Contains(out, store.IssuerKEKFingerprint(kek)) {
		t.Errorf("output %q names neither the file nor the fingerprint", out)
	}
	before, _ := os.ReadFile(path)

	// An existing file is never overwritten.
	code, _, errs = runCLI("keygen", "--issuer-key-file", path)
	if code != 1 || !strings.Contains(errs, path) || !strings.Contains(errs, "not overwritten") {
		t.Errorf("second keygen: exit %d, %q", code, errs)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, before) {
		t.Error("the key file changed")
	}
	if code, _, _ := runCLI("keygen"); code != 2 {
		t.Errorf("keygen without a file: exit %d, want 2", code)
	}
	// The environment names the file when the flag is absent.
	env := filepath.Join(t.TempDir(), "env.key")
	t.Setenv("KASIP_ISSUER_KEY_FILE", env)
	if code, _, errs := runCLI("keygen"); code != 0 {
		t.Errorf("keygen from the environment: exit %d: %s", code, errs)
	}
	if _, err := readKEKFile(env); err != nil {
		t.Error(err)
	}
}

func TestParseKEK(t *testing.T) {
	key := bytes.Repeat([]byte{0xA5}, 32)
	enc := base64.StdEncoding.EncodeToString(key)
	for _, tc := range []struct {
		name, in string
		ok       bool
	}{
		{"as written", enc + "\n", true},
		{"surrounding whitespace", " \t\r\n" + enc + " \r\n\n", true},
		{"no newline", enc, true},
		{"empty", "", false},
		{"whitespace only", " \n", false},
		{"line break inside", enc[:20] + "\n" + enc[20:], false},
		{"space inside", enc[:20] + " " + enc[21:], false},
		{"line break inside, 44 characters", enc[:20] + "\n" + enc[21:], false},
		{"URL alphabet", strings.NewReplacer("+", "-", "/", "_").Replace(base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{0xFB}, 32))), false},
		{"raw, no padding", strings.TrimRight(enc, "="), false},
		{"16 bytes", base64.StdEncoding.EncodeToString(key[:16]), false},
		{"33 bytes", base64.StdEncoding.EncodeToString(append(key, 1)), false},
		{"hex", strings.Repeat("a5", 32), false},
		{"non-canonical padding bits", enc[:42] + "V=", false}, // enc ends "U=": the same data bits
		{"two keys", enc + "\n" + enc, false},
		{"PEM", "-----BEGIN PRIVATE KEY-----\n" + enc + "\n-----END PRIVATE KEY-----\n", false},
	} {
		kek, err := parseKEK([]byte(tc.in))
		switch {
		case tc.ok && (err != nil || !bytes.Equal(kek, key)):
			t.Errorf("%s: %x, %v", tc.name, kek, err)
		case !tc.ok && err == nil:
			t.Errorf("%s: accepted %x", tc.name, kek)
		case !tc.ok && !strings.Contains(err.Error(), "base64 of 32 random bytes"):
			t.Errorf("%s: %v does not say what is expected", tc.name, err)
		}
	}
}

// FuzzParseKEK: whatever parseKEK accepts is 32 bytes whose canonical
// encoding is the input without its surrounding whitespace.
func FuzzParseKEK(f *testing.F) {
	enc := base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{7}, 32))
	for _, s := range []string{enc, enc + "\n", " " + enc[:43] + "\n", enc[:42] + "Q=", "", "\n\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		kek, err := parseKEK(data)
		if err != nil {
			return
		}
		if len(kek) != 32 || base64.StdEncoding.EncodeToString(kek) != string(bytes.TrimSpace(data)) {
			t.Errorf("%q gave %x", data, kek)
		}
	})
}

// TestServeBadKeyFile: a missing or wrong key file stops serve before the
// database is touched, naming the file.
func TestServeBadKeyFile(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.key")
	if err := os.WriteFile(bad, []byte("correct horse battery staple\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "k.db")
	for _, tc := range []struct {
		name, file, want string
		env              bool
	}{
		{"not a key", bad, "want the standard base64 of 32 random bytes", false},
		{"missing", filepath.Join(dir, "missing.key"), "no such file", false},
		{"from the environment", bad, "want the standard base64", true},
	} {
		args := []string{"serve", "--addr", "127.0.0.1:0", "--db", db}
		t.Setenv("KASIP_ISSUER_KEY_FILE", "")
		if tc.env {
			t.Setenv("KASIP_ISSUER_KEY_FILE", tc.file)
		} else {
			args = append(args, "--issuer-key-file", tc.file)
		}
		code, _, errs := runCLI(args...)
		if code != 1 || !strings.Contains(errs, tc.file) || !strings.Contains(errs, tc.want) {
			t.Errorf("%s: exit %d, %q", tc.name, code, errs)
		}
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("the database was created: %v", err)
	}
}

// serveOut runs `kasip serve` in-process until it prints its address, and
// returns its stderr too, for the warnings.
func serveOut(t *testing.T, args ...string) (errb *syncBuffer, stop func() int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out, errb := &syncBuffer{}, &syncBuffer{}
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), strings.NewReader(""), out, errb)
	}()
	stop = func() int { cancel(); return <-done }
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); {
		if reServing.MatchString(out.String()) {
			return errb, stop
		}
		select {
		case code := <-done:
			cancel()
			t.Fatalf("serve exited %d: %s", code, errb.String())
		case <-time.After(50 * time.Millisecond):
		}
	}
	stop()
	t.Fatalf("serve did not start: %s", errb.String())
	return nil, nil
}

// TestServeSealedDemo: with a key file the demo's certificates are signed
// with a sealed key, and no key is stored plain; without one serve warns
// once, about plain keys or about sealed keys it cannot use.
func TestServeSealedDemo(t *testing.T) {
	t.Setenv("KASIP_ISSUER_KEY_FILE", "")
	dir := t.TempDir()
	keyFile, db := filepath.Join(dir, "issuer.key"), filepath.Join(dir, "k.db")
	if code, _, errs := runCLI("keygen", "--issuer-key-file", keyFile); code != 0 {
		t.Fatalf("keygen: %s", errs)
	}
	errb, stop := serveOut(t, "--demo", "--db", db, "--issuer-key-file", keyFile)
	if code := stop(); code != 0 {
		t.Errorf("exit %d: %s", code, errb)
	}
	if strings.Contains(errb.String(), "level=WARN") {
		t.Errorf("warnings with a key file: %s", errb)
	}
	secrets, certs := sealedState(t, db)
	if certs < 3 || len(secrets) == 0 {
		t.Fatalf("%d certificates, %d keys", certs, len(secrets))
	}
	for _, s := range secrets {
		if !strings.HasPrefix(s, "sealed:v1:") {
			t.Errorf("a key stored %.20q", s)
		}
	}

	errb, stop = serveOut(t, "--db", db)
	stop()
	if n := strings.Count(errb.String(), "level=WARN"); n != 1 || !strings.Contains(errb.String(), "issuer keys are sealed but no --issuer-key-file") {
		t.Errorf("sealed database without a key file: %s", errb)
	}
	errb, stop = serveOut(t, "--db", filepath.Join(dir, "plain.db"))
	stop()
	if n := strings.Count(errb.String(), "level=WARN"); n != 1 || !strings.Contains(errb.String(), "issuer keys are stored unencrypted") {
		t.Errorf("plain database: %s", errb)
	}
}

// sealedState reads the stored issuer key secrets and counts the
// certificates of a SQLite database.
func sealedState(t *testing.T, path string) (secrets []string, certs int) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query("SELECT secret FROM certificate_issuer_keys")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		secrets = append(secrets, s)
	}
	if err := db.QueryRow("SELECT COUNT(*) FROM certificates").Scan(&certs); err != nil {
		t.Fatal(err)
	}
	return secrets, certs
}
