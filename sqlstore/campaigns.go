package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"github.com/parasat-kz/parasat"
)

var _ parasat.CampaignService = (*DB)(nil)

const campaignColumns = `c.id, c.name_kk, c.name_ru, c.name_en, c.description_kk, c.description_ru, c.description_en,
	c.organisation_id, o.region_code, c.target_tiyn, c.starts_on, c.ends_on, f.id, c.created_at, c.updated_at`

const campaignJoins = ` FROM campaigns c JOIN organisations o ON o.id = c.organisation_id
	JOIN funds f ON f.kind = 'campaign' AND f.ref_id = c.id`

func scanCampaign(row interface{ Scan(...any) error }) (parasat.Campaign, error) {
	var (
		c            parasat.Campaign
		starts, ends time.Time
	)
	err := row.Scan(&c.ID, &c.Name.KK, &c.Name.RU, &c.Name.EN, &c.Description.KK, &c.Description.RU, &c.Description.EN,
		&c.OrganisationID, &c.Region, &c.Target, &starts, &ends, &c.FundID, &c.Created, &c.Updated)
	c.StartsOn, c.EndsOn, c.Created, c.Updated = dateFrom(starts), dateFrom(ends), c.Created.UTC(), c.Updated.UTC()
	c.Partners = []int64{}
	return c, err
}

func (db *DB) campaignsWhere(ctx context.Context, q queryer, where string, args ...any) ([]parasat.Campaign, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+campaignColumns+campaignJoins+" WHERE "+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []parasat.Campaign{}
	for rows.Next() {
		c, err := scanCampaign(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	ids, funds := make([]int64, len(out)), make([]int64, len(out))
	for i, c := range out {
		ids[i], funds[i] = c.ID, c.FundID
	}
	partners, err := loadLinks[int64](ctx, q, "campaign_partners", "campaign_id", "organisation_id", ids)
	if err != nil {
		return nil, err
	}
	totals, err := fundTotals(ctx, q, funds)
	if err != nil {
		return nil, err
	}
	pledged, err := pledgedTotals(ctx, q, ids)
	if err != nil {
		return nil, err
	}
	for i := range out {
		if p := partners[out[i].ID]; p != nil {
			out[i].Partners = p
		}
		out[i].Totals, out[i].Pledged = totals[out[i].FundID], pledged[out[i].ID]
	}
	return out, nil
}

// pledgedTotals sums what the campaigns' pledges promise.
func pledgedTotals(ctx context.Context, q queryer, campaigns []int64) (map[int64]int64, error) {
	out := map[int64]int64{}
	if len(campaigns) == 0 {
		return out, nil
	}
	var b listQuery
	rows, err := q.QueryContext(ctx, `SELECT campaign_id, SUM(CASE WHEN schedule = 'monthly' THEN amount_tiyn * months ELSE amount_tiyn END)
		FROM pledges WHERE campaign_id IN (`+placeholders(&b, campaigns)+`) GROUP BY campaign_id`, b.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, sum int64
		if err := rows.Scan(&id, &sum); err != nil {
			return nil, err
		}
		out[id] = sum
	}
	return out, rows.Err()
}

// Campaign returns one campaign with its totals.
func (db *DB) Campaign(ctx context.Context, id int64) (*parasat.Campaign, error) {
	list, err := db.campaignsWhere(ctx, db.read, "c.id = $1", id)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, parasat.Errorf(parasat.ENotFound, "campaign %d not found", id)
	}
	return &list[0], nil
}

// ListCampaigns returns a page of campaigns, newest first.
func (db *DB) ListCampaigns(ctx context.Context, f parasat.CampaignFilter) ([]parasat.Campaign, error) {
	var q listQuery
	if f.OrganisationID != 0 {
		org := q.arg(f.OrganisationID)
		q.and("(c.organisation_id = " + org + " OR EXISTS (SELECT 1 FROM campaign_partners cp WHERE cp.campaign_id = c.id AND cp.organisation_id = " + org + "))")
	}
	if f.Before > 0 {
		q.and("c.id < " + q.arg(f.Before))
	}
	return db.campaignsWhere(ctx, db.read, q.clause()+" ORDER BY c.id DESC LIMIT "+strconv.Itoa(pageSize(f.Limit)), q.args...)
}

// checkCampaignRefs reports a lead or partner that does not exist.
func checkCampaignRefs(ctx context.Context, tx *sql.Tx, c *parasat.Campaign) error {
	var p parasat.Problems
	if n, err := countWhere(ctx, tx, "organisations", "id", []int64{c.OrganisationID}); err != nil {
		return err
	} else if n == 0 {
		p.Add("organisation_id", "organisation.unknown", "no organisation has this id")
	}
	if n, err := countWhere(ctx, tx, "organisations", "id", c.Partners); err != nil {
		return err
	} else if n != len(c.Partners) {
		p.Add("partners", "organisation.unknown", "no organisation has this id")
	}
	return p.Err()
}

func campaignValues(c *parasat.Campaign) []any {
	return []any{c.Name.KK, c.Name.RU, c.Name.EN, c.Description.KK, c.Description.RU, c.Description.EN, c.Target,
		c.StartsOn.Time, c.EndsOn.Time}
}

// CreateCampaign records a campaign and opens its fund.
func (db *DB) CreateCampaign(ctx context.Context, c *parasat.Campaign) error {
	c.Normalize()
	if err := c.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		return db.idempotent(ctx, tx, c, func() error {
			if err := checkCampaignRefs(ctx, tx, c); err != nil {
				return err
			}
			now := db.now()
			err := tx.QueryRowContext(ctx, `INSERT INTO campaigns (name_kk, name_ru, name_en, description_kk, description_ru,
				description_en, target_tiyn, starts_on, ends_on, organisation_id, created_at, updated_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id`,
				append(campaignValues(c), c.OrganisationID, now)...).Scan(&c.ID)
			if err != nil {
				return fmt.Errorf("write campaign: %w", err)
			}
			if err := replaceLinks(ctx, tx, "campaign_partners", "campaign_id", "organisation_id", c.ID, c.Partners); err != nil {
				return err
			}
			if c.FundID, err = db.openFund(ctx, tx, parasat.Designation{Kind: parasat.DesignateCampaign, ID: c.ID}, c.OrganisationID); err != nil {
				return err
			}
			if err := tx.QueryRowContext(ctx, "SELECT region_code FROM organisations WHERE id = $1", c.OrganisationID).Scan(&c.Region); err != nil {
				return err
			}
			c.Created, c.Updated = now, now
			return db.audit(ctx, tx, "create", "campaign", strconv.FormatInt(c.ID, 10), c.Region, nil, c)
		})
	})
}

