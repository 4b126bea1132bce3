package lint

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/kasip/kasip"
)

// report collects the findings of one rule on one standard.
type report struct {
	st    *kasip.Standard
	rule  string
	sev   Severity // severity of the rule's notes
	found []Finding
}

func newReport(st *kasip.Standard, rule string, sev Severity) *report {
	return &report{st: st, rule: rule, sev: sev}
}

// add records a finding at path, pointing at origin o in the source.
func (r *report) add(sev Severity, path string, o kasip.Origin, format string, args ...any) {
	r.found = append(r.found, Finding{
		Rule: r.rule, Severity: sev, Message: fmt.Sprintf(format, args...),
		Path: path, Source: sourceOf(r.st, o),
	})
}

// done merges the reader's notes for this rule with the rule's own findings.
// The reader saw the raw text, so its note is the more precise account: an
// own finding about the same place (same line, same or enclosing path) is
// dropped, not repeated. Findings on other lines under the same path (a
// glued label on one line, glued words in a list below it) are kept.
func (r *report) done() []Finding {
	var notes []Finding
	for _, n := range r.st.Notes {
		if n.Rule == r.rule {
			notes = append(notes, Finding{Rule: r.rule, Severity: r.sev, Message: n.Message, Path: n.Path, Source: sourceOf(r.st, n.Origin)})
		}
	}
	out := notes
	for _, f := range r.found {
		if !coveredByNote(notes, f) {
			out = append(out, f)
		}
	}
	return out
}

// coveredByNote reports whether a note is about the same place as f.
func coveredByNote(notes []Finding, f Finding) bool {
	for _, n := range notes {
		if n.Source == f.Source && (n.Path == f.Path || within(f.Path, n.Path) || within(n.Path, f.Path)) {
			return true
		}
	}
	return false
}

// within reports whether path lies inside the value at outer.
func within(path, outer string) bool {
	return strings.HasPrefix(path, outer+"[") || strings.HasPrefix(path, outer+".")
}

// sourceOf resolves an origin to the file name and line a person can open.
func sourceOf(st *kasip.Standard, o kasip.Origin) SourceRef {
	ref := SourceRef{Line: o.Line, Element: o.Element}
	if o.Source >= 0 && o.Source < len(st.Sources) {
		ref.File = st.Sources[o.Source].File
	}
	return ref
}

// text returns t in the standard's own language, so messages quote what the
// author wrote.
func (r *report) text(t kasip.Text) string { return t.Best(r.st.Languages...) }

// quoteMax is how much of a text a message quotes.
const quoteMax = 80

// quote returns s with runs of space collapsed, shortened to quoteMax
// characters, in double quotes: enough for the author to find the place.
func quote(s string) string { return quoteN(s, quoteMax) }

// quoteN is quote with room for n characters; names of cards and functions
// inside longer messages get less.
func quoteN(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		s = strings.TrimSpace(string(r[:n-1])) + "…"
	}
	return `"` + s + `"`
}

// norm reduces a title to its words: lower case, punctuation and quotes
// dropped, spaces collapsed. Titles that differ only in these are the same.
func norm(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		} else {
			b.WriteRune(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// isBlank reports whether s says nothing: empty, or only dashes, dots,
// quotes and spaces ("-", "–", "’ ’").
func isBlank(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) && !strings.ContainsRune("-–—‒―.,;:’‘'\"«»“”", r) {
			return false
		}
	}
	return true
}

// blankText reports whether every language of t is blank.
func blankText(t kasip.Text) bool {
	for _, s := range t {
		if !isBlank(s) {
			return false
		}
	}
	return true
}

// isKZ reports whether st follows the Kazakh template (the default family).
func isKZ(st *kasip.Standard) bool { return st.Family != "ru" }

func idx(path string, i int) string { return fmt.Sprintf("%s[%d]", path, i) }
