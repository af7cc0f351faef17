package sqlstore

import (
	"slices"
	"testing"

	"github.com/parasat-kz/parasat"
)

func TestPledgesToAnEventAreHeldByItsLeadAndFulfilledByGiftsToItsFund(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		f := newMoneyFixture(t, db)
		e := newMoneyEvent(t, db, f) // led by f.org (KZ-71), f.other a partner, held in KZ-75
		due := day("2026-03-01")
		pl := &parasat.Pledge{PatronID: f.patron.ID, EventID: e.ID, Schedule: parasat.PledgeByDate, Amount: 40_000_000, DueOn: &due,
			Notes: "Автобус пен жылы киім"}
		if err := db.CreatePledge(f.ctx, pl); err != nil {
			t.Fatal(err)
		}
		if pl.OrganisationID != f.org || pl.Region != "KZ-75" || !slices.Equal(pl.Partners, []int64{f.other}) || pl.CampaignID != 0 ||
			pl.Designation() != toEvent(e.ID) {
			t.Errorf("the pledge to the event: %+v", pl)
		}
		campaignPledge := &parasat.Pledge{PatronID: f.patron.ID, CampaignID: f.campaign.ID, Schedule: parasat.PledgeOnce,
			Amount: 5_000_000, DueOn: &due}
		if err := db.CreatePledge(f.ctx, campaignPledge); err != nil {
			t.Fatal(err)
		}

		// A gift to the event's fund fulfils it in part; today (15 March) the rest is overdue.
		gift := f.patronGift(15_000_000, toEvent(e.ID))
		gift.PledgeID = &pl.ID
		if err := db.RecordDonation(f.ctx, gift); err != nil {
			t.Fatal(err)
		}
		got, err := db.Pledge(f.ctx, pl.ID)
		if err != nil {
			t.Fatal(err)
		}
		today := db.today()
		if got.Received != 15_000_000 || got.Overdue(today) != 25_000_000 || got.Outstanding() != 25_000_000 || got.EventID != e.ID ||
			got.Region != "KZ-75" || !slices.Equal(got.Partners, []int64{f.other}) || got.Notes != pl.Notes {
			t.Errorf("after a part payment: %+v (overdue %d)", got, got.Overdue(today))
		}

		// A gift linked to a pledge goes to the pledge's own fund, from its patron.
		other := newMoneyEvent(t, db, f)
		for _, c := range []struct {
			name   string
			to     parasat.Designation
			pledge int64
			want   string
		}{
			{"to the campaign for the event's pledge", f.toCampaign(), pl.ID, "pledge_id:pledge.mismatch"},
			{"to another event", toEvent(other.ID), pl.ID, "pledge_id:pledge.mismatch"},
			{"to the event for the campaign's pledge", toEvent(e.ID), campaignPledge.ID, "pledge_id:pledge.mismatch"},
			{"to the general fund", general(f.org), pl.ID, "pledge_id:pledge.donation"},
		} {
			wrong := f.patronGift(1_000, c.to)
			wrong.PledgeID = &c.pledge
			if err := db.RecordDonation(f.ctx, wrong); fieldOf(err) != c.want {
				t.Errorf("a gift %s: %v; want %s", c.name, err, c.want)
			}
		}
		person := &parasat.Donation{Donor: parasat.Donor{Kind: parasat.DonorPerson, Name: "Асқар Нұрланұлы", Language: parasat.Kazakh},
			Amount: 1_000, ReceivedOn: day("2026-03-12"), Channel: parasat.ChannelCash, Designation: toEvent(e.ID), PledgeID: &pl.ID}
		if err := db.RecordDonation(f.ctx, person); fieldOf(err) != "pledge_id:pledge.donation" {
			t.Errorf("a gift of someone else than a patron fulfilling a pledge: %v", err)
		}

		// The whole rest, then a reversal of the first gift.
		rest := f.patronGift(25_000_000, toEvent(e.ID))
		rest.PledgeID = &pl.ID
		if err := db.RecordDonation(f.ctx, rest); err != nil {
			t.Fatal(err)
		}
		if got, _ = db.Pledge(f.ctx, pl.ID); got.Received != 40_000_000 || got.Overdue(today) != 0 {
			t.Errorf("paid in full: received %d, overdue %d", got.Received, got.Overdue(today))
		}
		if _, err := db.ReverseDonation(f.ctx, gift.ID, &parasat.Reversal{Reason: "Басқа іс-шараға тиесілі"}); err != nil {
			t.Fatal(err)
		}
		if got, _ = db.Pledge(f.ctx, pl.ID); got.Received != 25_000_000 || got.Overdue(today) != 15_000_000 {
			t.Errorf("after a reversal: received %d, overdue %d", got.Received, got.Overdue(today))
		}

		// Listed by event; seen by the partner's staff and in the event's region, not in the lead's.
		for _, c := range []struct {
			name string
			f    parasat.PledgeFilter
			want []int64
		}{
			{"the event's", parasat.PledgeFilter{EventID: e.ID, Visibility: parasat.Visibility{All: true}}, []int64{pl.ID}},
			{"the campaign's", parasat.PledgeFilter{CampaignID: f.campaign.ID, Visibility: parasat.Visibility{All: true}}, []int64{campaignPledge.ID}},
			{"another event's", parasat.PledgeFilter{EventID: other.ID, Visibility: parasat.Visibility{All: true}}, nil},
			{"the partner's", parasat.PledgeFilter{Visibility: parasat.Visibility{OrganisationIn: []int64{f.other}}}, []int64{pl.ID, campaignPledge.ID}},
			{"the event's region", parasat.PledgeFilter{Visibility: parasat.Visibility{RegionIn: []string{"KZ-75"}}}, []int64{pl.ID}},
			{"the lead's region", parasat.PledgeFilter{Visibility: parasat.Visibility{RegionIn: []string{"KZ-71"}}}, []int64{campaignPledge.ID}},
		} {
			list, err := db.ListPledges(f.ctx, c.f)
			if err != nil {
				t.Fatal(err)
			}
			var ids []int64
			for _, p := range list {
				ids = append(ids, p.ID)
			}
			slices.Sort(ids)
			if !slices.Equal(ids, c.want) {
				t.Errorf("%s pledges: %v; want %v", c.name, ids, c.want)
			}
		}
		verified(t, db)
	})
}

