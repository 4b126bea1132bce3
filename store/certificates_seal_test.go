package store

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/kasip/kasip/certificate"
	"github.com/kasip/kasip/credential"
)

func testKEK(t testing.TB) []byte {
	t.Helper()
	kek := make([]byte, IssuerKEKSize)
	if _, err := rand.Read(kek); err != nil {
		t.Fatal(err)
	}
	return kek
}

// storedSecrets reads the secret column by key id, as anyone with the
// database would.
func storedSecrets(t testing.TB, s *Store) map[string]string {
	t.Helper()
	rows, err := s.r.Query("SELECT key_id, secret FROM certificate_issuer_keys")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id, secret string
		if err := rows.Scan(&id, &secret); err != nil {
			t.Fatal(err)
		}
		out[id] = secret
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func setSecret(t testing.TB, s *Store, keyID, secret string) {
	t.Helper()
	if _, err := s.w.Exec(s.q("UPDATE certificate_issuer_keys SET secret = ? WHERE key_id = ?"), secret, keyID); err != nil {
		t.Fatal(err)
	}
}

// secretMultibase is the key material of iss as a plain secret holds it.
func secretMultibase(t testing.TB, iss credential.Issuer) string {
	t.Helper()
	var mk struct{ SecretKeyMultibase string }
	if err := json.Unmarshal(recMust(credential.MarshalIssuer(iss))(t), &mk); err != nil || mk.SecretKeyMultibase == "" {
		t.Fatalf("marshal issuer: %v", err)
	}
	return mk.SecretKeyMultibase
}

// wantErr checks that err is an error whose message has every one of parts.
func wantErr(t testing.TB, what string, err error, parts ...string) {
	t.Helper()
	if err == nil {
		t.Errorf("%s: no error, want one saying %q", what, parts)
		return
	}
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("%s: %v, want it to say %q", what, err, p)
		}
	}
}

func verifies(t *testing.T, s *Store, now time.Time, c certificate.Certificate) {
	t.Helper()
	res, err := credential.VerifyAt(context.Background(), recMust(s.CertificateCredential(context.Background(), c.Number))(t), nil, now)
	if err != nil || res.VerificationMethod != c.IssuerKeyID {
		t.Errorf("%s: %v, signed by %s", c.Number, err, res.VerificationMethod)
	}
}

