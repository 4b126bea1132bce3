package web_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/kasip/kasip/internal/registertest"
	"github.com/kasip/kasip/web/api"
	"github.com/kasip/kasip/web/session"
)

const (
	ruProg    = "../testdata/ru/PS_06.001_reg4.xml"
	ruNetwork = "../testdata/ru/PS_06.037_reg1052.xml"
	ruCNC     = "../testdata/ru/PS_25.005_reg27.xml"
)

// postRegister posts one register file and returns code → status of the
// results, each of which must name the file.
func postRegister(t *testing.T, e *apiEnv, name string, data []byte) map[string]string {
	t.Helper()
	r := e.importFiles(map[string][]byte{name: data}, apiBearer...)
	if r.StatusCode != http.StatusOK {
		t.Fatalf("import %s: %s", name, r)
	}
	checkAPIResponse(t, http.MethodPost, "/api/v1/import", r)
	var res api.ImportResponse
	if err := json.Unmarshal(r.body, &res); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, x := range res.Results {
		if x.File != name {
			t.Errorf("result names file %q, want %q", x.File, name)
		}
		if _, dup := got[x.Code]; dup {
			t.Errorf("%s named twice: %s", x.Code, r.body)
		}
		got[x.Code] = x.Status
	}
	return got
}

func wantResults(t *testing.T, what string, got, want map[string]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %v, want %v", what, got, want)
	}
	for c, w := range want {
		if got[c] != w {
			t.Errorf("%s: %s %q, want %q (all %v)", what, c, got[c], w, got)
		}
	}
}

// TestAPIImportRegisterFile: POST /api/v1/import of a register file of
// several standards stores each under its own code and reports each.
func TestAPIImportRegisterFile(t *testing.T) {
	e := newAPIEnv(t, session.Options{AdminToken: apiTestToken}, nil)
	first := registertest.File(t, []string{ruProg, ruNetwork}, nil)
	wantResults(t, "first", postRegister(t, e, "register.xml", first), map[string]string{"06.001": "new", "06.037": "new"})
	wantResults(t, "again", postRegister(t, e, "register.xml", first), map[string]string{"06.001": "unchanged", "06.037": "unchanged"})
	second := registertest.File(t, []string{ruProg, ruNetwork, ruCNC}, registertest.Rename(ruProg, "Программист", "Программист-разработчик"))
	wantResults(t, "changed", postRegister(t, e, "register-2.xml", second),
		map[string]string{"06.001": "updated", "06.037": "unchanged", "25.005": "new"})
	for _, code := range []string{"06.001", "06.037", "25.005"} {
		if r := e.do(http.MethodGet, "/api/v1/standards/"+code, nil); r.StatusCode != http.StatusOK {
			t.Errorf("GET %s: %s", code, r)
		}
	}
}
