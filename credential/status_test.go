package credential

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"errors"
	"strings"
	"testing"
)

func TestStatusListBits(t *testing.T) {
	l, err := NewStatusList(MinStatusListBits)
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range []int{0, 9, MinStatusListBits - 1} {
		if err := l.Set(i, true); err != nil {
			t.Fatal(err)
		}
	}
	// Index 0 is the most significant bit of the first byte.
	if l.bits[0] != 0x80 || l.bits[1] != 0x40 || l.bits[len(l.bits)-1] != 0x01 {
		t.Errorf("bytes %x %x … %x", l.bits[0], l.bits[1], l.bits[len(l.bits)-1])
	}
	if err := l.Set(9, false); err != nil || l.bits[1] != 0 {
		t.Errorf("clearing bit 9: %x %v", l.bits[1], err)
	}
	for _, i := range []int{-1, MinStatusListBits} {
		if l.Set(i, true) == nil {
			t.Errorf("Set(%d) accepted", i)
		}
		if _, err := l.Get(i); err == nil {
			t.Errorf("Get(%d) accepted", i)
		}
	}
	for _, n := range []int{0, MinStatusListBits - 8, MinStatusListBits + 1} {
		if _, err := NewStatusList(n); err == nil {
			t.Errorf("NewStatusList(%d) accepted", n)
		}
	}
}

func TestStatusListEncoding(t *testing.T) {
	l, _ := NewStatusList(MinStatusListBits)
	l.Set(94567, true)
	enc, err := l.Encode()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(enc, "u") || strings.ContainsAny(enc, "+/=") {
		t.Errorf("encodedList %q is not multibase base64url without padding", enc)
	}
	back, err := DecodeStatusList(enc)
	if err != nil || back.Len() != MinStatusListBits {
		t.Fatalf("decode: %v", err)
	}
	for _, i := range []int{94566, 94567, 94568} {
		if got, _ := back.Get(i); got != (i == 94567) {
			t.Errorf("bit %d: %v", i, got)
		}
	}
	short := gzipB64(t, make([]byte, MinStatusListBits/8-1))
	for name, in := range map[string]string{
		"no prefix": enc[1:],
		"base64":    "u!!!",
		"not gzip":  "u" + base64.RawURLEncoding.EncodeToString([]byte("plain")),
		"too short": short,
		"too large": gzipB64(t, make([]byte, maxStatusListBytes+1)),
	} {
		if _, err := DecodeStatusList(in); err == nil {
			t.Errorf("%s: decoded", name)
		}
	}
}

func gzipB64(t *testing.T, b []byte) string {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return "u" + base64.RawURLEncoding.EncodeToString(buf.Bytes())
}

const testListURL = "https://kasip.example.kz/status/1"

// signedStatusList returns a signed revocation list of iss with the given bits set.
func signedStatusList(t *testing.T, iss Issuer, id, purpose string, set ...int) []byte {
	t.Helper()
	l, _ := NewStatusList(MinStatusListBits)
	for _, i := range set {
		l.Set(i, true)
	}
	unsigned, err := StatusListCredential{ID: id, Issuer: iss.DID(), Purpose: purpose, ValidFrom: testIssued, List: l}.Unsigned()
	if err != nil {
		t.Fatal(err)
	}
	signed, err := SignAt(unsigned, iss, testIssued)
	if err != nil {
		t.Fatal(err)
	}
	return signed
}

func TestStatusCheck(t *testing.T) {
	iss := testIssuerKey()
	list := signedStatusList(t, iss, testListURL, StatusRevocation, 7)
	ctx := context.Background()
	check := func(entry StatusEntry, list []byte) (bool, error) {
		return CheckStatus(ctx, entry, list, iss.DID(), nil, testNow)
	}
	if set, err := check(NewStatusEntry(testListURL, StatusRevocation, 7), list); err != nil || !set {
		t.Errorf("revoked entry: %v %v", set, err)
	}
	if set, err := check(NewStatusEntry(testListURL, StatusRevocation, 8), list); err != nil || set {
		t.Errorf("valid entry: %v %v", set, err)
	}

	other, _ := GenerateKey(nil)
	bad := NewStatusEntry(testListURL, StatusRevocation, 7)
	bad.StatusListIndex = "07x"
	unsupported := NewStatusEntry(testListURL, StatusRevocation, 7)
	unsupported.Type = "StatusList2021Entry"
	for name, c := range map[string]struct {
		entry StatusEntry
		list  []byte
	}{
		"purpose":       {NewStatusEntry(testListURL, StatusSuspension, 7), list},
		"range":         {NewStatusEntry(testListURL, StatusRevocation, MinStatusListBits), list},
		"index":         {bad, list},
		"type":          {unsupported, list},
		"other issuer":  {NewStatusEntry(testListURL, StatusRevocation, 7), signedStatusList(t, other, testListURL, StatusRevocation, 7)},
		"other list id": {NewStatusEntry(testListURL, StatusRevocation, 7), signedStatusList(t, iss, testListURL+"0", StatusRevocation, 7)},
		"tampered":      {NewStatusEntry(testListURL, StatusRevocation, 7), bytes.Replace(list, []byte(`"revocation"`), []byte(`"suspension"`), 1)},
		"not a list":    {NewStatusEntry(testListURL, StatusRevocation, 7), signTestCredential(t, iss, testCertificate(iss.DID()))},
	} {
		if _, err := check(c.entry, c.list); !errors.Is(err, ErrStatusUnknown) {
			t.Errorf("%s: %v, want status unknown", name, err)
		}
	}
}

func TestStatusEntriesRead(t *testing.T) {
	iss := testIssuerKey()
	c := testCertificate(iss.DID())
	c.Status = []StatusEntry{NewStatusEntry(testListURL, StatusRevocation, 3), NewStatusEntry(testListURL+"s", StatusSuspension, 3)}
	res, err := VerifyAt(context.Background(), signTestCredential(t, iss, c), nil, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Status) != 2 || res.Status[0] != c.Status[0] || res.Status[1] != c.Status[1] {
		t.Errorf("status entries %+v", res.Status)
	}
	msg := StatusListCredential{ID: testListURL, Issuer: iss.DID(), Purpose: "message", List: &StatusList{}}
	if _, err := msg.Unsigned(); err == nil {
		t.Error("list with purpose message built")
	}
}
