package http

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
)

// resultsWorld is a small year whose figures are counted by hand, for the
// tests of the results page, the front page and the dashboards (on top of
// the route fixture: f.org in KZ-71 managed by the manager, f.other in
// KZ-75).
//
//	this year (events held today, hours on a shift that ended an hour ago):
//	  A  KZ-71, f.org: 12 people anonymous, goods 600 000 ₸; one veteran, service 100 000 ₸
//	     shift: the volunteer, 150 minutes confirmed; the patron supports it
//	  B  KZ-75, f.other: two people, goods 50 000 ₸ each; the patron supports it
//	  C  KZ-35, karaganda: 7 people anonymous, goods 70 000 ₸
//	  the patron gives 1 000 000 ₸ to f.org's general fund
//	     → 3 events, 22 people, 870 000 ₸; KZ-71 13 people, KZ-75 2, KZ-35 7
//	the same day last year:
//	  L  KZ-71, f.org: 3 people anonymous, care; shift: the volunteer, 60 minutes
//	  the patron gives 300 000 ₸ to f.org's general fund
//	tomorrow: a planned event with a shift the volunteer signed up for
type resultsWorld struct {
	f                *roleFixture
	karaganda        parasat.Organisation
	a, b, c, l, next *parasat.Event
	volunteer        *parasat.Volunteer
	patron           *parasat.Patron
}

// atDay is 10:00 in Kazakhstan on day d.
func atDay(d parasat.Date) time.Time {
	return time.Date(d.Year(), d.Month(), d.Day(), 10, 0, 0, 0, i18n.Zone())
}

func newResultsWorld(t *testing.T, e *env) *resultsWorld {
	t.Helper()
	ctx := context.Background()
	w := &resultsWorld{f: newRoleFixture(t, e)}
	w.karaganda = e.createOrg(orgBody("Қарағанды неміс орталығы", "Karaganda German centre", "KZ-35"))
	// Event A ended an hour ago, so that its shift's hours may be
	// confirmed; in the first five hours of a quarter it would fall in the
	// quarter before, and the figures of "this quarter" would differ.
	start := time.Now().Add(-5 * time.Hour).Truncate(time.Minute)
	todayKZ := today()
	if parasat.QuarterKey(parasat.DayInKazakhstan(start)) != parasat.QuarterKey(todayKZ) {
		t.Skip("the first hours of a quarter: event A would fall in the quarter before")
	}
	lastYear := parasat.YearToDate(todayKZ).SameLastYear().To
	event := func(title string, lead int64, start time.Time) *parasat.Event {
		return &parasat.Event{Title: parasat.Names{KK: title, EN: title}, Kind: parasat.EventDistribution, Starts: start,
			Ends: start.Add(4 * time.Hour), LeadID: lead, Published: true}
	}
	w.a, w.b, w.c = event("Food baskets A", w.f.org.ID, start), event("Food baskets B", w.f.other.ID, start),
		event("Food baskets C", w.karaganda.ID, start)
	w.l = event("Last year's concert L", w.f.org.ID, atDay(lastYear))
	w.volunteer, w.patron = w.people(t, e)
	w.a.Patrons, w.b.Patrons = []int64{w.patron.ID}, []int64{w.patron.ID}
	veteran, _ := servedPerson(t, e, "Жұмабаев Серік", 301, w.f.org.ID)
	p2, p3 := personIn(t, e, "Ли Светлана", 302, "KZ-75", w.f.other.ID), personIn(t, e, "Ким Ольга", 303, "KZ-75", w.f.other.ID)
	day := parasat.DayInKazakhstan(start)
	list := []parasat.EventHistory{
		{Event: w.a, Held: true, Aid: []*parasat.AidRecord{groupAid(day, 12, parasat.AidGoods, "food_package", 60_000_000),
			personAid(day, veteran, parasat.AidServiceKind, "medical_treatment", 10_000_000)}},
		{Event: w.b, Held: true, Aid: []*parasat.AidRecord{personAid(day, p2, parasat.AidGoods, "food_package", 5_000_000),
			personAid(day, p3, parasat.AidGoods, "food_package", 5_000_000)}},
		{Event: w.c, Held: true, Aid: []*parasat.AidRecord{groupAid(day, 7, parasat.AidGoods, "food_package", 7_000_000)}},
		{Event: w.l, Held: true, Aid: []*parasat.AidRecord{groupAid(lastYear, 3, parasat.AidCare, "concert", 0)}},
	}
	if err := e.db.ImportEvents(ctx, list); err != nil {
		t.Fatal(err)
	}
	worked := func(ev *parasat.Event, minutes int64) parasat.ShiftHistory {
		in, out := ev.Starts, ev.Starts.Add(time.Duration(minutes)*time.Minute)
		return parasat.ShiftHistory{Shift: &parasat.Shift{EventID: ev.ID, Role: parasat.Names{KK: "Көмекші", EN: "Helper"},
			Starts: ev.Starts, Ends: ev.Starts.Add(3 * time.Hour), Capacity: 3},
			Signups: []parasat.SignupHistory{{VolunteerID: w.volunteer.ID, CheckedIn: &in, CheckedOut: &out, ConfirmedMinutes: &minutes}}}
	}
	if err := e.db.ImportShifts(ctx, []parasat.ShiftHistory{worked(w.a, 150), worked(w.l, 60)}); err != nil {
		t.Fatal(err)
	}
	w.gift(t, e, 100_000_000, todayKZ)
	w.gift(t, e, 30_000_000, lastYear)
	w.comingShift(t, e)
	return w
}

