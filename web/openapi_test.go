package web_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/kasip/kasip/internal/schematest"
	"github.com/kasip/kasip/web/api"
	"github.com/kasip/kasip/web/service"
	"github.com/kasip/kasip/web/session"
	"github.com/kasip/kasip/web/ui"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

var updateOpenAPI = flag.Bool("update-openapi", false, "rewrite testdata/openapi.golden.json from OpenAPIDocument")

const openAPIGolden = "testdata/openapi.golden.json"

// The document must list exactly the operations the mux serves.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	doc := api.OpenAPIDocument()
	paths := doc["paths"].(api.OAObj)

	documented := map[string]bool{}
	for p, item := range paths {
		for m := range item.(api.OAObj) {
			documented[strings.ToUpper(m)+" "+p] = true
		}
	}
	routed := map[string]bool{}
	for _, rt := range api.APIRouteTable() {
		key := rt.Method + " " + rt.Path
		if routed[key] {
			t.Errorf("route %s twice in apiRouteTable", key)
		}
		routed[key] = true
		if !documented[key] {
			t.Errorf("route %s is not in the OpenAPI document", key)
			continue
		}
		op := paths[rt.Path].(api.OAObj)[strings.ToLower(rt.Method)].(api.OAObj)
		_, secured := op["security"]
		if secured == rt.Access.IsPublic() {
			t.Errorf("%s: access %v in the routes, security %v in the document", key, rt.Access, secured)
		}
		// Path parameters agree with the pattern's wildcards.
		var wild []string
		for _, seg := range strings.Split(rt.Path, "/") {
			if strings.HasPrefix(seg, "{") {
				wild = append(wild, strings.Trim(seg, "{}."))
			}
		}
		var params []string
		for _, p := range oaResolveParams(t, doc, op) {
			if p["in"] == "path" {
				params = append(params, p["name"].(string))
			}
		}
		slices.Sort(wild)
		slices.Sort(params)
		if !slices.Equal(wild, params) {
			t.Errorf("%s: path parameters %v in the document, %v in the pattern", key, params, wild)
		}
	}
	// The public addresses signed into certificates are served by the UI's
	// routes; the document lists them too, and nothing else of the UI.
	uiRouted := map[string]bool{}
	for _, rt := range ui.UIRouteTable() {
		key := rt.Method + " " + rt.Path
		if !rt.Access.IsPublic() || !(strings.HasPrefix(rt.Path, "/verify/") || strings.HasPrefix(rt.Path, "/status/")) {
			continue
		}
		uiRouted[key] = true
		if !documented[key] {
			t.Errorf("public route %s is not in the OpenAPI document", key)
		} else if _, secured := paths[rt.Path].(api.OAObj)[strings.ToLower(rt.Method)].(api.OAObj)["security"]; secured {
			t.Errorf("public route %s has security in the document", key)
		}
	}
	for key := range documented {
		if !routed[key] && !uiRouted[key] {
			t.Errorf("the OpenAPI document has %s, which no route serves", key)
		}
	}

	// And the mux really serves every route (not the /api/ catch-all).
	s := &api.Server{Server: &service.Server{Server: &session.Server{}, Mux: http.NewServeMux()}}
	s.APIRoutes()
	for _, rt := range api.APIRouteTable() {
		path := strings.NewReplacer("{code}", "M84120", "{version}", "1", "{index}", "0", "{id}", "1").Replace(rt.Path)
		req, _ := http.NewRequest(rt.Method, path, nil)
		if _, pattern := s.Mux.Handler(req); pattern != rt.Method+" "+rt.Path {
			t.Errorf("%s %s is handled by %q", rt.Method, path, pattern)
		}
	}
}

func oaResolveParams(t *testing.T, doc api.OAObj, op api.OAObj) []api.OAObj {
	t.Helper()
	var out []api.OAObj
	ps, _ := op["parameters"].([]any)
	for _, p := range ps {
		po := p.(api.OAObj)
		if r, ok := po["$ref"].(string); ok {
			name := strings.TrimPrefix(r, "#/components/parameters/")
			po, ok = doc["components"].(api.OAObj)["parameters"].(api.OAObj)[name].(api.OAObj)
			if !ok {
				t.Fatalf("dangling parameter reference %s", r)
			}
		}
		out = append(out, po)
	}
	return out
}

