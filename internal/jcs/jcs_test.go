package jcs

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// TestJCSRFC8785Example is the worked example of RFC 8785 §3.2.2: numbers, string escapes and
// literals, with the output given in §3.2.3 and its UTF-8 bytes in §3.2.4.
func TestJCSRFC8785Example(t *testing.T) {
	in := `{
  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
  "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
  "literals": [null, true, false]
}`
	want := `{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`
	got, err := Canonicalize([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	// §3.2.4: the € is the three bytes e2 82 ac, and nothing is escaped beyond the rules.
	wantHex := "7b226c69746572616c73223a5b6e756c6c2c747275652c66616c73655d2c226e756d62657273223a5b" +
		"3333333333333333332e333333333333332c31652b33302c342e352c302e3030322c31652d32375d2c22" +
		"737472696e67223a22e282ac245c75303030665c6e4127425c225c5c5c5c5c222f227d"
	if hex.EncodeToString(got) != wantHex {
		t.Errorf("UTF-8 bytes\n got %x\nwant %s", got, wantHex)
	}
}

// TestJCSRFC8785Sorting is the property-sorting example of RFC 8785 §3.2.3: names compare by
// UTF-16 code units, so U+1F600 (a surrogate pair, D83D DE00) sorts before U+FB33.
func TestJCSRFC8785Sorting(t *testing.T) {
	in := `{
  "\u20ac": "Euro Sign",
  "\r": "Carriage Return",
  "\ufb33": "Hebrew Letter Dalet With Dagesh",
  "1": "One",
  "\ud83d\ude00": "Emoji: Grinning Face",
  "\u0080": "Control",
  "\u00f6": "Latin Small Letter O With Diaeresis"
}`
	want := "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\"," +
		"\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\"," +
		"\"\U0001F600\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}"
	got, err := Canonicalize([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// TestJCSRFC8785Numbers is the table of RFC 8785 Appendix B: IEEE 754 doubles (as hex) and
// their ECMAScript form.
func TestJCSRFC8785Numbers(t *testing.T) {
	for _, c := range []struct{ bits, want string }{
		{"0000000000000000", "0"},
		{"8000000000000000", "0"},
		{"0000000000000001", "5e-324"},
		{"8000000000000001", "-5e-324"},
		{"7fefffffffffffff", "1.7976931348623157e+308"},
		{"ffefffffffffffff", "-1.7976931348623157e+308"},
		{"4340000000000000", "9007199254740992"},
		{"c340000000000000", "-9007199254740992"},
		{"4430000000000000", "295147905179352830000"},
		{"44b52d02c7e14af5", "9.999999999999997e+22"},
		{"44b52d02c7e14af6", "1e+23"},
		{"44b52d02c7e14af7", "1.0000000000000001e+23"},
		{"444b1ae4d6e2ef4e", "999999999999999700000"},
		{"444b1ae4d6e2ef4f", "999999999999999900000"},
		{"444b1ae4d6e2ef50", "1e+21"},
		{"3eb0c6f7a0b5ed8c", "9.999999999999997e-7"},
		{"3eb0c6f7a0b5ed8d", "0.000001"},
		{"41b3de4355555553", "333333333.3333332"},
		{"41b3de4355555554", "333333333.33333325"},
		{"41b3de4355555555", "333333333.3333333"},
		{"41b3de4355555556", "333333333.3333334"},
		{"41b3de4355555557", "333333333.33333343"},
		{"becbf647612f3696", "-0.0000033333333333333333"},
		{"43143ff3c1cb0959", "1424953923781206.2"},
	} {
		raw, err := hex.DecodeString(c.bits)
		if err != nil {
			t.Fatal(err)
		}
		f := math.Float64frombits(binary.BigEndian.Uint64(raw))
		got, err := formatNumber(f)
		if err != nil || got != c.want {
			t.Errorf("%s: %q (%v), want %q", c.bits, got, err, c.want)
		}
		// The same through JSON text: the shortest round-trip form parses back to f.
		viaJSON, err := Canonicalize([]byte("[" + got + "]"))
		if err != nil || string(viaJSON) != "["+c.want+"]" {
			t.Errorf("%s via JSON: %s (%v)", c.bits, viaJSON, err)
		}
	}
	// The two Appendix B values with no JSON form.
	for _, bits := range []uint64{0x7fffffffffffffff, 0x7ff0000000000000} {
		if s, err := formatNumber(math.Float64frombits(bits)); err == nil {
			t.Errorf("%x: %q, want an error", bits, s)
		}
	}
}

func TestJCSNumberLayout(t *testing.T) {
	for in, want := range map[string]string{
		"100": "100", "-0": "0", "0.0": "0", "1e21": "1e+21", "1e20": "100000000000000000000",
		"123e-20": "1.23e-18", "1e-7": "1e-7", "0.0000012": "0.0000012", "1.5e300": "1.5e+300",
		"12345678901234567890": "12345678901234567000", "-1.25": "-1.25", "5E-1": "0.5",
	} {
		got, err := Canonicalize([]byte(in))
		if err != nil || string(got) != want {
			t.Errorf("%s: %s (%v), want %s", in, got, err, want)
		}
	}
}

func TestJCSStrings(t *testing.T) {
	in := "[\"\\u0000\\u001f\\b\\t\\n\\f\\r\\\"\\\\\\/\\u007f\\u2028<>&\\u00e9\"]"
	want := "[\"\\u0000\\u001f\\b\\t\\n\\f\\r\\\"\\\\/\u007f\u2028<>&é\"]"
	got, err := Canonicalize([]byte(in))
	if err != nil || string(got) != want {
		t.Errorf("got %s (%v)\nwant %s", got, err, want)
	}
}

func TestJCSRejectsNonIJSON(t *testing.T) {
	for name, in := range map[string]string{
		"duplicate":         `{"a":1,"a":2}`,
		"escaped duplicate": `{"a":1,"\u0061":2}`,
		"nested duplicate":  `[{"x":{"b":1,"b":1}}]`,
		"lone high":         `["\ud800"]`,
		"lone low":          `["\udc00x"]`,
		"high then escape":  `["\ud800\n"]`,
		"reversed pair":     `["\ude00\ud83d"]`,
		"invalid UTF-8":     "[\"\xff\"]",
		"overflow":          `[1e400]`,
		"trailing":          `{} {}`,
		"syntax":            `{"a":}`,
		"empty":             ``,
	} {
		if got, err := Canonicalize([]byte(in)); err == nil {
			t.Errorf("%s: %s, want an error", name, got)
		}
	}
	// A well-formed pair and an escaped backslash before "u" are fine.
	for _, in := range []string{`["\ud83d\ude00"]`, `["\\ud800"]`} {
		if _, err := Canonicalize([]byte(in)); err != nil {
			t.Errorf("%s: %v", in, err)
		}
	}
}

func FuzzJCS(f *testing.F) {
	for _, s := range []string{
		`{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001]}`,
		`{"\u20ac":1,"\r":2,"\ufb33":3,"1":4,"\ud83d\ude00":5,"\u0080":6}`,
		`[null,true,false,"\u0000\"\\",-0,1e-7,1e21]`,
		`{"a":{"b":[{},[]]}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		out, err := Canonicalize(data)
		if err != nil {
			return
		}
		if !json.Valid(out) {
			t.Fatalf("invalid JSON out: %q", out)
		}
		again, err := Canonicalize(out)
		if err != nil || !bytes.Equal(again, out) {
			t.Fatalf("not idempotent: %q → %q (%v)", out, again, err)
		}
		// Controls inside strings are escaped and white space between tokens is dropped.
		if bytes.ContainsAny(out, "\n\t\r") {
			t.Fatalf("raw white space in %q", out)
		}
	})
}

// TestExactIntegers: the audit log's exception keeps integers digit for
// digit and leaves every other number, and the strict form, as RFC 8785.
func TestExactIntegers(t *testing.T) {
	in := []byte(`{"id":12345678901234567890123,"z":-0,"n":-42,"f":1.50,"e":1E3,"huge":1` + strings.Repeat("0", 400) + `}`)
	got, err := Options{ExactIntegers: true}.Canonicalize(in)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"e":1000,"f":1.5,"huge":1` + strings.Repeat("0", 400) + `,"id":12345678901234567890123,"n":-42,"z":0}`
	if string(got) != want {
		t.Errorf("exact integers:\n got %s\nwant %s", got, want)
	}
	if _, err := Canonicalize(in); err == nil {
		t.Error("the strict form took a number beyond the double range")
	}
	strict, err := Canonicalize([]byte(`{"id":12345678901234567890123}`))
	if err != nil || string(strict) != `{"id":1.2345678901234568e+22}` {
		t.Errorf("strict: %s, %v", strict, err)
	}
}
