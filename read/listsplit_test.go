package read

import (
	"reflect"
	"testing"
)

func TestSplitNumbered(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		want     []string
		problems []string
	}{
		{"semicolons glued", "1. Бірінші;2. Екінші;3. Үшінші.", []string{"Бірінші", "Екінші", "Үшінші."}, nil},
		{"full stop glued", "5. ЖРО қызметі мен мамандану ерекшеліктерін білу.6. Оқытуды жүргізу", nil, []string{"list starts at 5, expected 1"}},
		{"missing full stop", "7. Қауіпсіздік шаралары 8. Шет тілі. 9. Әдеп", nil, []string{"list starts at 7, expected 1"}},
		{"no space after number", "3. Аудиториямен жұмыс;4.Көшбасшылық, делегация", nil, []string{"list starts at 3, expected 1"}},
		{"years and numbers inside items", `1. 2019 жылғы 19 қарашадағы № 444бұйрығы (№ 19619 тіркелген);2. "Заң" 2023 – 2029 жылдарға`, []string{"2019 жылғы 19 қарашадағы № 444бұйрығы (№ 19619 тіркелген)", `"Заң" 2023 – 2029 жылдарға`}, nil},
		{"decimal codes are not numbers", "1. ЭҚЖЖ 84.12 бойынша 2.5 есе", []string{"ЭҚЖЖ 84.12 бойынша 2.5 есе"}, nil},
		{"parenthesis numbers", "1) білім – ақпарат;\n2) дағды – қабілет", []string{"білім – ақпарат", "дағды – қабілет"}, nil},
		{"gap", "1. Бір. 2. Екі. 4. Төрт.", []string{"Бір.", "Екі.", "Төрт."}, []string{"numbering jumps from 2 to 4"}},
		{"unnumbered", "Бастамашылық, жауапкершілік", []string{"Бастамашылық, жауапкершілік"}, nil},
		{"abbreviation т.б. stays", "1. Билеттер (әуе, т/ж, кино және т.б.). 2. Келесі", []string{"Билеттер (әуе, т/ж, кино және т.б.).", "Келесі"}, nil},
		{"starts at 2", "2. Екі. 3. Үш", []string{"Екі.", "Үш"}, []string{"list starts at 2, expected 1"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			items, problems := splitNumbered(tc.in)
			var got, gotP []string
			for _, it := range items {
				got = append(got, it.Text)
			}
			for _, p := range problems {
				gotP = append(gotP, p.Message)
			}
			if tc.want != nil && !reflect.DeepEqual(got, tc.want) {
				t.Errorf("items = %q, want %q", got, tc.want)
			}
			if tc.want == nil && len(got) != 2 && len(got) != 3 {
				t.Errorf("items = %q", got)
			}
			if !reflect.DeepEqual(gotP, tc.problems) {
				t.Errorf("problems = %q, want %q", gotP, tc.problems)
			}
		})
	}
}

func TestSplitNumberedCounts(t *testing.T) {
	for in, n := range map[string]int{
		"5. ЖРО қызметі мен мамандану ерекшеліктерін білу.6. Оқытуды жүргізу": 2,
		"7. Қауіпсіздік шаралары 8. Шет тілі. 9. Әдеп":                        3,
		"3. Аудиториямен жұмыс;4.Көшбасшылық, делегация":                      2,
	} {
		items, _ := splitNumbered(in)
		if len(items) != n {
			t.Errorf("%q: %d items, want %d", in, len(items), n)
		}
	}
}

func TestSplitPlain(t *testing.T) {
	got := splitPlain("Бастамашылық, жауапкершілік, өзін-өзі дамыту, білімдарлық.")
	if len(got) != 4 || got[3].Text != "білімдарлық" {
		t.Errorf("got %+v", got)
	}
}

func TestSplitCells(t *testing.T) {
	for in, want := range map[string][]string{
		"Топтың коды:\t|\t1210-0-020": {"Топтың коды:", "1210-0-020"},
		"Код: | 3412-0-003":           {"Код:", "3412-0-003"},
		"\t6\tБөлім басшысы":          {"", "6", "Бөлім басшысы"},
	} {
		if got := splitCells(in); !reflect.DeepEqual(got, want) {
			t.Errorf("splitCells(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSplitCellMarkup(t *testing.T) {
	got := splitCell(`<p>Машықтар:</p> <ol style="list-style-type: none"> 1. Бір. <p>Білімдер:</p> 1. Екі`)
	want := []string{"Машықтар:", "1. Бір.", "Білімдер:", "1. Екі"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestMatchLabel(t *testing.T) {
	tests := []struct {
		in    string
		id    labelID
		num   int
		rest  string
		glued bool
	}{
		{"Дағды 1ЖРО қызметін ұйымдастыру", lSkill, 1, "ЖРО қызметін ұйымдастыру", true},
		{"Дағды 1 (кәсіби міндет): Жоспар", lSkill, 1, "Жоспар", false},
		{"Еңбек функциясы 3:Жастар жұмысын дамыту", lFunction, 3, "Жастар жұмысын дамыту", false},
		{"Дағдыны тану мүмкіндігі:", lRecognizable, 0, "", false},
		{"Трудовая функция 2: Содействие", lFunction, 2, "Содействие", false},
		{"подуровень квалификации по ОРК:", lSubLevel, 0, "", false},
		{"СБШ бойынша біліктіліктің кіші деңгейі", lSubLevel, 0, "", false},
		{"СБШ бойынша біліктілік деңгейі:", lLevel, 0, "", false},
		{"Білімдер: 1. Заң", lKnowledge, 0, "1. Заң", false},
		{"5. Кәсіптік стандарттың коды: М84120.", lCode, 0, "М84120.", false},
	}
	for _, tc := range tests {
		m, ok := matchLabel(tc.in, labels)
		if !ok || m.id != tc.id || m.num != tc.num || m.rest != tc.rest || m.glued != tc.glued {
			t.Errorf("matchLabel(%q) = %+v, %v; want id %d num %d rest %q glued %v", tc.in, m, ok, tc.id, tc.num, tc.rest, tc.glued)
		}
	}
	for _, in := range []string{"Білім деңгейі: жоғары білім", "Дағдылары мен білімі", "Қабілеттілік пен дарын"} {
		if m, ok := matchLabel(in, labels); ok && (m.id == lKnowledge || m.id == lSkill || m.id == lAbilities) {
			t.Errorf("%q taken for label %d", in, m.id)
		}
	}
}
