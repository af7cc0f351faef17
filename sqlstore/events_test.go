package sqlstore

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/parasat-kz/parasat"
)

// eventFixture is a small world for the events tests: the capital's
// Assembly, two associations (lead and partner), a family, two people and
// a patron.
type eventFixture struct {
	assembly, lead, partner, other int64
	patron                         int64
	served, partners, stranger     *parasat.Beneficiary // served by the lead, by the partner, by nobody
	household                      *parasat.Household   // the served person's family, with one more member
	ctx                            context.Context
}

func newEventFixture(t *testing.T, db *DB) *eventFixture {
	t.Helper()
	ctx := parasat.WithActor(context.Background(), parasat.Actor{Address: "192.0.2.7"})
	f := &eventFixture{ctx: ctx}
	assembly := &parasat.Organisation{Name: parasat.Names{KK: "Астана Ассамблеясы"}, Type: parasat.OrgAssembly, Region: "KZ-71",
		Contacts: parasat.Contacts{Address: "Достық үйі, 101"}}
	if err := db.CreateOrganisation(ctx, assembly); err != nil {
		t.Fatal(err)
	}
	lead := newOrg("Атамекен")
	lead.Contacts.Address = "Достық үйі, 201"
	if err := db.CreateOrganisation(ctx, lead); err != nil {
		t.Fatal(err)
	}
	orgs := createOrgs(t, db, "Аналар кеңесі", "Алматы жастары")
	f.assembly, f.lead, f.partner, f.other = assembly.ID, lead.ID, orgs[0], orgs[1]
	p := company("ТОО «Береке»", "190440000010")
	if err := db.CreatePatron(ctx, p); err != nil {
		t.Fatal(err)
	}
	f.patron = p.ID
	f.household = &parasat.Household{Name: "Сейітовтер отбасы", Region: "KZ-71"}
	if err := db.CreateHousehold(ctx, f.household); err != nil {
		t.Fatal(err)
	}
	f.served = personBorn("Сейітова Айгерім", "1980-03-05", parasat.Female, "KZ-71", 1)
	f.served.Organisations, f.served.HouseholdID = []int64{f.lead}, &f.household.ID
	child := personBorn("Сейітов Алихан", "2012-09-01", parasat.Male, "KZ-71", 2)
	child.HouseholdID = &f.household.ID
	f.partners = personBorn("Ким Ольга", "1950-01-20", parasat.Female, "KZ-71", 3)
	f.partners.Organisations = []int64{f.partner}
	f.stranger = personBorn("Омаров Ержан", "1975-07-07", parasat.Male, "KZ-75", 4)
	if err := db.CreateBeneficiaries(ctx, []*parasat.Beneficiary{f.served, child, f.partners, f.stranger}); err != nil {
		t.Fatal(err)
	}
	return f
}

// event is a planned concert of the fixture, yesterday.
func (f *eventFixture) event() *parasat.Event {
	start := fixedNow.Add(-26 * time.Hour)
	return &parasat.Event{Title: parasat.Names{KK: "Наурыз мерекесі", RU: "Праздник Наурыз"}, Kind: parasat.EventConcertVisit,
		Starts: start, Ends: start.Add(3 * time.Hour), LeadID: f.lead, Partners: []int64{f.partner, f.lead},
		Patrons: []int64{f.patron}, TargetGroups: []parasat.Category{parasat.CategoryLargeFamily, parasat.CategoryVeteran},
		PlannedBudget: 50_000_000, OccasionKey: "nauryz"}
}

func id(n int64) *int64 { return &n }

func aidTo(person int64, event *int64, kind parasat.AidKind, item string, tiyn int64) *parasat.AidRecord {
	return &parasat.AidRecord{GivenOn: parasat.DayInKazakhstan(fixedNow), EventID: event, Recipient: parasat.RecipientBeneficiary,
		BeneficiaryID: id(person), Kind: kind, Item: item, ValueTiyn: tiyn}
}

