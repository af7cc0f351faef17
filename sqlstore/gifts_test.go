package sqlstore

import (
	"testing"

	"github.com/parasat-kz/parasat"
)

func TestPledgesAreFulfilledByGiftsAndShowWhatIsOverdue(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		f := newMoneyFixture(t, db)
		starts := day("2026-01-05")
		monthly := &parasat.Pledge{PatronID: f.patron.ID, CampaignID: f.campaign.ID, Schedule: parasat.PledgeMonthly,
			Amount: 10_000_000, Months: 6, StartsOn: &starts}
		if err := db.CreatePledge(f.ctx, monthly); err != nil {
			t.Fatal(err)
		}
		// 15 March: three payments were due (5 January, February, March).
		today := db.today()
		if monthly.Promised() != 60_000_000 || monthly.DueBy(today) != 30_000_000 || monthly.Overdue(today) != 30_000_000 {
			t.Errorf("promised %d, due %d, overdue %d", monthly.Promised(), monthly.DueBy(today), monthly.Overdue(today))
		}
		gift := f.patronGift(15_000_000, f.toCampaign())
		gift.PledgeID = &monthly.ID
		if err := db.RecordDonation(f.ctx, gift); err != nil {
			t.Fatal(err)
		}
		got, err := db.Pledge(f.ctx, monthly.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Received != 15_000_000 || got.Overdue(today) != 15_000_000 || got.Outstanding() != 45_000_000 {
			t.Errorf("after a part payment: received %d, overdue %d", got.Received, got.Overdue(today))
		}
		if _, err := db.ReverseDonation(f.ctx, gift.ID, &parasat.Reversal{Reason: "Қате патронға жазылды"}); err != nil {
			t.Fatal(err)
		}
		if got, _ = db.Pledge(f.ctx, monthly.ID); got.Received != 0 {
			t.Errorf("a reversed gift still counts for the pledge: %d", got.Received)
		}
		wrong := f.patronGift(1_000, general(f.org))
		wrong.PledgeID = &monthly.ID
		if err := db.RecordDonation(f.ctx, wrong); fieldOf(err) != "pledge_id:pledge.donation" {
			t.Errorf("a gift to the general fund fulfilling a campaign's pledge: %v", err)
		}
		for _, c := range []struct {
			p    parasat.Pledge
			want string
		}{
			{parasat.Pledge{PatronID: f.patron.ID, CampaignID: f.campaign.ID, Schedule: parasat.PledgeOnce, Amount: 100}, "due_on:required"},
			{parasat.Pledge{PatronID: f.patron.ID, CampaignID: f.campaign.ID, Schedule: "weekly", Amount: 100}, "schedule:pledge.schedule"},
			{parasat.Pledge{PatronID: f.patron.ID, CampaignID: 999, Schedule: parasat.PledgeByDate, Amount: 100, DueOn: &starts}, "campaign_id:campaign.unknown"},
			{parasat.Pledge{PatronID: f.patron.ID, CampaignID: f.campaign.ID, Schedule: parasat.PledgeByDate, Amount: 0, DueOn: &starts}, "amount_tiyn:amount.positive"},
		} {
			if err := db.CreatePledge(f.ctx, &c.p); fieldOf(err) != c.want {
				t.Errorf("%+v: %v; want %s", c.p, err, c.want)
			}
		}
		list, err := db.ListPledges(f.ctx, parasat.PledgeFilter{Visibility: parasat.Visibility{OrganisationIn: []int64{f.other}}})
		if err != nil || len(list) != 1 {
			t.Errorf("a partner's manager sees %d pledges (%v)", len(list), err)
		}
		c, _ := db.Campaign(f.ctx, f.campaign.ID)
		if c.Pledged != 60_000_000 {
			t.Errorf("campaign pledged %d", c.Pledged)
		}
		verified(t, db)
	})
}