// A pledge to an event is its lead's: when an event that holds no money yet
// changes its lead, its pledges follow.
func TestPledgesToAnEventFollowItsLead(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		f := newMoneyFixture(t, db)
		e := newMoneyEvent(t, db, f)
		due := day("2026-04-01")
		pl := &parasat.Pledge{PatronID: f.patron.ID, EventID: e.ID, Schedule: parasat.PledgeOnce, Amount: 1_000_000, DueOn: &due}
		if err := db.CreatePledge(f.ctx, pl); err != nil {
			t.Fatal(err)
		}
		e.LeadID, e.Partners = f.other, []int64{f.org}
		if err := db.UpdateEvent(f.ctx, e); err != nil {
			t.Fatal(err)
		}
		got, err := db.Pledge(f.ctx, pl.ID)
		if err != nil || got.OrganisationID != f.other || !slices.Equal(got.Partners, []int64{f.org}) {
			t.Errorf("the pledge after the event changed its lead: %+v, %v", got, err)
		}
	})
}

func TestAPledgeNamesOneCampaignOrEventThatTakesMoney(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		f := newMoneyFixture(t, db)
		e := newMoneyEvent(t, db, f)
		cancelled := newMoneyEvent(t, db, f)
		if _, err := db.CancelEvent(f.ctx, cancelled.ID, "Боран: жол жабық"); err != nil {
			t.Fatal(err)
		}
		due := day("2026-04-01")
		before := count(t, db, "pledges")
		audited := count(t, db, "audit_log")
		for _, c := range []struct {
			campaign, event int64
			want            string
		}{
			{f.campaign.ID, e.ID, "event_id:pledge.target_both"},
			{0, 0, "campaign_id:pledge.target_required"},
			{0, e.ID + 1000, "event_id:event.unknown"},
			{0, -1, "event_id:event.unknown"},
			{0, cancelled.ID, "event_id:pledge.event_cancelled"},
		} {
			p := &parasat.Pledge{PatronID: f.patron.ID, CampaignID: c.campaign, EventID: c.event, Schedule: parasat.PledgeOnce,
				Amount: 1_000_000, DueOn: &due}
			if err := db.CreatePledge(f.ctx, p); fieldOf(err) != c.want {
				t.Errorf("campaign %d, event %d: %v; want %s", c.campaign, c.event, err, c.want)
			}
		}
		if n := count(t, db, "pledges"); n != before {
			t.Errorf("refused pledges left %d rows", n-before)
		}
		if n := count(t, db, "audit_log"); n != audited {
			t.Errorf("refused pledges left %d audit rows", n-audited)
		}
		// The database itself holds a pledge to exactly one of them.
		const insert = `INSERT INTO pledges (patron_id, organisation_id, created_at, updated_at, schedule, amount_tiyn, campaign_id,
			event_id) VALUES ($1, $2, $3, $3, 'by_date', 100, `
		for _, c := range []struct {
			name string
			sql  string
			args []any
		}{
			{"neither", insert + "NULL, NULL)", []any{f.patron.ID, f.org, fixedNow}},
			{"both", insert + "$4, $5)", []any{f.patron.ID, f.org, fixedNow, f.campaign.ID, e.ID}},
		} {
			if _, err := db.write.ExecContext(f.ctx, c.sql, c.args...); err == nil {
				t.Errorf("the database took a pledge to %s a campaign and an event", c.name)
			}
		}
	})
}

