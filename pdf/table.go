package pdf

import "strings"

// Table is a table for WriteTable.
type Table struct {
	Header []string   // the header row, repeated at the top of every page the table reaches
	Rows   [][]string // the rows; a long cell wraps onto several lines
	Total  []string   // a last row in bold under a rule, or nil
	Right  []bool     // the columns aligned to the right, such as amounts
	// Widths are the columns' shares of the text width, adding up to 1.
	// Without them every column is as wide as its content, except the
	// first Keys columns (at least one), which take the width left over.
	// A table too wide for the page is then written as several tables,
	// each with the Keys columns and as many of the others as fit, so that
	// no number is ever cut.
	Widths []float64
	Keys   int
}

const (
	tableSize   = 9.0  // pt
	tableLine   = 4.2  // mm: one line of a cell
	tablePad    = 1.15 // mm above and below the text of a row
	maxKeyWidth = 60.0 // mm: the most the key columns take when others need room
)

// WriteTable writes t. A row is never split across pages: a row that
// does not fit starts a new page, which repeats the header row; the last
// row stays with the total.
func (d *Document) WriteTable(t Table) {
	auto, bottom := d.f.GetAutoPageBreak()
	d.f.SetAutoPageBreak(false, bottom) // rows break pages themselves
	defer d.f.SetAutoPageBreak(auto, bottom)
	for i, p := range d.layout(t) {
		if i > 0 {
			d.f.Ln(4)
		}
		d.writePart(t, p)
	}
	d.f.Ln(3)
}

// part is one table of a table split by columns: the columns it shows
// and their widths in millimetres.
type part struct {
	cols   []int
	widths []float64
}

// row is a row laid out: each cell's lines, and its height.
type row struct {
	cells  [][]string
	height float64
}

func (d *Document) writePart(t Table, p part) {
	pick := func(cells []string) []string {
		out := make([]string, len(p.cols))
		for i, c := range p.cols {
			if c < len(cells) {
				out[i] = cells[c]
			}
		}
		return out
	}
	right := make([]bool, len(p.cols))
	for i, c := range p.cols {
		right[i] = c < len(t.Right) && t.Right[c]
	}
	header := d.lay(pick(t.Header), p.widths, "B")
	rows := make([]row, len(t.Rows))
	for i, r := range t.Rows {
		rows[i] = d.lay(pick(r), p.widths, "")
	}
	var total row
	if t.Total != nil {
		total = d.lay(pick(t.Total), p.widths, "B")
	}
	first := total.height
	if len(rows) > 0 {
		first = rows[0].height
	}
	d.Need(header.height + first)
	d.drawRow(header, p.widths, right, "B", true, false)
	for i, r := range rows {
		need := r.height
		if i == len(rows)-1 {
			need += total.height // the last row stays with the total
		}
		if d.room() < need {
			d.f.AddPage()
			d.drawRow(header, p.widths, right, "B", true, false)
		}
		d.drawRow(r, p.widths, right, "", false, false)
	}
	if t.Total != nil {
		if d.room() < total.height {
			d.f.AddPage()
			d.drawRow(header, p.widths, right, "B", true, false)
		}
		d.drawRow(total, p.widths, right, "B", false, true)
	}
}

// lay wraps each cell of a row to its column.
func (d *Document) lay(cells []string, widths []float64, style string) row {
	d.f.SetFont(family, style, tableSize)
	r := row{cells: make([][]string, len(cells))}
	n := 1
	for i, s := range cells {
		r.cells[i] = d.wrap(s, widths[i])
		n = max(n, len(r.cells[i]))
	}
	r.height = float64(n)*tableLine + 2*tablePad
	return r
}

// drawRow draws a laid-out row at the current position: its background
// when filled, a rule above it for a total, and its bottom border.
func (d *Document) drawRow(r row, widths []float64, right []bool, style string, fill, rule bool) {
	f := d.f
	f.SetLineWidth(0.2)
	y, width := f.GetY(), 0.0
	for _, w := range widths {
		width += w
	}
	if fill {
		f.SetFillColor(232, 238, 244)
		f.Rect(margin, y, width, r.height, "F")
	}
	if rule {
		f.SetDrawColor(11, 92, 140)
		f.Line(margin, y, margin+width, y)
	}
	f.SetFont(family, style, tableSize)
	x := margin
	for i, lines := range r.cells {
		align := "L"
		if right[i] {
			align = "R"
		}
		for j, s := range lines {
			f.SetXY(x, y+tablePad+float64(j)*tableLine)
			f.CellFormat(widths[i], tableLine, fit(f, s, widths[i]-2*f.GetCellMargin()), "", 0, align, false, 0, "")
		}
		x += widths[i]
	}
	f.SetDrawColor(180, 190, 200)
	f.Line(margin, y+r.height, margin+width, y+r.height)
	f.SetXY(margin, y+r.height)
}

// wrap breaks s into lines that fit a cell w millimetres wide in the
// current font, at ordinary spaces only: a no-break space keeps "2 300 000 ₸"
// and "14 млн" whole. A word wider than the cell is left to be cut.
func (d *Document) wrap(s string, w float64) []string {
	room := w - 2*d.f.GetCellMargin()
	if d.f.GetStringWidth(s) <= room && !strings.Contains(s, "\n") {
		return []string{s}
	}
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		line := ""
		for _, word := range strings.Split(para, " ") {
			switch {
			case line == "":
				line = word
			case d.f.GetStringWidth(line+" "+word) <= room:
				line += " " + word
			default:
				lines = append(lines, line)
				line = word
			}
		}
		lines = append(lines, line)
	}
	return lines
}
