package demo

import (
	"fmt"
	"time"

	"github.com/parasat-kz/parasat"
)

// The founding article's figures (FIGURES.md): in the first quarter of 2019
// 22 events, 1,200 people helped, 2,300,000 ₸; from 1 January to 25 April
// 63 events and "more than 14 million tenge".
const (
	q1Events, q1People = 22, 1200
	q1Value            = 230_000_000 // tiyn
	aprilEvents        = 41
	toAprilValue       = 1_422_500_000 // tiyn: 14 225 000 ₸
)

func tenge(n int64) int64 { return n * 100 }

func on(m time.Month, d int) time.Time { return time.Date(2019, m, d, 0, 0, 0, 0, time.UTC) }

// help is an aidPlan in one line: n recipients from a pool, value per recipient in tenge.
func help(kind parasat.AidKind, item, from string, n int, value int64) aidPlan {
	return aidPlan{kind: kind, item: item, from: from, n: n, value: tenge(value)}
}

// group is help to one anonymous group of size people, worth value tenge in all.
func group(kind parasat.AidKind, item string, size int, value int64) aidPlan {
	return aidPlan{kind: kind, item: item, from: "groups", n: 1, size: size, value: tenge(value), quantity: size}
}

func adjusting(a aidPlan, what string) aidPlan { a.adjust = what; return a }

// plan2019 is an event of 2019, co-organised by the capital's Assembly.
func plan2019(day time.Time, lead string, kind parasat.EventKind, kk, ru, en string, aid ...aidPlan) eventPlan {
	p := eventPlan{day: day, hour: 11, hours: 3, lead: lead, kind: kind, kk: kk, ru: ru, en: en, aid: aid,
		volunteers: 4 + day.Day()%9, patrons: day.Day() % 3}
	if lead != keyAstana {
		p.partners = []string{keyAstana}
	}
	return p
}

const (
	money, goods, service, care, development = parasat.AidMoney, parasat.AidGoods, parasat.AidServiceKind, parasat.AidCare, parasat.AidDevelopment
)

