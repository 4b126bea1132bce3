package credential

// W3C Bitstring Status List v1.0: an issuer publishes, as a signed credential, a GZIP-compressed
// bitstring in which each credential it issued owns one bit per purpose (revocation,
// suspension). A credential points at its bit with a BitstringStatusListEntry. The list is large
// (at least 131,072 bits) so that a set bit does not single out a holder (herd privacy, §6.1).

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Status purposes of a list and of the entries that point into it.
const (
	StatusRevocation = "revocation"
	StatusSuspension = "suspension"
)

// MinStatusListBits is the smallest list the spec allows (16 KiB, §2.1).
const MinStatusListBits = 131072

// maxStatusListBytes bounds decompression of a fetched list: 16 MiB (134 million credentials)
// is far beyond any real list, and a GZIP bomb stops there.
const maxStatusListBytes = 16 << 20

// StatusList is a bitstring of credential statuses; bit 0 is the most significant bit of the
// first byte (the "left-most" bit of the spec, §3.4).
type StatusList struct {
	bits []byte
}

// NewStatusList returns a list of n cleared bits; n must be a multiple of 8 of at least
// MinStatusListBits.
func NewStatusList(n int) (*StatusList, error) {
	if n < MinStatusListBits || n%8 != 0 {
		return nil, fmt.Errorf("status list of %d bits: need a multiple of 8, at least %d", n, MinStatusListBits)
	}
	return &StatusList{bits: make([]byte, n/8)}, nil
}

// Len is the number of bits (statuses) in the list.
func (l *StatusList) Len() int { return len(l.bits) * 8 }

// Set sets or clears bit i.
func (l *StatusList) Set(i int, v bool) error {
	if i < 0 || i >= l.Len() {
		return fmt.Errorf("status index %d is outside the list of %d", i, l.Len())
	}
	mask := byte(0x80) >> (i % 8)
	if v {
		l.bits[i/8] |= mask
	} else {
		l.bits[i/8] &^= mask
	}
	return nil
}

// Get reports bit i.
func (l *StatusList) Get(i int) (bool, error) {
	if i < 0 || i >= l.Len() {
		return false, fmt.Errorf("status index %d is outside the list of %d (RANGE_ERROR)", i, l.Len())
	}
	return l.bits[i/8]&(byte(0x80)>>(i%8)) != 0, nil
}

// Encode returns the list as an encodedList value: 'u' (multibase base64url) and the unpadded
// base64url of the GZIP-compressed bitstring.
func (l *StatusList) Encode() (string, error) {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := zw.Write(l.bits); err != nil {
		return "", fmt.Errorf("compressing status list: %w", err)
	}
	if err := zw.Close(); err != nil {
		return "", fmt.Errorf("compressing status list: %w", err)
	}
	return "u" + base64.RawURLEncoding.EncodeToString(b.Bytes()), nil
}

