package export

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/internal/pdftest"
	"github.com/parasat-kz/parasat/report"
	"github.com/parasat-kz/parasat/report/chart"
)

func pdfOf(t testing.TB, lang parasat.Language, r *parasat.Report, today parasat.Date) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := PDF(&buf, loc(t, lang), r, today); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// pdfPages is the text of each page as pdftotext reads it, spaces
// squeezed, so that a table row reads as its cells one after another.
func pdfPages(t *testing.T, lang parasat.Language, r *parasat.Report, today parasat.Date) []string {
	t.Helper()
	text := pdftest.Text(t, pdfOf(t, lang, r, today))
	pages := strings.Split(strings.TrimRight(text, "\f\n"), "\f")
	for i := range pages {
		pages[i] = pdftest.Squeeze(pages[i])
	}
	return pages
}

// squeeze writes s as pdftest.Text and Squeeze read it: no-break spaces
// plain, runs of spaces one.
func squeeze(s string) string { return pdftest.Squeeze(strings.ReplaceAll(s, "\u00a0", " ")) }

func requireAll(t *testing.T, text string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("the PDF's text lacks %q", w)
		}
	}
	if t.Failed() {
		t.Logf("text:\n%s", text)
	}
}

// The statement people copy for the press, the figures as people read
// them, the charts' bars and the breakdowns' rows, in Kazakh and Russian.
func TestPDFHoldsTheStatementAndFigures(t *testing.T) {
	today := day("2019-04-25")
	for _, tc := range []struct {
		lang parasat.Language
		want []string
	}{
		{parasat.Kazakh, []string{
			"Қайырымдылық жұмысының қорытындысы — Астана қаласының Ассамблеясы",
			"Кезең: 1 қаңтар – 25 сәуір 2019 · Өңір: Нұр-Сұлтан қаласы · Жасалған күні: 25 сәуір 2019",
			"Көрсеткіш Мәні Өткен жылдың сол кезеңі",
			"Іс-шаралар 63 40", "Көмек алған адамдар 1 500 900", "Көмектің құны 14 080 000 ₸ 9 000 000 ₸",
			"Даму («қармақ») 7 040 000 ₸ 4 500 000 ₸", "Жиналған қайырымдылық 14 250 000,50 ₸", "Еріктілер сағаты 1 200 сағ.",
			"Ақмола облысы 3 50 12 180 000 ₸", "Наурыз 2019 9 500 125 1 000 000 ₸", "Атаулы күнге байланыссыз 43 900 225 10 080 000 ₸",
			"Барлығы 63 1 500 375 14 080 000 ₸", "Анықтамалар", "Бет 1 / ",
		}},
		{parasat.Russian, []string{
			"Итоги благотворительной работы — Ассамблея города Астаны",
			"Период: 1 января – 25 апреля 2019 · Регион: город Нур-Султан · Дата составления: 25 апреля 2019",
			"Мероприятия 63 40", "Стоимость помощи 14 080 000 ₸ 9 000 000 ₸", "Собрано пожертвований 14 250 000,50 ₸",
			"Акмолинская область 3 50 12 180 000 ₸", "2-й квартал 2019 41 400 100 11 780 000 ₸", "Всего 63 1 500 375 14 080 000 ₸",
			"Стоимость помощи по месяцам", "Стоимость помощи по регионам", "Виды помощи: доля в стоимости", "Определения",
		}},
	} {
		t.Run(string(tc.lang), func(t *testing.T) {
			r := capital2019()
			pages := pdfPages(t, tc.lang, r, today)
			text := strings.Join(pages, " ")
			st := report.Write(loc(t, tc.lang), r, today)
			if len(st.Sentences) < 3 {
				t.Fatalf("the statement has %d sentences", len(st.Sentences))
			}
			if first := squeeze(st.Sentences[0]); !strings.Contains(pages[0], first) {
				t.Errorf("page 1 lacks the statement's first sentence %q", first)
			}
			for _, s := range st.Sentences {
				requireAll(t, text, squeeze(s))
			}
			requireAll(t, text, tc.want...)
		})
	}
}

// The charts draw the plots of report/chart: the same bars, in the same
// order, each with its value in short. (pdftotext reads a drawing by
// lines of text, so the values of vertical bars come from the top down.)
func TestPDFChartsSayWhatTheSVGSays(t *testing.T) {
	r, l := capital2019(), loc(t, parasat.Russian)
	text := strings.Join(pdfPages(t, parasat.Russian, r, day("2019-04-25")), " ")
	months := chart.MonthPlot(l, r.Breakdown(parasat.ByMonth), parasat.FigAidValue)
	regions := chart.RankingPlot(l, r.Breakdown(parasat.ByRegion), parasat.FigAidValue)
	kinds := chart.KindsPlot(l, &r.Summary.Figures)
	_, drawn, _ := strings.Cut(text, months.Title)
	drawn, _, _ = strings.Cut(drawn, regions.Title)
	var names []string
	for _, b := range months.Bars {
		requireAll(t, drawn, squeeze(b.End(l, months.Figure)))
		names = append(names, b.Short)
	}
	requireAll(t, drawn, strings.Join(names, " "), "20 млн ₸ 15 млн ₸")
	requireAll(t, text, squeeze(regions.Title+" город Астана 13,9 млн ₸ Акмолинская область 180 000 ₸"),
		squeeze(kinds.Title), "Вещи и продукты 50 % · 7 млн ₸ Услуги", "Развитие («удочка») 50 % · 7 млн ₸")
	for _, b := range append(regions.Bars, kinds.Bars...) {
		if b.Value > 0 { // pdftotext joins "0 ₸", too short for it to see the space
			requireAll(t, text, squeeze(b.End(l, parasat.FigAidValue)))
		}
	}
}

