package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
	"golang.org/x/text/unicode/norm"
)

// Params are the argon2id cost parameters. They are written into every
// hash (PHC string format), so they can be raised later: old hashes still
// verify with their own parameters, and NeedsRehash tells the sign-in code
// to store a new hash while it has the password in hand.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32 // passes over the memory
	Threads uint8  // lanes
	SaltLen uint32 // bytes
	KeyLen  uint32 // bytes
}

// DefaultParams follow OWASP's Password Storage Cheat Sheet (m=19 MiB,
// t=2, p=1) rather than RFC 9106's low-memory option (m=64 MiB, t=3, p=4).
// A sign-in holds the memory for its whole duration, and anyone can make
// the server compute hashes by posting to the sign-in form: at 64 MiB, a
// few dozen concurrent attempts would take gigabytes on the small machines
// Kasip runs on, at 19 MiB they take a quarter of that. OWASP rates the two
// settings as equally strong against GPU cracking (more passes make up for
// less memory). One lane: the server is busy with other requests and more
// lanes would only take cores from them.
var DefaultParams = Params{Memory: 19 * 1024, Time: 2, Threads: 1, SaltLen: 16, KeyLen: 32}

// TestParams are cheap, for tests that create many users. Never use them
// for real accounts.
var TestParams = Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

// Bounds on parameters read from a stored hash, so that a corrupted or
// hostile hash string cannot make verification allocate gigabytes, spin
// for minutes, or reach argon2's panics (time or threads of 0).
const (
	maxMemory  = 1 << 20 // KiB: 1 GiB
	maxTime    = 64
	minSaltLen = 8
	maxSaltLen = 64
	minKeyLen  = 16
	maxKeyLen  = 64
)

// Password policy. Length is counted in characters (Unicode code points):
// NIST SP 800-63B asks for at least 8 and to accept at least 64; 10 gives
// a margin, and 256 keeps hashing inputs bounded.
const (
	MinPasswordLen = 10
	MaxPasswordLen = 256
)

// CheckPasswordPolicy reports why password may not be used for login, or nil.
func CheckPasswordPolicy(login, password string) error {
	if !utf8.ValidString(password) {
		return fmt.Errorf("%w: password is not valid UTF-8", ErrInvalid)
	}
	n := utf8.RuneCountInString(password)
	switch {
	case n < MinPasswordLen:
		return fmt.Errorf("%w: password must have at least %d characters", ErrInvalid, MinPasswordLen)
	case n > MaxPasswordLen:
		return fmt.Errorf("%w: password must have at most %d characters", ErrInvalid, MaxPasswordLen)
	case NormalizeLogin(password) == NormalizeLogin(login):
		return fmt.Errorf("%w: password must not be the login", ErrInvalid)
	}
	return nil
}

// passwordBytes is what gets hashed: the password in Unicode NFC, so that a
// password typed on another keyboard or system (composed or decomposed
// Kazakh letters, say) still matches.
func passwordBytes(password string) []byte { return []byte(norm.NFC.String(password)) }

// b64 is the PHC string format's base64: standard alphabet, no padding.
var b64 = base64.RawStdEncoding

