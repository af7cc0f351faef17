package export

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/internal/libreoffice"
)

var sheetsKK = []string{"Қорытынды", "Тоқсандар бойынша", "Айлар бойынша", "Өңірлер бойынша", "Көмек түрлері бойынша",
	"Атаулы күндер бойынша", "Анықтамалар"}

// LibreOffice reads every figure as the number it is, money in tenge,
// dates as dates, in the sheets and the language asked for.
func TestXLSXReadByLibreOffice(t *testing.T) {
	libreoffice.Require(t)
	t.Parallel()
	r := capital2019()
	out := libreoffice.Convert(t, xlsx(t, parasat.Kazakh, r), "report.xlsx", libreoffice.FODS)
	sheets := libreoffice.ReadFODS(t, filepath.Join(out, "report.fods"))
	for _, name := range sheetsKK {
		if _, ok := sheets[name]; !ok {
			t.Errorf("no sheet %q (have %d sheets)", name, len(sheets))
		}
	}
	sum := sheets["Қорытынды"]
	if got := sum[0][0].Text; got != "Қайырымдылық жұмысының қорытындысы — Астана қаласының Ассамблеясы" {
		t.Errorf("title = %q", got)
	}
	if c := sum[1]; c[0].Text != "Кезең" || c[1].Type != "date" || c[1].Value != "2019-01-01" || c[2].Type != "date" || c[2].Value != "2019-04-25" {
		t.Errorf("period row = %+v", c)
	}
	want := map[string][2]string{ // label → this year, last year
		"Іс-шаралар":                      {"63", "40"},
		"Көмек алған адамдар":             {"1500", "900"},
		"Көмектің құны":                   {"14080000", "9000000"},
		"Даму («қармақ»)":                 {"7040000", "4500000"},
		"Жиналған қайырымдылық":           {"14250000.5", "0"},
		"Еріктілер сағаты":                {"1200.5", "0"},
		"Қайырымдылық жасаған меценаттар": {"25", "0"},
	}
	found := 0
	for _, row := range sum {
		if len(row) < 3 {
			continue
		}
		w, ok := want[row[0].Text]
		if !ok {
			continue
		}
		found++
		for i, v := range w {
			if c := row[i+1]; c.Type != "float" || !sameNumber(c.Value, v) {
				t.Errorf("%s column %d = %s %q, want float %s", row[0].Text, i+2, c.Type, c.Value, v)
			}
		}
	}
	if found != len(want) {
		t.Errorf("found %d of %d figures in the summary", found, len(want))
	}
	months := sheets["Айлар бойынша"]
	if h := months[0]; h[0].Text != "Ай" || h[1].Text != "Басы" || h[3].Text != "Іс-шаралар" {
		t.Errorf("month header = %+v", h[:4])
	}
	if m := months[4]; m[0].Text != "Сәуір 2019" || m[1].Type != "date" || m[1].Value != "2019-04-01" || m[2].Value != "2019-04-25" ||
		m[3].Type != "float" || m[3].Value != "41" || !sameNumber(m[6].Value, "11780000") {
		t.Errorf("April = %+v", m[:7])
	}
	if total := months[5]; total[0].Text != "Барлығы" || total[3].Value != "63" || !sameNumber(total[6].Value, "14080000") {
		t.Errorf("total row = %+v", total[:7])
	}
	regions := sheets["Өңірлер бойынша"]
	if r := regions[2]; r[0].Text != "KZ-11" || r[0].Type != "string" || r[1].Text != "Ақмола облысы" || !sameNumber(r[5].Value, "180000") {
		t.Errorf("Akmola row = %+v", r[:6])
	}
	if occ := sheets["Атаулы күндер бойынша"][2]; occ[1].Text != "Атаулы күнге байланыссыз" {
		t.Errorf("no-occasion row = %+v", occ[:2])
	}
}

func sameNumber(got, want string) bool {
	g, err1 := strconv.ParseFloat(got, 64)
	w, err2 := strconv.ParseFloat(want, 64)
	return err1 == nil && err2 == nil && g == w
}

