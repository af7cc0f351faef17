package report

import (
	"strconv"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
)

// english writes the statement in English: "since the beginning of the
// year" takes the present perfect, any other period the past; nouns and
// verbs agree with their numbers (1 event was held, 2 events were held).
type english struct{ l *i18n.Localizer }

// enAuthors are the organisation types, singular and plural.
var enAuthors = map[parasat.OrganisationType][2]string{
	parasat.OrgEthnoCultural:  {"an ethno-cultural association", "ethno-cultural associations"},
	parasat.OrgMothersCouncil: {"the Council of Mothers", "Councils of Mothers"},
	parasat.OrgYouthWing:      {"the youth wing", "youth wings"},
	parasat.OrgPatronsClub:    {"the Club of patrons", "clubs of patrons"},
	parasat.OrgFoundation:     {"a charitable foundation", "charitable foundations"},
	parasat.OrgCompany:        {"a company", "companies"},
	parasat.OrgStateBody:      {"a state body", "state bodies"},
	parasat.OrgOther:          {"another organisation", "other organisations"},
}

var enQuarters = [...]string{"first", "second", "third", "fourth"}

// count is "1 event", "22 events".
func (w english) count(n int64, one, other string) string {
	if n == 1 {
		return w.l.Number(n) + nbsp + one
	}
	return w.l.Number(n) + nbsp + other
}

// verb picks the form for the tense of the period (the perfect since the
// beginning of the year, else the past) and the subject's number.
func verb(f *facts, n int64, pastOne, pastOther, perfectOne, perfectOther string) string {
	switch {
	case !f.sinceJan && n == 1:
		return pastOne
	case !f.sinceJan:
		return pastOther
	case n == 1:
		return perfectOne
	}
	return perfectOther
}

func (w english) dayMonth(d parasat.Date) string {
	return strconv.Itoa(d.Day()) + " " + w.l.MonthInDate(d.Month())
}

func (w english) period(f *facts) string {
	p := f.period
	if f.sinceJan {
		return "since the beginning of the year,"
	}
	y := strconv.Itoa(p.From.Year())
	switch p.Kind() {
	case parasat.PeriodYear:
		return "in " + y + ","
	case parasat.PeriodQuarter:
		return "in the " + enQuarters[p.Quarter()-1] + " quarter of " + y + ","
	case parasat.PeriodMonth:
		return "in " + w.l.MonthInDate(p.From.Month()) + " " + y + ","
	case parasat.PeriodDay:
		return "on " + w.dayMonth(p.From) + " " + y + ","
	}
	to := w.dayMonth(p.To) + " " + strconv.Itoa(p.To.Year())
	switch {
	case p.From.Year() != p.To.Year():
		return "from " + w.dayMonth(p.From) + " " + y + " to " + to + ","
	case p.From.Month() == p.To.Month():
		return "from " + strconv.Itoa(p.From.Day()) + " to " + to + ","
	}
	return "from " + w.dayMonth(p.From) + " to " + to + ","
}

func (w english) lead(f *facts, opening string) string {
	if f.events == 0 {
		return ""
	}
	events := w.count(f.events, "event", "events")
	var support string
	if f.patrons > 0 {
		support = "with the support of patrons"
		if f.patrons == 1 {
			support = "with the support of a patron"
		}
	}
	if len(f.authors) == 0 {
		return sentence(opening, events, verb(f, f.events, "was held", "were held", "has been held", "have been held"), support)
	}
	names := make([]string, len(f.authors))
	for i, a := range f.authors {
		names[i] = enAuthors[a.Type][min(a.Count-1, 1)]
	}
	by := list(names, func(string) string { return "and" })
	if support != "" {
		by += ", " + support + ","
	}
	return sentence(opening, by, verb(f, 2, "held", "held", "has held", "have held"), events)
}

// helped is "1 200 people, including 300 families, received help worth X".
func (w english) helped(f *facts, people, families, aid int64) string {
	if people == 0 {
		return "help worth " + enMoney(w.l, aid) + " " + verb(f, 1, "was given", "", "has been given", "")
	}
	s := w.count(people, "person", "people")
	if families > 0 {
		s += ", including " + w.count(families, "family", "families") + ","
	}
	s += " " + verb(f, people, "received", "received", "has received", "have received") + " help"
	if aid > 0 {
		s += " worth " + enMoney(w.l, aid)
	}
	return s
}

func (w english) help(f *facts, opening string) string {
	if f.people == 0 && f.aidTiyn == 0 {
		return ""
	}
	if opening == "" && f.people > 0 {
		opening = "in total," // an English sentence does not start with digits
	}
	return sentence(opening, w.helped(f, f.people, f.families, f.aidTiyn))
}

func (w english) development(f *facts) string {
	if f.devTiyn == 0 {
		return ""
	}
	return sentence("of this,", enMoney(w.l, f.devTiyn), "was development help (“a fishing rod”)")
}

func (w english) donations(f *facts, opening string) string {
	if f.raisedTiyn <= 0 {
		return ""
	}
	s := "donations of " + enMoney(w.l, f.raisedTiyn) + " " + verb(f, 2, "", "were received", "", "have been received")
	if f.patrons > 0 {
		s += ", including from " + w.count(f.patrons, "patron", "patrons")
	}
	return sentence(opening, s)
}

func (w english) volunteers(f *facts, opening string) string {
	if f.volunteers == 0 {
		return ""
	}
	who := w.count(f.volunteers, "volunteer", "volunteers")
	if opening == "" {
		opening = "in all,"
	}
	h, more := hours(f.minutes)
	if h == 0 {
		return sentence(opening, who, verb(f, f.volunteers, "took part", "took part", "has taken part", "have taken part"))
	}
	time := w.count(h, "hour", "hours")
	if more {
		time = "more than " + time
	}
	return sentence(opening, who, verb(f, f.volunteers, "gave", "gave", "has given", "have given"), time, "of their time")
}

func (w english) quarter(f *facts, q quarter) string {
	when := "in the " + enQuarters[q.q-1] + " quarter"
	if f.withYear {
		when += " of " + strconv.Itoa(q.year)
	}
	past := *f
	past.sinceJan = false // what a quarter did is told in the past
	var events, helped string
	if q.events > 0 {
		events = w.count(q.events, "event", "events") + " " + verb(&past, q.events, "was held", "were held", "", "")
	}
	if q.people > 0 || q.aidTiyn > 0 {
		helped = w.helped(&past, q.people, 0, q.aidTiyn)
	}
	switch {
	case events != "" && helped != "":
		return sentence(when+",", events, "and", helped)
	case events != "":
		return sentence(when+",", events)
	case helped != "":
		return sentence(when+",", helped)
	}
	return ""
}
