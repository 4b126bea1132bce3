package web_test

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/read"
	"github.com/kasip/kasip/web"
	"github.com/kasip/kasip/web/session"
	"github.com/kasip/kasip/web/webtest"
)

// TestUIMergeConflicts: the standard page of a bilingual standard lists
// where its Kazakh and Russian documents disagree, with both values, in
// the page's language.
func TestUIMergeConflicts(t *testing.T) {
	ctx := context.Background()
	reg := webtest.Store(t, "")
	for _, f := range []string{"../testdata/seeds/004_0389e6b855ff2fb2.txt", "../testdata/kz/ru_template_M84120.txt"} {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sts, err := read.Read(filepath.Base(f), data, read.Options{})
		if err != nil {
			t.Fatal(err)
		}
		src := sts[0].Sources[0]
		if _, err := reg.Import(ctx, sts[0], []kasip.SourceFile{{Name: src.File, Format: src.Format, SHA256: src.SHA256, Data: data}}); err != nil {
			t.Fatal(err)
		}
	}
	srv := webtest.New(t, web.Services{Registry: reg, Search: reg, StandardJSON: reg, Recognition: reg, Certificates: reg}, session.Options{})
	u := &uiTest{t: t, srv: srv, h: srv.Handler()}
	for lang, want := range map[string][]string{
		"kk": {"Тілдер арасындағы сәйкессіздіктер", "қазақша:", "орысша:", "иә", "жоқ", `data-path="oked[0].code"`},
		"ru": {"Расхождения между языками", "казахский:", "русский:", "да", "нет", "кәсіби, ғылыми"},
		"en": {"Disagreements between the languages", "Kazakh:", "Russian:", "yes", "no", "recognizable"},
	} {
		p := u.page("/standards/M84120?lang="+lang, http.StatusOK, lang)
		p.has(t, want...)
	}
	// A standard in one language has no such section.
	reg2 := webtest.Store(t, "")
	sts, err := read.ReadFile("../testdata/seeds/004_0389e6b855ff2fb2.txt", read.Options{})
	if err != nil {
		t.Fatal(err)
	}
	uiImportJSON(t, reg2, sts[0], "004.json")
	srv2 := webtest.New(t, web.Services{Registry: reg2, Search: reg2, StandardJSON: reg2, Recognition: reg2, Certificates: reg2}, session.Options{})
	u2 := &uiTest{t: t, srv: srv2, h: srv2.Handler()}
	u2.page("/standards/M84120?lang=en", http.StatusOK, "en").lacks(t, "Disagreements between the languages")
}
