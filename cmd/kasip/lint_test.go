package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestLintLangFlag(t *testing.T) {
	for lang, parts := range map[string][]string{
		"en": {": error: M84120: the planned review date 2026-11-05", "[review-overdue]", "findings:"},
		"ru": {": ошибка: M84120: плановая дата пересмотра 2026-11-05", "[review-overdue]", "замечани"},
		"kk": {": қате: M84120: жоспарлы қайта қарау күні 2026-11-05", "[review-overdue]", "ескертпе:"},
	} {
		code, out, errs := runCLI("lint", "--lang", lang, "--today", "2026-11-22", seedYouth)
		if code != 1 {
			t.Errorf("--lang %s: exit %d, want 1: %s", lang, code, errs)
		}
		for _, p := range parts {
			if !strings.Contains(out, p) {
				t.Errorf("--lang %s: output lacks %q:\n%s", lang, p, out)
			}
		}
	}
	if code, _, errs := runCLI("lint", "--lang", "de", seedYouth); code != 2 || !strings.Contains(errs, "kk, ru or en") {
		t.Errorf("--lang de: exit %d, %q; want 2 naming the languages", code, errs)
	}
}

func TestLintLangFromEnvironment(t *testing.T) {
	t.Setenv("KASIP_LANG", "")
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", "ru_RU.UTF-8")
	if _, out, _ := runCLI("lint", "--today", "2026-11-22", seedYouth); !strings.Contains(out, ": ошибка: ") {
		t.Errorf("LANG=ru_RU.UTF-8 did not give Russian:\n%s", out)
	}
	t.Setenv("KASIP_LANG", "kk")
	if _, out, _ := runCLI("lint", "--today", "2026-11-22", seedYouth); !strings.Contains(out, ": қате: ") {
		t.Errorf("KASIP_LANG=kk did not give Kazakh:\n%s", out)
	}
	if _, out, _ := runCLI("lint", "--lang", "en", "--today", "2026-11-22", seedYouth); !strings.Contains(out, ": error: ") {
		t.Errorf("--lang en did not win over KASIP_LANG:\n%s", out)
	}
	t.Setenv("KASIP_LANG", "xx")
	if code, _, errs := runCLI("lint", seedYouth); code != 2 || !strings.Contains(errs, "KASIP_LANG") {
		t.Errorf("KASIP_LANG=xx: exit %d, %q; want 2 naming KASIP_LANG", code, errs)
	}
}

func TestLintLangOrder(t *testing.T) {
	for _, c := range []struct {
		flag string
		env  map[string]string
		want string
	}{
		{"", nil, "en"},
		{"", map[string]string{"LANG": "ru_RU.UTF-8"}, "ru"},
		{"", map[string]string{"LANG": "kk_KZ.UTF-8"}, "kk"},
		{"", map[string]string{"LANG": "kk_KZ@cyrillic"}, "kk"},
		{"", map[string]string{"LANG": "de_DE.UTF-8"}, "en"},
		{"", map[string]string{"LANG": "C"}, "en"},
		{"", map[string]string{"LC_MESSAGES": "kk_KZ", "LANG": "ru_RU.UTF-8"}, "kk"},
		{"", map[string]string{"LC_ALL": "C.UTF-8", "LC_MESSAGES": "kk_KZ", "LANG": "ru_RU.UTF-8"}, "en"},
		{"", map[string]string{"KASIP_LANG": "ru", "LC_ALL": "kk_KZ.UTF-8"}, "ru"},
		{"kk", map[string]string{"KASIP_LANG": "ru"}, "kk"},
	} {
		got, err := lintLang(c.flag, func(k string) string { return c.env[k] })
		if err != nil || got != c.want {
			t.Errorf("lintLang(%q, %v) = %q, %v; want %q", c.flag, c.env, got, err, c.want)
		}
	}
}

func TestLintJSONKeepsKeys(t *testing.T) {
	_, out, _ := runCLI("lint", "--json", "--lang", "ru", "--today", "2026-11-22", seedYouth)
	var fs []struct {
		Rule, Standard, Key, Message string
		Args                         map[string]struct {
			Kind  string
			Value any
		}
	}
	if err := json.Unmarshal([]byte(out), &fs); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range fs {
		if f.Key == "" || f.Standard != "M84120" || f.Args == nil {
			t.Errorf("finding without key, standard or args: %+v", f)
		}
		if f.Key == "review.passed" {
			found = true
			if d := f.Args["days"]; d.Kind != "number" || d.Value != 17.0 || !strings.Contains(f.Message, "17 дней") {
				t.Errorf("review.passed: args %+v, message %q", f.Args, f.Message)
			}
		}
	}
	if !found {
		t.Error("no review.passed finding")
	}
}
