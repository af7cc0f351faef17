package http

import (
	"net/http"
	"strconv"

	"github.com/parasat-kz/parasat"
)

type donationsPage struct {
	Items     []parasat.Donation
	FundNames map[int64]string
	Next      string
	CanCreate bool
	// Patron is the signed-in patron's own record, for their statement.
	Patron *parasat.Patron
	Years  []int
}

func (s *Server) handleDonations(w http.ResponseWriter, r *http.Request) {
	before, _, _ := parseCursor(r.URL.Query().Get("before"))
	u := currentUser(r.Context())
	items, err := s.services.Donations.ListDonations(r.Context(), parasat.DonationFilter{Before: before, Limit: 50,
		Visibility: visibility(u, parasat.ReadGift)})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	p := s.newPage(w, r, "nav.gifts", nil)
	data := donationsPage{Items: items, FundNames: map[int64]string{}, CanCreate: parasat.CanSome(u, parasat.RecordMoney)}
	for _, d := range items {
		if _, ok := data.FundNames[d.FundID]; !ok {
			if f, err := s.services.Ledger.FundByID(r.Context(), d.FundID); err == nil {
				data.FundNames[d.FundID] = f.Name.Best(p.Lang)
			}
		}
	}
	if own, err := s.services.Patrons.ListPatrons(r.Context(), parasat.PatronFilter{Limit: 1,
		Visibility: parasat.Visibility{OwnerUserID: u.ID}}); err == nil && len(own) == 1 {
		data.Patron = &own[0]
		for y := today().Year(); y >= 2019; y-- {
			data.Years = append(data.Years, y)
		}
	}
	if len(items) == 50 {
		data.Next = strconv.FormatInt(items[len(items)-1].ID, 10)
	}
	p.Data = data
	s.render(w, http.StatusOK, "donations", p)
}

// pageDonation loads the gift of the path that the caller may read.
func (s *Server) pageDonation(w http.ResponseWriter, r *http.Request) (*parasat.Donation, bool) {
	id, ok := pathID(r, "id")
	if !ok {
		s.notFound(w, r)
		return nil, false
	}
	d, err := s.services.Donations.Donation(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return nil, false
	}
	if !parasat.Can(currentUser(r.Context()), parasat.ReadGift, d.Resource()) {
		s.notFound(w, r)
		return nil, false
	}
	return d, true
}

type donationView struct {
	D         *parasat.Donation
	FundName  string
	Reversal  *parasat.LedgerEntry
	CanRecord bool
	Error     string
}

func (s *Server) donationPage(w http.ResponseWriter, r *http.Request, status int, d *parasat.Donation, errMsg string) {
	p := s.newPage(w, r, "nav.gifts", nil)
	data := donationView{D: d, CanRecord: parasat.Can(p.User, parasat.RecordMoney, d.Resource()), Error: errMsg}
	if f, err := s.services.Ledger.FundByID(r.Context(), d.FundID); err == nil {
		data.FundName = f.Name.Best(p.Lang)
	}
	if d.ReversedBy != nil {
		data.Reversal, _ = s.services.Ledger.LedgerEntry(r.Context(), *d.ReversedBy)
	}
	p.Data = data
	p.Title = p.T.T("donation.title", "Amount", p.T.Money(d.Amount))
	p.Breadcrumbs = []crumb{{p.T.T("nav.gifts"), "/donations"}, {p.Title, ""}}
	s.render(w, status, "donation", p)
}

func (s *Server) handleDonation(w http.ResponseWriter, r *http.Request) {
	if d, ok := s.pageDonation(w, r); ok {
		s.donationPage(w, r, http.StatusOK, d, "")
	}
}

