package demo

import (
	"context"
	"testing"
	"time"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/sqlstore"
)

func TestDemoMoneyMatchesTheFoundingArticle(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		if _, err := Load(ctx, db); err != nil {
			t.Fatal(err)
		}
		orgs, err := db.ListOrganisations(ctx, parasat.OrganisationFilter{Region: parasat.CapitalCode, Limit: sqlstore.MaxPageSize})
		if err != nil {
			t.Fatal(err)
		}
		var astana, tree, region []int64
		for _, o := range orgs {
			region = append(region, o.ID)
			if o.Type == parasat.OrgAssembly && o.ParentID != nil {
				astana = append(astana, o.ID)
			}
		}
		for _, o := range orgs {
			if o.ID == astana[0] || o.ParentID != nil && *o.ParentID == astana[0] {
				tree = append(tree, o.ID)
			}
		}
		for name, ids := range map[string][]int64{"the capital's Assembly with its children": tree, "region KZ-71": region} {
			raised, err := db.MoneyRaised(ctx, ids, mustDate("2019-01-01"), mustDate("2019-04-25"))
			if err != nil {
				t.Fatal(err)
			}
			if raised < 1_400_000_000 || raised >= 1_450_000_000 {
				t.Errorf("%s raised %d tiyn from 1 January to 25 April 2019; want more than 14 million tenge", name, raised)
			}
		}
		campaigns, err := db.ListCampaigns(ctx, parasat.CampaignFilter{Limit: 10})
		if err != nil || len(campaigns) < 2 {
			t.Fatalf("campaigns %d, %v", len(campaigns), err)
		}
		ready := campaigns[0]
		pledges, err := db.ListPledges(ctx, parasat.PledgeFilter{CampaignID: ready.ID, Visibility: parasat.Visibility{All: true}})
		if err != nil || len(pledges) < 3 || ready.Pledged == 0 || ready.Totals.Donations == 0 {
			t.Errorf("%s: %d pledges (%v), pledged %d, raised %d", ready.Name.RU, len(pledges), err, ready.Pledged, ready.Totals.Donations)
		}
		stock, err := db.ListStock(ctx, tree[len(tree)-1])
		if err != nil {
			t.Fatal(err)
		}
		var left int64
		for _, id := range tree {
			items, _ := db.ListStock(ctx, id)
			for _, it := range items {
				left += it.OnHand
			}
		}
		if left == 0 {
			t.Errorf("no goods in stock (%d items of the last organisation)", len(stock))
		}
		today := parasat.DayInKazakhstan(time.Now())
		coming, err := db.ListEvents(ctx, parasat.EventFilter{Region: parasat.CapitalCode, PublishedOnly: true, From: &today,
			Statuses: []parasat.EventStatus{parasat.EventPlanned}, Limit: 3})
		if err != nil || len(coming) == 0 {
			t.Fatalf("no coming published event: %v", err)
		}
		if tr, err := db.EventTransparency(ctx, coming[0].ID); err != nil || tr.Donations == 0 || tr.Spent == 0 || tr.Balance <= 0 {
			t.Errorf("the next event's money: %+v, %v", tr, err)
		}
		var eventPledges []parasat.Pledge
		for _, e := range coming {
			list, err := db.ListPledges(ctx, parasat.PledgeFilter{EventID: e.ID, Visibility: parasat.Visibility{All: true}})
			if err != nil {
				t.Fatal(err)
			}
			eventPledges = append(eventPledges, list...)
		}
		if len(eventPledges) != 2 || eventPledges[1].Received <= 0 || eventPledges[1].Received >= eventPledges[1].Promised() ||
			eventPledges[0].Received != 0 || eventPledges[0].Overdue(today) == 0 {
			t.Errorf("the pledges to a coming event: %+v", eventPledges)
		}
		problems, err := db.VerifyLedger(ctx)
		if err != nil || len(problems) > 0 {
			t.Errorf("the demo's books: %v %v", problems, err)
		}
	})
}

func mustDate(s string) parasat.Date {
	d, err := parasat.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}
