package audit

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/kasip/kasip/internal/jcs"
)

// canonicalForm is the audit log's RFC 8785 form: integers kept digit for
// digit, so that identifiers beyond 2^53 are not rounded.
var canonicalForm = jcs.Options{ExactIntegers: true}

// Canonical returns the canonical form of a JSON object: the form the
// audit hash covers, so that the same data always hashes alike however it
// was written. It is RFC 8785 (JSON Canonicalization Scheme: no
// whitespace, members sorted by the UTF-16 code units of their names,
// minimal string escapes, numbers as ECMAScript writes a double), with one
// deliberate exception: a number written as an integer (no fraction, no
// exponent) is kept digit for digit ("-0" becomes "0"). The input must be
// I-JSON (valid UTF-8, no lone surrogates, no name twice in one object)
// and its top level an object; empty or null data is "{}".
func Canonical(data []byte) ([]byte, error) {
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 || string(trimmed) == "null" {
		return []byte("{}"), nil
	}
	if trimmed[0] != '{' {
		return nil, errors.New("data is not a JSON object")
	}
	out, err := canonicalForm.Canonicalize(data)
	if err != nil {
		return nil, fmt.Errorf("data: %w", err)
	}
	return out, nil
}
