package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/parasat-kz/parasat"
)

// EventStore is what the demo needs to record events and the help given.
type EventStore interface {
	PeopleStore
	parasat.EventService
}

// eventPlan is one event of the demo: when, who, what, and the help given.
type eventPlan struct {
	day        time.Time // the day it starts (its date only)
	hour       int       // local time it starts
	hours      int
	lead       string // key in dataset
	partners   []string
	kind       parasat.EventKind
	kk, ru, en string
	occasion   string
	targets    []parasat.Category
	aid        []aidPlan
	cancel     string // the reason, for a cancelled event
	state      parasat.EventStatus
	volunteers int
	patrons    int // how many of the Club's companies support it
}

// aidPlan is help given at an event to n recipients of one pool: people
// ("veterans", "elderly", "disabled", "people", "karaganda"), households
// ("families", "households") or anonymous groups of size ("groups").
type aidPlan struct {
	kind     parasat.AidKind
	item     string
	what     string
	from     string
	n        int
	size     int
	value    int64 // tiyn per recipient (per group for groups)
	quantity int
	adjust   string // "people" or "value": this record makes the period's figure exact
}

// eventBuilder turns plans into the store's records, picking recipients
// in turn from each pool.
type eventBuilder struct {
	ids     map[string]int64
	pools   map[string][]int64
	next    map[string]int
	patrons []int64
	rng     *rand.Rand
	// adjusters are the records that make a period's figure exact.
	adjusters map[*parasat.AidRecord]string
}

// kazakhstanZone is the capital's offset on a day: UTC+6 until 1 March 2024, UTC+5 since.
func kazakhstanZone(day time.Time) *time.Location {
	if day.Before(time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)) {
		return time.FixedZone("+06", 6*3600)
	}
	return time.FixedZone("+05", 5*3600)
}

func (b *eventBuilder) pick(pool string) int64 {
	list := b.pools[pool]
	id := list[b.next[pool]%len(list)]
	b.next[pool]++
	return id
}

func (b *eventBuilder) history(p eventPlan) parasat.EventHistory {
	y, m, d := p.day.Date()
	start := time.Date(y, m, d, p.hour, 0, 0, 0, kazakhstanZone(p.day))
	e := &parasat.Event{Title: parasat.Names{KK: p.kk, RU: p.ru, EN: p.en}, Kind: p.kind, Starts: start,
		Ends: start.Add(time.Duration(p.hours) * time.Hour), LeadID: b.ids[p.lead], TargetGroups: p.targets,
		OccasionKey: p.occasion, Published: p.cancel == ""}
	e.Description = parasat.Names{KK: p.kk + ". " + descriptionKK[p.kind], RU: p.ru + ". " + descriptionRU[p.kind],
		EN: p.en + ". " + descriptionEN[p.kind]}
	for _, k := range p.partners {
		e.Partners = append(e.Partners, b.ids[k])
	}
	for i := 0; i < p.patrons && len(b.patrons) > 0; i++ {
		e.Patrons = append(e.Patrons, b.patrons[b.rng.IntN(len(b.patrons))])
	}
	var budget int64
	h := parasat.EventHistory{Event: e, CancelReason: p.cancel}
	day := parasat.DayInKazakhstan(start)
	for _, a := range p.aid {
		for i := 0; i < a.n; i++ {
			r := &parasat.AidRecord{GivenOn: day, Kind: a.kind, Item: a.item, Description: a.what, Quantity: max(1, a.quantity),
				ValueTiyn: a.value}
			switch a.from {
			case "groups":
				r.Recipient, r.GroupSize = parasat.RecipientGroup, a.size
			case "families", "households":
				r.Recipient, r.HouseholdID = parasat.RecipientHousehold, ptr(b.pick(a.from))
			default:
				r.Recipient, r.BeneficiaryID = parasat.RecipientBeneficiary, ptr(b.pick(a.from))
			}
			budget += r.ValueTiyn
			h.Aid = append(h.Aid, r)
			if a.adjust != "" && i == 0 {
				b.adjusters[r] = a.adjust
			}
		}
	}
	e.PlannedBudget = budget / 1_000_000 * 1_000_000 // a round figure, in tiyn: 10 000 ₸ steps
	if p.cancel != "" {
		h.Aid = nil
		return h
	}
	switch p.state {
	case parasat.EventHeld:
		h.Held = true
	case parasat.EventPlanned:
		h.Aid = nil
	default:
		v := max(2, p.volunteers)
		h.Report = &parasat.EventReport{Volunteers: v, VolunteerMinutes: int64(v * p.hours * 60)}
	}
	return h
}

func ptr(n int64) *int64 { return &n }

