package read

import (
	"testing"

	"github.com/kasip/kasip"
)

func TestNormalizeCode(t *testing.T) {
	for in, want := range map[string]struct {
		code    string
		changed bool
	}{
		"М84120.":    {"M84120", true}, // Cyrillic М
		"I55101015":  {"I55101015", false},
		"І55101015":  {"I55101015", true}, // Kazakh І
		" А/01.3 ":   {"A/01.3", true},
		"3412-0-003": {"3412-0-003", false},
	} {
		code, changed := kasip.NormalizeCode(in)
		if code != want.code || changed != want.changed {
			t.Errorf("NormalizeCode(%q) = %q, %v; want %q, %v", in, code, changed, want.code, want.changed)
		}
	}
}

func TestParseDate(t *testing.T) {
	for in, want := range map[string]string{
		"05.11.2026 ж.": "2026-11-05",
		"16.01.2024 г.": "2024-01-16",
		"23 қараша 2023 жылғы №01- 04/12":  "2023-11-23",
		"13 қазандағы 2023 жылғы № 3346":   "2023-10-13",
		"2012 жылғы 21 мамырдағы №201-ө-м": "2012-05-21",
		"18.11.2013":            "2013-11-18",
		"от 3 ноября 2023 года": "2023-11-03",
		"2025-02-28":            "2025-02-28",
		"18 мая 2020 г.":        "2020-05-18",
	} {
		got, err := kasip.ParseDate(in)
		if err != nil || got != want {
			t.Errorf("ParseDate(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "-", "31.02.2024", "нұсқа 1", "45.13.2020"} {
		if got, err := kasip.ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) = %q, want an error", bad, got)
		}
	}
}

func TestNormalizeCodeField(t *testing.T) {
	for in, want := range map[string]struct {
		code, typed string
		isCode      bool
	}{
		"М84120.":     {"M84120", "М84120", true},
		"І":           {"I", "І", true}, // an OKED section letter
		"A/01.3":      {"A/01.3", "A/01.3", true},
		"6В01":        {"6B01", "6В01", true},
		"84.12.0":     {"84.12.0", "84.12.0", true},
		"3412-0-003":  {"3412-0-003", "3412-0-003", true},
		"Жоқ":         {"", "", false},
		"нет":         {"", "", false},
		"в":           {"", "", false}, // a Russian preposition, not a section
		"2-ші деңгей": {"", "", false},
		"Код стандарта будет присвоен позже": {"", "", false},
		"М84120 кәсіптік стандарты":          {"M84120", "М84120", false},
		"Стандарт коды (М84120) беріледі.":   {"M84120", "М84120", false},
		"1210-0-020 немесе 1210-0-019":       {"", "", false},
	} {
		code, typed, isCode := kasip.NormalizeCodeField(in)
		if code != want.code || typed != want.typed || isCode != want.isCode {
			t.Errorf("NormalizeCodeField(%q) = %q, %q, %v; want %q, %q, %v", in, code, typed, isCode, want.code, want.typed, want.isCode)
		}
	}
}
