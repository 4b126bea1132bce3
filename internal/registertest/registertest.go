// Package registertest builds Russian register exports holding several
// standards, as the register writes them, for tests of the readers, the
// store, the command line and the API.
package registertest

import (
	"os"
	"strings"
	"testing"
)

const (
	head = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<XMLCardInfo xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\">\n<ProfessionalStandarts>\n"
	tail = "</ProfessionalStandarts>\n</XMLCardInfo>\n"
	open = "<ProfessionalStandart>"
	shut = "</ProfessionalStandart>"
)

// File returns a register export holding the <ProfessionalStandart>
// elements of the given single-standard register documents, one a line;
// edit, when set, may change the element taken from each path.
func File(t testing.TB, paths []string, edit func(path, element string) string) []byte {
	t.Helper()
	var b strings.Builder
	b.WriteString(head)
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		s := string(data)
		i, j := strings.Index(s, open), strings.LastIndex(s, shut)
		if i < 0 || j < i {
			t.Fatalf("%s: no %s element", p, open)
		}
		el := s[i : j+len(shut)]
		if edit != nil {
			el = edit(p, el)
		}
		b.WriteString(el + "\n")
	}
	b.WriteString(tail)
	return []byte(b.String())
}

// Rename returns an edit that replaces the title of the standard read from
// path, as a new edition in the register would.
func Rename(path, from, to string) func(p, el string) string {
	return func(p, el string) string {
		if p != path {
			return el
		}
		return strings.Replace(el, "<NameProfessionalStandart>"+from, "<NameProfessionalStandart>"+to, 1)
	}
}
