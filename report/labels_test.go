package report

import (
	"testing"

	"github.com/parasat-kz/parasat"
)

func TestCompactAndShares(t *testing.T) {
	ls := localizers(t)
	for _, tc := range []struct {
		lang parasat.Language
		tiyn int64
		want string
	}{
		{parasat.Russian, 2_300_000 * tenge, "2,3_млн_₸"}, {parasat.Kazakh, 14_080 * tenge, "14_мың_₸"},
		{parasat.English, 14_080_000 * tenge, "14m_₸"}, {parasat.English, 2_350_000 * tenge, "2.3m_₸"},
		{parasat.Russian, 999 * tenge, "999_₸"}, {parasat.Russian, 1_500_000_000 * tenge, "1,5_млрд_₸"},
	} {
		if got := visible(Compact(ls[tc.lang], parasat.FigAidValue, tc.tiyn)); got != tc.want {
			t.Errorf("%s %d = %q, want %q", tc.lang, tc.tiyn, got, tc.want)
		}
	}
	if got := visible(Compact(ls[parasat.Kazakh], parasat.FigPeopleHelped, 1200)); got != "1_200" {
		t.Errorf("count = %q", got)
	}
	for _, tc := range []struct{ in, want []int64 }{
		{[]int64{1, 1, 1}, []int64{34, 33, 33}},
		{[]int64{2300, 0, 700}, []int64{77, 0, 23}},
		{[]int64{0, 0}, []int64{0, 0}},
		{[]int64{1, 999}, []int64{0, 100}},
		{[]int64{5, 5, 5, 5, 5, 5, 5}, []int64{15, 15, 14, 14, 14, 14, 14}},
	} {
		got := Shares(tc.in)
		var sum int64
		for i := range got {
			sum += got[i]
			if got[i] != tc.want[i] {
				t.Errorf("Shares(%v) = %v, want %v", tc.in, got, tc.want)
				break
			}
		}
		if sum != 100 && sum != 0 {
			t.Errorf("Shares(%v) adds up to %d", tc.in, sum)
		}
	}
	if got := visible(Percent(ls[parasat.Russian], 45)); got != "45_%" {
		t.Errorf("percent = %q", got)
	}
}

func TestPeriodText(t *testing.T) {
	ls := localizers(t)
	kk, ru, en := ls[parasat.Kazakh], ls[parasat.Russian], ls[parasat.English]
	ytd := parasat.Period{From: date("2019-01-01"), To: date("2019-04-25")}
	for _, tc := range []struct{ got, want string }{
		{visible(PeriodText(kk, ytd)), "1 қаңтар – 25 сәуір 2019"},
		{visible(PeriodText(ru, ytd)), "1 января – 25 апреля 2019"},
		{visible(PeriodText(en, ytd)), "1 January – 25 April 2019"},
		{PeriodText(ru, parasat.Period{From: date("2018-12-15"), To: date("2019-01-15")}), "15 декабря 2018 – 15 января 2019"},
		{PeriodText(kk, parasat.Period{From: date("2019-03-15"), To: date("2019-03-15")}), "15 наурыз 2019"},
		{Prepared(en, date("2019-04-25")), "Prepared on 25 April 2019"},
		{Prepared(ru, date("2019-04-25")), "Дата составления: 25 апреля 2019"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}
