package chart

import (
	"encoding/xml"
	"math"
	"strings"
	"sync"
	"testing"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
)

// node is any SVG element, parsed generically.
type node struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Text    string     `xml:",chardata"`
	Nodes   []node     `xml:",any"`
}

func (n *node) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func (n *node) all(name, class string, out *[]*node) {
	for i := range n.Nodes {
		c := &n.Nodes[i]
		if c.XMLName.Local == name && (class == "" || c.attr("class") == class) {
			*out = append(*out, c)
		}
		c.all(name, class, out)
	}
}

func (n *node) find(name, class string) []*node {
	var out []*node
	n.all(name, class, &out)
	return out
}

func (n *node) float(t *testing.T, name string) float64 {
	t.Helper()
	var f float64
	if _, err := fmtSscan(n.attr(name), &f); err != nil {
		t.Fatalf("attribute %s=%q: %v", name, n.attr(name), err)
	}
	return f
}

func parse(t *testing.T, b []byte) *node {
	t.Helper()
	var root node
	if err := xml.Unmarshal(b, &root); err != nil {
		t.Fatalf("not XML: %v\n%s", err, b)
	}
	if root.XMLName.Local != "svg" || root.attr("role") != "img" || root.attr("viewBox") == "" {
		t.Errorf("root %s role=%q viewBox=%q", root.XMLName.Local, root.attr("role"), root.attr("viewBox"))
	}
	if root.attr("width") != "" || root.attr("height") != "" {
		t.Errorf("fixed size %q × %q: the chart must scale", root.attr("width"), root.attr("height"))
	}
	ids := strings.Fields(root.attr("aria-labelledby"))
	if len(ids) != 2 {
		t.Fatalf("aria-labelledby = %q", root.attr("aria-labelledby"))
	}
	for i, want := range []string{"title", "desc"} {
		if len(root.Nodes) < i+1 || root.Nodes[i].XMLName.Local != want || root.Nodes[i].attr("id") != ids[i] {
			t.Errorf("element %d is not the %s named by aria-labelledby", i, want)
		}
	}
	return &root
}

var catalog = sync.OnceValues(i18n.Load)

func loc(t *testing.T, lang parasat.Language) *i18n.Localizer {
	t.Helper()
	c, err := catalog()
	if err != nil {
		t.Fatal(err)
	}
	return c.For(lang)
}

const nbsp = "\u00a0"

func months() *parasat.Breakdown {
	rows := parasat.TimeRows(parasat.YearPeriod(2019), parasat.ByMonth)
	values := []int64{230, 0, 1000, 450, 0, 0, 120, 0, 0, 80, 0, 990}
	var total int64
	for i, v := range values {
		rows[i].AidValueTiyn = v * 10_000 * 100
		rows[i].PeopleHelped = 10
		total += rows[i].AidValueTiyn
	}
	return &parasat.Breakdown{By: parasat.ByMonth, Rows: rows, Total: parasat.Figures{AidValueTiyn: total, PeopleHelped: 120}}
}

func TestMonthsBarsAreProportional(t *testing.T) {
	b := months()
	root := parse(t, Months(loc(t, parasat.Kazakh), b, parasat.FigAidValue, Options{ID: "m"}))
	if got := root.Nodes[0].Text; got != "Көмектің құны: айлар бойынша" {
		t.Errorf("title = %q", got)
	}
	if desc := root.Nodes[1].Text; !strings.Contains(desc, "Наурыз 2019, 10"+nbsp+"000"+nbsp+"000"+nbsp+"₸") {
		t.Errorf("desc = %q", desc)
	}
	bars := root.find("rect", "bar")
	if len(bars) != 6 {
		t.Fatalf("%d bars, want the 6 months with help", len(bars))
	}
	ratio := 0.0
	for _, r := range bars {
		v := float64(b.Rows[monthOf(t, r)].AidValueTiyn)
		h := r.float(t, "height")
		if ratio == 0 {
			ratio = h / v
		} else if math.Abs(h-v*ratio) > 0.01 {
			t.Errorf("bar %q: height %.2f for %.0f, not proportional", r.Nodes[0].Text, h, v)
		}
		if base := r.float(t, "y") + h; math.Abs(base-192) > 0.01 {
			t.Errorf("bar %q stands on %.2f, not on the axis", r.Nodes[0].Text, base)
		}
	}
	var labels []string
	for _, n := range root.find("text", "label") {
		labels = append(labels, n.Text)
	}
	if strings.Join(labels, " ") != "қаң ақп нау сәу мам мау шіл там қыр қаз қар жел" {
		t.Errorf("month labels = %q", labels)
	}
}

// monthOf finds the row of a bar from its title, "Наурыз 2019: …".
func monthOf(t *testing.T, r *node) int {
	t.Helper()
	names := []string{"Қаңтар", "Ақпан", "Наурыз", "Сәуір", "Мамыр", "Маусым", "Шілде", "Тамыз", "Қыркүйек", "Қазан", "Қараша", "Желтоқсан"}
	for i, n := range names {
		if strings.HasPrefix(r.Nodes[0].Text, n+" 2019: ") {
			return i
		}
	}
	t.Fatalf("bar title %q names no month", r.Nodes[0].Text)
	return 0
}

