package http

import (
	"net/http"
	"strconv"

	"github.com/parasat-kz/parasat"
)

type donationForm struct {
	D                                      parasat.Donation
	Fund, Amount, ReceivedOn, Pledge       string
	Funds, Patrons, Channels, Kinds, Langs []option
	Errors                                 map[string]string
	Summary                                string
}

func (s *Server) donationFormPage(w http.ResponseWriter, r *http.Request, status int, form donationForm) {
	p := s.newPage(w, r, "donation.new", nil)
	c, err := s.loadMoneyChoices(r, p.Lang, parasat.RecordMoney, true)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	events, err := s.eventFundOptions(r, p.T, parasat.RecordMoney, c.orgNames, form.Fund)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	form.Funds = marked(append(c.funds, events...), form.Fund)
	patron := ""
	if form.D.Donor.PatronID != nil {
		patron = strconv.FormatInt(*form.D.Donor.PatronID, 10)
	}
	form.Patrons = marked(c.patrons, patron)
	form.Channels = simpleOptions(p.T, "channel.", parasat.Channels, form.D.Channel)
	form.Kinds = donorKindOptions(p.T, form.D.Donor.Kind)
	form.Langs = simpleOptions(p.T, "lang.", parasat.Languages, form.D.Donor.Language)
	p.Breadcrumbs = []crumb{{p.T.T("nav.gifts"), "/donations"}, {p.Title, ""}}
	p.Data = form
	s.render(w, status, "donation_form", p)
}

func (s *Server) handleNewDonationForm(w http.ResponseWriter, r *http.Request) {
	d := parasat.Donation{Donor: parasat.Donor{Kind: parasat.DonorPatron, Language: parasat.Kazakh}, Channel: parasat.ChannelBankTransfer}
	s.donationFormPage(w, r, http.StatusOK, donationForm{D: d, Fund: r.URL.Query().Get("fund"), ReceivedOn: today().String()})
}

// handleSaveDonation records a gift from the staff's form.
func (s *Server) handleSaveDonation(w http.ResponseWriter, r *http.Request) {
	l := s.catalog.For(s.language(r))
	var bad []string
	d := parasat.Donation{Donor: donorFromForm(r), Amount: formMoney(r, "amount", &bad), ReceivedOn: dayField(r, "received_on", &bad),
		Channel: parasat.Channel(r.PostFormValue("channel")), Reference: r.PostFormValue("reference"),
		Designation: parseDesignation(r.PostFormValue("fund"))}
	if n := formInt(r, "pledge"); n > 0 {
		d.PledgeID = &n
	}
	form := donationForm{D: d, Fund: r.PostFormValue("fund"), Amount: r.PostFormValue("amount"), ReceivedOn: r.PostFormValue("received_on"),
		Pledge: r.PostFormValue("pledge")}
	if res, err := s.services.Ledger.FundResource(r.Context(), d.Designation); err == nil && !parasat.Can(currentUser(r.Context()), parasat.RecordMoney, res) {
		s.forbidden(w, r)
		return
	}
	var err error
	if len(bad) == 0 {
		err = s.services.Donations.RecordDonation(r.Context(), &d)
	}
	if len(bad) > 0 || err != nil {
		var ok bool
		if form.Errors, form.Summary, ok = formProblems(l, bad, err); !ok {
			s.pageError(w, r, err)
			return
		}
		tagMoneyFields(l, form.Errors, bad, "amount")
		if m := form.Errors["amount"]; m != "" {
			form.Errors["amount_tiyn"] = m
		}
		s.donationFormPage(w, r, http.StatusUnprocessableEntity, form)
		return
	}
	setFlash(w, "flash.donation_recorded", "Amount", l.Money(d.Amount))
	http.Redirect(w, r, "/donations/"+strconv.FormatInt(d.ID, 10), http.StatusSeeOther)
}
