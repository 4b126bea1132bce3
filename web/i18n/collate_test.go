package i18n

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestCollateAlphabet(t *testing.T) {
	// The Kazakh alphabet in its order, upper case.
	want := strings.Fields("А Ә Б В Г Ғ Д Е Ё Ж З И Й К Қ Л М Н Ң О Ө П Р С Т У Ұ Ү Ф Х Һ Ц Ч Ш Щ Ъ Ы І Ь Э Ю Я")
	if len(want) != 42 {
		t.Fatalf("alphabet has %d letters", len(want))
	}
	got := slices.Clone(want)
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20 {
		rng.Shuffle(len(got), func(i, j int) { got[i], got[j] = got[j], got[i] })
		slices.SortFunc(got, Collate)
		if !slices.Equal(got, want) {
			t.Fatalf("sorted alphabet:\n got %v\nwant %v", got, want)
		}
	}
}

func TestCollateWords(t *testing.T) {
	want := []string{
		"1С программист",
		"Агроном",
		"ағылшын тілі",
		"Әлеуметтік қызметкер",
		"Бағдарламашы",
		"Ғалым",
		"Директор",
		"Ёлка",
		"Жастармен жұмыс жөніндегі маман",
		"Инженер",
		"Қонақ үй менеджері",
		"Маман",
		"Ң әрпі",
		"Оператор",
		"Өндіріс шебері",
		"Программист",
		"Ұйымдастырушы",
		"Үйлестіруші",
		"Фельдшер",
		"Хатшы",
		"Һижра",
		"Цех бастығы",
		"Ыдыс жуушы",
		"Іс жүргізуші",
		"Экономист",
		"Юрист",
		"Ян",
		"Accountant",
		"engineer",
	}
	got := slices.Clone(want)
	slices.Reverse(got)
	slices.SortFunc(got, Collate)
	if !slices.Equal(got, want) {
		t.Errorf("sorted:\n got %q\nwant %q", got, want)
	}
}

func TestCollateDetails(t *testing.T) {
	cases := []struct {
		a, b string
		want int
	}{
		{"ан б", "ана", -1},           // a word boundary sorts before a letter
		{"«Ана»", "Ана", -1},          // punctuation ignored first, then breaks the tie
		{"ана", "Ана", -1},            // lower case first among equals
		{"Ана", "Ана", 0},             //
		{"Ана  бала", "Ана бала", -1}, // runs of spaces count once, raw strings break the tie
		{"Ә", "Я", -1},
		{"Я", "A", -1}, // Cyrillic before Latin
		{"9", "А", -1},
		{"Ү", "Ұ", 1},
	}
	for _, c := range cases {
		if got := Collate(c.a, c.b); got != c.want {
			t.Errorf("collate(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
		if got := Collate(c.b, c.a); got != -c.want {
			t.Errorf("collate(%q, %q) = %d, want %d (antisymmetry)", c.b, c.a, got, -c.want)
		}
	}
}
