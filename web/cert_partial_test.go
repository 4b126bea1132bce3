package web_test

import (
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kasip/kasip/internal/testtool"
	"github.com/kasip/kasip/recognition"
	"github.com/kasip/kasip/web/service"
)

// TestCertificatePartialWithHead: the administrator enters the head of
// the centre on the centre's page; a decision recognising one skill only
// gives a certificate whose public page (kk, ru, en), credential and PDF
// say "partial" plainly and list that skill by title, issued by a
// recognition centre and signed by that head.
func TestCertificatePartialWithHead(t *testing.T) {
	pdftotext := testtool.Need(t, "poppler-utils", "pdftotext")
	e := newRecEnv(t, "")
	e.post(recAdmin, "/recognition/centres/"+strconv.FormatInt(e.centre, 10), url.Values{
		"name_kk": {"Жастар тану орталығы"}, "name_ru": {"Центр признания молодёжи"}, "bin": {"050440001239"},
		"head_position_kk": {"Директор"}, "head_position_ru": {"Директор центра"}, "head_name": {"Сәуле Ермекқызы Әбенова"}})
	e.page(recAdmin, "/recognition/centres/"+strconv.FormatInt(e.centre, 10), http.StatusOK, "Сәуле Ермекқызы Әбенова")

	prog := e.approvedProgramme()
	unit := prog.Units[0]
	appID := e.certDecidedAs(prog, recCandidate, time.Date(1990, 1, 15, 0, 0, 0, 0, time.UTC), 200,
		recognition.DecisionInput{Outcome: recognition.OutcomeUnits, Units: []string{unit}, Reason: "тек бір дағды расталды"})
	var c service.CertificateView
	e.checked(e.call(recManager, "POST", "/api/v1/applications/"+strconv.FormatInt(appID, 10)+"/certificate", nil),
		"/api/v1/applications/{id}/certificate", http.StatusCreated, &c)
	if c.Whole || len(c.Units) != 1 {
		t.Fatalf("certificate %+v", c)
	}
	title := c.Units[0].Title

	for lang, want := range map[string]string{
		"kk": "Ішінара тану", "ru": "Частичное признание", "en": "Partial recognition",
	} {
		page := uiText(string(e.do("-", "GET", "/verify/"+url.PathEscape(c.Number)+"?lang="+lang, nil).body))
		if !strings.Contains(page, want) || !strings.Contains(page, title["kk"]) {
			t.Errorf("%s page lacks %q or the skill %q:\n%s", lang, want, title["kk"], certClip(page))
		}
	}
	cred := string(e.do("-", "GET", "/verify/"+url.PathEscape(c.Number)+"/credential.json", nil).body)
	for _, want := range []string{"ІШІНАРА ТАНУ", "ЧАСТИЧНОЕ ПРИЗНАНИЕ", "Ішінара тану / Частичное признание", title["kk"]} {
		if !strings.Contains(cred, want) {
			t.Errorf("the credential lacks %q", want)
		}
	}
	pdf := e.do("-", "GET", "/verify/"+url.PathEscape(c.Number)+"/certificate.pdf", nil)
	file := filepath.Join(t.TempDir(), "c.pdf")
	if err := os.WriteFile(file, pdf.body, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pdftotext, file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	text := string(out)
	for _, want := range []string{"Тану орталығы", "Центр признания", "Ішінара:", "Частичное:", "ЧАСТИЧНОЕ ПРИЗНАНИЕ",
		"Директор центра", "Сәуле Ермекқызы Әбенова", "М.О. / М.П."} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "сертификации") || strings.Contains(text, "Сертификаттау") {
		t.Error("the PDF names a certification centre")
	}
}
