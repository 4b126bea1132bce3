package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/internal/schematest"
	"github.com/kasip/kasip/web"
	"github.com/kasip/kasip/web/api"
	"github.com/kasip/kasip/web/httpx"
	"github.com/kasip/kasip/web/i18n"
	"github.com/kasip/kasip/web/session"
	"github.com/kasip/kasip/web/webtest"
)

const apiTestToken = "test-admin-token-ж"

// apiEnv is a server on a real store, in a temporary SQLite file.
type apiEnv struct {
	t   *testing.T
	srv *httptest.Server
	reg kasip.Registry
}

func newAPIEnv(t *testing.T, opt session.Options, wrap func(kasip.Registry) kasip.Registry) *apiEnv {
	t.Helper()
	st := webtest.Store(t, "")
	// No accounts: the API tests sign in with the administrator token.
	svc := webtest.Services(st)
	svc.Accounts = nil
	if wrap != nil {
		// A wrapped registry is only a registry, as the server sees it.
		svc = web.Services{Registry: wrap(st)}
		if sr, ok := svc.Registry.(kasip.Searcher); ok {
			svc.Search = sr // a fake search
		}
	}
	reg := svc.Registry
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	if opt.Now == nil {
		opt.Now = func() time.Time { return time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC) }
	}
	return &apiEnv{t: t, srv: webtest.Start(t, svc, opt).Server, reg: reg}
}

// apiResp is a response read whole.
type apiResp struct {
	*http.Response
	body []byte
}

func (r apiResp) String() string { return fmt.Sprintf("%d %s", r.StatusCode, r.body) }

// do sends a request; header is alternating names and values.
func (e *apiEnv) do(method, path string, body io.Reader, header ...string) apiResp {
	e.t.Helper()
	return send(e.t, e.srv.Client(), method, e.srv.URL+path, body, header...)
}

// send sends a request with c and reads the answer whole; header is
// alternating names and values.
func send(t testing.TB, c *http.Client, method, url string, body io.Reader, header ...string) apiResp {
	t.Helper()
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("%s %s: reading the body: %v", method, url, err)
	}
	return apiResp{res, b}
}

func (e *apiEnv) get(path string, header ...string) apiResp {
	e.t.Helper()
	return e.do(http.MethodGet, path, nil, header...)
}

// getJSON GETs path, wants 200, checks the body against the OpenAPI
// document and decodes it into v.
func (e *apiEnv) getJSON(path, pattern string, v any) {
	e.t.Helper()
	r := e.get(path)
	if r.StatusCode != http.StatusOK {
		e.t.Fatalf("GET %s: %s", path, r)
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/json" {
		e.t.Errorf("GET %s: Content-Type %q", path, ct)
	}
	checkAPIResponse(e.t, http.MethodGet, pattern, r)
	if err := json.Unmarshal(r.body, v); err != nil {
		e.t.Fatalf("GET %s: %v", path, err)
	}
}

// wantProblem checks that r is a problem+json with status and, when
// param is not "", names that parameter.
func (e *apiEnv) wantProblem(r apiResp, method, pattern string, status int, param string) httpx.Problem {
	e.t.Helper()
	if r.StatusCode != status {
		e.t.Fatalf("%s %s: got %s, want status %d", method, r.Request.URL.Path, r, status)
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/problem+json; charset=utf-8" {
		e.t.Errorf("problem Content-Type %q", ct)
	}
	var p httpx.Problem
	if err := json.Unmarshal(r.body, &p); err != nil {
		e.t.Fatalf("problem body %s: %v", r.body, err)
	}
	if p.Status != status || p.Title == "" || p.Type != "about:blank" {
		e.t.Errorf("problem %+v", p)
	}
	if p.Parameter != param {
		e.t.Errorf("%s: problem names parameter %q, want %q (%s)", r.Request.URL, p.Parameter, param, r.body)
	}
	if pattern != "" {
		checkAPIResponse(e.t, method, pattern, r)
	}
	return p
}

// upload builds a multipart body with the files as "file" parts.
func apiMultipart(t *testing.T, files map[string][]byte) (io.Reader, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		fw, err := mw.CreateFormFile("file", n)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(files[n])
	}
	mw.Close()
	return &buf, mw.FormDataContentType()
}

func (e *apiEnv) importFiles(files map[string][]byte, header ...string) apiResp {
	e.t.Helper()
	body, ct := apiMultipart(e.t, files)
	return e.do(http.MethodPost, "/api/v1/import", body, append([]string{"Content-Type", ct}, header...)...)
}

func apiReadFixtures(t *testing.T, patterns ...string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, p := range patterns {
		names, err := filepath.Glob(p)
		if err != nil || len(names) == 0 {
			t.Fatalf("no fixtures %s", p)
		}
		for _, n := range names {
			b, err := os.ReadFile(n)
			if err != nil {
				t.Fatal(err)
			}
			out[filepath.Base(n)] = b
		}
	}
	return out
}