// HashPassword hashes password with argon2id and a random salt, and
// returns the PHC string $argon2id$v=19$m=…,t=…,p=…$salt$hash. It does not
// check the policy (CheckPasswordPolicy does, where a password is chosen).
func HashPassword(password string, p Params) (string, error) {
	if err := p.check(); err != nil {
		return "", err
	}
	salt := make([]byte, p.SaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("hash password: salt: %w", err)
	}
	key := argon2.IDKey(passwordBytes(password), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.Memory, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

func (p Params) check() error {
	switch {
	case p.Memory < 8*uint32(p.Threads) || p.Memory > maxMemory:
		return fmt.Errorf("argon2id: memory %d KiB out of range", p.Memory)
	case p.Time < 1 || p.Time > maxTime:
		return fmt.Errorf("argon2id: time %d out of range", p.Time)
	case p.Threads < 1:
		return errors.New("argon2id: threads must be at least 1")
	case p.SaltLen < minSaltLen || p.SaltLen > maxSaltLen:
		return fmt.Errorf("argon2id: salt length %d out of range", p.SaltLen)
	case p.KeyLen < minKeyLen || p.KeyLen > maxKeyLen:
		return fmt.Errorf("argon2id: key length %d out of range", p.KeyLen)
	}
	return nil
}

// parseHash reads a PHC argon2id string. It never panics: any malformed or
// out-of-range part is an error.
func parseHash(encoded string) (p Params, salt, key []byte, err error) {
	bad := func(why string) (Params, []byte, []byte, error) {
		return Params{}, nil, nil, fmt.Errorf("argon2id hash: %s", why)
	}
	// "", "argon2id", "v=19", "m=…,t=…,p=…", salt, hash
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" {
		return bad("not a PHC string")
	}
	if parts[1] != "argon2id" {
		return bad("algorithm " + strconv.Quote(parts[1]) + ", want argon2id")
	}
	if parts[2] != "v="+strconv.Itoa(argon2.Version) {
		return bad("version " + strconv.Quote(parts[2]) + ", want v=19")
	}
	params := strings.Split(parts[3], ",")
	if len(params) != 3 {
		return bad("parameters must be m=…,t=…,p=…")
	}
	var vals [3]uint64
	for i, name := range []string{"m", "t", "p"} {
		v, ok := strings.CutPrefix(params[i], name+"=")
		if !ok {
			return bad("parameters must be m=…,t=…,p=…")
		}
		n, err := strconv.ParseUint(v, 10, 32)
		if err != nil {
			return bad("parameter " + name + " is not a number")
		}
		vals[i] = n
	}
	if vals[2] > 255 {
		return bad("parallelism out of range")
	}
	if salt, err = b64.DecodeString(parts[4]); err != nil {
		return bad("salt is not base64")
	}
	if key, err = b64.DecodeString(parts[5]); err != nil {
		return bad("hash is not base64")
	}
	p = Params{Memory: uint32(vals[0]), Time: uint32(vals[1]), Threads: uint8(vals[2]),
		SaltLen: uint32(len(salt)), KeyLen: uint32(len(key))}
	if err := p.check(); err != nil {
		return bad(err.Error())
	}
	return p, salt, key, nil
}

// ParsePasswordHash checks that encoded is an argon2id PHC string this
// package can verify, and returns its parameters.
func ParsePasswordHash(encoded string) (Params, error) {
	p, _, _, err := parseHash(encoded)
	return p, err
}

// VerifyPassword reports whether password matches the PHC string encoded.
// The comparison takes constant time. An error means encoded is not a
// hash this package can read (the password then does not match either).
func VerifyPassword(encoded, password string) (bool, error) {
	p, salt, key, err := parseHash(encoded)
	if err != nil {
		return false, err
	}
	// Passwords over the policy's limit were never accepted, so they cannot
	// match; refusing them before hashing bounds the work per attempt.
	if len(password) > 4*MaxPasswordLen {
		return false, nil
	}
	got := argon2.IDKey(passwordBytes(password), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	return subtle.ConstantTimeCompare(got, key) == 1, nil
}

// NeedsRehash reports whether encoded was made with other parameters than
// p (or cannot be read), so the caller should hash the password again
// after a successful sign-in.
func NeedsRehash(encoded string, p Params) bool {
	got, _, _, err := parseHash(encoded)
	return err != nil || got != p
}

var (
	dummyMu   sync.Mutex
	dummyHash = map[Params]string{}
)

// Authenticate decides a sign-in attempt for the user found by login
// (found false: none) with the stored hash encoded. When there is no such
// user, or no password set, it still computes one hash with p, so that the
// answer takes as long as for a wrong password and response times do not
// reveal which logins exist. It returns nil, ErrBadCredentials, or — only
// to someone who knows the password — ErrDisabled.
func Authenticate(u User, found bool, encoded, password string, p Params) error {
	if !found || encoded == "" {
		burn(password, p)
		return ErrBadCredentials
	}
	ok, err := VerifyPassword(encoded, password)
	if err != nil {
		return fmt.Errorf("%w (stored hash of user %d unreadable: %v)", ErrBadCredentials, u.ID, err)
	}
	if !ok {
		return ErrBadCredentials
	}
	if u.Disabled {
		return ErrDisabled
	}
	return nil
}

// burn verifies password against a hash of a random password made with p,
// for the time it takes.
func burn(password string, p Params) {
	dummyMu.Lock()
	h, ok := dummyHash[p]
	if !ok {
		var b [32]byte
		_, _ = rand.Read(b[:])
		var err error
		if h, err = HashPassword(string(b[:]), p); err != nil {
			h, _ = HashPassword(string(b[:]), DefaultParams)
		}
		dummyHash[p] = h
	}
	dummyMu.Unlock()
	_, _ = VerifyPassword(h, password)
}
