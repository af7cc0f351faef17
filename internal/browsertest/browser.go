package browsertest

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/device"
)

const (
	// browserTimeout bounds the life of one test's browser. It is a limit,
	// not a wait: generous, because CI shares two cores with other packages.
	browserTimeout = 3 * time.Minute
	// stepTimeout bounds one step: a page load, a click, a query.
	stepTimeout = 30 * time.Second
	// diagnosisTimeout bounds each look at the page after a failure.
	diagnosisTimeout = 5 * time.Second
)

// textTimeout is how long Contains waits for a text to appear.
var textTimeout = 3 * time.Second

// Desktop and phone viewports.
const (
	desktopWidth, desktopHeight = 1280, 900
	phoneWidth, phoneHeight     = 360, 740
)

// phone is a mid-range Android phone, the most common kind in Kazakhstan.
var phone = device.Info{
	Name:      "Android phone 360x740",
	UserAgent: "Mozilla/5.0 (Linux; Android 14; SM-A155F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36",
	Width:     phoneWidth,
	Height:    phoneHeight,
	Scale:     2,
	Mobile:    true,
	Touch:     true,
}

//go:embed page.js
var pageJS string

// Browser is one headless Chromium with one tab, owned by one test. Its
// steps fail that test, after saving a screenshot and the page's HTML.
type Browser struct {
	t     testing.TB
	ctx   context.Context
	phone bool

	artifacts string // directory of screenshots and HTML
	marks     int    // elements marked for chromedp, to name them apart
	lastField string // mark of the last field filled, for Submit

	mu       sync.Mutex
	console  []string     // the page's errors and uncaught exceptions
	chromium bytes.Buffer // what Chromium printed
}

// Option changes how New starts the browser.
type Option func(*Browser)

// Phone makes the browser a phone: a 360x740 viewport at scale 2, with touch
// and a mobile user agent. The default is a 1280x900 desktop window.
func Phone() Option { return func(b *Browser) { b.phone = true } }

// New starts a headless Chromium for the test, closed when the test ends.
// It skips the test when no browser is installed (see Require).
func New(t testing.TB, opts ...Option) *Browser {
	t.Helper()
	Require(t)
	b := &Browser{t: t}
	for _, o := range opts {
		o(b)
	}
	b.artifacts = artifactDir(t)

	base, cancelBase := context.WithTimeout(context.Background(), browserTimeout)
	flags := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath()),
		chromedp.NoSandbox, // we run as root
		chromedp.Headless,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		// Without these Chromium tries to reach the network, which is closed here.
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-domain-reliability", true),
		chromedp.Flag("no-pings", true),
		// Pages see the same language on every machine.
		chromedp.Flag("lang", "en-US"),
		chromedp.WindowSize(desktopWidth, desktopHeight),
		chromedp.CombinedOutput(lockedWriter{&b.mu, &b.chromium}),
		// No user-data-dir: the allocator makes a new empty one and removes it.
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(base, flags...)
	quiet := func(string, ...any) {} // protocol chatter of a newer Chromium
	ctx, cancel := chromedp.NewContext(allocCtx, chromedp.WithLogf(quiet), chromedp.WithErrorf(quiet))
	b.ctx = ctx
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
		cancelBase()
	})

	start := time.Now()
	if err := chromedp.Do(ctx); err != nil { // starts the browser
		b.mu.Lock()
		out := b.chromium.String()
		b.mu.Unlock()
		t.Fatalf("browsertest: start %s: %v\n%s", chromiumPath(), err, out)
	}
	b.watchConsole()
	var setup []chromedp.Action[chromedp.Void]
	if b.phone {
		setup = append(setup, chromedp.Emulate(phone))
	} else {
		setup = append(setup, chromedp.EmulateViewport(desktopWidth, desktopHeight))
	}
	if err := b.do(setup...); err != nil {
		t.Fatalf("browsertest: set up the viewport: %v", err)
	}
	t.Logf("browsertest: Chromium started in %v", time.Since(start).Round(time.Millisecond))
	return b
}

// watchConsole keeps the page's console errors and uncaught exceptions, to
// show with a failure.
func (b *Browser) watchConsole() {
	messages := chromedp.Console(b.ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if (m.IsException() || m.Type == chromedp.ConsoleError) && !strings.HasSuffix(m.URL, "/favicon.ico") {
				b.mu.Lock()
				if len(b.console) < 50 {
					b.console = append(b.console, m.String())
				}
				b.mu.Unlock()
			}
		}
	}()
}

