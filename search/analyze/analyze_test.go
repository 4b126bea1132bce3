package analyze

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"unicode/utf8"
)

// terms returns the own (not folded) terms of Analyze(s) in order.
func terms(s string) []string {
	var out []string
	for _, t := range Analyze(s) {
		if !t.Fold {
			out = append(out, t.Term)
		}
	}
	return out
}

func sameTerms(t *testing.T, a, b string) {
	t.Helper()
	if ta, tb := terms(a), terms(b); !reflect.DeepEqual(ta, tb) {
		t.Errorf("%q → %q, %q → %q: want the same terms", a, ta, b, tb)
	}
}

func TestNormalisation(t *testing.T) {
	sameTerms(t, "Ёлка в лесу", "елка в лесу")
	sameTerms(t, "Кoнак", "Конак")       // Latin o inside a Cyrillic word
	sameTerms(t, "Қoнaқтaр", "қонақтар") // Latin o and a
	sameTerms(t, "ҚЫЗМЕТ", "қызмет")
	sameTerms(t, "білім", "б\u0456л\u0456м") // Latin i → і
	sameTerms(t, "кәсіп", "кəсіп")           // Latin schwa → ә
	sameTerms(t, "wоrker", "worker")         // Cyrillic о inside a Latin word
	sameTerms(t, "Ко\u0308п", "Кӧп")         // NFC: decomposed diaeresis
}

func TestLatinKazakh(t *testing.T) {
	if got, want := terms("qonaq üi"), []string{"қонақ", "үй"}; !reflect.DeepEqual(got, want) {
		t.Errorf("qonaq üi → %q, want %q", got, want)
	}
	sameTerms(t, "qonaqtar", "қонақтар")
	sameTerms(t, "qonaqtardyñ", "қонақтардың")
	sameTerms(t, "sag'at", "сағат") // 2017 apostrophe digraph
	// "bilim" could be English: it yields the English and the Kazakh term.
	if got := terms("bilim"); !reflect.DeepEqual(got, []string{"bilim", "білім"}) {
		t.Errorf("bilim → %q", got)
	}
	sameTerms(t, "jastarğa", "жастарға")   // ğ → ғ
	sameTerms(t, "qyzmet", "қызмет")       // 2017/informal y → ы
	sameTerms(t, "qızmetter", "қызметтер") // 2021 ı → ы
	sameTerms(t, "äleumettik", "әлеуметтік")
	sameTerms(t, "şaralar", "шаралар")
	// A Cyrillic word with no Kazakh letter and no context gets both stems.
	if got := terms("шара"); !reflect.DeepEqual(got, []string{"шара", "шар"}) {
		t.Errorf("шара → %q, want the Kazakh and the Russian stem", got)
	}
	// Plausible English words are kept as English and transliterated.
	toks := Analyze("bala")
	if len(toks) > 2 && toks[2].Fold {
		toks = toks[:2]
	}
	if len(toks) != 2 || toks[0].Pos != toks[1].Pos || toks[1].Term != "бала" {
		t.Errorf("bala → %+v, want English and Kazakh terms at one position", toks)
	}
	// In recognisably English text English words are English only.
	if got := terms("the youth worker"); !reflect.DeepEqual(got, []string{"youth", "worker"}) {
		t.Errorf("the youth worker → %q", got)
	}
}

func TestCodes(t *testing.T) {
	for in, want := range map[string]string{
		"55.10.1": "55.10.1", "A/01.6": "a/01.6", "А/01.6": "a/01.6", // Cyrillic А
		"3412-0-003": "3412-0-003", "I55101015": "i55101015", "М84120": "m84120",
		"6B01": "6b01", "(код 55.10.1).": "55.10.1",
	} {
		var got string
		for _, tk := range Analyze(in) {
			if tk.Code {
				got = tk.Term
			}
		}
		if got != want {
			t.Errorf("%q: code %q, want %q", in, got, want)
		}
	}
	if got := terms("1-ші деңгей"); !reflect.DeepEqual(got, []string{"1", "деңгей"}) {
		t.Errorf("1-ші деңгей → %q", got)
	}
}

func TestOffsetsAndPositions(t *testing.T) {
	text := "Қонақтармен жұмыс және «Кoнак» — 55.10.1; qonaq üi, s'ag'at."
	want := []string{"Қонақтармен", "жұмыс", "Кoнак", "55.10.1", "qonaq", "üi", "s'ag'at"}
	var toks []Token
	for _, tk := range Analyze(text) {
		if !tk.Fold {
			toks = append(toks, tk)
		}
	}
	var got []string
	for _, tk := range toks {
		got = append(got, text[tk.Start:tk.End])
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("surface words %q, want %q", got, want)
	}
	if toks[1].Pos != 1 || toks[2].Pos != 3 { // "және" is a stopword but keeps its position
		t.Errorf("positions %d, %d: want 1, 3", toks[1].Pos, toks[2].Pos)
	}
}

func TestStemPairs(t *testing.T) {
	for _, c := range []struct{ a, b, lang string }{
		{"тестирование", "тестированию", "ru"},
		{"консультация", "консультациями", "ru"},
		{"workers", "worker", "en"},
		{"qualification", "qualifications", "en"},
	} {
		if sa, sb := Stem(c.a, c.lang), Stem(c.b, c.lang); sa != sb {
			t.Errorf("%s: %s → %s, %s → %s", c.lang, c.a, sa, c.b, sb)
		}
	}
	// Through Analyze, which chooses the language itself.
	for _, p := range [][2]string{
		{"тестирование", "тестированию"},
		{"консультация", "консультациялық"}, // Kazakh derivative of a Russian loan
		{"консультация жастарға", "консультациялық жастардың"},
		{"функций", "функцияларының"},
		{"стандарты", "стандарттың"},
		{"қонақтар", "қонақтардың"},
		{"қонақтар", "қонақтарды"},
		{"жастар", "жастарға"},
		{"workers", "worker"},
	} {
		sameTerms(t, p[0], p[1])
	}
}

func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{"Қонақтармен жұмыс", "qonaq üi", "s'ag'at", "A/01.6 55.10.1-",
		"Ко\u0308п", "onyn'", "1-ші", "\xff\xfe", "a''b", "wоrker", "--'.'"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prev := -1
		for _, tk := range Analyze(s) {
			if tk.Start < 0 || tk.End > len(s) || tk.Start >= tk.End {
				t.Fatalf("bad offsets %+v in %q", tk, s)
			}
			// A word is never cut inside a rune: its bytes are valid UTF-8
			// and, in valid text, both ends fall on rune starts.
			onRunes := !utf8.ValidString(s) || utf8.RuneStart(s[tk.Start]) && (tk.End == len(s) || utf8.RuneStart(s[tk.End]))
			if !utf8.ValidString(s[tk.Start:tk.End]) || !onRunes {
				t.Fatalf("offsets %+v not on rune boundaries in %q", tk, s)
			}
			if tk.Pos < prev || tk.Term == "" {
				t.Fatalf("bad token %+v in %q", tk, s)
			}
			prev = tk.Pos
		}
	})
}

func BenchmarkAnalyze(b *testing.B) {
	files, _ := filepath.Glob("../../testdata/seeds/*.txt")
	var text []byte
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		text = append(text, data...)
	}
	if len(text) == 0 {
		b.Skip("no seeds")
	}
	s := string(text)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Analyze(s)
	}
}
