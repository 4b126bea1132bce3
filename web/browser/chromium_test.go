package browser_test

import (
	"context"
	"strings"
	"testing"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/kasip/kasip/internal/testtool"
)

// The browser tests drive Debian's Chromium, headless, through the
// DevTools protocol (chromedp): one browser a test, one tab with its own
// cookies a person.

// chromium finds Debian's Chromium (testtool.Need).
func chromium(t *testing.T) string {
	t.Helper()
	return testtool.Need(t, "chromium", "chromium", "chromium-browser", "google-chrome")
}

// startChromium starts a headless Chromium for the test, bounded by
// limit for the whole run, with extra options, and returns its first
// tab's context.
func startChromium(t *testing.T, limit time.Duration, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	guard, cancelG := context.WithTimeout(context.Background(), limit)
	actx, cancelA := chromedp.NewExecAllocator(guard, append(opts, extra...)...)
	root, cancelR := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelR(); cancelA(); cancelG() })
	if err := chromedp.Do(root); err != nil { // starts the browser, with no step timeout
		t.Fatalf("start Chromium: %v", err)
	}
	return root
}

// tabStep bounds one step of a tab.
const tabStep = 20 * time.Second

// tab wraps chromedp calls so that a failed step fails the test with its
// name.
type tab struct {
	t   *testing.T
	ctx context.Context
}

// newTab opens a tab in a browser context of its own (its own cookies).
func newTab(t *testing.T, root context.Context) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(root, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("open a tab: %v", err)
	}
	return &tab{t: t, ctx: ctx}
}

// run runs actions within the step timeout.
func (b *tab) run(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, tabStep)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

// load runs an action that loads a page and waits for it.
func (b *tab) load(what string, action chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, tabStep)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.WaitEvent(cdppage.LoadEventFired, nil, action)); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

func (b *tab) location() string {
	b.t.Helper()
	loc, err := chromedp.Run(b.ctx, chromedp.Location())
	if err != nil {
		b.t.Fatal(err)
	}
	return loc
}

// text is the text of the first element matching css, trimmed.
func (b *tab) text(css string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(css)))
	if err != nil {
		b.t.Fatalf("text of %s: %v", css, err)
	}
	return strings.TrimSpace(s)
}

func (b *tab) attr(css, name string) string {
	b.t.Helper()
	a, err := chromedp.Run(b.ctx, chromedp.AttributeValue(chromedp.CSS(css), name))
	if err != nil {
		b.t.Fatalf("%s[%s]: %v", css, name, err)
	}
	return a.Value
}

// eval evaluates a script in the tab.
func eval[T any](b *tab, expr string) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		b.t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}
