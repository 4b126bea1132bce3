package audit

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
	"unicode/utf16"
	"unicode/utf8"
)

// Canonical returns the canonical form of a JSON object: the form the
// audit hash covers, so that the same data always hashes alike however it
// was written. It follows RFC 8785 (JSON Canonicalization Scheme):
//
//   - no whitespace between tokens;
//   - object members sorted by their names' UTF-16 code units; a name
//     appearing twice in one object is an error (its meaning is ambiguous);
//   - strings written with the escapes \" \\ \b \f \n \r \t, \u00xx
//     (lower-case hex) for the other control characters, and every other
//     character as itself in UTF-8;
//   - literals true, false, null as such;
//   - numbers as ECMAScript writes a double (1.5, 1e+21, 1e-7),
//
// with one deliberate exception: a number written as an integer (no
// fraction, no exponent) is kept digit for digit ("-0" becomes "0"), so
// that identifiers beyond 2^53 are not rounded. The input must be valid
// UTF-8 and its top level an object; empty or null data is "{}".
func Canonical(data []byte) ([]byte, error) {
	if len(bytes.TrimSpace(data)) == 0 || string(bytes.TrimSpace(data)) == "null" {
		return []byte("{}"), nil
	}
	if !utf8.Valid(data) {
		return nil, errors.New("data is not valid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := parseValue(dec)
	if err != nil {
		return nil, fmt.Errorf("data: %w", err)
	}
	if _, ok := v.(*object); !ok {
		return nil, errors.New("data is not a JSON object")
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("data: more than one JSON value")
	}
	var b bytes.Buffer
	if err := writeValue(&b, v); err != nil {
		return nil, fmt.Errorf("data: %w", err)
	}
	return b.Bytes(), nil
}

// object keeps members in input order until written.
type object struct {
	names []string
	vals  []any
}

type array []any

func parseValue(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			return parseObject(dec)
		case '[':
			var a array
			for dec.More() {
				v, err := parseValue(dec)
				if err != nil {
					return nil, err
				}
				a = append(a, v)
			}
			if _, err := dec.Token(); err != nil { // ]
				return nil, err
			}
			return a, nil
		}
		return nil, fmt.Errorf("unexpected %q", t)
	default: // string, json.Number, bool, nil
		return t, nil
	}
}

func parseObject(dec *json.Decoder) (*object, error) {
	o := &object{}
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		name, ok := tok.(string)
		if !ok {
			return nil, fmt.Errorf("object member name %v is not a string", tok)
		}
		if seen[name] {
			return nil, fmt.Errorf("member %q appears twice in one object", name)
		}
		seen[name] = true
		v, err := parseValue(dec)
		if err != nil {
			return nil, err
		}
		o.names = append(o.names, name)
		o.vals = append(o.vals, v)
	}
	if _, err := dec.Token(); err != nil { // }
		return nil, err
	}
	return o, nil
}

func writeValue(b *bytes.Buffer, v any) error {
	switch v := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(v))
	case string:
		writeString(b, v)
	case json.Number:
		s, err := canonicalNumber(string(v))
		if err != nil {
			return err
		}
		b.WriteString(s)
	case array:
		b.WriteByte('[')
		for i, x := range v {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := writeValue(b, x); err != nil {
				return err
			}
		}
		b.WriteByte(']')
	case *object:
		order := make([]int, len(v.names))
		keys := make([][]uint16, len(v.names))
		for i, n := range v.names {
			order[i] = i
			keys[i] = utf16.Encode([]rune(n))
		}
		slices.SortFunc(order, func(i, j int) int { return slices.Compare(keys[i], keys[j]) })
		b.WriteByte('{')
		for k, i := range order {
			if k > 0 {
				b.WriteByte(',')
			}
			writeString(b, v.names[i])
			b.WriteByte(':')
			if err := writeValue(b, v.vals[i]); err != nil {
				return err
			}
		}
		b.WriteByte('}')
	default:
		return fmt.Errorf("unexpected value %T", v)
	}
	return nil
}

func writeString(b *bytes.Buffer, s string) {
	const hex = "0123456789abcdef"
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 {
				b.WriteString(`\u00`)
				b.WriteByte(hex[r>>4])
				b.WriteByte(hex[r&0xf])
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
}

var integerLiteral = regexp.MustCompile(`^-?(0|[1-9][0-9]*)$`)

func canonicalNumber(lit string) (string, error) {
	if integerLiteral.MatchString(lit) {
		if lit == "-0" {
			return "0", nil
		}
		return lit, nil
	}
	f, err := strconv.ParseFloat(lit, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return "", fmt.Errorf("number %s out of range", lit)
	}
	return es6Number(f), nil
}

// es6Number writes f as ECMAScript's Number.prototype.toString does:
// the shortest digits that read back as f, in fixed notation from 1e-6 up
// to 1e21 and in exponent notation (1e+21, 1.5e-7) outside.
func es6Number(f float64) string {
	if f == 0 {
		return "0" // also for -0
	}
	if a := math.Abs(f); a >= 1e-6 && a < 1e21 {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	s := strconv.FormatFloat(f, 'e', -1, 64) // 1.5e-07, 1e+21
	mant, exp, _ := bytes.Cut([]byte(s), []byte("e"))
	sign, digits := exp[0], bytes.TrimLeft(exp[1:], "0")
	return string(mant) + "e" + string(sign) + string(digits)
}
