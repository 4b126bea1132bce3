// Package jcs is the RFC 8785 JSON Canonicalization Scheme (JCS), written
// on encoding/json: the one canonical form of JSON in Kasip, under the
// proofs of credentials and the hashes of the audit log.
//
// A signature over JSON needs one byte sequence per JSON value. JCS fixes it: no insignificant
// white space, object members sorted by the UTF-16 code units of their names, strings with a
// minimal escaping, and numbers written the way ECMAScript's Number.prototype.toString writes
// IEEE 754 doubles (RFC 8785 §3.2.2.3). Input must be I-JSON (RFC 7493): valid UTF-8, no lone
// surrogates, no duplicate member names, numbers within binary64 — anything else is refused
// rather than silently "fixed", because a canonicaliser that repairs input lets two different
// documents share one signature.
package jcs

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Canonicalize returns the RFC 8785 canonical form of the JSON text data.
func Canonicalize(data []byte) ([]byte, error) { return Options{}.Canonicalize(data) }

// Options bend the scheme where a caller needs to.
type Options struct {
	// ExactIntegers keeps a number written as an integer (no fraction,
	// no exponent) digit for digit ("-0" becomes "0") instead of writing
	// the double it rounds to, so that identifiers beyond 2^53 survive.
	// The audit log's hashes cover this form.
	ExactIntegers bool
}

// Canonicalize returns the canonical form of the JSON text data, with o's
// exceptions.
func (o Options) Canonicalize(data []byte) ([]byte, error) {
	v, err := o.parseJSON(data)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := o.write(&b, v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Parse decodes data strictly as I-JSON (see Canonicalize) into the
// values Marshal takes, so that what is checked is what is signed.
func Parse(data []byte) (any, error) { return Options{}.parseJSON(data) }

// Marshal returns the canonical form of a value built in Go from
// map[string]any, []any, string, json.Number, float64, int, bool and nil.
func Marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	if err := (Options{}).write(&b, v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// parseJSON decodes data strictly as I-JSON into map[string]any, []any, string, json.Number,
// bool and nil. encoding/json alone would accept duplicate names (last one wins) and replace
// invalid UTF-8 and lone surrogate escapes with U+FFFD; each of those is an error here.
func (o Options) parseJSON(data []byte) (any, error) {
	if !json.Valid(data) {
		// Decode once more only to get encoding/json's description of what is wrong.
		var v any
		if err := json.Unmarshal(data, &v); err != nil {
			return nil, fmt.Errorf("invalid JSON: %w", err)
		}
		return nil, errors.New("invalid JSON")
	}
	if !utf8.Valid(data) {
		return nil, errors.New("invalid JSON: not valid UTF-8")
	}
	if err := checkSurrogates(data); err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := o.decodeValue(dec)
	if err != nil {
		return nil, fmt.Errorf("invalid JSON: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("invalid JSON: data after the top-level value")
	}
	return v, nil
}

// decodeValue reads one value from dec, which has already been checked by json.Valid.
func (o Options) decodeValue(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		if t == '{' {
			return o.decodeObject(dec)
		}
		return o.decodeArray(dec)
	case json.Number:
		if o.exact(t) {
			return t, nil
		}
		if _, err := parseNumber(t); err != nil {
			return nil, err
		}
		return t, nil
	default: // string, bool, nil
		return t, nil
	}
}

func (o Options) decodeObject(dec *json.Decoder) (map[string]any, error) {
	obj := map[string]any{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		name, ok := tok.(string)
		if !ok {
			return nil, fmt.Errorf("object member name %v is not a string", tok)
		}
		if _, dup := obj[name]; dup {
			return nil, fmt.Errorf("duplicate member name %q", name)
		}
		v, err := o.decodeValue(dec)
		if err != nil {
			return nil, err
		}
		obj[name] = v
	}
	_, err := dec.Token() // the closing '}'
	return obj, err
}

func (o Options) decodeArray(dec *json.Decoder) ([]any, error) {
	arr := []any{}
	for dec.More() {
		v, err := o.decodeValue(dec)
		if err != nil {
			return nil, err
		}
		arr = append(arr, v)
	}
	_, err := dec.Token() // the closing ']'
	return arr, err
}

// checkSurrogates rejects \uD800–\uDFFF escapes that do not form a high-low pair: they encode no
// Unicode scalar value, and encoding/json would turn them into U+FFFD without a word.
// data is valid JSON, so every \u is followed by four hex digits.
func checkSurrogates(data []byte) error {
	inString := false
	pendingHigh := false // the previous escape was a high surrogate
	for i := 0; i < len(data); i++ {
		c := data[i]
		if !inString {
			inString = c == '"'
			continue
		}
		if c != '\\' {
			if pendingHigh {
				return errors.New("invalid JSON: lone surrogate in string escape")
			}
			inString = c != '"'
			continue
		}
		i++
		if data[i] != 'u' {
			if pendingHigh {
				return errors.New("invalid JSON: lone surrogate in string escape")
			}
			continue
		}
		r, _ := strconv.ParseUint(string(data[i+1:i+5]), 16, 16)
		i += 4
		switch {
		case r >= 0xD800 && r < 0xDC00:
			if pendingHigh {
				return errors.New("invalid JSON: lone surrogate in string escape")
			}
			pendingHigh = true
		case r >= 0xDC00 && r < 0xE000:
			if !pendingHigh {
				return errors.New("invalid JSON: lone surrogate in string escape")
			}
			pendingHigh = false
		default:
			if pendingHigh {
				return errors.New("invalid JSON: lone surrogate in string escape")
			}
		}
	}
	return nil
}

// parseNumber converts a JSON number to the IEEE 754 double it denotes, refusing numbers outside
// the binary64 range (I-JSON §2.2).
func parseNumber(n json.Number) (float64, error) {
	f, err := strconv.ParseFloat(string(n), 64)
	if err != nil || math.IsInf(f, 0) {
		return 0, fmt.Errorf("number %s is outside the IEEE 754 double range", n)
	}
	return f, nil
}

// integerLiteral is a JSON number written as an integer.
var integerLiteral = regexp.MustCompile(`^-?(0|[1-9][0-9]*)$`)

// exact reports whether n is written as it is (Options.ExactIntegers).
func (o Options) exact(n json.Number) bool {
	return o.ExactIntegers && integerLiteral.MatchString(string(n))
}

// write serialises a decoded value (or one built in Go from the same
// kinds, plus float64 and int) as JCS.
func (o Options) write(b *bytes.Buffer, v any) error {
	switch t := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(t))
	case string:
		return writeString(b, t)
	case json.Number:
		if o.exact(t) {
			if t == "-0" {
				t = "0"
			}
			b.WriteString(string(t))
			return nil
		}
		f, err := parseNumber(t)
		if err != nil {
			return err
		}
		return writeNumber(b, f)
	case float64:
		return writeNumber(b, t)
	case int:
		return writeNumber(b, float64(t))
	case []any:
		return o.writeArray(b, t)
	case map[string]any:
		return o.writeObject(b, t)
	default:
		return fmt.Errorf("jcs: cannot canonicalise a %T", v)
	}
	return nil
}

func (o Options) writeArray(b *bytes.Buffer, arr []any) error {
	b.WriteByte('[')
	for i, e := range arr {
		if i > 0 {
			b.WriteByte(',')
		}
		if err := o.write(b, e); err != nil {
			return err
		}
	}
	b.WriteByte(']')
	return nil
}

func (o Options) writeObject(b *bytes.Buffer, obj map[string]any) error {
	b.WriteByte('{')
	for i, name := range sortedNames(obj) {
		if i > 0 {
			b.WriteByte(',')
		}
		if err := writeString(b, name); err != nil {
			return err
		}
		b.WriteByte(':')
		if err := o.write(b, obj[name]); err != nil {
			return err
		}
	}
	b.WriteByte('}')
	return nil
}

// sortedNames orders member names by their UTF-16 code units (RFC 8785 §3.2.3), which differs
// from Go's byte order for characters above U+FFFF against U+E000–U+FFFF.
func sortedNames(obj map[string]any) []string {
	type key struct {
		name  string
		units []uint16
	}
	keys := make([]key, 0, len(obj))
	for name := range obj {
		keys = append(keys, key{name, utf16.Encode([]rune(name))})
	}
	slices.SortFunc(keys, func(a, b key) int { return slices.Compare(a.units, b.units) })
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = k.name
	}
	return names
}

