package lint

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/read"
)

// TestCatalogueComplete fails when a key lacks a language, when the
// languages of a key use different arguments, or when a plural has the
// wrong number of forms for its language.
func TestCatalogueComplete(t *testing.T) {
	for key, e := range catalogue {
		en := placeholders(e.en)
		for lang, tmpl := range map[string]string{"kk": e.kk, "ru": e.ru, "en": e.en} {
			if strings.TrimSpace(tmpl) == "" {
				t.Errorf("%s has no %s text", key, lang)
				continue
			}
			if strings.Count(tmpl, "{") != strings.Count(tmpl, "}") {
				t.Errorf("%s (%s): unbalanced braces in %q", key, lang, tmpl)
			}
			if got := placeholders(tmpl); !slices.Equal(got, en) {
				t.Errorf("%s: %s uses arguments %v, English %v", key, lang, got, en)
			}
			for _, spec := range regexp.MustCompile(`\{([^}]*)\}`).FindAllStringSubmatch(tmpl, -1) {
				forms := strings.Count(spec[1], "|")
				want := map[string]int{"en": 2, "ru": 3, "kk": 0}[lang]
				if forms != 0 && forms != want {
					t.Errorf("%s (%s): {%s} has %d forms, want %d", key, lang, spec[1], forms, want)
				}
			}
		}
	}
	for _, r := range Rules {
		if _, ok := catalogue["rule."+r.ID]; !ok {
			t.Errorf("rule %s has no summary rule.%s", r.ID, r.ID)
		}
	}
}

// reKeyLiteral finds string literals shaped like message keys in source.
var reKeyLiteral = regexp.MustCompile(`"([a-z][a-z0-9-]*\.[a-z0-9_.-]*)"`)

// TestSourceKeysInCatalogue fails when lint or the reader uses a message
// key the catalogue lacks (the reader's keys are note.*). Keys built from a prefix ("what." + name) are
// checked by TestFindingsRender on real documents.
func TestSourceKeysInCatalogue(t *testing.T) {
	prefixes := map[string]bool{}
	for key := range catalogue {
		prefixes[key[:strings.IndexByte(key, '.')+1]] = true
	}
	for _, dir := range []string{".", "../read"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, file := range files {
			if strings.HasSuffix(file, "_test.go") || strings.HasSuffix(file, "catalogue.go") {
				continue
			}
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range reKeyLiteral.FindAllStringSubmatch(string(src), -1) {
				key := m[1]
				prefix := key[:strings.IndexByte(key, '.')+1]
				if !prefixes[prefix] || strings.HasSuffix(key, ".") || (dir != "." && prefix != "note.") {
					continue
				}
				if _, ok := catalogue[key]; !ok {
					t.Errorf("%s: key %q is not in the catalogue", file, key)
				}
			}
		}
	}
}

// validate renders m in every language and checks that its arguments are
// exactly the template's, down through nested messages and terms.
func validate(m kasip.Message) error {
	e, ok := catalogue[m.Key]
	if !ok {
		return fmt.Errorf("key %q is not in the catalogue", m.Key)
	}
	var names []string
	for name, a := range m.Args {
		names = append(names, name)
		switch a.Kind {
		case kasip.ArgList:
			for _, sub := range a.List {
				if err := validate(sub); err != nil {
					return fmt.Errorf("%s.%s: %w", m.Key, name, err)
				}
			}
		case kasip.ArgTerm:
			if err := validate(kasip.Message{Key: a.Text}); err != nil {
				return fmt.Errorf("%s.%s: %w", m.Key, name, err)
			}
		}
	}
	slices.Sort(names)
	if want := placeholders(e.en); !slices.Equal(names, want) {
		return fmt.Errorf("%s: arguments %v, the template uses %v", m.Key, names, want)
	}
	for _, lang := range Langs {
		if _, err := render(lang, m); err != nil {
			return err
		}
	}
	return nil
}

// realStandards reads the seeds and the Russian register files.
func realStandards(t *testing.T) []*kasip.Standard {
	t.Helper()
	var out []*kasip.Standard
	for _, pattern := range []string{"../testdata/seeds/*.txt", "../testdata/ru/*.xml"} {
		files, _ := filepath.Glob(pattern)
		for _, f := range files {
			sts, err := read.ReadFile(f, read.Options{})
			if err != nil {
				t.Fatalf("reading %s: %v", f, err)
			}
			out = append(out, sts...)
		}
	}
	if len(out) < 5 {
		t.Fatalf("read %d real standards, want the 2 seeds and 3 register files", len(out))
	}
	return out
}

