package parasat

import (
	"context"
	"slices"
	"strconv"
	"time"
)

// Goods are counted in whole units of their measure and valued in tiyn. An
// organisation keeps a simple stock: gifts come in, goods are given out
// (through aid records, once events are in Parasat) or adjusted after a
// count, and received − given ± adjusted = left, in quantity and in value.

// GoodsUnit is the measure goods are counted in.
type GoodsUnit string

const (
	UnitPiece GoodsUnit = "piece"
	UnitPack  GoodsUnit = "pack"
	UnitSet   GoodsUnit = "set"
	UnitKg    GoodsUnit = "kg"
	UnitTonne GoodsUnit = "tonne"
	UnitLitre GoodsUnit = "litre"
)

// GoodsUnits lists the units in the order forms show them.
var GoodsUnits = []GoodsUnit{UnitPiece, UnitPack, UnitSet, UnitKg, UnitTonne, UnitLitre}

// ValuationMethod is how a gift of goods was given its value in tenge.
type ValuationMethod string

const (
	// ValuedByDocuments: the donor's invoice or receipt.
	ValuedByDocuments ValuationMethod = "documents"
	// ValuedByMarketPrice: the price of the same goods in shops.
	ValuedByMarketPrice ValuationMethod = "market_price"
	// ValuedByExpert: an independent appraiser.
	ValuedByExpert ValuationMethod = "expert"
)

// ValuationMethods lists the methods in the order forms show them.
var ValuationMethods = []ValuationMethod{ValuedByDocuments, ValuedByMarketPrice, ValuedByExpert}

// maxQuantity bounds a quantity: a million tonnes is a typing mistake.
const maxQuantity = 1_000_000_000

// GoodsLine is one kind of goods in a gift.
type GoodsLine struct {
	Name     string    `json:"name" maxLength:"300" doc:"What the goods are, e.g. food package, school supplies set, coal"`
	Unit     GoodsUnit `json:"unit" enum:"piece,pack,set,kg,tonne,litre"`
	Quantity int64     `json:"quantity" minimum:"1"`
	Value    int64     `json:"value_tiyn" doc:"The value of the whole quantity"`
	ItemID   int64     `json:"item_id,omitempty" doc:"The stock item it went into (set by Parasat)"`
}

// GoodsGift is a gift of goods received into an organisation's stock.
type GoodsGift struct {
	ID             int64           `json:"id"`
	OrganisationID int64           `json:"organisation_id"`
	Region         string          `json:"region"`
	Donor          Donor           `json:"donor"`
	ReceivedOn     Date            `json:"received_on"`
	Lines          []GoodsLine     `json:"lines"`
	ValuedBy       string          `json:"valued_by" doc:"Who put the value on the goods"`
	Method         ValuationMethod `json:"valuation_method" enum:"documents,market_price,expert"`
	Notes          string          `json:"notes,omitempty"`
	Value          int64           `json:"value_tiyn" doc:"The value of all lines"`
	Recorded       time.Time       `json:"recorded_at"`
}

// Normalize trims the texts.
func (g *GoodsGift) Normalize() {
	g.Donor.Normalize()
	g.ValuedBy, g.Notes = oneLine(g.ValuedBy), oneLine(g.Notes)
	for i := range g.Lines {
		g.Lines[i].Name = oneLine(g.Lines[i].Name)
	}
}

// Validate checks a gift of goods before it is recorded, on the day today.
func (g *GoodsGift) Validate(today Date) error {
	var p Problems
	if g.OrganisationID <= 0 {
		p.Add("organisation_id", "organisation.unknown", "no organisation has this id")
	}
	g.Donor.validate(&p)
	validateDay(&p, "received_on", g.ReceivedOn, today)
	if len(g.Lines) == 0 {
		p.Add("lines", "goods.lines", "list at least one kind of goods")
	}
	if len(g.Lines) > 100 {
		p.Add("lines", "goods.too_many_lines", "at most 100 kinds of goods in one gift")
	}
	g.Value = 0
	for i, l := range g.Lines {
		validateLine(&p, "lines."+strconv.Itoa(i)+".", l.Name, l.Unit, l.Quantity)
		if l.Value < 0 || l.Value > MaxAmount {
			p.Add("lines."+strconv.Itoa(i)+".value_tiyn", "amount.absurd", "must be from 0 to 1 500 000 000 ₸")
		}
		g.Value += l.Value
	}
	if g.Value <= 0 && len(g.Lines) > 0 {
		p.Add("lines.0.value_tiyn", "amount.positive", "must be more than zero")
	}
	if g.ValuedBy == "" {
		p.Add("valued_by", "goods.valued_by", "say who valued the goods")
	}
	if !slices.Contains(ValuationMethods, g.Method) {
		p.Add("valuation_method", "goods.method", "must be documents, market_price or expert")
	}
	validateText(&p, "valued_by", g.ValuedBy, maxNameLength)
	validateText(&p, "notes", g.Notes, maxNameLength)
	return p.Err()
}

