// Package chart draws the figures of reports as SVG for the server to
// serve: bars by month, a ranking of regions (or of any breakdown), and the
// shares of the kinds of help.
//
// Every chart is an image people can read without seeing it: role="img"
// with a <title> and a <desc> naming the highest value and the total, and a
// <title> on every bar with its exact value; the page shows the data table
// beside it. It scales to any width (a viewBox, no fixed size), prints in
// black text on white, uses colours with at least 3:1 contrast against
// white for bars and 4.5:1 for text, and writes its labels in the page's
// language with numbers formatted by i18n. Suppressed values draw no bar.
//
// What a chart says (its title, bars, order, marks and shares) is a Plot,
// built once in plot.go; this package draws it as SVG, and the PDF export
// draws the same Plot natively.
package chart

import (
	"fmt"
	"html"
	"strings"

	"github.com/parasat-kz/parasat"
)

// Options are what a page may choose about a chart.
type Options struct {
	// ID prefixes the ids of the chart's title and description, so that
	// several charts inline in one page stay distinct. Default "chart".
	ID string
}

const (
	width    = 400.0 // viewBox width: 1:1 on a 400-pixel phone, scaled elsewhere
	fontSize = 13.0
	ink      = "#1a1a1a" // text: 17:1 on white
	axis     = "#6b6b6b" // axis and grid: 5.3:1
	barColor = "#1f5f99" // bars: 6.6:1
)

// kindColors tell the kinds of help apart (each ≥ 3:1 on white); the label
// beside each bar names it too, so colour is never the only carrier.
var kindColors = map[parasat.KindOfHelp]string{
	parasat.HelpMoney:       "#1f5f99",
	parasat.HelpGoods:       "#8a4b08",
	parasat.HelpService:     "#2f6b2f",
	parasat.HelpDevelopment: "#7b2d8b",
	parasat.HelpCare:        "#b0304a",
}

// svg collects the elements of one chart.
type svg struct {
	b      strings.Builder
	height float64
}

func esc(s string) string { return html.EscapeString(s) }

func num(f float64) string {
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.2f", f), "0"), ".")
}

// open writes the root element, title and description.
func (s *svg) open(id, title, desc string) {
	if id == "" {
		id = "chart"
	}
	fmt.Fprintf(&s.b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s" role="img" aria-labelledby="%s-title %s-desc" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif" font-size="%s" fill="%s">`,
		num(width), num(s.height), esc(id), esc(id), num(fontSize), ink)
	fmt.Fprintf(&s.b, `<title id="%s-title">%s</title><desc id="%s-desc">%s</desc>`, esc(id), esc(title), esc(id), esc(desc))
	// White behind everything, so that dark page themes and printers see
	// the colours the contrast was chosen for.
	fmt.Fprintf(&s.b, `<rect class="background" width="100%%" height="100%%" fill="#ffffff"/>`)
}

func (s *svg) text(x, y float64, anchor, class, t string) {
	fmt.Fprintf(&s.b, `<text class="%s" x="%s" y="%s" text-anchor="%s">%s</text>`, class, num(x), num(y), anchor, esc(t))
}

func (s *svg) rect(x, y, w, h float64, color, value, tip string) {
	fmt.Fprintf(&s.b, `<rect class="bar" x="%s" y="%s" width="%s" height="%s" fill="%s" data-value="%s"><title>%s</title></rect>`,
		num(x), num(y), num(w), num(h), color, esc(value), esc(tip))
}

func (s *svg) line(x1, y1, x2, y2 float64) {
	fmt.Fprintf(&s.b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="1"/>`, num(x1), num(y1), num(x2), num(y2), axis)
}

func (s *svg) close() []byte {
	s.b.WriteString(`</svg>`)
	return []byte(s.b.String())
}

// empty is a chart saying there is nothing to show.
func empty(id, title, desc string) []byte {
	s := svg{height: 60}
	s.open(id, title, desc)
	s.text(width/2, 36, "middle", "empty", desc)
	return s.close()
}

func (s *svg) textSized(x, y float64, anchor, class, t string, size float64) {
	if size == fontSize {
		s.text(x, y, anchor, class, t)
		return
	}
	fmt.Fprintf(&s.b, `<text class="%s" x="%s" y="%s" text-anchor="%s" font-size="%s">%s</text>`, class, num(x), num(y), anchor, num(size), esc(t))
}
