package read

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/kasip/kasip"
)

var (
	reNumberSign = regexp.MustCompile(`№\s*([0-9A-Za-zА-Яа-я]+(?:\s*[-/]\s*[0-9A-Za-zА-Яа-я]+)*)`)
	reVersion    = regexp.MustCompile(`(?i)(?:нұсқа|версия|version)\s*(?:№\s*)?(\d+(?:\.\d+)?)`)
	reYearOnly   = regexp.MustCompile(`\b((?:19|20)\d{2})\b`)
	reEmail      = regexp.MustCompile(`[\w.+-]+@[\w-]+(?:\.[\w-]+)+`)
	rePhone      = regexp.MustCompile(`\+?\d[\d\s()-]{5,}\d`)
	rePerson     = regexp.MustCompile(`^\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?\s+\p{Lu}\.\s*(?:\p{Lu}\.)?`)
	reOrgWord    = regexp.MustCompile(`(?i)министрлі|министерств|комитет|ассоциац|орталығ|центр|жшс|тоо|ао|бірлестігі|палата|университет|институт|ұйым|кәсіпорн`)
)

func (in *interp) decision(mode labelID, value string, o kasip.Origin) {
	if isEmptyValue(value) {
		return
	}
	d := &kasip.Decision{Text: in.text(joinLines(value)), Origin: o}
	if m := reNumberSign.FindStringSubmatch(value); m != nil {
		d.Number = strings.Join(strings.Fields(m[1]), "")
	}
	if iso, err := kasip.ParseDate(value); err == nil {
		d.Date = iso
	}
	switch mode {
	case lCouncil:
		in.st.Technical.Council = d
	case lNationalBody:
		in.st.Technical.NationalBody = d
	case lExpert:
		in.st.Technical.ExpertOpinion = d
	}
}

func (in *interp) version(value string, o kasip.Origin) {
	t := &in.st.Technical
	t.VersionText = in.field(value, o)
	if m := reVersion.FindStringSubmatch(value); m != nil {
		t.Version = m[1]
	}
	if m := reYearOnly.FindStringSubmatch(value); m != nil {
		t.Year, _ = strconv.Atoi(m[1])
	}
}

func (in *interp) review(value string, o kasip.Origin) {
	t := &in.st.Technical
	t.ReviewDateText = in.field(value, o)
	if t.ReviewDateText == nil {
		return
	}
	iso, err := kasip.ParseDate(value)
	if err != nil {
		in.note("empty-section", "technical.review_date", fmt.Sprintf("planned review date %q is not a date", clip(value, 60)), o,
			"note.review-not-date", kasip.Args{"text": kasip.QuoteArg(clip(value, 60))})
		return
	}
	t.ReviewDate = iso
}

func isPerson(s string) bool { return rePerson.MatchString(strings.TrimSpace(s)) }

func looksLikeOrg(s string) bool { return reOrgWord.MatchString(s) }

func (in *interp) orgs() *[]kasip.Developer {
	if in.orgKind == "body" {
		return &in.st.Technical.Bodies
	}
	return &in.st.Technical.Developers
}

func (in *interp) lastOrg() *kasip.Developer {
	list := in.orgs()
	if len(*list) == 0 {
		return nil
	}
	return &(*list)[len(*list)-1]
}

func (in *interp) addOrg(text string, s segment) {
	if isEmptyValue(text) {
		in.unplaced(kasip.UnplacedBoilerplate, s)
		return
	}
	role := "participant"
	if in.orgKind == "body" {
		role = "body"
	}
	list := in.orgs()
	*list = append(*list, kasip.Developer{Organization: in.text(strings.TrimRight(joinLines(text), ". ")), Role: role, Origin: in.origin(s)})
	in.contactRole = ""
}