func apiFixture(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var apiBearer = []string{"Authorization", "Bearer " + apiTestToken}

// seeded is a server with the seeds and the Russian register files imported
// through the API.
func apiSeeded(t *testing.T, opt session.Options) *apiEnv {
	t.Helper()
	if opt.AdminToken == "" {
		opt.AdminToken = apiTestToken
	}
	e := newAPIEnv(t, opt, nil)
	r := e.importFiles(apiReadFixtures(t, "../testdata/seeds/*.txt", "../testdata/ru/*.xml"), apiBearer...)
	if r.StatusCode != http.StatusOK {
		t.Fatalf("importing the fixtures: %s", r)
	}
	checkAPIResponse(t, http.MethodPost, "/api/v1/import", r)
	var res api.ImportResponse
	if err := json.Unmarshal(r.body, &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Results) != 5 {
		t.Fatalf("imported %d standards, want 5: %s", len(res.Results), r.body)
	}
	for _, x := range res.Results {
		if x.Status != kasip.ImportNew {
			t.Errorf("%s: status %q, want new", x.File, x.Status)
		}
	}
	return e
}

func (e *apiEnv) standardCount() int {
	e.t.Helper()
	var page httpx.Page[kasip.StandardSummary]
	e.getJSON("/api/v1/standards?limit=1", "/api/v1/standards", &page)
	return page.Total
}

func apiCodes(items []kasip.StandardSummary) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Code)
	}
	return out
}

