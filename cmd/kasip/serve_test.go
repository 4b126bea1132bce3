package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/kasip/kasip/internal/pgtest"
)

// syncBuffer is a bytes.Buffer safe for a writer and a reader goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var reServing = regexp.MustCompile(`serving on (http://\S+)`)

// startServe runs `kasip serve` in-process and returns its base URL.
func startServe(t *testing.T, ctx context.Context, args ...string) (string, <-chan int) {
	t.Helper()
	out, errb := &syncBuffer{}, &syncBuffer{}
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), strings.NewReader(""), out, errb)
	}()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if m := reServing.FindStringSubmatch(out.String()); m != nil {
			return m[1], done
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited %d: %s", code, errb.String())
		case <-time.After(50 * time.Millisecond):
		}
	}
	t.Fatalf("serve did not start: %s", errb.String())
	return "", nil
}

func getJSON(t *testing.T, url string, v any) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if v != nil && resp.StatusCode == 200 {
		if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
			t.Fatal(err)
		}
	}
	return resp.StatusCode
}

// TestServeDemo: `kasip serve --demo` on a fresh SQLite file shows the real
// and generated standards.
func TestServeDemo(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	base, done := startServe(t, ctx, "--demo", "--db", filepath.Join(t.TempDir(), "k.db"))
	var list struct {
		Items []struct {
			Code      string
			Generated bool
		}
		Total int
	}
	if code := getJSON(t, base+"/api/v1/standards?limit=200", &list); code != 200 {
		t.Fatalf("list: %d", code)
	}
	real, gen := 0, 0
	for _, it := range list.Items {
		if it.Generated {
			gen++
		} else {
			real++
		}
	}
	if real < 5 || gen == 0 {
		t.Errorf("demo registry: %d real, %d generated standards", real, gen)
	}
	resp, err := http.Get(base + "/")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("home page: %v %v", resp, err)
	}
	resp.Body.Close()
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("serve exit %d after shutdown", code)
	}
}

// TestServeSIGTERM: the real binary shuts down gracefully on SIGTERM.
func TestServeSIGTERM(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "kasip")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--db", filepath.Join(t.TempDir(), "k.db"))
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || !reServing.MatchString(line) {
		t.Fatalf("first line %q, %v", line, err)
	}
	base := reServing.FindStringSubmatch(line)[1]
	if code := getJSON(t, base+"/healthz", nil); code != 200 {
		t.Fatalf("healthz %d", code)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	errc := make(chan error, 1)
	go func() { errc <- cmd.Wait() }()
	select {
	case err := <-errc:
		if err != nil {
			t.Errorf("exit after SIGTERM: %v", err)
		}
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		t.Fatal("no exit 20 s after SIGTERM")
	}
}

// TestTwoServersOnePostgres: two `kasip serve` on one PostgreSQL database
// serve the same data; an import through one is visible through the other.
func TestTwoServersOnePostgres(t *testing.T) {
	dsn := os.Getenv("KASIP_TEST_POSTGRES")
	if dsn == "" {
		if os.Getenv("KASIP_REQUIRE_ALL") == "1" {
			t.Fatal("KASIP_TEST_POSTGRES is not set and KASIP_REQUIRE_ALL=1")
		}
		t.Skip("KASIP_TEST_POSTGRES not set: no PostgreSQL to test against")
	}
	db := pgtest.FreshOn(t, dsn)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	t.Setenv("KASIP_ADMIN_TOKEN", "secret")
	a, _ := startServe(t, ctx, "--db", db)
	b, _ := startServe(t, ctx, "--db", db)

	body := &bytes.Buffer{}
	mw := multipart.NewWriter(body)
	fw, _ := mw.CreateFormFile("file", "004_0389e6b855ff2fb2.txt")
	data, err := os.ReadFile(seedYouth)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest("POST", a+"/api/v1/import", body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer secret")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	msg, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("import through A: %d %s", resp.StatusCode, msg)
	}
	var st struct{ Code string }
	if code := getJSON(t, b+"/api/v1/standards/M84120", &st); code != 200 || st.Code != "M84120" {
		t.Errorf("B does not see the import through A: %d %+v", code, st)
	}
}