func TestGoodsReceivedGivenAndLeftAddUp(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		f := newMoneyFixture(t, db)
		g := &parasat.GoodsGift{OrganisationID: f.org, Donor: parasat.Donor{Kind: parasat.DonorPatron, PatronID: &f.patron.ID},
			ReceivedOn: day("2026-03-01"), ValuedBy: "Бухгалтер Ә. Сейітова", Method: parasat.ValuedByDocuments,
			Lines: []parasat.GoodsLine{{Name: "Азық-түлік себеті", Unit: parasat.UnitPack, Quantity: 30, Value: 45_000_000},
				{Name: "Оқу құралдары жиынтығы", Unit: parasat.UnitSet, Quantity: 7, Value: 10_000_000}}}
		if err := db.RecordGoodsGift(f.ctx, g); err != nil {
			t.Fatal(err)
		}
		again := &parasat.GoodsGift{OrganisationID: f.org, Donor: parasat.Donor{Kind: parasat.DonorAnonymous}, ReceivedOn: day("2026-03-02"),
			ValuedBy: "Комиссия", Method: parasat.ValuedByMarketPrice,
			Lines: []parasat.GoodsLine{{Name: "азық-түлік  себеті", Unit: parasat.UnitPack, Quantity: 10, Value: 14_000_000}}}
		if err := db.RecordGoodsGift(f.ctx, again); err != nil {
			t.Fatal(err)
		}
		food := g.Lines[0].ItemID
		if again.Lines[0].ItemID != food {
			t.Fatalf("the same goods went to items %d and %d", food, again.Lines[0].ItemID)
		}
		issue := func(kind parasat.MovementKind, qty int64, memo string) (*parasat.StockMovement, error) {
			return db.RecordStockIssue(f.ctx, &parasat.StockIssue{ItemID: food, Kind: kind, Quantity: qty, OccurredOn: day("2026-03-05"), Memo: memo})
		}
		m, err := issue(parasat.MoveIssue, 8, "Көпбалалы отбасыларға")
		if err != nil || m.Quantity != -8 || m.Value != -59_000_000*8/40 || m.OnHandAfter != 32 {
			t.Fatalf("issue: %+v, %v", m, err)
		}
		if _, err := issue(parasat.MoveIssue, 33, ""); fieldOf(err) != "quantity:goods.not_enough" {
			t.Errorf("giving more than the stock holds: %v", err)
		}
		if _, err := issue(parasat.MoveAdjustment, -2, ""); fieldOf(err) != "memo:goods.adjustment_reason" {
			t.Errorf("an adjustment without a reason: %v", err)
		}
		if _, err := issue(parasat.MoveAdjustment, -2, "Санақта екі себет бүлінген"); err != nil {
			t.Fatal(err)
		}
		if _, err := issue(parasat.MoveIssue, 30, "Қалғанының бәрі"); err != nil {
			t.Fatal(err)
		}
		item, err := db.StockItem(f.ctx, food)
		if err != nil {
			t.Fatal(err)
		}
		if item.Received != 40 || item.Issued != 38 || item.Adjusted != -2 || item.OnHand != 0 || item.ValueOnHand != 0 ||
			item.ValueIn != 59_000_000 || item.ValueOut != 59_000_000 {
			t.Errorf("the food packages: %+v", item)
		}
		tr, err := db.OrganisationTransparency(f.ctx, f.org)
		if err != nil {
			t.Fatal(err)
		}
		if len(tr.Goods) != 2 || tr.GoodsIn != 69_000_000 || tr.GoodsOut != 59_000_000 || tr.GoodsOnHand != 10_000_000 {
			t.Errorf("transparency goods: %+v in %d out %d left %d", tr.Goods, tr.GoodsIn, tr.GoodsOut, tr.GoodsOnHand)
		}
		bad := &parasat.GoodsGift{OrganisationID: f.org, Donor: parasat.Donor{Kind: parasat.DonorAnonymous}, ReceivedOn: day("2026-03-02"),
			Method: parasat.ValuedByExpert, Lines: []parasat.GoodsLine{{Name: "Көмір", Unit: "bucket", Quantity: 0}}}
		if err := db.RecordGoodsGift(f.ctx, bad); parasat.ErrorCode(err) != parasat.EInvalid {
			t.Errorf("a gift without valuer, unit or quantity: %v", err)
		}
		verified(t, db)
	})
}

func TestTransparencyAddsUpAndNamesOnlyConsentingDonors(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		f := newMoneyFixture(t, db)
		for _, d := range []*parasat.Donation{f.patronGift(100_000_000, general(f.org)), anonymousGift(30_000_000, general(f.org)),
			{Donor: parasat.Donor{Kind: parasat.DonorPerson, Name: "Болат Жұмабаев"}, Amount: 5_000_000, ReceivedOn: day("2026-03-01"),
				Channel: parasat.ChannelKaspi, Reference: "KASPI-1", Designation: f.toCampaign()}} {
			if err := db.RecordDonation(f.ctx, d); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := db.RecordSpending(f.ctx, &parasat.Spending{Fund: general(f.org), Amount: 40_000_000, OccurredOn: day("2026-03-12"),
			Purpose: parasat.PurposeAid, Category: parasat.CategoryVeteran}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.RecordTransfer(f.ctx, &parasat.Transfer{From: general(f.org), To: f.toCampaign(), Amount: 10_000_000,
			OccurredOn: day("2026-03-12")}); err != nil {
			t.Fatal(err)
		}
		tr, err := db.OrganisationTransparency(f.ctx, f.org)
		if err != nil {
			t.Fatal(err)
		}
		if tr.Donations != 135_000_000 || tr.Spent != 40_000_000 || tr.Balance != 95_000_000 || tr.TransfersIn != 10_000_000 ||
			tr.TransfersOut != 10_000_000 || len(tr.Spending) != 1 || tr.Spending[0].Category != parasat.CategoryVeteran {
			t.Errorf("organisation: %+v", tr)
		}
		if len(tr.NamedDonors) != 1 || tr.NamedDonors[0].Name != f.patron.Name {
			t.Errorf("named donors %+v: only the patron agreed", tr.NamedDonors)
		}
		funds, err := db.ListFunds(f.ctx, f.org)
		if err != nil || len(funds) != 2 || funds[0].Balance+funds[1].Balance != tr.Balance {
			t.Errorf("funds %+v do not add up to %d (%v)", funds, tr.Balance, err)
		}
		entries, err := db.ListLedgerEntries(f.ctx, parasat.LedgerFilter{OrganisationID: f.org, Limit: 3})
		if err != nil || len(entries) != 3 || entries[0].Kind != parasat.EntryTransfer {
			t.Fatalf("the newest entries: %+v, %v", entries, err)
		}
		more, err := db.ListLedgerEntries(f.ctx, parasat.LedgerFilter{OrganisationID: f.org, Before: entries[2].ID, Limit: 3})
		if err != nil || len(more) != 2 {
			t.Errorf("the second page: %d entries, %v", len(more), err)
		}
		byFund, err := db.ListLedgerEntries(f.ctx, parasat.LedgerFilter{FundID: f.campaign.FundID})
		if err != nil || len(byFund) != 2 {
			t.Errorf("the campaign fund's entries: %d, %v", len(byFund), err)
		}
		s, err := db.Statement(f.ctx, f.patron.ID, 2026)
		if err != nil || len(s.Donations) != 1 || s.Total != 100_000_000 {
			t.Errorf("statement %+v, %v", s, err)
		}
		verified(t, db)
	})
}
