package session

import (
	"crypto/sha256"
	"crypto/subtle"
)

// tokenEqual compares in constant time; hashing first hides the length too.
func tokenEqual(a, b string) bool {
	ha, hb := sha256.Sum256([]byte(a)), sha256.Sum256([]byte(b))
	return subtle.ConstantTimeCompare(ha[:], hb[:]) == 1
}
