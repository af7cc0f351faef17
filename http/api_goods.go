package http

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/parasat-kz/parasat"
)

// GoodsGiftBody is a gift of goods as clients send it.
type GoodsGiftBody struct {
	OrganisationID int64               `json:"organisation_id" doc:"The organisation whose stock receives the goods"`
	Donor          parasat.Donor       `json:"donor"`
	ReceivedOn     parasat.Date        `json:"received_on"`
	Lines          []parasat.GoodsLine `json:"lines" maxItems:"100"`
	ValuedBy       string              `json:"valued_by" maxLength:"300"`
	Method         string              `json:"valuation_method" enum:"documents,market_price,expert"`
	Notes          string              `json:"notes,omitempty" maxLength:"300"`
}

// StockIssueBody gives goods out of stock or corrects it after a count.
type StockIssueBody struct {
	ItemID     int64        `json:"item_id"`
	Kind       string       `json:"kind" enum:"issue,adjustment"`
	Quantity   int64        `json:"quantity" doc:"For an issue, how many leave; for an adjustment, the correction (negative when goods are missing)"`
	OccurredOn parasat.Date `json:"occurred_on"`
	Memo       string       `json:"memo,omitempty" maxLength:"300" doc:"Required for an adjustment"`
}

type goodsGiftOutput struct {
	ReplayHeader
	Body *parasat.GoodsGift
}

type stockMovementOutput struct {
	ReplayHeader
	Body *parasat.StockMovement
}

type stockOutput struct {
	Body struct {
		Items []parasat.StockItem `json:"items"`
	}
}

func (s *Server) registerGoodsRoutes(api huma.API) {
	huma.Register(api, operation("list-stock", http.MethodGet, "/goods", parasat.ReadLedger,
		"An organisation's stock of goods: received, given, adjusted and left, in units and tenge", "Goods"), s.listStock)
	huma.Register(api, operation("create-goods-gift", http.MethodPost, "/goods/gifts", parasat.RecordMoney,
		"Receive a gift of goods into an organisation's stock, with its valuation", "Goods"), s.createGoodsGift)
	huma.Register(api, operation("create-stock-issue", http.MethodPost, "/goods/issues", parasat.RecordMoney,
		"Give goods out of stock, or adjust the stock after a count", "Goods"), s.createStockIssue)
}

func (s *Server) listStock(ctx context.Context, in *fundsInput) (*stockOutput, error) {
	res, err := s.orgResource(ctx, in.Organisation)
	if err != nil {
		return nil, err
	}
	if err := s.authorize(ctx, parasat.ReadLedger, res); err != nil {
		return nil, err
	}
	items, err := s.services.Goods.ListStock(ctx, in.Organisation)
	if err != nil {
		return nil, s.apiError(err)
	}
	out := &stockOutput{}
	out.Body.Items = items
	return out, nil
}

func (s *Server) createGoodsGift(ctx context.Context, in *struct {
	IdempotencyInput
	Body GoodsGiftBody
}) (*goodsGiftOutput, error) {
	b := in.Body
	g := &parasat.GoodsGift{OrganisationID: b.OrganisationID, Donor: b.Donor, ReceivedOn: b.ReceivedOn, Lines: b.Lines,
		ValuedBy: b.ValuedBy, Method: parasat.ValuationMethod(b.Method), Notes: b.Notes}
	g.Normalize()
	if err := g.Validate(today()); err != nil {
		return nil, s.apiError(err)
	}
	res, err := s.fundResource(ctx, parasat.Designation{Kind: parasat.DesignateGeneral, ID: g.OrganisationID}, "organisation")
	if err != nil {
		return nil, err
	}
	if err := s.authorize(ctx, parasat.RecordMoney, res); err != nil {
		return nil, err
	}
	ctx, key, err := withIdempotency(ctx, in.IdempotencyInput, "create-goods-gift", in.Body)
	if err != nil {
		return nil, err
	}
	if err := s.services.Goods.RecordGoodsGift(ctx, g); err != nil {
		return nil, s.idempotencyError(err)
	}
	return &goodsGiftOutput{ReplayHeader: replayed(key), Body: g}, nil
}

func (s *Server) createStockIssue(ctx context.Context, in *struct {
	IdempotencyInput
	Body StockIssueBody
}) (*stockMovementOutput, error) {
	b := in.Body
	is := &parasat.StockIssue{ItemID: b.ItemID, Kind: parasat.MovementKind(b.Kind), Quantity: b.Quantity, OccurredOn: b.OccurredOn, Memo: b.Memo}
	is.Normalize()
	if err := is.Validate(today()); err != nil {
		return nil, s.apiError(err)
	}
	item, err := s.services.Goods.StockItem(ctx, is.ItemID)
	if parasat.ErrorCode(err) == parasat.ENotFound {
		p := parasat.Problems{}
		p.Add("item_id", "goods.item_unknown", "no goods in stock have this id")
		return nil, s.apiError(p.Err())
	} else if err != nil {
		return nil, s.apiError(err)
	}
	res, err := s.orgResource(ctx, item.OrganisationID)
	if err != nil {
		return nil, err
	}
	if err := s.authorize(ctx, parasat.RecordMoney, res); err != nil {
		return nil, err
	}
	ctx, key, err := withIdempotency(ctx, in.IdempotencyInput, "create-stock-issue", in.Body)
	if err != nil {
		return nil, err
	}
	m, err := s.services.Goods.RecordStockIssue(ctx, is)
	if err != nil {
		return nil, s.idempotencyError(err)
	}
	return &stockMovementOutput{ReplayHeader: replayed(key), Body: m}, nil
}