type lockedWriter struct {
	mu *sync.Mutex
	w  *bytes.Buffer
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// artifactDir is ArtifactDirEnv, or a temporary directory that is removed
// when the test passes and kept, for its screenshots, when it fails.
func artifactDir(t testing.TB) string {
	if d := os.Getenv(ArtifactDirEnv); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatalf("browsertest: %s: %v", ArtifactDirEnv, err)
		}
		return d
	}
	d, err := os.MkdirTemp("", "parasat-browsertest-")
	if err != nil {
		t.Fatalf("browsertest: %v", err)
	}
	t.Cleanup(func() {
		if !t.Failed() {
			os.RemoveAll(d)
		}
	})
	return d
}

// do runs actions within one step's time.
func (b *Browser) do(actions ...chromedp.Action[chromedp.Void]) error {
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	return chromedp.Do(ctx, actions...)
}

// run runs one action that returns a value within one step's time.
func run[T any](b *Browser, a chromedp.Action[T]) (T, error) {
	return runWithin(b, stepTimeout, a)
}

func runWithin[T any](b *Browser, d time.Duration, a chromedp.Action[T]) (T, error) {
	ctx, cancel := context.WithTimeout(b.ctx, d)
	defer cancel()
	return chromedp.Run(ctx, a)
}

// result is what a function of page.js answers.
type result struct {
	Error string `json:"error"`
	ID    string `json:"id"`
	Kind  string `json:"kind"`
	Nav   bool   `json:"nav"`
	Desc  string `json:"desc"`
	Value string `json:"value"`
}

// js calls the function fn of page.js with args.
func js[T any](b *Browser, fn string, args any) (T, error) {
	a, err := json.Marshal(args)
	if err != nil {
		var zero T
		return zero, err
	}
	return run(b, chromedp.Evaluate[T](fmt.Sprintf("(%s).%s(%s)", pageJS, fn, a)))
}

// page calls fn of page.js and turns its {error} into a Go error.
func (b *Browser) page(fn string, args any) (result, error) {
	r, err := js[result](b, fn, args)
	if err == nil && r.Error != "" {
		err = errors.New(r.Error)
	}
	return r, err
}

// mark names an element for chromedp: page.js sets data-browsertest-id.
func (b *Browser) mark() string {
	b.marks++
	return fmt.Sprintf("bt%d", b.marks)
}

func marked(id string) chromedp.CSS {
	return chromedp.CSS(fmt.Sprintf(`[data-browsertest-id=%q]`, id))
}

// fail ends the test with msg, after saving a screenshot and the HTML of
// the page and listing the page's errors.
func (b *Browser) fail(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if b.ctx.Err() != nil {
		msg += fmt.Sprintf("\n  (the browser of the test has ended: its %v ran out, or the test was over)", browserTimeout)
	} else {
		if u, err := runWithin(b, diagnosisTimeout, chromedp.Location()); err == nil {
			msg += "\n  page: " + u
		}
		msg += b.saveFailure()
	}
	b.mu.Lock()
	if len(b.console) > 0 {
		msg += "\n  the page's console errors:\n    " + strings.Join(b.console, "\n    ")
	}
	b.mu.Unlock()
	t.Fatal("browsertest: " + msg)
}

// saveFailure writes a full-page screenshot and the page's HTML, and says where.
func (b *Browser) saveFailure() string {
	base := filepath.Join(b.artifacts, b.fileName("failure"))
	var out string
	if png, err := runWithin(b, diagnosisTimeout, chromedp.FullScreenshot(100)); err != nil {
		out += "\n  (no screenshot: " + err.Error() + ")"
	} else if err := os.WriteFile(base+".png", png, 0o644); err == nil {
		out += "\n  screenshot: " + base + ".png"
	}
	if html, err := runWithin(b, diagnosisTimeout, chromedp.Evaluate[string](`document.documentElement.outerHTML`)); err == nil {
		html = markAttr.ReplaceAllString(html, "")
		if err := os.WriteFile(base+".html", []byte(html), 0o644); err == nil {
			out += "\n  html: " + base + ".html"
		}
	}
	return out
}

var (
	unsafeChars = regexp.MustCompile(`[^A-Za-z0-9._-]+`)
	markAttr    = regexp.MustCompile(` data-browsertest-id="bt\d+"`)
)

var (
	shotsMu sync.Mutex
	shots   = map[string]int{} // files named so far, by test
)

