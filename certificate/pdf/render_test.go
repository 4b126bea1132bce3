package certpdf

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var outDir = flag.String("out", "", "also write the rendered test PDFs to this directory, for looking at them")

// kazakhLetters are the letters of the Kazakh Cyrillic alphabet that
// Russian lacks; a font or encoding problem shows up on them first.
const kazakhLetters = "ӘҒҚҢӨҰҮҺІәғқңөұүһі"

func sampleView() View {
	return View{
		Number:     "KZ-2026-000123",
		HolderName: "Әлихан Ғабитұлы Құнанбаев",
		Profession: map[string]string{
			"kk": "Өнеркәсіптік жабдықты жөндеу жөніндегі слесарь",
			"ru": "Слесарь по ремонту промышленного оборудования",
		},
		Level:           4,
		StandardCode:    "ПС-0412",
		StandardVersion: "2",
		StandardTitle: map[string]string{
			"kk": "Әріптер тексеруі: ӘҒҚҢӨҰҮҺІ әғқңөұүһі — Һ һ Ү ү Ұ ұ",
			"ru": "Техническое обслуживание и ремонт оборудования",
		},
		Units: []Unit{
			{Path: "1", Kind: KindFunction, Title: map[string]string{
				"kk": "Жабдықтың ақауларын анықтау",
				"ru": "Диагностика неисправностей оборудования",
			}},
			{Path: "1.2", Kind: KindSkill, Title: map[string]string{
				"kk": "Қаңылтырды иілу және Ңғ тексеру",
				"ru": "Гибка листового металла",
			}},
		},
		CentreName: map[string]string{
			"kk": "Біліктілікті растау орталығы «Шеберлік»",
			"ru": "Центр подтверждения квалификации «Шеберлик»",
		},
		CentreBIN:  "123456789012",
		IssueDate:  time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC),
		ValidUntil: time.Date(2031, 1, 14, 0, 0, 0, 0, time.UTC),
		Status:     "active",
		VerifyURL:  "https://kasip.kz/verify/KZ-2026-000123",
	}
}

// manyUnits returns n units with short, distinct titles (short so that
// each stays on one line and can be found in the extracted text).
func manyUnits(n int) []Unit {
	us := make([]Unit, n)
	for i := range us {
		kind := KindFunction
		if i%3 == 2 {
			kind = KindSkill
		}
		us[i] = Unit{
			Path: fmt.Sprintf("%d.%d", i/5+1, i%5+1),
			Kind: kind,
			Title: map[string]string{
				"kk": fmt.Sprintf("Қызмет түрі №%02d: құжаттарды ресімдеу", i+1),
				"ru": fmt.Sprintf("Вид деятельности №%02d: оформление документов", i+1),
			},
		}
	}
	return us
}

// needTools skips when a command-line tool is missing, except under
// KASIP_REQUIRE_ALL=1, where every test must really run.
func needTools(t testing.TB, tools ...string) {
	t.Helper()
	var missing []string
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			missing = append(missing, tool)
		}
	}
	if len(missing) == 0 {
		return
	}
	msg := fmt.Sprintf("%s not found (apt-get install -y poppler-utils zbar-tools)", strings.Join(missing, ", "))
	if os.Getenv("KASIP_REQUIRE_ALL") == "1" {
		t.Fatalf("KASIP_REQUIRE_ALL=1: %s", msg)
	}
	t.Skip(msg)
}

func render(t *testing.T, name string, v View) string {
	t.Helper()
	b, err := Render(v)
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("output does not start with %%PDF-: %q", b[:min(len(b), 16)])
	}
	path := filepath.Join(t.TempDir(), name+".pdf")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if *outDir != "" {
		if err := os.WriteFile(filepath.Join(*outDir, name+".pdf"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr)
	}
	return string(out)
}

// pages returns the text of each page, as pdftotext -layout sees it.
func pages(t *testing.T, pdf string) []string {
	t.Helper()
	text := run(t, "pdftotext", "-layout", "-enc", "UTF-8", pdf, "-")
	ps := strings.Split(text, "\f")
	if len(ps) > 0 && strings.TrimSpace(ps[len(ps)-1]) == "" {
		ps = ps[:len(ps)-1]
	}
	return ps
}

