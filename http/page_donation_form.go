package http

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/parasat-kz/parasat"
)

type donationForm struct {
	D                                      parasat.Donation
	Fund, Amount, ReceivedOn, Pledge       string
	PatronName                             string // of a pledge's patron the person may not list otherwise
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
	if patron != "" && form.PatronName != "" && !slices.ContainsFunc(c.patrons, func(o option) bool { return o.Value == patron }) {
		c.patrons = append(c.patrons, option{Value: patron, Label: form.PatronName})
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
	form := donationForm{D: d, Fund: r.URL.Query().Get("fund"), ReceivedOn: today().String()}
	if id, _ := strconv.ParseInt(r.URL.Query().Get("pledge"), 10, 64); id > 0 {
		s.prefillFromPledge(r, &form, id)
	}
	s.donationFormPage(w, r, http.StatusOK, form)
}

// prefillFromPledge starts the gift form from a pledge the person may see:
// its patron, its campaign's or event's fund, and what is overdue today.
func (s *Server) prefillFromPledge(r *http.Request, form *donationForm, id int64) {
	pl, err := s.services.Pledges.Pledge(r.Context(), id)
	if err != nil || !parasat.Can(currentUser(r.Context()), parasat.ReadGift, pl.Resource()) {
		return
	}
	form.Fund, form.Pledge, form.D.Donor.PatronID = designationValue(pl.Designation()), strconv.FormatInt(pl.ID, 10), &pl.PatronID
	form.PatronName = pl.PatronName
	if overdue := pl.Overdue(today()); overdue > 0 {
		form.Amount = tengeText(overdue)
	}
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
	if form.Fund == "" && d.PledgeID != nil {
		// A gift fulfilling a pledge goes to the pledge's campaign or event.
		if pl, err := s.services.Pledges.Pledge(r.Context(), *d.PledgeID); err == nil &&
			parasat.Can(currentUser(r.Context()), parasat.ReadGift, pl.Resource()) {
			d.Designation = pl.Designation()
			form.D.Designation, form.Fund = d.Designation, designationValue(d.Designation)
		}
	}
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
