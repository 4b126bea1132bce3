package main

import (
	"crypto/ed25519"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kasip/kasip/credential"
)

var (
	verifyIssued = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	verifyUntil  = time.Date(2031, 3, 1, 0, 0, 0, 0, time.UTC)
)

const verifyNow = "2026-06-01"

func verifyIssuer() credential.Issuer {
	return credential.NewDIDKeyIssuer(ed25519.NewKeyFromSeed([]byte("kasip-cli-test-issuer-seed-32by!")))
}

// statusServer serves a signed revocation list at /status/1 with bit 7 set.
func statusServer(t *testing.T, iss credential.Issuer) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	list, err := credential.NewStatusList(credential.MinStatusListBits)
	if err != nil {
		t.Fatal(err)
	}
	list.Set(7, true)
	unsigned, err := credential.StatusListCredential{
		ID: srv.URL + "/status/1", Issuer: iss.DID(), Purpose: credential.StatusRevocation,
		ValidFrom: verifyIssued, List: list,
	}.Unsigned()
	if err != nil {
		t.Fatal(err)
	}
	signed, err := credential.Sign(unsigned, iss)
	if err != nil {
		t.Fatal(err)
	}
	mux.HandleFunc("GET /status/1", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/vc+ld+json")
		w.Write(signed)
	})
	return srv
}

// writeCredential builds and signs a certificate whose revocation entry is index in listURL's
// list (no entry when listURL is empty) and writes it to a file.
func writeCredential(t *testing.T, listURL string, index int) (path string, signed string) {
	t.Helper()
	iss := verifyIssuer()
	c := credential.Certificate{
		Number:          "KZ-2026-000777",
		HolderName:      "Ерлан Бекұлы Сәрсенов",
		AchievementName: map[string]string{"kk": "Электр монтері", "ru": "Электромонтёр"},
		Description:     "Recognised qualification of an electrician.",
		Level:           4,
		StandardCode:    "D35130005",
		StandardVersion: "2025",
		CardTitle:       "Электромонтёр",
		CardURL:         "https://kasip.example.kz/standards/D35130005/2025/cards/2",
		Units:           []credential.Unit{{Code: "ТФ 1", Name: "Монтаж электропроводки", URL: "https://kasip.example.kz/standards/D35130005/2025/cards/2#tf-1"}},
		CentreName:      "Центр оценки квалификации «Энергия»",
		CentreID:        "centre-3",
		IssuerDID:       iss.DID(),
		IssueDate:       verifyIssued,
		ValidUntil:      verifyUntil,
		CredentialURL:   "https://kasip.example.kz/credentials/KZ-2026-000777",
	}
	if listURL != "" {
		c.Status = []credential.StatusEntry{credential.NewStatusEntry(listURL, credential.StatusRevocation, index)}
	}
	unsigned, err := credential.NewAchievementCredential(c)
	if err != nil {
		t.Fatal(err)
	}
	b, err := credential.SignAt(unsigned, iss, verifyIssued)
	if err != nil {
		t.Fatal(err)
	}
	return writeFile(t, string(b)), string(b)
}

func writeFile(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "credential.json")
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func expectVerify(t *testing.T, name string, args []string, code int, out ...string) {
	t.Helper()
	got, stdout, stderr := runCLI(append([]string{"verify"}, args...)...)
	if got != code {
		t.Errorf("%s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", name, got, code, stdout, stderr)
		return
	}
	for _, s := range out {
		if !strings.Contains(stdout+stderr, s) {
			t.Errorf("%s: output lacks %q\nstdout:\n%s\nstderr:\n%s", name, s, stdout, stderr)
		}
	}
}

func TestVerifyValid(t *testing.T) {
	srv := statusServer(t, verifyIssuer())
	path, _ := writeCredential(t, srv.URL+"/status/1", 8)
	expectVerify(t, "valid", []string{path, "--now", verifyNow}, 0,
		"signature:  valid", "revocation", "not revoked", "\nVALID\n", "Центр оценки квалификации «Энергия»")
	expectVerify(t, "--status", []string{"--status", "--now", verifyNow, path}, 0, "not revoked", "\nVALID\n")
}

