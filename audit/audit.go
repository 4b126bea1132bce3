// Package audit defines Kasip's append-only, tamper-evident log: who did
// what to which record, and when. Entries form a hash chain: each entry's
// hash covers its content and the previous entry's hash, so altering,
// deleting, inserting or reordering entries anywhere breaks the chain from
// that point, and Verify says where.
//
// The chain cannot by itself reveal that the newest entries were cut off
// (the remaining chain is intact). To detect that, keep the latest hash
// somewhere the database's administrators cannot rewrite — `kasip audit
// verify` prints it — and compare later.
//
// The package is pure; the store keeps the entries (store.Store.AppendAudit).
package audit

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// GenesisHash is the prev_hash of the first entry.
const GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000"

// Entry is one record of the log.
type Entry struct {
	Seq      int64     // 1, 2, 3, … without gaps
	At       time.Time // UTC, microsecond precision
	Actor    int64     // the user who acted; 0: the system
	Action   string    // what happened, e.g. "application.accepted"
	Subject  string    // what it happened to, e.g. "application/42"
	Data     json.RawMessage
	PrevHash string // hex SHA-256 of the previous entry; GenesisHash for the first
	Hash     string // hex SHA-256 of this entry (see Hash)
}

// Limits on an entry's fields.
const (
	MaxActionLen  = 100
	MaxSubjectLen = 200
	MaxDataLen    = 64 << 10 // canonical data, bytes
)

var actionPattern = regexp.MustCompile(`^[a-z0-9_-]+(\.[a-z0-9_-]+)*$`)

// validate checks the fields an appender sets.
func (e Entry) validate() error {
	switch {
	case len(e.Action) == 0 || len(e.Action) > MaxActionLen || !actionPattern.MatchString(e.Action):
		return fmt.Errorf("audit: action %q: want dot-separated lower-case words, at most %d bytes", e.Action, MaxActionLen)
	case len(e.Subject) > MaxSubjectLen || !utf8.ValidString(e.Subject) ||
		strings.IndexFunc(e.Subject, unicode.IsControl) >= 0:
		return fmt.Errorf("audit: subject %q: want at most %d bytes of UTF-8 without control characters", e.Subject, MaxSubjectLen)
	case e.Actor < 0:
		return fmt.Errorf("audit: actor %d is negative", e.Actor)
	case e.At.IsZero():
		return errors.New("audit: entry has no time")
	}
	return nil
}

// Next makes e the entry after the one with prevSeq and prevHash
// (prevSeq 0: e is the first entry). It sets Seq and PrevHash, puts At in
// UTC at microsecond precision (what the store keeps) and Data in
// canonical form, and computes Hash.
func Next(prevSeq int64, prevHash string, e Entry) (Entry, error) {
	if err := e.validate(); err != nil {
		return Entry{}, err
	}
	data, err := Canonical(e.Data)
	if err != nil {
		return Entry{}, fmt.Errorf("audit %s: %w", e.Action, err)
	}
	if len(data) > MaxDataLen {
		return Entry{}, fmt.Errorf("audit %s: data is %d bytes, more than %d", e.Action, len(data), MaxDataLen)
	}
	e.Data = data
	e.At = time.UnixMicro(e.At.UnixMicro()).UTC()
	e.Seq = prevSeq + 1
	e.PrevHash = prevHash
	if prevSeq == 0 {
		e.PrevHash = GenesisHash
	}
	if e.Hash, err = e.ComputeHash(); err != nil {
		return Entry{}, err
	}
	return e, nil
}

// hashDomain starts the hashed bytes, so that an audit hash can never be
// mistaken for the hash of anything else, and the encoding can be
// versioned.
const hashDomain = "kasip.audit.v1\x00"

// ComputeHash returns the hex SHA-256 of the entry's content and PrevHash
// (Hash itself is not covered). The hashed bytes are, in order:
//
//	"kasip.audit.v1" and a zero byte
//	seq     8 bytes, big-endian two's complement
//	at      8 bytes, big-endian two's complement: Unix time in microseconds (UTC)
//	actor   8 bytes, big-endian two's complement
//	action  4-byte big-endian length in bytes, then the UTF-8 bytes
//	subject likewise
//	data    likewise, for the canonical form of the data (see Canonical)
//	prev    likewise, for PrevHash as written (64 lower-case hex digits)
//
// Fixed widths and length prefixes make the encoding unambiguous: no two
// different entries give the same bytes, whatever their strings contain.
func (e Entry) ComputeHash() (string, error) {
	data, err := Canonical(e.Data)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	h.Write([]byte(hashDomain))
	writeInt(h, e.Seq)
	writeInt(h, e.At.UnixMicro())
	writeInt(h, e.Actor)
	writeBytes(h, []byte(e.Action))
	writeBytes(h, []byte(e.Subject))
	writeBytes(h, data)
	writeBytes(h, []byte(e.PrevHash))
	return hex.EncodeToString(h.Sum(nil)), nil
}

func writeInt(h hash.Hash, v int64) {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(v))
	h.Write(b[:])
}

func writeBytes(h hash.Hash, p []byte) {
	var b [4]byte
	binary.BigEndian.PutUint32(b[:], uint32(len(p)))
	h.Write(b[:])
	h.Write(p)
}