// UpdateCampaign changes a campaign's names, description, target, period
// and partners. Its lead holds its fund and cannot change.
func (db *DB) UpdateCampaign(ctx context.Context, c *parasat.Campaign) error {
	c.Normalize()
	if err := c.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		list, err := db.campaignsWhere(ctx, tx, "c.id = $1", c.ID)
		if err != nil {
			return err
		}
		if len(list) == 0 {
			return parasat.Errorf(parasat.ENotFound, "campaign %d not found", c.ID)
		}
		before := list[0]
		if before.OrganisationID != c.OrganisationID {
			p := parasat.Problems{}
			p.Add("organisation_id", "campaign.lead_fixed", "the lead organisation holds the campaign's fund and cannot change")
			return p.Err()
		}
		if err := checkCampaignRefs(ctx, tx, c); err != nil {
			return err
		}
		now := db.now()
		if _, err := tx.ExecContext(ctx, `UPDATE campaigns SET name_kk = $1, name_ru = $2, name_en = $3, description_kk = $4,
			description_ru = $5, description_en = $6, target_tiyn = $7, starts_on = $8, ends_on = $9, updated_at = $10
			WHERE id = $11`, append(campaignValues(c), now, c.ID)...); err != nil {
			return err
		}
		if err := replaceLinks(ctx, tx, "campaign_partners", "campaign_id", "organisation_id", c.ID, c.Partners); err != nil {
			return err
		}
		c.Region, c.FundID, c.Totals, c.Pledged, c.Created, c.Updated = before.Region, before.FundID, before.Totals, before.Pledged, before.Created, now
		return db.audit(ctx, tx, "update", "campaign", strconv.FormatInt(c.ID, 10), c.Region, before, c)
	})
}
