package analyze

import (
	"github.com/kasip/kasip/internal/kktyping"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// seedKazakhWords returns the lower-case Kazakh words (with a Kazakh
// letter, only native letters) of the seed documents, each once.
func seedKazakhWords(t *testing.T) []string {
	t.Helper()
	files, _ := filepath.Glob("../../testdata/seeds/*.txt")
	if len(files) == 0 {
		t.Fatal("no seeds")
	}
	seen := map[string]bool{}
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		for _, sp := range segment(text) {
			w := normWord(text[sp.start:sp.end])
			if script(w) != 'c' || !hasKKLetter(w) || strings.ContainsAny(w, "вфхһцчщъьэюяё-./'") || seen[w] || utf8.RuneCountInString(w) < 2 || strings.ContainsAny(w, "0123456789") {
				continue
			}
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

func shareTerm(a, b []Token) bool {
	for _, x := range a {
		for _, y := range b {
			if x.Term == y.Term {
				return true
			}
		}
	}
	return false
}

// Every Kazakh word of the seeds typed without Kazakh letters (on a Russian
// keyboard) or in Latin letters without diacritics meets the word itself.
func TestFoldedKazakhMeetsKazakh(t *testing.T) {
	words := seedKazakhWords(t)
	if len(words) < 500 {
		t.Fatalf("only %d Kazakh words in the seeds", len(words))
	}
	var missCyr, missLat []string
	for _, w := range words {
		orig := Analyze(w)
		if len(orig) == 0 {
			continue // a stopword
		}
		if !shareTerm(orig, Analyze(kktyping.RussianKeyboard(w))) {
			missCyr = append(missCyr, w)
		}
		if lat := kktyping.PlainLatin(w); !shareTerm(orig, Analyze(lat)) {
			missLat = append(missLat, w+"/"+lat)
		}
	}
	t.Logf("%d words; folded Cyrillic misses %d, plain Latin misses %d", len(words), len(missCyr), len(missLat))
	if len(missCyr) > 0 {
		t.Errorf("Cyrillic without Kazakh letters does not meet: %q", missCyr)
	}
	if len(missLat)*100 > len(words) {
		t.Errorf("plain Latin does not meet %d of %d words (more than 1%%): %q", len(missLat), len(words), missLat)
	}
}

// The folded term is marked, so that exact Kazakh ranks first.
func TestFoldTermMarked(t *testing.T) {
	toks := Analyze("қызметтерін көрсету")
	var own, fold []string
	for _, tk := range toks {
		if tk.Fold {
			fold = append(fold, tk.Term)
		} else {
			own = append(own, tk.Term)
		}
	}
	if strings.Join(own, " ") != "қызмет көрсету" || strings.Join(fold, " ") != "кызмет корсету" {
		t.Errorf("own %q, folded %q", own, fold)
	}
	for _, q := range []string{"кызметтерин корсету", "qyzmetterin korsetu"} {
		if !shareTerm(atPos(Analyze(q), 0), atPos(toks, 0)) {
			t.Errorf("%q does not meet қызметтерін: %+v", q, Analyze(q))
		}
	}
}

func atPos(toks []Token, pos int) []Token {
	var out []Token
	for _, t := range toks {
		if t.Pos == pos {
			out = append(out, t)
		}
	}
	return out
}
