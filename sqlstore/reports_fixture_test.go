package sqlstore

import (
	"context"
	"testing"
	"time"

	"github.com/parasat-kz/parasat"
)

// reportFixture is a small world whose figures are counted by hand in
// reports_test.go. The clock is fixedNow (15 March 2026).
//
//	organisations: astana (assembly, KZ-71) ⊃ assoc (KZ-71) ⊃ youth (KZ-71); mothers (KZ-75), alone
//	people:        the Sadykovs (household, large family since 1 Jan 2026): p1, p2, p3
//	               p4 (KZ-71): veteran; pensioner until 15 Feb 2026; served by youth
//	               p5 (KZ-75): disability; served by mothers
//	               p6 (KZ-71): no household, no category
//	events:        e1 10 Jan, astana with mothers, KZ-71, reported; shift: v1 2 h, v2 3 h, v3 1 h
//	               e2 20 Feb, youth, KZ-71, held, occasion charity_day; shift: v1 1.5 h
//	               e3 1 Mar, mothers, KZ-75, reported without shifts: 7 volunteers, 10 h
//	               e4 14 Mar assoc planned; e5 12 Feb assoc cancelled; e6 31 Dec 2025, astana, held
//	aid:           a1 e1 astana → p1, goods 1 000 ₸            10 Jan
//	               a2 e1 astana → the Sadykovs, goods 3 000 ₸  10 Jan
//	               a3 e2 youth → p4, service 5 000 ₸           20 Feb
//	               a4 e2 youth → 10 anonymous, care 0          20 Feb
//	               a5 assoc → p4, development 2 000 ₸          5 Mar
//	               a6 e3 mothers → p5, money 500 ₸             1 Mar
//	               a7 e6 astana → p6, goods 700 ₸              31 Dec 2025
//	               a8 astana → p6, money 400 ₸                 2 Jan
//	gifts:         patron 1: 10 000 ₸ to astana 15 Jan, 5 000 ₸ 1 Feb; 9 ₸ on 20 Dec 2025
//	               anonymous: 2 000 ₸ to mothers 2 Mar
//	               patron 2: 3 000 ₸ to assoc 20 Jan, reversed
type reportFixture struct {
	ctx                           context.Context
	astana, assoc, youth, mothers int64
	household                     int64
	p1, p2, p3, p4, p5, p6        int64
	e1, e2, e3, e4, e5, e6        int64
	patron1, patron2, v1, v2, v3  int64
}

func newReportFixture(t *testing.T, db *DB) *reportFixture {
	t.Helper()
	f := &reportFixture{ctx: parasat.WithActor(context.Background(), parasat.Actor{Address: "192.0.2.8"})}
	f.orgs(t, db)
	f.people(t, db)
	f.events(t, db)
	f.shifts(t, db)
	f.gifts(t, db)
	return f
}

func (f *reportFixture) orgs(t *testing.T, db *DB) {
	t.Helper()
	create := func(name string, typ parasat.OrganisationType, region string, parent int64) int64 {
		o := &parasat.Organisation{Name: parasat.Names{KK: name}, Type: typ, Region: region}
		if parent != 0 {
			o.ParentID = &parent
		}
		must(t, db.CreateOrganisation(f.ctx, o))
		return o.ID
	}
	f.astana = create("Астана Ассамблеясы", parasat.OrgAssembly, "KZ-71", 0)
	f.assoc = create("Атамекен", parasat.OrgEthnoCultural, "KZ-71", f.astana)
	f.youth = create("Атамекен жастары", parasat.OrgYouthWing, "KZ-71", f.assoc)
	f.mothers = create("Алматы аналар кеңесі", parasat.OrgMothersCouncil, "KZ-75", 0)
}