// addContact adds a person ("Мамутова К.Р., +7 (727) 293 83 70, kta@…") to
// the last organisation.
func (in *interp) addContact(text string, s segment) {
	if isEmptyValue(text) {
		in.unplaced(kasip.UnplacedBoilerplate, s)
		return
	}
	org := in.lastOrg()
	if org == nil {
		in.addOrg("", s)
		list := in.orgs()
		*list = append(*list, kasip.Developer{Organization: kasip.Text{}, Role: in.orgKind, Origin: in.origin(s)})
		org = in.lastOrg()
	}
	c := kasip.Contact{Text: in.text(joinLines(text)), Origin: in.origin(s)}
	if in.contactRole != "" {
		c.Role = in.text(strings.TrimRight(in.contactRole, ": "))
	}
	if m := rePerson.FindString(text); m != "" {
		c.Name = strings.TrimSpace(m)
	}
	c.Emails = reEmail.FindAllString(text, -1)
	for _, p := range rePhone.FindAllString(reEmail.ReplaceAllString(text, ""), -1) {
		c.Phones = append(c.Phones, strings.TrimSpace(p))
	}
	org.Contacts = append(org.Contacts, c)
}

// addContactDetail attaches "E-mail: …" or "Телефон нөмірі: …" to the last
// person named, or to the organisation's contact list.
func (in *interp) addContactDetail(id labelID, value string, s segment) {
	org := in.lastOrg()
	if org == nil || isEmptyValue(value) {
		in.unplaced(kasip.UnplacedText, s)
		return
	}
	if len(org.Contacts) == 0 {
		org.Contacts = append(org.Contacts, kasip.Contact{Text: kasip.Text{}, Origin: in.origin(s)})
	}
	c := &org.Contacts[len(org.Contacts)-1]
	c.Text[in.lang] = joinLines(c.Text[in.lang] + "; " + s.Text)
	if id == lEmail {
		c.Emails = append(c.Emails, reEmail.FindAllString(value, -1)...)
	} else {
		c.Phones = append(c.Phones, strings.TrimSpace(value))
	}
}

var (
	reClauseNum      = regexp.MustCompile(`^(\d{1,2})\.\s*`)
	reInitialSurname = regexp.MustCompile(`^\p{Lu}\.\s*\p{Lu}\p{Ll}+$`)
)

// clause places a paragraph of the approving order.
func (in *interp) clause(s segment) {
	o := in.order()
	if isPerson(s.Text) || reInitialSurname.MatchString(s.Text) {
		text := s.Text
		if n := len(o.Clauses); n > 0 && o.Clauses[n-1].Origin.Line == s.Line && o.Clauses[n-1].Number == 0 {
			text = o.Clauses[n-1].Text[in.lang] + " " + text
			o.Clauses = o.Clauses[:n-1]
		}
		o.Signatory = &kasip.Field{Text: in.text(text), Origin: in.origin(s)}
		return
	}
	it := kasip.Item{Text: in.text(s.Text), Origin: in.origin(s)}
	if m := reClauseNum.FindStringSubmatch(s.Text); m != nil {
		it.Number = atoi(m[1])
		it.Text = in.text(strings.TrimSpace(s.Text[len(m[0]):]))
	}
	o.Clauses = append(o.Clauses, it)
}

// checkParagraphs reports gaps and repeats in the numbering of the
// standard's paragraphs (1. scope … 17. review date).
func (in *interp) checkParagraphs() {
	for i := 1; i < len(in.paras); i++ {
		prev, cur := in.paras[i-1], in.paras[i]
		switch {
		case cur.n == prev.n:
			in.note("numbering", "", fmt.Sprintf("paragraph number %d is used twice", cur.n), cur.origin, "note.paragraph-twice", kasip.Args{"n": kasip.NumberArg(cur.n)})
		case cur.n != prev.n+1:
			in.note("numbering", "", fmt.Sprintf("paragraph %d follows paragraph %d", cur.n, prev.n), cur.origin,
				"note.paragraph-order", kasip.Args{"n": kasip.NumberArg(cur.n), "prev": kasip.NumberArg(prev.n)})
		}
	}
}