func mustContain(t *testing.T, where, text string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("%s: missing %q", where, w)
		}
	}
}

func TestTextContent(t *testing.T) {
	needTools(t, "pdftotext")
	v := sampleView()
	ps := pages(t, render(t, "sample", v))
	if len(ps) != 1 {
		t.Fatalf("got %d pages, want 1", len(ps))
	}
	text := ps[0]
	mustContain(t, "page 1", text,
		v.HolderName, v.Number, v.VerifyURL,
		titleKK, titleRU,
		v.Profession["kk"], v.Profession["ru"],
		v.StandardTitle["kk"], v.StandardTitle["ru"], v.StandardCode,
		v.CentreName["kk"], v.CentreName["ru"], v.CentreBIN,
		"15.01.2026", "14.01.2031", "Жарамды / Действителен",
	)
	for _, u := range v.Units {
		mustContain(t, "page 1", text, u.Title["kk"], u.Title["ru"], u.Path)
	}
	for _, r := range kazakhLetters {
		mustContain(t, "page 1", text, string(r))
	}
	// The level is a bare number, so look for it next to its label.
	if !containsLine(text, "Біліктілік деңгейі", "4") {
		t.Errorf("level 4 not printed next to its label:\n%s", text)
	}
	for _, w := range demoLines {
		if strings.Contains(text, w) || strings.Contains(text, "DEMO") || strings.Contains(text, "ДЕМО") {
			t.Errorf("real certificate carries the demo text %q", w)
		}
	}
}

