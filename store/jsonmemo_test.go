package store

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/kasip/kasip"
	"github.com/kasip/kasip/certificate"
)

func TestJSONMemo(t *testing.T) {
	j := &jsonMemo[kasip.Text]{max: 3, maxText: 128}
	a, err := j.decode("title", `{"kk":"Әлеуметтік жұмыскер","ru":"Социальный работник"}`)
	if err != nil || a["kk"] != "Әлеуметтік жұмыскер" || a["ru"] != "Социальный работник" {
		t.Fatalf("decode: %v, %v", a, err)
	}
	if len(j.m) != 1 {
		t.Errorf("%d entries after one text, want 1", len(j.m))
	}
	// The second decode of the same text is the remembered value.
	b, _ := j.decode("title", `{"kk":"Әлеуметтік жұмыскер","ru":"Социальный работник"}`)
	if fmt.Sprintf("%p", b) != fmt.Sprintf("%p", a) {
		t.Error("the same text was decoded again")
	}
	// A bad text names what it is and is not remembered.
	if _, err := j.decode("certificate profession", `{"kk":`); err == nil || !strings.Contains(err.Error(), "certificate profession") {
		t.Errorf("bad JSON: %v", err)
	}
	// Long texts are decoded but not kept; a full memo starts again.
	long := `{"kk":"` + strings.Repeat("ә", 70) + `"}`
	if v, err := j.decode("x", long); err != nil || len(v["kk"]) != 140 {
		t.Fatalf("long text: %v %v", v, err)
	}
	if _, ok := j.m[long]; ok {
		t.Error("a text over maxText was kept")
	}
	for i := range 5 {
		if _, err := j.decode("x", fmt.Sprintf(`{"en":"%d"}`, i)); err != nil {
			t.Fatal(err)
		}
	}
	if len(j.m) > 3 {
		t.Errorf("%d entries, bound 3", len(j.m))
	}
}

// TestJSONMemoConcurrent is for the race detector: readers and writers
// of the same and of new texts at once.
func TestJSONMemoConcurrent(t *testing.T) {
	j := &jsonMemo[[]certificate.Unit]{max: 8, maxText: 1 << 10}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				text := fmt.Sprintf(`[{"code":"1.%d","kind":"skill","title":{"kk":"Дағды"}}]`, (g*i)%13)
				u, err := j.decode("units", text)
				if err != nil || len(u) != 1 || u[0].Title["kk"] != "Дағды" {
					t.Errorf("%s: %v %v", text, u, err)
					return
				}
			}
		}()
	}
	wg.Wait()
}

// reset forgets every text (benchmarks of the decoding cost).
func (j *jsonMemo[T]) reset() {
	j.mu.Lock()
	j.m = nil
	j.mu.Unlock()
}
