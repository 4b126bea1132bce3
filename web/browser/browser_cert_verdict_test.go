package browser_test

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/certificate"
)

// certVerdictWant is what the public page of a certificate in one status
// must open with, in each language: words no other status shares, its
// class, and whether the recognised competences are listed.
type certVerdictWant struct {
	status string
	words  map[string]string // lang → part of the headline
	date   map[string]string // lang → part of the date line
	reason string            // part of the reason line ("" for none)
}

// TestBrowserCertificateVerdicts opens one certificate in Chromium while it
// is valid, suspended, expired and revoked, in Kazakh, Russian and English:
// each time the page opens with a verdict of its own colour, icon and words
// with the date and the reason, and lists the recognised competences only
// while it is valid. Set KASIP_SCREENSHOTS to a directory to keep the
// screenshots.
func TestBrowserCertificateVerdicts(t *testing.T) {
	e := demoServer(t, true)
	number := e.certificate(t, certificate.StatusValid)
	manager := e.account(t, auth.RoleManager)
	ctx := context.Background()
	c, err := e.st.PublicCertificate(ctx, number)
	if err != nil {
		t.Fatal(err)
	}
	until := strconv.Itoa(c.ValidUntil.Year())
	root := startChromium(t, 120*time.Second)
	tab := newTab(t, root)
	shots := os.Getenv("KASIP_SCREENSHOTS")
	colours := map[string]string{}

	check := func(w certVerdictWant) {
		t.Helper()
		for _, lang := range []string{"kk", "ru", "en"} {
			tab.run("open "+w.status+" in "+lang, chromedp.Navigate(e.url+"/verify/"+url.PathEscape(number)+"?lang="+lang),
				chromedp.WaitVisible(chromedp.ID("cert-verdict")))
			// The verdict is the first thing under the heading.
			first := eval[string](tab, `document.querySelector("main h1").nextElementSibling.id`)
			if first != "cert-verdict" && first != "cert-demo" {
				t.Errorf("%s/%s: the page opens with #%s, not the verdict", w.status, lang, first)
			}
			cls := eval[string](tab, `document.getElementById("cert-verdict").className`)
			if cls != "verdict verdict-"+w.status {
				t.Errorf("%s/%s: verdict class %q", w.status, lang, cls)
			}
			verdict := tab.text("#cert-verdict")
			if !strings.Contains(verdict, w.words[lang]) || !strings.Contains(verdict, w.date[lang]) {
				t.Errorf("%s/%s: verdict %q lacks %q or %q", w.status, lang, verdict, w.words[lang], w.date[lang])
			}
			if w.reason != "" && !strings.Contains(verdict, w.reason) {
				t.Errorf("%s/%s: verdict %q lacks the reason %q", w.status, lang, verdict, w.reason)
			}
			listed := eval[bool](tab, `!!document.getElementById("cert-recognised")`)
			if listed != (w.status == certificate.StatusValid) {
				t.Errorf("%s/%s: recognised competences listed: %v", w.status, lang, listed)
			}
			bg := eval[string](tab, `getComputedStyle(document.getElementById("cert-verdict")).backgroundColor`)
			if prev, ok := colours[w.status]; ok && prev != bg {
				t.Errorf("%s/%s: background %s, %s in another language", w.status, lang, bg, prev)
			}
			colours[w.status] = bg
			if shots != "" {
				png, err := chromedp.Run(tab.ctx, chromedp.CaptureScreenshot())
				if err == nil {
					err = os.WriteFile(filepath.Join(shots, "verdict-"+w.status+"-"+lang+".png"), png, 0o644)
				}
				if err != nil {
					t.Errorf("screenshot: %v", err)
				}
			}
		}
	}
	setStatus := func(status, reason string) {
		t.Helper()
		if _, err := e.st.SetCertificateStatus(ctx, manager.UserID, number, status, reason); err != nil {
			t.Fatal(err)
		}
	}

	check(certVerdictWant{status: certificate.StatusValid,
		words: map[string]string{"kk": "түпнұсқа және күшінде", "ru": "подлинный и действует", "en": "genuine and in force"},
		date:  map[string]string{"kk": until, "ru": until, "en": until}})
	setStatus(certificate.StatusSuspended, "Тексеру жүргізілуде")
	check(certVerdictWant{status: certificate.StatusSuspended, reason: "Тексеру жүргізілуде",
		words: map[string]string{"kk": "сүйенбеңіз", "ru": "не полагайтесь", "en": "do not rely"},
		date:  map[string]string{"kk": "бастап тоқтатылған", "ru": "Приостановлен с", "en": "Suspended since"}})
	setStatus(certificate.StatusValid, "Тексеру аяқталды")
	e.clock.advance(6 * 365 * 24 * time.Hour)
	check(certVerdictWant{status: certificate.StatusExpired, reason: "",
		words: map[string]string{"kk": "енді жарамсыз", "ru": "больше не действителен", "en": "no longer valid"},
		date:  map[string]string{"kk": "өтті", "ru": "Срок истёк", "en": "Expired on"}})
	setStatus(certificate.StatusRevoked, "Құжаттар жалған болып шықты")
	check(certVerdictWant{status: certificate.StatusRevoked, reason: "Құжаттар жалған болып шықты",
		words: map[string]string{"kk": "қабылдамаңыз", "ru": "не принимайте", "en": "do not accept"},
		date:  map[string]string{"kk": "кері қайтарылды", "ru": "Отозван", "en": "Revoked on"}})

	seen := map[string]string{}
	for st, bg := range colours {
		if other, dup := seen[bg]; dup {
			t.Errorf("%s and %s share the colour %s", st, other, bg)
		}
		seen[bg] = st
	}
}
