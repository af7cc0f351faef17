package http

import (
	"net/http"
	"strconv"

	"github.com/parasat-kz/parasat"
)

// The forms that move money: a spending and a transfer between funds.

type moneyMoveForm struct {
	Transfer                    bool
	Fund, To, Amount, Date      string
	Purpose, Category, Memo     string
	Overdraft                   bool
	Funds, Purposes, Categories []option
	ToFunds                     []option
	CanAllowOverdraft           bool
	Errors                      map[string]string
	Summary                     string
}

func (s *Server) moneyMoveFormPage(w http.ResponseWriter, r *http.Request, status int, form moneyMoveForm) {
	title := "ledger.spending_new"
	if form.Transfer {
		title = "ledger.transfer_new"
	}
	p := s.newPage(w, r, title, nil)
	c, err := s.loadMoneyChoices(r, p.Lang, parasat.RecordMoney, false)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	all, err := s.loadMoneyChoices(r, p.Lang, parasat.ReadPublished, false)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	events, err := s.eventFundOptions(r, p.T, parasat.RecordMoney, c.orgNames, form.Fund)
	if err == nil {
		c.funds = append(c.funds, events...)
		events, err = s.eventFundOptions(r, p.T, parasat.ReadPublished, c.orgNames, form.To)
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	form.Funds, form.ToFunds = marked(c.funds, form.Fund), marked(append(all.funds, events...), form.To)
	form.Purposes = simpleOptions(p.T, "purpose.", parasat.Purposes, parasat.Purpose(form.Purpose))
	form.Categories = simpleOptions(p.T, "category.", parasat.Categories, parasat.Category(form.Category))
	form.CanAllowOverdraft = parasat.CanSome(p.User, parasat.AllowOverdraft)
	p.Breadcrumbs = []crumb{{p.T.T("nav.ledger"), "/ledger"}, {p.Title, ""}}
	p.Data = form
	s.render(w, status, "money_move_form", p)
}

func (s *Server) handleNewSpendingForm(w http.ResponseWriter, r *http.Request) {
	s.moneyMoveFormPage(w, r, http.StatusOK, moneyMoveForm{Fund: chosenFund(r), Date: today().String(), Purpose: string(parasat.PurposeAid)})
}

func (s *Server) handleNewTransferForm(w http.ResponseWriter, r *http.Request) {
	s.moneyMoveFormPage(w, r, http.StatusOK, moneyMoveForm{Transfer: true, Fund: chosenFund(r), Date: today().String()})
}

// chosenFund is the fund a money form starts with: ?fund=event:12, else
// the general fund of ?organisation=.
func chosenFund(r *http.Request) string {
	if f := r.URL.Query().Get("fund"); f != "" {
		return f
	}
	return "general:" + r.URL.Query().Get("organisation")
}

func moneyMoveFromForm(r *http.Request, transfer bool) moneyMoveForm {
	return moneyMoveForm{Transfer: transfer, Fund: r.PostFormValue("fund"), To: r.PostFormValue("to"), Amount: r.PostFormValue("amount"),
		Date: r.PostFormValue("occurred_on"), Purpose: r.PostFormValue("purpose"), Category: r.PostFormValue("category"),
		Memo: r.PostFormValue("memo"), Overdraft: r.PostFormValue("allow_overdraft") == "yes"}
}

// mayMove checks that the person may record money for the fund, and allow
// an overdraft if they ask to; it answers 403 itself when not.
func (s *Server) mayMove(w http.ResponseWriter, r *http.Request, d parasat.Designation, overdraft bool) bool {
	res, err := s.services.Ledger.FundResource(r.Context(), d)
	if err != nil {
		return true // the store names the unknown fund on the form
	}
	u := currentUser(r.Context())
	if !parasat.Can(u, parasat.RecordMoney, res) || overdraft && !parasat.Can(u, parasat.AllowOverdraft, res) {
		s.forbidden(w, r)
		return false
	}
	return true
}

func (s *Server) handleSaveSpending(w http.ResponseWriter, r *http.Request) {
	form := moneyMoveFromForm(r, false)
	var bad []string
	sp := parasat.Spending{Fund: parseDesignation(form.Fund), Amount: formMoney(r, "amount", &bad), OccurredOn: dayField(r, "occurred_on", &bad),
		Purpose: parasat.Purpose(form.Purpose), Memo: form.Memo, AllowOverdraft: form.Overdraft}
	if sp.Purpose == parasat.PurposeAid {
		sp.Category = parasat.Category(form.Category)
	}
	if !s.mayMove(w, r, sp.Fund, sp.AllowOverdraft) {
		return
	}
	var err error
	var e *parasat.LedgerEntry
	if len(bad) == 0 {
		e, err = s.services.Ledger.RecordSpending(r.Context(), &sp)
	}
	s.afterMove(w, r, form, bad, e, err)
}

func (s *Server) handleSaveTransfer(w http.ResponseWriter, r *http.Request) {
	form := moneyMoveFromForm(r, true)
	var bad []string
	t := parasat.Transfer{From: parseDesignation(form.Fund), To: parseDesignation(form.To), Amount: formMoney(r, "amount", &bad),
		OccurredOn: dayField(r, "occurred_on", &bad), Memo: form.Memo, AllowOverdraft: form.Overdraft}
	if !s.mayMove(w, r, t.From, t.AllowOverdraft) {
		return
	}
	var err error
	var e *parasat.LedgerEntry
	if len(bad) == 0 {
		e, err = s.services.Ledger.RecordTransfer(r.Context(), &t)
	}
	s.afterMove(w, r, form, bad, e, err)
}

// afterMove shows the form again with its problems, or the new entry.
func (s *Server) afterMove(w http.ResponseWriter, r *http.Request, form moneyMoveForm, bad []string, e *parasat.LedgerEntry, err error) {
	if len(bad) > 0 || err != nil {
		l := s.catalog.For(s.language(r))
		var ok bool
		if form.Errors, form.Summary, ok = formProblems(l, bad, err); !ok {
			s.pageError(w, r, err)
			return
		}
		tagMoneyFields(l, form.Errors, bad, "amount")
		if m := form.Errors["amount"]; m != "" {
			form.Errors["amount_tiyn"] = m
		}
		for _, f := range []string{"from", "to"} {
			if m := form.Errors[f+".id"]; m != "" {
				form.Errors[map[string]string{"from": "fund", "to": "to"}[f]] = m
			}
		}
		if m := form.Errors["fund.id"]; m != "" {
			form.Errors["fund"] = m
		}
		s.moneyMoveFormPage(w, r, http.StatusUnprocessableEntity, form)
		return
	}
	setFlash(w, "flash.entry_recorded")
	http.Redirect(w, r, "/ledger/entries/"+strconv.FormatInt(e.ID, 10), http.StatusSeeOther)
}