func TestAPIStandards(t *testing.T) {
	e := apiSeeded(t, session.Options{})
	list := func(query string) httpx.Page[kasip.StandardSummary] {
		t.Helper()
		var p httpx.Page[kasip.StandardSummary]
		e.getJSON("/api/v1/standards"+query, "/api/v1/standards", &p)
		return p
	}

	t.Run("list", func(t *testing.T) {
		all := list("")
		want := []string{"06.001", "06.037", "25.005", "I55101015", "M84120"}
		if got := apiCodes(all.Items); !slices.Equal(got, want) || all.Total != 5 || all.Limit != 50 || all.Offset != 0 {
			t.Errorf("list: %v total %d limit %d offset %d", got, all.Total, all.Limit, all.Offset)
		}
		for q, want := range map[string][]string{
			"?family=ru":                {"06.001", "06.037", "25.005"},
			"?family=kz":                {"I55101015", "M84120"},
			"?q=m84120":                 {"M84120"},
			"?q=" + "молодеж":           nil, // the Kazakh seed has no Russian title yet
			"?lang=kk":                  {"I55101015", "M84120"},
			"?lang=en":                  nil,
			"?generated=false":          want,
			"?generated=true":           nil,
			"?review_before=2026-01-01": {"I55101015"},
			"?review_before=2030-01-01": {"I55101015", "M84120"},
			"?sort=-code":               {"M84120", "I55101015", "25.005", "06.037", "06.001"},
			"?sort=review&family=kz":    {"I55101015", "M84120"},
			"?sort=-review&family=kz":   {"M84120", "I55101015"},
		} {
			p := list(q)
			if got := apiCodes(p.Items); !slices.Equal(got, want) || p.Total != len(want) {
				t.Errorf("%s: %v (total %d), want %v", q, got, p.Total, want)
			}
		}
	})

	t.Run("pagination", func(t *testing.T) {
		var seen []string
		for off := 0; off < 6; off += 2 {
			p := list(fmt.Sprintf("?limit=2&offset=%d", off))
			if p.Total != 5 || p.Limit != 2 || p.Offset != off {
				t.Errorf("offset %d: total %d limit %d offset %d", off, p.Total, p.Limit, p.Offset)
			}
			if want := min(2, 5-off); len(p.Items) != want {
				t.Errorf("offset %d: %d items, want %d", off, len(p.Items), want)
			}
			seen = append(seen, apiCodes(p.Items)...)
		}
		if !slices.Equal(seen, apiCodes(list("").Items)) {
			t.Errorf("pages together: %v", seen)
		}
		if p := list("?offset=100"); len(p.Items) != 0 || p.Total != 5 || p.Items == nil {
			t.Errorf("past the end: %+v", p)
		}
	})

	t.Run("bad parameters", func(t *testing.T) {
		for q, param := range map[string]string{
			"limit=0":                       "limit",
			"limit=201":                     "limit",
			"limit=x":                       "limit",
			"offset=-1":                     "offset",
			"sort=bogus":                    "sort",
			"sort=--code":                   "sort",
			"generated=maybe":               "generated",
			"review_before=2025-13-01":      "review_before",
			"review_before=tomorrow":        "review_before",
			"lang=de":                       "lang",
			"family=xx":                     "family",
			"q=" + strings.Repeat("я", 201): "q",
		} {
			e.wantProblem(e.get("/api/v1/standards?"+q), "GET", "/api/v1/standards", http.StatusBadRequest, param)
		}
	})

	t.Run("one standard", func(t *testing.T) {
		r := e.get("/api/v1/standards/M84120")
		if r.StatusCode != 200 {
			t.Fatal(r)
		}
		checkAPIResponse(t, "GET", "/api/v1/standards/{code}", r)
		schematest.Validate(t, r.body)
		var st kasip.Standard
		if err := json.Unmarshal(r.body, &st); err != nil {
			t.Fatal(err)
		}
		if st.Code != "M84120" || len(st.Cards) != 2 || st.VersionKey() != "1" {
			t.Errorf("M84120: code %q, %d cards, version %q", st.Code, len(st.Cards), st.VersionKey())
		}
		// Letters are written as they are, not as \u escapes.
		if !bytes.Contains(r.body, []byte("Жастармен жұмыс жөніндегі маман")) || bytes.Contains(r.body, []byte(`\u04`)) {
			t.Error("the Kazakh text is escaped or missing")
		}

		var ru kasip.Standard
		e.getJSON("/api/v1/standards/06.001/versions/1", "/api/v1/standards/{code}/versions/{version}", &ru)
		if ru.Code != "06.001" || ru.Family != "ru" || len(ru.Cards) != 4 {
			t.Errorf("06.001: %q %q %d cards", ru.Code, ru.Family, len(ru.Cards))
		}
		p := e.wantProblem(e.get("/api/v1/standards/NOPE42"), "GET", "/api/v1/standards/{code}", 404, "")
		if !strings.Contains(p.Detail, "NOPE42") {
			t.Errorf("404 detail %q does not name the code", p.Detail)
		}
		e.wantProblem(e.get("/api/v1/standards/M84120/versions/99"), "GET", "/api/v1/standards/{code}/versions/{version}", 404, "")
		e.wantProblem(e.get("/api/v1/standards/NOPE42/versions"), "GET", "/api/v1/standards/{code}/versions", 404, "")
	})

	t.Run("sources", func(t *testing.T) {
		for _, c := range []struct{ code, version, file, ctype string }{
			{"M84120", "1", "../testdata/seeds/004_0389e6b855ff2fb2.txt", "text/plain; charset=utf-8"},
			{"I55101015", "2", "../testdata/seeds/000_78fd8bd149563dd7.txt", "text/plain; charset=utf-8"},
			{"06.037", "1", "../testdata/ru/PS_06.037_reg1052.xml", "application/xml"},
		} {
			r := e.get("/api/v1/standards/" + c.code + "/versions/" + c.version + "/sources/0")
			if r.StatusCode != 200 {
				t.Fatalf("%s source: %s", c.code, r)
			}
			if !bytes.Equal(r.body, apiFixture(t, c.file)) {
				t.Errorf("%s: the source differs from %s", c.code, c.file)
			}
			h := r.Header
			if h.Get("Content-Type") != c.ctype || h.Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("%s: Content-Type %q, nosniff %q", c.code, h.Get("Content-Type"), h.Get("X-Content-Type-Options"))
			}
			if cd := h.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") || !strings.Contains(cd, "filename*=UTF-8''"+filepath.Base(c.file)) {
				t.Errorf("%s: Content-Disposition %q", c.code, cd)
			}
		}
		e.wantProblem(e.get("/api/v1/standards/M84120/versions/1/sources/7"), "GET", "/api/v1/standards/{code}/versions/{version}/sources/{index}", 404, "")
		e.wantProblem(e.get("/api/v1/standards/M84120/versions/1/sources/x"), "GET", "/api/v1/standards/{code}/versions/{version}/sources/{index}", 400, "index")
		e.wantProblem(e.get("/api/v1/standards/M84120/versions/1/sources/-1"), "GET", "/api/v1/standards/{code}/versions/{version}/sources/{index}", 400, "index")
	})

	t.Run("lint", func(t *testing.T) {
		var late, early []struct{ Rule, Severity string }
		e.getJSON("/api/v1/standards/I55101015/lint?today=2026-01-01", "/api/v1/standards/{code}/lint", &late)
		e.getJSON("/api/v1/standards/I55101015/lint?today=2020-01-01", "/api/v1/standards/{code}/lint", &early)
		overdue := func(fs []struct{ Rule, Severity string }) bool {
			return slices.ContainsFunc(fs, func(f struct{ Rule, Severity string }) bool {
				return f.Rule == "review-overdue" && f.Severity == "error"
			})
		}
		if !overdue(late) || overdue(early) {
			t.Errorf("review-overdue: after the date %v, before %v", overdue(late), overdue(early))
		}
		e.wantProblem(e.get("/api/v1/standards/I55101015/lint?today=1.1.2026"), "GET", "/api/v1/standards/{code}/lint", 400, "today")
		e.wantProblem(e.get("/api/v1/standards/NOPE42/lint"), "GET", "/api/v1/standards/{code}/lint", 404, "")
	})

	t.Run("versions and diff", func(t *testing.T) {
		seed := apiFixture(t, "../testdata/seeds/000_78fd8bd149563dd7.txt")
		v3 := bytes.Replace(seed, []byte("версия 2, 2022 г."), []byte("версия 3, 2024 г."), 1)
		if bytes.Equal(v3, seed) {
			t.Fatal("the seed's version line moved")
		}
		r := e.importFiles(map[string][]byte{"000_v3.txt": v3}, apiBearer...)
		var res api.ImportResponse
		if r.StatusCode != 200 || json.Unmarshal(r.body, &res) != nil || len(res.Results) != 1 ||
			res.Results[0].Status != kasip.ImportNewVersion || res.Results[0].Version != "3" {
			t.Fatalf("importing version 3: %s", r)
		}
		var vs []kasip.VersionInfo
		e.getJSON("/api/v1/standards/I55101015/versions", "/api/v1/standards/{code}/versions", &vs)
		var got []string
		for _, v := range vs {
			got = append(got, v.Version)
		}
		if !slices.Equal(got, []string{"2", "3"}) {
			t.Errorf("versions %v", got)
		}
		var latest kasip.Standard
		e.getJSON("/api/v1/standards/I55101015", "/api/v1/standards/{code}", &latest)
		if latest.VersionKey() != "3" {
			t.Errorf("latest is version %q", latest.VersionKey())
		}
		if p := list("?q=I55101015"); len(p.Items) != 1 || p.Items[0].Versions != 2 || p.Items[0].Version != "3" {
			t.Errorf("list row %+v", p.Items)
		}
		r = e.get("/api/v1/standards/I55101015/versions/3/sources/0")
		if !bytes.Equal(r.body, v3) || !strings.Contains(r.Header.Get("Content-Disposition"), "000_v3.txt") {
			t.Errorf("version 3 source: %d %q", r.StatusCode, r.Header.Get("Content-Disposition"))
		}

		var d api.DiffResponse
		e.getJSON("/api/v1/standards/I55101015/diff?from=2&to=3", "/api/v1/standards/{code}/diff", &d)
		if d.From != "2" || d.To != "3" || d.Changes == nil {
			t.Errorf("diff %+v", d)
		}
		if !slices.ContainsFunc(d.Changes, func(c kasip.Change) bool { return c.Kind == "changed" && strings.Contains(c.New, "3") }) {
			t.Errorf("the diff does not show the version change: %+v", d.Changes)
		}
		var same api.DiffResponse
		e.getJSON("/api/v1/standards/I55101015/diff?from=3&to=3", "/api/v1/standards/{code}/diff", &same)
		if len(same.Changes) != 0 {
			t.Errorf("a version against itself: %+v", same.Changes)
		}
		e.wantProblem(e.get("/api/v1/standards/I55101015/diff?from=2"), "GET", "/api/v1/standards/{code}/diff", 400, "to")
		e.wantProblem(e.get("/api/v1/standards/I55101015/diff?to=2"), "GET", "/api/v1/standards/{code}/diff", 400, "from")
		e.wantProblem(e.get("/api/v1/standards/I55101015/diff?from=2&to=9"), "GET", "/api/v1/standards/{code}/diff", 404, "")
	})

	t.Run("bilingual merge", func(t *testing.T) {
		ru := apiFixture(t, "../testdata/kz/ru_template_M84120.txt")
		r := e.importFiles(map[string][]byte{"ru_template_M84120.txt": ru}, apiBearer...)
		var res api.ImportResponse
		if r.StatusCode != 200 || json.Unmarshal(r.body, &res) != nil || len(res.Results) != 1 || res.Results[0].Status != kasip.ImportMerged {
			t.Fatalf("importing the Russian text of M84120: %s", r)
		}
		var st kasip.Standard
		e.getJSON("/api/v1/standards/M84120", "/api/v1/standards/{code}", &st)
		if !slices.Contains(st.Languages, "kk") || !slices.Contains(st.Languages, "ru") {
			t.Errorf("languages after the merge: %v", st.Languages)
		}
		// The real pair disagrees on a skill's recognizability ("ұсынылады"
		// vs "-") and on the OKED section (M vs O): both values are reported
		// in the import answer and kept with the standard.
		for _, cs := range [][]kasip.Conflict{res.Results[0].Conflicts, st.Conflicts} {
			rec := slices.IndexFunc(cs, func(c kasip.Conflict) bool { return strings.HasSuffix(c.Path, ".recognizable") })
			oked := slices.IndexFunc(cs, func(c kasip.Conflict) bool { return c.Path == "oked[0].code" })
			if rec < 0 || oked < 0 {
				t.Errorf("conflicts lack recognizable or the OKED section: %+v", cs)
				continue
			}
			if v := cs[rec].Values; len(v) != 2 || v[0].Value == v[1].Value || v[0].Value == "" || v[1].Value == "" {
				t.Errorf("recognizable conflict without both values: %+v", cs[rec])
			}
		}
		if p := list("?lang=ru&family=kz"); !slices.Equal(apiCodes(p.Items), []string{"M84120"}) {
			t.Errorf("kz standards with Russian text: %v", apiCodes(p.Items))
		}
		var found bool
		for i := range 3 {
			r := e.get(fmt.Sprintf("/api/v1/standards/M84120/versions/1/sources/%d", i))
			if r.StatusCode == 200 && bytes.Equal(r.body, ru) {
				found = true
			}
		}
		if !found {
			t.Error("the Russian source file is not downloadable")
		}
	})

	t.Run("re-import is unchanged", func(t *testing.T) {
		r := e.importFiles(map[string][]byte{"again.xml": apiFixture(t, "../testdata/ru/PS_06.001_reg4.xml")}, apiBearer...)
		var res api.ImportResponse
		if r.StatusCode != 200 || json.Unmarshal(r.body, &res) != nil || len(res.Results) != 1 || res.Results[0].Status != kasip.ImportUnchanged {
			t.Fatalf("importing the same file again: %s", r)
		}
	})

	t.Run("bad uploads change nothing", func(t *testing.T) {
		before := e.standardCount()
		var versionsBefore []kasip.VersionInfo
		e.getJSON("/api/v1/standards/I55101015/versions", "/api/v1/standards/{code}/versions", &versionsBefore)
		png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89")
		v4 := bytes.Replace(apiFixture(t, "../testdata/seeds/000_78fd8bd149563dd7.txt"), []byte("версия 2, 2022 г."), []byte("версия 4, 2025 г."), 1)
		for name, files := range map[string]map[string][]byte{
			"png":            {"picture.png": png},
			"empty":          {"empty.txt": nil},
			"card only":      {"card.html": apiFixture(t, "../testdata/kz/000_78fd8bd149563dd7_card.cp1251.html")},
			"good and empty": {"a_v4.txt": v4, "b_empty.txt": []byte("  \n")},
			"good and png":   {"a_v4.txt": v4, "z.png": png},
		} {
			r := e.importFiles(files, apiBearer...)
			p := e.wantProblem(r, "POST", "/api/v1/import", http.StatusUnprocessableEntity, "")
			if p.Detail == "" {
				t.Errorf("%s: no reader message", name)
			}
			for n := range files {
				if n != "a_v4.txt" && !strings.Contains(p.Detail, n) {
					t.Errorf("%s: detail %q does not name %s", name, p.Detail, n)
				}
			}
		}
		if after := e.standardCount(); after != before {
			t.Errorf("standards: %d before, %d after bad uploads", before, after)
		}
		var versionsAfter []kasip.VersionInfo
		e.getJSON("/api/v1/standards/I55101015/versions", "/api/v1/standards/{code}/versions", &versionsAfter)
		if len(versionsAfter) != len(versionsBefore) {
			t.Errorf("versions of I55101015: %d before, %d after (a good file of a rejected request was imported)", len(versionsBefore), len(versionsAfter))
		}

		// Not multipart, and multipart without a file.
		r := e.do("POST", "/api/v1/import", strings.NewReader(`{"file":"x"}`), append([]string{"Content-Type", "application/json"}, apiBearer...)...)
		e.wantProblem(r, "POST", "/api/v1/import", http.StatusUnsupportedMediaType, "")
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		mw.WriteField("note", "no file here")
		mw.Close()
		r = e.do("POST", "/api/v1/import", &buf, append([]string{"Content-Type", mw.FormDataContentType()}, apiBearer...)...)
		e.wantProblem(r, "POST", "/api/v1/import", http.StatusBadRequest, "file")
		r = e.do("POST", "/api/v1/import", strings.NewReader("--x\r\nbroken"), append([]string{"Content-Type", "multipart/form-data; boundary=x"}, apiBearer...)...)
		e.wantProblem(r, "POST", "/api/v1/import", http.StatusBadRequest, "")
	})
}

