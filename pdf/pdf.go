// Package pdf makes simple A4 documents — receipts, statements, reports —
// in Kazakh, Russian and English. It embeds DejaVu Sans, which has every
// Kazakh letter (ә ғ қ ң ө ұ ү һ і) and the tenge sign ₸ that the PDF core
// fonts and Go's own fonts lack. Every page carries a header with the
// organisation's name and details, and a footer with the page number.
//
//	doc := pdf.New(pdf.Header{Organisation: "Меценаттар клубы", Details: "БСН 190440000010"})
//	doc.Title("Түбіртек № 2019-000042")
//	doc.Facts([][2]string{{"Сома", "1 500 000 ₸"}})
//	err := doc.Write(w)
//
// The layout is plain on purpose: one column, a title, facts as a two
// column list, tables with a header row (table.go), paragraphs, and
// drawings such as charts (draw.go). Nothing is split badly across pages:
// a heading stays with what follows it, a fact and a table row stay whole,
// a table repeats its header row on every page it reaches.
package pdf

import (
	"bytes"
	_ "embed"
	"io"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
)

//go:embed fonts/DejaVuSans.ttf
var regular []byte

//go:embed fonts/DejaVuSans-Bold.ttf
var bold []byte

const (
	family     = "DejaVu"
	margin     = 18.0 // mm
	pageWidth  = 210.0
	textWidth  = pageWidth - 2*margin
	lineHeight = 6.0
)

// Header is what every page shows at its top.
type Header struct {
	Organisation string // the organisation's name, in the document's language
	Details      string // its BIN, address and phone, on one line
	// PageLabel is the word for "page" in the document's language; the
	// footer reads "<PageLabel> 2 / 3".
	PageLabel string
}

// Document is an A4 document being written.
type Document struct {
	f   *fpdf.Fpdf
	top float64 // where the text of a page starts, below the header
}

// New starts a document with the header on every page. created is
// written as the document's creation date (pass the time the content is
// from, so the same content makes the same document).
func New(h Header, created time.Time) *Document {
	f := fpdf.New("P", "mm", "A4", "")
	d := &Document{f: f}
	f.AddUTF8FontFromBytes(family, "", regular)
	f.AddUTF8FontFromBytes(family, "B", bold)
	f.SetMargins(margin, margin, margin)
	f.SetAutoPageBreak(true, margin)
	f.SetCreationDate(created)
	f.SetModificationDate(created)
	f.SetCatalogSort(true)
	f.SetTitle(h.Organisation, true)
	f.SetCreator("Parasat", true)
	f.AliasNbPages("{nb}")
	f.SetHeaderFunc(func() {
		f.SetFont(family, "B", 11)
		f.MultiCell(textWidth, 5.5, h.Organisation, "", "L", false)
		if h.Details != "" {
			f.SetFont(family, "", 8.5)
			f.SetTextColor(70, 70, 70)
			f.MultiCell(textWidth, 4.5, h.Details, "", "L", false)
			f.SetTextColor(0, 0, 0)
		}
		f.SetDrawColor(11, 92, 140)
		f.SetLineWidth(0.6)
		y := f.GetY() + 1.5
		f.Line(margin, y, pageWidth-margin, y)
		f.SetY(y + 5)
		d.top = f.GetY()
	})
	f.SetFooterFunc(func() {
		f.SetY(-12)
		f.SetFont(family, "", 8)
		f.SetTextColor(90, 90, 90)
		label := h.PageLabel
		if label == "" {
			label = "—"
		}
		f.CellFormat(textWidth, 5, label+" "+itoa(f.PageNo())+" / {nb}", "", 0, "R", false, 0, "")
		f.SetTextColor(0, 0, 0)
	})
	f.AddPage()
	return d
}

// Title writes the document's title in large bold letters.
func (d *Document) Title(s string) {
	d.f.SetFont(family, "B", 15)
	d.f.MultiCell(textWidth, 8, s, "", "L", false)
	d.f.Ln(2)
}

