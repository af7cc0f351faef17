package demo

import (
	"time"

	"github.com/parasat-kz/parasat"
)

// template is a kind of event the associations hold every year.
type template struct {
	kind       parasat.EventKind
	kk, ru, en string
	occasion   string
	aid        []aidPlan
}

var templates = []template{
	{parasat.EventDistribution, "Азық-түлік себеті: аз қамтылған отбасыларға", "Продуктовая корзина малообеспеченным семьям",
		"Food baskets for low-income families", "", []aidPlan{help(goods, "food_package", "households", 5, 12_000)}},
	{parasat.EventConcertVisit, "Жалғыз қарттарға бару", "Визит к одиноким пожилым людям", "Visiting older people living alone", "",
		[]aidPlan{help(care, "visit", "elders", 6, 0), help(goods, "food_package", "elders", 3, 7_000)}},
	{parasat.EventMedicalHelp, "Баланы емдеуге көмек", "Помощь на лечение ребёнка", "Help with a child's treatment", "",
		[]aidPlan{help(service, "medical_treatment", "children", 1, 250_000)}},
	{parasat.EventTraining, "Тігін курсы — «қармақ»", "Курсы шитья — «удочка»", "A sewing course: a fishing rod", "",
		[]aidPlan{help(development, "training", "adults", 5, 20_000)}},
	{parasat.EventRepair, "Асар: үй жөндеу", "Асар: ремонт дома", "Asar: repairing a home", "",
		[]aidPlan{help(service, "repair", "elders", 1, 90_000)}},
	{parasat.EventConcertVisit, "Ерекше балаларға арналған концерт", "Концерт для особенных детей",
		"A concert for children with special needs", "", []aidPlan{group(care, "concert", 60, 0), help(care, "concert", "children", 3, 0)}},
	{parasat.EventTraining, "Жұмысқа орналастыру күні", "День трудоустройства", "A job placement day", "",
		[]aidPlan{help(development, "job_placement", "adults", 3, 40_000)}},
	{parasat.EventOther, "Тегін заң кеңесі", "Бесплатная юридическая консультация", "Free legal advice", "",
		[]aidPlan{help(service, "legal_help", "adults", 4, 8_000)}},
	{parasat.EventDistribution, "Қысқы отын: ардагерлер мен қарттарға", "Уголь на зиму ветеранам и пожилым",
		"Winter fuel for veterans and older people", "", []aidPlan{help(goods, "winter_fuel", "elders", 4, 25_000)}},
	{parasat.EventSportsCulture, "Отбасылық спорт күні", "Семейный день спорта", "Family sports day", "",
		[]aidPlan{group(care, "celebration", 70, 0)}},
}

// seasonal are the events of a year's calendar, by month and day.
var seasonal = []struct {
	month time.Month
	day   int
	t     template
}{
	{time.May, 7, template{parasat.EventConcertVisit, "Жеңіс күні: ардагерлерге құрмет", "День Победы: чествование ветеранов",
		"Victory Day: honouring veterans", "victory_day", []aidPlan{help(care, "visit", "elders", 8, 0), help(goods, "food_package", "elders", 8, 10_000)}}},
	{time.June, 1, template{parasat.EventConcertVisit, "Балаларды қорғау күні: мереке", "День защиты детей: праздник",
		"Children's Day: a celebration", "childrens_day", []aidPlan{group(care, "celebration", 150, 0), help(goods, "other", "children", 6, 8_000)}}},
	{time.August, 20, template{parasat.EventDistribution, "Мектепке жол: оқу құралдары", "Дорога в школу: школьные принадлежности",
		"Road to school: school supplies", "back_to_school", []aidPlan{help(goods, "school_supplies", "households", 10, 15_000)}}},
	{time.October, 1, template{parasat.EventConcertVisit, "Қарттар күні: концерт және дастархан", "День пожилых людей: концерт и дастархан",
		"Day of Older Persons: a concert and a table", "older_persons_day", []aidPlan{group(care, "concert", 120, 0)}}},
	{time.December, 5, template{parasat.EventOther, "Еріктілер күні: қайырымдылық марафоны", "День волонтёра: марафон добрых дел",
		"Volunteer Day: a marathon of good deeds", "volunteer_day", []aidPlan{help(goods, "food_package", "households", 8, 12_000)}}},
}

