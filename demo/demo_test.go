package demo_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/demo"
	"github.com/kasip/kasip/internal/schematest"
	"github.com/kasip/kasip/read"
)

// The three Kazakh-template documents: both seeds and the Russian-language
// version of seed 004.
var kzBase = []string{
	"../testdata/seeds/000_78fd8bd149563dd7.txt",
	"../testdata/seeds/004_0389e6b855ff2fb2.txt",
	"../testdata/kz/ru_template_M84120.txt",
}

const ruBase = "../testdata/ru/PS_06.001_reg4.xml"

func load(t testing.TB, paths ...string) []*kasip.Standard {
	t.Helper()
	var out []*kasip.Standard
	for _, p := range paths {
		sts, err := read.ReadFile(p, read.Options{})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, sts...)
	}
	return out
}

func encode(t testing.TB, v any) []byte {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestGenerateCount(t *testing.T) {
	base := load(t, kzBase...)
	for _, n := range []int{0, 1, 2, 7, 50} {
		if got := len(demo.Generate(base, n, 1)); got != n {
			t.Errorf("Generate(%d): %d standards", n, got)
		}
	}
	if got := demo.Generate(nil, 5, 1); len(got) != 0 {
		t.Errorf("no base: %d standards", len(got))
	}
}

func TestGenerateDeterministic(t *testing.T) {
	base := load(t, kzBase...)
	before := encode(t, base)
	a, b := encode(t, demo.Generate(base, 40, 7)), encode(t, demo.Generate(base, 40, 7))
	if !bytes.Equal(a, b) {
		t.Error("the same seed gave different standards")
	}
	if c := encode(t, demo.Generate(base, 40, 8)); bytes.Equal(a, c) {
		t.Error("another seed gave the same standards")
	}
	if !bytes.Equal(encode(t, base), before) {
		t.Error("Generate modified the base standards")
	}
}

// TestGenerateCodes: every generated code is in the reserved demo range,
// names its base, fails the real-code check (so it can never be the code of
// a real standard), and is shared only by the versions of one variant. The
// base codes, all real, pass the check.
func TestGenerateCodes(t *testing.T) {
	base := load(t, append(kzBase, ruBase)...)
	baseCodes := map[string]bool{}
	for _, b := range base {
		baseCodes[b.Code] = true
		if !demo.IsRealCode(b.Code) || demo.IsDemoCode(b.Code) {
			t.Errorf("real code %s: IsRealCode %v, IsDemoCode %v", b.Code, demo.IsRealCode(b.Code), demo.IsDemoCode(b.Code))
		}
	}
	out := demo.Generate(base, 1000, 3)
	versions := map[string][]string{}
	for i, s := range out {
		if baseCodes[s.Code] {
			t.Errorf("[%d] %s: the code of a real standard", i, s.Code)
		}
		if demo.IsRealCode(s.Code) || !demo.IsDemoCode(s.Code) {
			t.Errorf("[%d] %s: not in the reserved range, or passes the real-code check", i, s.Code)
		}
		if norm, _ := kasip.NormalizeCode(s.Code); demo.IsRealCode(norm) {
			t.Errorf("[%d] %s: normalized, a real code", i, s.Code)
		}
		if b, ok := demo.BaseCode(s.Code); !ok || !baseCodes[b] {
			t.Errorf("[%d] %s: base %q, %v", i, s.Code, b, ok)
		}
		versions[s.Code] = append(versions[s.Code], s.VersionKey())
	}
	second := 0
	for code, vs := range versions {
		switch {
		case len(vs) == 2 && vs[0] != vs[1]:
			second++
		case len(vs) != 1:
			t.Errorf("%s: versions %v; want one, or two different ones", code, vs)
		}
	}
	if second < 100 || second > 500 {
		t.Errorf("%d of %d codes have a second version; want some, not all", second, len(versions))
	}
	// Codes once generated in the real register's range must fail too.
	for _, c := range []string{"06.002", "M84121", "I55101016"} {
		if !demo.IsRealCode(c) {
			t.Errorf("%s: a real code's shape rejected", c)
		}
	}
}

// TestGenerateMarked: every variant says it is generated, in its flag, its
// title in every language and its source.
func TestGenerateMarked(t *testing.T) {
	out := demo.Generate(load(t, append(kzBase, ruBase)...), 60, 5)
	for _, s := range out {
		if !s.Generated {
			t.Errorf("%s: Generated not set", s.Code)
		}
		if len(s.Title) == 0 {
			t.Errorf("%s: no title", s.Code)
		}
		for l, title := range s.Title {
			if !strings.HasSuffix(title, demo.TitleSuffix[l]) || demo.TitleSuffix[l] == "" {
				t.Errorf("%s: title in %s not marked: %q", s.Code, l, title)
			}
		}
		if len(s.Sources) != 1 || s.Sources[0].File != demo.SourcePrefix+s.Code {
			t.Errorf("%s: sources %+v", s.Code, s.Sources)
			continue
		}
		doc := demo.Document(s)
		if sum := sha256.Sum256(doc); s.Sources[0].SHA256 != hex.EncodeToString(sum[:]) || s.Sources[0].Size != int64(len(doc)) {
			t.Errorf("%s: source %s (%d bytes) does not describe its document (%x, %d bytes)", s.Code, s.Sources[0].SHA256, s.Sources[0].Size, sum, len(doc))
		}
		if h := demo.Hash(s); h != s.Sources[0].SHA256 {
			t.Errorf("%s: Hash %s, source %s", s.Code, h, s.Sources[0].SHA256)
		}
		if s.Order != nil || s.RegistrationNumber != "" {
			t.Errorf("%s: keeps the real act's order or register number", s.Code)
		}
	}
	hashes := map[string]bool{}
	for _, s := range out {
		hashes[s.Sources[0].SHA256] = true
	}
	if len(hashes) != len(out) {
		t.Errorf("%d distinct hashes for %d standards", len(hashes), len(out))
	}
}

func TestGenerateSchema(t *testing.T) {
	for _, s := range demo.Generate(load(t, append(kzBase, ruBase)...), 80, 11) {
		schematest.Validate(t, encode(t, s))
	}
}

// TestGenerateVaries: variants differ from their base beyond code and title,
// second versions differ from the first, and cards get renamed.
func TestGenerateVaries(t *testing.T) {
	base := load(t, kzBase...)
	out := demo.Generate(base, 60, 2)
	renamed, edited, versions := 0, 0, 0
	for i, s := range out {
		if i > 0 && out[i-1].Code == s.Code {
			versions++
			d := kasip.Diff(out[i-1], s)
			if !hasChange(d, "technical.version") || len(d) < 3 {
				t.Errorf("%s v%s: diff with the previous version: %v", s.Code, s.VersionKey(), d)
			}
			continue
		}
		b := baseOf(base, s)
		if b == nil {
			t.Fatalf("%s: no base of its shape and title", s.Code)
		}
		d := kasip.Diff(b, s)
		if len(d) > 2 {
			edited++
		}
		for _, c := range d {
			if strings.HasPrefix(c.Path, "cards[") && strings.HasSuffix(c.Path, "].title") {
				renamed++
			}
		}
	}
	if versions == 0 || edited < len(out)/2 || renamed == 0 {
		t.Errorf("versions %d, edited %d, renamed cards %d of %d standards", versions, edited, renamed, len(out))
	}
}

func baseOf(base []*kasip.Standard, s *kasip.Standard) *kasip.Standard {
	for _, b := range base {
		for l, title := range b.Title {
			if s.Title[l] == title+demo.TitleSuffix[l] {
				return b
			}
		}
	}
	return nil
}

func hasChange(cs []kasip.Change, path string) bool {
	for _, c := range cs {
		if c.Path == path {
			return true
		}
	}
	return false
}

// BenchmarkGenerate1000 generates 1,000 standards from the three
// Kazakh-template documents.
func BenchmarkGenerate1000(b *testing.B) {
	base := load(b, kzBase...)
	for b.Loop() {
		if out := demo.Generate(base, 1000, 1); len(out) != 1000 {
			b.Fatal(len(out))
		}
	}
}
