package http

import (
	"context"
	"net/http"
	"strconv"

	"github.com/danielgtaylor/huma/v2"

	"github.com/parasat-kz/parasat"
)

// DonationBody is a gift of money as clients send it.
type DonationBody struct {
	Donor       parasat.Donor       `json:"donor"`
	Amount      int64               `json:"amount_tiyn" doc:"In tiyn: 1 ₸ = 100 tiyn"`
	ReceivedOn  parasat.Date        `json:"received_on" doc:"The day the money arrived (YYYY-MM-DD)"`
	Channel     string              `json:"channel" enum:"cash,bank_transfer,kaspi,card,other"`
	Reference   string              `json:"reference,omitempty" maxLength:"300" doc:"Required except for cash"`
	Designation parasat.Designation `json:"designation"`
	PledgeID    *int64              `json:"pledge_id,omitempty" doc:"The pledge this gift fulfils, in full or in part"`
}

func (b *DonationBody) donation() *parasat.Donation {
	return &parasat.Donation{Donor: b.Donor, Amount: b.Amount, ReceivedOn: b.ReceivedOn, Channel: parasat.Channel(b.Channel),
		Reference: b.Reference, Designation: b.Designation, PledgeID: b.PledgeID}
}

type donationInput struct {
	IdempotencyInput
	Body DonationBody
}

type donationOutput struct {
	ReplayHeader
	Location string `header:"Location"`
	Body     *parasat.Donation
}

type donationListOutput struct {
	Body struct {
		Items      []parasat.Donation `json:"items"`
		NextCursor string             `json:"next_cursor,omitempty"`
	}
}

type donationListInput struct {
	Organisation int64  `query:"organisation" doc:"Only gifts to this organisation's funds"`
	Campaign     int64  `query:"campaign"`
	Event        int64  `query:"event" doc:"Only gifts designated to this event"`
	Patron       int64  `query:"patron"`
	Limit        int    `query:"limit" minimum:"1" maximum:"500" default:"50"`
	Cursor       string `query:"cursor"`
}

// IDPath names one record by its id.
type IDPath struct {
	ID int64 `path:"id" minimum:"1"`
}

// ReversalBody says why an entry is reversed.
type ReversalBody struct {
	Reason         string `json:"reason" maxLength:"300" doc:"Why the entry is reversed; required"`
	AllowOverdraft bool   `json:"allow_overdraft,omitempty" doc:"Let the reversal take a fund below zero (coordinators)"`
}

type reversalInput struct {
	IDPath
	IdempotencyInput
	Body ReversalBody
}

type entryOutput struct {
	ReplayHeader
	Location string `header:"Location"`
	Body     *parasat.LedgerEntry
}

type pdfOutput struct {
	ContentType        string `header:"Content-Type"`
	ContentDisposition string `header:"Content-Disposition"`
	Body               []byte
}

func (s *Server) registerDonationRoutes(api huma.API) {
	huma.Register(api, operation("list-donations", http.MethodGet, "/donations", parasat.ReadGift,
		"List the gifts of money the caller may see, newest first: staff their organisations', a patron their own", "Money"), s.listDonations)
	huma.Register(api, operation("create-donation", http.MethodPost, "/donations", parasat.RecordMoney,
		"Record a gift of money with its ledger entry and, for a named donor, its numbered receipt", "Money"), s.createDonation)
	huma.Register(api, operation("get-donation", http.MethodGet, "/donations/{id}", parasat.ReadGift,
		"Read one gift", "Money"), func(ctx context.Context, in *IDPath) (*donationOutput, error) {
		d, err := s.readableDonation(ctx, in.ID)
		if err != nil {
			return nil, err
		}
		return &donationOutput{Body: d}, nil
	})
	huma.Register(api, operation("reverse-donation", http.MethodPost, "/donations/{id}/reversal", parasat.RecordMoney,
		"Reverse a gift recorded by mistake: a reversing entry that names it and says why", "Money"), s.reverseDonation)
	huma.Register(api, operation("get-receipt", http.MethodGet, "/donations/{id}/receipt", parasat.ReadGift,
		"The gift's receipt as a PDF in the donor's language (none for an anonymous gift)", "Money"), s.donationReceipt)
}

// readableDonation loads a gift the caller may read.
func (s *Server) readableDonation(ctx context.Context, id int64) (*parasat.Donation, error) {
	d, err := s.services.Donations.Donation(ctx, id)
	if err != nil {
		return nil, s.apiError(err)
	}
	if !parasat.Can(currentUser(ctx), parasat.ReadGift, d.Resource()) {
		return nil, notVisible("donation")
	}
	return d, nil
}