// writeString writes s with the JCS escaping (RFC 8785 §3.2.2.2, ECMAScript JSON.stringify):
// the two-character escapes for \b \t \n \f \r " and \, \u00xx (lower-case hex) for the other
// controls, and every other character as itself in UTF-8.
func writeString(b *bytes.Buffer, s string) error {
	if !utf8.ValidString(s) {
		return errors.New("jcs: string is not valid UTF-8")
	}
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '\b':
			b.WriteString(`\b`)
		case '\t':
			b.WriteString(`\t`)
		case '\n':
			b.WriteString(`\n`)
		case '\f':
			b.WriteString(`\f`)
		case '\r':
			b.WriteString(`\r`)
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		default:
			if r < 0x20 {
				fmt.Fprintf(b, `\u%04x`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return nil
}

func writeNumber(b *bytes.Buffer, f float64) error {
	s, err := formatNumber(f)
	if err != nil {
		return err
	}
	b.WriteString(s)
	return nil
}

// formatNumber writes f as ECMAScript's Number::toString does (ECMA-262 §6.1.6.1.20, the rule
// RFC 8785 §3.2.2.3 adopts). NaN and infinities have no JSON form and are an error.
func formatNumber(f float64) (string, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "", fmt.Errorf("jcs: %v has no JSON representation", f)
	}
	if f == 0 { // also -0, which ECMAScript prints as "0"
		return "0", nil
	}
	if f < 0 {
		s, err := formatNumber(-f)
		return "-" + s, err
	}
	// Go's shortest round-trip formatting yields the same digits ECMAScript requires: the fewest
	// digits k that read back as f, and of those the closest to f. 'e' format gives them as
	// d.ddd…e±x; ECMAScript's n is the decimal exponent plus one.
	mant, exp, _ := strings.Cut(strconv.FormatFloat(f, 'e', -1, 64), "e")
	digits := strings.Replace(mant, ".", "", 1)
	e, err := strconv.Atoi(exp)
	if err != nil {
		return "", fmt.Errorf("jcs: formatting %v: %w", f, err)
	}
	return layoutNumber(digits, e+1), nil
}

// layoutNumber places the significant digits (no leading or trailing zeros) for a value of
// digits × 10^(n−k), following the cases of Number::toString.
func layoutNumber(digits string, n int) string {
	k := len(digits)
	switch {
	case k <= n && n <= 21: // an integer: the digits then n−k zeros
		return digits + strings.Repeat("0", n-k)
	case 0 < n && n <= 21: // a decimal point inside the digits
		return digits[:n] + "." + digits[n:]
	case -6 < n && n <= 0: // 0.000ddd
		return "0." + strings.Repeat("0", -n) + digits
	}
	exp := n - 1
	sign := "+"
	if exp < 0 {
		sign = "-"
		exp = -exp
	}
	mant := digits[:1]
	if k > 1 {
		mant += "." + digits[1:]
	}
	return mant + "e" + sign + strconv.Itoa(exp)
}
