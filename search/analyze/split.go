package analyze

import (
	"unicode"
	"unicode/utf8"

	"github.com/kasip/kasip"
)

// part is a piece of a segmented run that becomes one position.
type part struct {
	start, end int
	code       bool
}

// splitSpan decides whether a run is a code (kept whole) or words (split at
// the connectors . / -). A run is a code when it contains a digit and all its
// letters are Latin once Cyrillic look-alikes are mapped: "А/01.6" typed on a
// Cyrillic keyboard is the code a/01.6, while "1-ші" is a number and a word.
func splitSpan(text string, sp span) []part {
	s := text[sp.start:sp.end]
	if hasDigit(s) && isCode(s) {
		return []part{{sp.start, sp.end, true}}
	}
	var parts []part
	start := sp.start
	for i, r := range s {
		if isConnector(r) {
			parts = appendPiece(parts, text, start, sp.start+i)
			start = sp.start + i + utf8.RuneLen(r)
		}
	}
	return appendPiece(parts, text, start, sp.end)
}

// appendPiece adds text[start:end], splitting a non-code mix of digits and
// letters ("2021ж") into its digit and letter runs.
func appendPiece(parts []part, text string, start, end int) []part {
	if start >= end {
		return parts
	}
	s := text[start:end]
	if !hasDigit(s) || isCode(s) {
		return append(parts, part{start, end, hasDigit(s)})
	}
	runStart, runDigit := start, false
	for i, r := range s {
		d := unicode.IsDigit(r)
		if i > 0 && d != runDigit && !unicode.IsMark(r) {
			parts = append(parts, part{runStart, start + i, runDigit})
			runStart = start + i
		}
		runDigit = d
	}
	return append(parts, part{runStart, end, runDigit})
}

func hasDigit(s string) bool {
	for _, r := range s {
		if unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// isCode reports whether every letter of s is Latin after look-alike mapping.
func isCode(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			continue
		}
		if r < utf8.RuneSelf || kasip.IsLatinLookalike(r) {
			continue
		}
		return false
	}
	return true
}

// codeTerm lower-cases a code after mapping Cyrillic look-alikes to Latin,
// exactly as kasip.NormalizeCode does for stored codes.
func codeTerm(s string) string {
	c, _ := kasip.NormalizeCode(s)
	return toLower(c)
}