func TestEventCreateReadUpdateIsAudited(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		f := newEventFixture(t, db)
		e := f.event()
		if err := db.CreateEvent(f.ctx, e); err != nil {
			t.Fatal(err)
		}
		got, err := db.Event(f.ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		// The place defaults to the lead's office; the lead is not its own partner.
		if got.Address != "Достық үйі, 201" || got.Region != "KZ-71" || !slices.Equal(got.Partners, []int64{f.partner}) ||
			!slices.Equal(got.Patrons, []int64{f.patron}) || len(got.TargetGroups) != 2 || got.Status != parasat.EventPlanned ||
			got.PlannedBudget != 50_000_000 || got.OccasionKey != "nauryz" || !got.Starts.Equal(e.Starts) || got.Published {
			t.Errorf("read back %+v", got)
		}
		got.Published, got.Title.EN, got.Partners = true, "Nauryz celebration", nil
		if err := db.UpdateEvent(f.ctx, got); err != nil {
			t.Fatal(err)
		}
		again, _ := db.Event(f.ctx, e.ID)
		if !again.Published || again.Title.EN != "Nauryz celebration" || len(again.Partners) != 0 || again.Status != parasat.EventPlanned {
			t.Errorf("after update %+v", again)
		}
		rows := auditRows(t, db, "event", strconv.FormatInt(e.ID, 10))
		if len(rows) != 2 || rows[0].action != "create" || !strings.Contains(rows[1].after, `"published":true`) {
			t.Errorf("audit %+v", rows)
		}
		list, err := db.ListEvents(f.ctx, parasat.EventFilter{PublishedOnly: true})
		if err != nil || len(list) != 1 || list[0].ID != e.ID {
			t.Errorf("published list %v, %v", list, err)
		}
		if list, _ := db.ListEvents(f.ctx, parasat.EventFilter{Visibility: parasat.Visibility{OrganisationIn: []int64{f.other}}}); len(list) != 0 {
			t.Errorf("another organisation's manager sees %d events", len(list))
		}
		if list, _ := db.ListEvents(f.ctx, parasat.EventFilter{Visibility: parasat.Visibility{RegionIn: []string{"KZ-71"}}, Query: "наурыз"}); len(list) != 1 {
			t.Errorf("search by title found %d events", len(list))
		}
	})
}

func TestEventBadInputChangesNothing(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		f := newEventFixture(t, db)
		for _, c := range []struct {
			name   string
			change func(e *parasat.Event)
			want   string
		}{
			{"ends before it starts", func(e *parasat.Event) { e.Ends = e.Starts.Add(-time.Hour) }, "ends_at:event.ends_before_start"},
			{"no title", func(e *parasat.Event) { e.Title = parasat.Names{} }, "title:event.title_required"},
			{"unknown kind", func(e *parasat.Event) { e.Kind = "party" }, "kind:event.kind"},
			{"negative budget", func(e *parasat.Event) { e.PlannedBudget = -1 }, "planned_budget_tiyn:amount.negative"},
			{"absurd budget", func(e *parasat.Event) { e.PlannedBudget = parasat.MaxAmount + 1 }, "planned_budget_tiyn:amount.absurd"},
			{"unknown partner", func(e *parasat.Event) { e.Partners = []int64{9999} }, "partner_organisations:organisation.unknown"},
			{"unknown patron", func(e *parasat.Event) { e.Patrons = []int64{9999} }, "patrons:patron.unknown"},
			{"bad occasion", func(e *parasat.Event) { e.OccasionKey = "Наурыз!" }, "occasion_key:event.occasion_key"},
		} {
			e := f.event()
			c.change(e)
			err := db.CreateEvent(f.ctx, e)
			if parasat.ErrorCode(err) != parasat.EInvalid || fieldOf(err) != c.want {
				t.Errorf("%s: %v; want %s", c.name, err, c.want)
			}
		}
		if n := rowCount(t, db, "SELECT COUNT(*) FROM events"); n != 0 {
			t.Errorf("%d events stored from bad input", n)
		}
	})
}

