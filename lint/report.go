package lint

import (
	"fmt"
	"regexp"
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

// add records a finding at path, pointing at origin o in the source: the
// message key of the catalogue and its arguments.
func (r *report) add(sev Severity, path string, o kasip.Origin, key string, args kasip.Args) {
	r.found = append(r.found, Finding{
		Rule: r.rule, Severity: sev, Key: key, Args: args,
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
			key, args := noteMessage(n)
			notes = append(notes, Finding{Rule: r.rule, Severity: r.sev, Key: key, Args: args, Path: n.Path, Source: sourceOf(r.st, n.Origin)})
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

// noteMessage is what a note says. Notes stored before the reader wrote
// keys have only an English sentence, which is shown as it stands.
func noteMessage(n kasip.Note) (string, kasip.Args) {
	if n.Key != "" {
		return n.Key, n.Args
	}
	return "note.text", kasip.Args{"text": kasip.CodeArg(n.Message)}
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

// isKZ reports whether st follows the Kazakh template rather than the
// Russian register: its classifiers are OKED and the national classifier of
// occupations, not OKVED2 and OKZ.
func isKZ(st *kasip.Standard) bool { return family(st) == "kz" }

// reRUCode is the shape of a Russian register standard's code: the area of
// professional activity and a number (06.001, 25.005).
var reRUCode = regexp.MustCompile(`^\d{2}\.\d{3}$`)

// family is the standard's family as the reader set it; a model without one
// (written by hand or by an older version) is Russian when it was read from
// the register's XML or carries a register code, Kazakh otherwise.
func family(st *kasip.Standard) string {
	switch st.Family {
	case "kz", "ru":
		return st.Family
	}
	for _, src := range st.Sources {
		if src.Format == "ru-xml" {
			return "ru"
		}
	}
	if reRUCode.MatchString(st.Code) {
		return "ru"
	}
	return "kz"
}

func idx(path string, i int) string { return fmt.Sprintf("%s[%d]", path, i) }