// The document is what the golden file says; go test ./web -update-openapi
// rewrites the file after a deliberate change.
func TestOpenAPIGolden(t *testing.T) {
	got, err := api.OpenAPIJSON()
	if err != nil {
		t.Fatal(err)
	}
	if *updateOpenAPI {
		if err := os.MkdirAll(filepath.Dir(openAPIGolden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(openAPIGolden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(openAPIGolden)
	if err != nil {
		t.Fatalf("%v (run go test ./web -run TestOpenAPIGolden -update-openapi)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := range max(len(gl), len(wl)) {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("the OpenAPI document differs from %s at line %d:\n got %s\nwant %s\n(after a deliberate change: go test ./web -run TestOpenAPIGolden -update-openapi)", openAPIGolden, i+1, g, w)
			}
		}
	}

	// Every reference resolves, and the served document is the golden one.
	var doc any
	if err := json.Unmarshal(got, &doc); err != nil {
		t.Fatal(err)
	}
	oaWalkRefs(doc, func(ref string) {
		if !strings.HasPrefix(ref, "#") {
			return // TestOpenAPIServedReferences fetches them
		}
		if _, err := oaLookup(doc, strings.TrimPrefix(ref, "#")); err != nil {
			t.Errorf("reference %s: %v", ref, err)
		}
	})
	s := &api.Server{Server: &service.Server{Server: &session.Server{}, Mux: http.NewServeMux()}}
	s.APIRoutes()
	req, _ := http.NewRequest("GET", "/api/openapi.json", nil)
	rec := newOARecorder()
	s.Mux.ServeHTTP(rec, req)
	if rec.status != 200 || !bytes.Equal(rec.body.Bytes(), got) || rec.header.Get("Content-Type") != "application/json" {
		t.Errorf("GET /api/openapi.json: %d %q", rec.status, rec.header.Get("Content-Type"))
	}
	if _, err := openAPISchemas(); err != nil {
		t.Fatal(err)
	}
}

// oaRecorder is a minimal ResponseWriter (httptest's would do as well; this
// keeps the test free of a server).
type oaRecorder struct {
	header http.Header
	body   bytes.Buffer
	status int
}

func newOARecorder() *oaRecorder                  { return &oaRecorder{header: http.Header{}, status: 200} }
func (r *oaRecorder) Header() http.Header         { return r.header }
func (r *oaRecorder) Write(b []byte) (int, error) { return r.body.Write(b) }
func (r *oaRecorder) WriteHeader(s int)           { r.status = s }

func oaWalkRefs(v any, f func(string)) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if s, ok := x.(string); ok && k == "$ref" {
				f(s)
			}
			oaWalkRefs(x, f)
		}
	case []any:
		for _, x := range v {
			oaWalkRefs(x, f)
		}
	}
}

func oaLookup(doc any, ptr string) (any, error) {
	cur := doc
	for _, tok := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		tok = strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%q: not an object", tok)
		}
		if cur, ok = m[tok]; !ok {
			return nil, fmt.Errorf("%q: no such member", tok)
		}
	}
	return cur, nil
}

// openAPIDocURL is where the document is registered with the schema
// compiler (any absolute URL would do).
const openAPIDocURL = "https://kasip.kz/api/openapi.json"

type oaSchemaSet struct {
	doc      any
	compiler *jsonschema.Compiler
	mu       sync.Mutex
	cache    map[string]*jsonschema.Schema
}

// openAPISchemas loads the document and docs/standard.schema.json into a
// JSON Schema compiler, so responses can be validated against the schemas
// the document declares.
var openAPISchemas = sync.OnceValues(func() (*oaSchemaSet, error) {
	b, err := api.OpenAPIJSON()
	if err != nil {
		return nil, err
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	p, err := schematest.Path()
	if err != nil {
		return nil, err
	}
	sb, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	std, err := jsonschema.UnmarshalJSON(bytes.NewReader(sb))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	if err := c.AddResource(api.StandardSchemaID, std); err != nil {
		return nil, err
	}
	if err := c.AddResource(openAPIDocURL, doc); err != nil {
		return nil, err
	}
	set := &oaSchemaSet{doc: doc, compiler: c, cache: map[string]*jsonschema.Schema{}}
	// Compile every component schema once, to find errors in them early.
	for name := range doc.(map[string]any)["components"].(map[string]any)["schemas"].(map[string]any) {
		if _, err := set.compile("#/components/schemas/" + name); err != nil {
			return nil, fmt.Errorf("schema %s: %w", name, err)
		}
	}
	return set, nil
})

func (s *oaSchemaSet) compile(ptr string) (*jsonschema.Schema, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if sch, ok := s.cache[ptr]; ok {
		return sch, nil
	}
	sch, err := s.compiler.Compile(openAPIDocURL + ptr)
	if err != nil {
		return nil, err
	}
	s.cache[ptr] = sch
	return sch, nil
}

func oaEscape(s string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}

// checkResponse validates a JSON or problem+json response against the
// schema the OpenAPI document gives for method, path pattern and status.
func checkAPIResponse(t *testing.T, method, pattern string, r apiResp) {
	t.Helper()
	set, err := openAPISchemas()
	if err != nil {
		t.Fatalf("OpenAPI schemas: %v", err)
	}
	status := strconv.Itoa(r.StatusCode)
	ptr := "/paths/" + oaEscape(pattern) + "/" + strings.ToLower(method) + "/responses/" + status
	resp, err := oaLookup(set.doc, ptr)
	if err != nil {
		t.Errorf("%s %s answered %s, which the OpenAPI document does not declare (%v)", method, pattern, status, err)
		return
	}
	if ref, ok := resp.(map[string]any)["$ref"].(string); ok {
		ptr = strings.TrimPrefix(ref, "#")
		if resp, err = oaLookup(set.doc, ptr); err != nil {
			t.Fatalf("%s: %v", ref, err)
		}
	}
	mediaType := strings.TrimSpace(strings.SplitN(r.Header.Get("Content-Type"), ";", 2)[0])
	content, _ := resp.(map[string]any)["content"].(map[string]any)
	if _, ok := content[mediaType]; !ok {
		t.Errorf("%s %s %s: Content-Type %s is not declared", method, pattern, status, mediaType)
		return
	}
	sch, err := set.compile("#" + ptr + "/content/" + oaEscape(mediaType) + "/schema")
	if err != nil {
		t.Fatalf("compiling the schema of %s %s %s: %v", method, pattern, status, err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(r.body))
	if err != nil {
		t.Errorf("%s %s: not JSON: %v", method, pattern, err)
		return
	}
	if err := sch.Validate(v); err != nil {
		var ve *jsonschema.ValidationError
		if errors.As(err, &ve) {
			err = errors.New(ve.GoString())
		}
		t.Errorf("%s %s %s does not match the OpenAPI document:\n%v", method, pattern, status, err)
	}
}