func TestEventLifeAndResults(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		f := newEventFixture(t, db)
		future := f.event()
		future.Starts, future.Ends = fixedNow.Add(48*time.Hour), fixedNow.Add(50*time.Hour)
		e := f.event()
		for _, ev := range []*parasat.Event{future, e} {
			if err := db.CreateEvent(f.ctx, ev); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := db.HoldEvent(f.ctx, future.ID); fieldOf(err) != "status:event.not_started" {
			t.Errorf("holding an event that has not started: %v", err)
		}
		if _, err := db.ReportEvent(f.ctx, e.ID, parasat.EventReport{Volunteers: 3, VolunteerMinutes: 360}); fieldOf(err) != "status:event.not_held" {
			t.Errorf("reporting a planned event: %v", err)
		}
		held, err := db.HoldEvent(f.ctx, e.ID)
		if err != nil || held.Status != parasat.EventHeld || held.HeldAt == nil || !held.HeldAt.Equal(fixedNow) {
			t.Fatalf("hold: %+v, %v", held, err)
		}
		if _, err := db.ReportEvent(f.ctx, e.ID, parasat.EventReport{Volunteers: 3, VolunteerMinutes: 360}); fieldOf(err) != "aid:event.no_results" {
			t.Errorf("reporting without results: %v", err)
		}
		if got, _ := db.Event(f.ctx, e.ID); got.Status != parasat.EventHeld || got.Volunteers != nil {
			t.Errorf("a refused report changed the event: %+v", got)
		}
		// The family by household, one person by name (also in the family:
		// counted once), a partner's person (the store picks the partner as
		// giver) and an anonymous group of 40.
		aid := []*parasat.AidRecord{
			{GivenOn: parasat.DayInKazakhstan(fixedNow), EventID: &e.ID, Recipient: parasat.RecipientHousehold, HouseholdID: &f.household.ID,
				Kind: parasat.AidGoods, Item: "food_package", Quantity: 2, ValueTiyn: 2_500_000},
			aidTo(f.served.ID, &e.ID, parasat.AidCare, "concert", 0),
			aidTo(f.partners.ID, &e.ID, parasat.AidMoney, "", 3_000_000),
			{GivenOn: parasat.DayInKazakhstan(fixedNow), EventID: &e.ID, Recipient: parasat.RecipientGroup, GroupSize: 40,
				Kind: parasat.AidCare, Item: "concert"},
		}
		if err := db.RecordAid(f.ctx, aid); err != nil {
			t.Fatal(err)
		}
		if aid[2].OrganisationID != f.partner || aid[0].OrganisationID != f.lead || aid[3].Region != "KZ-71" {
			t.Errorf("givers %d, %d; region %q", aid[0].OrganisationID, aid[2].OrganisationID, aid[3].Region)
		}
		r, err := db.EventResults(f.ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if r.PeopleNamed != 3 || r.PeopleAnonymous != 40 || r.Households != 1 || r.AidRecords != 4 || r.ValueTiyn != 5_500_000 ||
			r.ValueByKind[parasat.AidMoney] != 3_000_000 || !slices.Equal(r.Missing(), []string{"volunteers"}) {
			t.Errorf("results %+v", r)
		}
		if _, err := db.ReportEvent(f.ctx, e.ID, parasat.EventReport{Volunteers: 2, VolunteerMinutes: 7 * 24 * 60}); fieldOf(err) != "volunteer_minutes:event.hours_absurd" {
			t.Errorf("absurd hours: %v", err)
		}
		reported, err := db.ReportEvent(f.ctx, e.ID, parasat.EventReport{Volunteers: 3, VolunteerMinutes: 540})
		if err != nil || reported.Status != parasat.EventReported || *reported.Volunteers != 3 || *reported.VolunteerMinutes != 540 {
			t.Fatalf("report: %+v, %v", reported, err)
		}
		if err := db.RecordAid(f.ctx, []*parasat.AidRecord{aidTo(f.served.ID, &e.ID, parasat.AidMoney, "", 100)}); fieldOf(err) != "0.event_id:aid.event_reported" {
			t.Errorf("aid at a reported event: %v", err)
		}
		if err := db.DeleteAidRecord(f.ctx, aid[0].ID); fieldOf(err) != "event_id:aid.event_reported" {
			t.Errorf("deleting aid of a reported event: %v", err)
		}
		if _, err := db.CancelEvent(f.ctx, e.ID, "буран"); fieldOf(err) != "status:event.is_reported" {
			t.Errorf("cancelling a reported event: %v", err)
		}
		if _, err := db.CancelEvent(f.ctx, future.ID, " "); fieldOf(err) != "cancel_reason:event.cancel_reason" {
			t.Errorf("cancelling without a reason: %v", err)
		}
		cancelled, err := db.CancelEvent(f.ctx, future.ID, "Боран: жол жабық")
		if err != nil || cancelled.CancelReason != "Боран: жол жабық" || cancelled.CancelledAt == nil {
			t.Fatalf("cancel: %+v, %v", cancelled, err)
		}
		if _, err := db.ReportEvent(f.ctx, future.ID, parasat.EventReport{}); fieldOf(err) != "status:event.is_cancelled" {
			t.Errorf("reporting a cancelled event: %v", err)
		}
		if n := len(auditRows(t, db, "aid_record", strconv.FormatInt(aid[3].ID, 10))); n != 1 {
			t.Errorf("%d audit rows of an aid record", n)
		}
	})
}

