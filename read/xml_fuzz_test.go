package read

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/kasip/kasip"
)

// FuzzReadXML feeds the register XML reader arbitrary bytes. Whatever the
// input, it must not panic and must either fail with an *Error or return
// standards whose JSON form marshals.
func FuzzReadXML(f *testing.F) {
	example, err := os.ReadFile(ruExample)
	if err != nil {
		f.Fatal(err)
	}
	s := string(example)
	cut := strings.Index(s, "<ThirdSection>")
	f.Add(example)
	f.Add([]byte(s[:cut]))                                               // truncated
	f.Add([]byte(strings.Replace(s, "</NameTF>", "</Name>", 1)))         // mismatched tags
	f.Add([]byte(strings.Replace(s, "XMLCardInfo", "html", 2)))          // wrong root
	f.Add([]byte("<XMLCardInfo>" + strings.Repeat("<a>", 100)))          // nesting
	f.Add([]byte("<XMLCardInfo><ProfessionalStandarts/></XMLCardInfo>")) // no standard
	f.Add([]byte("<XMLCardInfo><ProfessionalStandart>x<a b='c'>-</a></ProfessionalStandart></XMLCardInfo>"))
	f.Add([]byte("\xff\xfe<\x00X\x00")) // odd UTF-16
	f.Add([]byte("<?xml version=\"1.0\" encoding=\"windows-1251\"?><XMLCardInfo>\xcf\xf0</XMLCardInfo>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		sts, err := Read("fuzz.xml", data, Options{Format: FormatXML})
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v (%T) is not an *Error", err, err)
			}
			return
		}
		if len(sts) == 0 {
			t.Fatal("no standards and no error")
		}
		for _, st := range sts {
			checkFuzzedStandard(t, st)
		}
	})
}

func checkFuzzedStandard(t *testing.T, st *kasip.Standard) {
	t.Helper()
	if _, err := json.Marshal(st); err != nil {
		t.Fatalf("JSON: %v", err)
	}
	for _, u := range st.Unplaced {
		if u.Text == "" {
			t.Fatalf("empty unplaced text at %+v", u.Origin)
		}
	}
	for _, c := range st.Cards {
		for _, fn := range c.Functions {
			for _, it := range append(append(fn.Actions, fn.Abilities...), fn.Knowledge...) {
				if s := it.Text.Get("ru"); s == "" || s == "-" {
					t.Fatalf("empty item at %+v", it.Origin)
				}
			}
		}
	}
}
