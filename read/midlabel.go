package read

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kasip/kasip"
)

// midLabelTail bounds (in bytes: Cyrillic letters take two) how far a label
// without a colon may stand from the end of its segment ("… рәсімдеу. Еңбек
// функцияларының сипаттамасы") to be taken for a label.
const midLabelTail = 120

// inner is a label found inside a segment, after other text.
type inner struct {
	at    int // byte offset of the label in the segment's text
	m     match
	glued bool // the label follows a word with no space or punctuation
}

// innerLabel finds the first template label that stands inside s after other
// text: tables of HTML and DOCX documents put "Білімдер:" in the cell of the
// abilities list, after it, on the same line, after a <br> or glued to the
// last word ("…жасау.Білімдер:"). Inside running text a word is only taken
// for a label when it is capitalised, is not inside a capitalised word, and
// is closed by a colon, or ends the segment after a full stop; ordinary
// sentences that use the same words ("білім беру") are left alone.
func (in *interp) innerLabel(s string) (inner, bool) {
	lastColon := strings.LastIndexByte(s, ':')
	// Text before the first word ("6. ", "- ", "«") belongs to a label at
	// the start of the segment, which feedOne sees.
	lead := len(reParaNumber.FindString(s))
	word := strings.IndexFunc(s[lead:], func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) })
	if word < 0 {
		return inner{}, false
	}
	word += lead
	if m, ok := matchLabel(s, labels); ok {
		word = max(word, lead+len(m.text)-1) // a label's own words ("Қазақстан Республикасы "Атамекен"…")
	}
	prev, _ := utf8.DecodeRuneInString(s)
	for i := utf8.RuneLen(prev); i > 0 && i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsUpper(r) && !unicode.IsUpper(prev) && i > word && (i < lastColon || len(s)-i <= midLabelTail) {
			if m, ok := matchLabel(s[i:], labels); ok && m.para == 0 && m.id != lOrderCommand && in.allowed(m.id) && closed(s, i, m) {
				return inner{at: i, m: m, glued: unicode.IsLetter(prev) || unicode.IsDigit(prev)}, true
			}
		}
		prev = r
		i += size
	}
	return inner{}, false
}

// closed reports whether the label m found at offset i of s is closed as a
// label is: by a colon, or by the end of the segment after sentence
// punctuation.
func closed(s string, i int, m match) bool {
	after := strings.TrimLeft(s[i+len(m.text):], " \t")
	if strings.HasSuffix(m.text, ":") || strings.HasPrefix(after, ":") {
		return true
	}
	if strings.TrimSpace(after) != "" {
		return false
	}
	before := strings.TrimRight(s[:i], " \t")
	return before != "" && strings.ContainsAny(before[len(before)-1:], ".;!?")
}

// feed takes one segment, first cutting it at labels that stand inside it,
// so that each label starts its own mode whatever the format put around it.
func (in *interp) feed(s segment) {
	for {
		l, ok := in.innerLabel(s.Text)
		if !ok {
			in.feedOne(s)
			return
		}
		head := s
		head.Text = strings.TrimSpace(s.Text[:l.at])
		if hasWordChar(head.Text) {
			in.feedOne(head)
			s.First = false
		}
		if l.glued {
			in.note("glued-words", in.labelPath(l.m), fmt.Sprintf("label %q is glued to the text before it", l.m.text), in.origin(s),
				"note.label-glued-before", kasip.Args{"label": kasip.QuoteArg(l.m.text)})
		}
		s.Text = s.Text[l.at:]
	}
}
