package search

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/read"
)

func readStandard(t *testing.T, path string) *kasip.Standard {
	t.Helper()
	sts, err := read.ReadFile(path, read.Options{})
	if err != nil || len(sts) != 1 {
		t.Fatalf("read %s: %v (%d standards)", path, err, len(sts))
	}
	return sts[0]
}

func TestDocuments(t *testing.T) {
	st := readStandard(t, "../testdata/ru/PS_06.001_reg4.xml")
	docs := Documents(st)
	kinds := map[string]int{}
	paths := map[string]bool{}
	for _, d := range docs {
		kinds[d.Kind]++
		key := d.Path + " " + d.Lang
		if paths[key] {
			t.Errorf("duplicate document %s", key)
		}
		paths[key] = true
		if len(d.Terms) == 0 || d.Text == "" || d.Lang == "" {
			t.Errorf("empty document %+v", d)
		}
		if (d.Card < 0) != (d.Kind == kasip.KindStandard || d.Kind == kasip.KindTerm) {
			t.Errorf("%s %s: card %d", d.Kind, d.Path, d.Card)
		}
	}
	for _, k := range []string{kasip.KindStandard, kasip.KindCard, kasip.KindFunction, kasip.KindAction, kasip.KindAbility, kasip.KindKnowledge} {
		if kinds[k] == 0 {
			t.Errorf("no %s documents: %v", k, kinds)
		}
	}
	if docs[0].Kind != kasip.KindStandard || !slices.Contains(docs[0].Terms, "06.001") {
		t.Errorf("standard document %+v", docs[0])
	}
	// A function carries its code; the path points into the model.
	found := false
	for _, d := range docs {
		if d.Path == "cards[0].functions[0]" {
			found = slices.Contains(d.Terms, "a/01.3") || slices.Contains(d.Terms, "a/01.6")
			if st.Cards[0].Functions[0].Title[d.Lang] != d.Text {
				t.Errorf("function text %q", d.Text)
			}
		}
	}
	if !found {
		t.Error("the first function has no code term")
	}

	kz := Documents(readStandard(t, "../testdata/seeds/000_78fd8bd149563dd7.txt"))
	kinds = map[string]int{}
	for _, d := range kz {
		kinds[d.Kind]++
	}
	if kinds[kasip.KindSkill] == 0 || kinds[kasip.KindKnowledge] == 0 || kinds[kasip.KindAbility] == 0 {
		t.Errorf("Kazakh kinds %v", kinds)
	}
}

func TestParseQuery(t *testing.T) {
	q := ParseQuery(`қонақтар "программного кода" консульт* M84120`)
	if len(q.Clauses) != 5 || q.Phrases != 1 {
		t.Fatalf("%+v", q)
	}
	c := q.Clauses
	if c[0].Phrase != 0 || c[1].Phrase != 1 || c[2].Phrase != 1 || c[2].Offset != 1 || !c[3].Prefix || !c[4].Code {
		t.Errorf("%+v", c)
	}
	if ParseQuery("M84120").Code() != "m84120" || ParseQuery("A/01.3").Code() != "a/01.3" || ParseQuery("12").Code() != "" ||
		ParseQuery("қонақ").Code() != "" || ParseQuery("M84120 қонақ").Code() != "" {
		t.Error("Code()")
	}
	// An unclosed quote is plain text; a one-word phrase is a word.
	if q := ParseQuery(`"қонақ`); q.Phrases != 0 || len(q.Clauses) != 1 {
		t.Errorf("%+v", q)
	}
	if q := ParseQuery(`"қонақ"`); q.Clauses[0].Phrase != 0 {
		t.Errorf("%+v", q)
	}
	if q := ParseQuery(` " `); len(q.Clauses) != 0 {
		t.Errorf("%+v", q)
	}
}

func vocabOf(texts ...string) *Vocab {
	df := map[string]int{}
	word := map[string]string{}
	for _, tx := range texts {
		seen := map[string]bool{}
		for _, term := range Terms(tx) {
			if !seen[term] {
				seen[term] = true
				df[term]++
			}
		}
		for _, w := range strings.Fields(tx) {
			for _, term := range Terms(w) {
				if word[term] == "" {
					word[term] = strings.ToLower(w)
				}
			}
		}
	}
	var es []Entry
	for term, n := range df {
		es = append(es, Entry{term, n, word[term]})
	}
	return NewVocab(es)
}

