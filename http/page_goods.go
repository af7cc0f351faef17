package http

import (
	"net/http"
	"strconv"

	"github.com/parasat-kz/parasat"
)

// The stock of goods of an organisation: what came in, went out and is
// left, with the form to receive a gift and one to give goods out.

type goodsPage struct {
	Orgs                           []option
	Org                            int64
	Items                          []parasat.StockItem
	CanRecord                      bool
	Gift                           goodsGiftForm
	Issue                          stockIssueForm
	Units, Methods, Kinds, Patrons []option
	DonorKinds, Langs, IssueKinds  []option
}

type goodsGiftForm struct {
	Name, Unit, Quantity, Value, Date, ValuedBy, Method, Notes string
	Donor                                                      parasat.Donor
	Errors                                                     map[string]string
	Summary                                                    string
}

type stockIssueForm struct {
	Item, Kind, Quantity, Date, Memo string
	Errors                           map[string]string
	Summary                          string
}

func (s *Server) goodsPageFor(w http.ResponseWriter, r *http.Request, status int, org int64, gift goodsGiftForm, issue stockIssueForm) {
	p := s.newPage(w, r, "goods.title", nil)
	c, err := s.loadMoneyChoices(r, p.Lang, parasat.ReadLedger, true)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if org == 0 {
		org = chosenOrg(r, c.orgs)
	}
	data := goodsPage{Org: org, Orgs: marked(c.orgs, strconv.FormatInt(org, 10)), Gift: gift, Issue: issue}
	if org != 0 {
		res, err := s.orgResourceFor(r, org)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		if !parasat.Can(p.User, parasat.ReadLedger, res) {
			s.forbidden(w, r)
			return
		}
		data.CanRecord = parasat.Can(p.User, parasat.RecordMoney, res)
		if data.Items, err = s.services.Goods.ListStock(r.Context(), org); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	data.Units = simpleOptions(p.T, "unit.", parasat.GoodsUnits, parasat.GoodsUnit(gift.Unit))
	data.Methods = valuationOptions(p.T, parasat.ValuationMethod(gift.Method))
	data.DonorKinds = donorKindOptions(p.T, gift.Donor.Kind)
	data.IssueKinds = issueKindOptions(p.T, parasat.MovementKind(issue.Kind))
	patron := ""
	if gift.Donor.PatronID != nil {
		patron = strconv.FormatInt(*gift.Donor.PatronID, 10)
	}
	data.Patrons = marked(c.patrons, patron)
	for _, it := range data.Items {
		data.Kinds = append(data.Kinds, option{Value: strconv.FormatInt(it.ID, 10), Label: it.Name + " (" + p.T.T("unit."+string(it.Unit)) + ")",
			Checked: issue.Item == strconv.FormatInt(it.ID, 10)})
	}
	p.Data = data
	s.render(w, status, "goods", p)
}

func (s *Server) handleGoods(w http.ResponseWriter, r *http.Request) {
	t := today().String()
	s.goodsPageFor(w, r, http.StatusOK, 0, goodsGiftForm{Date: t, Donor: parasat.Donor{Kind: parasat.DonorPatron}}, stockIssueForm{Date: t})
}

func (s *Server) handleSaveGoodsGift(w http.ResponseWriter, r *http.Request) {
	l := s.catalog.For(s.language(r))
	org := formInt(r, "organisation")
	form := goodsGiftForm{Name: r.PostFormValue("name"), Unit: r.PostFormValue("unit"), Quantity: r.PostFormValue("quantity"),
		Value: r.PostFormValue("value"), Date: r.PostFormValue("received_on"), ValuedBy: r.PostFormValue("valued_by"),
		Method: r.PostFormValue("valuation_method"), Notes: r.PostFormValue("notes"), Donor: donorFromForm(r)}
	if res, err := s.orgResourceFor(r, org); err == nil && !parasat.Can(currentUser(r.Context()), parasat.RecordMoney, res) {
		s.forbidden(w, r)
		return
	}
	var bad []string
	g := parasat.GoodsGift{OrganisationID: org, Donor: form.Donor, ReceivedOn: dayField(r, "received_on", &bad), ValuedBy: form.ValuedBy,
		Method: parasat.ValuationMethod(form.Method), Notes: form.Notes,
		Lines: []parasat.GoodsLine{{Name: form.Name, Unit: parasat.GoodsUnit(form.Unit), Quantity: formInt(r, "quantity"), Value: formMoney(r, "value", &bad)}}}
	var err error
	if len(bad) == 0 {
		err = s.services.Goods.RecordGoodsGift(r.Context(), &g)
	}
	if len(bad) > 0 || err != nil {
		var ok bool
		if form.Errors, form.Summary, ok = formProblems(l, bad, err); !ok {
			s.pageError(w, r, err)
			return
		}
		tagMoneyFields(l, form.Errors, bad, "value")
		for k, m := range form.Errors {
			if f, ok := map[string]string{"lines.0.name": "name", "lines.0.unit": "unit", "lines.0.quantity": "quantity",
				"lines.0.value_tiyn": "value"}[k]; ok {
				form.Errors[f] = m
			}
		}
		s.goodsPageFor(w, r, http.StatusUnprocessableEntity, org, form, stockIssueForm{Date: today().String()})
		return
	}
	setFlash(w, "flash.goods_received")
	http.Redirect(w, r, "/goods?organisation="+strconv.FormatInt(org, 10), http.StatusSeeOther)
}

func (s *Server) handleSaveStockIssue(w http.ResponseWriter, r *http.Request) {
	l := s.catalog.For(s.language(r))
	form := stockIssueForm{Item: r.PostFormValue("item"), Kind: r.PostFormValue("kind"), Quantity: r.PostFormValue("count"),
		Date: r.PostFormValue("occurred_on"), Memo: r.PostFormValue("memo")}
	var org int64
	item, err := s.services.Goods.StockItem(r.Context(), formInt(r, "item"))
	if err == nil {
		org = item.OrganisationID
		if res, err := s.orgResourceFor(r, org); err == nil && !parasat.Can(currentUser(r.Context()), parasat.RecordMoney, res) {
			s.forbidden(w, r)
			return
		}
	}
	var bad []string
	is := parasat.StockIssue{ItemID: formInt(r, "item"), Kind: parasat.MovementKind(form.Kind), Quantity: formInt(r, "count"),
		OccurredOn: dayField(r, "occurred_on", &bad), Memo: form.Memo}
	err = nil
	if len(bad) == 0 {
		_, err = s.services.Goods.RecordStockIssue(r.Context(), &is)
	}
	if len(bad) > 0 || err != nil {
		var ok bool
		if form.Errors, form.Summary, ok = formProblems(l, bad, err); !ok {
			s.pageError(w, r, err)
			return
		}
		s.goodsPageFor(w, r, http.StatusUnprocessableEntity, org, goodsGiftForm{Date: today().String(),
			Donor: parasat.Donor{Kind: parasat.DonorPatron}}, form)
		return
	}
	setFlash(w, "flash.goods_issued")
	http.Redirect(w, r, "/goods?organisation="+strconv.FormatInt(org, 10), http.StatusSeeOther)
}