func TestRegionRanking(t *testing.T) {
	b := &parasat.Breakdown{By: parasat.ByRegion, Total: parasat.Figures{PeopleHelped: 1300}, Rows: []parasat.BreakdownRow{
		{Key: "KZ-75", Name: parasat.Names{RU: "город Алматы"}, Figures: parasat.Figures{PeopleHelped: 300}},
		{Key: "KZ-71", Name: parasat.Names{RU: "город Астана"}, Figures: parasat.Figures{PeopleHelped: 1200}},
		{Key: "KZ-62", Name: parasat.Names{RU: "область Улытау"}, Figures: parasat.Figures{PeopleHelped: 3}},
		{Key: "KZ-79", Name: parasat.Names{RU: "город Шымкент"}, Figures: parasat.Figures{PeopleHelped: 0}},
	}}
	b.Rows = append(b.Rows, parasat.BreakdownRow{Key: "KZ-10", Name: parasat.Names{RU: "область Абай"}, Figures: parasat.Figures{PeopleHelped: 6}})
	b.Suppress() // Ulytau (3) and the next smallest, Abai (6), are hidden
	root := parse(t, Ranking(loc(t, parasat.Russian), b, parasat.FigPeopleHelped, Options{}))
	if got := root.Nodes[0].Text; got != "Получили помощь, человек по регионам" {
		t.Errorf("title = %q", got)
	}
	var labels []string
	for _, n := range root.find("text", "label") {
		labels = append(labels, n.Text)
	}
	if got := strings.Join(labels, "; "); got != "город Астана; город Алматы; область Абай; область Улытау" {
		t.Errorf("ranking = %q", got)
	}
	bars := root.find("rect", "bar")
	if len(bars) != 2 {
		t.Fatalf("%d bars, want 2 (hidden rows draw none)", len(bars))
	}
	if w0, w1 := bars[0].float(t, "width"), bars[1].float(t, "width"); math.Abs(w0-4*w1) > 0.02 {
		t.Errorf("widths %.2f and %.2f are not 1200:300", w0, w1)
	}
	if got := bars[0].Nodes[0].Text; got != "город Астана: 1"+nbsp+"200" {
		t.Errorf("bar title = %q", got)
	}
	if marks := root.find("text", "suppressed"); len(marks) != 2 || marks[0].Text != "менее 5" {
		t.Errorf("suppressed marks = %v", marks)
	}
}

func TestKindShares(t *testing.T) {
	f := parasat.Figures{PeopleHelped: 100, AidValueTiyn: 1000_00,
		AidByKind:    parasat.KindValues{Money: 450_00, Goods: 300_00, Development: 250_00},
		PeopleByKind: parasat.KindValues{Money: 40, Goods: 50, Development: 10}}
	root := parse(t, Kinds(loc(t, parasat.English), &f, Options{ID: "kinds"}))
	if got := root.Nodes[0].Text; got != "Kinds of help: share of the value" {
		t.Errorf("title = %q", got)
	}
	bars := root.find("rect", "bar")
	if len(bars) != 3 {
		t.Fatalf("%d bars", len(bars))
	}
	colors := map[string]bool{}
	for _, b := range bars {
		colors[b.attr("fill")] = true
	}
	if len(colors) != 3 {
		t.Errorf("kinds share colours: %v", colors)
	}
	if w0, w2 := bars[0].float(t, "width"), bars[2].float(t, "width"); math.Abs(w0-1.8*w2) > 0.02 {
		t.Errorf("money %.2f vs development %.2f, want 450:250", w0, w2)
	}
	var values []string
	for _, n := range root.find("text", "value") {
		values = append(values, n.Text)
	}
	if got := strings.Join(values, " | "); got != "45% · 450"+nbsp+"₸ | 30% · 300"+nbsp+"₸ | 0% · 0"+nbsp+"₸ | 25% · 250"+nbsp+"₸ | 0% · 0"+nbsp+"₸" {
		t.Errorf("values = %q", got)
	}
}

func TestEmptyChart(t *testing.T) {
	b := &parasat.Breakdown{By: parasat.ByMonth, Rows: parasat.TimeRows(parasat.YearPeriod(2019), parasat.ByMonth)}
	root := parse(t, Months(loc(t, parasat.Russian), b, parasat.FigEvents, Options{}))
	if root.Nodes[1].Text != "Нет результатов за этот период" || len(root.find("rect", "bar")) != 0 {
		t.Errorf("empty chart: %q", root.Nodes[1].Text)
	}
}

// Results that are all too small to show are not "no results": the bars
// are marked, and the description says why none is drawn.
func TestEverythingSuppressedIsNotEmpty(t *testing.T) {
	b := &parasat.Breakdown{By: parasat.ByRegion, Rows: []parasat.BreakdownRow{
		{Key: "KZ-71", Name: parasat.Names{RU: "город Астана"}, Figures: parasat.Figures{PeopleHelped: 3}},
		{Key: "KZ-11", Name: parasat.Names{RU: "Акмолинская область"}, Figures: parasat.Figures{PeopleHelped: 2}},
	}, Total: parasat.Figures{PeopleHelped: 5}}
	b.Suppress()
	l := loc(t, parasat.Russian)
	if p := RankingPlot(l, b, parasat.FigPeopleHelped); p.Empty || p.Desc != "Каждое значение здесь описывает менее 5 человек и поэтому скрыто." {
		t.Errorf("plot = %+v", p)
	}
	root := parse(t, Ranking(l, b, parasat.FigPeopleHelped, Options{}))
	if marks := root.find("text", "suppressed"); len(marks) != 2 || len(root.find("rect", "bar")) != 0 {
		t.Errorf("%d marks, %d bars; want 2 marks, no bar", len(marks), len(root.find("rect", "bar")))
	}
}
