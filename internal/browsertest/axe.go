package browsertest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// axeRun checks the document against WCAG 2.0 and 2.1, levels A and AA, and
// axe-core's best practices, and answers the violations only.
const axeRun = `axe.run(document, {
  runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
  resultTypes: ['violations'],
}).then((r) => r.violations.map((v) => ({
  id: v.id,
  impact: v.impact || '',
  help: v.help,
  helpUrl: v.helpUrl,
  nodes: v.nodes.map((n) => ({
    target: n.target.map((s) => typeof s === 'string' ? s : JSON.stringify(s)),
    html: n.html,
  })),
})))`

// Violation is one rule of axe-core that the page breaks.
type Violation struct {
	ID      string          `json:"id"`     // the rule, e.g. "image-alt"
	Impact  string          `json:"impact"` // minor, moderate, serious or critical
	Help    string          `json:"help"`
	HelpURL string          `json:"helpUrl"`
	Nodes   []ViolationNode `json:"nodes"`
}

// ViolationNode is one element that breaks the rule.
type ViolationNode struct {
	Target []string `json:"target"` // CSS selectors, outermost first
	HTML   string   `json:"html"`
}

// String is the rule, its impact, its help and the first few elements.
func (v Violation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s", v.ID, v.Impact, v.Help)
	for i, n := range v.Nodes {
		if i == 3 {
			fmt.Fprintf(&b, "\n      … and %d more", len(v.Nodes)-i)
			break
		}
		html := strings.Join(strings.Fields(n.HTML), " ")
		if r := []rune(html); len(r) > 100 {
			html = string(r[:100]) + "…"
		}
		fmt.Fprintf(&b, "\n      at %s: %s", strings.Join(n.Target, " "), html)
	}
	fmt.Fprintf(&b, "\n      see %s", v.HelpURL)
	return b.String()
}

var (
	axeOnce   sync.Once
	axeSource string
	axeErr    error
)

// loadAxe reads axe.min.js once per test binary.
func loadAxe() (string, error) {
	axeOnce.Do(func() {
		root, err := ModuleRoot()
		if err != nil {
			axeErr = err
			return
		}
		b, err := os.ReadFile(filepath.Join(root, axeScript))
		axeSource, axeErr = string(b), err
	})
	return axeSource, axeErr
}

// axeViolations runs axe-core on the page shown, injecting it first.
func (b *Browser) axeViolations() ([]Violation, error) {
	src, err := loadAxe()
	if err != nil {
		return nil, err
	}
	has, err := run(b, chromedp.Evaluate[bool](`typeof window.axe === "object"`))
	if err != nil {
		return nil, err
	}
	if !has {
		if _, err := run(b, chromedp.Evaluate[chromedp.Void](src)); err != nil {
			return nil, fmt.Errorf("inject axe-core: %w", err)
		}
	}
	v, err := run(b, chromedp.Evaluate[[]Violation](axeRun, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("run axe-core: %w", err)
	}
	return v, nil
}

// Axe fails t when axe-core finds accessibility violations on the page
// shown (WCAG 2.0 and 2.1 A and AA, and best practices), listing each rule
// with its impact, its help and the first elements that break it.
func (b *Browser) Axe(t testing.TB) {
	t.Helper()
	v, err := b.axeViolations()
	if err != nil {
		b.fail(t, "Axe: %v", err)
	}
	if len(v) == 0 {
		return
	}
	lines := make([]string, len(v))
	for i, x := range v {
		lines[i] = "  - " + x.String()
	}
	b.fail(t, "Axe: %d accessibility violation(s):\n%s", len(v), strings.Join(lines, "\n"))
}
