package web_test

import (
	"archive/zip"
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/kasip/kasip/jobdesc"
	"github.com/kasip/kasip/web/session"
)

// TestJobDescriptionRoute: the public job description of a card, in the
// language asked for or the card's, as JSON (checked against the OpenAPI
// document), DOCX and PDF attachments; a bad parameter is a 400 naming
// it, a missing card or language a 404.
func TestJobDescriptionRoute(t *testing.T) {
	e := apiSeeded(t, session.Options{AdminToken: apiTestToken})
	const pattern = "/api/v1/standards/{code}/cards/{card}/job-description"
	var d jobdesc.Description
	e.getJSON("/api/v1/standards/M84120/cards/1/job-description", pattern, &d)
	if d.Lang != "kk" || d.Card != 1 || len(d.Sections) != 8 || d.Standard.Code != "M84120" || d.Title == "" {
		t.Fatalf("description: %+v", d)
	}
	ru := e.get("/api/v1/standards/06.001/cards/0/job-description?lang=ru")
	if ru.StatusCode != http.StatusOK || ru.Header.Get("Content-Language") != "ru" || !strings.Contains(string(ru.body), "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ") && !strings.Contains(string(ru.body), "Должностные обязанности") {
		t.Errorf("ru: %s", ru)
	}
	// Without lang, a Russian-only standard is described in Russian
	// even when the request asks for Kazakh.
	if r := e.get("/api/v1/standards/06.001/cards/0/job-description", "Accept-Language", "kk"); r.Header.Get("Content-Language") != "ru" {
		t.Errorf("no lang on a Russian standard: %s", r)
	}

	docx := e.get("/api/v1/standards/M84120/cards/1/job-description?format=docx&lang=kk")
	if docx.StatusCode != http.StatusOK || docx.Header.Get("Content-Type") != jobdesc.DocxContentType ||
		!strings.Contains(docx.Header.Get("Content-Disposition"), "M84120-card-1-kk.docx") {
		t.Fatalf("docx: %s", docx)
	}
	zr, err := zip.NewReader(bytes.NewReader(docx.body), int64(len(docx.body)))
	if err != nil || len(zr.File) < 5 {
		t.Fatalf("the DOCX is not a package: %v", err)
	}
	pdf := e.get("/api/v1/standards/M84120/cards/1/job-description?format=pdf")
	if pdf.StatusCode != http.StatusOK || pdf.Header.Get("Content-Type") != jobdesc.PDFContentType || !bytes.HasPrefix(pdf.body, []byte("%PDF")) {
		t.Fatalf("pdf: %s", pdf)
	}

	for _, tc := range []struct {
		path   string
		status int
		param  string
	}{
		{"/api/v1/standards/M84120/cards/x/job-description", 400, "card"},
		{"/api/v1/standards/M84120/cards/-1/job-description", 400, "card"},
		{"/api/v1/standards/M84120/cards/0/job-description?lang=en", 400, "lang"},
		{"/api/v1/standards/M84120/cards/0/job-description?format=odt", 400, "format"},
		{"/api/v1/standards/M84120/cards/99/job-description", 404, ""},
		{"/api/v1/standards/M84120/cards/0/job-description?lang=ru", 404, ""},
		{"/api/v1/standards/NOPE/cards/0/job-description", 404, ""},
		{"/api/v1/standards/M84120/cards/0/job-description?version=99", 404, ""},
	} {
		e.wantProblem(e.get(tc.path), http.MethodGet, pattern, tc.status, tc.param)
	}
}
