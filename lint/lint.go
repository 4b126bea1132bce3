// Package lint reports defects of a professional standard as findings:
// missing sections, lists that disagree with what they list, inconsistent
// classifier codes, overdue reviews, and defects of the text itself (words
// run together, mixed scripts and languages, broken numbering).
//
// Each rule has a stable ID (see Rules and docs/lint.md). Rules look at the
// model; where only the reader could see a defect (a label glued to its
// value, a list it could not split), the reader records a kasip.Note with the
// rule's ID and the rule turns it into a finding.
package lint

import (
	"cmp"
	"slices"
	"time"

	"github.com/kasip/kasip"
)

// Severity says how bad a finding is. Any error makes `kasip lint` exit 1.
type Severity string

// Severities, from worst to mildest.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
	Info    Severity = "info"
)

// Finding is one defect found in a standard.
type Finding struct {
	Rule     string    `json:"rule"`
	Severity Severity  `json:"severity"`
	Message  string    `json:"message"`
	Path     string    `json:"path"` // where in the model, in JSON terms: "cards[0].functions[2].title"
	Source   SourceRef `json:"source"`
}

// SourceRef is where in the source document a finding points.
type SourceRef struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Element string `json:"element,omitempty"`
}

// Options control the rules.
type Options struct {
	// Today is the date date rules compare with; the zero time means the
	// current date. Tests and reproducible runs set it.
	Today time.Time
}

// Rule is one check. Severity is the severity of the rule's usual finding;
// some rules report milder or graver findings too (docs/lint.md says which).
type Rule struct {
	ID       string
	Severity Severity
	Summary  string
	Check    func(*kasip.Standard, Options) []Finding
}

// Rules lists every rule, in the order docs/lint.md documents them.
var Rules = []Rule{
	{"empty-section", Warning, "a required section or field is missing, empty or only \"-\"", checkEmpty},
	{"function-list-mismatch", Error, "a card's list of labour functions disagrees with the functions described", checkFunctionList},
	{"card-list-mismatch", Error, "the passport's list of cards disagrees with the cards (count, title, level)", checkCardList},
	{"skill-without-content", Error, "a skill has no abilities or no knowledge", checkSkillContent},
	{"duplicate-title", Warning, "the same function or skill title twice in a card", checkDuplicates},
	{"oked-inconsistent", Error, "OKED entries contradict each other, the classification or the standard's code", checkOKED},
	{"review-overdue", Error, "the planned review or update date has passed (warning: it is near)", checkReview},
	{"mixed-script", Warning, "a code or word mixes Latin and Cyrillic letters", checkMixedScript},
	{"glued-words", Warning, "words run together", checkGlued},
	{"numbering", Warning, "gaps, repeats or a wrong start in a numbered list", checkNumbering},
	{"unsplit-list", Warning, "a list whose items could not be separated reliably", checkUnsplit},
	{"mixed-language", Warning, "labels or values in a language other than the document's", checkMixedLanguage},
}

// Check runs every rule on st and returns the findings sorted by source file
// and line, then rule, path and message, so that output is deterministic.
func Check(st *kasip.Standard, opt Options) []Finding {
	if st == nil {
		return nil
	}
	var out []Finding
	for _, r := range Rules {
		out = append(out, r.Check(st, opt)...)
	}
	Sort(out)
	return out
}

// Sort orders findings by source file, line, rule, path and message.
func Sort(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(a.Source.File, b.Source.File),
			cmp.Compare(a.Source.Line, b.Source.Line),
			cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Path, b.Path),
			cmp.Compare(a.Message, b.Message),
		)
	})
}

// HasErrors reports whether any finding is an error.
func HasErrors(fs []Finding) bool {
	return slices.ContainsFunc(fs, func(f Finding) bool { return f.Severity == Error })
}
