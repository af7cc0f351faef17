package browsertest

import (
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// page is a complete, accessible HTML document around body.
func page(title, body string) string {
	return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>` + title + `</title></head>
<body><main><h1>` + title + `</h1>` + body + `</main></body></html>`
}

// site serves small pages for the self-tests.
func site(t *testing.T) *httptest.Server {
	mux := http.NewServeMux()
	serve := func(path, doc string) {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, doc)
		})
	}
	serve("/good", page("Good page", `<p>Every image has a text, every field a label.</p>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="A dot" width="1" height="1">
<form action="/result"><label for="q">Search</label> <input id="q" name="q"><button>Go</button></form>`))
	serve("/bad", `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bad page</title></head>
<body><main><h1>Bad page</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="1" height="1">
<input type="text" name="nolabel"></main></body></html>`)
	serve("/form", page("Registration", `<form action="/result" method="get">
<p><label for="name">Full <b>name</b> <span aria-hidden="true">*</span></label> <input id="name" name="name" required></p>
<p><label>Email <input type="email" name="email"></label></p>
<p><label for="region">Region</label> <select id="region" name="region">
  <option value="">Choose…</option><option value="abai">Abai</option><option value="almaty-city">Almaty (city)</option>
</select></p>
<p><label for="note">Note</label> <textarea id="note" name="note"></textarea></p>
<p><label for="date">Date of birth</label> <input type="date" id="date" name="date"></p>
<p><label><input type="checkbox" name="agree" value="yes"> I agree</label></p>
<p><button type="submit" name="action" value="register">Register</button></p>
</form>`))
	serve("/wide", page("Wide page", `<p class="card" style="width:8rem;white-space:nowrap">16 490 000 ₸ raised this year</p>
<div style="width:600px">A table too wide for a phone</div>`))
	mux.HandleFunc("/boom", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "something broke", http.StatusInternalServerError)
	})
	mux.HandleFunc("/result", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		keys := make([]string, 0, len(q))
		for k := range q {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var items strings.Builder
		for _, k := range keys {
			fmt.Fprintf(&items, "<li>%s=%s</li>", html.EscapeString(k), html.EscapeString(q.Get(k)))
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page("Received", "<ul>"+items.String()+`</ul><p><a href="/form">Back to the form</a></p>`))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// TestParasatHome opens the real server's front page at both widths.
func TestParasatHome(t *testing.T) {
	Require(t)
	srv := StartServer(t, "--demo")
	for _, tc := range []struct {
		name  string
		opts  []Option
		width int
	}{
		{"desktop", nil, desktopWidth},
		{"phone", []Option{Phone()}, phoneWidth},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := New(t, tc.opts...)
			b.Visit(srv.URL + "/")
			b.Contains(t, "Parasat")
			if w, err := run(b, chromedp.Evaluate[int](`window.innerWidth`)); err != nil || w != tc.width {
				t.Errorf("innerWidth = %d, %v; want %d", w, err, tc.width)
			}
			if ua, _ := run(b, chromedp.Evaluate[string](`navigator.userAgent`)); strings.Contains(ua, "Mobile") != (tc.width == phoneWidth) {
				t.Errorf("user agent %q on %s", ua, tc.name)
			}
			if got := b.URL(); got != srv.URL+"/" {
				t.Errorf("URL() = %q, want %q", got, srv.URL+"/")
			}
			b.Axe(t)
		})
	}
}

func TestAxe(t *testing.T) {
	srv := site(t)
	b := New(t)

	b.Visit(srv.URL + "/good")
	b.Axe(t)

	b.Visit(srv.URL + "/bad")
	v, err := b.axeViolations()
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, x := range v {
		found[x.ID] = true
		if x.Impact == "" || x.Help == "" || len(x.Nodes) == 0 || len(x.Nodes[0].Target) == 0 {
			t.Errorf("violation without details: %+v", x)
		}
	}
	for _, id := range []string{"image-alt", "label"} {
		if !found[id] {
			t.Errorf("axe did not report %s on /bad; it reported %v", id, v)
		}
	}
	// The message that Axe(t) fails with.
	msg := expectFailure(t, b, func(t testing.TB) { b.Axe(t) })
	for _, want := range []string{"image-alt (critical)", "at img: <img src=", "label (critical)", `at input: <input type="text" name="nolabel">`, "screenshot: "} {
		if !strings.Contains(msg, want) {
			t.Errorf("the failure of Axe lacks %q:\n%s", want, msg)
		}
	}
}

// On a phone, a page wider than the phone is found, and so is text wider
// than its box.
func TestPageWidthAndOverflow(t *testing.T) {
	srv := site(t)
	b := New(t, Phone())
	b.Visit(srv.URL + "/good")
	if w := b.PageWidth(); w != phoneWidth {
		t.Errorf("a page that fits is %d CSS pixels wide on a phone %d wide", w, phoneWidth)
	}
	if spill := b.Overflowing("p, h1"); len(spill) > 0 {
		t.Errorf("text that fits is found overflowing: %q", spill)
	}
	b.Visit(srv.URL + "/wide")
	if w := b.PageWidth(); w < 600 {
		t.Errorf("a page with a 600-pixel block is %d CSS pixels wide on a phone", w)
	}
	if spill := b.Overflowing(".card"); len(spill) != 1 || !strings.Contains(spill[0], "16 490 000") {
		t.Errorf("the card too narrow for its text: found %q", spill)
	}
}

func TestFillSubmit(t *testing.T) {
	srv := site(t)
	b := New(t)
	b.Visit(srv.URL + "/form")
	b.Fill("Full name", "Айгерім Сәтбаева")
	b.Fill("Email", "aigerim@example.kz")
	b.Select("Region", "Almaty (city)")
	b.Fill("Note", "two lines\nof text")
	b.Fill("Date of birth", "1990-03-08")
	b.Fill("I agree", "yes")
	b.Submit()
	for _, want := range []string{
		"name=Айгерім Сәтбаева", "email=aigerim@example.kz", "region=almaty-city",
		"note=two lines of text", "date=1990-03-08", "agree=yes", "action=register",
	} {
		b.Contains(t, want)
	}
	if u := b.URL(); !strings.HasPrefix(u, srv.URL+"/result?") {
		t.Errorf("URL() after Submit = %q", u)
	}

	b.Click("Back to the form")
	b.Contains(t, "Registration")
	b.Fill("Full name", "Асқар")
	b.Submit("Register") // a click on the button, by its text
	b.Contains(t, "name=Асқар")
	if strings.Contains(b.Text(), "agree=") {
		t.Error("an unchecked checkbox was sent")
	}

	b.Click("Back to the form")
	b.Fill("Email", "no-name@example.kz")
	msg := expectFailure(t, b, func(testing.TB) { b.Submit() })
	if !strings.Contains(msg, `refuses to submit the form: input "Full name"`) {
		t.Errorf("Submit of a form with an empty required field failed with:\n%s", msg)
	}

	msg = expectFailure(t, b, func(testing.TB) { b.Fill("Name", "x") })
	for _, want := range []string{`no field labelled "Name"`, `"Full name", "Email", "Region"`, "screenshot: ", "html: "} {
		if !strings.Contains(msg, want) {
			t.Errorf("Fill of a missing label failed without %q:\n%s", want, msg)
		}
	}
	msg = expectFailure(t, b, func(testing.TB) { b.Select("Region", "Astana") })
	if !strings.Contains(msg, `no option "Astana"; its options are "Choose…", "Abai", "Almaty (city)"`) {
		t.Errorf("Select of a missing option failed with:\n%s", msg)
	}
	textTimeout = 100 * time.Millisecond
	defer func() { textTimeout = 3 * time.Second }()
	msg = expectFailure(t, b, func(t testing.TB) { b.Contains(t, "Nowhere to be seen") })
	if !strings.Contains(msg, `does not contain "Nowhere to be seen"`) || !strings.Contains(msg, "Full name") {
		t.Errorf("Contains failed with:\n%s", msg)
	}

	msg = expectFailure(t, b, func(testing.TB) { b.Visit(srv.URL + "/boom") })
	if !strings.Contains(msg, "the server answered 500") {
		t.Errorf("Visit of a page that answers 500 failed with:\n%s", msg)
	}

	if p := b.Screenshot("last-page"); !strings.HasSuffix(p, ".png") {
		t.Errorf("Screenshot path %q", p)
	} else if data, err := os.ReadFile(p); err != nil || !strings.HasPrefix(string(data), "\x89PNG") {
		t.Errorf("Screenshot %s is no PNG: %v", p, err)
	}
}

func TestServerCLI(t *testing.T) {
	srv := StartServer(t, "--demo")
	out := srv.CLI(t, "", "demo", "load")
	if !strings.Contains(out, "already has data") {
		t.Errorf("demo load on the server's data printed %q; want it to find the demo data", out)
	}
	resp, err := http.Get(srv.URL + "/api/v1/regions")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET /api/v1/regions: %s", resp.Status)
	}
}

func TestRequire(t *testing.T) {
	saved := note
	t.Cleanup(func() { note = saved })
	var noted []string
	note = func(reason string) { noted = append(noted, reason) }
	t.Setenv(ChromiumEnv, "/nonexistent/chromium")
	t.Setenv("CI", "true")
	if r := run1(t, Require); !r.failed || !strings.Contains(r.msg, "must run in CI") {
		t.Errorf("with CI=true and no Chromium, Require: %+v", r)
	}
	t.Setenv("CI", "")
	if r := run1(t, Require); !r.skipped || !strings.Contains(r.msg, "/nonexistent/chromium") {
		t.Errorf("without CI and without Chromium, Require: %+v", r)
	}
	if len(noted) != 1 {
		t.Errorf("Require noted %q; want one note, when it skipped", noted)
	}
}

// recorder is a testing.TB whose Fatal and Skip end only the goroutine of
// run1, so that a test can look at a failure of the harness.
type recorder struct {
	testing.TB
	mu              sync.Mutex
	msg             string
	failed, skipped bool
}

func (r *recorder) stop(failed bool, msg string) {
	r.mu.Lock()
	r.msg, r.failed, r.skipped = msg, failed, !failed
	r.mu.Unlock()
	runtime.Goexit()
}

func (r *recorder) Fatal(args ...any)                 { r.stop(true, fmt.Sprint(args...)) }
func (r *recorder) Fatalf(format string, args ...any) { r.stop(true, fmt.Sprintf(format, args...)) }
func (r *recorder) Skip(args ...any)                  { r.stop(false, fmt.Sprint(args...)) }
func (r *recorder) Skipf(format string, args ...any)  { r.stop(false, fmt.Sprintf(format, args...)) }
func (r *recorder) Failed() bool                      { return r.failed }

type outcome struct {
	msg             string
	failed, skipped bool
}

// run1 runs f with a recorder and tells how it ended.
func run1(t *testing.T, f func(testing.TB)) outcome {
	r := &recorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		f(r)
	}()
	<-done
	r.mu.Lock()
	defer r.mu.Unlock()
	return outcome{r.msg, r.failed, r.skipped}
}

// expectFailure runs step, which must fail the browser's test, and returns
// the message it failed with.
func expectFailure(t *testing.T, b *Browser, step func(testing.TB)) string {
	t.Helper()
	saved := b.t
	defer func() { b.t = saved }()
	r := run1(t, func(tb testing.TB) {
		b.t = tb
		step(tb)
	})
	if !r.failed {
		t.Fatalf("the step did not fail the test (%+v)", r)
	}
	t.Logf("the step failed as it should:\n%s", r.msg)
	return r.msg
}