func (s *Server) handleReverseDonation(w http.ResponseWriter, r *http.Request) {
	d, ok := s.pageDonation(w, r)
	if !ok {
		return
	}
	u := currentUser(r.Context())
	overdraft := r.PostFormValue("allow_overdraft") == "yes"
	if !parasat.Can(u, parasat.RecordMoney, d.Resource()) || overdraft && !parasat.Can(u, parasat.AllowOverdraft, d.Resource()) {
		s.forbidden(w, r)
		return
	}
	back := "/donations/" + strconv.FormatInt(d.ID, 10)
	if !s.confirmed(w, r, back, "confirm.reverse_donation") {
		return
	}
	_, err := s.services.Donations.ReverseDonation(r.Context(), d.ID, &parasat.Reversal{Reason: r.PostFormValue("reason"), AllowOverdraft: overdraft})
	if err != nil {
		l := s.catalog.For(s.language(r))
		if msg := firstFieldError(l, err); msg != "" {
			s.donationPage(w, r, http.StatusUnprocessableEntity, d, msg)
			return
		}
		s.pageError(w, r, err)
		return
	}
	setFlash(w, "flash.reversed")
	http.Redirect(w, r, back, http.StatusSeeOther)
}

func (s *Server) handleReceiptPDF(w http.ResponseWriter, r *http.Request) {
	d, ok := s.pageDonation(w, r)
	if !ok {
		return
	}
	doc, err := s.services.Receipts.ReceiptDocument(r.Context(), d.ID)
	if parasat.ErrorCode(err) == parasat.EInvalid {
		s.donationPage(w, r, http.StatusUnprocessableEntity, d, firstFieldError(s.catalog.For(s.language(r)), err))
		return
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	b, err := s.receiptPDF(doc)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	writePDF(w, "receipt-"+doc.Receipt.Code()+".pdf", b)
}

func writePDF(w http.ResponseWriter, name string, b []byte) {
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	_, _ = w.Write(b)
}

func (s *Server) handleStatementPDF(w http.ResponseWriter, r *http.Request) {
	pt, ok := s.pagePatronFor(w, r, parasat.ReadGift)
	if !ok {
		return
	}
	year, err := strconv.Atoi(r.URL.Query().Get("year"))
	if err != nil || year < 2000 || year > 2100 {
		year = today().Year()
	}
	st, err := s.services.Receipts.Statement(r.Context(), pt.ID, year)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	b, err := s.statementPDF(st, s.language(r))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	writePDF(w, "statement-"+strconv.Itoa(year)+".pdf", b)
}

// pagePatronFor loads the patron of the path when the caller may act on them.
func (s *Server) pagePatronFor(w http.ResponseWriter, r *http.Request, a parasat.Action) (*parasat.Patron, bool) {
	id, ok := pathID(r, "id")
	if !ok {
		s.notFound(w, r)
		return nil, false
	}
	p, err := s.services.Patrons.Patron(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return nil, false
	}
	if !parasat.Can(currentUser(r.Context()), a, p.Resource()) {
		s.notFound(w, r)
		return nil, false
	}
	return p, true
}

// donorFromForm reads the donor fields shared by gifts of money and goods.
func donorFromForm(r *http.Request) parasat.Donor {
	d := parasat.Donor{Kind: parasat.DonorKind(r.PostFormValue("donor_kind")), Name: r.PostFormValue("donor_name"),
		Contact: r.PostFormValue("donor_contact"), Language: parasat.Language(r.PostFormValue("donor_language")),
		Public: r.PostFormValue("public") == "yes"}
	if d.Kind == parasat.DonorPatron {
		id := formInt(r, "patron")
		d.PatronID = &id
		d.Name, d.Contact = "", ""
	}
	if d.Kind == parasat.DonorAnonymous {
		d.Name, d.Contact = "", ""
	}
	return d
}

func (s *Server) registerDonationPages(mux *http.ServeMux) {
	s.handlePage(mux, "GET /donations", parasat.ReadGift, s.handleDonations)
	s.handlePage(mux, "GET /donations/new", parasat.RecordMoney, s.handleNewDonationForm)
	s.handlePage(mux, "POST /donations", parasat.RecordMoney, s.handleSaveDonation)
	s.handlePage(mux, "GET /donations/{id}", parasat.ReadGift, s.handleDonation)
	s.handlePage(mux, "POST /donations/{id}/reverse", parasat.RecordMoney, s.handleReverseDonation)
	s.handlePage(mux, "GET /donations/{id}/receipt.pdf", parasat.ReadGift, s.handleReceiptPDF)
	s.handlePage(mux, "GET /patrons/{id}/statement.pdf", parasat.ReadGift, s.handleStatementPDF)
	s.registerPledgePages(mux)
	s.registerCampaignPages(mux)
	s.registerLedgerPages(mux)
}
