package credential

// Multibase (base58btc, 'z') and Multikey (multicodec-prefixed Ed25519 keys), as used by
// did:key, Data Integrity proof values and Controlled Identifiers' Multikey documents.

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"fmt"
	"math/big"
	"strings"
)

const base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

// Multicodec prefixes (unsigned varints) of the Multikey encodings: ed25519-pub 0xed and
// ed25519-priv 0x1300, the latter holding the 32-byte seed.
var (
	ed25519PubPrefix  = []byte{0xed, 0x01}
	ed25519PrivPrefix = []byte{0x80, 0x26}
)

// maxBase58Len bounds decoding: the longest value we expect is a 64-byte signature (≈88
// characters). math/big conversion is quadratic, so hostile megabyte inputs are cut short.
const maxBase58Len = 512

// encodeBase58 is the Bitcoin base58 alphabet with each leading zero byte written as '1'.
func encodeBase58(b []byte) string {
	zeros := 0
	for zeros < len(b) && b[zeros] == 0 {
		zeros++
	}
	n := new(big.Int).SetBytes(b)
	radix := big.NewInt(58)
	mod := new(big.Int)
	var out []byte
	for n.Sign() > 0 {
		n.DivMod(n, radix, mod)
		out = append(out, base58Alphabet[mod.Int64()])
	}
	out = append(out, bytes.Repeat([]byte{'1'}, zeros)...)
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return string(out)
}

func decodeBase58(s string) ([]byte, error) {
	if len(s) > maxBase58Len {
		return nil, fmt.Errorf("base58 value of %d characters is too long", len(s))
	}
	zeros := 0
	for zeros < len(s) && s[zeros] == '1' {
		zeros++
	}
	n := new(big.Int)
	radix := big.NewInt(58)
	for i := zeros; i < len(s); i++ {
		d := strings.IndexByte(base58Alphabet, s[i])
		if d < 0 {
			return nil, fmt.Errorf("invalid base58 character %q", s[i])
		}
		n.Mul(n, radix)
		n.Add(n, big.NewInt(int64(d)))
	}
	return append(make([]byte, zeros), n.Bytes()...), nil
}

// encodeMultibase58 returns the multibase base58btc form: 'z' followed by base58.
func encodeMultibase58(b []byte) string { return "z" + encodeBase58(b) }

func decodeMultibase58(s string) ([]byte, error) {
	rest, ok := strings.CutPrefix(s, "z")
	if !ok {
		return nil, errors.New("not multibase base58btc (no 'z' prefix)")
	}
	return decodeBase58(rest)
}

// EncodePublicKeyMultibase returns pub as a Multikey publicKeyMultibase value ("z6Mk…").
func EncodePublicKeyMultibase(pub ed25519.PublicKey) string {
	return encodeMultibase58(append(bytes.Clone(ed25519PubPrefix), pub...))
}

// DecodePublicKeyMultibase reads a Multikey publicKeyMultibase value holding an Ed25519 key.
func DecodePublicKeyMultibase(s string) (ed25519.PublicKey, error) {
	raw, err := decodeMultibase58(s)
	if err != nil {
		return nil, fmt.Errorf("public key %q: %w", s, err)
	}
	key, ok := bytes.CutPrefix(raw, ed25519PubPrefix)
	if !ok || len(key) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("public key %q is not a multicodec ed25519-pub key", s)
	}
	return ed25519.PublicKey(key), nil
}

// EncodeSecretKeyMultibase returns priv as a Multikey secretKeyMultibase value: the 32-byte seed
// behind the ed25519-priv multicodec prefix.
func EncodeSecretKeyMultibase(priv ed25519.PrivateKey) string {
	return encodeMultibase58(append(bytes.Clone(ed25519PrivPrefix), priv.Seed()...))
}

// DecodeSecretKeyMultibase reads a Multikey secretKeyMultibase value holding an Ed25519 seed.
func DecodeSecretKeyMultibase(s string) (ed25519.PrivateKey, error) {
	raw, err := decodeMultibase58(s)
	if err != nil {
		return nil, fmt.Errorf("secret key: %w", err) // the value itself stays out of messages
	}
	seed, ok := bytes.CutPrefix(raw, ed25519PrivPrefix)
	if !ok || len(seed) != ed25519.SeedSize {
		return nil, errors.New("secret key is not a multicodec ed25519-priv seed")
	}
	return ed25519.NewKeyFromSeed(seed), nil
}
