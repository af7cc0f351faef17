package pdf

import "strconv"

// Canvas paints inside a block of a page that Document.Drawing reserved:
// vector shapes and text, not pictures, so that a chart prints sharp and
// its words stay text a reader can find and copy. Coordinates are
// millimetres from the block's top-left corner.
type Canvas struct {
	d             *Document
	x, y          float64
	Width, Height float64
}

// Font is how Canvas.Text writes: its size in points, bold or not, and a
// colour "#rrggbb" (black when empty).
type Font struct {
	Size  float64
	Bold  bool
	Color string
}

// Align is where text stands against the x it is written at.
type Align int

const (
	Left   Align = iota // starts at x
	Center              // centred on x
	Right               // ends at x
)

// Drawing reserves a block h millimetres high across the text width — on
// a new page when this one has too little room — lets draw paint it, and
// continues the text below it.
func (d *Document) Drawing(h float64, draw func(c *Canvas)) {
	d.Need(h)
	c := &Canvas{d: d, x: margin, y: d.f.GetY(), Width: textWidth, Height: h}
	auto, bottom := d.f.GetAutoPageBreak()
	d.f.SetAutoPageBreak(false, bottom) // text near the block's bottom must not turn the page
	draw(c)
	d.f.SetAutoPageBreak(auto, bottom)
	d.f.SetTextColor(0, 0, 0)
	d.f.SetXY(margin, c.y+h)
}

// Rect fills a rectangle with colour.
func (c *Canvas) Rect(x, y, w, h float64, color string) {
	r, g, b := rgb(color)
	c.d.f.SetFillColor(r, g, b)
	c.d.f.Rect(c.x+x, c.y+y, w, h, "F")
}

// Line draws a thin line.
func (c *Canvas) Line(x1, y1, x2, y2 float64, color string) {
	r, g, b := rgb(color)
	c.d.f.SetDrawColor(r, g, b)
	c.d.f.SetLineWidth(0.2)
	c.d.f.Line(c.x+x1, c.y+y1, c.x+x2, c.y+y2)
}

// Text writes s on one line with its baseline at y.
func (c *Canvas) Text(x, y float64, s string, font Font, align Align) {
	f := c.d.f
	c.use(font)
	switch align {
	case Center:
		x -= f.GetStringWidth(s) / 2
	case Right:
		x -= f.GetStringWidth(s)
	}
	r, g, b := rgb(font.Color)
	f.SetTextColor(r, g, b)
	f.Text(c.x+x, c.y+y, s)
}

// TextWidth is the width of s written in font.
func (c *Canvas) TextWidth(s string, font Font) float64 {
	c.use(font)
	return c.d.f.GetStringWidth(s)
}

// Fit cuts s with an ellipsis to at most w millimetres in font.
func (c *Canvas) Fit(s string, w float64, font Font) string {
	c.use(font)
	return fit(c.d.f, s, w)
}

func (c *Canvas) use(font Font) {
	style := ""
	if font.Bold {
		style = "B"
	}
	c.d.f.SetFont(family, style, font.Size)
}

// rgb reads "#rrggbb"; anything else is black.
func rgb(color string) (r, g, b int) {
	if len(color) != 7 || color[0] != '#' {
		return 0, 0, 0
	}
	n, err := strconv.ParseUint(color[1:], 16, 32)
	if err != nil {
		return 0, 0, 0
	}
	return int(n >> 16 & 0xff), int(n >> 8 & 0xff), int(n & 0xff)
}
