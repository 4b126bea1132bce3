package ui

import (
	"io/fs"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/kasip/kasip/internal/testtool"
	"github.com/kasip/kasip/web/i18n"
	"github.com/kasip/kasip/web/ui/page"
)

// Every UI string must exist in Kazakh, Russian and English. The keys come
// from the templates ({{t "…"}} and {{tf "…" …}} calls), from the Go code of
// the UI (translate(lang, "…"), q.fail(…, "…"), error titles, sort labels,
// path names) and from values the templates translate at run time (OKED
// levels; lint findings come from lint's own catalogue).

var (
	uiTemplateKeyRe = regexp.MustCompile(`\b(?:t|tf)\s+("(?:[^"\\]|\\.)*")`)
	uiGoKeyRes      = []*regexp.Regexp{
		regexp.MustCompile(`[tT]ranslate\([\w.()]+, ("(?:[^"\\]|\\.)*")`),
		regexp.MustCompile(`\btr\(("(?:[^"\\]|\\.)*")\)`),
		regexp.MustCompile(`\.fail\("[^"]*", ("(?:[^"\\]|\\.)*")`),
		regexp.MustCompile(`[tT]itle: ("(?:[^"\\]|\\.)*")`),
		regexp.MustCompile(`\{"-?\w+", ("(?:[^"\\]|\\.)*")\}`),
	}
)

func uiTemplateKeys(t *testing.T) map[string]string {
	t.Helper()
	keys := map[string]string{}
	err := fs.WalkDir(page.UITemplateFS, "templates", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := page.UITemplateFS.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range uiTemplateKeyRe.FindAllStringSubmatch(string(b), -1) {
			k, err := strconv.Unquote(m[1])
			if err != nil {
				t.Errorf("%s: %s: %v", path, m[1], err)
				continue
			}
			keys[k] = path
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return keys
}

func uiGoKeys(t *testing.T) map[string]string {
	t.Helper()
	keys := map[string]string{}
	// The pages' code, and the name tables of the catalogue they use.
	for _, f := range testtool.Sources(t, "*.go", "page/*.go", "recognitionui/*.go", "workforceui/*.go", "../i18n/workforce.go",
		"../i18n/certificates.go", "../i18n/recognition_names.go", "../i18n/recognition_details.go", "../i18n/recognition_pages.go") {
		for _, re := range uiGoKeyRes {
			for _, m := range re.FindAllStringSubmatch(f.Text, -1) {
				if k, err := strconv.Unquote(m[1]); err == nil {
					keys[k] = f.Path
				}
			}
		}
	}
	for _, k := range page.UIPathNames {
		keys[k] = "uiPathNames"
	}
	for _, k := range []string{"section", "division", "group", "class", "subclass", "%d day", "%d days (2–4)", "%d days"} {
		keys[k] = "run time"
	}
	return keys
}

func TestUIMessagesComplete(t *testing.T) {
	tk := uiTemplateKeys(t)
	if len(tk) < 100 {
		t.Fatalf("found only %d keys in the templates: is the pattern right?", len(tk))
	}
	gk := uiGoKeys(t)
	if len(gk) < 60 {
		t.Fatalf("found only %d keys in the Go code: is the pattern right?", len(gk))
	}
	for _, keys := range []map[string]string{tk, gk} {
		for k, where := range keys {
			for _, lang := range i18n.UILangs {
				if i18n.Messages[k][lang] == "" {
					t.Errorf("%s: %q has no %s translation", where, k, lang)
				}
			}
		}
	}
}

// Translations keep the format verbs of their key.
func TestUIMessagesVerbs(t *testing.T) {
	verbs := regexp.MustCompile(`%(?:\[\d+\])?[a-z]`)
	for _, m := range i18n.UIMessages {
		want := len(verbs.FindAllString(m[0], -1))
		for i, lang := range []string{"en", "kk", "ru"} {
			if got := len(verbs.FindAllString(m[i], -1)); got != want {
				t.Errorf("%q in %s has %d verbs, want %d: %q", m[0], lang, got, want, m[i])
			}
		}
	}
}

// No key is listed twice, and Kazakh strings use Kazakh letters where the
// language needs them (a check against Russian text pasted as Kazakh).
func TestUIMessagesDistinct(t *testing.T) {
	seen := map[string]bool{}
	kazakh := 0
	for _, m := range i18n.UIMessages {
		if seen[m[0]] {
			t.Errorf("%q listed twice", m[0])
		}
		seen[m[0]] = true
		if strings.ContainsAny(m[1], "ӘәҒғҚқҢңӨөҰұҮүҺһІі") {
			kazakh++
		}
	}
	if kazakh < len(i18n.UIMessages)/2 {
		t.Errorf("only %d of %d Kazakh strings have Kazakh letters", kazakh, len(i18n.UIMessages))
	}
}