// keepAfter is how much of what follows a heading must fit on its page:
// a table's header row and first row, or a few lines of text.
const keepAfter = 24.0

// Heading writes a section heading, on a new page when too little room is
// left below it for the start of what follows.
func (d *Document) Heading(s string) { d.HeadingKeep(s, keepAfter) }

// HeadingKeep writes a section heading kept on one page with the next
// millimetres that follow it, such as a chart drawn whole.
func (d *Document) HeadingKeep(s string, next float64) {
	d.f.SetFont(family, "B", 11.5)
	d.Need(3 + float64(len(d.wrap(s, textWidth)))*lineHeight + next)
	d.f.Ln(2)
	d.f.MultiCell(textWidth, lineHeight, s, "", "L", false)
	d.f.Ln(1)
}

// Need starts a new page unless h millimetres are left on this one, so
// that what comes next is not split. At the top of a page it does nothing:
// a new page would have no more room.
func (d *Document) Need(h float64) {
	if d.room() < h && d.f.GetY() > d.top+0.01 {
		d.f.AddPage()
	}
}

// room is the height left on the page above the bottom margin.
func (d *Document) room() float64 {
	_, height := d.f.GetPageSize()
	return height - margin - d.f.GetY()
}

// Paragraph writes running text, wrapped to the page.
func (d *Document) Paragraph(s string) {
	d.f.SetFont(family, "", 10)
	d.f.MultiCell(textWidth, 5.2, s, "", "L", false)
	d.f.Ln(1.5)
}

// Facts writes label–value pairs, the labels in a narrow column.
func (d *Document) Facts(rows [][2]string) {
	const labelWidth = 55.0
	for _, r := range rows {
		d.f.SetFont(family, "B", 10)
		lines := len(d.wrap(r[0], labelWidth))
		d.f.SetFont(family, "", 10)
		lines = max(lines, len(d.wrap(r[1], textWidth-labelWidth)))
		d.Need(float64(lines) * lineHeight) // a fact stays on one page
		y := d.f.GetY()
		d.f.SetFont(family, "B", 10)
		d.f.MultiCell(labelWidth, lineHeight, r[0], "", "L", false)
		below := d.f.GetY()
		d.f.SetXY(margin+labelWidth, y)
		d.f.SetFont(family, "", 10)
		d.f.MultiCell(textWidth-labelWidth, lineHeight, r[1], "", "L", false)
		if d.f.GetY() < below {
			d.f.SetY(below)
		}
		d.f.SetX(margin)
	}
	d.f.Ln(2)
}

// Table writes rows under a header row. widths are fractions of the text
// width (they should add up to 1); right marks the columns aligned to the
// right, such as amounts. See WriteTable for the rest.
func (d *Document) Table(header []string, rows [][]string, widths []float64, right []bool) {
	d.WriteTable(Table{Header: header, Rows: rows, Widths: widths, Right: right})
}

// Stamp writes a warning line in red capitals, such as "CANCELLED".
func (d *Document) Stamp(s string) {
	d.f.SetFont(family, "B", 13)
	d.f.SetTextColor(164, 22, 26)
	d.f.MultiCell(textWidth, 8, strings.ToUpper(s), "", "L", false)
	d.f.SetTextColor(0, 0, 0)
	d.f.Ln(1)
}

// Write finishes the document and writes it to w.
func (d *Document) Write(w io.Writer) error { return d.f.Output(w) }

// Bytes finishes the document and returns it.
func (d *Document) Bytes() ([]byte, error) {
	var b bytes.Buffer
	err := d.Write(&b)
	return b.Bytes(), err
}

// fit cuts s with an ellipsis so that it is at most w millimetres wide.
func fit(f *fpdf.Fpdf, s string, w float64) string {
	if f.GetStringWidth(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 1 && f.GetStringWidth(string(r)+"…") > w {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