func TestExpandAndMatch(t *testing.T) {
	texts := []string{
		"Қонақтардың өтініштерін қабылдау",
		"Жастарға консультациялық көмек көрсету",
		"Разработка программного кода",
		"Программный код и его тестирование",
	}
	v := vocabOf(texts...)

	q := ParseQuery("қонақтар")
	q.Expand(v)
	if !q.Matches(postings(texts[0]), true) || q.Matches(postings(texts[1]), true) {
		t.Error("қонақтар")
	}
	q = ParseQuery("кнсультация")
	q.Expand(v)
	if !q.Matches(postings(texts[1]), true) || !q.Clauses[0].Unknown {
		t.Errorf("typo: %+v", q.Clauses[0])
	}
	if dym := q.DidYouMean("кнсультация"); dym != "консультациялық" {
		t.Errorf("did you mean %q", dym)
	}
	q = ParseQuery("прог*")
	q.Expand(v)
	if !q.Matches(postings(texts[2]), true) || !q.Matches(postings(texts[3]), true) {
		t.Errorf("prefix %+v", q.Clauses[0].Match)
	}
	q = ParseQuery(`"программного кода"`)
	q.Expand(v)
	if !q.PhraseMatch(texts[2]) || q.PhraseMatch("код программного") || !q.PhraseMatch("в программном коде") {
		t.Error("phrase")
	}
	hl := q.Highlights(texts[2])
	if len(hl) != 2 || texts[2][hl[0][0]:hl[0][1]] != "программного" || texts[2][hl[1][0]:hl[1][1]] != "кода" {
		t.Errorf("highlights %v", hl)
	}
}

func postings(text string) []Posting {
	var out []Posting
	for term, n := range TermCounts(Terms(text)) {
		out = append(out, Posting{term, n})
	}
	return out
}

func TestScoring(t *testing.T) {
	if IDF(100, 1) <= IDF(100, 50) || IDF(100, 100) <= 0 {
		t.Error("idf")
	}
	texts := []string{"қонақ үй", "қонақ үйдің қонақтарына қызмет көрсету және тағы басқа көп сөздер"}
	v := vocabOf(texts...)
	st := Stats{Docs: 2, Length: len(Terms(texts[0])) + len(Terms(texts[1]))}
	q := ParseQuery("қонақ")
	q.Expand(v)
	short := q.Score(kasip.KindKnowledge, len(Terms(texts[0])), postings(texts[0]), st, v)
	long := q.Score(kasip.KindKnowledge, len(Terms(texts[1])), postings(texts[1]), st, v)
	if short <= 0 || long <= 0 {
		t.Fatalf("scores %v %v", short, long)
	}
	title := q.Score(kasip.KindStandard, len(Terms(texts[1])), postings(texts[1]), st, v)
	if math.Abs(title-3*long) > 1e-9 {
		t.Errorf("standard weight: %v vs %v", title, long)
	}
	if Impact(kasip.KindStandard, 1, 5) <= Impact(kasip.KindKnowledge, 1, 5) || Impact(kasip.KindSkill, 1, 5) <= Impact(kasip.KindSkill, 1, 30) ||
		Impact(kasip.KindSkill, 2, 5) <= Impact(kasip.KindSkill, 1, 5) {
		t.Error("impact order")
	}
	a := TermCounts(Terms("жастарға консультациялық көмек"))
	b := TermCounts(Terms("жастарға консультация беру"))
	c := TermCounts(Terms("станок ЧПУ"))
	if s := Cosine(a, a, st, v); math.Abs(s-1) > 1e-9 {
		t.Errorf("cosine with itself %v", s)
	}
	if Cosine(a, b, st, v) <= Cosine(a, c, st, v) {
		t.Error("cosine order")
	}
}

func TestVocab(t *testing.T) {
	v := NewVocab([]Entry{{"консультац", 3, "консультация"}, {"конструктор", 1, ""}, {"қонақ", 5, "қонақ"}, {"06.001", 1, ""}})
	if v.Len() != 4 || v.DF("қонақ") != 5 || v.Word("конструктор") != "конструктор" {
		t.Error("basics")
	}
	near := v.Similar("кнсультац", MinSimilar, 5)
	if len(near) != 1 || near[0].Term != "консультац" {
		t.Errorf("similar %v", near)
	}
	if got := v.Prefix("кон", 10); !slices.Equal(got, []string{"консультац", "конструктор"}) {
		t.Errorf("prefix %v", got)
	}
	if v.Similar("06.00", 0.1, 5) != nil || v.Prefix("к", 5) != nil {
		t.Error("codes and one-letter prefixes are not expanded")
	}
}

// A prefix that starts no vocabulary term is taken for a typo, like a word:
// "жаст*" meets the stem "жас" (жастар, жастармен).
func TestExpandUnknownPrefix(t *testing.T) {
	v := NewVocab([]Entry{{Term: "жас", DF: 10, Word: "жастар"}, {Term: "жұмыс", DF: 20, Word: "жұмыс"}})
	q := ParseQuery("жаст*")
	q.Expand(v)
	if _, ok := q.Clauses[0].Match["жас"]; !ok {
		t.Errorf("жаст*: %+v", q.Clauses[0])
	}
}
