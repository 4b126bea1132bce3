package kktyping

import "testing"

func TestTyping(t *testing.T) {
	for in, want := range map[string][2]string{
		"қызмет көрсету":  {"кызмет корсету", "qyzmet korsetu"},
		"Қонақ үй":        {"Конак уй", "qonaq ui"},
		"жастармен жұмыс": {"жастармен жумыс", "zhastarmen zhumys"},
	} {
		if got := RussianKeyboard(in); got != want[0] {
			t.Errorf("RussianKeyboard(%q) = %q, want %q", in, got, want[0])
		}
		if got := PlainLatin(in); got != want[1] {
			t.Errorf("PlainLatin(%q) = %q, want %q", in, got, want[1])
		}
	}
}