// fileName is a file name, without extension, unique within the test
// binary even when a test has several browsers.
func (b *Browser) fileName(name string) string {
	test := unsafeChars.ReplaceAllString(b.t.Name(), "_")
	shotsMu.Lock()
	shots[test]++
	n := shots[test]
	shotsMu.Unlock()
	return fmt.Sprintf("%s-%02d-%s", test, n, unsafeChars.ReplaceAllString(name, "_"))
}

// loaded fails when a page load went wrong: no answer, or a server error.
func (b *Browser) loaded(step string, resp *network.Response, err error) {
	b.t.Helper()
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			b.fail(b.t, "%s: no page loaded within %v", step, stepTimeout)
		}
		b.fail(b.t, "%s: %v", step, err)
	}
	if resp != nil && resp.Status >= 500 {
		b.fail(b.t, "%s: the server answered %d %s", step, resp.Status, resp.StatusText)
	}
	// The load event has fired; readyState says the document is complete.
	if _, err := run(b, chromedp.Poll[bool](`document.readyState === "complete"`, chromedp.WithPollingTimeout(stepTimeout))); err != nil {
		b.fail(b.t, "%s: the page did not finish loading: %v", step, err)
	}
}

// Visit opens url and waits until the page has loaded. A server error
// (status 5xx) fails the test; a 4xx page is shown as any other.
func (b *Browser) Visit(url string) {
	b.t.Helper()
	resp, err := run(b, chromedp.NavigateResponse(url))
	b.loaded(fmt.Sprintf("Visit(%q)", url), resp, err)
}

// Click clicks, with the mouse, the visible link or button whose text (or
// aria-label, or value for an input) is exactly textOrSelector, trimmed;
// when none reads so, the first visible element that textOrSelector matches
// as a CSS selector. Two different links or buttons with the text fail the
// test: name one with a selector then. When the click follows a link or
// submits a form, Click waits for the new page.
func (b *Browser) Click(textOrSelector string) {
	b.t.Helper()
	step := fmt.Sprintf("Click(%q)", textOrSelector)
	r, err := b.page("click", map[string]string{"query": textOrSelector, "id": b.mark()})
	if err != nil {
		b.fail(b.t, "%s: %v", step, err)
	}
	b.activate(step, r)
}

// activate clicks the element r marked, and waits for the page it loads.
func (b *Browser) activate(step string, r result) {
	b.t.Helper()
	click := chromedp.Click(marked(r.ID))
	if r.Kind == "request" {
		click = chromedp.Evaluate[chromedp.Void](fmt.Sprintf("(%s).requestSubmit({id: %q})", pageJS, r.ID))
	}
	if !r.Nav {
		if err := b.do(click); err != nil {
			b.fail(b.t, "%s: %s: %v", step, r.Desc, err)
		}
		return
	}
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, click)
	b.loaded(fmt.Sprintf("%s on %s", step, r.Desc), resp, err)
}

// Fill puts value into the field (input, select or textarea) whose <label>
// reads exactly label, trimmed (a field without a <label> is found by its
// aria-label). Text is typed with real key presses into the emptied field;
// a select takes the option whose text is value; a checkbox is checked for
// "true", "on", "yes" or "1" and unchecked otherwise; other inputs (date,
// colour, …) get value as their value, in the format of their type.
func (b *Browser) Fill(label, value string) {
	b.t.Helper()
	step := fmt.Sprintf("Fill(%q, %q)", label, value)
	r, err := b.page("fill", map[string]string{"label": label, "value": value, "id": b.mark()})
	if err != nil {
		b.fail(b.t, "%s: %v", step, err)
	}
	b.lastField = r.ID
	switch r.Kind {
	case "type":
		if err := b.do(chromedp.SendKeys(marked(r.ID), value)); err != nil {
			b.fail(b.t, "%s: %v", step, err)
		}
		got, err := b.page("changed", map[string]string{"id": r.ID})
		if err != nil {
			b.fail(b.t, "%s: %v", step, err)
		}
		if got.Value != value {
			b.fail(b.t, "%s: after typing, the field holds %q (a maxlength, a pattern or the type of the field?)", step, got.Value)
		}
	case "file":
		if err := b.do(chromedp.SetUploadFiles(marked(r.ID), []string{value})); err != nil {
			b.fail(b.t, "%s: %v", step, err)
		}
	}
}