// plans spreads n events over [from, to), cycling through the templates
// and the leads, with the year's calendar on its days.
func (b *eventBuilder) plans(from, to time.Time, n int, pools map[string]string) []eventPlan {
	leads := append([]string{"mothers", "youth", "foundation"}, astanaAssociations...)
	var out []eventPlan
	for _, s := range seasonal {
		day := time.Date(from.Year(), s.month, s.day, 0, 0, 0, 0, time.UTC)
		if !day.Before(from) && day.Before(to) {
			out = append(out, b.fromTemplate(s.t, day, leads[len(out)%len(leads)], pools))
		}
	}
	span := to.Sub(from)
	for i := 0; i < n; i++ {
		day := from.Add(span * time.Duration(i) / time.Duration(n)).Truncate(24 * time.Hour)
		out = append(out, b.fromTemplate(templates[b.rng.IntN(len(templates))], day, leads[b.rng.IntN(len(leads))], pools))
	}
	// A few events elsewhere: the Karaganda region's associations.
	for i := 0; i < n/15; i++ {
		day := from.Add(span * time.Duration(2*i+1) / time.Duration(2*max(1, n/15))).Truncate(24 * time.Hour)
		p := b.fromTemplate(templates[0], day, "karaganda-german", map[string]string{"households": "karaganda"})
		p.partners = []string{keyKaraganda}
		p.aid = []aidPlan{help(goods, "food_package", "karaganda", 4, 11_000)}
		out = append(out, p)
	}
	return out
}

func (b *eventBuilder) fromTemplate(t template, day time.Time, lead string, pools map[string]string) eventPlan {
	p := plan2019(day, lead, t.kind, t.kk, t.ru, t.en)
	p.occasion, p.hour = t.occasion, 10+b.rng.IntN(7)
	for _, a := range t.aid {
		if pool, ok := pools[a.from]; ok {
			a.from = pool
		}
		p.aid = append(p.aid, a)
	}
	return p
}

// restOf2019 is 26 April to 31 December 2019: a steady year of the archive.
func (b *eventBuilder) restOf2019() []eventPlan {
	pools := map[string]string{"households": "families", "elders": "elderly", "children": "disabled", "adults": "mothers"}
	return b.plans(on(4, 26), on(12, 29), 85, pools)
}

// currentYear is this year up to now, in today's people: reported events,
// the last ten days' held but not yet reported, and two of the last day
// still planned, waiting for their organiser to record how they went.
func (b *eventBuilder) currentYear(now time.Time) []eventPlan {
	pools := map[string]string{"households": "households", "elders": "people", "children": "people", "adults": "people"}
	today := parasat.DayInKazakhstan(now).Time
	from := time.Date(today.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	until := today.AddDate(0, 0, -2)
	var out []eventPlan
	if until.After(from) {
		out = b.plans(from, until, max(3, int(until.Sub(from).Hours()/24/3)), pools)
	}
	for i := range out {
		if out[i].day.After(today.AddDate(0, 0, -10)) {
			out[i].state = parasat.EventHeld
		}
	}
	for i, t := range []template{templates[1], templates[0]} {
		at := now.Add(-time.Duration(20+6*i) * time.Hour).In(kazakhstanZone(now))
		p := b.fromTemplate(t, time.Date(at.Year(), at.Month(), at.Day(), 0, 0, 0, 0, time.UTC), "mothers", pools)
		p.hour, p.hours, p.state = at.Hour(), 2, parasat.EventPlanned
		out = append(out, p)
	}
	return out
}