func TestVerifyTampered(t *testing.T) {
	_, signed := writeCredential(t, "", 0)
	for _, c := range []struct{ name, old, new string }{
		{"name", "Ерлан Бекұлы Сәрсенов", "Ерлан Бекович Сарсенов"},
		{"level", "квалификации: 4", "квалификации: 6"},
		{"validFrom", `"validFrom": "2026-03-01T09:00:00Z"`, `"validFrom": "2020-03-01T09:00:00Z"`},
	} {
		tampered := strings.Replace(signed, c.old, c.new, 1)
		if tampered == signed {
			t.Fatalf("%s: %q not in the credential", c.name, c.old)
		}
		expectVerify(t, c.name, []string{"--offline", "--now", verifyNow, writeFile(t, tampered)}, 1,
			"INVALID: bad signature", "changed after signing")
	}
}

func TestVerifyRevoked(t *testing.T) {
	srv := statusServer(t, verifyIssuer())
	path, _ := writeCredential(t, srv.URL+"/status/1", 7)
	expectVerify(t, "revoked", []string{path, "--now", verifyNow}, 1, "REVOKED", "INVALID: the credential has been REVOKED")
}

func TestVerifyPeriod(t *testing.T) {
	path, _ := writeCredential(t, "", 0)
	expectVerify(t, "expired", []string{path, "--now", "2031-03-02"}, 1, "INVALID: expired")
	expectVerify(t, "not yet valid", []string{path, "--now", "2026-03-01T08:59:59Z"}, 1, "INVALID: not yet valid")
	expectVerify(t, "no status", []string{path, "--now", verifyNow}, 0, "declares no status list", "\nVALID\n")
}

func TestVerifyStatusUnknown(t *testing.T) {
	gone := httptest.NewServer(http.NotFoundHandler())
	gone.Close() // nothing listens there any more
	path, _ := writeCredential(t, gone.URL+"/status/1", 7)
	expectVerify(t, "unreachable", []string{path, "--now", verifyNow}, 0, "could not be checked", "VALID (signature and validity period")
	expectVerify(t, "unreachable, --status", []string{path, "--status", "--now", verifyNow}, 3, "STATUS UNKNOWN")
	expectVerify(t, "offline", []string{path, "--offline", "--now", verifyNow}, 0, "not checked (--offline)")

	// A list served but signed by someone else does not count.
	srv := statusServer(t, credential.NewDIDKeyIssuer(ed25519.NewKeyFromSeed(make([]byte, 32))))
	path, _ = writeCredential(t, srv.URL+"/status/1", 7)
	expectVerify(t, "foreign list", []string{path, "--status", "--now", verifyNow}, 3, "not by the credential's issuer")
}

func TestVerifyUsageAndMalformed(t *testing.T) {
	path, _ := writeCredential(t, "", 0)
	dir := t.TempDir()
	expectVerify(t, "no file", nil, 2, "usage: kasip verify")
	expectVerify(t, "two files", []string{path, path}, 2, "usage: kasip verify")
	expectVerify(t, "missing", []string{filepath.Join(dir, "missing.json")}, 2, "missing.json", "no such file")
	expectVerify(t, "not JSON", []string{writeFile(t, "{not json")}, 2, "not a signed credential", "invalid JSON")
	expectVerify(t, "no proof", []string{writeFile(t, `{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential"],"issuer":"did:key:z","credentialSubject":{}}`)}, 2, "no proof")
	expectVerify(t, "bad --now", []string{path, "--now", "tomorrow"}, 2, "--now")
	expectVerify(t, "--status --offline", []string{path, "--status", "--offline"}, 2, "cannot be combined")
	expectVerify(t, "unknown flag", []string{path, "--frobnicate"}, 2, "frobnicate")
}