// TestFindingsRender checks every finding lint makes on the real documents
// and on the rule cases of this package's tests: its key is in the
// catalogue and its arguments are what the template uses, in kk, ru and en.
func TestFindingsRender(t *testing.T) {
	sts := realStandards(t)
	// Break the clean standard in the ways the rule tests do, so that
	// messages the real documents do not trigger are checked too.
	for _, change := range []func(*kasip.Standard){
		func(s *kasip.Standard) { s.Cards[0].FunctionList[0].Function = -1 },
		func(s *kasip.Standard) { s.Cards[0].Level = 3; s.CardList[0].Level = 4 },
		func(s *kasip.Standard) { s.Cards[0].Functions[0].Skills[0].Abilities = nil },
		func(s *kasip.Standard) { s.Cards[0].Functions[0].Skills[0].Knowledge = nil },
		func(s *kasip.Standard) {
			s.Cards[0].Functions[0].Skills[0].Abilities, s.Cards[0].Functions[0].Skills[0].Knowledge = nil, nil
		},
		func(s *kasip.Standard) { s.Technical.ReviewDate = "2020-01-01" },
		func(s *kasip.Standard) { s.Technical.ReviewDate = "2026-11-22" },
		func(s *kasip.Standard) { s.Technical.ReviewDate = "2026-12-01" },
		func(s *kasip.Standard) { s.Technical.ReviewDate = "" },
		func(s *kasip.Standard) { s.Code = "H55101015" },
		func(s *kasip.Standard) { s.Code = "I54101015" },
		func(s *kasip.Standard) {
			s.OKED = append(s.OKED, kasip.OKEDEntry{Code: "55.10.11"}, kasip.OKEDEntry{Code: "54"}, kasip.OKEDEntry{Code: "H56"},
				kasip.OKEDEntry{Code: "56.1", Level: "class"}, kasip.OKEDEntry{Code: "55.2"})
		},
		func(s *kasip.Standard) { s.Code = ""; s.Title = nil; s.Cards[0].Title = nil; s.Scope = nil },
		func(s *kasip.Standard) {
			s.Cards[0].Competencies[0].Text = kk("Өзін-өзі ұйымдастыру өзін-өзі білім беру тіл тапқыштық аналитикалық қабілеттер ұйымдастырушылық қабілеттер жауапкершілік")
		},
		func(s *kasip.Standard) {
			s.Cards[0].Purpose[0].Text = kk("бiлiм М84120 РеспубликасыныңКонституциясы уровень и 2022 г. 6В01")
		},
		func(s *kasip.Standard) { s.Cards[0].Purpose[1].Number = 5; s.Terms[0].Number = 2 },
		func(s *kasip.Standard) {
			s.Cards[0].Functions = append(s.Cards[0].Functions, s.Cards[0].Functions[0])
		},
		func(s *kasip.Standard) {
			s.Notes = []kasip.Note{{Rule: "glued-words", Path: "title", Message: "an old note without a key"}}
		},
	} {
		st := clean()
		change(st)
		sts = append(sts, st)
	}
	keys := map[string]bool{}
	for _, st := range sts {
		for _, f := range Check(st, Options{Today: today}) {
			keys[f.Key] = true
			if err := validate(kasip.Message{Key: f.Key, Args: f.Args}); err != nil {
				t.Errorf("%s finding at %s: %v", f.Rule, f.Path, err)
			}
		}
	}
	if len(keys) < 30 {
		t.Errorf("only %d distinct keys checked; the cases no longer reach the rules", len(keys))
	}
}

func TestRenderPlurals(t *testing.T) {
	for _, c := range []struct {
		lang string
		n    int
		want string
	}{
		{"en", 1, "1 day"}, {"en", 2, "2 days"}, {"ru", 1, "1 день"}, {"ru", 3, "3 дня"}, {"ru", 5, "5 дней"},
		{"ru", 11, "11 дней"}, {"ru", 21, "21 день"}, {"ru", 22, "22 дня"}, {"ru", 112, "112 дней"}, {"kk", 5, "5 күн"},
	} {
		got := Render(c.lang, "review.passed", kasip.Args{"date": kasip.CodeArg("2026-01-01"), "days": kasip.NumberArg(c.n), "today": kasip.CodeArg("2026-02-01")})
		if !strings.Contains(got, c.want) {
			t.Errorf("%s %d: %q lacks %q", c.lang, c.n, got, c.want)
		}
	}
	if got := Render("de", "severity.error", nil); got != "error" {
		t.Errorf("an unknown language gives %q, want English", got)
	}
	if got := Render("en", "no.such-key", nil); got != "no.such-key" {
		t.Errorf("an unknown key gives %q, want the key", got)
	}
}
