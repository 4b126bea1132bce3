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

// Finding is one defect found in a standard. What it says is Key with Args,
// for lint's catalogue; Message is that rendered in the language Check was
// asked for (Localize renders it in another).
type Finding struct {
	Rule     string     `json:"rule"`
	Severity Severity   `json:"severity"`
	Standard string     `json:"standard"` // the standard's code: a file may hold several
	Key      string     `json:"key"`
	Args     kasip.Args `json:"args"`
	Message  string     `json:"message"`
	Path     string     `json:"path"` // where in the model, in JSON terms: "cards[0].functions[2].title"
	Source   SourceRef  `json:"source"`
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
	// Lang is the language of the messages: kk, ru or en (the default).
	Lang string
}

// Rule is one check. Severity is the severity of the rule's usual finding;
// some rules report milder or graver findings too (docs/lint.md says which).
// What a rule checks is the catalogue's "rule.<ID>" (RuleSummary).
type Rule struct {
	ID       string
	Severity Severity
	Check    func(*kasip.Standard, Options) []Finding
}

// Rules lists every rule, in the order docs/lint.md documents them.
var Rules = []Rule{
	{"empty-section", Warning, checkEmpty},
	{"function-list-mismatch", Error, checkFunctionList},
	{"card-list-mismatch", Error, checkCardList},
	{"skill-without-content", Error, checkSkillContent},
	{"duplicate-title", Warning, checkDuplicates},
	{"oked-inconsistent", Error, checkOKED},
	{"review-overdue", Error, checkReview},
	{"mixed-script", Warning, checkMixedScript},
	{"glued-words", Warning, checkGlued},
	{"numbering", Warning, checkNumbering},
	{"unsplit-list", Warning, checkUnsplit},
	{"mixed-language", Warning, checkMixedLanguage},
}

// Check runs every rule on st and returns the findings sorted by source file
// and line, then rule, path and message key, so that output is deterministic
// and the same in every language.
func Check(st *kasip.Standard, opt Options) []Finding {
	if st == nil {
		return nil
	}
	var out []Finding
	for _, r := range Rules {
		out = append(out, r.Check(st, opt)...)
	}
	for i := range out {
		out[i].Standard = st.Code
		if out[i].Args == nil {
			out[i].Args = kasip.Args{} // {} in JSON, not null
		}
	}
	Sort(out)
	Localize(out, opt.Lang)
	return out
}

// Sort orders findings by source file, line, rule, path and message key.
func Sort(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(a.Source.File, b.Source.File),
			cmp.Compare(a.Source.Line, b.Source.Line),
			cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Path, b.Path),
			cmp.Compare(a.Key, b.Key),
		)
	})
}

// HasErrors reports whether any finding is an error.
func HasErrors(fs []Finding) bool {
	return slices.ContainsFunc(fs, func(f Finding) bool { return f.Severity == Error })
}
