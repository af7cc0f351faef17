package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/parasat-kz/parasat"
)

// volunteerGroup is the volunteers of one organisation of dataset (or, with
// no organisation, people of a region who signed up on the public page).
type volunteerGroup struct {
	org          string // key in dataset, "" for none
	region, city string
	count        int
	pool         string // key of otherNames; "kazakh", "russian", or "" for a mix
	youngest     int
	oldest       int
	women        bool // only women: the Council of Mothers
	pending      int  // percent still awaiting approval
}

var volunteerGroups = []volunteerGroup{
	{org: "kazakh", region: "KZ-71", city: "Астана", count: 20, pool: "kazakh", youngest: 16, oldest: 70, pending: 10},
	{org: "russian", region: "KZ-71", city: "Астана", count: 16, pool: "russian", youngest: 16, oldest: 70, pending: 10},
	{org: "uzbek", region: "KZ-71", city: "Астана", count: 12, pool: "uzbek", youngest: 16, oldest: 65, pending: 10},
	{org: "ukrainian", region: "KZ-71", city: "Астана", count: 12, pool: "ukrainian", youngest: 16, oldest: 70, pending: 10},
	{org: "uyghur", region: "KZ-71", city: "Астана", count: 12, pool: "uyghur", youngest: 16, oldest: 65, pending: 10},
	{org: "tatar", region: "KZ-71", city: "Астана", count: 12, pool: "tatar", youngest: 16, oldest: 70, pending: 10},
	{org: "german", region: "KZ-71", city: "Астана", count: 12, pool: "german", youngest: 16, oldest: 70, pending: 10},
	{org: "korean", region: "KZ-71", city: "Астана", count: 12, pool: "korean", youngest: 16, oldest: 65, pending: 10},
	{org: "azerbaijani", region: "KZ-71", city: "Астана", count: 12, pool: "azerbaijani", youngest: 16, oldest: 65, pending: 10},
	{org: "turkish", region: "KZ-71", city: "Астана", count: 12, pool: "turkish", youngest: 16, oldest: 65, pending: 10},
	{org: "dungan", region: "KZ-71", city: "Астана", count: 12, pool: "dungan", youngest: 16, oldest: 65, pending: 10},
	{org: "vainakh", region: "KZ-71", city: "Астана", count: 12, pool: "vainakh", youngest: 16, oldest: 65, pending: 10},
	{org: "polish", region: "KZ-71", city: "Астана", count: 12, pool: "polish", youngest: 16, oldest: 70, pending: 10},
	{org: "jewish", region: "KZ-71", city: "Астана", count: 12, pool: "jewish", youngest: 16, oldest: 70, pending: 10},
	{org: "mothers", region: "KZ-71", city: "Астана", count: 30, youngest: 30, oldest: 62, women: true, pending: 10},
	{org: "youth", region: "KZ-71", city: "Астана", count: 40, youngest: 16, oldest: 29, pending: 15},
	{org: "foundation", region: "KZ-71", city: "Астана", count: 12, youngest: 20, oldest: 65, pending: 10},
	{org: keyAstana, region: "KZ-71", city: "Қосшы", count: 8, youngest: 25, oldest: 65, pending: 0},
	{org: "karaganda-german", region: "KZ-35", city: "Қарағанды", count: 10, pool: "german", youngest: 16, oldest: 70, pending: 10},
	{org: "karaganda-korean", region: "KZ-35", city: "Теміртау", count: 10, pool: "korean", youngest: 16, oldest: 70, pending: 10},
	{org: keyKaraganda, region: "KZ-35", city: "Қарағанды", count: 5, youngest: 25, oldest: 65, pending: 0},
	{region: "KZ-75", city: "Алматы", count: 8, youngest: 16, oldest: 60, pending: 60},
	{region: "KZ-79", city: "Шымкент", count: 6, youngest: 16, oldest: 60, pending: 60},
	{region: "KZ-55", city: "Павлодар", count: 4, youngest: 18, oldest: 60, pending: 60},
}

// astanaAssociations are the keys of the capital's ethno-cultural associations in dataset.
var astanaAssociations = []string{"kazakh", "russian", "uzbek", "ukrainian", "uyghur", "tatar", "german", "korean",
	"azerbaijani", "turkish", "dungan", "vainakh", "polish", "jewish"}

// consentScope is what the demo volunteers agreed to, as the sign-up page says it in Kazakh.
const consentScope = "Еріктілер жұмысын үйлестіру үшін дербес деректерімді өңдеуге келісемін"

