package export

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
	"github.com/parasat-kz/parasat/report"
)

// XLSX writes r as a workbook in l's language: a summary sheet (title,
// period, filters, every figure with the same period last year), one sheet
// per breakdown with a total row, and a sheet of definitions. Numbers are
// numbers (money in tenge with a "₸" format, hours in hours), dates are
// dates, headers are bold and frozen. Sheets are streamed, so a large
// breakdown costs little memory.
func XLSX(w io.Writer, l *i18n.Localizer, r *parasat.Report) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f, l, hasTiyn(r))
	if err != nil {
		return err
	}
	b := &book{f: f, l: l, r: r, st: st}
	if err := b.summary(); err != nil {
		return err
	}
	for i := range r.Breakdowns {
		if err := b.breakdown(&r.Breakdowns[i]); err != nil {
			return fmt.Errorf("export: sheet %s: %w", r.Breakdowns[i].By, err)
		}
	}
	if err := b.definitions(); err != nil {
		return err
	}
	if err := f.SetDocProps(&excelize.DocProperties{Title: report.Title(l) + " — " + r.Subject.Best(l.Lang()),
		Creator: "Parasat", Language: string(l.Lang())}); err != nil {
		return err
	}
	return f.Write(w)
}

// book is a workbook being written.
type book struct {
	f  *excelize.File
	l  *i18n.Localizer
	r  *parasat.Report
	st styles
}

// styles are the cell styles of a workbook.
type styles struct {
	title, header, text, bold, date, wrap, mark int
	number, numberBold                          map[parasat.Unit]int
}

func newStyles(f *excelize.File, l *i18n.Localizer, tiyn bool) (styles, error) {
	var st styles
	var err error
	add := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(s)
		return id
	}
	dateFmt := "dd.mm.yyyy"
	if l.Lang() == parasat.English {
		dateFmt = "yyyy-mm-dd"
	}
	money := `#,##0 "₸"`
	if tiyn {
		money = `#,##0.00 "₸"`
	}
	formats := map[parasat.Unit]string{parasat.UnitCount: "#,##0", parasat.UnitTiyn: money, parasat.UnitMinutes: "#,##0.0"}
	st.title = add(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	st.header = add(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"},
		Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE6F0"}},
		Border: []excelize.Border{{Type: "bottom", Color: "1F5F99", Style: 2}}})
	st.text = add(&excelize.Style{})
	st.bold = add(&excelize.Style{Font: &excelize.Font{Bold: true}})
	st.date = add(&excelize.Style{CustomNumFmt: &dateFmt})
	st.wrap = add(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	st.mark = add(&excelize.Style{Font: &excelize.Font{Italic: true, Color: "595959"}, Alignment: &excelize.Alignment{Horizontal: "right"}})
	st.number, st.numberBold = map[parasat.Unit]int{}, map[parasat.Unit]int{}
	for u, code := range formats {
		st.number[u] = add(&excelize.Style{CustomNumFmt: &code})
		st.numberBold[u] = add(&excelize.Style{CustomNumFmt: &code, Font: &excelize.Font{Bold: true}})
	}
	return st, err
}

// hasTiyn reports whether any amount has tiyn, so money shows decimals.
func hasTiyn(r *parasat.Report) bool {
	figs := []*parasat.Figures{&r.Summary.Figures}
	if r.LastYear != nil {
		figs = append(figs, &r.LastYear.Figures)
	}
	for i := range r.Breakdowns {
		figs = append(figs, &r.Breakdowns[i].Total)
		for j := range r.Breakdowns[i].Rows {
			figs = append(figs, &r.Breakdowns[i].Rows[j].Figures)
		}
	}
	for _, f := range figs {
		for _, fig := range parasat.AllFigures {
			if fig.Unit() == parasat.UnitTiyn && f.Value(fig)%100 != 0 {
				return true
			}
		}
	}
	return false
}

// cell returns a figure as a spreadsheet cell: a number in its unit
// (tenge, hours, count), or the suppression mark.
func (b *book) cell(f *parasat.Figures, fig parasat.Figure, bold bool) excelize.Cell {
	v, ok := f.Get(fig)
	if !ok {
		return excelize.Cell{StyleID: b.st.mark, Value: report.SuppressedMark(b.l)}
	}
	style := b.st.number[fig.Unit()]
	if bold {
		style = b.st.numberBold[fig.Unit()]
	}
	switch fig.Unit() {
	case parasat.UnitTiyn:
		// A float64 holds every amount up to 90 trillion tenge to the tiyn,
		// and excelize writes its shortest decimal: 123450 tiyn → 1234.5.
		return excelize.Cell{StyleID: style, Value: float64(v) / 100}
	case parasat.UnitMinutes:
		return excelize.Cell{StyleID: style, Value: float64(v) / 60}
	}
	return excelize.Cell{StyleID: style, Value: v}
}

func (b *book) dateCell(d parasat.Date) excelize.Cell {
	return excelize.Cell{StyleID: b.st.date, Value: d.Time}
}

func (b *book) text(s string, style int) excelize.Cell {
	return excelize.Cell{StyleID: style, Value: s}
}

// sheet starts a streamed sheet; the first one takes the place of the
// workbook's default sheet.
func (b *book) sheet(name string, widths []float64) (*excelize.StreamWriter, error) {
	if b.f.SheetCount == 1 && b.f.GetSheetName(0) == "Sheet1" {
		if err := b.f.SetSheetName("Sheet1", name); err != nil {
			return nil, err
		}
	} else if _, err := b.f.NewSheet(name); err != nil {
		return nil, err
	}
	sw, err := b.f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return nil, err
		}
	}
	return sw, nil
}

// freeze keeps the rows above row and the columns left of col in view.
func freeze(sw *excelize.StreamWriter, col, row int) error {
	top, _ := excelize.CoordinatesToCellName(col+1, row+1)
	pane := "bottomLeft"
	if col > 0 {
		pane = "bottomRight"
	}
	return sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: col, YSplit: row, TopLeftCell: top, ActivePane: pane})
}

func row(sw *excelize.StreamWriter, n int, cells ...excelize.Cell) error {
	ref, _ := excelize.CoordinatesToCellName(1, n)
	values := make([]any, len(cells))
	for i, c := range cells {
		values[i] = c
	}
	return sw.SetRow(ref, values)
}
