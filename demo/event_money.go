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
		if err := m.spend(to, 40, m.today, parasat.PurposeEventCosts, "", "Көлік және жабдық жалдау"); err != nil {
			return err
		}
	}
	return m.spent()
}
