package report

import (
	"strings"
	"sync"
	"testing"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
)

var catalog = sync.OnceValues(i18n.Load)

func localizers(t *testing.T) map[parasat.Language]*i18n.Localizer {
	t.Helper()
	c, err := catalog()
	if err != nil {
		t.Fatal(err)
	}
	return map[parasat.Language]*i18n.Localizer{
		parasat.Kazakh: c.For(parasat.Kazakh), parasat.Russian: c.For(parasat.Russian), parasat.English: c.For(parasat.English)}
}

// visible shows no-break spaces as "_" so expectations stay readable.
func visible(s string) string { return strings.ReplaceAll(s, nbsp, "_") }

func TestMoneyAsPeopleSayIt(t *testing.T) {
	ls := localizers(t)
	for _, tc := range []struct {
		tenge      int64
		tiyn       int64
		kk, ru, en string
	}{
		{14_080_000, 0, "14_миллионнан астам теңге", "более 14_миллионов тенге", "more than 14_million tenge"},
		{2_300_000, 0, "2,3_млн теңге", "2,3_млн тенге", "2.3_million tenge"},
		{999, 0, "999_теңге", "999_тенге", "999_tenge"},
		{999, 50, "999_теңгеден астам", "более 999_тенге", "more than 999_tenge"},
		{1, 0, "1_теңге", "1_тенге", "1_tenge"},
		{9_999, 0, "9_999_теңге", "9_999_тенге", "9_999_tenge"},
		{250_000, 0, "250_000_теңге", "250_000_тенге", "250_000_tenge"},
		{14_080, 0, "14_мыңнан астам теңге", "более 14_тысяч тенге", "more than 14_thousand tenge"},
		{21_500, 0, "21_мыңнан астам теңге", "более 21_тысячи тенге", "more than 21_thousand tenge"},
		{1_000_000, 0, "1_миллион теңге", "1_миллион тенге", "1_million tenge"},
		{1_000_001, 0, "1_миллионнан астам теңге", "более 1_миллиона тенге", "more than 1_million tenge"},
		{2_000_000, 0, "2_миллион теңге", "2_миллиона тенге", "2_million tenge"},
		{5_000_000, 0, "5_миллион теңге", "5_миллионов тенге", "5_million tenge"},
		{21_000_000, 0, "21_миллион теңге", "21_миллион тенге", "21_million tenge"},
		{22_500_000, 0, "22,5_млн теңге", "22,5_млн тенге", "22.5_million tenge"},
		{22_050_000, 0, "22_миллионнан астам теңге", "более 22_миллионов тенге", "more than 22_million tenge"},
		{2_350_000, 0, "2,3_млн теңгеден астам", "более 2,3_млн тенге", "more than 2.3_million tenge"},
		{230_450_000, 0, "230_миллионнан астам теңге", "более 230_миллионов тенге", "more than 230_million tenge"},
		{1_500_000_000, 0, "1,5_млрд теңге", "1,5_млрд тенге", "1.5_billion tenge"},
		{3_000_000_000, 0, "3_миллиард теңге", "3_миллиарда тенге", "3_billion tenge"},
		{101_000_000_000, 1, "101_миллиардтан астам теңге", "более 101_миллиарда тенге", "more than 101_billion tenge"},
	} {
		tiyn := tc.tenge*100 + tc.tiyn
		kk, _ := kkMoney(ls[parasat.Kazakh], tiyn)
		for lang, pair := range map[string][2]string{
			"kk": {visible(kk), tc.kk},
			"ru": {visible(ruMoney(ls[parasat.Russian], tiyn)), tc.ru},
			"en": {visible(enMoney(ls[parasat.English], tiyn)), tc.en},
		} {
			if pair[0] != pair[1] {
				t.Errorf("%s %d tiyn = %q, want %q", lang, tiyn, pair[0], pair[1])
			}
		}
	}
}

func TestRussianPluralForms(t *testing.T) {
	for n, want := range map[int64]string{1: "мероприятие", 2: "мероприятия", 5: "мероприятий", 11: "мероприятий",
		21: "мероприятие", 22: "мероприятия", 63: "мероприятия", 101: "мероприятие", 111: "мероприятий", 112: "мероприятий",
		1200: "мероприятий", 0: "мероприятий"} {
		if got := ruNoun(n, "мероприятие", "мероприятия", "мероприятий"); got != want {
			t.Errorf("%d %s, want %s", n, got, want)
		}
	}
}