func TestAPIProfessions(t *testing.T) {
	e := apiSeeded(t, session.Options{})
	list := func(query string) httpx.Page[kasip.Profession] {
		t.Helper()
		var p httpx.Page[kasip.Profession]
		e.getJSON("/api/v1/professions"+query, "/api/v1/professions", &p)
		return p
	}
	all := list("?limit=200")
	// Cards: I55101015 1, M84120 2, 06.001 4, 06.037 4, 25.005 2.
	if all.Total != 13 || len(all.Items) != 13 {
		t.Fatalf("%d professions (total %d), want 13", len(all.Items), all.Total)
	}
	for _, c := range []struct {
		query string
		ok    func(kasip.Profession) bool
		n     int
	}{
		{"?level=6", func(p kasip.Profession) bool { return p.Level == 6 }, 5},
		{"?oked=i", func(p kasip.Profession) bool { return p.StandardCode == "I55101015" }, 1},
		{"?oked=M", func(p kasip.Profession) bool { return p.StandardCode == "M84120" }, 2},
		{"?code=4224", func(p kasip.Profession) bool { return slices.Contains(p.Codes, "4224-2") }, 1},
		{"?code=3412-0", func(p kasip.Profession) bool { return p.StandardCode == "M84120" }, 1},
		{"?lang=ru", func(p kasip.Profession) bool { return slices.Contains(p.Languages, "ru") }, 10},
		{"?lang=kk&level=5", func(p kasip.Profession) bool { return p.Level == 5 && p.StandardCode == "M84120" }, 1},
		{"?q=маман", func(p kasip.Profession) bool { return p.StandardCode == "M84120" }, 1},
		{"?limit=5&offset=10", func(kasip.Profession) bool { return true }, 3},
	} {
		p := list(c.query)
		if len(p.Items) != c.n {
			t.Errorf("%s: %d professions, want %d", c.query, len(p.Items), c.n)
		}
		for _, it := range p.Items {
			if !c.ok(it) {
				t.Errorf("%s: unexpected %s card %d (level %d, codes %v)", c.query, it.StandardCode, it.Card, it.Level, it.Codes)
			}
		}
	}
	for q, param := range map[string]string{
		"level=x": "level", "level=0": "level", "level=9": "level", "oked=12": "oked", "oked=AB": "oked",
		"code=abc": "code", "lang=fr": "lang", "recognition=sometimes": "recognition", "limit=0": "limit", "offset=x": "offset",
	} {
		e.wantProblem(e.get("/api/v1/professions?"+q), "GET", "/api/v1/professions", 400, param)
	}

	id := all.Items[0].ID
	path := fmt.Sprintf("/api/v1/professions/%d", id)
	var one kasip.Profession
	e.getJSON(path, "/api/v1/professions/{id}", &one)
	if one.ID != id || one.Title.IsEmpty() {
		t.Errorf("profession %d: %+v", id, one)
	}
	e.wantProblem(e.get("/api/v1/professions/999999"), "GET", "/api/v1/professions/{id}", 404, "")
	e.wantProblem(e.get("/api/v1/professions/abc"), "GET", "/api/v1/professions/{id}", 400, "id")
	e.wantProblem(e.get("/api/v1/professions/0"), "GET", "/api/v1/professions/{id}", 400, "id")

	// Recognition: administrator only.
	next := kasip.RecognitionMandatory
	if one.Recognition == next {
		next = kasip.RecognitionVoluntary
	}
	put := func(body string, header ...string) apiResp {
		return e.do("PUT", path+"/recognition", strings.NewReader(body), append([]string{"Content-Type", "application/json"}, header...)...)
	}
	body := `{"recognition":"` + next + `"}`
	const pattern = "/api/v1/professions/{id}/recognition"
	r := put(body)
	e.wantProblem(r, "PUT", pattern, 401, "")
	if r.Header.Get("WWW-Authenticate") == "" {
		t.Error("401 without WWW-Authenticate")
	}
	e.wantProblem(put(body, "Authorization", "Bearer wrong"), "PUT", pattern, 401, "")
	e.wantProblem(put(body, "Authorization", "Basic "+apiTestToken), "PUT", pattern, 401, "")
	e.wantProblem(put(`{"recognition":"sometimes"}`, apiBearer...), "PUT", pattern, 400, "recognition")
	e.wantProblem(put(`{"recognition":"mandatory","x":1}`, apiBearer...), "PUT", pattern, 400, "")
	e.wantProblem(put(`{"recognition":"mandatory"} {}`, apiBearer...), "PUT", pattern, 400, "")
	e.wantProblem(put(`not json`, apiBearer...), "PUT", pattern, 400, "")
	e.wantProblem(put(`{"recognition":"`+strings.Repeat("x", 10000)+`"}`, apiBearer...), "PUT", pattern, 413, "")
	e.wantProblem(e.do("PUT", "/api/v1/professions/999999/recognition", strings.NewReader(body), apiBearer...), "PUT", pattern, 404, "")
	if e.get(path).StatusCode != 200 {
		t.Fatal("the profession vanished")
	}
	var unchanged kasip.Profession
	e.getJSON(path, "/api/v1/professions/{id}", &unchanged)
	if unchanged.Recognition != one.Recognition {
		t.Fatalf("a refused PUT changed recognition to %q", unchanged.Recognition)
	}

	r = put(body, apiBearer...)
	if r.StatusCode != 200 {
		t.Fatalf("PUT recognition: %s", r)
	}
	checkAPIResponse(t, "PUT", pattern, r)
	var after kasip.Profession
	e.getJSON(path, "/api/v1/professions/{id}", &after)
	if after.Recognition != next {
		t.Errorf("recognition %q after PUT %q", after.Recognition, next)
	}
	if p := list("?recognition=" + next); !slices.ContainsFunc(p.Items, func(x kasip.Profession) bool { return x.ID == id }) {
		t.Errorf("the filter recognition=%s does not find profession %d", next, id)
	}
}

