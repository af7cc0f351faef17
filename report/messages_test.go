package report

import (
	"slices"
	"testing"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
)

func TestMessageKeysExist(t *testing.T) {
	for lang, l := range localizers(t) {
		for _, k := range MessageKeys() {
			if !isReportKey(k) || !l.Has(k) {
				t.Errorf("%s: key %q is missing", lang, k)
			}
		}
	}
	raw, err := i18n.CatalogueFile("locales/reports.en.json")
	if err != nil || len(raw) == 0 {
		t.Fatal("no reports catalogue")
	}
}

func TestDefinitionsAndNames(t *testing.T) {
	ls := localizers(t)
	en, ru, kk := ls[parasat.English], ls[parasat.Russian], ls[parasat.Kazakh]
	defs := Definitions(ru)
	if len(defs) != 12 || defs[2].Term != "Получили помощь, человек" || !slices.ContainsFunc(defs, func(d Definition) bool {
		return d.Term == "менее 5" && d.Text != ""
	}) {
		t.Errorf("definitions = %+v", defs)
	}
	if got := Definitions(en)[1].Text; got != "Events held or reported whose start falls in the period. Planned and cancelled events are not counted." {
		t.Errorf("events definition = %q", got)
	}
	d := date("2019-03-15")
	for _, tc := range []struct{ got, want string }{
		{MonthName(kk, d), "Наурыз 2019"}, {MonthName(ru, d), "Март 2019"}, {MonthName(en, d), "March 2019"},
		{ShortMonth(kk, d), "нау"}, {QuarterName(kk, d), "2019 ж. 1-тоқсан"}, {QuarterName(ru, date("2019-11-01")), "4-й квартал 2019"},
		{QuarterName(en, d), "Q1 2019"}, {KindName(kk, parasat.HelpDevelopment), "Даму («қармақ»)"},
		{DimensionName(ru, parasat.ByRegion), "По регионам"}, {Column(en, "last_year"), "Same period last year"},
		{visible(Hours(ru, 72030)), "1_200 ч"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}
