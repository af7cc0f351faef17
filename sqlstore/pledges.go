package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strconv"

	"github.com/parasat-kz/parasat"
)

var _ parasat.PledgeService = (*DB)(nil)

const pledgeColumns = `pl.id, pl.patron_id, pt.name, pl.campaign_id, pl.organisation_id, o.region_code, pl.schedule,
	pl.amount_tiyn, pl.months, pl.starts_on, pl.due_on, pl.notes, pl.received_tiyn, pl.created_at, pt.user_id`

const pledgeJoins = ` FROM pledges pl JOIN patrons pt ON pt.id = pl.patron_id JOIN organisations o ON o.id = pl.organisation_id`

func (db *DB) pledgesWhere(ctx context.Context, q queryer, where string, args ...any) ([]parasat.Pledge, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+pledgeColumns+pledgeJoins+" WHERE "+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []parasat.Pledge{}
	var campaigns []int64
	for rows.Next() {
		var (
			p           parasat.Pledge
			starts, due sql.NullTime
			user        sql.NullInt64
		)
		if err := rows.Scan(&p.ID, &p.PatronID, &p.PatronName, &p.CampaignID, &p.OrganisationID, &p.Region, &p.Schedule,
			&p.Amount, &p.Months, &starts, &due, &p.Notes, &p.Received, &p.Created, &user); err != nil {
			return nil, err
		}
		p.StartsOn, p.DueOn, p.DonorUserID, p.Created = dateOf(starts), dateOf(due), int64Ptr(user), p.Created.UTC()
		p.Partners = []int64{}
		campaigns = append(campaigns, p.CampaignID)
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	partners, err := loadLinks[int64](ctx, q, "campaign_partners", "campaign_id", "organisation_id", sortedIDs(campaigns))
	if err != nil {
		return nil, err
	}
	for i := range out {
		if ps := partners[out[i].CampaignID]; ps != nil {
			out[i].Partners = ps
		}
	}
	return out, nil
}

// Pledge returns one pledge with what it has received.
func (db *DB) Pledge(ctx context.Context, id int64) (*parasat.Pledge, error) {
	list, err := db.pledgesWhere(ctx, db.read, "pl.id = $1", id)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, parasat.Errorf(parasat.ENotFound, "pledge %d not found", id)
	}
	return &list[0], nil
}

// ListPledges returns a page of the pledges the caller may see, newest first.
func (db *DB) ListPledges(ctx context.Context, f parasat.PledgeFilter) ([]parasat.Pledge, error) {
	var q listQuery
	visibleGifts(&q, f.Visibility, "pl")
	if f.CampaignID != 0 {
		q.and("pl.campaign_id = " + q.arg(f.CampaignID))
	}
	if f.PatronID != 0 {
		q.and("pl.patron_id = " + q.arg(f.PatronID))
	}
	if f.Before > 0 {
		q.and("pl.id < " + q.arg(f.Before))
	}
	return db.pledgesWhere(ctx, db.read, q.clause()+" ORDER BY pl.id DESC LIMIT "+strconv.Itoa(pageSize(f.Limit)), q.args...)
}

// CreatePledge records a patron's promise to a campaign.
func (db *DB) CreatePledge(ctx context.Context, p *parasat.Pledge) error {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		return db.idempotent(ctx, tx, p, func() error {
			var problems parasat.Problems
			var user sql.NullInt64
			err := tx.QueryRowContext(ctx, "SELECT name, user_id FROM patrons WHERE id = $1", p.PatronID).Scan(&p.PatronName, &user)
			if errors.Is(err, sql.ErrNoRows) {
				problems.Add("patron_id", "patron.unknown", "no patron has this id")
			} else if err != nil {
				return err
			}
			err = tx.QueryRowContext(ctx, `SELECT c.organisation_id, o.region_code FROM campaigns c JOIN organisations o
				ON o.id = c.organisation_id WHERE c.id = $1`, p.CampaignID).Scan(&p.OrganisationID, &p.Region)
			if errors.Is(err, sql.ErrNoRows) {
				problems.Add("campaign_id", "campaign.unknown", "no campaign has this id")
			} else if err != nil {
				return err
			}
			if err := problems.Err(); err != nil {
				return err
			}
			p.Created, p.DonorUserID, p.Received = db.now(), int64Ptr(user), 0
			err = tx.QueryRowContext(ctx, `INSERT INTO pledges (patron_id, campaign_id, organisation_id, schedule, amount_tiyn,
				months, starts_on, due_on, notes, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
				RETURNING id`, p.PatronID, p.CampaignID, p.OrganisationID, string(p.Schedule), p.Amount, p.Months,
				nullDate(p.StartsOn), nullDate(p.DueOn), p.Notes, p.Created).Scan(&p.ID)
			if err != nil {
				return err
			}
			partners, err := loadLinks[int64](ctx, tx, "campaign_partners", "campaign_id", "organisation_id", []int64{p.CampaignID})
			if err != nil {
				return err
			}
			p.Partners = partners[p.CampaignID]
			return db.audit(ctx, tx, "create", "pledge", strconv.FormatInt(p.ID, 10), p.Region, nil, p)
		})
	})
}
