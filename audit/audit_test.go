package audit

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestCanonical(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{``, `{}`},
		{`null`, `{}`},
		{` { "b" : 1, "a" : [true, false, null] } `, `{"a":[true,false,null],"b":1}`},
		{`{"z":{"y":1,"x":2}}`, `{"z":{"x":2,"y":1}}`},
		// RFC 8785 §3.2.3: names sorted by UTF-16 code units, so U+1F600
		// (a surrogate pair, D83D…) sorts before U+FB33 though its code
		// point is greater.
		{`{"\ufb33":1,"😀":2,"a":3}`, `{"a":3,"😀":2,"דּ":1}`},
		{`{"s":"\u0041\u00e9\u2028<>&\u001f\t\"\\/"}`, "{\"s\":\"Aé\u2028<>&\\u001f\\t\\\"\\\\/\"}"},
		{`{"n":[1.0,-0,0.5e1,1e21,1E-7,123456789012345678901234567890,-17,3.14159,1e-6]}`,
			`{"n":[1,0,5,1e+21,1e-7,123456789012345678901234567890,-17,3.14159,0.000001]}`},
		{`{"id":9007199254740993}`, `{"id":9007199254740993}`}, // 2^53+1 stays exact
		{`{"kk":"Қазақстан"}`, `{"kk":"Қазақстан"}`},
	} {
		got, err := Canonical([]byte(tc.in))
		if err != nil {
			t.Errorf("%s: %v", tc.in, err)
			continue
		}
		if string(got) != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.in, got, tc.want)
		}
		again, err := Canonical(got)
		if err != nil || string(again) != string(got) {
			t.Errorf("%s: not idempotent: %s, %v", tc.in, again, err)
		}
	}
	for _, bad := range []string{`[]`, `"x"`, `1`, `{"a":1}{}`, `{"a":1,"a":2}`, `{"a":}`, `{"a" 1}`, `{"a":1e999}`, "{\"a\":\"\xff\"}", `{`, `{"a":[1,}`} {
		if got, err := Canonical([]byte(bad)); err == nil {
			t.Errorf("%s: accepted as %s", bad, got)
		}
	}
}

func entry(action, subject, data string, at time.Time) Entry {
	return Entry{At: at, Actor: 3, Action: action, Subject: subject, Data: json.RawMessage(data)}
}

var t0 = time.Date(2026, 3, 1, 9, 30, 0, 123456789, time.FixedZone("Astana", 5*3600))

// TestHashEncoding pins the documented encoding: a hash computed here by
// hand must equal ComputeHash, so that a change to either is noticed (old
// logs would stop verifying).
func TestHashEncoding(t *testing.T) {
	e, err := Next(0, "", entry("application.accepted", "application/42", `{"b":"ә","a":1}`, t0))
	if err != nil {
		t.Fatal(err)
	}
	if e.Seq != 1 || e.PrevHash != GenesisHash || string(e.Data) != `{"a":1,"b":"ә"}` ||
		e.At.Location() != time.UTC || e.At.Nanosecond() != 123456000 {
		t.Fatalf("entry %+v", e)
	}
	var b []byte
	b = append(b, "kasip.audit.v1\x00"...)
	b = append(b, 0, 0, 0, 0, 0, 0, 0, 1) // seq
	at := e.At.UnixMicro()
	for i := 7; i >= 0; i-- {
		b = append(b, byte(at>>(8*i)))
	}
	b = append(b, 0, 0, 0, 0, 0, 0, 0, 3) // actor
	for _, s := range []string{"application.accepted", "application/42", `{"a":1,"b":"ә"}`, GenesisHash} {
		b = append(b, 0, 0, byte(len(s)>>8), byte(len(s)))
		b = append(b, s...)
	}
	sum := sha256.Sum256(b)
	if want := hex.EncodeToString(sum[:]); e.Hash != want {
		t.Errorf("hash %s, by hand %s", e.Hash, want)
	}
	// The value itself, so that a change in Canonical is noticed too.
	if pinned := "4785861e9f8bc0fddced54910e83852f256619db0992b2f383b40a20b11335ad"; e.Hash != pinned {
		t.Errorf("hash %s, want the pinned %s", e.Hash, pinned)
	}
}

func TestNextRejects(t *testing.T) {
	for _, e := range []Entry{
		entry("", "x", `{}`, t0),
		entry("Application.Accepted", "x", `{}`, t0),
		entry("a..b", "x", `{}`, t0),
		entry("a b", "x", `{}`, t0),
		entry("ok", "line\nbreak", `{}`, t0),
		entry("ok", strings.Repeat("x", 201), `{}`, t0),
		entry("ok", "x", `[1]`, t0),
		entry("ok", "x", `{"a":"`+strings.Repeat("x", MaxDataLen)+`"}`, t0),
		entry("ok", "x", `{}`, time.Time{}),
		{Actor: -1, Action: "ok", At: t0},
	} {
		if _, err := Next(0, "", e); err == nil {
			t.Errorf("%+v accepted", e)
		}
	}
}

