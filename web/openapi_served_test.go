package web_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kasip/kasip/docs"
	"github.com/kasip/kasip/web/api"
	"github.com/kasip/kasip/web/httpx"
	"github.com/kasip/kasip/web/service"
	"github.com/kasip/kasip/web/session"
)

// TestOpenAPIServedReferences reads the document from a real server as a
// validator would: every $ref must resolve inside it, and every address it
// names on this server (externalDocs, links) must be served; the Standard
// schemas must be the served docs/standard.schema.json.
func TestOpenAPIServedReferences(t *testing.T) {
	env := newAPIEnv(t, session.Options{}, nil)
	r := env.do("GET", "/api/openapi.json", nil)
	var doc map[string]any
	if err := json.Unmarshal(r.body, &doc); err != nil {
		t.Fatalf("GET /api/openapi.json: %d: %v", r.StatusCode, err)
	}
	refs := 0
	oaWalkRefs(doc, func(ref string) {
		refs++
		frag, ok := strings.CutPrefix(ref, "#")
		if !ok {
			t.Errorf("reference %q leaves the document: a validator reading a saved copy cannot follow it", ref)
			return
		}
		if _, err := oaLookup(doc, frag); err != nil {
			t.Errorf("reference %q: %v", ref, err)
		}
	})
	urls := oaLinks(doc)
	if refs == 0 || len(urls) == 0 {
		t.Fatalf("%d references, %d addresses: the test checked nothing", refs, len(urls))
	}
	for _, u := range urls {
		if !strings.HasPrefix(u, "/") {
			continue // another site's address (json-schema.org, w3.org)
		}
		got := env.do("GET", u, nil)
		if got.StatusCode != http.StatusOK || !json.Valid(got.body) {
			t.Errorf("the document names %s; GET answers %d %s", u, got.StatusCode, got.Header.Get("Content-Type"))
		}
	}

	// The schema is served byte for byte as published, and the document's
	// Standard schemas are it.
	r = env.do("GET", api.StandardSchemaPath, nil)
	if !bytes.Equal(r.body, docs.StandardSchema) || r.Header.Get("Content-Type") != "application/schema+json" {
		t.Errorf("GET %s: %d %s, %d bytes", api.StandardSchemaPath, r.StatusCode, r.Header.Get("Content-Type"), len(r.body))
	}
	if want, err := os.ReadFile("../docs/standard.schema.json"); err != nil || !bytes.Equal(want, docs.StandardSchema) {
		t.Errorf("the embedded schema is not docs/standard.schema.json (%v)", err)
	}
	var served map[string]any
	if err := json.Unmarshal(r.body, &served); err != nil {
		t.Fatal(err)
	}
	schemas := doc["components"].(map[string]any)["schemas"].(map[string]any)
	defs := served["$defs"].(map[string]any)
	for name, def := range defs {
		b, _ := json.Marshal(def)
		want := strings.ReplaceAll(string(b), `"#/$defs/`, `"#/components/schemas/`+api.StandardSchemaPrefix)
		got, _ := json.Marshal(schemas[api.StandardDef(name)])
		if string(got) != want {
			t.Errorf("components/schemas/%s is not $defs/%s of the served schema", api.StandardDef(name), name)
		}
	}
	if std, _ := schemas["Standard"].(map[string]any); std == nil || std["title"] != served["title"] {
		t.Error("components/schemas/Standard is not the served schema's root")
	}
}

// oaLinks lists the addresses the document names: externalDocs and any
// other url member.
func oaLinks(v any) []string {
	var out []string
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if s, ok := x.(string); ok && k == "url" {
				out = append(out, s)
			}
			out = append(out, oaLinks(x)...)
		}
	case []any:
		for _, x := range v {
			out = append(out, oaLinks(x)...)
		}
	}
	return out
}