// The migration that let pledges name an event keeps the pledges and the
// gifts that refer to them, both ways; going back is refused while a pledge
// names an event.
func TestPledgeEventsMigrationKeepsPledgesAndTheirGifts(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		f := newMoneyFixture(t, db)
		due := day("2026-03-01")
		pl := &parasat.Pledge{PatronID: f.patron.ID, CampaignID: f.campaign.ID, Schedule: parasat.PledgeOnce, Amount: 9_000_000, DueOn: &due}
		if err := db.CreatePledge(f.ctx, pl); err != nil {
			t.Fatal(err)
		}
		gift := f.patronGift(4_000_000, f.toCampaign())
		gift.PledgeID = &pl.ID
		if err := db.RecordDonation(f.ctx, gift); err != nil {
			t.Fatal(err)
		}
		p, err := db.provider()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.DownTo(f.ctx, 13); err != nil {
			t.Fatalf("down to 13: %v", err)
		}
		var received int64
		if err := db.read.QueryRowContext(f.ctx, "SELECT received_tiyn FROM pledges WHERE id = $1 AND campaign_id = $2", pl.ID,
			f.campaign.ID).Scan(&received); err != nil || received != 4_000_000 {
			t.Errorf("at version 13 the pledge has received %d (%v)", received, err)
		}
		if _, err := db.Migrate(f.ctx); err != nil {
			t.Fatal(err)
		}
		got, err := db.Pledge(f.ctx, pl.ID)
		if err != nil || got.Received != 4_000_000 || got.CampaignID != f.campaign.ID || got.EventID != 0 || !got.Created.Equal(pl.Created) ||
			!got.DueOn.Equal(due.Time) {
			t.Errorf("after the migrations: %+v, %v", got, err)
		}
		if db.engine == SQLite {
			var broken int
			if err := db.read.QueryRowContext(f.ctx, "SELECT COUNT(*) FROM pragma_foreign_key_check").Scan(&broken); err != nil || broken != 0 {
				t.Errorf("foreign keys broken: %d (%v)", broken, err)
			}
		}
		e := newMoneyEvent(t, db, f)
		if err := db.CreatePledge(f.ctx, &parasat.Pledge{PatronID: f.patron.ID, EventID: e.ID, Schedule: parasat.PledgeOnce,
			Amount: 1_000_000, DueOn: &due}); err != nil {
			t.Fatal(err)
		}
		if _, err := p.DownTo(f.ctx, 13); err == nil {
			t.Error("going back to version 13 dropped a pledge to an event")
		}
		if current, _, err := db.SchemaVersion(f.ctx); err != nil || current < 14 {
			t.Errorf("after a refused downgrade the schema is at %d (%v)", current, err)
		}
		if _, err := db.Migrate(f.ctx); err != nil { // any migration after 14 that the downgrade undid
			t.Fatal(err)
		}
		verified(t, db)
	})
}
