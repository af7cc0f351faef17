package http

import (
	"context"
	"net/http"
	"strconv"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
)

// Money given for an event: the funds of events the money forms offer, and
// the event's account on its page, as CSV and as JSON.

// eventFundResource describes an event's fund for the policy, as the store's
// FundResource does: its region, its lead holding it, its partners.
func eventFundResource(e *parasat.Event) parasat.Resource {
	return parasat.Resource{Region: e.Region, OrganisationID: e.LeadID, Organisations: e.Partners}
}

// eventFundOptions are the funds of events a person may act on with action,
// for the money forms: the events they may see that are not cancelled,
// newest first, and the event chosen ("event:12") in any state. Each is
// labelled with its date and lead organisation.
func (s *Server) eventFundOptions(r *http.Request, l *i18n.Localizer, action parasat.Action, orgNames map[int64]string, chosen string) ([]option, error) {
	ctx := r.Context()
	u := currentUser(ctx)
	events, err := s.services.Events.ListEvents(ctx, parasat.EventFilter{Statuses: []parasat.EventStatus{parasat.EventPlanned,
		parasat.EventHeld, parasat.EventReported}, Visibility: visibility(u, parasat.ReadEvent), IncludePublished: true,
		Descending: true, Limit: 200})
	if err != nil {
		return nil, err
	}
	if d := parseDesignation(chosen); d.Kind == parasat.DesignateEvent && !hasEvent(events, d.ID) {
		if e, err := s.services.Events.Event(ctx, d.ID); err == nil {
			events = append(events, *e)
		}
	}
	var out []option
	for i := range events {
		e := &events[i]
		if (e.Published || parasat.Can(u, parasat.ReadEvent, e.Resource())) && parasat.Can(u, action, eventFundResource(e)) {
			out = append(out, option{Value: "event:" + strconv.FormatInt(e.ID, 10),
				Label: l.T("ledger.event_fund", "Title", e.Title.Best(l.Lang()), "Date", l.Date(e.Starts.In(i18n.Zone())), "Lead", orgNames[e.LeadID])})
		}
	}
	return out, nil
}

func hasEvent(list []parasat.Event, id int64) bool {
	for _, e := range list {
		if e.ID == id {
			return true
		}
	}
	return false
}

// eventMoney is the money block of an event's page: what was given for the
// event and spent from its fund, with the donors who agreed to be named,
// and for its staff the patrons' pledges to it.
type eventMoney struct {
	T                 *parasat.Transparency
	Spending          []figure
	CanRecord         bool // gifts, spendings and transfers of the fund, pledges
	TakesGifts        bool // not cancelled: gifts and pledges
	CSV, JSON, Ledger string
	Pledges           *pledgeList // for those who may record money
}

// eventMoneyBlock reads the event's account. The public sees it once money
// has moved; those who may record money for the event always.
func (s *Server) eventMoneyBlock(ctx context.Context, l *i18n.Localizer, e *parasat.Event) (*eventMoney, error) {
	t, err := s.services.Transparency.EventTransparency(ctx, e.ID)
	if err != nil {
		return nil, err
	}
	u := currentUser(ctx)
	ref := strconv.FormatInt(e.ID, 10)
	m := &eventMoney{T: t, Spending: spendingRows(l, t), CanRecord: parasat.Can(u, parasat.RecordMoney, eventFundResource(e)),
		TakesGifts: e.Status != parasat.EventCancelled, CSV: "/events/" + ref + "/transparency.csv", JSON: APIPrefix + "/events/" + ref + "/transparency"}
	if parasat.Can(u, parasat.ReadLedger, eventFundResource(e)) {
		m.Ledger = "/ledger?organisation=" + strconv.FormatInt(e.LeadID, 10)
	}
	if !m.CanRecord {
		if t.Donations == 0 && t.TransfersIn == 0 && t.Spent == 0 && t.Balance == 0 {
			return nil, nil
		}
		return m, nil
	}
	pledges, err := s.pledgesOf(ctx, parasat.PledgeFilter{EventID: e.ID})
	if err != nil {
		return nil, err
	}
	for i := range pledges.Rows {
		if !m.TakesGifts {
			pledges.Rows[i].GiftPath = "" // a cancelled event takes no gift, pledged or not
		}
	}
	m.Pledges = &pledges
	return m, nil
}

// handleEventCSV is the event's account as CSV, for whoever may see the event.
func (s *Server) handleEventCSV(w http.ResponseWriter, r *http.Request) {
	e, ok := s.pageEvent(w, r)
	if !ok {
		return
	}
	t, err := s.services.Transparency.EventTransparency(r.Context(), e.ID)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.writeTransparencyCSV(w, r, t, "event-"+strconv.FormatInt(e.ID, 10))
}
