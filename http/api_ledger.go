package http

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/parasat-kz/parasat"
)

// SpendingBody is money going out of a fund.
type SpendingBody struct {
	Fund           parasat.Designation `json:"fund"`
	Amount         int64               `json:"amount_tiyn"`
	OccurredOn     parasat.Date        `json:"occurred_on"`
	Purpose        string              `json:"purpose" enum:"aid,goods_purchase,event_costs,other"`
	Category       string              `json:"category,omitempty" doc:"For aid: the category of the people helped"`
	Memo           string              `json:"memo,omitempty" maxLength:"300"`
	AllowOverdraft bool                `json:"allow_overdraft,omitempty" doc:"Let the fund go below zero (coordinators); recorded with the entry"`
}

// TransferBody moves money between funds.
type TransferBody struct {
	From           parasat.Designation `json:"from"`
	To             parasat.Designation `json:"to"`
	Amount         int64               `json:"amount_tiyn"`
	OccurredOn     parasat.Date        `json:"occurred_on"`
	Memo           string              `json:"memo,omitempty" maxLength:"300"`
	AllowOverdraft bool                `json:"allow_overdraft,omitempty"`
}

type ledgerListInput struct {
	Organisation int64  `query:"organisation" doc:"The organisation whose funds' entries to list (or fund)"`
	Fund         int64  `query:"fund" doc:"One fund's entries"`
	Limit        int    `query:"limit" minimum:"1" maximum:"500" default:"50"`
	Cursor       string `query:"cursor"`
}

type ledgerListOutput struct {
	Body struct {
		Items      []parasat.LedgerEntry `json:"items"`
		NextCursor string                `json:"next_cursor,omitempty"`
	}
}

type fundsInput struct {
	Organisation int64 `query:"organisation" required:"true" minimum:"1"`
}

type fundsOutput struct {
	Body struct {
		Items []parasat.Fund `json:"items"`
	}
}

func (s *Server) registerLedgerRoutes(api huma.API) {
	huma.Register(api, operation("list-ledger", http.MethodGet, "/ledger", parasat.ReadLedger,
		"List an organisation's or a fund's ledger entries, newest first", "Ledger"), s.listLedger)
	huma.Register(api, operation("list-funds", http.MethodGet, "/ledger/funds", parasat.ReadLedger,
		"An organisation's funds with their balances, from running totals", "Ledger"), s.listFunds)
	huma.Register(api, operation("get-ledger-entry", http.MethodGet, "/ledger/entries/{id}", parasat.ReadLedger,
		"Read one ledger entry with its postings", "Ledger"), func(ctx context.Context, in *IDPath) (*entryOutput, error) {
		e, _, err := s.readableEntry(ctx, in.ID)
		if err != nil {
			return nil, err
		}
		return &entryOutput{Body: e}, nil
	})
	huma.Register(api, operation("create-spending", http.MethodPost, "/ledger/spendings", parasat.RecordMoney,
		"Record money spent from a fund: aid by category, goods bought, event costs", "Ledger"), s.createSpending)
	huma.Register(api, operation("create-transfer", http.MethodPost, "/ledger/transfers", parasat.RecordMoney,
		"Move money from one fund to another", "Ledger"), s.createTransfer)
	huma.Register(api, operation("reverse-ledger-entry", http.MethodPost, "/ledger/entries/{id}/reversal", parasat.RecordMoney,
		"Reverse an entry recorded by mistake; a reversal cannot itself be reversed", "Ledger"), s.reverseEntry)
}

// orgResource describes an organisation for the policy.
func (s *Server) orgResource(ctx context.Context, id int64) (parasat.Resource, error) {
	o, err := s.services.Organisations.Organisation(ctx, id)
	if err != nil {
		return parasat.Resource{}, s.apiError(err)
	}
	return parasat.Resource{Region: o.Region, OrganisationID: o.ID}, nil
}

func (s *Server) listLedger(ctx context.Context, in *ledgerListInput) (*ledgerListOutput, error) {
	before, _, ok := parseCursor(in.Cursor)
	if !ok {
		return nil, badCursor(in.Cursor)
	}
	f := parasat.LedgerFilter{OrganisationID: in.Organisation, FundID: in.Fund, Before: before, Limit: in.Limit}
	var res parasat.Resource
	var err error
	switch {
	case in.Fund != 0:
		fund, ferr := s.services.Ledger.FundByID(ctx, in.Fund)
		if ferr != nil {
			return nil, s.apiError(ferr)
		}
		res, f.OrganisationID = fund.Resource(), 0
	case in.Organisation != 0:
		res, err = s.orgResource(ctx, in.Organisation)
	default:
		return nil, huma.Error422UnprocessableEntity("name an organisation or a fund",
			&huma.ErrorDetail{Location: "query.organisation", Message: "is required (or fund)"})
	}
	if err != nil {
		return nil, err
	}
	if err := s.authorize(ctx, parasat.ReadLedger, res); err != nil {
		return nil, err
	}
	items, err := s.services.Ledger.ListLedgerEntries(ctx, f)
	if err != nil {
		return nil, s.apiError(err)
	}
	out := &ledgerListOutput{}
	out.Body.Items = items
	if len(items) == in.Limit {
		out.Body.NextCursor = strconv.FormatInt(items[len(items)-1].ID, 10)
	}
	return out, nil
}