// infoField returns one "Name: value" field of pdfinfo output.
func infoField(info, name string) string {
	for l := range strings.SplitSeq(info, "\n") {
		if v, ok := strings.CutPrefix(l, name+":"); ok {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// containsLine reports whether one line of text has both parts.
func containsLine(text, a, b string) bool {
	for l := range strings.SplitSeq(text, "\n") {
		if strings.Contains(l, a) && strings.Contains(l, b) {
			return true
		}
	}
	return false
}

func TestQRCode(t *testing.T) {
	needTools(t, "pdftoppm", "zbarimg")
	for _, demo := range []bool{false, true} {
		t.Run(fmt.Sprintf("demo=%v", demo), func(t *testing.T) {
			v := sampleView()
			v.Demo = demo
			v.Units = manyUnits(12)
			pdf := render(t, fmt.Sprintf("qr-demo-%v", demo), v)
			prefix := filepath.Join(t.TempDir(), "page")
			run(t, "pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", "-singlefile", pdf, prefix)
			got := strings.TrimSpace(run(t, "zbarimg", "--raw", "-q", prefix+".png"))
			if got != v.VerifyURL {
				t.Errorf("QR code reads %q, want %q", got, v.VerifyURL)
			}
		})
	}
}

func TestPageSizeA4(t *testing.T) {
	needTools(t, "pdfinfo")
	info := run(t, "pdfinfo", render(t, "a4", sampleView()))
	if got, want := infoField(info, "Page size"), "595.28 x 841.89 pts (A4)"; got != want {
		t.Errorf("pdfinfo page size %q, want %q", got, want)
	}
}

func TestDemoBanner(t *testing.T) {
	needTools(t, "pdftotext")
	v := sampleView()
	v.Demo = true
	v.Units = manyUnits(40)
	ps := pages(t, render(t, "demo", v))
	if len(ps) < 2 {
		t.Fatalf("got %d pages, want several", len(ps))
	}
	for i, p := range ps {
		// Every page, in all three languages.
		mustContain(t, fmt.Sprintf("page %d", i+1), p,
			"ДЕМО — НАҚТЫ СЕРТИФИКАТ ЕМЕС", "ДЕМОНСТРАЦИЯ — НЕ НАСТОЯЩИЙ СЕРТИФИКАТ", "DEMO — not a real certificate")
	}
}

func TestManyUnitsContinue(t *testing.T) {
	needTools(t, "pdftotext", "pdfinfo")
	v := sampleView()
	v.Whole = true
	v.Units = manyUnits(40)
	pdf := render(t, "units40", v)
	ps := pages(t, pdf)
	if len(ps) < 2 {
		t.Fatalf("40 units on %d page(s), want 2 or more", len(ps))
	}
	all := strings.Join(ps, "\n")
	for _, u := range v.Units {
		mustContain(t, "text", all, u.Title["kk"], u.Title["ru"])
	}
	mustContain(t, "page 1", ps[0], lblWhole.kk, lblWhole.ru, v.VerifyURL)
	for i, p := range ps[1:] {
		where := fmt.Sprintf("page %d", i+2)
		mustContain(t, where, p, "Сертификат № "+v.Number+" — жалғасы / продолжение", v.HolderName)
		mustContain(t, where, p, fmt.Sprintf("Бет / Страница %d / %d", i+2, len(ps)))
	}
	info := run(t, "pdfinfo", pdf)
	if got, want := infoField(info, "Pages"), fmt.Sprint(len(ps)); got != want {
		t.Errorf("pdfinfo says %s pages, pdftotext found %s", got, want)
	}
}

func TestDeterministic(t *testing.T) {
	v := sampleView()
	v.Demo = true
	v.Units = manyUnits(30)
	a, err := Render(v)
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		b, err := Render(v)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Fatal("the same View rendered to different bytes")
		}
	}
	v.Number += "X"
	c, err := Render(v)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(a, c) {
		t.Fatal("a different View rendered to the same bytes")
	}
}

// TestConcurrent renders from several goroutines at once; under -race it
// shows that the shared embedded fonts are only read.
func TestConcurrent(t *testing.T) {
	want, err := Render(sampleView())
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			got, err := Render(sampleView())
			if err == nil && !bytes.Equal(got, want) {
				err = fmt.Errorf("concurrent render differs")
			}
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

func TestFontCoversKazakh(t *testing.T) {
	have, err := glyphs()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range kazakhLetters + "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя№«»—…·•" {
		if !have.has(r) {
			t.Errorf("embedded fonts lack %q (U+%04X)", r, r)
		}
	}
	if have.has(0x4E2D) { // 中: DejaVu Sans has no CJK, so the set must not claim it
		t.Error("glyph set claims a CJK character DejaVu Sans does not have")
	}
}

func BenchmarkRender(b *testing.B) {
	v := sampleView()
	v.Units = manyUnits(12)
	var size int
	for b.Loop() {
		out, err := Render(v)
		if err != nil {
			b.Fatal(err)
		}
		size = len(out)
	}
	b.ReportMetric(float64(size), "pdf-bytes")
}

// TestPartialAndSignature: a partial certificate says so in both
// languages, on page 1 and over the units; the issuer is a recognition
// centre; the head's position and name, a line to sign on and the seal's
// place are printed; a whole one says whole, not partial.
func TestPartialAndSignature(t *testing.T) {
	needTools(t, "pdftotext")
	v := sampleView()
	v.HeadPosition = map[string]string{"kk": "Директор", "ru": "Директор центра"}
	v.HeadName = "Сәуле Ермекқызы Әбенова"
	text := strings.Join(pages(t, render(t, "partial", v)), "\n")
	mustContain(t, "partial", text, "Тану орталығы", "Центр признания", "Ішінара:", "Частичное:",
		"ІШІНАРА ТАНУ", "ЧАСТИЧНОЕ ПРИЗНАНИЕ", "Тану орталығының басшысы", "Руководитель центра признания",
		"Директор центра", v.HeadName, "подпись", "М.О. / М.П.")
	for _, bad := range []string{"сертификации", "Сертификаттау", "Полное:"} {
		if strings.Contains(text, bad) {
			t.Errorf("partial certificate prints %q", bad)
		}
	}
	v.Whole = true
	text = strings.Join(pages(t, render(t, "whole", v)), "\n")
	mustContain(t, "whole", text, "Толық:", "Полное:")
	if strings.Contains(text, "ЧАСТИЧНОЕ") || strings.Contains(text, "Частичное") {
		t.Error("a whole certificate says partial")
	}
}