// chain builds a log of n entries.
func chain(t *testing.T, n int) []Entry {
	t.Helper()
	var out []Entry
	var seq int64
	hash := ""
	for i := range n {
		e, err := Next(seq, hash, entry("application.step", fmt.Sprintf("application/%d", i%5), fmt.Sprintf(`{"i":%d}`, i), t0.Add(time.Duration(i)*time.Second)))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, e)
		seq, hash = e.Seq, e.Hash
	}
	return out
}

// problems returns "seq:kind" for each problem, for comparing.
func problems(es []Entry) []string {
	var out []string
	for _, p := range Verify(slices.Values(es)) {
		out = append(out, fmt.Sprintf("%d:%s", p.Seq, p.Kind))
	}
	return out
}

func TestVerify(t *testing.T) {
	intact := chain(t, 30)
	if got := problems(intact); got != nil {
		t.Fatalf("intact log: %v", got)
	}
	if got := problems(nil); got != nil {
		t.Fatalf("empty log: %v", got)
	}
	edit := func(f func(es []Entry) []Entry) []Entry { return f(slices.Clone(intact)) }
	for _, tc := range []struct {
		name string
		es   []Entry
		want []string
	}{
		{"data changed", edit(func(es []Entry) []Entry {
			es[9].Data = json.RawMessage(`{"i":999}`)
			return es
		}), []string{"10:altered"}},
		{"data made unreadable", edit(func(es []Entry) []Entry {
			es[9].Data = json.RawMessage(`{"i":`)
			return es
		}), []string{"10:altered"}},
		{"actor changed", edit(func(es []Entry) []Entry {
			es[0].Actor = 1
			return es
		}), []string{"1:altered"}},
		{"time changed", edit(func(es []Entry) []Entry {
			es[4].At = es[4].At.Add(time.Microsecond)
			return es
		}), []string{"5:altered"}},
		{"middle deleted", edit(func(es []Entry) []Entry { return slices.Delete(es, 14, 15) }), []string{"15:missing"}},
		{"three deleted", edit(func(es []Entry) []Entry { return slices.Delete(es, 14, 17) }), []string{"15:missing"}},
		{"first deleted", edit(func(es []Entry) []Entry { return es[1:] }), []string{"1:missing"}},
		{"rehashed without fixing the next link", edit(func(es []Entry) []Entry {
			es[19].Data = json.RawMessage(`{"i":-1}`)
			es[19].Hash, _ = es[19].ComputeHash()
			return es
		}), []string{"21:broken-link"}},
		{"contents swapped", edit(func(es []Entry) []Entry {
			es[4], es[11] = es[11], es[4]
			es[4].Seq, es[11].Seq = 5, 12
			return es
		}), []string{"5:altered", "5:broken-link", "6:broken-link", "12:altered", "12:broken-link", "13:broken-link"}},
		{"entries reordered", edit(func(es []Entry) []Entry {
			es[4], es[5] = es[5], es[4]
			return es
		}), []string{"5:missing", "5:out-of-order"}},
		{"entry duplicated", edit(func(es []Entry) []Entry { return slices.Insert(es, 8, es[7]) }), []string{"8:out-of-order"}},
		{"first link", edit(func(es []Entry) []Entry {
			es[0].PrevHash = strings.Repeat("1", 64)
			es[0].Hash, _ = es[0].ComputeHash()
			es[1].PrevHash = es[0].Hash
			es[1].Hash, _ = es[1].ComputeHash()
			es[2].PrevHash = es[1].Hash
			return es
		}), []string{"1:broken-link", "3:altered"}},
	} {
		if got := problems(tc.es); !slices.Equal(got, tc.want) {
			t.Errorf("%s: problems %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestVerifierLast(t *testing.T) {
	es := chain(t, 3)
	var v Verifier
	for _, e := range es {
		v.Add(e)
	}
	if seq, h := v.Last(); seq != 3 || h != es[2].Hash || v.Count() != 3 {
		t.Errorf("last %d %s, count %d", seq, h, v.Count())
	}
	p := Problem{Seq: 4, Kind: Missing, Detail: "entry 4 is missing (deleted)"}
	if p.String() != "seq 4: missing: entry 4 is missing (deleted)" {
		t.Error(p.String())
	}
}

// FuzzCanonical: any input either fails or gives a form that is its own
// canonical form and means the same JSON.
func FuzzCanonical(f *testing.F) {
	for _, s := range []string{`{}`, `{"b":[1,2.50,"x"],"a":{"c":null}}`, `{"n":1e21}`, `{"😀":"\u0000"}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		out, err := Canonical(in)
		if err != nil {
			return
		}
		again, err := Canonical(out)
		if err != nil || string(again) != string(out) {
			t.Fatalf("%q → %q → %q, %v", in, out, again, err)
		}
		if !json.Valid(out) {
			t.Fatalf("%q → invalid JSON %q", in, out)
		}
	})
}