func TestAPIClassifiers(t *testing.T) {
	e := apiSeeded(t, session.Options{})
	var tree []*kasip.OKEDNode
	e.getJSON("/api/v1/classifiers/oked", "/api/v1/classifiers/oked", &tree)
	var sections []string
	for _, n := range tree {
		sections = append(sections, n.Code)
	}
	for _, want := range []string{"I", "M"} {
		if !slices.Contains(sections, want) {
			t.Errorf("OKED sections %v lack %s", sections, want)
		}
	}
	var levels []api.QualificationLevel
	e.getJSON("/api/v1/classifiers/levels", "/api/v1/classifiers/levels", &levels)
	if len(levels) != 8 {
		t.Fatalf("%d levels", len(levels))
	}
	for i, l := range levels {
		if l.Level != i+1 {
			t.Errorf("level %d at %d", l.Level, i)
		}
		for _, lang := range []string{"kk", "ru", "en"} {
			if l.Name[lang] == "" || l.Description[lang] == "" || l.Education[lang] == "" {
				t.Errorf("level %d lacks %s text", l.Level, lang)
			}
		}
	}
}

func TestAPIProblems(t *testing.T) {
	e := apiSeeded(t, session.Options{})
	for lang, title := range map[string]string{"ru": "Не найдено", "en": "Not found", "kk": "Табылмады"} {
		r := e.get("/api/v1/standards/NOPE42", "Accept-Language", lang+";q=0.9")
		p := e.wantProblem(r, "GET", "/api/v1/standards/{code}", 404, "")
		if p.Title != title || r.Header.Get("Content-Language") != lang {
			t.Errorf("%s: title %q, Content-Language %q", lang, p.Title, r.Header.Get("Content-Language"))
		}
		if lang == "ru" && !strings.Contains(p.Detail, "стандарта с кодом «NOPE42»") {
			t.Errorf("ru detail %q", p.Detail)
		}
	}
	r := e.get("/api/v1/standards?limit=0", "Accept-Language", "ru-RU,ru;q=0.9,en;q=0.5")
	p := e.wantProblem(r, "GET", "/api/v1/standards", 400, "limit")
	if p.Title != "Неверный параметр" || !strings.Contains(p.Detail, "limit") || !strings.Contains(p.Detail, "от 1 до 200") {
		t.Errorf("ru 400: %+v", p)
	}

	// Unknown API paths and methods answer problem+json, not plain text.
	// A cross-site browser request that changes something is refused
	// (CSRF), even with the token.
	r = e.do("PUT", "/api/v1/professions/1/recognition", strings.NewReader(`{"recognition":"mandatory"}`),
		append([]string{"Sec-Fetch-Site", "cross-site", "Content-Type", "application/json"}, apiBearer...)...)
	e.wantProblem(r, "", "", 403, "")

	e.wantProblem(e.get("/api/v1/nothing"), "", "", 404, "")
	r = e.do("DELETE", "/api/v1/standards", nil)
	e.wantProblem(r, "", "", 405, "")
	if allow := r.Header.Get("Allow"); !strings.Contains(allow, "GET") {
		t.Errorf("405 Allow %q", allow)
	}
	e.wantProblem(e.do("GET", "/api/v1/import", nil), "", "", 405, "")
}

