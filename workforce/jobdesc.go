package workforce

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/jobdesc"
)

// Edit is a section of a position's job description as the organisation
// rewrote it, in one language. Base is the digest of the generated section
// it was written over: when the standard's wording of the section changes
// (a new version), the position says so, and the edit stays.
type Edit struct {
	Lines []string  `json:"lines"`
	Base  string    `json:"base"`
	By    int64     `json:"by_user_id,omitempty"`
	At    time.Time `json:"at,omitzero"`
}

// EditKey is the key of a section's edit in a language: "ru/duties".
func EditKey(lang, section string) string { return lang + "/" + section }

func (e Edit) validate(key string) error {
	var p problems
	lang, sec, ok := strings.Cut(key, "/")
	if !ok || !slices.Contains(jobdesc.Languages, lang) || !slices.Contains(jobdesc.SectionKeys, sec) {
		p.add("workforce.edit_section", "section", key)
	}
	n := 0
	for _, l := range e.Lines {
		n += utf8.RuneCountInString(l)
		if !utf8.ValidString(l) {
			n = MaxText*10 + 1
		}
	}
	if n > MaxText*10 || len(e.Lines) > 500 {
		p.add("workforce.edit_long", "max", itoa(MaxText*10))
	}
	return p.err()
}

// SectionDigest identifies the generated wording of a section.
func SectionDigest(s jobdesc.Section) string {
	h := sha256.New()
	for _, l := range s.Lines {
		h.Write([]byte(l.Number + "\x00" + l.Text + "\x00" + strings.Join(l.Sources, ",") + "\n"))
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// NewEdit is an edit of section (as generated now) with lines.
func NewEdit(generated jobdesc.Section, lines []string, by int64, at time.Time) Edit {
	var kept []string
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" {
			kept = append(kept, l)
		}
	}
	return Edit{Lines: kept, Base: SectionDigest(generated), By: by, At: at}
}

// SectionState says how a section of a position's description came about.
type SectionState struct {
	Key    string `json:"key"`
	Edited bool   `json:"edited"`
	// Outdated: edited, and the standard's wording of the section is no
	// longer what the edit was written over.
	Outdated bool `json:"outdated,omitempty"`
	// Generated is the standard's wording, for an edited section (to
	// compare and take lines back from).
	Generated []jobdesc.Line `json:"generated,omitempty"`
}

// Describe is the job description of pos from st (its pinned version) in
// lang: generated from the card, with the edited sections in place of the
// generated ones. Edited lines have no sources: the organisation wrote them.
func Describe(pos Position, st *kasip.Standard, lang string) (jobdesc.Description, []SectionState, error) {
	d, err := jobdesc.Generate(st, pos.Card, lang)
	if err != nil {
		return d, nil, err
	}
	// The position's own title, unless it is the card's title in some
	// language: then the description's language has its own word for it.
	if t := strings.TrimSpace(pos.Title); t != "" && !isCardTitle(st, pos.Card, t) {
		// The first clause names the position (jobdesc writes the card's
		// title there).
		if g := d.Sections[0].Lines; len(g) > 0 {
			g[0].Text = strings.Replace(g[0].Text, d.Title, t, 1)
		}
		d.Title = t
	}
	states := make([]SectionState, len(d.Sections))
	for i := range d.Sections {
		sec := &d.Sections[i]
		states[i].Key = sec.Key
		e, ok := pos.Edits[EditKey(lang, sec.Key)]
		if !ok {
			continue
		}
		states[i].Edited = true
		states[i].Outdated = e.Base != SectionDigest(*sec)
		states[i].Generated = sec.Lines
		lines := make([]jobdesc.Line, len(e.Lines))
		for j, text := range e.Lines {
			lines[j] = jobdesc.Line{Number: sectionNumber(sec.Title) + "." + itoa(j+1), Text: text}
		}
		sec.Lines = lines
	}
	return d, states, nil
}

// isCardTitle reports whether t is the title of card ci in a language.
func isCardTitle(st *kasip.Standard, ci int, t string) bool {
	for _, s := range st.Cards[ci].Title {
		if strings.EqualFold(strings.Join(strings.Fields(s), " "), strings.Join(strings.Fields(t), " ")) {
			return true
		}
	}
	return false
}

// sectionNumber is the "3" of "3. Duties".
func sectionNumber(title string) string {
	n, _, _ := strings.Cut(title, ".")
	return n
}

// CardChanges are the changes between two versions of a standard within
// the card at index card of the older one (paths of the newer version for
// added and changed entries, as kasip.Diff gives them).
func CardChanges(old, new *kasip.Standard, card int) []kasip.Change {
	prefix := "cards[" + itoa(card) + "]"
	var out []kasip.Change
	for _, c := range kasip.Diff(old, new) {
		if c.Path == prefix || strings.HasPrefix(c.Path, prefix+".") {
			out = append(out, c)
		}
	}
	return out
}
