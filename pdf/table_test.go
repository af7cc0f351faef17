package pdf_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/parasat-kz/parasat/internal/pdftest"
	"github.com/parasat-kz/parasat/pdf"
)

func newDoc() *pdf.Document {
	return pdf.New(pdf.Header{Organisation: "Достық үйі", Details: "Есеп", PageLabel: "Бет"}, time.Date(2019, 4, 25, 0, 0, 0, 0, time.UTC))
}

// pages returns the text of each page, spaces squeezed.
func pages(t *testing.T, doc *pdf.Document) []string {
	t.Helper()
	b, err := doc.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	out := strings.Split(strings.TrimRight(pdftest.Text(t, b), "\f\n"), "\f")
	for i := range out {
		out[i] = pdftest.Squeeze(out[i])
	}
	return out
}

func TestTableRepeatsItsHeaderOnEveryPage(t *testing.T) {
	doc := newDoc()
	doc.Heading("Ұйымдар бойынша")
	var rows [][]string
	for i := 1; i <= 120; i++ {
		rows = append(rows, []string{fmt.Sprintf("Ұйым №%03d", i), fmt.Sprintf("%d\u00a0000\u00a0₸", i)})
	}
	doc.WriteTable(pdf.Table{Header: []string{"Ұйым", "Көмектің құны"}, Rows: rows, Total: []string{"Барлығы", "7\u00a0260\u00a0000\u00a0₸"},
		Right: []bool{false, true}, Keys: 1})
	ps := pages(t, doc)
	if len(ps) < 3 {
		t.Fatalf("%d pages for 120 rows", len(ps))
	}
	seen := 0
	for i, p := range ps {
		if !strings.Contains(p, "Ұйым Көмектің құны") {
			t.Errorf("page %d has no header row: %.200s", i+1, p)
		}
		for n := 1; n <= 120; n++ {
			if strings.Contains(p, fmt.Sprintf("Ұйым №%03d %d 000 ₸", n, n)) {
				seen++
			}
		}
	}
	if seen != 120 {
		t.Errorf("%d of 120 rows found whole", seen)
	}
	if last := ps[len(ps)-1]; !strings.Contains(last, "Ұйым №120 120 000 ₸ Барлығы 7 260 000 ₸") {
		t.Errorf("the last row is not with the total: %.300s", last)
	}
}

// Columns sized to their content: numbers are never cut, and a table too
// wide for the page continues in another with the key column repeated.
func TestWideTableSplitsByColumnsAndKeepsNumbersWhole(t *testing.T) {
	doc := newDoc()
	header := []string{"Өңір"}
	for c := 1; c <= 12; c++ {
		header = append(header, fmt.Sprintf("Көрсеткіш %d", c))
	}
	row := func(name string, n int) []string {
		r := []string{name}
		for c := 1; c <= 12; c++ {
			r = append(r, fmt.Sprintf("%d\u00a0234\u00a0567\u00a0890,5%d\u00a0₸", n, c%10))
		}
		return r
	}
	doc.WriteTable(pdf.Table{Header: header, Rows: [][]string{row("Астана қаласы", 1), row("Батыс Қазақстан облысы", 2)}, Keys: 1})
	text := strings.Join(pages(t, doc), " ")
	for c := 1; c <= 12; c++ {
		for n := 1; n <= 2; n++ {
			if v := fmt.Sprintf("%d 234 567 890,5%d ₸", n, c%10); !strings.Contains(text, v) {
				t.Errorf("%s is not whole in the text", v)
			}
		}
		if !strings.Contains(text, fmt.Sprintf("Көрсеткіш %d", c)) {
			t.Errorf("header %d missing", c)
		}
	}
	if n := strings.Count(text, "Батыс Қазақстан облысы"); n < 2 {
		t.Errorf("the key column appears %d times: the table was not split", n)
	}
	if strings.Contains(text, "…") {
		t.Error("a cell was cut")
	}
}

// A heading that would end a page moves with what follows it.
func TestHeadingStaysWithWhatFollows(t *testing.T) {
	write := func(keep func(*pdf.Document)) []string {
		doc := newDoc()
		for i := 0; i < 34; i++ { // the heading's line is among the page's last
			doc.Paragraph(fmt.Sprintf("Жол %d.", i))
		}
		keep(doc)
		doc.WriteTable(pdf.Table{Header: []string{"Ай", "Іс-шаралар"}, Rows: [][]string{{"Қаңтар 2019", "6"}}, Keys: 1})
		return pages(t, doc)
	}
	// Kept with nothing, the heading ends page 1 and its table starts page 2.
	if ps := write(func(d *pdf.Document) { d.HeadingKeep("Айлар бойынша", 0) }); len(ps) != 2 || !strings.Contains(ps[0], "Айлар бойынша") {
		t.Fatalf("the test does not put the heading at the end of a page: %q", ps)
	}
	ps := write(func(d *pdf.Document) { d.Heading("Айлар бойынша") })
	if len(ps) != 2 || strings.Contains(ps[0], "Айлар бойынша") || !strings.Contains(ps[1], "Айлар бойынша Ай Іс-шаралар Қаңтар 2019 6") {
		t.Errorf("the heading is parted from its table:\n1: %.2000s\n2: %s", ps[0], ps[1])
	}
}

func TestDrawingIsTextAndShapesOnOnePage(t *testing.T) {
	doc := newDoc()
	for i := 0; i < 30; i++ { // about 40 mm left on page 1
		doc.Paragraph(fmt.Sprintf("Жол %d.", i))
	}
	var width float64
	doc.Drawing(60, func(c *pdf.Canvas) {
		width = c.Width
		c.Rect(0, 10, 80, 8, "#1f5f99")
		c.Line(0, 50, c.Width, 50, "#6b6b6b")
		c.Text(82, 16, "2,3\u00a0млн\u00a0₸", pdf.Font{Size: 8}, pdf.Left)
		c.Text(c.Width, 58, "Наурыз", pdf.Font{Size: 8, Bold: true, Color: "#1a1a1a"}, pdf.Right)
	})
	doc.Paragraph("Соңы.")
	ps := pages(t, doc)
	if len(ps) != 2 || !strings.Contains(ps[0], "Жол 29.") || !strings.Contains(ps[1], "2,3 млн ₸") || !strings.Contains(ps[1], "Наурыз Соңы.") {
		t.Errorf("the drawing did not move whole to page 2 before the text after it: %q", ps)
	}
	if width != 174 {
		t.Errorf("canvas width %.1f, want the text width 174 mm", width)
	}
}

// A fact (a label and its text) is never split across pages.
func TestFactStaysOnOnePage(t *testing.T) {
	doc := newDoc()
	for i := 0; i < 33; i++ {
		doc.Paragraph(fmt.Sprintf("Жол %d.", i))
	}
	long := strings.Repeat("Кезеңнің бірінші күнінен соңғы күніне дейінгі күнтізбелік күндер. ", 4)
	var facts [][2]string
	for i := 1; i <= 4; i++ {
		facts = append(facts, [2]string{fmt.Sprintf("Термин %d", i), long + fmt.Sprintf("Соңы %d.", i)})
	}
	doc.Facts(facts)
	ps := pages(t, doc)
	if len(ps) != 2 {
		t.Fatalf("%d pages", len(ps))
	}
	for i := 1; i <= 4; i++ {
		for _, p := range ps {
			if strings.Contains(p, fmt.Sprintf("Термин %d", i)) != strings.Contains(p, fmt.Sprintf("Соңы %d.", i)) {
				t.Errorf("fact %d is split across pages", i)
			}
		}
	}
}