// TestOpenAPISpecValidator runs openapi-spec-validator (Python) on the
// document as served, references fetched from the same server.
func TestOpenAPISpecValidator(t *testing.T) {
	bin, err := exec.LookPath("openapi-spec-validator")
	if err != nil {
		if os.Getenv("KASIP_REQUIRE_ALL") == "1" {
			t.Fatal("openapi-spec-validator is not installed and KASIP_REQUIRE_ALL=1 (pip install openapi-spec-validator)")
		}
		t.Skip("openapi-spec-validator is not installed")
	}
	env := newAPIEnv(t, session.Options{}, nil)
	served := env.do("GET", "/api/openapi.json", nil)
	// As saved to a file, and as fetched from the server by the library's
	// validate_url (the command reads files and standard input only).
	file := filepath.Join(t.TempDir(), "openapi.json")
	if err := os.WriteFile(file, served.body, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(bin, file).CombinedOutput(); err != nil || !strings.Contains(string(out), ": OK") {
		t.Errorf("openapi-spec-validator %s: %v\n%s", file, err, out)
	}
	stdin := exec.Command(bin, "-")
	stdin.Stdin = bytes.NewReader(served.body)
	if out, err := stdin.CombinedOutput(); err != nil || !strings.Contains(string(out), ": OK") {
		t.Errorf("openapi-spec-validator -: %v\n%s", err, out)
	}
	python := filepath.Join(filepath.Dir(bin), "python3")
	if _, err := os.Stat(python); err != nil {
		python = "python3"
	}
	byURL := exec.Command(python, "-c", "import sys\nfrom openapi_spec_validator import validate_url\nvalidate_url(sys.argv[1])\nprint('OK')",
		env.srv.URL+"/api/openapi.json")
	if out, err := byURL.CombinedOutput(); err != nil || !strings.Contains(string(out), "OK") {
		t.Errorf("validate_url: %v\n%s", err, out)
	}
}

// TestVerifyPageAsJSON: the verification page's address answers a program
// asking for JSON with the certificate's public view, as the document
// declares, and an unknown number with a problem, not a page; the status
// list the credential names answers as declared too.
func TestVerifyPageAsJSON(t *testing.T) {
	e := newRecEnv(t, "")
	appID := e.certDecided(e.approvedProgramme(), recCandidate, time.Date(1990, 1, 15, 0, 0, 0, 0, time.UTC), 201)
	var c service.CertificateView
	e.checked(e.call(recManager, "POST", fmt.Sprintf("/api/v1/applications/%d/certificate", appID), nil),
		"/api/v1/applications/{id}/certificate", http.StatusCreated, &c)
	path := "/verify/" + url.PathEscape(c.Number)
	var pub service.CertificateView
	e.checked(e.do("-", "GET", path, nil, "Accept", "application/json"), "/verify/{number}", http.StatusOK, &pub)
	if pub.Number != c.Number || pub.Status != "valid" || pub.ApplicationID != 0 {
		t.Errorf("the JSON verification: %+v", pub)
	}
	e.problem(e.do("-", "GET", "/verify/NO-SUCH-1", nil, "Accept", "application/json"), "/verify/{number}", http.StatusNotFound)
	if page := e.do("-", "GET", path, nil, "Accept", "text/html"); !strings.HasPrefix(page.Header.Get("Content-Type"), "text/html") {
		t.Errorf("a browser got %q", page.Header.Get("Content-Type"))
	}
	e.problem(e.do("-", "GET", "/status/x/revocation", nil), "/status/{list}/{purpose}", http.StatusBadRequest)
}

func TestWantsJSON(t *testing.T) {
	for accept, want := range map[string]bool{
		"":                                        false,
		"text/html,application/xhtml+xml,*/*":     false,
		"application/json":                        true,
		"application/problem+json":                true,
		"text/html;q=0.9, application/json":       true,
		"application/json;q=0, text/html":         false,
		"application/ld+json, text/html;q=0.5":    true,
		"*/*":                                     false,
		"garbage;;, application/json":             true,
		"application/vc+ld+json;profile=\"x\"":    true,
		"image/png":                               false,
		"application/xml, application/json;q=1":   true,
		"text/html, application/json":             false,
		"application/json, text/html":             true,
		"application/json;q=0.5, text/html;q=0.8": false,
	} {
		r := httptest.NewRequest("GET", "/verify/X-1", nil)
		r.Header.Set("Accept", accept)
		if got := httpx.WantsJSON(r); got != want {
			t.Errorf("Accept %q: %v, want %v", accept, got, want)
		}
	}
}
