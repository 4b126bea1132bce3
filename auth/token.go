package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Session and API tokens are 32 random bytes (256 bits: unguessable, and
// too long to enumerate), base64url without padding. The database keeps
// only their SHA-256 (HashToken): a copy of the database cannot be used to
// sign in. A fast hash suffices, unlike for passwords, because the token
// has full entropy; nothing is gained by slowing a guess down.
const tokenBytes = 32

// APITokenPrefix starts every API token, so that one is recognisable in a
// configuration file or a secret scanner's findings.
const APITokenPrefix = "kasip_"

var tokenEncoding = base64.RawURLEncoding

// tokenLen is the length of the random part of a token in characters.
var tokenLen = tokenEncoding.EncodedLen(tokenBytes)

func randomToken() string {
	var b [tokenBytes]byte
	// crypto/rand.Read never fails since Go 1.24 (it crashes the program
	// instead of returning weak bytes).
	_, _ = rand.Read(b[:])
	return tokenEncoding.EncodeToString(b[:])
}

// NewSessionToken returns a new session token for a cookie.
func NewSessionToken() string { return randomToken() }

// NewAPIToken returns a new API token: APITokenPrefix and the random part.
func NewAPIToken() string { return APITokenPrefix + randomToken() }

// HashToken is what the database stores and looks tokens up by: the
// SHA-256 of the whole token, in lower-case hex.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// WellFormedSessionToken reports whether token could be a session token,
// so that garbage in a cookie is turned away without a database query.
func WellFormedSessionToken(token string) bool { return wellFormed(token) }

// WellFormedAPIToken is WellFormedSessionToken for API tokens.
func WellFormedAPIToken(token string) bool {
	rest, ok := strings.CutPrefix(token, APITokenPrefix)
	return ok && wellFormed(rest)
}

func wellFormed(s string) bool {
	if len(s) != tokenLen {
		return false
	}
	b, err := tokenEncoding.Strict().DecodeString(s)
	return err == nil && len(b) == tokenBytes
}

// SessionPolicy sets how long sessions last. A session ends at the first
// of: IdleTimeout without a request, or MaxLifetime after sign-in.
type SessionPolicy struct {
	IdleTimeout time.Duration
	MaxLifetime time.Duration
}

// DefaultSessionPolicy: an hour idle, a working day at most. Recognition
// decisions are made under these sessions, so an unattended browser should
// not stay signed in for long, while a day's work needs one sign-in.
var DefaultSessionPolicy = SessionPolicy{IdleTimeout: time.Hour, MaxLifetime: 12 * time.Hour}

// Validate checks that both durations are positive and the idle timeout
// is not longer than the lifetime.
func (p SessionPolicy) Validate() error {
	if p.IdleTimeout <= 0 || p.MaxLifetime <= 0 || p.IdleTimeout > p.MaxLifetime {
		return fmt.Errorf("%w: session policy %v idle, %v lifetime", ErrInvalid, p.IdleTimeout, p.MaxLifetime)
	}
	return nil
}

// TouchInterval is how stale a session's or token's last-seen time may get:
// it is written at most once per interval, so that every request does not
// become a database write. Idle timeouts are therefore up to this much
// early.
const TouchInterval = time.Minute

// Session is a signed-in browser.
type Session struct {
	ID          int64
	UserID      int64
	Created     time.Time
	LastSeen    time.Time
	Expires     time.Time // the absolute end; idle expiry comes from LastSeen + IdleTimeout
	IdleTimeout time.Duration
	UserAgent   string
}

// MaxUserAgentLen bounds the user agent kept with a session.
const MaxUserAgentLen = 512

// TrimUserAgent cuts a User-Agent header to what a session keeps: valid
// UTF-8, at most MaxUserAgentLen bytes.
func TrimUserAgent(ua string) string {
	ua = strings.ToValidUTF8(ua, "\uFFFD")
	if len(ua) <= MaxUserAgentLen {
		return ua
	}
	ua = ua[:MaxUserAgentLen]
	for !utf8.ValidString(ua) {
		ua = ua[:len(ua)-1]
	}
	return ua
}

// APIToken describes an API token; the token itself is shown once, when
// created, and never stored.
type APIToken struct {
	ID       int64
	UserID   int64
	Name     string
	Created  time.Time
	LastUsed time.Time // zero: never used
	Expires  time.Time // zero: does not expire
	Revoked  time.Time // zero: not revoked
}

// Active reports whether the token may be used at now.
func (t APIToken) Active(now time.Time) bool {
	return t.Revoked.IsZero() && (t.Expires.IsZero() || now.Before(t.Expires))
}

// MaxTokenNameLen bounds an API token's name.
const MaxTokenNameLen = 100

// ValidateTokenName checks an API token's name: what it is for, 1 to
// MaxTokenNameLen characters.
func ValidateTokenName(name string) error {
	n := utf8.RuneCountInString(strings.TrimSpace(name))
	if !utf8.ValidString(name) || n == 0 || n > MaxTokenNameLen {
		return fmt.Errorf("%w: a token name has 1 to %d characters", ErrInvalid, MaxTokenNameLen)
	}
	return nil
}