var (
	descriptionKK = map[parasat.EventKind]string{
		parasat.EventConcertVisit:  "Еріктілер мен өнерпаздар қамқорлыққа мұқтаж жандарға барып, мереке сыйлады.",
		parasat.EventDistribution:  "Азық-түлік пен заттар тізім бойынша үйге дейін жеткізілді.",
		parasat.EventFundraiser:    "Меценаттар мен қала тұрғындары жылу жинады.",
		parasat.EventMedicalHelp:   "Дәрігерлер тексеріп, ем мен дәрі-дәрмекке көмектесті.",
		parasat.EventRepair:        "Асар: еріктілер үйді бірге жөндеді.",
		parasat.EventTraining:      "«Балық емес, қармақ»: кәсіп үйрететін курс.",
		parasat.EventSportsCulture: "Отбасылармен бірге спорт және мәдениет күні.",
		parasat.EventOther:         "Қайырымдылық шарасы.",
	}
	descriptionRU = map[parasat.EventKind]string{
		parasat.EventConcertVisit:  "Волонтёры и артисты навестили тех, кому нужна забота, и подарили праздник.",
		parasat.EventDistribution:  "Продукты и вещи доставлены по списку до дверей.",
		parasat.EventFundraiser:    "Меценаты и жители города собрали помощь.",
		parasat.EventMedicalHelp:   "Врачи провели осмотр и помогли с лечением и лекарствами.",
		parasat.EventRepair:        "Асар: волонтёры вместе отремонтировали дом.",
		parasat.EventTraining:      "«Не рыба, а удочка»: курс, который даёт профессию.",
		parasat.EventSportsCulture: "День спорта и культуры вместе с семьями.",
		parasat.EventOther:         "Благотворительная акция.",
	}
	descriptionEN = map[parasat.EventKind]string{
		parasat.EventConcertVisit:  "Volunteers and performers visited people who need care and brought a celebration.",
		parasat.EventDistribution:  "Food and goods were delivered to the door, by the list.",
		parasat.EventFundraiser:    "Patrons and the city's residents collected help.",
		parasat.EventMedicalHelp:   "Doctors examined people and helped with treatment and medicine.",
		parasat.EventRepair:        "Asar: volunteers repaired a home together.",
		parasat.EventTraining:      "\"Not a fish but a fishing rod\": a course that gives a trade.",
		parasat.EventSportsCulture: "A day of sport and culture with families.",
		parasat.EventOther:         "A charitable action.",
	}
)

// loadEvents records the capital's events of 2019 — exactly the figures of
// the founding article (see FIGURES.md) — and of the rest of 2019 and the
// current year up to now, with the help given at them.
func loadEvents(ctx context.Context, store EventStore, ids map[string]int64, patrons []int64, now time.Time) error {
	astana := []int64{ids["mothers"], ids["kazakh"], ids["russian"], ids["foundation"], ids["youth"], ids["uyghur"]}
	b := &eventBuilder{ids: ids, patrons: patrons, next: map[string]int{}, rng: rand.New(rand.NewPCG(2019, 425)),
		pools: map[string][]int64{}, adjusters: map[*parasat.AidRecord]string{}}
	if err := b.currentPools(ctx, store); err != nil { // before the 2019 people join the register
		return err
	}
	arch, err := loadArchivePeople(ctx, store, astana)
	if err != nil {
		return err
	}
	b.pools["veterans"], b.pools["elderly"], b.pools["disabled"] = arch.veterans, arch.elderly, arch.disabled
	b.pools["families"], b.pools["mothers"] = arch.families, arch.mothers
	var list []parasat.EventHistory
	for _, p := range archive2019() {
		list = append(list, b.history(p))
	}
	if err := b.exactFigures(list, arch); err != nil {
		return err
	}
	for _, p := range b.restOf2019() {
		list = append(list, b.history(p))
	}
	past := len(list)
	for _, p := range b.currentYear(now) {
		list = append(list, b.history(p))
	}
	current := len(list)
	for _, p := range b.upcoming(now) {
		list = append(list, b.history(p))
	}
	if err := store.ImportEvents(ctx, list); err != nil {
		return fmt.Errorf("demo: %d events: %w", len(list), err)
	}
	if shifts, ok := store.(ShiftStore); ok {
		return loadShifts(ctx, shifts, list[past:current], list[current:], now)
	}
	return nil
}

// currentPools are today's demo people: those of the capital and of
// Karaganda, and the capital's households.
func (b *eventBuilder) currentPools(ctx context.Context, store EventStore) error {
	for after := int64(0); ; {
		page, err := store.ListBeneficiaries(ctx, parasat.BeneficiaryFilter{After: after, Limit: 500})
		if err != nil {
			return err
		}
		if len(page) == 0 {
			break
		}
		for _, p := range page {
			switch p.Region {
			case parasat.CapitalCode:
				b.pools["people"] = append(b.pools["people"], p.ID)
			case "KZ-35":
				if p.BirthDate.Year() < 2000 { // adults: born before any event of the demo
					b.pools["karaganda"] = append(b.pools["karaganda"], p.ID)
				}
			}
		}
		after = page[len(page)-1].ID
	}
	households, err := store.ListHouseholds(ctx, parasat.HouseholdFilter{Region: parasat.CapitalCode, Limit: 500})
	if err != nil {
		return err
	}
	for _, h := range households {
		b.pools["households"] = append(b.pools["households"], h.ID)
	}
	if len(b.pools["people"]) == 0 || len(b.pools["karaganda"]) == 0 || len(b.pools["households"]) == 0 {
		return fmt.Errorf("demo: no people helped to record help for")
	}
	return nil
}