// people links a volunteer's and a patron's record to the accounts of the
// route fixture.
func (w *resultsWorld) people(t *testing.T, e *env) (*parasat.Volunteer, *parasat.Patron) {
	t.Helper()
	ctx := context.Background()
	consent := today()
	v := &parasat.Volunteer{FullName: "Нұрланов Әлихан", BirthDate: mustDate(t, "1995-04-12"), Region: "KZ-71",
		Email: "volunteer@example.kz", Consent: parasat.Consent{GivenOn: &consent, Scope: "еріктілер ауысымдары"},
		Status: parasat.VolunteerApproved, UserID: &w.f.users[volunteer].ID, Organisations: []int64{w.f.org.ID}}
	if err := e.db.CreateVolunteers(ctx, []*parasat.Volunteer{v}); err != nil {
		t.Fatal(err)
	}
	p := &parasat.Patron{Kind: parasat.PatronPerson, Name: "Сапарова Гүлнар", Region: "KZ-71",
		SupportedOrganisations: []int64{w.f.org.ID}, UserID: &w.f.users[patron].ID}
	if err := e.db.CreatePatron(ctx, p); err != nil {
		t.Fatal(err)
	}
	return v, p
}

func (w *resultsWorld) gift(t *testing.T, e *env, tiyn int64, on parasat.Date) {
	t.Helper()
	d := &parasat.Donation{Donor: parasat.Donor{Kind: parasat.DonorPatron, PatronID: &w.patron.ID}, Amount: tiyn,
		ReceivedOn: on, Channel: parasat.ChannelCash, Designation: parasat.Designation{Kind: parasat.DesignateGeneral, ID: w.f.org.ID}}
	if err := e.db.RecordDonation(context.Background(), d); err != nil {
		t.Fatal(err)
	}
}

// comingShift is tomorrow's planned event with a shift the volunteer holds.
func (w *resultsWorld) comingShift(t *testing.T, e *env) {
	t.Helper()
	ctx := context.Background()
	start := time.Now().Add(24 * time.Hour).Truncate(time.Minute)
	w.next = &parasat.Event{Title: parasat.Names{KK: "Ертеңгі концерт", EN: "Tomorrow's concert"}, Kind: parasat.EventConcertVisit,
		Starts: start, Ends: start.Add(3 * time.Hour), LeadID: w.f.org.ID, Published: true}
	if err := e.db.CreateEvent(ctx, w.next); err != nil {
		t.Fatal(err)
	}
	sh := &parasat.Shift{EventID: w.next.ID, Role: parasat.Names{KK: "Қонақтарды қарсы алу", EN: "Welcoming guests"},
		Starts: start, Ends: start.Add(2 * time.Hour), Capacity: 2}
	if err := e.db.CreateShift(ctx, sh); err != nil {
		t.Fatal(err)
	}
	if _, err := e.db.SignUp(ctx, sh.ID, w.volunteer.ID); err != nil {
		t.Fatal(err)
	}
}

func groupAid(day parasat.Date, n int, kind parasat.AidKind, item string, tiyn int64) *parasat.AidRecord {
	return &parasat.AidRecord{GivenOn: day, Recipient: parasat.RecipientGroup, GroupSize: n, Kind: kind, Item: item,
		Quantity: 1, ValueTiyn: tiyn}
}

func personAid(day parasat.Date, id int64, kind parasat.AidKind, item string, tiyn int64) *parasat.AidRecord {
	return &parasat.AidRecord{GivenOn: day, Recipient: parasat.RecipientBeneficiary, BeneficiaryID: &id, Kind: kind,
		Item: item, Quantity: 1, ValueTiyn: tiyn}
}

// personIn registers a veteran of region served by org.
func personIn(t *testing.T, e *env, name string, serial int, region string, org int64) int64 {
	t.Helper()
	b := &parasat.Beneficiary{FullName: name, IIN: validIIN("400509", 4, serial), BirthDate: mustDate(t, "1940-05-09"),
		Sex: parasat.Female, Region: region, Organisations: []int64{org},
		Categories: []parasat.CategoryAssignment{{Category: parasat.CategoryVeteran}}}
	if err := e.db.CreateBeneficiary(context.Background(), b); err != nil {
		t.Fatal(err)
	}
	return b.ID
}

func mustDate(t *testing.T, s string) parasat.Date {
	t.Helper()
	d, err := parasat.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// card is the value a figure's card shows on a page.
func cardValue(page string, fig parasat.Figure) string {
	m := regexp.MustCompile(`data-figure="` + string(fig) + `"><strong>([^<]*)</strong>`).FindStringSubmatch(page)
	if m == nil {
		return "(no card)"
	}
	return m[1]
}

var cellText = regexp.MustCompile(`<td[^>]*>([^<]*)</td>`)

// row is the cells of the table row whose header holds marker (a link's
// address, or a label), as shown.
func tableRow(page, marker string) []string {
	i := strings.Index(page, marker)
	if i < 0 {
		return nil
	}
	end := strings.Index(page[i:], "</tr>")
	if end < 0 {
		return nil
	}
	var out []string
	for _, m := range cellText.FindAllStringSubmatch(page[i:i+end], -1) {
		out = append(out, m[1])
	}
	return out
}

// en formats as the English pages do.
func enLocalizer(e *env) *i18n.Localizer { return e.server.catalog.For(parasat.English) }

func idStr(n int64) string { return strconv.FormatInt(n, 10) }