func (s *Server) listFunds(ctx context.Context, in *fundsInput) (*fundsOutput, error) {
	res, err := s.orgResource(ctx, in.Organisation)
	if err != nil {
		return nil, err
	}
	if err := s.authorize(ctx, parasat.ReadLedger, res); err != nil {
		return nil, err
	}
	funds, err := s.services.Ledger.ListFunds(ctx, in.Organisation)
	if err != nil {
		return nil, s.apiError(err)
	}
	out := &fundsOutput{}
	out.Body.Items = funds
	return out, nil
}

// readableEntry loads an entry whose organisation's ledger the caller may
// read, with the resource of its fund.
func (s *Server) readableEntry(ctx context.Context, id int64) (*parasat.LedgerEntry, parasat.Resource, error) {
	e, err := s.services.Ledger.LedgerEntry(ctx, id)
	if err != nil {
		return nil, parasat.Resource{}, s.apiError(err)
	}
	f, err := s.services.Ledger.FundByID(ctx, e.FundID)
	if err != nil {
		return nil, parasat.Resource{}, s.apiError(err)
	}
	if !parasat.Can(currentUser(ctx), parasat.ReadLedger, f.Resource()) {
		return nil, parasat.Resource{}, notVisible("ledger entry")
	}
	return e, f.Resource(), nil
}

func today() parasat.Date { return parasat.DayInKazakhstan(time.Now()) }

func (s *Server) createSpending(ctx context.Context, in *struct {
	IdempotencyInput
	Body SpendingBody
}) (*entryOutput, error) {
	b := in.Body
	sp := &parasat.Spending{Fund: b.Fund, Amount: b.Amount, OccurredOn: b.OccurredOn, Purpose: parasat.Purpose(b.Purpose),
		Category: parasat.Category(b.Category), Memo: b.Memo, AllowOverdraft: b.AllowOverdraft}
	sp.Normalize()
	if err := sp.Validate(today()); err != nil {
		return nil, s.apiError(err)
	}
	res, err := s.fundResource(ctx, sp.Fund, "fund")
	if err != nil {
		return nil, err
	}
	if err := s.authorizeWrite(ctx, res, sp.AllowOverdraft); err != nil {
		return nil, err
	}
	ctx, key, err := withIdempotency(ctx, in.IdempotencyInput, "create-spending", in.Body)
	if err != nil {
		return nil, err
	}
	e, err := s.services.Ledger.RecordSpending(ctx, sp)
	if err != nil {
		return nil, s.idempotencyError(err)
	}
	return &entryOutput{ReplayHeader: replayed(key), Location: APIPrefix + "/ledger/entries/" + strconv.FormatInt(e.ID, 10), Body: e}, nil
}

func (s *Server) createTransfer(ctx context.Context, in *struct {
	IdempotencyInput
	Body TransferBody
}) (*entryOutput, error) {
	b := in.Body
	t := &parasat.Transfer{From: b.From, To: b.To, Amount: b.Amount, OccurredOn: b.OccurredOn, Memo: b.Memo, AllowOverdraft: b.AllowOverdraft}
	t.Normalize()
	if err := t.Validate(today()); err != nil {
		return nil, s.apiError(err)
	}
	res, err := s.fundResource(ctx, t.From, "from")
	if err != nil {
		return nil, err
	}
	if _, err := s.fundResource(ctx, t.To, "to"); err != nil {
		return nil, err
	}
	if err := s.authorizeWrite(ctx, res, t.AllowOverdraft); err != nil {
		return nil, err
	}
	ctx, key, err := withIdempotency(ctx, in.IdempotencyInput, "create-transfer", in.Body)
	if err != nil {
		return nil, err
	}
	e, err := s.services.Ledger.RecordTransfer(ctx, t)
	if err != nil {
		return nil, s.idempotencyError(err)
	}
	return &entryOutput{ReplayHeader: replayed(key), Location: APIPrefix + "/ledger/entries/" + strconv.FormatInt(e.ID, 10), Body: e}, nil
}

func (s *Server) reverseEntry(ctx context.Context, in *reversalInput) (*entryOutput, error) {
	_, res, err := s.readableEntry(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	if err := s.authorizeWrite(ctx, res, in.Body.AllowOverdraft); err != nil {
		return nil, err
	}
	ctx, key, err := withIdempotency(ctx, in.IdempotencyInput, "reverse-ledger-entry/"+strconv.FormatInt(in.ID, 10), in.Body)
	if err != nil {
		return nil, err
	}
	e, err := s.services.Ledger.ReverseEntry(ctx, &parasat.Reversal{EntryID: in.ID, Reason: in.Body.Reason, AllowOverdraft: in.Body.AllowOverdraft})
	if err != nil {
		return nil, s.idempotencyError(err)
	}
	return &entryOutput{ReplayHeader: replayed(key), Location: APIPrefix + "/ledger/entries/" + strconv.FormatInt(e.ID, 10), Body: e}, nil
}
