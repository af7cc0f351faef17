package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/tally"
)

// People, households and organisations for the index of figures: a person's
// household, the categories of people and households (by validity), every
// organisation's parent and type.

// idChunk is how many IDs one "IN (…)" names.
const idChunk = 500

// people reads the people listed (all of them when ids is nil).
func (r *tallyReader) people(ctx context.Context, ids []int64, b *tally.Batch) error {
	byID := map[uint32]*tally.Person{}
	order := []uint32{}
	get := func(id int64) *tally.Person {
		p := byID[uint32(id)]
		if p == nil {
			p = &tally.Person{ID: uint32(id)}
			byID[p.ID] = p
			order = append(order, p.ID)
		}
		return p
	}
	for _, id := range ids {
		get(id) // a person no longer there is emptied
	}
	err := r.chunks(ctx, ids, "SELECT id, household_id FROM beneficiaries", "id", func(rows *sql.Rows) error {
		var id int64
		var hh sql.NullInt64
		if err := rows.Scan(&id, &hh); err != nil {
			return err
		}
		get(id).Household = uint32(hh.Int64)
		return nil
	})
	if err != nil {
		return fmt.Errorf("read households of people: %w", err)
	}
	err = r.chunks(ctx, ids, "SELECT beneficiary_id, category, valid_from, valid_until FROM beneficiary_categories",
		"beneficiary_id", func(rows *sql.Rows) error {
			id, span, ok, err := scanSpan(rows)
			if ok {
				p := get(id)
				p.Categories = append(p.Categories, span)
			}
			return err
		})
	if err != nil {
		return fmt.Errorf("read categories of people: %w", err)
	}
	for _, id := range order {
		b.People = append(b.People, *byID[id])
	}
	return nil
}

// households reads the categories of the households listed (all when ids is nil).
func (r *tallyReader) households(ctx context.Context, ids []int64, b *tally.Batch) error {
	byID := map[int64]*tally.Household{}
	order := []int64{}
	get := func(id int64) *tally.Household {
		h := byID[id]
		if h == nil {
			h = &tally.Household{ID: uint32(id)}
			byID[id] = h
			order = append(order, id)
		}
		return h
	}
	for _, id := range ids {
		get(id)
	}
	err := r.chunks(ctx, ids, "SELECT household_id, category, valid_from, valid_until FROM household_categories",
		"household_id", func(rows *sql.Rows) error {
			id, span, ok, err := scanSpan(rows)
			if ok {
				h := get(id)
				h.Categories = append(h.Categories, span)
			}
			return err
		})
	if err != nil {
		return fmt.Errorf("read categories of households: %w", err)
	}
	for _, id := range order {
		b.Households = append(b.Households, *byID[id])
	}
	return nil
}

func scanSpan(rows *sql.Rows) (int64, tally.Span, bool, error) {
	var (
		id          int64
		category    string
		from, until sql.NullTime
	)
	if err := rows.Scan(&id, &category, &from, &until); err != nil {
		return 0, tally.Span{}, false, err
	}
	span, ok := tally.SpanOf(parasat.CategoryAssignment{Category: parasat.Category(category),
		ValidFrom: dateOf(from), ValidUntil: dateOf(until)})
	return id, span, ok, nil
}

// chunks runs query for the IDs, a chunk at a time, or once for all rows
// when ids is nil.
func (r *tallyReader) chunks(ctx context.Context, ids []int64, query, column string, scan func(*sql.Rows) error) error {
	if ids == nil {
		return r.each(ctx, query, nil, scan)
	}
	for chunk := range slices.Chunk(ids, idChunk) {
		marks, args := inList(len(chunk), func(i int) any { return chunk[i] })
		if err := r.each(ctx, query+" WHERE "+column+" IN ("+marks+")", args, scan); err != nil {
			return err
		}
	}
	return nil
}

// orgs reads every organisation: there are a few thousand at most.
func (r *tallyReader) orgs(ctx context.Context, b *tally.Batch) error {
	b.Orgs = []tally.Org{}
	err := r.each(ctx, "SELECT id, COALESCE(parent_id, 0), type, region_code, name_kk, name_ru, name_en FROM organisations",
		nil, func(rows *sql.Rows) error {
			var o tally.Org
			var id, parent int64
			if err := rows.Scan(&id, &parent, &o.Type, &o.Region, &o.Name.KK, &o.Name.RU, &o.Name.EN); err != nil {
				return err
			}
			o.ID, o.Parent = uint32(id), uint32(parent)
			b.Orgs = append(b.Orgs, o)
			return nil
		})
	if err != nil {
		return fmt.Errorf("read organisations: %w", err)
	}
	return nil
}

// readRegions numbers the regions, in the order of their codes.
func (r *tallyReader) readRegions(ctx context.Context) (*tally.Regions, error) {
	var list []parasat.Region
	err := r.each(ctx, "SELECT code, name_kk, name_ru, name_en FROM regions ORDER BY code", nil, func(rows *sql.Rows) error {
		var rg parasat.Region
		if err := rows.Scan(&rg.Code, &rg.Name.KK, &rg.Name.RU, &rg.Name.EN); err != nil {
			return err
		}
		list = append(list, rg)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read regions: %w", err)
	}
	return tally.NewRegions(list), nil
}