// TestIssuerKeySealed: with a KEK, keys are stored sealed and sign; a
// store without it still serves and verifies what was issued but cannot
// sign, and one with another KEK says so, naming the key.
func TestIssuerKeySealed(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			dsn := b.dsn(t)
			kek, other := testKEK(t), testKEK(t)
			s := openStore(t, dsn)
			if n := recMust(s.SetIssuerKeySealer(context.Background(), kek))(t); n != 0 {
				t.Errorf("sealed %d keys of an empty database", n)
			}
			wrong := openStore(t, dsn) // given its KEK before any key exists
			recMust(wrong.SetIssuerKeySealer(context.Background(), other))(t)
			f := newCertFix(t, s)
			ctx := f.ctx
			apps := certDecidedApps(t, s, f, 4)
			c := recMust(s.IssueCertificate(ctx, recAdmin, apps[0]))(t)
			verifies(t, s, f.clock.now(), c)

			// The database holds no key material, only the sealed form.
			iss := recMust(s.IssuerKey(ctx))(t)
			stored := storedSecrets(t, s)[iss.KeyID]
			if !strings.HasPrefix(stored, "sealed:v1:"+IssuerKEKFingerprint(kek)+":") {
				t.Errorf("stored secret %.40q…, want sealed:v1:%s:…", stored, IssuerKEKFingerprint(kek))
			}
			if strings.Contains(stored, secretMultibase(t, iss)) || strings.Contains(stored, "secretKeyMultibase") {
				t.Error("the stored secret holds the key material")
			}
			// The status lists are signed with the sealed key.
			recMust(s.SetCertificateStatus(ctx, recAdmin, c.Number, certificate.StatusSuspended, "review"))(t)
			if !certStatus(t, s, f.clock.now(), c.Number, credential.StatusSuspension) {
				t.Error("suspension not seen")
			}

			// Without the KEK: public verification works, signing does not.
			plain := openStore(t, dsn)
			plain.SetRecognitionClock(f.clock.now)
			if got := recMust(plain.CertificateCredential(ctx, c.Number))(t); !bytes.Equal(got, recMust(s.CertificateCredential(ctx, c.Number))(t)) {
				t.Error("the credential differs through the store without the KEK")
			}
			verifies(t, plain, f.clock.now(), c)
			if got := recMust(plain.Certificate(ctx, c.Number))(t); got.State != certificate.StatusSuspended {
				t.Errorf("state %s", got.State)
			}
			_, err := plain.IssueCertificate(ctx, recAdmin, apps[1])
			recWantErr(t, "issue without the KEK", err, ErrIssuerKeySealed)
			wantErr(t, "issue without the KEK", err, "issuer key "+iss.KeyID+": the secret is sealed", "--issuer-key-file")
			_, err = plain.StatusListCredential(ctx, c.StatusListID, credential.StatusRevocation)
			recWantErr(t, "status list without the KEK", err, ErrIssuerKeySealed)
			if n := recMust(plain.SealedIssuerKeys(ctx))(t); n != 1 {
				t.Errorf("%d sealed keys counted", n)
			}

			// Another KEK: the key is named, and so is the cause.
			wrong.SetRecognitionClock(f.clock.now)
			_, err = wrong.IssueCertificate(ctx, recAdmin, apps[1])
			wantErr(t, "issue with another KEK", err, "issuer key "+iss.KeyID+": sealed under another key-encryption key")
			_, err = openStore(t, dsn).SetIssuerKeySealer(ctx, other)
			wantErr(t, "start with another KEK", err, iss.KeyID, "sealed under another key-encryption key")

			// The failures changed nothing: the right KEK issues the next.
			c2 := recMust(s.IssueCertificate(ctx, recAdmin, apps[1]))(t)
			if certSeq(t, c2.Number) != 2 {
				t.Errorf("next number %s", c2.Number)
			}
			again := openStore(t, dsn)
			again.SetRecognitionClock(f.clock.now)
			if n := recMust(again.SetIssuerKeySealer(ctx, kek))(t); n != 0 {
				t.Errorf("sealed %d keys again", n)
			}
			verifies(t, again, f.clock.now(), recMust(again.IssueCertificate(ctx, recAdmin, apps[2]))(t))
		})
	}
}