func (f *reportFixture) people(t *testing.T, db *DB) {
	t.Helper()
	hh := &parasat.Household{Name: "Садықовтар", Region: "KZ-71", Categories: []parasat.CategoryAssignment{
		{Category: parasat.CategoryLargeFamily, ValidFrom: date(t, "2026-01-01")}}}
	must(t, db.CreateHousehold(f.ctx, hh))
	f.household = hh.ID
	p1 := personBorn("Садықова Айгүл", "1985-04-02", parasat.Female, "KZ-71", 11)
	p2 := personBorn("Садықов Ерлан", "1983-10-10", parasat.Male, "KZ-71", 12)
	p3 := personBorn("Садықов Нұрлан", "2015-06-01", parasat.Male, "KZ-71", 13)
	for _, p := range []*parasat.Beneficiary{p1, p2, p3} {
		p.HouseholdID = &hh.ID
	}
	p4 := personBorn("Жұмабаев Серік", "1950-02-02", parasat.Male, "KZ-71", 14)
	p4.Organisations = []int64{f.youth, f.assoc}
	p4.Categories = []parasat.CategoryAssignment{{Category: parasat.CategoryVeteran},
		{Category: parasat.CategoryPensioner, ValidUntil: date(t, "2026-02-15")}}
	p5 := personBorn("Ли Светлана", "1970-08-08", parasat.Female, "KZ-75", 15)
	p5.Organisations = []int64{f.mothers}
	p5.Categories = []parasat.CategoryAssignment{{Category: parasat.CategoryDisability}}
	p6 := personBorn("Омаров Ержан", "1975-07-07", parasat.Male, "KZ-71", 16)
	must(t, db.CreateBeneficiaries(f.ctx, []*parasat.Beneficiary{p1, p2, p3, p4, p5, p6}))
	f.p1, f.p2, f.p3, f.p4, f.p5, f.p6 = p1.ID, p2.ID, p3.ID, p4.ID, p5.ID, p6.ID
}

// at is a time of day in Kazakhstan (UTC+5).
func at(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04 -0700", s+" +0500")
	if err != nil {
		panic(err)
	}
	return t
}

func (f *reportFixture) event(lead int64, start string, title string, partners ...int64) *parasat.Event {
	s := at(start)
	return &parasat.Event{Title: parasat.Names{KK: title}, Kind: parasat.EventDistribution, Starts: s, Ends: s.Add(4 * time.Hour),
		LeadID: lead, Partners: partners, Published: true}
}

func (f *reportFixture) aid(given string, org int64, kind parasat.AidKind, item string, value int64) *parasat.AidRecord {
	return &parasat.AidRecord{GivenOn: day(given), OrganisationID: org, Kind: kind, Item: item, Quantity: 1, ValueTiyn: value}
}

func toPerson(a *parasat.AidRecord, id int64) *parasat.AidRecord {
	a.Recipient, a.BeneficiaryID = parasat.RecipientBeneficiary, &id
	return a
}

func (f *reportFixture) events(t *testing.T, db *DB) {
	t.Helper()
	e1 := f.event(f.astana, "2026-01-10 11:00", "Азық-түлік себеті", f.mothers)
	household := f.aid("2026-01-10", f.astana, parasat.AidGoods, "food_package", 300_000)
	household.Recipient, household.HouseholdID = parasat.RecipientHousehold, &f.household
	e2 := f.event(f.youth, "2026-02-20 10:00", "Қайырымдылық күні")
	e2.OccasionKey = "charity_day"
	group := f.aid("2026-02-20", f.youth, parasat.AidCare, "concert", 0)
	group.Recipient, group.GroupSize = parasat.RecipientGroup, 10
	e6 := f.event(f.astana, "2025-12-31 10:00", "Жаңа жыл")
	list := []parasat.EventHistory{
		{Event: e1, Report: &parasat.EventReport{Volunteers: 3, VolunteerMinutes: 360},
			Aid: []*parasat.AidRecord{toPerson(f.aid("2026-01-10", f.astana, parasat.AidGoods, "food_package", 100_000), f.p1), household}},
		{Event: e2, Held: true, Aid: []*parasat.AidRecord{
			toPerson(f.aid("2026-02-20", f.youth, parasat.AidServiceKind, "medical_treatment", 500_000), f.p4), group}},
		{Event: f.event(f.mothers, "2026-03-01 10:00", "Ана мен бала"), Report: &parasat.EventReport{Volunteers: 7, VolunteerMinutes: 600},
			Aid: []*parasat.AidRecord{toPerson(f.aid("2026-03-01", f.mothers, parasat.AidMoney, "financial_aid", 50_000), f.p5)}},
		{Event: f.event(f.assoc, "2026-03-14 10:00", "Наурыз")},
		{Event: f.event(f.assoc, "2026-02-12 10:00", "Концерт"), CancelReason: "Зал жабық"},
		{Event: e6, Held: true, Aid: []*parasat.AidRecord{toPerson(f.aid("2025-12-31", f.astana, parasat.AidGoods, "food_package", 70_000), f.p6)}},
	}
	must(t, db.ImportEvents(f.ctx, list))
	f.e1, f.e2, f.e3, f.e4, f.e5, f.e6 = list[0].Event.ID, list[1].Event.ID, list[2].Event.ID, list[3].Event.ID, list[4].Event.ID, list[5].Event.ID
	must(t, db.RecordAid(f.ctx, []*parasat.AidRecord{
		toPerson(f.aid("2026-03-05", f.assoc, parasat.AidDevelopment, "training", 200_000), f.p4),
		toPerson(f.aid("2026-01-02", f.astana, parasat.AidMoney, "financial_aid", 40_000), f.p6),
	}))
}