func TestAidBadInputChangesNothing(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		f := newEventFixture(t, db)
		e := f.event()
		if err := db.CreateEvent(f.ctx, e); err != nil {
			t.Fatal(err)
		}
		today := parasat.DayInKazakhstan(fixedNow)
		for _, c := range []struct {
			name string
			aid  *parasat.AidRecord
			want string
		}{
			{"negative value", &parasat.AidRecord{GivenOn: today, OrganisationID: f.lead, Recipient: parasat.RecipientBeneficiary,
				BeneficiaryID: &f.served.ID, Kind: parasat.AidMoney, ValueTiyn: -100}, "0.value_tiyn:amount.negative"},
			{"absurd value", &parasat.AidRecord{GivenOn: today, OrganisationID: f.lead, Recipient: parasat.RecipientBeneficiary,
				BeneficiaryID: &f.served.ID, Kind: parasat.AidMoney, ValueTiyn: 1_000_000_000_000_00}, "0.value_tiyn:amount.absurd"},
			{"money worth nothing", &parasat.AidRecord{GivenOn: today, OrganisationID: f.lead, Recipient: parasat.RecipientBeneficiary,
				BeneficiaryID: &f.served.ID, Kind: parasat.AidMoney}, "0.value_tiyn:aid.value_required"},
			{"empty group", &parasat.AidRecord{GivenOn: today, OrganisationID: f.lead, Recipient: parasat.RecipientGroup,
				Kind: parasat.AidCare, Item: "concert"}, "0.group_size:aid.group_empty"},
			{"in the future", &parasat.AidRecord{GivenOn: parasat.Date{Time: today.AddDate(0, 0, 1)}, OrganisationID: f.lead,
				Recipient: parasat.RecipientGroup, GroupSize: 5, Kind: parasat.AidCare, Item: "visit"}, "0.given_on:aid.future"},
			{"not served", &parasat.AidRecord{GivenOn: today, OrganisationID: f.lead, Recipient: parasat.RecipientBeneficiary,
				BeneficiaryID: &f.stranger.ID, Kind: parasat.AidGoods, Item: "clothes", ValueTiyn: 100}, "0.beneficiary_id:aid.not_served"},
			{"served by nobody of the event", aidTo(f.stranger.ID, &e.ID, parasat.AidGoods, "clothes", 100), "0.beneficiary_id:aid.not_served"},
			{"assembly outside its region", &parasat.AidRecord{GivenOn: today, OrganisationID: f.assembly, Recipient: parasat.RecipientBeneficiary,
				BeneficiaryID: &f.stranger.ID, Kind: parasat.AidGoods, Item: "clothes", ValueTiyn: 100}, "0.beneficiary_id:aid.not_served"},
			{"giver not at the event", &parasat.AidRecord{GivenOn: today, EventID: &e.ID, OrganisationID: f.other,
				Recipient: parasat.RecipientGroup, GroupSize: 3, Kind: parasat.AidCare, Item: "visit"}, "0.organisation_id:aid.not_event_organisation"},
			{"before the event", &parasat.AidRecord{GivenOn: parasat.Date{Time: today.AddDate(0, 0, -5)}, EventID: &e.ID,
				Recipient: parasat.RecipientGroup, GroupSize: 3, Kind: parasat.AidCare, Item: "visit"}, "0.given_on:aid.before_event"},
			{"wrong item", &parasat.AidRecord{GivenOn: today, OrganisationID: f.lead, Recipient: parasat.RecipientGroup, GroupSize: 3,
				Kind: parasat.AidGoods, Item: "concert", ValueTiyn: 100}, "0.item:aid.item"},
		} {
			if err := db.RecordAid(f.ctx, []*parasat.AidRecord{c.aid}); fieldOf(err) != c.want {
				t.Errorf("%s: %v; want %s", c.name, err, c.want)
			}
		}
		// A batch with one bad record stores none of the good ones.
		batch := []*parasat.AidRecord{aidTo(f.served.ID, &e.ID, parasat.AidCare, "concert", 0),
			aidTo(f.partners.ID, &e.ID, parasat.AidCare, "concert", 0), aidTo(f.stranger.ID, &e.ID, parasat.AidCare, "concert", 0)}
		if err := db.RecordAid(f.ctx, batch); fieldOf(err) != "2.beneficiary_id:aid.not_served" {
			t.Errorf("batch: %v", err)
		}
		twice := []*parasat.AidRecord{aidTo(f.served.ID, &e.ID, parasat.AidCare, "concert", 0), aidTo(f.served.ID, &e.ID, parasat.AidCare, "concert", 0)}
		if err := db.RecordAid(f.ctx, twice); fieldOf(err) != "1.beneficiary_id:aid.duplicate" {
			t.Errorf("the same person twice: %v", err)
		}
		if n := rowCount(t, db, "SELECT COUNT(*) FROM aid_records"); n != 0 {
			t.Errorf("%d aid records stored from bad input", n)
		}
		if n := rowCount(t, db, "SELECT COUNT(*) FROM audit_log WHERE entity = 'aid_record'"); n != 0 {
			t.Errorf("%d audit rows of refused aid", n)
		}
		// The Assembly helps anyone of its region; anybody helps an anonymous group.
		ok := []*parasat.AidRecord{
			{GivenOn: today, OrganisationID: f.assembly, Recipient: parasat.RecipientBeneficiary, BeneficiaryID: &f.partners.ID,
				Kind: parasat.AidDevelopment, Item: "training", ValueTiyn: 4_000_000},
			{GivenOn: today, OrganisationID: f.other, Recipient: parasat.RecipientGroup, GroupSize: 12, Kind: parasat.AidCare, Item: "visit"}}
		if err := db.RecordAid(f.ctx, ok); err != nil {
			t.Fatal(err)
		}
		list, err := db.ListAid(f.ctx, parasat.AidFilter{Visibility: parasat.Visibility{OrganisationIn: []int64{f.other}}})
		if err != nil || len(list) != 1 || list[0].GroupSize != 12 || list[0].Region != "KZ-71" || list[0].GivenOn != today {
			t.Errorf("aid of one organisation: %+v, %v", list, err)
		}
	})
}