// TestIssuerKeySealExisting: a database from before sealing gets its
// plain keys sealed in place, audited; what they signed still verifies and
// they go on signing.
func TestIssuerKeySealExisting(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		f := newCertFix(t, s)
		ctx := f.ctx
		apps := certDecidedApps(t, s, f, 3)
		c1 := recMust(s.IssueCertificate(ctx, recAdmin, apps[0]))(t)
		old := recMust(s.IssuerKey(ctx))(t)
		fresh := recMust(s.RotateIssuerKey(ctx, recAdmin))(t)
		c2 := recMust(s.IssueCertificate(ctx, recAdmin, apps[1]))(t)
		for id, secret := range storedSecrets(t, s) {
			if !strings.HasPrefix(secret, "{") {
				t.Fatalf("%s: not plain before sealing: %.20q", id, secret)
			}
		}
		if n := recMust(s.SealedIssuerKeys(ctx))(t); n != 0 {
			t.Errorf("%d sealed keys counted before sealing", n)
		}

		kek := testKEK(t)
		if n := recMust(s.SetIssuerKeySealer(ctx, kek))(t); n != 2 {
			t.Errorf("sealed %d keys, want 2", n)
		}
		stored := storedSecrets(t, s)
		for _, iss := range []credential.Issuer{old, fresh} {
			if !isSealed(stored[iss.KeyID]) || strings.Contains(stored[iss.KeyID], secretMultibase(t, iss)) {
				t.Errorf("%s not sealed: %.30q", iss.KeyID, stored[iss.KeyID])
			}
		}
		entries := recMust(s.AuditEntries(ctx, "issuer-key"))(t)
		last := entries[len(entries)-1]
		if last.Action != "certificate.key.seal" || last.Actor != 0 ||
			!strings.Contains(string(last.Data), old.KeyID) || !strings.Contains(string(last.Data), fresh.KeyID) ||
			!strings.Contains(string(last.Data), IssuerKEKFingerprint(kek)) {
			t.Errorf("audit %s %s", last.Action, last.Data)
		}

		// Old credentials verify; both keys sign, the retired one its list.
		verifies(t, s, f.clock.now(), c1)
		verifies(t, s, f.clock.now(), c2)
		recMust(s.SetCertificateStatus(ctx, recAdmin, c1.Number, certificate.StatusRevoked, "error in the name"))(t)
		if !certStatus(t, s, f.clock.now(), c1.Number, credential.StatusRevocation) {
			t.Error("revocation under the retired key not seen")
		}
		c3 := recMust(s.IssueCertificate(ctx, recAdmin, apps[2]))(t)
		if c3.IssuerKeyID != fresh.KeyID {
			t.Errorf("signed by %s, want %s", c3.IssuerKeyID, fresh.KeyID)
		}
		verifies(t, s, f.clock.now(), c3)
		if k := recMust(s.IssuerKey(ctx))(t); !bytes.Equal(k.PrivateKey, fresh.PrivateKey) {
			t.Error("the key changed in sealing")
		}

		// Sealing again seals nothing and audits nothing.
		if n := recMust(s.SetIssuerKeySealer(ctx, kek))(t); n != 0 {
			t.Errorf("sealed %d keys again", n)
		}
		if got := recMust(s.AuditEntries(ctx, "issuer-key"))(t); len(got) != len(entries) {
			t.Errorf("%d audit entries, want %d", len(got), len(entries))
		}
	})
}

// TestIssuerKeySealAtomic: a secret that cannot be sealed fails the whole
// sealing: the table and the store are left as they were.
func TestIssuerKeySealAtomic(t *testing.T) {
	each(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		first := recMust(s.IssuerKey(ctx))(t)
		second := recMust(s.RotateIssuerKey(ctx, recAdmin))(t)
		// The second row holds the first key's secret: not its own.
		setSecret(t, s, second.KeyID, string(recMust(credential.MarshalIssuer(first))(t)))
		before := storedSecrets(t, s)
		audits := len(recMust(s.AuditEntries(ctx, "issuer-key"))(t))

		_, err := s.SetIssuerKeySealer(ctx, testKEK(t))
		wantErr(t, "seal a wrong row", err, "issuer key "+second.KeyID+": the stored secret is that of "+first.KeyID)
		after := storedSecrets(t, s)
		if len(after) != len(before) || after[first.KeyID] != before[first.KeyID] || after[second.KeyID] != before[second.KeyID] {
			t.Error("a failed sealing changed the table")
		}
		if got := len(recMust(s.AuditEntries(ctx, "issuer-key"))(t)); got != audits {
			t.Errorf("%d audit entries after a failed sealing, want %d", got, audits)
		}
		// The store has no KEK: a new key is stored plain.
		third := recMust(s.RotateIssuerKey(ctx, recAdmin))(t)
		if secret := storedSecrets(t, s)[third.KeyID]; !strings.HasPrefix(secret, "{") {
			t.Errorf("new key stored %.20q after a failed sealing", secret)
		}
	})
}

// TestIssuerKeySealTamper: a sealed secret altered, or moved to another
// key's row, does not open, and the error names the key.
func TestIssuerKeySealTamper(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) { testIssuerKeySealTamper(t, b.dsn(t)) })
	}
}

