package report

import (
	"strconv"
	"strings"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
)

// russian writes the statement in Russian, in the impersonal style of the
// Secretariat's press releases: "силами X проведено N мероприятий" needs
// no agreement of the verb with the organisations, and "проведено" agrees
// with мероприятие (neuter) and with any number of them.
type russian struct{ l *i18n.Localizer }

// ruAuthors are the organisation types in the genitive after "силами":
// singular and plural.
var ruAuthors = map[parasat.OrganisationType][2]string{
	parasat.OrgEthnoCultural:  {"этнокультурного объединения", "этнокультурных объединений"},
	parasat.OrgMothersCouncil: {"Совета матерей", "советов матерей"},
	parasat.OrgYouthWing:      {"молодёжного крыла", "молодёжных крыльев"},
	parasat.OrgPatronsClub:    {"Клуба меценатов", "клубов меценатов"},
	parasat.OrgFoundation:     {"благотворительного фонда", "благотворительных фондов"},
	parasat.OrgCompany:        {"компании", "компаний"},
	parasat.OrgStateBody:      {"государственного органа", "государственных органов"},
	parasat.OrgOther:          {"другой организации", "других организаций"},
}

var (
	ruMonthsIn  = [...]string{"январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе", "сентябре", "октябре", "ноябре", "декабре"}
	ruQuarterIn = [...]string{"в первом", "во втором", "в третьем", "в четвёртом"}
)

func (w russian) num(n int64) string { return w.l.Number(n) + nbsp }

// dayMonth is "25 апреля".
func (w russian) dayMonth(d parasat.Date) string {
	return strconv.Itoa(d.Day()) + " " + w.l.MonthInDate(d.Month())
}

func (w russian) year(y int) string { return strconv.Itoa(y) + nbsp + "года" }

func (w russian) period(f *facts) string {
	p := f.period
	switch {
	case f.sinceJan:
		return "с начала года"
	}
	switch p.Kind() {
	case parasat.PeriodYear:
		return "в " + strconv.Itoa(p.From.Year()) + nbsp + "году"
	case parasat.PeriodQuarter:
		return ruQuarterIn[p.Quarter()-1] + " квартале " + w.year(p.From.Year())
	case parasat.PeriodMonth:
		return "в " + ruMonthsIn[p.From.Month()-1] + " " + w.year(p.From.Year())
	case parasat.PeriodDay:
		return w.dayMonth(p.From) + " " + w.year(p.From.Year())
	}
	switch {
	case p.From.Year() != p.To.Year():
		return "с " + w.dayMonth(p.From) + " " + w.year(p.From.Year()) + " по " + w.dayMonth(p.To) + " " + w.year(p.To.Year())
	case p.From.Month() == p.To.Month():
		return "с " + strconv.Itoa(p.From.Day()) + " по " + w.dayMonth(p.To) + " " + w.year(p.To.Year())
	}
	return "с " + w.dayMonth(p.From) + " по " + w.dayMonth(p.To) + " " + w.year(p.To.Year())
}

func (w russian) events(n int64) string {
	return w.num(n) + ruNoun(n, "мероприятие", "мероприятия", "мероприятий")
}

func (w russian) lead(f *facts, opening string) string {
	if f.events == 0 {
		return ""
	}
	var by, support string
	if len(f.authors) > 0 {
		names := make([]string, len(f.authors))
		for i, a := range f.authors {
			names[i] = ruAuthors[a.Type][min(a.Count-1, 1)]
		}
		by = "силами " + list(names, func(string) string { return "и" })
	}
	if f.patrons > 0 {
		support = "при поддержке " + ruGenitiveNoun(f.patrons, "мецената", "меценатов")
	}
	return sentence(opening, by, support, "проведено", w.events(f.events))
}

// helped is "помощь на сумму X получили N человек, в том числе M семей"
// with the verb agreeing with N.
func (w russian) helped(people, families, aid int64) string {
	if people == 0 {
		return "оказана помощь на сумму " + ruMoney(w.l, aid)
	}
	s := "помощь"
	if aid > 0 {
		s += " на сумму " + ruMoney(w.l, aid)
	}
	s += " " + ruNoun(people, "получил", "получили", "получили") + " " + w.num(people) + ruNoun(people, "человек", "человека", "человек")
	if families > 0 {
		s += ", в том числе " + w.num(families) + ruNoun(families, "семья", "семьи", "семей")
	}
	return s
}

func (w russian) help(f *facts, opening string) string {
	if f.people == 0 && f.aidTiyn == 0 {
		return ""
	}
	return sentence(opening, w.helped(f.people, f.families, f.aidTiyn))
}

func (w russian) development(f *facts) string {
	if f.devTiyn == 0 {
		return ""
	}
	return sentence("из этой суммы", ruMoney(w.l, f.devTiyn), "— помощь в развитии («удочка»)")
}

func (w russian) donations(f *facts, opening string) string {
	if f.raisedTiyn <= 0 {
		return ""
	}
	s := "поступило пожертвований на сумму " + ruMoney(w.l, f.raisedTiyn)
	if f.patrons > 0 {
		s += ", в том числе от " + w.num(f.patrons) + ruGenitiveNoun(f.patrons, "мецената", "меценатов")
	}
	return sentence(opening, s)
}

func (w russian) volunteers(f *facts, opening string) string {
	if f.volunteers == 0 {
		return ""
	}
	who := w.num(f.volunteers) + ruNoun(f.volunteers, "волонтёр", "волонтёра", "волонтёров")
	h, more := hours(f.minutes)
	if h == 0 {
		return sentence(opening, "в мероприятиях", ruNoun(f.volunteers, "участвовал", "участвовали", "участвовали"), who)
	}
	worked := ruNoun(f.volunteers, "отработал", "отработали", "отработали")
	time := w.num(h) + ruNoun(h, "час", "часа", "часов")
	if more {
		time = "более " + w.num(h) + ruGenitiveNoun(h, "часа", "часов")
	}
	return sentence(opening, who, worked, time)
}

func (w russian) quarter(f *facts, q quarter) string {
	when := ruQuarterIn[q.q-1] + " квартале"
	if f.withYear {
		when += " " + w.year(q.year)
	}
	var parts []string
	if q.events > 0 {
		parts = append(parts, "проведено "+w.events(q.events))
	}
	if q.people > 0 || q.aidTiyn > 0 {
		parts = append(parts, w.helped(q.people, 0, q.aidTiyn))
	}
	if len(parts) == 0 {
		return ""
	}
	return sentence(when, strings.Join(parts, ", "))
}
