package schematest_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/internal/schematest"
)

func minimal(code string) *kasip.Standard {
	s := &kasip.Standard{
		Family: "kz",
		Code:   code,
		Title:  kasip.Text{"kk": "Стандарт"},
		Cards: []kasip.Card{{
			Title: kasip.Text{"kk": "Маман"},
			Level: 5,
			Codes: []string{"3412-0-003"},
			Functions: []kasip.Function{{
				Title:     kasip.Text{"kk": "Функция"},
				Mandatory: true,
				Skills:    []kasip.Skill{{Title: kasip.Text{"kk": "Дағды"}}},
			}},
		}},
		Sources: []kasip.Source{{File: "a.txt", Format: "kz-text", SHA256: strings.Repeat("ab", 32), Size: 10, Encoding: "utf-8"}},
	}
	s.Finalize()
	return s
}

func marshal(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestPath(t *testing.T) {
	p, err := schematest.Path()
	if err != nil {
		t.Fatal(err)
	}
	if !filepath.IsAbs(p) || !strings.HasSuffix(filepath.ToSlash(p), schematest.SchemaFile) {
		t.Errorf("Path() = %q, want an absolute path ending in %s", p, schematest.SchemaFile)
	}
	if _, err := os.Stat(p); err != nil {
		t.Error(err)
	}
	if _, err := schematest.Schema(); err != nil {
		t.Fatal(err)
	}
}

func TestCheck(t *testing.T) {
	one := marshal(t, minimal("M84120"))
	two := marshal(t, []*kasip.Standard{minimal("M84120"), minimal("I55101015")})
	for name, data := range map[string][]byte{"object": one, "array": two} {
		if err := schematest.Check(data); err != nil {
			t.Errorf("%s: valid standard(s) rejected: %v", name, err)
		}
	}

	bad := map[string][]byte{
		"not JSON":             []byte(`{"code":`),
		"empty array":          []byte(`[]`),
		"string":               []byte(`"M84120"`),
		"null":                 []byte(`null`),
		"empty object":         []byte(`{}`),
		"Cyrillic code":        marshal(t, minimal("М84120")),
		"one bad in an array":  marshal(t, []*kasip.Standard{minimal("M84120"), minimal("М84120")}),
		"unfinalized standard": marshal(t, &kasip.Standard{Family: "kz", Code: "X"}),
	}
	for name, data := range bad {
		err := schematest.Check(data)
		if err == nil {
			t.Errorf("%s: invalid input accepted: %s", name, data)
			continue
		}
		t.Logf("%s: %v", name, firstLine(err.Error()))
	}

	// The error for an array names the failing element.
	err := schematest.Check(bad["one bad in an array"])
	if err == nil || !strings.Contains(err.Error(), "standard [1]") || strings.Contains(err.Error(), "standard [0]") {
		t.Errorf("array error should name element [1] only, got: %v", err)
	}
}

// recorder is a testing.TB that records failures instead of failing.
type recorder struct {
	testing.TB
	failed bool
	msg    string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.failed = true
	r.msg = fmt.Sprintf(format, args...)
}
func (r *recorder) Fatalf(format string, args ...any) { r.Errorf(format, args...) }

func TestValidate(t *testing.T) {
	schematest.Validate(t, marshal(t, minimal("M84120")))

	r := &recorder{TB: t}
	schematest.Validate(r, []byte(`{"code": 1}`))
	if !r.failed {
		t.Fatal("Validate did not report an invalid standard")
	}
	if !strings.Contains(r.msg, schematest.SchemaFile) {
		t.Errorf("message should name the schema file: %s", r.msg)
	}
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
