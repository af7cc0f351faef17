package http

import (
	"net/http"
	"strconv"

	"github.com/parasat-kz/parasat"
)

type ledgerPage struct {
	Orgs      []option
	Org       int64
	Funds     []parasat.Fund
	Entries   []parasat.LedgerEntry
	FundNames map[int64]string
	Next      string
	CanRecord bool
}

// chosenOrg is the organisation a staff page is about: the one asked for,
// else the first the person may act on.
func chosenOrg(r *http.Request, orgs []option) int64 {
	if id, err := strconv.ParseInt(r.URL.Query().Get("organisation"), 10, 64); err == nil && id > 0 {
		return id
	}
	if len(orgs) > 0 {
		id, _ := strconv.ParseInt(orgs[0].Value, 10, 64)
		return id
	}
	return 0
}

func (s *Server) handleLedger(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(w, r, "nav.ledger", nil)
	c, err := s.loadMoneyChoices(r, p.Lang, parasat.ReadLedger, false)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	data := ledgerPage{Org: chosenOrg(r, c.orgs), FundNames: map[int64]string{}}
	data.Orgs = marked(c.orgs, strconv.FormatInt(data.Org, 10))
	if data.Org != 0 {
		res, err := s.orgResourceFor(r, data.Org)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		if !parasat.Can(p.User, parasat.ReadLedger, res) {
			s.forbidden(w, r)
			return
		}
		data.CanRecord = parasat.Can(p.User, parasat.RecordMoney, res)
		if data.Funds, err = s.services.Ledger.ListFunds(r.Context(), data.Org); err != nil {
			s.serverError(w, r, err)
			return
		}
		before, _, _ := parseCursor(r.URL.Query().Get("before"))
		if data.Entries, err = s.services.Ledger.ListLedgerEntries(r.Context(), parasat.LedgerFilter{OrganisationID: data.Org, Before: before, Limit: 50}); err != nil {
			s.serverError(w, r, err)
			return
		}
		for _, e := range data.Entries {
			for _, id := range []int64{e.FundID, deref0(e.ToFundID)} {
				if _, ok := data.FundNames[id]; !ok && id != 0 {
					if f, err := s.services.Ledger.FundByID(r.Context(), id); err == nil {
						data.FundNames[id] = f.Name.Best(p.Lang)
					}
				}
			}
		}
		if len(data.Entries) == 50 {
			data.Next = strconv.FormatInt(data.Entries[49].ID, 10)
		}
	}
	p.Data = data
	s.render(w, http.StatusOK, "ledger", p)
}

func deref0(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}

// orgResourceFor describes an organisation for the policy, for pages.
func (s *Server) orgResourceFor(r *http.Request, id int64) (parasat.Resource, error) {
	o, err := s.services.Organisations.Organisation(r.Context(), id)
	if err != nil {
		return parasat.Resource{}, err
	}
	return parasat.Resource{Region: o.Region, OrganisationID: o.ID}, nil
}

type entryView struct {
	E                 *parasat.LedgerEntry
	FundName, ToName  string
	CanReverse        bool
	CanAllowOverdraft bool
	Error             string
}

func (s *Server) entryPage(w http.ResponseWriter, r *http.Request, status int, errMsg string) {
	id, ok := pathID(r, "id")
	if !ok {
		s.notFound(w, r)
		return
	}
	e, err := s.services.Ledger.LedgerEntry(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	f, err := s.services.Ledger.FundByID(r.Context(), e.FundID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	p := s.newPage(w, r, "nav.ledger", nil)
	if !parasat.Can(p.User, parasat.ReadLedger, f.Resource()) {
		s.notFound(w, r)
		return
	}
	data := entryView{E: e, FundName: f.Name.Best(p.Lang), Error: errMsg,
		CanReverse:        e.Kind != parasat.EntryReversal && e.ReversedBy == nil && parasat.Can(p.User, parasat.RecordMoney, f.Resource()),
		CanAllowOverdraft: parasat.Can(p.User, parasat.AllowOverdraft, f.Resource())}
	if e.ToFundID != nil {
		if to, err := s.services.Ledger.FundByID(r.Context(), *e.ToFundID); err == nil {
			data.ToName = to.Name.Best(p.Lang)
		}
	}
	p.Data = data
	p.Title = p.T.T("ledger.entry", "ID", e.ID)
	p.Breadcrumbs = []crumb{{p.T.T("nav.ledger"), "/ledger?organisation=" + strconv.FormatInt(e.OrganisationID, 10)}, {p.Title, ""}}
	s.render(w, status, "ledger_entry", p)
}

func (s *Server) handleLedgerEntry(w http.ResponseWriter, r *http.Request) {
	s.entryPage(w, r, http.StatusOK, "")
}

func (s *Server) handleReverseEntry(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r, "id")
	if !ok {
		s.notFound(w, r)
		return
	}
	e, err := s.services.Ledger.LedgerEntry(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	f, err := s.services.Ledger.FundByID(r.Context(), e.FundID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	u := currentUser(r.Context())
	overdraft := r.PostFormValue("allow_overdraft") == "yes"
	if !parasat.Can(u, parasat.RecordMoney, f.Resource()) || overdraft && !parasat.Can(u, parasat.AllowOverdraft, f.Resource()) {
		s.forbidden(w, r)
		return
	}
	back := "/ledger/entries/" + strconv.FormatInt(id, 10)
	if !s.confirmed(w, r, back, "confirm.reverse_entry") {
		return
	}
	if _, err := s.services.Ledger.ReverseEntry(r.Context(), &parasat.Reversal{EntryID: id, Reason: r.PostFormValue("reason"), AllowOverdraft: overdraft}); err != nil {
		if msg := firstFieldError(s.catalog.For(s.language(r)), err); msg != "" {
			s.entryPage(w, r, http.StatusUnprocessableEntity, msg)
			return
		}
		s.pageError(w, r, err)
		return
	}
	setFlash(w, "flash.reversed")
	http.Redirect(w, r, back, http.StatusSeeOther)
}

func (s *Server) registerLedgerPages(mux *http.ServeMux) {
	s.handlePage(mux, "GET /ledger", parasat.ReadLedger, s.handleLedger)
	s.handlePage(mux, "GET /ledger/entries/{id}", parasat.ReadLedger, s.handleLedgerEntry)
	s.handlePage(mux, "POST /ledger/entries/{id}/reverse", parasat.RecordMoney, s.handleReverseEntry)
	s.handlePage(mux, "GET /ledger/spendings/new", parasat.RecordMoney, s.handleNewSpendingForm)
	s.handlePage(mux, "POST /ledger/spendings", parasat.RecordMoney, s.handleSaveSpending)
	s.handlePage(mux, "GET /ledger/transfers/new", parasat.RecordMoney, s.handleNewTransferForm)
	s.handlePage(mux, "POST /ledger/transfers", parasat.RecordMoney, s.handleSaveTransfer)
	s.handlePage(mux, "GET /goods", parasat.ReadLedger, s.handleGoods)
	s.handlePage(mux, "POST /goods/gifts", parasat.RecordMoney, s.handleSaveGoodsGift)
	s.handlePage(mux, "POST /goods/issues", parasat.RecordMoney, s.handleSaveStockIssue)
}