// mobileCodes are Kazakhstan's mobile operator codes; the demo numbers use
// the "000" exchange that is not issued, so that no one dials a real person.
var mobileCodes = []int{700, 701, 702, 705, 707, 747, 771, 775, 776, 777, 778}

// volunteerMaker makes fictional volunteers, the same ones for one seed and day.
type volunteerMaker struct {
	rng   *rand.Rand
	today parasat.Date
	seen  map[string]bool // folded name and birth date: never twice
	n     int
}

func (m *volunteerMaker) pick(list []string) string { return list[m.rng.IntN(len(list))] }

func (m *volunteerMaker) chance(percent int) bool { return m.rng.IntN(100) < percent }

func (m *volunteerMaker) phone() string {
	m.n++
	return fmt.Sprintf("+7 %d 000 %02d %02d", mobileCodes[m.rng.IntN(len(mobileCodes))], m.n/100%100, m.n%100)
}

// namePool chooses whose names a volunteer of the group has: the group's
// community, or for mixed groups mostly Kazakh and Russian names.
func (m *volunteerMaker) namePool(g volunteerGroup) (string, namePool) {
	switch key := g.pool; {
	case key == "kazakh":
		return key, kazakhNames
	case key == "russian":
		return key, russianNames
	case key != "":
		return key, otherNames[key]
	}
	switch r := m.rng.IntN(100); {
	case r < 55:
		return "kazakh", kazakhNames
	case r < 80:
		return "russian", russianNames
	}
	keys := []string{"uzbek", "ukrainian", "uyghur", "tatar", "german", "korean", "azerbaijani", "turkish",
		"dungan", "vainakh", "polish", "jewish"}
	key := keys[m.rng.IntN(len(keys))]
	return key, otherNames[key]
}

// person makes a name, a birth date and a day of consent, unique by name and birth date.
func (m *volunteerMaker) person(g volunteerGroup, p namePool, female bool) (first, last string, birth, consent parasat.Date) {
	for {
		first, last = m.pick(p.male), m.pick(p.surnames)
		if female {
			first, last = m.pick(p.female), feminineSurname(last)
		}
		age := g.youngest + m.rng.IntN(g.oldest-g.youngest+1)
		if g.youngest < 18 && m.chance(60) { // most volunteers are young
			age = g.youngest + m.rng.IntN(min(g.oldest, 30)-g.youngest+1)
		}
		consent = parasat.Date{Time: m.today.AddDate(0, 0, -m.rng.IntN(700))}
		// Born between age and age+1 years before the consent: that age when signing up.
		birth = parasat.Date{Time: consent.AddDate(-age, 0, -m.rng.IntN(365))}
		if key := parasat.FoldForSearch(first+" "+last) + birth.String(); !m.seen[key] {
			m.seen[key] = true
			return first, last, birth, consent
		}
	}
}

// volunteer makes one volunteer of the group, who belongs to orgs.
func (m *volunteerMaker) volunteer(g volunteerGroup, orgs []int64) *parasat.Volunteer {
	key, p := m.namePool(g)
	female := g.women || m.chance(50)
	first, last, birth, consent := m.person(g, p, female)
	v := &parasat.Volunteer{FullName: first + " " + last, BirthDate: birth, Region: g.region, City: g.city,
		Phone: m.phone(), Organisations: orgs, Skills: m.skills(), Languages: m.languages(key, birth, consent),
		Consent: parasat.Consent{GivenOn: &consent, Scope: consentScope}, Status: parasat.VolunteerApproved}
	if p.language != "" && m.chance(70) {
		v.OtherLanguages = p.language
	}
	if m.chance(60) {
		v.Email = fmt.Sprintf("%s.%s%d@example.kz", latin(first), latin(last), m.n)
	}
	v.Availability = parasat.Availability{Weekdays: m.chance(40), Evenings: m.chance(50), Weekends: m.chance(70)}
	if v.Availability == (parasat.Availability{}) {
		v.Availability.Weekends = true
	}
	switch {
	case parasat.YearsOld(birth, consent) < parasat.AdultAge:
		parent := m.pick(p.female) + " " + feminineSurname(m.pick(p.surnames))
		v.ParentConsent = &parasat.ParentConsent{Name: parent, Phone: m.phone(), GivenOn: consent}
		v.EmergencyContact = parasat.EmergencyContact{Name: parent, Phone: v.ParentConsent.Phone}
	case m.chance(70):
		v.EmergencyContact = parasat.EmergencyContact{Name: m.pick(p.female) + " " + feminineSurname(m.pick(p.surnames)), Phone: m.phone()}
	}
	switch r := m.rng.IntN(100); {
	case r < g.pending:
		v.Status = parasat.VolunteerPending
	case r < g.pending+4:
		v.Status = parasat.VolunteerRejected
	}
	return v
}