func TestAPIUploadTooLarge(t *testing.T) {
	e := newAPIEnv(t, session.Options{AdminToken: apiTestToken, MaxUploadSize: 4 << 10}, nil)
	files := map[string][]byte{"000.txt": apiFixture(t, "../testdata/seeds/000_78fd8bd149563dd7.txt")}
	e.wantProblem(e.importFiles(files, apiBearer...), "POST", "/api/v1/import", http.StatusRequestEntityTooLarge, "")

	// Without a Content-Length the limit is found while reading.
	body, ct := apiMultipart(t, files)
	r := e.do("POST", "/api/v1/import", io.MultiReader(body), append([]string{"Content-Type", ct}, apiBearer...)...)
	if r.Request.ContentLength > 0 {
		t.Fatal("the request was not chunked")
	}
	e.wantProblem(r, "POST", "/api/v1/import", http.StatusRequestEntityTooLarge, "")
	if n := e.standardCount(); n != 0 {
		t.Errorf("%d standards after refused uploads", n)
	}
}

func TestAPIAdminDisabled(t *testing.T) {
	e := newAPIEnv(t, session.Options{}, nil)
	files := map[string][]byte{"000.txt": apiFixture(t, "../testdata/seeds/000_78fd8bd149563dd7.txt")}
	e.wantProblem(e.importFiles(files, "Authorization", "Bearer "), "POST", "/api/v1/import", http.StatusForbidden, "")
	e.wantProblem(e.importFiles(files), "POST", "/api/v1/import", http.StatusForbidden, "")
	e.wantProblem(e.do("PUT", "/api/v1/professions/1/recognition", strings.NewReader(`{"recognition":"mandatory"}`)),
		"PUT", "/api/v1/professions/{id}/recognition", http.StatusForbidden, "")
	if n := e.standardCount(); n != 0 {
		t.Errorf("%d standards", n)
	}
}

