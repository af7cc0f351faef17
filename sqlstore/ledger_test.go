package sqlstore

import (
	"context"
	"strconv"
	"testing"

	"github.com/parasat-kz/parasat"
)

// Fixtures of the money tests: an organisation with a patron and a
// campaign, and a coordinator who acts.
type moneyFixture struct {
	org, other int64
	patron     *parasat.Patron
	campaign   *parasat.Campaign
	ctx        context.Context
	staff      *parasat.User
}

func day(s string) parasat.Date {
	d, err := parasat.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func newMoneyFixture(t testing.TB, db *DB) *moneyFixture {
	t.Helper()
	var orgs []int64
	for _, n := range []string{"Меценаттар клубы", "Аналар кеңесі"} {
		o := newOrg(n)
		if err := db.CreateOrganisation(context.Background(), o); err != nil {
			t.Fatal(err)
		}
		orgs = append(orgs, o.ID)
	}
	f := &moneyFixture{org: orgs[0], other: orgs[1]}
	f.staff = &parasat.User{Email: "coord@example.kz", Name: "Дариға", Grants: []parasat.Grant{{Role: parasat.RoleCoordinator, Region: "KZ-71"}}}
	if err := db.CreateUser(context.Background(), f.staff, ""); err != nil {
		t.Fatal(err)
	}
	f.ctx = parasat.WithActor(context.Background(), parasat.Actor{UserID: f.staff.ID, Address: "192.0.2.7"})
	f.patron = &parasat.Patron{Kind: parasat.PatronCompany, Name: "«Береке» ЖШС", BIN: "190440000010", Region: "KZ-71",
		PublicConsent: true}
	if err := db.CreatePatron(f.ctx, f.patron); err != nil {
		t.Fatal(err)
	}
	f.campaign = &parasat.Campaign{Name: parasat.Names{KK: "Мектепке дайындық", RU: "Готовы к школе", EN: "Ready for school"},
		OrganisationID: f.org, Partners: []int64{f.other}, Target: 500_000_000, StartsOn: day("2026-01-01"), EndsOn: day("2026-08-31")}
	if err := db.CreateCampaign(f.ctx, f.campaign); err != nil {
		t.Fatal(err)
	}
	return f
}

func general(org int64) parasat.Designation {
	return parasat.Designation{Kind: parasat.DesignateGeneral, ID: org}
}

func (f *moneyFixture) toCampaign() parasat.Designation {
	return parasat.Designation{Kind: parasat.DesignateCampaign, ID: f.campaign.ID}
}

func (f *moneyFixture) patronGift(amount int64, to parasat.Designation) *parasat.Donation {
	return &parasat.Donation{Donor: parasat.Donor{Kind: parasat.DonorPatron, PatronID: &f.patron.ID, Public: true,
		Language: parasat.Russian}, Amount: amount, ReceivedOn: day("2026-03-10"), Channel: parasat.ChannelBankTransfer,
		Reference: "ПП-" + strconv.FormatInt(amount, 10), Designation: to}
}

func anonymousGift(amount int64, to parasat.Designation) *parasat.Donation {
	return &parasat.Donation{Donor: parasat.Donor{Kind: parasat.DonorAnonymous}, Amount: amount, ReceivedOn: day("2026-03-11"),
		Channel: parasat.ChannelCash, Designation: to}
}

// verified fails the test when the ledger's books do not agree with its history.
func verified(t *testing.T, db *DB) {
	t.Helper()
	problems, err := db.VerifyLedger(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
}

// count counts the rows of a table.
func count(t *testing.T, db *DB, table string) int {
	t.Helper()
	var n int
	if err := db.read.QueryRow("SELECT COUNT(*) FROM " + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestDonationIsRecordedWithEntryReceiptAndTotals(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		f := newMoneyFixture(t, db)
		d := f.patronGift(150_000_000, f.toCampaign())
		if err := db.RecordDonation(f.ctx, d); err != nil {
			t.Fatal(err)
		}
		if d.Receipt == nil || d.Receipt.Code() != "2026-000001" || d.Donor.Name != "«Береке» ЖШС" || d.OrganisationID != f.org {
			t.Fatalf("recorded %+v (receipt %+v)", d, d.Receipt)
		}
		got, err := db.Donation(f.ctx, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Amount != d.Amount || got.ReceivedOn != d.ReceivedOn || got.Reference != d.Reference || got.Receipt.Number != 1 ||
			got.Designation != f.toCampaign() || len(got.Partners) != 1 || got.Partners[0] != f.other {
			t.Errorf("read back %+v", got)
		}
		entry, err := db.LedgerEntry(f.ctx, d.EntryID)
		if err != nil {
			t.Fatal(err)
		}
		if entry.Kind != parasat.EntryDonation || len(entry.Postings) != 2 || entry.DonationID == nil || *entry.DonationID != d.ID ||
			entry.RecordedBy == nil || *entry.RecordedBy != f.staff.ID {
			t.Errorf("entry %+v", entry)
		}
		second := anonymousGift(20_000_000, f.toCampaign())
		if err := db.RecordDonation(f.ctx, second); err != nil {
			t.Fatal(err)
		}
		if second.Receipt != nil {
			t.Errorf("an anonymous gift got receipt %+v", second.Receipt)
		}
		if _, err := db.ReceiptDocument(f.ctx, second.ID); fieldOf(err) != "donation:receipt.anonymous" {
			t.Errorf("receipt of an anonymous gift: %v", err)
		}
		c, _ := db.Campaign(f.ctx, f.campaign.ID)
		if c.Totals.Donations != 170_000_000 || c.Totals.Balance != 170_000_000 || c.Progress() != 34 {
			t.Errorf("campaign totals %+v, progress %d", c.Totals, c.Progress())
		}
		raised, err := db.MoneyRaised(f.ctx, []int64{f.org}, day("2026-03-01"), day("2026-03-10"))
		if err != nil || raised != 150_000_000 {
			t.Errorf("money raised 1–10 March: %d, %v", raised, err)
		}
		tr, err := db.CampaignTransparency(f.ctx, f.campaign.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(tr.NamedDonors) != 1 || tr.NamedDonors[0].Name != "«Береке» ЖШС" || tr.NamedDonors[0].Amount != 150_000_000 {
			t.Errorf("named donors %+v", tr.NamedDonors)
		}
		if rows := auditRows(t, db, "donation", strconv.FormatInt(d.ID, 10)); len(rows) != 1 || rows[0].action != "create" {
			t.Errorf("audit of the gift: %+v", rows)
		}
		verified(t, db)
	})
}

func TestBadMoneyIsRefusedAndNothingRecorded(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		f := newMoneyFixture(t, db)
		if err := db.RecordDonation(f.ctx, f.patronGift(10_000_000, general(f.org))); err != nil {
			t.Fatal(err)
		}
		entries, donations := count(t, db, "ledger_entries"), count(t, db, "donations")
		need := parasat.Designation{Kind: parasat.DesignateNeed, ID: 1}
		for _, c := range []struct {
			name string
			d    *parasat.Donation
			want string
		}{
			{"zero", f.patronGift(0, general(f.org)), "amount_tiyn:amount.positive"},
			{"negative", f.patronGift(-100, general(f.org)), "amount_tiyn:amount.positive"},
			{"absurd", f.patronGift(parasat.MaxAmount+1, general(f.org)), "amount_tiyn:amount.absurd"},
			{"to a need, before needs exist", f.patronGift(100, need), "designation.kind:designation.later"},
			{"unknown event", f.patronGift(100, parasat.Designation{Kind: parasat.DesignateEvent, ID: 999}), "designation.id:event.unknown"},
			{"unknown campaign", f.patronGift(100, parasat.Designation{Kind: parasat.DesignateCampaign, ID: 999}), "designation.id:campaign.unknown"},
			{"unknown organisation", f.patronGift(100, general(999)), "designation.id:organisation.unknown"},
			{"a transfer without its reference", func() *parasat.Donation { d := f.patronGift(100, general(f.org)); d.Reference = ""; return d }(),
				"reference:channel.reference"},
			{"in the future", func() *parasat.Donation {
				d := f.patronGift(100, general(f.org))
				d.ReceivedOn = day("2026-03-16")
				return d
			}(),
				"received_on:date.future"},
			{"an anonymous donor named publicly", func() *parasat.Donation { d := anonymousGift(100, general(f.org)); d.Donor.Public = true; return d }(),
				"donor.public:donor.anonymous_public"},
		} {
			if err := db.RecordDonation(f.ctx, c.d); fieldOf(err) != c.want {
				t.Errorf("%s: %v (%s); want %s", c.name, err, fieldOf(err), c.want)
			}
		}
		spend := func(amount int64, overdraft bool) error {
			_, err := db.RecordSpending(f.ctx, &parasat.Spending{Fund: general(f.org), Amount: amount, OccurredOn: day("2026-03-12"),
				Purpose: parasat.PurposeAid, Category: parasat.CategoryLargeFamily, AllowOverdraft: overdraft})
			return err
		}
		if err := spend(10_000_001, false); fieldOf(err) != "amount_tiyn:fund.insufficient" {
			t.Errorf("spending beyond the balance: %v", err)
		}
		if err := spend(5, true); err == nil {
			t.Log("an allowed overdraft that was not needed records no overdraft")
		}
		if n := count(t, db, "ledger_entries"); n != entries+1 || count(t, db, "donations") != donations {
			t.Errorf("%d entries, %d donations after refusals; want %d and %d", n, count(t, db, "donations"), entries+1, donations)
		}
		e, err := db.RecordSpending(f.ctx, &parasat.Spending{Fund: general(f.org), Amount: 20_000_000, OccurredOn: day("2026-03-12"),
			Purpose: parasat.PurposeGoods, AllowOverdraft: true})
		if err != nil || !e.Overdraft || e.OverdraftBy == nil || *e.OverdraftBy != f.staff.ID {
			t.Fatalf("an allowed overdraft: %+v, %v", e, err)
		}
		rev, err := db.ReverseEntry(f.ctx, &parasat.Reversal{EntryID: e.ID, Reason: "Сома қате енгізілді"})
		if err != nil || rev.Reverses == nil || *rev.Reverses != e.ID {
			t.Fatalf("reversal: %+v, %v", rev, err)
		}
		if _, err := db.ReverseEntry(f.ctx, &parasat.Reversal{EntryID: rev.ID, Reason: "қайта"}); fieldOf(err) != "entry:reversal.of_reversal" {
			t.Errorf("a reversal of a reversal: %v", err)
		}
		if _, err := db.ReverseEntry(f.ctx, &parasat.Reversal{EntryID: e.ID, Reason: "екінші рет"}); fieldOf(err) != "entry:reversal.already" {
			t.Errorf("a second reversal: %v", err)
		}
		if _, err := db.ReverseEntry(f.ctx, &parasat.Reversal{EntryID: e.ID}); fieldOf(err) != "reason:reversal.reason" {
			t.Errorf("a reversal without a reason: %v", err)
		}
		verified(t, db)
	})
}

func TestLedgerIsAppendOnlyInTheDatabase(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		f := newMoneyFixture(t, db)
		d := f.patronGift(10_000_000, general(f.org))
		if err := db.RecordDonation(f.ctx, d); err != nil {
			t.Fatal(err)
		}
		rev, err := db.ReverseDonation(f.ctx, d.ID, &parasat.Reversal{Reason: "Банк төлемді қайтарды"})
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		for _, stmt := range []string{
			"UPDATE ledger_entries SET amount_tiyn = 1",
			"DELETE FROM ledger_entries",
			"UPDATE ledger_postings SET amount_tiyn = 1",
			"DELETE FROM ledger_postings",
			"UPDATE donations SET amount_tiyn = 1",
			"DELETE FROM receipts",
			"UPDATE ledger_accounts SET kind = 'spending'",
			"DELETE FROM ledger_accounts",
			"INSERT INTO ledger_entries (kind, fund_id, organisation_id, amount_tiyn, occurred_on, reverses_id, reason, recorded_at) " +
				"SELECT 'reversal', fund_id, organisation_id, amount_tiyn, occurred_on, id, 'again', recorded_at FROM ledger_entries WHERE id = " +
				strconv.FormatInt(rev.ID, 10),
		} {
			if _, err := db.write.ExecContext(ctx, stmt); err == nil {
				t.Errorf("the database accepted %q", stmt)
			}
		}
		got, _ := db.Donation(ctx, d.ID)
		if got.ReversedBy == nil || *got.ReversedBy != rev.ID {
			t.Errorf("the reversed gift reads %+v", got)
		}
		if raised, _ := db.MoneyRaised(ctx, []int64{f.org}, day("2026-01-01"), day("2026-12-31")); raised != 0 {
			t.Errorf("money raised after the reversal: %d", raised)
		}
		verified(t, db)
	})
}

