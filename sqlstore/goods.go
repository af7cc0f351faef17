package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/big"
	"strconv"

	"github.com/parasat-kz/parasat"
)

var _ parasat.GoodsService = (*DB)(nil)

// RecordGoodsGift receives a gift of goods into the organisation's stock:
// each line goes to the stock item of its name and unit (opened on first
// use) with its value, in one transaction with the audit row.
func (db *DB) RecordGoodsGift(ctx context.Context, g *parasat.GoodsGift) error {
	g.Normalize()
	if err := g.Validate(db.today()); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		return db.idempotent(ctx, tx, g, func() error { return db.receiveGoods(ctx, tx, g) })
	})
}

func (db *DB) receiveGoods(ctx context.Context, tx *sql.Tx, g *parasat.GoodsGift) error {
	err := tx.QueryRowContext(ctx, "SELECT region_code FROM organisations WHERE id = $1", g.OrganisationID).Scan(&g.Region)
	if errors.Is(err, sql.ErrNoRows) {
		p := parasat.Problems{}
		p.Add("organisation_id", "organisation.unknown", "no organisation has this id")
		return p.Err()
	} else if err != nil {
		return err
	}
	var user *int64
	if err := db.checkDonor(ctx, tx, &g.Donor, &user); err != nil {
		return err
	}
	g.Recorded = db.now()
	actor := idOrNull(parasat.ActorFrom(ctx).UserID)
	err = tx.QueryRowContext(ctx, `INSERT INTO goods_gifts (organisation_id, donor_kind, patron_id, donor_name, donor_contact,
		public_name, received_on, valued_by, valuation_method, value_tiyn, notes, recorded_at, recorded_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`, g.OrganisationID, string(g.Donor.Kind),
		nullInt(g.Donor.PatronID), g.Donor.Name, g.Donor.Contact, g.Donor.Public, g.ReceivedOn.Time, g.ValuedBy, string(g.Method),
		g.Value, g.Notes, g.Recorded, actor).Scan(&g.ID)
	if err != nil {
		return fmt.Errorf("write goods gift: %w", err)
	}
	for i := range g.Lines {
		l := &g.Lines[i]
		if l.ItemID, err = stockItem(ctx, tx, g.OrganisationID, l.Name, l.Unit, g.Recorded); err != nil {
			return err
		}
		var onHand int64
		err = tx.QueryRowContext(ctx, `UPDATE stock_items SET received_qty = received_qty + $1, on_hand_qty = on_hand_qty + $1,
			value_in_tiyn = value_in_tiyn + $2, value_on_hand_tiyn = value_on_hand_tiyn + $2 WHERE id = $3 RETURNING on_hand_qty`,
			l.Quantity, l.Value, l.ItemID).Scan(&onHand)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO stock_movements (item_id, organisation_id, kind, gift_id, quantity, value_tiyn,
			on_hand_after, occurred_on, memo, recorded_at, recorded_by) VALUES ($1, $2, 'gift', $3, $4, $5, $6, $7, '', $8, $9)`,
			l.ItemID, g.OrganisationID, g.ID, l.Quantity, l.Value, onHand, g.ReceivedOn.Time, g.Recorded, actor); err != nil {
			return err
		}
	}
	return db.audit(ctx, tx, "create", "goods_gift", strconv.FormatInt(g.ID, 10), g.Region, nil, g)
}

// stockItem returns the organisation's item of that name (folded) and unit,
// opening it when new.
func stockItem(ctx context.Context, tx *sql.Tx, org int64, name string, unit parasat.GoodsUnit, now any) (int64, error) {
	key := parasat.FoldForSearch(name)
	var id int64
	err := tx.QueryRowContext(ctx, "SELECT id FROM stock_items WHERE organisation_id = $1 AND name_key = $2 AND unit = $3",
		org, key, string(unit)).Scan(&id)
	if !errors.Is(err, sql.ErrNoRows) {
		return id, err
	}
	// ON CONFLICT: a concurrent gift may open the same item first.
	if _, err := tx.ExecContext(ctx, `INSERT INTO stock_items (organisation_id, name, name_key, unit, created_at)
		VALUES ($1, $2, $3, $4, $5) ON CONFLICT (organisation_id, name_key, unit) DO NOTHING`, org, name, key, string(unit), now); err != nil {
		return 0, err
	}
	err = tx.QueryRowContext(ctx, "SELECT id FROM stock_items WHERE organisation_id = $1 AND name_key = $2 AND unit = $3",
		org, key, string(unit)).Scan(&id)
	return id, err
}

// RecordStockIssue gives goods out of stock or adjusts it after a count.
func (db *DB) RecordStockIssue(ctx context.Context, s *parasat.StockIssue) (*parasat.StockMovement, error) {
	s.Normalize()
	if err := s.Validate(db.today()); err != nil {
		return nil, err
	}
	m := &parasat.StockMovement{}
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		return db.idempotent(ctx, tx, m, func() error {
			got, err := db.issueGoodsInTx(ctx, tx, s)
			if err == nil {
				*m = *got
			}
			return err
		})
	})
	return m, err
}

// issueGoodsInTx takes goods out of stock (or adjusts it) inside the
// caller's transaction, valued at the item's average value, with its audit
// row. The issue must be normalized and validated. Aid records of goods
// call it, so that what was given and what left the stock are one change.
func (db *DB) issueGoodsInTx(ctx context.Context, tx *sql.Tx, s *parasat.StockIssue) (*parasat.StockMovement, error) {
	// The no-op update locks the item's row until the transaction ends.
	var item parasat.StockItem
	var region string
	err := tx.QueryRowContext(ctx, `UPDATE stock_items SET on_hand_qty = on_hand_qty WHERE id = $1
		RETURNING organisation_id, on_hand_qty, value_on_hand_tiyn`, s.ItemID).Scan(&item.OrganisationID, &item.OnHand, &item.ValueOnHand)
	if errors.Is(err, sql.ErrNoRows) {
		p := parasat.Problems{}
		p.Add("item_id", "goods.item_unknown", "no goods in stock have this id")
		return nil, p.Err()
	} else if err != nil {
		return nil, err
	}
	out := s.Quantity // leaving the stock
	if s.Kind == parasat.MoveAdjustment {
		out = -s.Quantity
	}
	if out > item.OnHand {
		p := parasat.Problems{}
		p.Add("quantity", "goods.not_enough", "is more than the stock holds ("+strconv.FormatInt(item.OnHand, 10)+")")
		return nil, p.Err()
	}
	value := averageValue(item.ValueOnHand, item.OnHand, out)
	issued, adjusted := out, int64(0)
	if s.Kind == parasat.MoveAdjustment {
		issued, adjusted = 0, s.Quantity
	}
	m := &parasat.StockMovement{ItemID: s.ItemID, OrganisationID: item.OrganisationID, Kind: s.Kind, Quantity: -out,
		Value: -value, OccurredOn: s.OccurredOn, Memo: s.Memo, Recorded: db.now()}
	err = tx.QueryRowContext(ctx, `UPDATE stock_items SET issued_qty = issued_qty + $1, adjusted_qty = adjusted_qty + $2,
		on_hand_qty = on_hand_qty - $3, value_out_tiyn = value_out_tiyn + $4, value_on_hand_tiyn = value_on_hand_tiyn - $4
		WHERE id = $5 RETURNING on_hand_qty`, issued, adjusted, out, value, s.ItemID).Scan(&m.OnHandAfter)
	if err != nil {
		return nil, err
	}
	err = tx.QueryRowContext(ctx, `INSERT INTO stock_movements (item_id, organisation_id, kind, quantity, value_tiyn,
		on_hand_after, occurred_on, memo, recorded_at, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
		m.ItemID, m.OrganisationID, string(m.Kind), m.Quantity, m.Value, m.OnHandAfter, m.OccurredOn.Time, m.Memo, m.Recorded,
		idOrNull(parasat.ActorFrom(ctx).UserID)).Scan(&m.ID)
	if err != nil {
		return nil, err
	}
	if err := tx.QueryRowContext(ctx, "SELECT region_code FROM organisations WHERE id = $1", m.OrganisationID).Scan(&region); err != nil {
		return nil, err
	}
	return m, db.audit(ctx, tx, "create", "stock_movement", strconv.FormatInt(m.ID, 10), region, nil, m)
}

// averageValue is the value of qty units out of onHand worth value in all
// (qty may be negative: goods found at a count, valued the same way). All
// of it when the last units leave, so the stock's value ends at zero.
func averageValue(value, onHand, qty int64) int64 {
	if onHand == 0 {
		return 0
	}
	if qty == onHand {
		return value
	}
	v := new(big.Int).Mul(big.NewInt(value), big.NewInt(qty))
	return v.Quo(v, big.NewInt(onHand)).Int64()
}

const stockColumns = `id, organisation_id, name, unit, received_qty, issued_qty, adjusted_qty, on_hand_qty, value_in_tiyn,
	value_out_tiyn, value_on_hand_tiyn`

func scanStock(row interface{ Scan(...any) error }) (parasat.StockItem, error) {
	var s parasat.StockItem
	err := row.Scan(&s.ID, &s.OrganisationID, &s.Name, &s.Unit, &s.Received, &s.Issued, &s.Adjusted, &s.OnHand, &s.ValueIn,
		&s.ValueOut, &s.ValueOnHand)
	return s, err
}

// StockItem returns one item of stock with its totals.
func (db *DB) StockItem(ctx context.Context, id int64) (*parasat.StockItem, error) {
	s, err := scanStock(db.read.QueryRowContext(ctx, "SELECT "+stockColumns+" FROM stock_items WHERE id = $1", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, parasat.Errorf(parasat.ENotFound, "stock item %d not found", id)
	}
	return &s, err
}

// ListStock lists an organisation's stock by name.
func (db *DB) ListStock(ctx context.Context, organisationID int64) ([]parasat.StockItem, error) {
	rows, err := db.read.QueryContext(ctx, "SELECT "+stockColumns+
		" FROM stock_items WHERE organisation_id = $1 ORDER BY name_key, unit LIMIT 500", organisationID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []parasat.StockItem{}
	for rows.Next() {
		s, err := scanStock(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
