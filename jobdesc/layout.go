package jobdesc

import "strings"

// part is the kind of a paragraph of the laid-out description.
type part int

const (
	partHeading part = iota // ЛАУАЗЫМДЫҚ НҰСҚАУЛЫҚ / ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ
	partTitle               // the position
	partDemo                // the notice on demo data
	partSection             // a numbered section's title
	partClause              // a numbered clause
)

// paragraph is one paragraph of the laid-out description; indent sets a
// clause under the one before.
type paragraph struct {
	part   part
	text   string
	indent bool
}

// paragraphs lays d out in reading order: what DOCX, PDF and Text write,
// each in its own form.
func (d Description) paragraphs() []paragraph {
	out := []paragraph{{part: partHeading, text: d.Heading()}, {part: partTitle, text: d.Title}}
	if n := d.Demo(); n != "" {
		out = append(out, paragraph{part: partDemo, text: n})
	}
	for _, s := range d.Sections {
		out = append(out, paragraph{part: partSection, text: s.Title})
		for _, l := range s.Lines {
			out = append(out, paragraph{part: partClause, text: l.Number + ". " + l.Text, indent: l.Level > 0})
		}
	}
	return out
}

// Text is the description as plain text, a line a paragraph and a blank
// line before each section: what the writers lay out and what a test
// reads back.
func (d Description) Text() string {
	var b strings.Builder
	for _, p := range d.paragraphs() {
		if p.part == partSection {
			b.WriteString("\n")
		}
		b.WriteString(p.text + "\n")
	}
	return b.String()
}
