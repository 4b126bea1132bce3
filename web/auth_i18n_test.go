package web_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/internal/testtool"
	"github.com/kasip/kasip/web/i18n"
	"github.com/kasip/kasip/web/session"
)

// Messages of every list (uiMessages and those registered by other files)
// have all three languages and the verbs of their key, and no key is in
// two lists.
func TestRegisteredMessages(t *testing.T) {
	verbs := regexp.MustCompile(`%(?:\[\d+\])?[a-z]`)
	seen := map[string]int{}
	for i, list := range i18n.UIMessageLists() {
		for _, m := range list {
			if j, ok := seen[m[0]]; ok && j != i {
				t.Errorf("%q is in two message lists", m[0])
			}
			seen[m[0]] = i
			want := len(verbs.FindAllString(m[0], -1))
			for k, lang := range []string{"en", "kk", "ru"} {
				if m[k] == "" {
					t.Errorf("%q has no %s text", m[0], lang)
				}
				if got := len(verbs.FindAllString(m[k], -1)); got != want {
					t.Errorf("%q in %s has %d verbs, want %d", m[0], lang, got, want)
				}
			}
		}
	}
}

// The strings of the account code (auth*.go, ui_account*.go) are
// translated: the keys it passes to translate, uiT, apiT, problems and
// field errors, and the role names.
func TestAccountMessagesComplete(t *testing.T) {
	res := []*regexp.Regexp{
		regexp.MustCompile(`[tT]ranslate\([\w.()]+, ("(?:[^"\\]|\\.)*")`),
		regexp.MustCompile(`\b(?:uiT|apiT|APIT)\(r, ("(?:[^"\\]|\\.)*")`),
		regexp.MustCompile(`\bkey: ("(?:[^"\\]|\\.)*")`),
		regexp.MustCompile(`\btitle: ("(?:[^"\\]|\\.)*")`),
		regexp.MustCompile(`\bTitle: ("(?:[^"\\]|\\.)*")`),
		regexp.MustCompile(`\bFail\(w, r, http\.Status\w+, ("(?:[^"\\]|\\.)*")`),
		regexp.MustCompile(`^\s+"\w+":\s+("(?:[^"\\]|\\.)*"),$`), // notices
	}
	// The account code: sessions, the account API and the account pages.
	keys := map[string]string{}
	for _, f := range testtool.Sources(t, "session/*.go", "api/accounts.go", "service/accounts.go", "httpx/ratelimit.go", "httpx/json.go", "ui/account*.go", "ui/page/*.go") {
		for _, line := range strings.Split(f.Text, "\n") {
			for _, re := range res {
				for _, m := range re.FindAllStringSubmatch(line, -1) {
					if k, err := strconv.Unquote(m[1]); err == nil && k != "%s" {
						keys[k] = f.Path
					}
				}
			}
		}
	}
	for _, r := range auth.Roles() {
		keys[session.RoleName(r)] = "roleName"
	}
	if len(keys) < 40 {
		t.Fatalf("found only %d keys: are the patterns right?", len(keys))
	}
	for k, where := range keys {
		for _, lang := range i18n.UILangs {
			if i18n.Messages[k][lang] == "" {
				t.Errorf("%s: %q has no %s translation", where, k, lang)
			}
		}
	}
}