func (f *reportFixture) shifts(t *testing.T, db *DB) {
	t.Helper()
	var ids []int64
	for i, name := range []string{"Ахметова Дана", "Ким Артём", "Нұрланов Әлихан"} {
		v := adultVolunteer(t, name)
		v.BirthDate = *date(t, "199"+string(rune('1'+i))+"-01-01")
		v.Status = parasat.VolunteerApproved
		must(t, db.CreateVolunteers(f.ctx, []*parasat.Volunteer{v}))
		ids = append(ids, v.ID)
	}
	f.v1, f.v2, f.v3 = ids[0], ids[1], ids[2]
	worked := func(event int64, start string, minutes map[int64]int64) parasat.ShiftHistory {
		s := at(start)
		h := parasat.ShiftHistory{Shift: &parasat.Shift{EventID: event, Role: parasat.Names{KK: "Көмекші"}, Starts: s,
			Ends: s.Add(4 * time.Hour), Capacity: 5}}
		for _, id := range []int64{f.v1, f.v2, f.v3} {
			if m, ok := minutes[id]; ok {
				in, out := s, s.Add(time.Duration(m)*time.Minute)
				h.Signups = append(h.Signups, parasat.SignupHistory{VolunteerID: id, CheckedIn: &in, CheckedOut: &out, ConfirmedMinutes: &m})
			}
		}
		return h
	}
	must(t, db.ImportShifts(f.ctx, []parasat.ShiftHistory{
		worked(f.e1, "2026-01-10 11:00", map[int64]int64{f.v1: 120, f.v2: 180, f.v3: 60}),
		worked(f.e2, "2026-02-20 10:00", map[int64]int64{f.v1: 90}),
	}))
}

func (f *reportFixture) gifts(t *testing.T, db *DB) {
	t.Helper()
	p1, p2 := company("ТОО «Береке»", "190440000010"), company("ТОО «Жомарт»", "190440000020")
	must(t, db.CreatePatron(f.ctx, p1))
	must(t, db.CreatePatron(f.ctx, p2))
	f.patron1, f.patron2 = p1.ID, p2.ID
	gift := func(patron *int64, amount int64, received string, org int64) *parasat.Donation {
		d := &parasat.Donation{Donor: parasat.Donor{Kind: parasat.DonorAnonymous}, Amount: amount, ReceivedOn: day(received),
			Channel: parasat.ChannelBankTransfer, Reference: "ПП-" + received, Designation: general(org)}
		if patron != nil {
			d.Donor = parasat.Donor{Kind: parasat.DonorPatron, PatronID: patron}
		}
		must(t, db.RecordDonation(f.ctx, d))
		return d
	}
	gift(&f.patron1, 1_000_000, "2026-01-15", f.astana)
	gift(&f.patron1, 500_000, "2026-02-01", f.astana)
	gift(&f.patron1, 900, "2025-12-20", f.astana)
	gift(nil, 200_000, "2026-03-02", f.mothers)
	reversed := gift(&f.patron2, 300_000, "2026-01-20", f.assoc)
	_, err := db.ReverseDonation(f.ctx, reversed.ID, &parasat.Reversal{Reason: "Қате енгізілді"})
	must(t, err)
}