func TestSeveralSpendingsAreRecordedAllOrNone(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		f := newMoneyFixture(t, db)
		if err := db.RecordDonations(f.ctx, []*parasat.Donation{f.patronGift(10_000_000, general(f.org)),
			anonymousGift(5_000_000, general(f.org))}); err != nil {
			t.Fatal(err)
		}
		spend := func(amount int64) *parasat.Spending {
			return &parasat.Spending{Fund: general(f.org), Amount: amount, OccurredOn: day("2026-03-12"), Purpose: parasat.PurposeEventCosts}
		}
		entries := count(t, db, "ledger_entries")
		if _, err := db.RecordSpendings(f.ctx, []*parasat.Spending{spend(9_000_000), spend(9_000_000)}); fieldOf(err) != "1.amount_tiyn:fund.insufficient" {
			t.Errorf("the second spending overdraws: %v", err)
		}
		if n := count(t, db, "ledger_entries"); n != entries {
			t.Errorf("%d entries after a refused batch; want %d", n, entries)
		}
		got, err := db.RecordSpendings(f.ctx, []*parasat.Spending{spend(9_000_000), spend(6_000_000)})
		if err != nil || len(got) != 2 || got[1].Postings[0].BalanceAfter != 0 {
			t.Fatalf("two spendings that fit: %+v, %v", got, err)
		}
		verified(t, db)
	})
}
