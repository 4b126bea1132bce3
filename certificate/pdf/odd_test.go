package certpdf

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// oddViews are inputs a careless or hostile caller might send. Render must
// return a PDF for each of them (all have a usable VerifyURL) and never panic.
func oddViews() map[string]View {
	long := strings.Repeat("Қазақстан Республикасының еңбек министрлігі ", 200)
	word := strings.Repeat("Ә", 5000) // one word wider than any column
	weird := "a\x00b\tc\n\rd\u200b\u202e\ufeff\U0001F600\xff\xfe e\u0301 中文 ﷽ 𝔘"
	odd := map[string]View{
		"empty":      {VerifyURL: "x"},
		"nil maps":   {Number: "1", VerifyURL: "https://e.kz/v/1", Units: []Unit{{}}},
		"long":       {Number: long, HolderName: long, Profession: map[string]string{"kk": long, "ru": long}, StandardCode: long, StandardVersion: long, StandardTitle: map[string]string{"kk": long, "ru": long}, CentreName: map[string]string{"kk": long, "ru": long}, CentreBIN: long, Status: long, VerifyURL: "https://e.kz/" + strings.Repeat("v", 300), Whole: true, Demo: true},
		"long word":  {HolderName: word, Profession: map[string]string{"kk": word}, Units: []Unit{{Path: word, Kind: KindSkill, Title: map[string]string{"kk": word, "ru": word}}}, VerifyURL: "https://e.kz/v"},
		"weird":      {Number: weird, HolderName: weird, Profession: map[string]string{"kk": weird, "en": weird}, Units: []Unit{{Path: weird, Kind: weird, Title: map[string]string{"zz": weird}}}, Status: weird, VerifyURL: weird},
		"only en":    {Profession: map[string]string{"en": "Welder", "de": "Schweißer"}, VerifyURL: "https://e.kz/v"},
		"odd values": {Level: -7, Status: "REVOKED", IssueDate: time.Date(-5, 1, 1, 0, 0, 0, 0, time.UTC), ValidUntil: time.Date(99999, 1, 1, 0, 0, 0, 0, time.FixedZone("x", 3600*13)), VerifyURL: "https://e.kz/v", Demo: true},
		"whitespace": {Number: "   ", HolderName: "\n\n\t", Profession: map[string]string{"kk": " ", "ru": ""}, VerifyURL: " "},
	}
	many := make([]Unit, 500)
	for i := range many {
		many[i] = Unit{Path: strings.Repeat("9.", i%40), Kind: KindFunction, Title: map[string]string{"kk": long[:i*7%len(long)], "ru": word[:i*2%len(word)]}}
	}
	odd["500 units"] = View{Number: "N", Units: many, VerifyURL: "https://e.kz/v", Demo: true}
	return odd
}

func TestOddInputs(t *testing.T) {
	for name, v := range oddViews() {
		t.Run(name, func(t *testing.T) {
			b, err := Render(v)
			if err != nil {
				t.Fatalf("Render: %v", err)
			}
			if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.Contains(b[len(b)-64:], []byte("%%EOF")) {
				t.Fatalf("not a complete PDF (%d bytes)", len(b))
			}
		})
	}
}

func TestOddInputsReadable(t *testing.T) {
	needTools(t, "pdfinfo")
	for _, name := range []string{"long", "weird", "500 units"} {
		t.Run(name, func(t *testing.T) {
			run(t, "pdfinfo", render(t, "odd-"+strings.ReplaceAll(name, " ", "-"), oddViews()[name]))
		})
	}
}

func TestBadURL(t *testing.T) {
	for name, url := range map[string]string{
		"empty":    "",
		"too long": strings.Repeat("й", 3000), // beyond QR version 40 at level M
	} {
		t.Run(name, func(t *testing.T) {
			v := sampleView()
			v.VerifyURL = url
			if b, err := Render(v); err == nil {
				t.Fatalf("Render succeeded (%d bytes), want an error", len(b))
			}
		})
	}
}

// FuzzRender feeds arbitrary strings into every text field.
func FuzzRender(f *testing.F) {
	f.Add("KZ-1", "Әлихан Құнанбаев", "Слесарь", "1.2", "function", "https://kasip.kz/v/1", 4, true)
	f.Add("", "", "", "", "", "x", 0, false)
	f.Add("\xff", "\U0001F600\u202e", "中", "\x00", "skill", "https://e.kz/\xff", -1, true)
	f.Fuzz(func(t *testing.T, number, name, text, path, kind, url string, lvl int, demo bool) {
		v := View{
			Number: number, HolderName: name, Level: lvl, Demo: demo, Whole: demo,
			Profession:    map[string]string{"kk": text, "ru": name},
			StandardTitle: map[string]string{"ru": text},
			CentreName:    map[string]string{"kk": number},
			Units:         []Unit{{Path: path, Kind: kind, Title: map[string]string{"kk": text}}, {Path: text, Kind: KindSkill}},
			Status:        kind, StandardCode: path, CentreBIN: number, VerifyURL: url,
		}
		b, err := Render(v)
		if err != nil {
			if strings.Contains(err.Error(), "internal error") {
				t.Fatalf("Render hit a panic: %v", err)
			}
			return // an empty or over-long URL is a legitimate error
		}
		if !bytes.HasPrefix(b, []byte("%PDF-")) {
			t.Fatal("not a PDF")
		}
	})
}