func TestImportEventsIsAllOrNothing(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		f := newEventFixture(t, db)
		good, bad := f.event(), f.event()
		day := parasat.DayInKazakhstan(good.Starts)
		history := []parasat.EventHistory{
			{Event: good, Report: &parasat.EventReport{Volunteers: 5, VolunteerMinutes: 600}, Aid: []*parasat.AidRecord{
				{GivenOn: day, Recipient: parasat.RecipientGroup, GroupSize: 30, Kind: parasat.AidCare, Item: "concert"}}},
			{Event: bad, Report: &parasat.EventReport{Volunteers: 1}}, // no aid: cannot be reported
		}
		if err := db.ImportEvents(f.ctx, history); fieldOf(err) != "1.aid:event.no_results" {
			t.Errorf("import: %v", err)
		}
		if n := rowCount(t, db, "SELECT COUNT(*) FROM events"); n != 0 {
			t.Errorf("%d events left by a failed import", n)
		}
		good, bad = f.event(), f.event()
		history[0].Event, history[1] = good, parasat.EventHistory{Event: bad, CancelReason: "Боран"}
		history[0].Aid[0].ID, history[0].Aid[0].EventID = 0, nil
		if err := db.ImportEvents(f.ctx, history); err != nil {
			t.Fatal(err)
		}
		if g, _ := db.Event(f.ctx, good.ID); g.Status != parasat.EventReported || *g.Volunteers != 5 {
			t.Errorf("imported %+v", g)
		}
		if b, _ := db.Event(f.ctx, bad.ID); b.Status != parasat.EventCancelled {
			t.Errorf("imported %+v", b)
		}
	})
}
