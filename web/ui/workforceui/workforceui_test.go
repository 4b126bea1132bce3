package workforceui

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/kasip/kasip/web/i18n"
	"github.com/kasip/kasip/web/ui/page"
	"github.com/kasip/kasip/workforce"
)

// Every name the pages show for a code is translated, and every code of
// the domain has a name.
func TestNamesTranslated(t *testing.T) {
	tables := map[string][][2]string{"kinds": kindNames, "roles": roleNames, "action kinds": actionKindNames, "statuses": statusNames,
		"sources": sourceNames, "item kinds": itemKindNames, "changes": changeKindNames, "notices": doneMessages}
	for name, table := range tables {
		for _, e := range table {
			for _, lang := range i18n.UILangs {
				if i18n.Messages[e[1]][lang] == "" {
					t.Errorf("%s: %q has no %s translation", name, e[1], lang)
				}
			}
		}
	}
	for name, codes := range map[string][]string{"kinds": workforce.Kinds(), "roles": workforce.MemberRoles(),
		"action kinds": workforce.ActionKinds(), "statuses": workforce.ActionStatuses()} {
		for _, c := range codes {
			if nameOf(tables[name], c) == "" {
				t.Errorf("%s: %q has no name", name, c)
			}
		}
	}
}

// The messages of the forms' own mistakes (formError keys) are
// translated; web/ui's test finds the other keys of this package.
func TestFormErrorsTranslated(t *testing.T) {
	re := regexp.MustCompile(`\bkey: ("(?:[^"\\]|\\.)*")`)
	files, err := filepath.Glob("*.go")
	if err != nil || len(files) == 0 {
		t.Fatal("no sources", err)
	}
	n := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			k, err := strconv.Unquote(m[1])
			if err != nil {
				continue
			}
			n++
			for _, lang := range i18n.UILangs {
				if i18n.Messages[k][lang] == "" {
					t.Errorf("%s: %q has no %s translation", f, k, lang)
				}
			}
		}
	}
	if n < 3 {
		t.Errorf("found only %d form error keys: is the pattern right?", n)
	}
}

func TestPointerPath(t *testing.T) {
	for ptr, want := range map[string]string{
		"/cards/1/functions/0/skills/2/title": "cards[1].functions[0].skills[2].title",
		"/title":                              "title",
		"/cards/0/education/3":                "cards[0].education[3]",
		"/a~1b/0":                             "a/b[0]",
	} {
		if got := pointerPath(ptr); got != want {
			t.Errorf("pointerPath(%q) = %q, want %q", ptr, got, want)
		}
	}
}

func TestWordDiff(t *testing.T) {
	o, n := page.WordDiff("жастармен жұмыс <істеу>", "жастармен бірге жұмыс <істеу>")
	if string(o) != "жастармен жұмыс &lt;істеу&gt;" || string(n) != "жастармен <ins>бірге</ins> жұмыс &lt;істеу&gt;" {
		t.Errorf("wordDiff: %q, %q", o, n)
	}
}
