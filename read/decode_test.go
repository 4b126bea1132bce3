package read

import (
	"os"
	"testing"
	"unicode/utf16"

	"golang.org/x/text/encoding/charmap"
)

func TestDecode(t *testing.T) {
	const text = "Кәсіптің карточкасы. Карточка профессии: Программист"
	utf16le := func(s string, bom bool) []byte {
		var b []byte
		if bom {
			b = append(b, 0xFF, 0xFE)
		}
		for _, u := range utf16.Encode([]rune(s)) {
			b = append(b, byte(u), byte(u>>8))
		}
		return b
	}
	utf16be := []byte{0xFE, 0xFF}
	for _, u := range utf16.Encode([]rune(text)) {
		utf16be = append(utf16be, byte(u>>8), byte(u))
	}
	const ru = "Карточка профессии: Программист"
	cp, err := charmap.Windows1251.NewEncoder().Bytes([]byte(ru))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		in   []byte
		want string
		enc  string
	}{
		{"utf-8", []byte(text), text, EncUTF8},
		{"utf-8 bom", append([]byte{0xEF, 0xBB, 0xBF}, text...), text, EncUTF8BOM},
		{"utf-16le bom", utf16le(text, true), text, EncUTF16LE},
		{"utf-16be bom", utf16be, text, EncUTF16BE},
		{"windows-1251", cp, ru, EncCP1251},
	} {
		got, enc, err := Decode(tc.in)
		if err != nil || got != tc.want || enc != tc.enc {
			t.Errorf("%s: got %q, %q, %v", tc.name, got, enc, err)
		}
	}
	cut := []byte(text)[:len(text)-1] // inside the last letter
	if got, enc, err := Decode(cut); err != nil || enc != EncUTF8 || got != text[:len(text)-2] {
		t.Errorf("truncated UTF-8: %q %q %v", got, enc, err)
	}
	for name, bad := range map[string][]byte{
		"nul":          []byte("abc\x00def"),
		"odd utf-16":   {0xFF, 0xFE, 0x41},
		"bad bom utf8": {0xEF, 0xBB, 0xBF, 0xFF, 0xFE},
	} {
		if _, _, err := Decode(bad); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// TestSeedEncodings reads a seed re-encoded as UTF-16 and with a BOM and
// expects the same model as from UTF-8.
func TestSeedEncodings(t *testing.T) {
	data, err := os.ReadFile(seedYouth)
	if err != nil {
		t.Fatal(err)
	}
	base, err := Read("s.txt", data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var u16 []byte = []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(string(data))) {
		u16 = append(u16, byte(u), byte(u>>8))
	}
	for name, in := range map[string][]byte{"utf-16le": u16, "utf-8-bom": append([]byte{0xEF, 0xBB, 0xBF}, data...)} {
		sts, err := Read("s.txt", in, Options{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if sts[0].Sources[0].Encoding != name {
			t.Errorf("%s: encoding recorded as %q", name, sts[0].Sources[0].Encoding)
		}
		if got, want := shapeOf(sts[0]), shapeOf(base[0]); len(got) != len(want) || sts[0].Code != base[0].Code {
			t.Errorf("%s: read differently", name)
		}
		sameShape(t, shapeOf(sts[0]), shapeOf(base[0]))
	}
	// The Kazakh letters are not in windows-1251; a Russian text is.
	ru, err := os.ReadFile(ruTmpl)
	if err != nil {
		t.Fatal(err)
	}
	cp, err := charmap.Windows1251.NewEncoder().Bytes(ru)
	if err != nil {
		t.Fatal(err)
	}
	sts, err := Read("ru.txt", cp, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sts[0].Sources[0].Encoding != EncCP1251 || sts[0].Title["ru"] != "Деятельность в сфере государственной молодежной политики" {
		t.Errorf("windows-1251: %q %q", sts[0].Sources[0].Encoding, sts[0].Title["ru"])
	}
}

func TestDetect(t *testing.T) {
	for name, tc := range map[string]struct {
		path string
		want string
	}{
		"text seed":   {seedYouth, FormatText},
		"stray <p>":   {seedHotel, FormatText}, // fragments of HTML inside text are still text
		"xml":         {"../testdata/ru/PS_06.001_reg4.xml", FormatXML},
		"html":        {"../testdata/kz/004_0389e6b855ff2fb2.html", FormatHTML},
		"cp1251 html": {"../testdata/kz/000_78fd8bd149563dd7_card.cp1251.html", FormatHTML},
		"docx":        {"../testdata/kz/004_0389e6b855ff2fb2.docx", FormatDOCX},
	} {
		data, err := os.ReadFile(tc.path)
		if err != nil {
			t.Fatal(err)
		}
		if got := Detect(data); got != tc.want {
			t.Errorf("%s: Detect = %q, want %q", name, got, tc.want)
		}
	}
}
