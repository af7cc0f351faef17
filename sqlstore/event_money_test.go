package sqlstore

import (
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/parasat-kz/parasat"
)

// newMoneyEvent plans an event of the money fixture: led by its first
// organisation with the second as partner, held in Almaty (not the lead's
// region, the capital).
func newMoneyEvent(t *testing.T, db *DB, f *moneyFixture) *parasat.Event {
	t.Helper()
	start := fixedNow.Add(48 * time.Hour)
	e := &parasat.Event{Title: parasat.Names{KK: "Мейірім керуені", RU: "Караван милосердия", EN: "Caravan of Mercy"},
		Kind: parasat.EventDistribution, Starts: start, Ends: start.Add(4 * time.Hour), Region: "KZ-75", Address: "Абай даңғылы, 10",
		LeadID: f.org, Partners: []int64{f.other}, PlannedBudget: 100_000_000}
	if err := db.CreateEvent(f.ctx, e); err != nil {
		t.Fatal(err)
	}
	return e
}

func toEvent(id int64) parasat.Designation {
	return parasat.Designation{Kind: parasat.DesignateEvent, ID: id}
}

func TestGiftsToAnEventAreHeldByItsLeadInItsRegion(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		f := newMoneyFixture(t, db)
		e := newMoneyEvent(t, db, f)
		before, err := db.Fund(f.ctx, toEvent(e.ID))
		if err != nil || before.ID != 0 || before.OrganisationID != f.org || before.Region != "KZ-75" || before.Name.EN != "Caravan of Mercy" ||
			!slices.Equal(before.Partners, []int64{f.other}) || before.Balance != 0 {
			t.Fatalf("the fund of an event before its first gift: %+v, %v", before, err)
		}
		named := f.patronGift(60_000_000, toEvent(e.ID))
		person := &parasat.Donation{Donor: parasat.Donor{Kind: parasat.DonorPerson, Name: "Асқар Нұрланұлы", Language: parasat.Kazakh},
			Amount: 15_000_000, ReceivedOn: day("2026-03-12"), Channel: parasat.ChannelKaspi, Reference: "K-77", Designation: toEvent(e.ID)}
		for _, d := range []*parasat.Donation{named, person, anonymousGift(5_000_000, toEvent(e.ID))} {
			if err := db.RecordDonation(f.ctx, d); err != nil {
				t.Fatal(err)
			}
		}
		if named.OrganisationID != f.org || named.Region != "KZ-75" || named.Receipt == nil || named.Receipt.Code() != "2026-000001" ||
			person.Receipt == nil || person.Receipt.Number != 2 {
			t.Errorf("a gift to the event: %+v (receipts %+v, %+v)", named, named.Receipt, person.Receipt)
		}
		got, err := db.Donation(f.ctx, named.ID)
		if err != nil || got.Designation != toEvent(e.ID) || got.Region != "KZ-75" || !slices.Equal(got.Partners, []int64{f.other}) {
			t.Errorf("read back: %+v, %v", got, err)
		}
		if _, err := db.RecordSpending(f.ctx, &parasat.Spending{Fund: toEvent(e.ID), Amount: 30_000_000, OccurredOn: day("2026-03-14"),
			Purpose: parasat.PurposeEventCosts, Memo: "Автобус"}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.RecordSpending(f.ctx, &parasat.Spending{Fund: toEvent(e.ID), Amount: 20_000_000, OccurredOn: day("2026-03-14"),
			Purpose: parasat.PurposeAid, Category: parasat.CategoryLargeFamily}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.RecordTransfer(f.ctx, &parasat.Transfer{From: toEvent(e.ID), To: general(f.org), Amount: 10_000_000,
			OccurredOn: day("2026-03-14"), Memo: "Қалғаны"}); err != nil {
			t.Fatal(err)
		}
		tr, err := db.EventTransparency(f.ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if tr.Scope != "event" || tr.ID != e.ID || tr.Name.RU != "Караван милосердия" || tr.Region != "KZ-75" || tr.Donations != 80_000_000 ||
			tr.Spent != 50_000_000 || tr.TransfersOut != 10_000_000 || tr.Balance != 20_000_000 {
			t.Errorf("the event's account: %+v", tr)
		}
		wantSpending := []parasat.PurposeTotal{{Purpose: parasat.PurposeAid, Category: parasat.CategoryLargeFamily, Amount: 20_000_000},
			{Purpose: parasat.PurposeEventCosts, Amount: 30_000_000}}
		if !slices.Equal(tr.Spending, wantSpending) {
			t.Errorf("spending by purpose: %+v; want %+v", tr.Spending, wantSpending)
		}
		// Only the patron agreed to be named; the person and the anonymous donor are not.
		if len(tr.NamedDonors) != 1 || tr.NamedDonors[0].Name != "«Береке» ЖШС" || tr.NamedDonors[0].Amount != 60_000_000 {
			t.Errorf("named donors: %+v", tr.NamedDonors)
		}
		org, err := db.OrganisationTransparency(f.ctx, f.org)
		if err != nil || org.Donations != 80_000_000 || org.Spent != 50_000_000 || org.Balance != 80_000_000-50_000_000 ||
			len(org.NamedDonors) != 1 {
			t.Errorf("the lead's account includes the event's fund: %+v, %v", org, err)
		}
		funds, err := db.ListFunds(f.ctx, f.org)
		if err != nil || len(funds) != 3 || funds[2].Designation != toEvent(e.ID) || funds[2].Balance != 20_000_000 {
			t.Errorf("the lead's funds: %+v, %v", funds, err)
		}
		doc, err := db.ReceiptDocument(f.ctx, named.ID)
		if err != nil || doc.FundName.KK != "Мейірім керуені" {
			t.Errorf("the receipt names the event: %+v, %v", doc, err)
		}
		var region string
		if err := db.read.QueryRowContext(f.ctx, "SELECT region_code FROM audit_log WHERE entity = 'donation' AND entity_id = $1",
			strconv.FormatInt(named.ID, 10)).Scan(&region); err != nil || region != "KZ-75" {
			t.Errorf("the gift's audit row is in region %q (%v); want the event's", region, err)
		}
		verified(t, db)
	})
}

func TestGiftsToAnEventAreSeenByItsPartnersAndRegion(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		f := newMoneyFixture(t, db)
		e := newMoneyEvent(t, db, f)
		gift := f.patronGift(1_000_000, toEvent(e.ID))
		if err := db.RecordDonation(f.ctx, gift); err != nil {
			t.Fatal(err)
		}
		toGeneral := f.patronGift(2_000_000, general(f.org))
		if err := db.RecordDonation(f.ctx, toGeneral); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			name string
			f    parasat.DonationFilter
			want []int64
		}{
			{"the event's gifts", parasat.DonationFilter{EventID: e.ID, Visibility: parasat.Visibility{All: true}}, []int64{gift.ID}},
			{"the partner's manager", parasat.DonationFilter{Visibility: parasat.Visibility{OrganisationIn: []int64{f.other}}}, []int64{gift.ID}},
			{"the coordinator of the event's region", parasat.DonationFilter{Visibility: parasat.Visibility{RegionIn: []string{"KZ-75"}}}, []int64{gift.ID}},
			{"the coordinator of the lead's region", parasat.DonationFilter{Visibility: parasat.Visibility{RegionIn: []string{"KZ-71"}}}, []int64{toGeneral.ID}},
			{"the lead's manager", parasat.DonationFilter{Visibility: parasat.Visibility{OrganisationIn: []int64{f.org}}}, []int64{toGeneral.ID, gift.ID}},
		} {
			list, err := db.ListDonations(f.ctx, c.f)
			var got []int64
			for _, d := range list {
				got = append(got, d.ID)
			}
			if err != nil || !slices.Equal(got, c.want) {
				t.Errorf("%s: gifts %v, %v; want %v", c.name, got, err, c.want)
			}
		}
	})
}