// DecodeStatusList reads an encodedList value. Lists shorter than MinStatusListBits are refused
// (STATUS_LIST_LENGTH_ERROR, §3.2).
func DecodeStatusList(encoded string) (*StatusList, error) {
	b64, ok := strings.CutPrefix(encoded, "u")
	if !ok {
		return nil, errors.New("encodedList is not multibase base64url (no 'u' prefix)")
	}
	zipped, err := base64.RawURLEncoding.DecodeString(b64)
	if err != nil {
		return nil, fmt.Errorf("encodedList: %w", err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(zipped))
	if err != nil {
		return nil, fmt.Errorf("encodedList: %w", err)
	}
	bits, err := io.ReadAll(io.LimitReader(zr, maxStatusListBytes+1))
	if err != nil {
		return nil, fmt.Errorf("encodedList: %w", err)
	}
	if len(bits) > maxStatusListBytes {
		return nil, fmt.Errorf("encodedList: more than %d bytes uncompressed", maxStatusListBytes)
	}
	if len(bits)*8 < MinStatusListBits {
		return nil, fmt.Errorf("encodedList: %d bits, fewer than the minimum %d (STATUS_LIST_LENGTH_ERROR)", len(bits)*8, MinStatusListBits)
	}
	return &StatusList{bits: bits}, nil
}

// StatusEntry is a credential's credentialStatus entry (BitstringStatusListEntry, §2.1).
type StatusEntry struct {
	ID                   string `json:"id,omitempty"`
	Type                 string `json:"type"`
	StatusPurpose        string `json:"statusPurpose"`
	StatusListIndex      string `json:"statusListIndex"`
	StatusListCredential string `json:"statusListCredential"`
}

// NewStatusEntry points at bit index of the list credential served at listURL.
func NewStatusEntry(listURL, purpose string, index int) StatusEntry {
	i := strconv.Itoa(index)
	return StatusEntry{
		ID:                   listURL + "#" + i,
		Type:                 "BitstringStatusListEntry",
		StatusPurpose:        purpose,
		StatusListIndex:      i,
		StatusListCredential: listURL,
	}
}

// index parses statusListIndex, a decimal string (§2.1).
func (e StatusEntry) index() (int, error) {
	i, err := strconv.Atoi(e.StatusListIndex)
	if err != nil || i < 0 || strings.TrimLeft(e.StatusListIndex, "0123456789") != "" {
		return 0, fmt.Errorf("statusListIndex %q is not a non-negative integer", e.StatusListIndex)
	}
	return i, nil
}

// readStatusEntries reads credentialStatus: absent, one entry, or a list of entries.
func readStatusEntries(v any) ([]StatusEntry, error) {
	var entries []StatusEntry
	for _, x := range asList(v) {
		m, ok := x.(map[string]any)
		if !ok {
			return nil, errors.New("credentialStatus entry is not an object")
		}
		var e StatusEntry
		e.ID, _ = m["id"].(string)
		e.Type, _ = m["type"].(string)
		e.StatusPurpose, _ = m["statusPurpose"].(string)
		e.StatusListIndex, _ = m["statusListIndex"].(string)
		e.StatusListCredential, _ = m["statusListCredential"].(string)
		if e.Type == "" {
			return nil, errors.New("credentialStatus entry has no type")
		}
		entries = append(entries, e)
	}
	return entries, nil
}

// StatusListCredential describes a BitstringStatusListCredential to publish at ID.
type StatusListCredential struct {
	ID         string // the URL the list is served from; entries' statusListCredential
	Issuer     string // the issuer DID, the same as the credentials' it covers
	Purpose    string // StatusRevocation or StatusSuspension
	ValidFrom  time.Time
	ValidUntil time.Time // optional: verifiers treat the list as stale after it
	List       *StatusList
}

type statusListJSON struct {
	Context           []string          `json:"@context"`
	ID                string            `json:"id"`
	Type              []string          `json:"type"`
	Issuer            string            `json:"issuer"`
	ValidFrom         string            `json:"validFrom"`
	ValidUntil        string            `json:"validUntil,omitempty"`
	CredentialSubject statusListSubject `json:"credentialSubject"`
}

type statusListSubject struct {
	ID            string `json:"id"`
	Type          string `json:"type"`
	StatusPurpose string `json:"statusPurpose"`
	EncodedList   string `json:"encodedList"`
}

// Unsigned returns the list credential's JSON, ready for Sign.
func (c StatusListCredential) Unsigned() ([]byte, error) {
	if c.ID == "" || c.Issuer == "" || c.List == nil {
		return nil, errors.New("status list credential needs an id, an issuer and a list")
	}
	if c.Purpose != StatusRevocation && c.Purpose != StatusSuspension {
		return nil, fmt.Errorf("status purpose %q: want %s or %s", c.Purpose, StatusRevocation, StatusSuspension)
	}
	enc, err := c.List.Encode()
	if err != nil {
		return nil, err
	}
	v := statusListJSON{
		Context:   []string{vcContextV2},
		ID:        c.ID,
		Type:      []string{"VerifiableCredential", "BitstringStatusListCredential"},
		Issuer:    c.Issuer,
		ValidFrom: formatTime(c.ValidFrom),
		CredentialSubject: statusListSubject{
			ID: c.ID + "#list", Type: "BitstringStatusList", StatusPurpose: c.Purpose, EncodedList: enc,
		},
	}
	if !c.ValidUntil.IsZero() {
		v.ValidUntil = formatTime(c.ValidUntil)
	}
	return marshalIndent(v)
}

// ErrStatusUnknown is wrapped by CheckStatus errors: the status could not be established.
var ErrStatusUnknown = errors.New("status unknown")

// CheckStatus reports whether entry's bit is set in listCredential, the signed list credential
// fetched from entry.StatusListCredential, for a credential of issuer. The list credential must
// itself verify at now (VerifyAt with r), be issued by the same issuer, have the URL as its id,
// and serve the entry's purpose (§3.2, Validate Algorithm). Errors wrap ErrStatusUnknown.
func CheckStatus(ctx context.Context, entry StatusEntry, listCredential []byte, issuer string, r Resolver, now time.Time) (bool, error) {
	set, err := checkStatus(ctx, entry, listCredential, issuer, r, now)
	if err != nil {
		return false, fmt.Errorf("%w: %w", ErrStatusUnknown, err)
	}
	return set, nil
}

func checkStatus(ctx context.Context, entry StatusEntry, listCredential []byte, issuer string, r Resolver, now time.Time) (bool, error) {
	if entry.Type != "BitstringStatusListEntry" {
		return false, fmt.Errorf("status type %q is not supported", entry.Type)
	}
	index, err := entry.index()
	if err != nil {
		return false, err
	}
	res, err := VerifyAt(ctx, listCredential, r, now)
	if err != nil {
		return false, fmt.Errorf("status list %s (STATUS_VERIFICATION_ERROR): %w", entry.StatusListCredential, err)
	}
	if err := checkListCredential(res, entry, issuer); err != nil {
		return false, fmt.Errorf("status list %s: %w", entry.StatusListCredential, err)
	}
	subject, _ := res.Document["credentialSubject"].(map[string]any)
	encoded, _ := subject["encodedList"].(string)
	list, err := DecodeStatusList(encoded)
	if err != nil {
		return false, fmt.Errorf("status list %s: %w", entry.StatusListCredential, err)
	}
	return list.Get(index)
}

// checkListCredential ties a verified list credential to the entry that pointed at it.
func checkListCredential(res Result, entry StatusEntry, issuer string) error {
	if !hasType(res.Document, "BitstringStatusListCredential") {
		return errors.New("not a BitstringStatusListCredential")
	}
	if res.Issuer != issuer {
		return fmt.Errorf("issued by %s, not by the credential's issuer %s", res.Issuer, issuer)
	}
	if res.ID != "" && res.ID != entry.StatusListCredential {
		return fmt.Errorf("its id is %s", res.ID)
	}
	subject, ok := res.Document["credentialSubject"].(map[string]any)
	if !ok || !hasType(subject, "BitstringStatusList") {
		return errors.New("credentialSubject is not a BitstringStatusList")
	}
	for _, p := range asList(subject["statusPurpose"]) {
		if p == entry.StatusPurpose {
			return nil
		}
	}
	return fmt.Errorf("the list's statusPurpose is not %q (STATUS_VERIFICATION_ERROR)", entry.StatusPurpose)
}

// formatTime writes a date-time as VC 2.0 wants it (dateTimeStamp): UTC, whole seconds.
func formatTime(t time.Time) string { return t.UTC().Truncate(time.Second).Format(time.RFC3339) }

// marshalIndent writes a document the way Sign lays it out: two-space indent, no HTML escapes.
func marshalIndent(v any) ([]byte, error) {
	b, err := marshalNoEscape(v)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if err := json.Indent(&out, b, "", "  "); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