// A suppressed figure shows the mark, in the tables and the charts, and
// its number is nowhere.
func TestPDFShowsTheSuppressedMark(t *testing.T) {
	r := capital2019()
	r.Breakdowns[2].Rows[1].Figures = figures(3, 3, 180_000) // 3 people in Akmola
	r.Summary.Patrons = 3
	r.Suppress()
	text := strings.Join(pdfPages(t, parasat.Russian, r, day("2019-04-25")), " ")
	requireAll(t, text, "Акмолинская область 3 менее 5 менее 5 менее 5",
		"Собрано пожертвований менее 5", "Меценаты, сделавшие пожертвования менее 5",
		"Стоимость помощи по регионам Каждое значение здесь описывает менее 5 человек и поэтому скрыто. Акмолинская область менее 5 город Астана менее 5")
	if strings.Contains(text, "180 000") || strings.Contains(text, "14 250 000") {
		t.Error("a suppressed value is in the text")
	}
}

// Only the figures that mean something for the filter are shown: a
// report of one kind of help has no donations, volunteers nor shares.
func TestPDFShowsOnlyApplicableFigures(t *testing.T) {
	r := capital2019()
	r.Summary.Filter.Kind = parasat.HelpGoods
	text := strings.Join(pdfPages(t, parasat.English, r, day("2019-04-25")), " ")
	body, _, _ := strings.Cut(text, "By quarter") // the breakdowns of the fixture have every kind
	requireAll(t, body, "Kind of help: Goods", "Value of help 14 080 000 ₸", "Goods 7 040 000 ₸")
	for _, absent := range []string{"Money raised", "Volunteer hours", "Patrons who gave", "Development", "Kinds of help: share"} {
		if strings.Contains(body, absent) {
			t.Errorf("a report of goods shows %q", absent)
		}
	}
}

// headerRow is the start of the header row of the organisations' table,
// in any of its parts.
var headerRow = regexp.MustCompile(`Организация (Мероприятия|Деньги|Вещи|Услуги|Развитие|Забота|Собрано|Меценаты|Волонтёры|Часы)`)

// 300 organisations take several pages: the header names the report on
// every page, the table's header row starts each page of the table, and
// no row is lost.
func TestPDFPaginatesManyOrganisations(t *testing.T) {
	r := yearReport(300)
	r.Breakdowns = []parasat.Breakdown{*r.Breakdown(parasat.ByOrganisation)}
	pages := pdfPages(t, parasat.Russian, r, day("2025-12-31"))
	if len(pages) < 10 {
		t.Fatalf("%d pages for 300 organisations", len(pages))
	}
	tablePages := 0
	for i, p := range pages {
		if !strings.HasPrefix(p, "Итоги благотворительной работы — Казахстан Период: 1 января – 31 декабря 2025") {
			t.Errorf("page %d does not start with the header: %.120s", i+1, p)
		}
		if !strings.Contains(p, fmt.Sprintf("Страница %d / %d", i+1, len(pages))) {
			t.Errorf("page %d has no page number", i+1)
		}
		if strings.Contains(p, "Организация 1") {
			tablePages++
			if !headerRow.MatchString(p) {
				t.Errorf("page %d has rows without the table's header row", i+1)
			}
		}
	}
	if tablePages < 5 {
		t.Errorf("the table of 300 organisations is on %d pages", tablePages)
	}
	text := strings.Join(pages, " ")
	for i := range 300 {
		if n := strings.Count(text, fmt.Sprintf("Организация %d ", i)); n < 2 {
			t.Errorf("Организация %d is in %d of the table's parts", i, n)
		}
	}
}

func TestPDFInEnglish(t *testing.T) {
	r, today := capital2019(), day("2019-04-25")
	text := strings.Join(pdfPages(t, parasat.English, r, today), " ")
	for _, s := range report.Write(loc(t, parasat.English), r, today).Sentences {
		requireAll(t, text, squeeze(s))
	}
	requireAll(t, text, "Results of charitable work — Assembly of Astana",
		"Period: 1 January – 25 April 2019 · Region: Nur-Sultan · Prepared on 25 April 2019",
		"Figure Value Same period last year", "Money raised 14 250 000.50 ₸", "Volunteer hours 1 200 h",
		"Akmola Region 3 50 12 180 000 ₸", "Value of help by month", "Definitions", "Page 1 / ")
}

func TestPDFOfNothingSaysSo(t *testing.T) {
	r := &parasat.Report{Subject: parasat.Names{KK: "Достық үйі"},
		Summary: parasat.Summary{Filter: parasat.ReportFilter{Period: parasat.MonthPeriod(2019, 3)}}}
	text := strings.Join(pdfPages(t, parasat.Kazakh, r, day("2019-04-25")), " ")
	requireAll(t, text, "Кезең: 1 наурыз – 31 наурыз 2019", "Бұл кезеңде нәтиже жоқ", "Іс-шаралар 0")
}

// The same report made on the same day is the same file.
func TestPDFIsDeterministic(t *testing.T) {
	a := pdfOf(t, parasat.Kazakh, capital2019(), day("2019-04-25"))
	b := pdfOf(t, parasat.Kazakh, capital2019(), day("2019-04-25"))
	if !bytes.Equal(a, b) {
		t.Error("the same report gives different bytes")
	}
	if !bytes.Contains(a, []byte("/CreationDate (D:20190425")) {
		t.Error("the document's date is not the day it was made for")
	}
}
