package export

import (
	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
	"github.com/parasat-kz/parasat/pdf"
	"github.com/parasat-kz/parasat/report"
	"github.com/parasat-kz/parasat/report/chart"
)

// The charts of the PDF draw the same plots as the SVG charts of the
// report page (report/chart), as vectors and text: a printed page has no
// tooltips, so every bar carries its value in short ("2,3 млн ₸").

const (
	ink       = "#1a1a1a"
	grey      = "#595959" // marks and axis labels: 7:1 on white
	gridColor = "#b0b0b0"
	labelSize = 7.5 // pt
	smallest  = 5.0 // pt: below this a label is left out rather than unreadable
)

// charts draws the value of help by month and by region, and the shares
// of the kinds of help, for whatever the report has.
func charts(doc *pdf.Document, l *i18n.Localizer, r *parasat.Report) {
	if b := r.Breakdown(parasat.ByMonth); b != nil && len(b.Rows) > 0 {
		vertical(doc, l, chart.MonthPlot(l, b, parasat.FigAidValue))
	}
	if b := r.Breakdown(parasat.ByRegion); b != nil && len(b.Rows) > 0 {
		horizontal(doc, l, chart.RankingPlot(l, b, parasat.FigAidValue))
	}
	// Shares of kinds mean nothing when the filter keeps a single kind.
	if r.Summary.Filter.Kind == "" {
		horizontal(doc, l, chart.KindsPlot(l, &r.Summary.Figures))
	}
}

// empty writes the title of a plot with nothing to show, and says so.
func empty(doc *pdf.Document, p chart.Plot) bool {
	if !p.Empty {
		return false
	}
	doc.Heading(p.Title)
	doc.Paragraph(p.Desc)
	return true
}

// heading writes a plot's title, kept with its drawing; when every bar is
// suppressed, also the description saying so.
func heading(doc *pdf.Document, p chart.Plot, height float64) {
	if p.Highest() > 0 {
		doc.HeadingKeep(p.Title, height)
		return
	}
	doc.HeadingKeep(p.Title, height+12)
	doc.Paragraph(p.Desc)
}

// vertical draws bars standing on a value axis with four gridlines, the
// short names of the months below and each value above its bar.
func vertical(doc *pdf.Document, l *i18n.Localizer, p chart.Plot) {
	if empty(doc, p) {
		return
	}
	const plotTop, plotH, below, height = 6.0, 52.0, 7.0, 6.0 + 52.0 + 7.0 + 2.0
	top, step := chart.NiceCeiling(p.Highest())
	heading(doc, p, height)
	doc.Drawing(height, func(c *pdf.Canvas) {
		tick := pdf.Font{Size: labelSize - 0.5, Color: grey}
		left := 0.0
		for v := int64(0); v <= top; v += step {
			left = max(left, c.TextWidth(report.Compact(l, p.Figure, v), tick))
		}
		left += 2
		y := func(v int64) float64 { return plotTop + plotH - float64(v)/float64(top)*plotH }
		for v := int64(0); v <= top; v += step {
			c.Line(left, y(v), c.Width, y(v), gridColor)
			if p.Highest() > 0 { // every bar suppressed: a scale of nothing
				c.Text(left-1.5, y(v)+1, report.Compact(l, p.Figure, v), tick, pdf.Right)
			}
		}
		slot := (c.Width - left) / float64(len(p.Bars))
		values, marks, names := make([]string, len(p.Bars)), make([]string, len(p.Bars)), make([]string, len(p.Bars))
		for i, b := range p.Bars {
			names[i] = b.Short
			switch {
			case !b.Shown:
				marks[i] = report.SuppressedMark(l)
			case b.Value > 0:
				values[i] = b.End(l, p.Figure)
			}
		}
		valueFont := fitting(c, values, slot, pdf.Font{Size: labelSize, Color: ink})
		markFont := fitting(c, marks, slot, pdf.Font{Size: labelSize, Color: grey})
		nameFont := fitting(c, names, slot, pdf.Font{Size: labelSize, Color: ink})
		for i, b := range p.Bars {
			x := left + float64(i)*slot
			mid := x + slot/2
			if b.Shown && b.Value > 0 {
				c.Rect(x+slot*0.15, y(b.Value), slot*0.7, y(0)-y(b.Value), b.Color)
			}
			if values[i] != "" && valueFont.Size > 0 {
				c.Text(mid, y(b.Value)-1, values[i], valueFont, pdf.Center)
			}
			if marks[i] != "" && markFont.Size > 0 {
				c.Text(mid, y(0)-1, marks[i], markFont, pdf.Center)
			}
			if nameFont.Size > 0 {
				c.Text(mid, y(0)+below-2.5, names[i], nameFont, pdf.Center)
			}
		}
	})
}

// fitting is font at the largest size, down to smallest, at which every
// text fits in width; size 0 when they do not fit even then.
func fitting(c *pdf.Canvas, texts []string, width float64, font pdf.Font) pdf.Font {
	widest := 0.0
	for _, t := range texts {
		widest = max(widest, c.TextWidth(t, font))
	}
	if widest > width*0.95 {
		font.Size = font.Size * width * 0.95 / widest
		if font.Size < smallest {
			font.Size = 0
		}
	}
	return font
}

// rankRows is how many bars of a ranking one drawing holds: a longer
// ranking continues in a drawing on the next page.
const rankRows = 30

// horizontal draws bars one under another, each after its label and
// followed by its value (and share); a suppressed bar is its mark.
func horizontal(doc *pdf.Document, l *i18n.Localizer, p chart.Plot) {
	if empty(doc, p) {
		return
	}
	const rowH, barH = 6.5, 4.0
	font := pdf.Font{Size: labelSize + 0.5, Color: ink}
	mark := pdf.Font{Size: labelSize + 0.5, Color: grey}
	highest := p.Highest()
	for start := 0; start < len(p.Bars); start += rankRows {
		bars := p.Bars[start:min(start+rankRows, len(p.Bars))]
		height := float64(len(bars))*rowH + 2
		if start == 0 {
			heading(doc, p, height)
		}
		doc.Drawing(height, func(c *pdf.Canvas) {
			labelW, valueW := 0.0, 0.0
			for _, b := range p.Bars { // the same columns in every part
				labelW = max(labelW, c.TextWidth(b.Label, font))
				valueW = max(valueW, c.TextWidth(b.End(l, p.Figure), font), c.TextWidth(report.SuppressedMark(l), mark))
			}
			labelW = min(labelW+3, c.Width*0.4)
			room := c.Width - labelW - valueW - 2
			for i, b := range bars {
				y := float64(i)*rowH + 1
				base := y + rowH/2 + 1.1
				c.Text(0, base, c.Fit(b.Label, labelW-1.5, font), font, pdf.Left)
				if !b.Shown {
					c.Text(labelW, base, report.SuppressedMark(l), mark, pdf.Left)
					continue
				}
				w := 0.0
				if highest > 0 {
					w = float64(b.Value) / float64(highest) * room
				}
				if b.Value > 0 {
					c.Rect(labelW, y+(rowH-barH)/2, w, barH, b.Color)
				}
				c.Text(labelW+w+1.5, base, b.End(l, p.Figure), font, pdf.Left)
			}
		})
	}
}
