package report

import (
	"strconv"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
)

// kazakh writes the statement in Kazakh. A noun after a number stays
// singular ("63 іс-шара", "1 200 адам"); the verb does not agree in
// number; endings follow the harmony of their word — the month in a date
// ("15 наурызда", "1 қыркүйекте"), the conjunction after a name ("қаңтар
// мен", "наурыз бен"), and the number read aloud in "олардың 22-сі".
type kazakh struct{ l *i18n.Localizer }

// kkAuthors are the organisation types, singular and plural.
var kkAuthors = map[parasat.OrganisationType][2]string{
	parasat.OrgEthnoCultural:  {"этномәдени бірлестік", "этномәдени бірлестіктер"},
	parasat.OrgMothersCouncil: {"Аналар кеңесі", "аналар кеңестері"},
	parasat.OrgYouthWing:      {"Жастар қанаты", "жастар қанаттары"},
	parasat.OrgPatronsClub:    {"Меценаттар клубы", "меценаттар клубтары"},
	parasat.OrgFoundation:     {"қайырымдылық қоры", "қайырымдылық қорлары"},
	parasat.OrgCompany:        {"компания", "компаниялар"},
	parasat.OrgStateBody:      {"мемлекеттік орган", "мемлекеттік органдар"},
	parasat.OrgOther:          {"басқа ұйым", "басқа ұйымдар"},
}

var kkQuarters = [...]string{"бірінші", "екінші", "үшінші", "төртінші"}

func (w kazakh) num(n int64) string { return w.l.Number(n) + nbsp }

// date is "2019 жылғы 25 сәуір"; dayMonth is "25 сәуір".
func (w kazakh) dayMonth(d parasat.Date) string {
	return strconv.Itoa(d.Day()) + " " + w.l.MonthInDate(d.Month())
}

func (w kazakh) yearOf(y int) string { return strconv.Itoa(y) + nbsp + "жылғы" }

func (w kazakh) period(f *facts) string {
	p := f.period
	if f.sinceJan {
		return "жыл басынан бері"
	}
	y := p.From.Year()
	switch p.Kind() {
	case parasat.PeriodYear:
		return strconv.Itoa(y) + nbsp + "жылы"
	case parasat.PeriodQuarter:
		return strconv.Itoa(y) + nbsp + "жылдың " + kkQuarters[p.Quarter()-1] + " тоқсанында"
	case parasat.PeriodMonth:
		return w.yearOf(y) + " " + w.l.MonthInDate(p.From.Month()) + " айында"
	case parasat.PeriodDay:
		m := w.l.MonthInDate(p.From.Month())
		return w.yearOf(y) + " " + w.dayMonth(p.From) + kkSuffix(m, kkLocative)
	}
	switch {
	case p.From.Year() != p.To.Year():
		from := w.dayMonth(p.From)
		return w.yearOf(y) + " " + from + " " + kkSuffix(from, kkWith) + " " + w.yearOf(p.To.Year()) + " " + w.dayMonth(p.To) + " аралығында"
	case p.From.Month() == p.To.Month():
		return w.yearOf(y) + " " + strconv.Itoa(p.From.Day()) + "–" + w.dayMonth(p.To) + " аралығында"
	}
	from := w.dayMonth(p.From)
	return w.yearOf(y) + " " + from + " " + kkSuffix(from, kkWith) + " " + w.dayMonth(p.To) + " аралығында"
}

func (w kazakh) lead(f *facts, opening string) string {
	if f.events == 0 {
		return ""
	}
	var support string
	if f.patrons > 0 {
		support = "меценаттардың қолдауымен"
		if f.patrons == 1 {
			support = "меценаттың қолдауымен"
		}
	}
	events := w.num(f.events) + "іс-шара"
	if len(f.authors) == 0 {
		return sentence(opening, support, events, "өткізілді")
	}
	names := make([]string, len(f.authors))
	for i, a := range f.authors {
		names[i] = kkAuthors[a.Type][min(a.Count-1, 1)]
	}
	by := list(names, func(prev string) string { return kkSuffix(prev, kkWith) })
	return sentence(opening, by, support, events, "өткізді")
}

// helped is "1 200 адамға, оның ішінде 300 отбасына, X көлемінде көмек
// көрсетілді". отбасы already ends in the possessive -сы, so its dative
// is -на.
func (w kazakh) helped(people, families, aid int64) string {
	var s string
	if people > 0 {
		s = w.num(people) + "адамға"
		if families > 0 {
			s += ", оның ішінде " + w.num(families) + "отбасына,"
		}
		s += " "
	}
	if aid > 0 {
		phrase, endsMore := kkMoney(w.l, aid)
		if !endsMore {
			phrase += " көлемінде"
		}
		s += phrase + " "
	}
	return s + "көмек көрсетілді"
}

func (w kazakh) help(f *facts, opening string) string {
	if f.people == 0 && f.aidTiyn == 0 {
		return ""
	}
	if opening == "" {
		opening = "барлығы"
	}
	return sentence(opening, w.helped(f.people, f.families, f.aidTiyn))
}

func (w kazakh) development(f *facts) string {
	if f.devTiyn == 0 {
		return ""
	}
	// "Көмектің 3 миллион теңгесі", "көмектің 3,1 млн теңгеден астамы":
	// the possessive on the amount's last word.
	phrase, endsMore := kkMoney(w.l, f.devTiyn)
	last := "теңге"
	if endsMore {
		last = "астам"
	}
	return sentence("көмектің", phrase+kkSuffix(last, kkPossessive), "дамуға бағытталды («қармақ»)")
}

func (w kazakh) donations(f *facts, opening string) string {
	if f.raisedTiyn <= 0 {
		return ""
	}
	phrase, _ := kkMoney(w.l, f.raisedTiyn)
	s := "қайырымдылыққа " + phrase + " жиналды"
	if f.patrons > 0 {
		s += ", оның ішінде " + w.num(f.patrons) + "меценаттан"
	}
	return sentence(opening, s)
}

func (w kazakh) volunteers(f *facts, opening string) string {
	if f.volunteers == 0 {
		return ""
	}
	who := w.num(f.volunteers) + "ерікті"
	h, more := hours(f.minutes)
	if h == 0 {
		return sentence(opening, "іс-шараларға", who, "қатысты")
	}
	time := w.num(h) + "сағат"
	if more {
		time += kkSuffix("сағат", kkAblative) + " астам"
	}
	return sentence(opening, who, time, "жұмыс істеді")
}

// quarter is "Бірінші тоқсанда олардың 22-сі өткізіліп, 1 200 адамға …
// көмек көрсетілді": "of them" refers to the events of the first sentence;
// one of them is біреуі.
func (w kazakh) quarter(f *facts, q quarter) string {
	when := kkQuarters[q.q-1] + " тоқсанда"
	if f.withYear {
		when = strconv.Itoa(q.year) + nbsp + "жылдың " + kkQuarters[q.q-1] + " тоқсанында"
	}
	helped := q.people > 0 || q.aidTiyn > 0
	var events string
	if q.events > 0 {
		n := "біреуі"
		if q.events > 1 {
			n = w.l.Number(q.events) + "-" + kkNumberSuffix(q.events, kkPossessive)
		}
		events = "олардың " + n + " өткізілді"
		if helped {
			events = "олардың " + n + " өткізіліп,"
		}
	}
	if !helped {
		if events == "" {
			return ""
		}
		return sentence(when, events)
	}
	return sentence(when, events, w.helped(q.people, 0, q.aidTiyn))
}