// firstQuarter2019 are the 22 events held from January to March 2019, and
// one cancelled by a blizzard (not counted).
func firstQuarter2019() []eventPlan {
	e := parasat.EventConcertVisit
	d := parasat.EventDistribution
	ski := plan2019(on(1, 26), "youth", parasat.EventSportsCulture, "Отбасылық шаңғы жарысы", "Семейная лыжная гонка", "Family ski race")
	ski.cancel = "Боран мен қатты аяз: жарыс көктемге қалдырылды"
	nauryz := plan2019(on(3, 15), "kazakh", e, "Наурыз көже: қайырымдылық дастарханы", "Наурыз-коже: благотворительный дастархан",
		"Nauryz kozhe: a charity table", adjusting(group(care, "celebration", 1, 0), "people"))
	nauryz.occasion, nauryz.hours = "nauryz", 5
	return []eventPlan{
		plan2019(on(1, 5), "mothers", e, "Жаңа жылдық шырша: көпбалалы отбасылардың балаларына", "Новогодняя ёлка для детей из многодетных семей",
			"New Year party for children of large families", help(care, "celebration", "families", 6, 15_000), group(care, "celebration", 80, 0)),
		plan2019(on(1, 7), "russian", d, "Рождестволық сыйлық: жалғыз тұратын қарттарға", "Рождественские подарки одиноким пожилым людям",
			"Christmas gifts for older people living alone", help(goods, "food_package", "elderly", 15, 6_000)),
		plan2019(on(1, 12), "ukrainian", d, "Жылы киім: аз қамтылған отбасыларға", "Тёплая одежда для малообеспеченных семей",
			"Warm clothes for low-income families", group(goods, "clothes", 45, 135_000)),
		plan2019(on(1, 16), "youth", d, "Ардагерлерге қысқы отын", "Уголь на зиму ветеранам", "Winter fuel for veterans",
			help(goods, "winter_fuel", "veterans", 10, 20_000)),
		plan2019(on(1, 19), "korean", e, "Ерекше балаларға арналған концерт", "Концерт для особенных детей",
			"A concert for children with special needs", group(care, "concert", 60, 0), help(care, "concert", "disabled", 5, 0)),
		plan2019(on(1, 24), "tatar", e, "Қарттар үйіне бару", "Визит в дом престарелых", "A visit to the care home",
			group(goods, "food_package", 70, 70_000)),
		ski,
		plan2019(on(1, 30), "jewish", parasat.EventOther, "Тегін заң кеңесі", "Бесплатная юридическая консультация", "Free legal advice",
			help(service, "legal_help", "elderly", 8, 8_000), help(service, "legal_help", "disabled", 4, 8_000)),
		plan2019(on(2, 2), "kazakh", parasat.EventFundraiser, "Жылу: өрттен зардап шеккен отбасыға", "Жылу: помощь семье, пострадавшей от пожара",
			"Zhylu for a family whose home burned", help(money, "financial_aid", "families", 1, 200_000)),
		plan2019(on(2, 9), "foundation", parasat.EventMedicalHelp, "Баланың отасына көмек", "Помощь на операцию ребёнку",
			"Help with a child's surgery", adjusting(help(service, "medical_treatment", "disabled", 1, 100_000), "value")),
		plan2019(on(2, 14), "azerbaijani", parasat.EventOther, "Мүгедектігі бар жандарды тасымалдау", "Перевозка людей с инвалидностью",
			"Transport for people with disabilities", help(service, "transport", "disabled", 6, 5_000)),
		plan2019(on(2, 16), "uzbek", d, "Азық-түлік себеті: аз қамтылған отбасыларға", "Продуктовая корзина малообеспеченным семьям",
			"Food baskets for low-income families", group(goods, "food_package", 40, 320_000), help(goods, "food_package", "families", 3, 10_000)),
		plan2019(on(2, 21), "kazakh", d, "Ана тілі күні: балаларға кітаптар", "Международный день родного языка: книги детям",
			"Mother Language Day: books for children", group(goods, "school_supplies", 50, 75_000)),
		plan2019(on(2, 23), "russian", e, "Отан қорғаушыларға құрмет: ардагерлерге бару", "Ко Дню защитника Отечества: визит к ветеранам",
			"Defenders' Day: visiting veterans", help(care, "visit", "veterans", 12, 0), help(goods, "food_package", "veterans", 6, 7_000)),
		plan2019(on(2, 28), "mothers", parasat.EventTraining, "Тігін курсы — «қармақ»: аналарға кәсіп", "Курсы кройки и шитья — «удочка» для мам",
			"A sewing course: a fishing rod for mothers", help(development, "training", "mothers", 8, 20_000),
			help(development, "work_equipment", "mothers", 4, 45_000)),
		plan2019(on(3, 1), keyAstana, e, "Алғыс айту күні: қарттарға дастархан", "День благодарности: праздничный стол для старшего поколения",
			"Day of Gratitude: a festive table for elders", group(care, "celebration", 120, 0), help(care, "celebration", "elderly", 10, 0)),
		plan2019(on(3, 6), "mothers", d, "8 Наурыз: жалғызбасты аналарға сыйлық", "8 Марта: подарки одиноким мамам",
			"8 March: gifts for single mothers", group(goods, "other", 35, 140_000)),
		plan2019(on(3, 9), "youth", parasat.EventRepair, "Асар: ардагер пәтерін жөндеу", "Асар: ремонт квартиры ветерана",
			"Asar: repairing a veteran's flat", help(service, "repair", "veterans", 2, 60_000)),
		nauryz,
		plan2019(on(3, 20), "uyghur", d, "Наурыз: көпбалалы отбасыларға азық-түлік", "Наурыз: продукты многодетным семьям",
			"Nauryz: food for large families", help(goods, "food_package", "families", 8, 12_000)),
		plan2019(on(3, 22), "dungan", e, "Наурыз: балалар үйіне концерт", "Наурыз: концерт в детском доме",
			"Nauryz: a concert at the children's home", group(care, "concert", 90, 0)),
		plan2019(on(3, 26), "foundation", parasat.EventMedicalHelp, "Ерекше балаларды оңалту", "Реабилитация особенных детей",
			"Rehabilitation for children with special needs", help(service, "rehabilitation", "disabled", 4, 30_000)),
		plan2019(on(3, 30), "german", d, "Көктемгі сыйлық: зейнеткерлерге", "Весенние подарки пенсионерам", "Spring gifts for pensioners",
			help(goods, "food_package", "elderly", 12, 6_000)),
	}
}

