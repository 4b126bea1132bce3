package jobdesc_test

import (
	"strings"
	"testing"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/jobdesc"
)

// FuzzDOCX puts arbitrary text into a card and checks that its
// description's DOCX is a package of well-formed XML whose paragraphs
// hold the text (less the characters XML cannot carry) and that the PDF
// is written: a standard's text reaches both as it was imported.
func FuzzDOCX(f *testing.F) {
	for _, s := range []string{"Қазақстан Ә Ғ Қ Ң Ө Ұ Ү Һ І", "<b>&amp;</b> \"'", "\x00\x01\x1f\t\n", "\xff\xfe", "]]> <?xml?>", "\ufffe\uffff"} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, title, item string) {
		if strings.TrimSpace(title) == "" {
			return
		}
		st := &kasip.Standard{Code: "X", Title: kasip.Text{"kk": title}, Cards: []kasip.Card{{
			Title: kasip.Text{"kk": title}, Level: 4, Codes: []string{item},
			Functions: []kasip.Function{{Title: kasip.Text{"kk": item}, Skills: []kasip.Skill{{
				Title: kasip.Text{"kk": item}, Knowledge: []kasip.Item{{Text: kasip.Text{"kk": item}}}}}}},
		}}}
		d, err := jobdesc.Generate(st, 0, "kk")
		if err != nil {
			t.Fatal(err)
		}
		b, err := d.DOCX()
		if err != nil {
			t.Fatal(err)
		}
		paras := docxParagraphs(t, b)
		if len(paras) < 2 || paras[1] != xmlText(d.Title) {
			t.Fatalf("the title reads back as %q, want %q", paras[1:2], xmlText(d.Title))
		}
		if _, err := d.PDF(); err != nil {
			t.Fatal(err)
		}
	})
}

// xmlText is s as XML carries it: invalid UTF-8 as U+FFFD, without the
// characters XML 1.0 has no place for, line breaks as a parser reports
// them.
func xmlText(s string) string {
	s = strings.Map(func(r rune) rune { // an invalid byte comes as utf8.RuneError
		if r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r != 0xFFFE && r != 0xFFFF {
			return r
		}
		return -1
	}, s)
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}
