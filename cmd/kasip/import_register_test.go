package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kasip/kasip/internal/registertest"
)

const (
	ruProg    = "../../testdata/ru/PS_06.001_reg4.xml"
	ruNetwork = "../../testdata/ru/PS_06.037_reg1052.xml"
	ruCNC     = "../../testdata/ru/PS_25.005_reg27.xml"
)

var reImportLine = regexp.MustCompile(`(?m)^(\S+)\s+(\S+) (\S+) v\S+$`)

// importLines runs `kasip import` and returns code → status from its
// summary lines.
func importLines(t *testing.T, db, file string) map[string]string {
	t.Helper()
	code, out, errb := runCLI("import", "--db", db, file)
	if code != 0 {
		t.Fatalf("import %s: exit %d\n%s%s", file, code, out, errb)
	}
	got := map[string]string{}
	for _, m := range reImportLine.FindAllStringSubmatch(out, -1) {
		if m[2] != filepath.Base(file) {
			t.Errorf("line names file %s, want %s", m[2], filepath.Base(file))
		}
		if _, dup := got[m[3]]; dup {
			t.Errorf("%s named twice:\n%s", m[3], out)
		}
		got[m[3]] = m[1]
	}
	return got
}

func wantLines(t *testing.T, what string, got, want map[string]string) {
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

// TestImportRegisterFile: `kasip import` of a register file of several
// standards names each with its own code and outcome.
func TestImportRegisterFile(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "k.db")
	first := filepath.Join(dir, "register.xml")
	if err := os.WriteFile(first, registertest.File(t, []string{ruProg, ruNetwork}, nil), 0o644); err != nil {
		t.Fatal(err)
	}
	wantLines(t, "first", importLines(t, db, first), map[string]string{"06.001": "new", "06.037": "new"})
	wantLines(t, "again", importLines(t, db, first), map[string]string{"06.001": "unchanged", "06.037": "unchanged"})

	second := filepath.Join(dir, "register-2.xml")
	data := registertest.File(t, []string{ruProg, ruNetwork, ruCNC}, registertest.Rename(ruProg, "Программист", "Программист-разработчик"))
	if err := os.WriteFile(second, data, 0o644); err != nil {
		t.Fatal(err)
	}
	wantLines(t, "changed", importLines(t, db, second),
		map[string]string{"06.001": "updated", "06.037": "unchanged", "25.005": "new"})

	code, out, errb := runCLI("export", "--db", db, "06.037")
	if code != 0 || !strings.Contains(out, "06.037") {
		t.Errorf("export 06.037: exit %d %.200s %s", code, out, errb)
	}
}

// TestImportNextToServe: `kasip import` on the SQLite file a running `kasip
// serve` process holds, several times at once, just works.
func TestImportNextToServe(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "kasip")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "k.db")
	serve := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--db", db)
	stdout, err := serve.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := serve.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		serve.Process.Kill()
		serve.Wait()
	})

	// Imports start while the server is still opening and migrating the
	// file: the processes must wait for each other, not fail.
	docs := []string{ruProg, ruNetwork, ruCNC}
	var wg sync.WaitGroup
	outs := make([]string, len(docs))
	errs := make([]error, len(docs))
	for i, d := range docs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b, err := exec.Command(bin, "import", "--db", db, d).CombinedOutput()
			outs[i], errs[i] = string(b), err
		}()
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || !reServing.MatchString(line) {
		t.Fatalf("serve's first line %q, %v", line, err)
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("import %s next to serve: %v\n%s", docs[i], err, outs[i])
		}
	}
	base := reServing.FindStringSubmatch(line)[1]
	deadline := time.Now().Add(10 * time.Second)
	for _, code := range []string{"06.001", "06.037", "25.005"} {
		for {
			st := getJSON(t, base+"/api/v1/standards/"+code, nil)
			if st == 200 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("serve answers %d for %s imported by another process", st, code)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
}