// april2019 are the 41 events of 1–25 April 2019, when the Parasat centre
// opened and the spring floods called for zhylu.
func april2019() []eventPlan {
	opening := plan2019(on(4, 2), keyAstana, parasat.EventConcertVisit, "«Парасат» орталығының ашылуы: қайырымдылық концерті",
		"Открытие центра «Парасат»: благотворительный концерт", "The Parasat centre opens: a charity concert", group(care, "concert", 400, 0))
	cycle := []func(time.Time, string) eventPlan{
		func(day time.Time, lead string) eventPlan {
			return plan2019(day, lead, parasat.EventFundraiser, "Су тасқыны: зардап шеккен отбасыларға жылу",
				"Паводок: жылу для пострадавших семей", "Spring floods: zhylu for families in need", group(money, "financial_aid", 20, 500_000))
		},
		func(day time.Time, lead string) eventPlan {
			return plan2019(day, lead, parasat.EventTraining, "Шағын кәсіпке грант: «қармақ»", "Гранты на малый бизнес: «удочка»",
				"Small business grants: a fishing rod", help(development, "business_grant", "mothers", 2, 300_000))
		},
		func(day time.Time, lead string) eventPlan {
			return plan2019(day, lead, parasat.EventMedicalHelp, "Баланы емдеуге қаражат", "Средства на лечение ребёнка",
				"Funds for a child's treatment", help(service, "medical_treatment", "disabled", 1, 450_000))
		},
		func(day time.Time, lead string) eventPlan {
			return plan2019(day, lead, parasat.EventTraining, "Жұмыс жәрмеңкесі: мүмкіндігі шектеулі жандарға",
				"Ярмарка вакансий для людей с инвалидностью", "A job fair for people with disabilities",
				help(development, "job_placement", "disabled", 3, 50_000))
		},
		func(day time.Time, lead string) eventPlan {
			return plan2019(day, lead, parasat.EventRepair, "Асар: ардагердің үйін жөндеу", "Асар: ремонт дома ветерана",
				"Asar: repairing a veteran's home", help(service, "repair", "veterans", 1, 120_000))
		},
		func(day time.Time, lead string) eventPlan {
			return plan2019(day, lead, parasat.EventMedicalHelp, "Қарттарға тегін медициналық тексеру", "Бесплатный медосмотр для пожилых",
				"Free health checks for older people", help(service, "medical_treatment", "elderly", 10, 8_000))
		},
		func(day time.Time, lead string) eventPlan {
			return plan2019(day, lead, parasat.EventTraining, "Компьютерлік сауаттылық курсы: зейнеткерлерге",
				"Курс компьютерной грамотности для пенсионеров", "Computer literacy for pensioners",
				help(development, "training", "elderly", 8, 15_000))
		},
		func(day time.Time, lead string) eventPlan {
			return plan2019(day, lead, parasat.EventDistribution, "Азық-түлік себеті: көпбалалы отбасыларға",
				"Продуктовые наборы многодетным семьям", "Food parcels for large families", help(goods, "food_package", "families", 6, 12_500))
		},
		func(day time.Time, lead string) eventPlan {
			return plan2019(day, lead, parasat.EventTraining, "Тігін шеберханасы: аналарға тігін машинасы",
				"Швейная мастерская: машинки для мам", "A sewing workshop: machines for mothers",
				help(development, "work_equipment", "mothers", 3, 50_000))
		},
	}
	leads := append([]string{"mothers", "youth", "foundation"}, astanaAssociations...)
	out := []eventPlan{opening}
	for i := 0; len(out) < aprilEvents; i++ {
		day := on(4, 1+i*25/(aprilEvents-1))
		p := cycle[i%len(cycle)](day, leads[i%len(leads)])
		p.hour = 10 + i%7
		if i == 2 {
			p.aid[0].adjust = "value"
		}
		out = append(out, p)
	}
	return out
}

func archive2019() []eventPlan { return append(firstQuarter2019(), april2019()...) }

// exactFigures sets the size of one anonymous group and the value of one
// record in each period so that the figures, counted as FIGURES.md says,
// are exactly the article's; it fails when the plan cannot reach them.
func (b *eventBuilder) exactFigures(list []parasat.EventHistory, arch *archive) error {
	q1End, aprilEnd := on(3, 31), on(4, 25)
	events := map[bool]int{}
	named := map[int64]bool{}
	anonymous := 0
	var value = map[bool]int64{}
	var peopleAdj, valueAdj = map[bool]*parasat.AidRecord{}, map[bool]*parasat.AidRecord{}
	for _, h := range list {
		q1 := !parasat.DayInKazakhstan(h.Event.Starts).After(q1End)
		if h.CancelReason == "" {
			events[q1]++
		}
		for _, a := range h.Aid {
			inQ1 := !a.GivenOn.After(q1End)
			if !inQ1 && a.GivenOn.After(aprilEnd) {
				return fmt.Errorf("demo: an aid record of the 2019 plan is dated %s", a.GivenOn)
			}
			value[inQ1] += a.ValueTiyn
			switch b.adjusters[a] {
			case "people":
				peopleAdj[inQ1] = a
			case "value":
				valueAdj[inQ1] = a
			}
			if !inQ1 {
				continue
			}
			switch a.Recipient {
			case parasat.RecipientBeneficiary:
				named[*a.BeneficiaryID] = true
			case parasat.RecipientHousehold:
				for _, m := range arch.members[*a.HouseholdID] {
					named[m] = true
				}
			case parasat.RecipientGroup:
				if b.adjusters[a] != "people" {
					anonymous += a.GroupSize
				}
			}
		}
	}
	if events[true] != q1Events || events[false] != aprilEvents || peopleAdj[true] == nil || valueAdj[true] == nil || valueAdj[false] == nil {
		return fmt.Errorf("demo: the 2019 plan has %d and %d events, or lacks the records that make its figures exact", events[true], events[false])
	}
	peopleAdj[true].GroupSize = q1People - len(named) - anonymous
	valueAdj[true].ValueTiyn += q1Value - value[true]
	valueAdj[false].ValueTiyn += toAprilValue - q1Value - value[false]
	if peopleAdj[true].GroupSize < 1 || valueAdj[true].ValueTiyn <= 0 || valueAdj[false].ValueTiyn <= 0 {
		return fmt.Errorf("demo: the 2019 plan overshoots the figures (group %d, values %d, %d)",
			peopleAdj[true].GroupSize, valueAdj[true].ValueTiyn, valueAdj[false].ValueTiyn)
	}
	return nil
}