func TestAPIConcurrent(t *testing.T) {
	e := apiSeeded(t, session.Options{})
	paths := []string{
		"/api/v1/standards", "/api/v1/standards?family=ru&sort=-title", "/api/v1/standards/M84120",
		"/api/v1/standards/06.037/versions/1", "/api/v1/standards/I55101015/versions", "/api/v1/standards/I55101015/lint",
		"/api/v1/standards/M84120/versions/1/sources/0", "/api/v1/professions?level=5", "/api/v1/classifiers/oked",
		"/api/v1/classifiers/levels", "/api/openapi.json", "/readyz", "/api/v1/standards/NOPE42",
	}
	var wg sync.WaitGroup
	errs := make(chan error, 16*len(paths))
	for g := range 16 {
		wg.Go(func() {
			client := e.srv.Client()
			for i := range 3 * len(paths) {
				p := paths[(g+i)%len(paths)]
				if g == 0 && i == 5 {
					// A write among the reads.
					body, ct := apiMultipart(t, map[string][]byte{"PS_25.005_reg27.xml": apiFixture(t, "../testdata/ru/PS_25.005_reg27.xml")})
					req, _ := http.NewRequest("POST", e.srv.URL+"/api/v1/import", body)
					req.Header.Set("Content-Type", ct)
					req.Header.Set("Authorization", "Bearer "+apiTestToken)
					res, err := client.Do(req)
					if err != nil {
						errs <- err
						continue
					}
					io.Copy(io.Discard, res.Body)
					res.Body.Close()
					if res.StatusCode != 200 {
						errs <- fmt.Errorf("concurrent import: %d", res.StatusCode)
					}
				}
				res, err := client.Get(e.srv.URL + p)
				if err != nil {
					errs <- err
					continue
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				want := 200
				if strings.Contains(p, "NOPE") {
					want = 404
				}
				if res.StatusCode != want {
					errs <- fmt.Errorf("GET %s: %d", p, res.StatusCode)
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// apiPanicky is a registry whose Standard panics.
type apiPanicky struct{ kasip.Registry }

func (apiPanicky) Standard(context.Context, string, string) (*kasip.Standard, error) {
	panic("registry exploded")
}

func TestAPIPanicDoesNotKillServer(t *testing.T) {
	e := newAPIEnv(t, session.Options{}, func(r kasip.Registry) kasip.Registry { return apiPanicky{r} })
	for range 3 {
		p := e.wantProblem(e.get("/api/v1/standards/M84120"), "GET", "/api/v1/standards/{code}", 500, "")
		if strings.Contains(p.Detail, "exploded") {
			t.Errorf("the 500 leaks the panic: %q", p.Detail)
		}
	}
	if r := e.get("/healthz"); r.StatusCode != 200 {
		t.Errorf("healthz after panics: %s", r)
	}
	var page httpx.Page[kasip.StandardSummary]
	e.getJSON("/api/v1/standards", "/api/v1/standards", &page)
}

// apiFailing is a registry whose reads fail with an internal error.
type apiFailing struct{ kasip.Registry }

func (apiFailing) ListStandards(context.Context, kasip.StandardFilter) ([]kasip.StandardSummary, int, error) {
	return nil, 0, fmt.Errorf("SQL logic error near %q: secret table", "standards")
}

func TestAPIInternalErrorIsNotLeaked(t *testing.T) {
	var logged bytes.Buffer
	var mu sync.Mutex
	logger := slog.New(slog.NewTextHandler(apiWriterFunc(func(b []byte) (int, error) {
		mu.Lock()
		defer mu.Unlock()
		return logged.Write(b)
	}), nil))
	e := newAPIEnv(t, session.Options{Logger: logger}, func(r kasip.Registry) kasip.Registry { return apiFailing{r} })
	r := e.get("/api/v1/standards")
	e.wantProblem(r, "GET", "/api/v1/standards", 500, "")
	if bytes.Contains(r.body, []byte("secret")) {
		t.Errorf("the 500 leaks the error: %s", r.body)
	}
	mu.Lock()
	defer mu.Unlock()
	if !strings.Contains(logged.String(), "secret table") {
		t.Errorf("the error is not logged: %s", logged.String())
	}
}

type apiWriterFunc func([]byte) (int, error)

func (f apiWriterFunc) Write(b []byte) (int, error) { return f(b) }

func TestContentDisposition(t *testing.T) {
	for name, want := range map[string]string{
		"004_0389e6b855ff2fb2.txt": `attachment; filename="004_0389e6b855ff2fb2.txt"; filename*=UTF-8''004_0389e6b855ff2fb2.txt`,
		"Стандарт №1.docx":         `attachment; filename="________ _1.docx"; filename*=UTF-8''%D0%A1%D1%82%D0%B0%D0%BD%D0%B4%D0%B0%D1%80%D1%82%20%E2%84%961.docx`,
		`a"b\c.txt`:                `attachment; filename="a_b_c.txt"; filename*=UTF-8''a%22b%5Cc.txt`,
		"":                         `attachment; filename="source"; filename*=UTF-8''source`,
	} {
		if got := api.ContentDisposition(name); got != want {
			t.Errorf("%q:\n got %s\nwant %s", name, got, want)
		}
	}
}

func TestAPIMessages(t *testing.T) {
	verbs := func(s string) int { return strings.Count(s, "%") - 2*strings.Count(s, "%%") }
	for key, tr := range i18n.APIMessages {
		for _, lang := range i18n.UILangs {
			s := tr[lang]
			if s == "" {
				t.Errorf("%q has no %s translation", key, lang)
			}
			if verbs(s) != verbs(key) {
				t.Errorf("%q in %s has %d verbs, the key %d", key, lang, verbs(s), verbs(key))
			}
		}
		if i18n.Translate("ru", key) == "" {
			t.Errorf("%q is not in messages", key)
		}
	}
}
