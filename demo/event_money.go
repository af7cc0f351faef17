package demo

import (
	"fmt"

	"github.com/parasat-kz/parasat"
)

// eventGifts are gifts designated to the capital's coming published events
// — the Club's patrons paying for what an event needs — and the first
// costs paid from them, so that an event's page shows its money.
func (m *ledgerDemo) eventGifts() error {
	events, ok := m.s.(parasat.EventService)
	if !ok {
		return nil
	}
	coming, err := events.ListEvents(m.ctx, parasat.EventFilter{Region: parasat.CapitalCode, PublishedOnly: true, From: &m.today,
		Statuses: []parasat.EventStatus{parasat.EventPlanned}, Limit: 3})
	if err != nil {
		return fmt.Errorf("coming events: %w", err)
	}
	for i, e := range coming {
		to := parasat.Designation{Kind: parasat.DesignateEvent, ID: e.ID}
		from := parasat.Date{Time: m.today.AddDate(0, 0, -14)}
		gifts := m.splitInto(int64(3+i)*250_000_00, 4+i, from, m.today, []parasat.Designation{to})
		if err := m.donateAll(gifts); err != nil {
			return fmt.Errorf("gifts to event %d: %w", e.ID, err)
		}
		if i == m.pledgedEvent(coming) {
			if err := m.eventPledges(e); err != nil {
				return fmt.Errorf("pledges to event %d: %w", e.ID, err)
			}
		}
		if err := m.spend(to, 40, m.today, parasat.PurposeEventCosts, "", "Көлік және жабдық жалдау"); err != nil {
			return err
		}
	}
	return m.spent()
}

// pledgedEvent picks the coming event patrons have made pledges to: the
// first of this year (of the next, in the last days of December).
func (m *ledgerDemo) pledgedEvent(coming []parasat.Event) int {
	for i, e := range coming {
		if e.StartDay().Year() == m.today.Year() {
			return i
		}
	}
	return 0
}

// eventPledges are two companies' promises to the event: one to be paid in
// full by the day it starts, already paid in part, and one that was due
// three days ago and is overdue.
func (m *ledgerDemo) eventPledges(e parasat.Event) error {
	var companies []parasat.Patron
	for _, p := range m.patrons {
		if p.Kind == parasat.PatronCompany && p.Region == parasat.CapitalCode {
			companies = append(companies, p)
		}
	}
	if len(companies) < 2 {
		return nil
	}
	to := parasat.Designation{Kind: parasat.DesignateEvent, ID: e.ID}
	starts, past := e.StartDay(), parasat.Date{Time: m.today.AddDate(0, 0, -3)}
	first, second := companies[len(companies)-1], companies[len(companies)-2]
	byStart := &parasat.Pledge{PatronID: first.ID, EventID: e.ID, Schedule: parasat.PledgeByDate, Amount: 1_000_000_00, DueOn: &starts,
		Notes: "Көлік пен жылы киім үшін"}
	overdue := &parasat.Pledge{PatronID: second.ID, EventID: e.ID, Schedule: parasat.PledgeOnce, Amount: 300_000_00, DueOn: &past}
	for _, pl := range []*parasat.Pledge{byStart, overdue} {
		if err := m.s.CreatePledge(m.ctx, pl); err != nil {
			return err
		}
	}
	part := &parasat.Donation{Donor: parasat.Donor{Kind: parasat.DonorPatron, PatronID: &first.ID, Public: first.PublicConsent,
		Language: parasat.Russian}, Amount: 400_000_00, ReceivedOn: m.today, Channel: parasat.ChannelBankTransfer,
		Reference: "ПП № 7301", Designation: to, PledgeID: &byStart.ID}
	if err := m.s.RecordDonation(m.ctx, part); err != nil {
		return err
	}
	m.cash[to] += part.Amount
	return nil
}
