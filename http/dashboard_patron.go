package http

import (
	"context"
	"sort"
	"strconv"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/report"
)

// patronPart is a patron's dashboard: their gifts this year and in all,
// the funds the gifts went to with what each received and spent in all,
// this year's figures of the organisations they support (suppressed as the
// public sees them), and what the events they support did. Record is false
// when the account has no patron's record.
type patronPart struct {
	Record                   bool
	Year                     int
	GiftsYear, GiftsTotal    string
	CountYear, CountTotal    int
	Funds, Organisations     figureTable
	Events                   figureTable
	HasFunds, HasEvents, Any bool
}

func (s *Server) patronPart(ctx context.Context, p *page) (*patronPart, error) {
	own, err := s.services.Patrons.ListPatrons(ctx, parasat.PatronFilter{Limit: 1,
		Visibility: parasat.Visibility{OwnerUserID: p.User.ID}})
	if err != nil || len(own) == 0 {
		return &patronPart{}, err
	}
	pt, l := own[0], p.T
	part := &patronPart{Record: true, Year: today().Year()}
	gifts, err := s.ownGifts(ctx, p.User, pt.ID)
	if err != nil {
		return nil, err
	}
	var year, total int64
	byFund, orgs := map[int64]int64{}, append([]int64{}, pt.SupportedOrganisations...)
	for _, d := range gifts {
		if d.ReversedBy != nil {
			continue // reversed: given back or recorded by mistake, as statements count them
		}
		total, part.CountTotal = total+d.Amount, part.CountTotal+1
		if d.ReceivedOn.Year() == part.Year {
			year, part.CountYear = year+d.Amount, part.CountYear+1
		}
		byFund[d.FundID] += d.Amount
		orgs = append(orgs, d.OrganisationID)
	}
	part.GiftsYear, part.GiftsTotal = l.Money(year), l.Money(total)
	if part.Funds, err = s.fundsTable(ctx, p, byFund); err != nil {
		return nil, err
	}
	if part.Organisations, err = s.supportedTable(ctx, p, orgs); err != nil {
		return nil, err
	}
	events, err := s.services.Events.ListEvents(ctx, parasat.EventFilter{Patron: pt.ID, PublishedOnly: true,
		Statuses: []parasat.EventStatus{parasat.EventHeld, parasat.EventReported}, Descending: true, Limit: dashboardEvents})
	if err != nil {
		return nil, err
	}
	if part.Events, err = s.eventsTable(ctx, p, events, l.T("dash.supported_events_caption")); err != nil {
		return nil, err
	}
	part.HasFunds, part.HasEvents = len(part.Funds.Rows) > 0, len(part.Events.Rows) > 0
	part.Any = part.HasFunds || part.HasEvents || len(part.Organisations.Rows) > 0
	return part, nil
}

// ownGifts are all the gifts of the patron, which the account may read as
// its own, newest first.
func (s *Server) ownGifts(ctx context.Context, u *parasat.User, patron int64) ([]parasat.Donation, error) {
	var all []parasat.Donation
	f := parasat.DonationFilter{PatronID: patron, Visibility: visibility(u, parasat.ReadGift), Limit: 500}
	for {
		page, err := s.services.Donations.ListDonations(ctx, f)
		if err != nil {
			return nil, err
		}
		all = append(all, page...)
		if len(page) < f.Limit {
			return all, nil
		}
		f.Before = page[len(page)-1].ID
	}
}

// fundsTable shows each fund the patron gave to, most given first: the
// patron's gifts, and what the fund received and spent in all (its public
// account).
func (s *Server) fundsTable(ctx context.Context, p *page, byFund map[int64]int64) (figureTable, error) {
	l := p.T
	t := figureTable{Caption: l.T("dash.funds_caption"), First: l.T("dash.fund"),
		Columns: []string{l.T("dash.your_gifts"), l.T("dash.fund_received"), l.T("dash.fund_spent")}}
	ids := make([]int64, 0, len(byFund))
	for id := range byFund {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		return byFund[ids[i]] > byFund[ids[j]] || byFund[ids[i]] == byFund[ids[j]] && ids[i] < ids[j]
	})
	for _, id := range ids {
		f, err := s.services.Ledger.FundByID(ctx, id)
		if err != nil {
			return t, err
		}
		row := figureRow{Label: f.Name.Best(p.Lang), Cells: []valueCell{{Text: l.Money(byFund[id])},
			{Text: l.Money(f.Donations)}, {Text: l.Money(f.Spent)}}}
		ref := strconv.FormatInt(f.Designation.ID, 10)
		switch f.Designation.Kind {
		case parasat.DesignateGeneral:
			row.Href = "/organisations/" + ref + "/transparency"
		case parasat.DesignateCampaign:
			row.Href = "/campaigns/" + ref
		case parasat.DesignateEvent:
			row.Href = "/events/" + ref
		}
		t.Rows = append(t.Rows, row)
	}
	return t, nil
}

// supportedTable shows this year's figures of each organisation the patron
// supports or gave to (with its children), through the report path: as
// the public sees them unless the visitor's role covers them.
func (s *Server) supportedTable(ctx context.Context, p *page, orgs []int64) (figureTable, error) {
	l := p.T
	figs := []parasat.Figure{parasat.FigEvents, parasat.FigPeopleHelped, parasat.FigAidValue}
	t := figureTable{Caption: l.T("dash.supported_caption", "Year", strconv.Itoa(today().Year())), First: report.Column(l, "organisation")}
	for _, fig := range figs {
		t.Columns = append(t.Columns, report.FigureName(l, fig))
	}
	seen := map[int64]bool{}
	for _, id := range orgs {
		if seen[id] || len(seen) == dashboardEvents {
			continue
		}
		seen[id] = true
		f := parasat.ReportFilter{Period: parasat.YearToDate(today()), OrganisationID: id}
		exact, err := s.exactFigures(ctx, f)
		if err != nil {
			return t, err
		}
		r, err := s.buildReport(ctx, f, exact, false)
		if err != nil {
			return t, err
		}
		row := figureRow{Label: r.Subject.Best(p.Lang), Href: "/organisations/" + strconv.FormatInt(id, 10)}
		for _, fig := range figs {
			row.Cells = append(row.Cells, figureCell(l, &r.Summary.Figures, fig))
		}
		t.Rows = append(t.Rows, row)
	}
	return t, nil
}
