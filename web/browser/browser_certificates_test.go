package browser_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kasip/kasip/auth"
	"github.com/kasip/kasip/internal/testtool"
	uipage "github.com/kasip/kasip/web/ui/page"

	"github.com/chromedp/chromedp"
)

// TestBrowserCertificate: a decided application → the manager issues the
// certificate with the button → its PDF's QR code → the public page in
// Russian says valid → the manager revokes it with a reason → the public
// page says revoked. Without Chromium, pdftoppm, pdftotext or zbarimg it
// skips, unless KASIP_REQUIRE_ALL=1.
func TestBrowserCertificate(t *testing.T) {
	tools := certBrowserTools(t)
	e := demoServer(t, false)
	app := e.decided(t)
	manager := e.account(t, auth.RoleManager)
	holder, err := e.st.GetCandidate(context.Background(), app.CandidateID)
	if err != nil {
		t.Fatal(err)
	}
	root := startChromium(t, 120*time.Second)

	mgr := newTab(t, root)
	mgr.run("sign in", chromedp.Navigate(e.url+"/signin?lang=ru"), chromedp.WaitVisible(chromedp.ID("signin-login")),
		chromedp.SendKeys(chromedp.ID("signin-login"), manager.Login), chromedp.SendKeys(chromedp.ID("signin-password"), manager.Password))
	mgr.load("submit the sign-in", chromedp.Click(chromedp.CSS(`form[action="/signin"] button[type="submit"]`)))
	mgr.run("open the application", chromedp.Navigate(fmt.Sprintf("%s/recognition/applications/%d", e.url, app.ID)),
		chromedp.WaitVisible(chromedp.CSS("#cert-issue-form button")))
	mgr.load("issue the certificate", chromedp.Click(chromedp.CSS("#cert-issue-form button")))
	loc := mgr.location()
	if !strings.Contains(loc, "/recognition/certificates/") {
		t.Fatalf("after issuing: %s", loc)
	}
	number := strings.SplitN(loc[strings.LastIndex(loc, "/")+1:], "?", 2)[0]

	pdf := httpGet(t, e.url+"/verify/"+number+"/certificate.pdf")
	if !strings.HasPrefix(string(pdf), "%PDF") {
		t.Fatalf("PDF: %.40q", pdf)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "c.pdf")
	if err := os.WriteFile(file, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	if text := certCmd(t, tools["pdftotext"], file, "-"); !strings.Contains(text, holder.Name) {
		t.Errorf("the PDF's text lacks the holder's name:\n%s", text)
	}
	certCmd(t, tools["pdftoppm"], "-r", "200", "-png", "-f", "1", "-l", "1", file, filepath.Join(dir, "p"))
	pngs, _ := filepath.Glob(filepath.Join(dir, "p*.png"))
	if len(pngs) == 0 {
		t.Fatal("pdftoppm made no image")
	}
	qr := strings.TrimSpace(certCmd(t, tools["zbarimg"], "--raw", "-q", pngs[0]))
	if qr != e.url+"/verify/"+number {
		t.Fatalf("QR code %q, want the verification page of %s", qr, number)
	}

	pub := newTab(t, root)
	pub.run("open the QR code's address", chromedp.Navigate(qr+"?lang=ru"), chromedp.WaitVisible(chromedp.ID("cert-status")))
	if s := pub.text("#cert-status"); s != "действителен" {
		t.Fatalf("public status %q, want действителен", s)
	}

	mgr.run("open the certificate", chromedp.Navigate(e.url+uipage.UICertURL(number)), chromedp.WaitVisible(chromedp.ID("cert-status-form")),
		chromedp.SetValue(chromedp.ID("cert-new-status"), "revoked"),
		chromedp.SendKeys(chromedp.ID("cert-status-reason"), "Құжаттар жалған"))
	mgr.load("revoke", chromedp.Click(chromedp.CSS(`#cert-status-form button[type="submit"]`)))
	if s := mgr.text("#cert-status"); s != "отозван" {
		t.Fatalf("staff page status %q after revoking", s)
	}
	pub.load("reload the public page", chromedp.Reload())
	if s := pub.text("#cert-status"); s != "отозван" {
		t.Fatalf("public status %q after revocation, want отозван", s)
	}
	if body := pub.text("#cert-verdict"); !strings.Contains(body, "Құжаттар жалған") || !strings.Contains(body, "не принимайте") {
		t.Errorf("the public verdict after revocation lacks the reason or the warning: %q", body)
	}
}

// httpGet is the body of a GET that answers 200.
func httpGet(t *testing.T, url string) []byte {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %v", url, res.StatusCode, err)
	}
	return body
}

// certBrowserTools finds the programs the test needs.
func certBrowserTools(t *testing.T) map[string]string {
	t.Helper()
	return map[string]string{
		"chromium":  chromium(t),
		"pdftoppm":  testtool.Need(t, "poppler-utils", "pdftoppm"),
		"pdftotext": testtool.Need(t, "poppler-utils", "pdftotext"),
		"zbarimg":   testtool.Need(t, "zbar-tools", "zbarimg"),
	}
}

func certCmd(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		t.Fatalf("%s %v: %v", name, args, err)
	}
	return string(out)
}