func (m *volunteerMaker) skills() []string {
	var out []string
	for range 1 + m.rng.IntN(3) {
		out = append(out, m.pick(parasat.DefaultSkills))
	}
	return out
}

// languages: everyone speaks Russian or Kazakh, most both; some young people English.
func (m *volunteerMaker) languages(pool string, birth, consent parasat.Date) []parasat.Language {
	out := []parasat.Language{parasat.Russian}
	switch {
	case pool == "kazakh":
		out = []parasat.Language{parasat.Kazakh}
		if m.chance(85) {
			out = append(out, parasat.Russian)
		}
	case pool == "russian" && m.chance(35), pool != "russian" && m.chance(45):
		out = append(out, parasat.Kazakh)
	}
	if parasat.YearsOld(birth, consent) < 35 && m.chance(30) {
		out = append(out, parasat.English)
	}
	return out
}

// makeVolunteers makes the demo's volunteers for the organisations created
// (ids by dataset key), with ages and consents relative to today.
func makeVolunteers(ids map[string]int64, today parasat.Date) ([]*parasat.Volunteer, error) {
	m := &volunteerMaker{rng: rand.New(rand.NewPCG(2019, 425)), today: today, seen: map[string]bool{}}
	var out []*parasat.Volunteer
	for _, g := range volunteerGroups {
		var orgs []int64
		if g.org != "" {
			id, ok := ids[g.org]
			if !ok { // a defect in volunteerGroups, caught by the tests
				return nil, fmt.Errorf("demo: volunteers of %q, which is not in the dataset", g.org)
			}
			orgs = []int64{id}
		}
		for range g.count {
			v := m.volunteer(g, orgs)
			// Some young people of the youth wing are members of an association too.
			if g.org == "youth" && m.chance(25) {
				v.Organisations = append(v.Organisations, ids[m.pick(astanaAssociations)])
			}
			out = append(out, v)
		}
	}
	return out, nil
}

// loadRegisters adds volunteers and patrons, one transaction for each
// register, when the store keeps them too (the sqlstore does; a store of
// organisations alone gets organisations only).
func loadRegisters(ctx context.Context, store parasat.OrganisationService, ids map[string]int64, now time.Time) error {
	today := parasat.DayInKazakhstan(now)
	if vs, ok := store.(parasat.VolunteerService); ok {
		list, err := makeVolunteers(ids, today)
		if err != nil {
			return err
		}
		if err := vs.CreateVolunteers(ctx, list); err != nil {
			return fmt.Errorf("demo: create %d volunteers: %w", len(list), err)
		}
	}
	var companies []int64 // the Club's companies of the capital, who support events
	if ps, ok := store.(parasat.PatronService); ok {
		list := makePatrons(ids)
		if err := ps.CreatePatrons(ctx, list); err != nil {
			return fmt.Errorf("demo: create %d patrons: %w", len(list), err)
		}
		for _, p := range list {
			if p.Kind == parasat.PatronCompany && p.Region == parasat.CapitalCode {
				companies = append(companies, p.ID)
			}
		}
	}
	if people, ok := store.(PeopleStore); ok {
		servedBy := map[string][]int64{
			"KZ-71": {ids["mothers"], ids["kazakh"], ids["russian"], ids["foundation"], ids["youth"], ids["uyghur"]},
			"KZ-35": {ids["karaganda-german"], ids["karaganda-korean"]},
		}
		if err := loadBeneficiaries(ctx, people, servedBy, today.Time); err != nil {
			return fmt.Errorf("demo: people helped: %w", err)
		}
	}
	if events, ok := store.(EventStore); ok {
		if err := loadEvents(ctx, events, ids, companies, now); err != nil {
			return err
		}
	}
	if ms, ok := store.(MoneyStore); ok {
		if err := loadMoney(ctx, ms, ids, today); err != nil {
			return err
		}
	}
	if as, ok := store.(AccountStore); ok {
		if err := loadAccounts(ctx, as, ids); err != nil {
			return err
		}
	}
	return nil
}