func validateLine(p *Problems, prefix, name string, unit GoodsUnit, qty int64) {
	if name == "" {
		p.Add(prefix+"name", "required", "is required")
	}
	validateText(p, prefix+"name", name, maxNameLength)
	if !slices.Contains(GoodsUnits, unit) {
		p.Add(prefix+"unit", "goods.unit", "must be piece, pack, set, kg, tonne or litre")
	}
	if qty <= 0 || qty > maxQuantity {
		p.Add(prefix+"quantity", "goods.quantity", "must be a whole number from 1 to 1 000 000 000")
	}
}

// Resource describes the gift for the policy.
func (g *GoodsGift) Resource() Resource {
	return Resource{Region: g.Region, OrganisationID: g.OrganisationID}
}

// MovementKind is what moved goods in or out of stock.
type MovementKind string

const (
	MoveGift       MovementKind = "gift"
	MoveIssue      MovementKind = "issue"
	MoveAdjustment MovementKind = "adjustment"
)

// StockIssue gives goods out of stock (Quantity > 0 leaves the stock), or,
// as an adjustment after a count, corrects it (Quantity may then be
// negative or positive) with a reason.
type StockIssue struct {
	ItemID     int64
	Kind       MovementKind // MoveIssue or MoveAdjustment
	Quantity   int64
	OccurredOn Date
	Memo       string
}

// Normalize trims the memo.
func (s *StockIssue) Normalize() { s.Memo = oneLine(s.Memo) }

// Validate checks an issue or adjustment before it is recorded.
func (s *StockIssue) Validate(today Date) error {
	var p Problems
	if s.ItemID <= 0 {
		p.Add("item_id", "goods.item_unknown", "no goods in stock have this id")
	}
	switch s.Kind {
	case MoveIssue:
		if s.Quantity <= 0 || s.Quantity > maxQuantity {
			p.Add("quantity", "goods.quantity", "must be a whole number from 1 to 1 000 000 000")
		}
	case MoveAdjustment:
		if s.Quantity == 0 || s.Quantity > maxQuantity || s.Quantity < -maxQuantity {
			p.Add("quantity", "goods.adjustment", "must be a whole number other than zero")
		}
		if s.Memo == "" {
			p.Add("memo", "goods.adjustment_reason", "say why the stock is corrected")
		}
	default:
		p.Add("kind", "goods.kind", "must be issue or adjustment")
	}
	validateDay(&p, "occurred_on", s.OccurredOn, today)
	validateText(&p, "memo", s.Memo, maxNameLength)
	return p.Err()
}

// StockItem is one kind of goods an organisation holds, with running totals.
type StockItem struct {
	ID             int64     `json:"id"`
	OrganisationID int64     `json:"organisation_id"`
	Name           string    `json:"name"`
	Unit           GoodsUnit `json:"unit"`
	Received       int64     `json:"received"`
	Issued         int64     `json:"issued"`
	Adjusted       int64     `json:"adjusted" doc:"Net corrections after counts"`
	OnHand         int64     `json:"on_hand"`
	ValueIn        int64     `json:"value_in_tiyn"`
	ValueOut       int64     `json:"value_out_tiyn" doc:"Given out and written off, at average value"`
	ValueOnHand    int64     `json:"value_on_hand_tiyn"`
}

// StockMovement is one change of stock, as recorded; never changed.
type StockMovement struct {
	ID             int64        `json:"id"`
	ItemID         int64        `json:"item_id"`
	OrganisationID int64        `json:"organisation_id"`
	Kind           MovementKind `json:"kind" enum:"gift,issue,adjustment"`
	GiftID         *int64       `json:"gift_id,omitempty"`
	Quantity       int64        `json:"quantity" doc:"Positive into stock, negative out of it"`
	Value          int64        `json:"value_tiyn"`
	OnHandAfter    int64        `json:"on_hand_after"`
	OccurredOn     Date         `json:"occurred_on"`
	Memo           string       `json:"memo,omitempty"`
	Recorded       time.Time    `json:"recorded_at"`
}

// GoodsService keeps the stock of goods of each organisation.
type GoodsService interface {
	RecordGoodsGift(ctx context.Context, g *GoodsGift) error
	// RecordStockIssue gives goods out or adjusts the stock; more than is
	// on hand cannot leave it.
	RecordStockIssue(ctx context.Context, s *StockIssue) (*StockMovement, error)
	StockItem(ctx context.Context, id int64) (*StockItem, error)
	ListStock(ctx context.Context, organisationID int64) ([]StockItem, error)
}