func testIssuerKeySealTamper(t *testing.T, dsn string) {
	s := openStore(t, dsn)
	kek := testKEK(t)
	recMust(s.SetIssuerKeySealer(context.Background(), kek))(t)
	f := newCertFix(t, s)
	ctx := f.ctx
	apps := certDecidedApps(t, s, f, 2)
	c1 := recMust(s.IssueCertificate(ctx, recAdmin, apps[0]))(t)
	old := recMust(s.IssuerKey(ctx))(t)
	fresh := recMust(s.RotateIssuerKey(ctx, recAdmin))(t)
	good := storedSecrets(t, s)

	// The retired key's sealed secret moved to the active key's row.
	setSecret(t, s, fresh.KeyID, good[old.KeyID])
	_, err := s.IssueCertificate(ctx, recAdmin, apps[1])
	wantErr(t, "moved secret", err, "issuer key "+fresh.KeyID+": the sealed secret does not open", "copied from another key's row")
	_, err = openStore(t, dsn).SetIssuerKeySealer(ctx, kek)
	wantErr(t, "start with a moved secret", err, "issuer key "+fresh.KeyID+": the sealed secret does not open")

	// One character of the ciphertext changed.
	sealed := good[fresh.KeyID]
	i := len(sealed) - 10
	flip := byte('A')
	if sealed[i] == 'A' {
		flip = 'B'
	}
	setSecret(t, s, fresh.KeyID, sealed[:i]+string(flip)+sealed[i+1:])
	_, err = s.IssueCertificate(ctx, recAdmin, apps[1])
	wantErr(t, "altered secret", err, "issuer key "+fresh.KeyID+": the sealed secret does not open")

	// Damaged forms.
	for _, bad := range []string{"sealed:v2:abc:def", "sealed:v1:" + IssuerKEKFingerprint(kek) + ":%%%", "sealed:v1:nofingerprint"} {
		setSecret(t, s, fresh.KeyID, bad)
		_, err = s.IssueCertificate(ctx, recAdmin, apps[1])
		wantErr(t, bad, err, "issuer key "+fresh.KeyID+": ")
	}

	// The untouched retired key still signs its list; restored, the
	// active key issues.
	recMust(s.SetCertificateStatus(ctx, recAdmin, c1.Number, certificate.StatusRevoked, "error in the name"))(t)
	if !certStatus(t, s, f.clock.now(), c1.Number, credential.StatusRevocation) {
		t.Error("revocation not seen")
	}
	setSecret(t, s, fresh.KeyID, good[fresh.KeyID])
	verifies(t, s, f.clock.now(), recMust(s.IssueCertificate(ctx, recAdmin, apps[1]))(t))
}

func TestKeySealerForms(t *testing.T) {
	if _, err := newKeySealer(make([]byte, 16)); err == nil {
		t.Error("a 16-byte KEK accepted")
	}
	k := recMust(newKeySealer(testKEK(t)))(t)
	const id = "did:key:z6Mk#z6Mk"
	secret := []byte(`{"secretKeyMultibase": "zSECRET"}`)
	a, b := recMust(k.seal(id, secret))(t), recMust(k.seal(id, secret))(t)
	if a == b {
		t.Error("two sealings of one secret are equal: the nonce is not random")
	}
	if strings.Contains(a, "zSECRET") || !strings.HasPrefix(a, "sealed:v1:"+k.fingerprint+":") || len(k.fingerprint) != 16 {
		t.Errorf("sealed form %q", a)
	}
	if got := recMust(k.open(id, a))(t); !bytes.Equal(got, secret) {
		t.Errorf("opened %q", got)
	}
	_, err := k.open("did:key:other#other", a)
	wantErr(t, "another key id", err, "issuer key did:key:other#other: the sealed secret does not open")
	var none *keySealer
	if _, err := none.open(id, a); !errors.Is(err, ErrIssuerKeySealed) {
		t.Errorf("no KEK: %v", err)
	}
	_, err = none.open(id, "sealed:v9:x:y")
	wantErr(t, "unknown version", err, `unknown sealed form "sealed:v9"`)
}