// Select chooses, in the <select> whose <label> reads exactly label, the
// option whose text is exactly optionText.
func (b *Browser) Select(label, optionText string) {
	b.t.Helper()
	r, err := b.page("select", map[string]string{"label": label, "value": optionText, "id": b.mark()})
	if err != nil {
		b.fail(b.t, "Select(%q, %q): %v", label, optionText, err)
	}
	b.lastField = r.ID
}

// Submit submits a form and waits for the page that answers. With no
// argument it is the form of the focused field, else of the field filled
// last, submitted by a click on its first submit button (or, without one,
// as pressing Enter would); with a button's text or selector it is
// Click(button). A form the browser would refuse (a required field left
// empty, say) fails the test with the browser's messages.
func (b *Browser) Submit(button ...string) {
	b.t.Helper()
	if len(button) > 0 {
		b.Click(button[0])
		return
	}
	r, err := b.page("submit", map[string]string{"last": b.lastField, "id": b.mark()})
	if err != nil {
		b.fail(b.t, "Submit(): %v", err)
	}
	b.activate("Submit()", r)
}

// Text is the visible text of the page (document.body.innerText).
func (b *Browser) Text() string {
	b.t.Helper()
	s, err := run(b, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
	if err != nil {
		b.fail(b.t, "Text(): %v", err)
	}
	return s
}

// PageWidth is the width of the page's content in CSS pixels: wider than
// the window when the page scrolls sideways. (On a phone Chromium widens
// the layout viewport to fit content that is too wide, so
// window.innerWidth grows with it and cannot tell; the layout metrics can,
// without capturing the page as a screenshot does.)
func (b *Browser) PageWidth() int {
	b.t.Helper()
	w, err := run(b, chromedp.Action[float64](func(ctx context.Context, t *chromedp.Target) (float64, error) {
		m, err := cdp.Call(ctx, t, cdppage.GetLayoutMetrics, cdp.Empty{})
		if err != nil {
			return 0, err
		}
		if m.CSSContentSize == nil {
			return 0, errors.New("no content size")
		}
		return m.CSSContentSize.Width, nil
	}))
	if err != nil {
		b.fail(b.t, "PageWidth(): %v", err)
	}
	return int(math.Ceil(w))
}

// Overflowing answers the text of each element matching selector whose
// content is wider than the element, so that it spills out of its box or is
// cut off: a number too long for its card, say.
func (b *Browser) Overflowing(selector string) []string {
	b.t.Helper()
	sel, _ := json.Marshal(selector)
	out, err := run(b, chromedp.Evaluate[[]string](fmt.Sprintf(
		`Array.from(document.querySelectorAll(%s)).filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.innerText)`, sel)))
	if err != nil {
		b.fail(b.t, "Overflowing(%q): %v", selector, err)
	}
	return out
}

// Contains fails t unless the page's visible text contains text (runs of
// white space count as one space). It waits a moment for a script to add it.
func (b *Browser) Contains(t testing.TB, text string) {
	t.Helper()
	a, _ := json.Marshal(map[string]string{"text": text})
	_, err := run(b, chromedp.Poll[bool](fmt.Sprintf("(%s).contains(%s)", pageJS, a),
		chromedp.WithPollingMutation(), chromedp.WithPollingTimeout(textTimeout)))
	if err == nil {
		return
	}
	page := b.Text()
	if len(page) > 2000 {
		page = page[:2000] + " …"
	}
	if errors.Is(err, chromedp.ErrPollingTimeout) {
		b.fail(t, "the page does not contain %q; its text is:\n%s", text, indent(page))
	}
	b.fail(t, "Contains(%q): %v", text, err)
}

func indent(s string) string {
	return "    | " + strings.ReplaceAll(s, "\n", "\n    | ")
}

// URL is the address of the page shown.
func (b *Browser) URL() string {
	b.t.Helper()
	u, err := run(b, chromedp.Location())
	if err != nil {
		b.fail(b.t, "URL(): %v", err)
	}
	return u
}

// Screenshot saves a PNG of the whole page, named after the test and name,
// and returns its path.
func (b *Browser) Screenshot(name string) string {
	b.t.Helper()
	png, err := run(b, chromedp.FullScreenshot(100))
	if err != nil {
		b.fail(b.t, "Screenshot(%q): %v", name, err)
	}
	path := filepath.Join(b.artifacts, b.fileName(name)+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Fatalf("browsertest: Screenshot(%q): %v", name, err)
	}
	return path
}
