package report

import (
	"strings"
	"testing"

	"github.com/parasat-kz/parasat"
)

func date(s string) parasat.Date {
	d, err := parasat.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

const tenge = 100 // tiyn

// foundingArticle is the capital's 2019 as the founding article tells it:
// 63 events by 25 April for more than 14 million tenge, 22 of them in the
// first quarter, 1,200 people helped with 2.3 million tenge.
func foundingArticle() *parasat.Report {
	period := parasat.Period{From: date("2019-01-01"), To: date("2019-04-25")}
	quarters := parasat.TimeRows(period, parasat.ByQuarter)
	quarters[0].Figures = parasat.Figures{Events: 22, PeopleHelped: 1200, AidValueTiyn: 2_300_000 * tenge}
	quarters[1].Figures = parasat.Figures{Events: 41, PeopleHelped: 400, AidValueTiyn: 11_780_000 * tenge}
	return &parasat.Report{
		Summary: parasat.Summary{
			Filter: parasat.ReportFilter{Period: period, Region: "KZ-71"},
			Figures: parasat.Figures{Events: 63, PeopleHelped: 1500, FamiliesHelped: 320,
				AidValueTiyn: 14_080_000 * tenge, AidByKind: parasat.KindValues{Development: 3_150_000 * tenge},
				MoneyRaisedTiyn: 14_250_000 * tenge, Patrons: 25, Volunteers: 350, VolunteerHours: 1200*60 + 30},
			Organisers: []parasat.OrganiserCount{{Type: parasat.OrgMothersCouncil, Count: 1},
				{Type: parasat.OrgAssembly, Count: 1}, {Type: parasat.OrgEthnoCultural, Count: 14}},
		},
		Breakdowns: []parasat.Breakdown{{By: parasat.ByQuarter, Rows: quarters}},
	}
}

func statements(t *testing.T, r *parasat.Report, today parasat.Date) map[parasat.Language][]string {
	t.Helper()
	out := map[parasat.Language][]string{}
	for lang, l := range localizers(t) {
		s := Write(l, r, today)
		if s.Lang != lang {
			t.Errorf("statement in %s says it is %s", lang, s.Lang)
		}
		for _, sen := range s.Sentences {
			out[lang] = append(out[lang], visible(sen))
		}
		if got, want := visible(s.Text()), strings.Join(out[lang], " "); got != want {
			t.Errorf("Text() = %q", got)
		}
	}
	return out
}

func compare(t *testing.T, what string, got map[parasat.Language][]string, want map[parasat.Language][]string) {
	t.Helper()
	for lang, w := range want {
		g := got[lang]
		for i := 0; i < max(len(g), len(w)); i++ {
			var gs, ws string
			if i < len(g) {
				gs = g[i]
			}
			if i < len(w) {
				ws = w[i]
			}
			if gs != ws {
				t.Errorf("%s, %s sentence %d:\n got %q\nwant %q", what, lang, i+1, gs, ws)
			}
		}
	}
}

func TestFoundingArticleStatement(t *testing.T) {
	got := statements(t, foundingArticle(), date("2019-04-25"))
	compare(t, "founding article", got, map[parasat.Language][]string{
		parasat.English: {
			"Since the beginning of the year, ethno-cultural associations and the Council of Mothers, with the support of patrons, have held 63_events.",
			"In total, 1_500_people, including 320_families, have received help worth more than 14_million tenge.",
			"Of this, more than 3.1_million tenge was development help (“a fishing rod”).",
			"Donations of more than 14.2_million tenge have been received, including from 25_patrons.",
			"In all, 350_volunteers have given more than 1_200_hours of their time.",
			"In the first quarter, 22_events were held and 1_200_people received help worth 2.3_million tenge.",
		},
		parasat.Russian: {
			"С начала года силами этнокультурных объединений и Совета матерей при поддержке меценатов проведено 63_мероприятия.",
			"Помощь на сумму более 14_миллионов тенге получили 1_500_человек, в том числе 320_семей.",
			"Из этой суммы более 3,1_млн тенге — помощь в развитии («удочка»).",
			"Поступило пожертвований на сумму более 14,2_млн тенге, в том числе от 25_меценатов.",
			"350_волонтёров отработали более 1_200_часов.",
			"В первом квартале проведено 22_мероприятия, помощь на сумму 2,3_млн тенге получили 1_200_человек.",
		},
		parasat.Kazakh: {
			"Жыл басынан бері этномәдени бірлестіктер мен Аналар кеңесі меценаттардың қолдауымен 63_іс-шара өткізді.",
			"Барлығы 1_500_адамға, оның ішінде 320_отбасына, 14_миллионнан астам теңге көлемінде көмек көрсетілді.",
			"Көмектің 3,1_млн теңгеден астамы дамуға бағытталды («қармақ»).",
			"Қайырымдылыққа 14,2_млн теңгеден астам жиналды, оның ішінде 25_меценаттан.",
			"350_ерікті 1_200_сағаттан астам жұмыс істеді.",
			"Бірінші тоқсанда олардың 22-сі өткізіліп, 1_200_адамға 2,3_млн теңге көлемінде көмек көрсетілді.",
		},
	})
}
