package lint

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/kasip/kasip"
)

var sample = []Finding{
	{Rule: "review-overdue", Severity: Error, Standard: "M84120", Key: "review.passed",
		Args: kasip.Args{"date": kasip.CodeArg("2026-11-05"), "days": kasip.NumberArg(17), "today": kasip.CodeArg("2026-11-22")},
		Path: "technical.review_date", Source: SourceRef{File: "004.txt", Line: 200}},
	{Rule: "mixed-script", Severity: Warning, Standard: "M84120", Key: "mixed-script.code-field",
		Args: kasip.Args{"code": kasip.QuoteArg("М84120"), "letters": kasip.ListArg(kasip.Message{Key: "letters.one", Args: kasip.Args{"list": kasip.CodeArg("М (U+041C)")}}), "fixed": kasip.QuoteArg("M84120")},
		Path: "code_original", Source: SourceRef{File: "004.txt"}},
	{Rule: "numbering", Severity: Info, Standard: "06.001", Key: "note.text", Args: kasip.Args{"text": kasip.CodeArg("<p> kept")},
		Path: "cards[0].purpose", Source: SourceRef{File: "x.docx", Element: "w:body/w:tbl[2]"}},
	{Rule: "glued-words", Severity: Warning, Key: "note.text", Args: kasip.Args{"text": kasip.CodeArg("no source")}},
}

func TestText(t *testing.T) {
	for _, c := range []struct {
		lang string
		want []string
	}{
		{"en", []string{
			"004.txt:200: error: M84120: the planned review date 2026-11-05 passed 17 days before 2026-11-22; expected the standard to be reviewed and a new date set [review-overdue] (technical.review_date)",
			`004.txt: warning: M84120: code "М84120" is typed with Cyrillic letter М (U+041C) where Latin letters belong; expected "M84120" [mixed-script] (code_original)`,
			"x.docx (w:body/w:tbl[2]): info: 06.001: <p> kept [numbering] (cards[0].purpose)",
			"-: warning: no source [glued-words]",
			"4 findings: 1 error, 2 warnings, 1 info",
		}},
		{"ru", []string{
			"004.txt:200: ошибка: M84120: плановая дата пересмотра 2026-11-05 прошла за 17 дней до 2026-11-22; ожидается пересмотр стандарта и новая дата [review-overdue] (technical.review_date)",
			"004.txt: предупреждение: M84120: в коде «М84120» вместо латиницы набрана кириллица: буква М (U+041C); ожидается «M84120» [mixed-script] (code_original)",
			"x.docx (w:body/w:tbl[2]): сведения: 06.001: <p> kept [numbering] (cards[0].purpose)",
			"-: предупреждение: no source [glued-words]",
			"4 замечания: 1 ошибка, 2 предупреждения, сведений: 1",
		}},
		{"kk", []string{
			"004.txt:200: қате: M84120: жоспарлы қайта қарау күні 2026-11-05 2026-11-22 күніне дейін 17 күн бұрын өтіп кеткен; күтілетіні: стандартты қайта қарап, жаңа күн белгілеу [review-overdue] (technical.review_date)",
			"004.txt: ескерту: M84120: «М84120» кодында латын әріптерінің орнына кирилл әрпімен М (U+041C) жазылған; күтілетіні: «M84120» [mixed-script] (code_original)",
			"x.docx (w:body/w:tbl[2]): ақпарат: 06.001: <p> kept [numbering] (cards[0].purpose)",
			"-: ескерту: no source [glued-words]",
			"4 ескертпе: 1 қате, 2 ескерту, 1 ақпарат",
		}},
	} {
		var b bytes.Buffer
		if err := Text(&b, sample, c.lang); err != nil {
			t.Fatal(err)
		}
		if got := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n"); !slices.Equal(got, c.want) {
			t.Errorf("Text in %s wrote\n%s\nwant\n%s", c.lang, strings.Join(got, "\n"), strings.Join(c.want, "\n"))
		}
	}
	for lang, want := range map[string]string{"en": "no findings\n", "ru": "замечаний нет\n", "kk": "ескертулер жоқ\n"} {
		var b bytes.Buffer
		if err := Text(&b, nil, lang); err != nil || b.String() != want {
			t.Errorf("Text(nil, %s) = %q, %v; want %q", lang, b.String(), err, want)
		}
	}
}

func TestJSON(t *testing.T) {
	for _, fs := range [][]Finding{nil, {}} {
		var b bytes.Buffer
		if err := JSON(&b, fs); err != nil || b.String() != "[]\n" {
			t.Errorf("JSON(%#v) = %q, %v; want []", fs, b.String(), err)
		}
	}
	fs := slices.Clone(sample)
	Localize(fs, "ru")
	var b bytes.Buffer
	if err := JSON(&b, fs); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"message": "<p> kept"`) || !strings.Contains(b.String(), `"line": 200`) {
		t.Errorf("JSON escapes HTML or lacks the line:\n%s", b.String())
	}
	for _, part := range []string{`"key": "review.passed"`, `"days": {`, `"kind": "number"`, `"value": 17`, `"standard": "M84120"`, `"message": "плановая дата пересмотра 2026-11-05 прошла за 17 дней`} {
		if !strings.Contains(b.String(), part) {
			t.Errorf("JSON lacks %s:\n%s", part, b.String())
		}
	}
	var back []Finding
	if err := json.Unmarshal(b.Bytes(), &back); err != nil || !reflect.DeepEqual(back, fs) {
		t.Errorf("JSON does not round-trip: %v\n%s", err, b.String())
	}
	var raw []map[string]any
	_ = json.Unmarshal(b.Bytes(), &raw)
	for _, key := range []string{"rule", "severity", "standard", "key", "args", "message", "path", "source"} {
		if _, ok := raw[0][key]; !ok {
			t.Errorf("JSON finding lacks %q: %v", key, raw[0])
		}
	}
}