func TestMoneyForAMissingOrCancelledEventIsRefused(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		f := newMoneyFixture(t, db)
		e := newMoneyEvent(t, db, f)
		if err := db.RecordDonation(f.ctx, f.patronGift(40_000_000, toEvent(e.ID))); err != nil {
			t.Fatal(err)
		}
		if _, err := db.CancelEvent(f.ctx, e.ID, "Дауыл болады деп хабарланды"); err != nil {
			t.Fatal(err)
		}
		entries, donations, funds := count(t, db, "ledger_entries"), count(t, db, "donations"), count(t, db, "funds")
		if err := db.RecordDonation(f.ctx, f.patronGift(100, toEvent(e.ID+100))); fieldOf(err) != "designation.id:event.unknown" {
			t.Errorf("a gift to an unknown event: %v (%s)", err, fieldOf(err))
		}
		if err := db.RecordDonation(f.ctx, f.patronGift(100, toEvent(e.ID))); fieldOf(err) != "designation.id:designation.event_cancelled" {
			t.Errorf("a gift to a cancelled event: %v (%s)", err, fieldOf(err))
		}
		if _, err := db.RecordTransfer(f.ctx, &parasat.Transfer{From: f.toCampaign(), To: toEvent(e.ID), Amount: 100,
			OccurredOn: day("2026-03-14"), AllowOverdraft: true}); fieldOf(err) != "to.id:designation.event_cancelled" {
			t.Errorf("a transfer to a cancelled event: %v (%s)", err, fieldOf(err))
		}
		need := f.patronGift(100, parasat.Designation{Kind: parasat.DesignateNeed, ID: 1})
		if err := db.RecordDonation(f.ctx, need); fieldOf(err) != "designation.kind:designation.later" {
			t.Errorf("a gift to a need: %v (%s)", err, fieldOf(err))
		}
		if count(t, db, "ledger_entries") != entries || count(t, db, "donations") != donations || count(t, db, "funds") != funds {
			t.Errorf("refused money was recorded")
		}
		// What a cancelled event holds can still be spent (a deposit lost) or moved.
		if _, err := db.RecordSpending(f.ctx, &parasat.Spending{Fund: toEvent(e.ID), Amount: 5_000_000, OccurredOn: day("2026-03-14"),
			Purpose: parasat.PurposeEventCosts}); err != nil {
			t.Errorf("spending from a cancelled event's fund: %v", err)
		}
		if _, err := db.RecordTransfer(f.ctx, &parasat.Transfer{From: toEvent(e.ID), To: general(f.org), Amount: 35_000_000,
			OccurredOn: day("2026-03-14"), Memo: "Іс-шара болмады"}); err != nil {
			t.Errorf("a transfer out of a cancelled event's fund: %v", err)
		}
		verified(t, db)
	})
}

func TestTheLeadHoldingAnEventsMoneyStays(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		f := newMoneyFixture(t, db)
		unfunded, funded := newMoneyEvent(t, db, f), newMoneyEvent(t, db, f)
		if err := db.RecordDonation(f.ctx, anonymousGift(1_000_000, toEvent(funded.ID))); err != nil {
			t.Fatal(err)
		}
		for _, e := range []*parasat.Event{unfunded, funded} {
			e.LeadID, e.Partners = f.other, []int64{f.org}
		}
		if err := db.UpdateEvent(f.ctx, unfunded); err != nil {
			t.Errorf("the lead of an event without money changes: %v", err)
		}
		if err := db.UpdateEvent(f.ctx, funded); fieldOf(err) != "lead_organisation_id:event.lead_holds_fund" {
			t.Errorf("the lead of an event with money: %v (%s)", err, fieldOf(err))
		}
		got, err := db.Event(f.ctx, funded.ID)
		if err != nil || got.LeadID != f.org {
			t.Errorf("the refused change was recorded: %+v, %v", got, err)
		}
	})
}