func (s *Server) listDonations(ctx context.Context, in *donationListInput) (*donationListOutput, error) {
	before, _, ok := parseCursor(in.Cursor)
	if !ok {
		return nil, badCursor(in.Cursor)
	}
	items, err := s.services.Donations.ListDonations(ctx, parasat.DonationFilter{OrganisationID: in.Organisation,
		CampaignID: in.Campaign, EventID: in.Event, PatronID: in.Patron, Before: before, Limit: in.Limit,
		Visibility: visibility(currentUser(ctx), parasat.ReadGift)})
	if err != nil {
		return nil, s.apiError(err)
	}
	out := &donationListOutput{}
	out.Body.Items = items
	if len(items) == in.Limit {
		out.Body.NextCursor = strconv.FormatInt(items[len(items)-1].ID, 10)
	}
	return out, nil
}

// fundResource finds the fund a designation names, for the policy; a
// designation of nothing is a field error on field.
func (s *Server) fundResource(ctx context.Context, d parasat.Designation, field string) (parasat.Resource, error) {
	res, err := s.services.Ledger.FundResource(ctx, d)
	if parasat.ErrorCode(err) == parasat.ENotFound {
		return parasat.Resource{}, s.apiError(d.Unknown(field))
	}
	if err != nil {
		return parasat.Resource{}, s.apiError(err)
	}
	return res, nil
}

func (s *Server) createDonation(ctx context.Context, in *donationInput) (*donationOutput, error) {
	d := in.Body.donation()
	d.Normalize()
	if err := d.Validate(today()); err != nil {
		return nil, s.apiError(err)
	}
	res, err := s.fundResource(ctx, d.Designation, "designation")
	if err != nil {
		return nil, err
	}
	if err := s.authorize(ctx, parasat.RecordMoney, res); err != nil {
		return nil, err
	}
	ctx, key, err := withIdempotency(ctx, in.IdempotencyInput, "create-donation", in.Body)
	if err != nil {
		return nil, err
	}
	if err := s.services.Donations.RecordDonation(ctx, d); err != nil {
		return nil, s.idempotencyError(err)
	}
	return &donationOutput{ReplayHeader: replayed(key), Location: APIPrefix + "/donations/" + strconv.FormatInt(d.ID, 10), Body: d}, nil
}

func (s *Server) reverseDonation(ctx context.Context, in *reversalInput) (*entryOutput, error) {
	d, err := s.readableDonation(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	if err := s.authorizeWrite(ctx, d.Resource(), in.Body.AllowOverdraft); err != nil {
		return nil, err
	}
	ctx, key, err := withIdempotency(ctx, in.IdempotencyInput, "reverse-donation/"+strconv.FormatInt(in.ID, 10), in.Body)
	if err != nil {
		return nil, err
	}
	e, err := s.services.Donations.ReverseDonation(ctx, d.ID, &parasat.Reversal{Reason: in.Body.Reason, AllowOverdraft: in.Body.AllowOverdraft})
	if err != nil {
		return nil, s.idempotencyError(err)
	}
	return &entryOutput{ReplayHeader: replayed(key), Location: APIPrefix + "/ledger/entries/" + strconv.FormatInt(e.ID, 10), Body: e}, nil
}

// authorizeWrite checks that the caller may record money for the resource,
// and may allow an overdraft when they ask to.
func (s *Server) authorizeWrite(ctx context.Context, r parasat.Resource, overdraft bool) error {
	if err := s.authorize(ctx, parasat.RecordMoney, r); err != nil {
		return err
	}
	if overdraft && !parasat.Can(currentUser(ctx), parasat.AllowOverdraft, r) {
		return huma.Error403Forbidden("only a coordinator may allow an overdraft",
			&huma.ErrorDetail{Location: "body.allow_overdraft", Message: "your role may not allow a fund to go below zero", Value: true})
	}
	return nil
}

func (s *Server) donationReceipt(ctx context.Context, in *IDPath) (*pdfOutput, error) {
	if _, err := s.readableDonation(ctx, in.ID); err != nil {
		return nil, err
	}
	doc, err := s.services.Receipts.ReceiptDocument(ctx, in.ID)
	if err != nil {
		return nil, s.apiError(err)
	}
	b, err := s.receiptPDF(doc)
	if err != nil {
		return nil, s.apiError(err)
	}
	return &pdfOutput{ContentType: "application/pdf", ContentDisposition: `attachment; filename="receipt-` + doc.Receipt.Code() + `.pdf"`, Body: b}, nil
}

// registerMoneyRoutes registers the API of money and gifts.
func (s *Server) registerMoneyRoutes(api huma.API) {
	s.registerDonationRoutes(api)
	s.registerLedgerRoutes(api)
	s.registerCampaignRoutes(api)
	s.registerPledgeRoutes(api)
	s.registerGoodsRoutes(api)
	s.registerStatementRoutes(api)
}