var digits = regexp.MustCompile(`[^0-9.]`)

// The CSV that LibreOffice writes shows the cells with their formats:
// money with "₸", dates as dd.mm.yyyy, and the numbers of the report.
func TestXLSXAsCSVByLibreOffice(t *testing.T) {
	libreoffice.Require(t)
	t.Parallel()
	r := capital2019()
	out := libreoffice.Convert(t, xlsx(t, parasat.Russian, r), "report.xlsx", libreoffice.CSV)
	read := func(sheet string) [][]string {
		b, err := os.ReadFile(filepath.Join(out, "report-"+sheet+".csv"))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
	sum := read("Итоги")
	if sum[1][0] != "Период" || sum[1][1] != "01.01.2019" || sum[1][2] != "25.04.2019" {
		t.Errorf("period row = %q", sum[1])
	}
	values := map[string]string{}
	for _, row := range sum {
		if len(row) > 1 {
			values[row[0]] = row[1]
		}
	}
	for label, want := range map[string]string{"Мероприятия": "63", "Стоимость помощи": "14080000.00", "Собрано пожертвований": "14250000.50",
		"Получили помощь, человек": "1500", "Часы волонтёров": "1200.5"} {
		got := values[label]
		if digits.ReplaceAllString(got, "") != want {
			t.Errorf("%s = %q, want %s", label, got, want)
		}
		if strings.Contains(label, "Стоимость") && !strings.HasSuffix(got, "₸") {
			t.Errorf("%s = %q is not shown as money", label, got)
		}
	}
	months := read("По месяцам")
	if m := months[1]; m[0] != "Январь 2019" || m[1] != "01.01.2019" || m[2] != "31.01.2019" || digits.ReplaceAllString(m[6], "") != "500000.00" {
		t.Errorf("January = %q", m)
	}
}

// Without LibreOffice: the workbook's structure as excelize reads it.
func TestXLSXStructure(t *testing.T) {
	f, err := excelize.OpenReader(bytes.NewReader(xlsx(t, parasat.English, capital2019())))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := []string{"Summary", "By quarter", "By month", "By region", "By kind of help", "By occasion", "Definitions"}
	if got := f.GetSheetList(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("sheets = %q", got)
	}
	panes, err := f.GetPanes("By month")
	if err != nil || !panes.Freeze || panes.YSplit != 1 || panes.XSplit != 3 {
		t.Errorf("panes = %+v, %v", panes, err)
	}
	style, _ := f.GetCellStyle("By month", "D1")
	s, _ := f.GetStyle(style)
	if s == nil || s.Font == nil || !s.Font.Bold {
		t.Errorf("header D1 is not bold: %+v", s)
	}
	style, _ = f.GetCellStyle("By month", "G2")
	if s, _ = f.GetStyle(style); s == nil || s.CustomNumFmt == nil || !strings.Contains(*s.CustomNumFmt, "₸") {
		t.Errorf("money cell G2 format = %+v", s)
	}
	if typ, _ := f.GetCellType("By month", "G2"); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		t.Errorf("money cell type = %v", typ)
	}
	if v, _ := f.GetCellValue("By kind of help", "B3", excelize.Options{RawCellValue: true}); v != "Development (“a fishing rod”)" {
		t.Errorf("kind name = %q", v)
	}
}

// A public export shows the mark, never the number, of a suppressed cell.
func TestXLSXSuppressed(t *testing.T) {
	r := capital2019()
	r.Breakdowns[2].Rows[1].Figures = figures(3, 3, 180_000) // 3 people in Akmola
	r.Suppress()
	f, err := excelize.OpenReader(bytes.NewReader(xlsx(t, parasat.Russian, r)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	row, _ := f.GetRows("По регионам")
	if got := row[2]; got[2] != "3" || got[3] != "менее 5" || got[5] != "менее 5" {
		t.Errorf("Akmola = %q (events shown, people and value hidden)", got)
	}
	if got := row[1]; got[3] != "менее 5" {
		t.Errorf("Astana = %q: its people must be hidden too, or Akmola's follow from the total", got)
	}
}
