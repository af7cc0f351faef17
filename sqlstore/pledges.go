package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strconv"

	"github.com/parasat-kz/parasat"
)

var _ parasat.PledgeService = (*DB)(nil)

const pledgeColumns = `pl.id, pl.patron_id, pt.name, COALESCE(pl.campaign_id, 0), COALESCE(pl.event_id, 0), pl.organisation_id,
	` + donationRegion + `, pl.schedule, pl.amount_tiyn, pl.months, pl.starts_on, pl.due_on, pl.notes, pl.received_tiyn, pl.created_at, pt.user_id`

// pledgeJoins join a pledge to its organisation o, its event ev and its
// patron pt, as donationJoins do a gift: its region is donationRegion, its
// event's or else its organisation's.
const pledgeJoins = ` FROM pledges pl JOIN patrons pt ON pt.id = pl.patron_id JOIN organisations o ON o.id = pl.organisation_id
	LEFT JOIN events ev ON ev.id = pl.event_id`

func (db *DB) pledgesWhere(ctx context.Context, q queryer, where string, args ...any) ([]parasat.Pledge, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+pledgeColumns+pledgeJoins+" WHERE "+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []parasat.Pledge{}
	var campaigns, events []int64
	for rows.Next() {
		var (
			p           parasat.Pledge
			starts, due sql.NullTime
			user        sql.NullInt64
		)
		if err := rows.Scan(&p.ID, &p.PatronID, &p.PatronName, &p.CampaignID, &p.EventID, &p.OrganisationID, &p.Region, &p.Schedule,
			&p.Amount, &p.Months, &starts, &due, &p.Notes, &p.Received, &p.Created, &user); err != nil {
			return nil, err
		}
		p.StartsOn, p.DueOn, p.DonorUserID, p.Created = dateOf(starts), dateOf(due), int64Ptr(user), p.Created.UTC()
		p.Partners = []int64{}
		if p.EventID != 0 {
			events = append(events, p.EventID)
		} else {
			campaigns = append(campaigns, p.CampaignID)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	partners, err := pledgePartners(ctx, q, campaigns, events)
	if err != nil {
		return nil, err
	}
	for i := range out {
		if ps := partners[out[i].Designation()]; ps != nil {
			out[i].Partners = ps
		}
	}
	return out, nil
}

// pledgePartners reads the partners of the campaigns and events pledged to,
// by the designation of their fund.
func pledgePartners(ctx context.Context, q queryer, campaigns, events []int64) (map[parasat.Designation][]int64, error) {
	out := map[parasat.Designation][]int64{}
	byCampaign, err := loadLinks[int64](ctx, q, "campaign_partners", "campaign_id", "organisation_id", sortedIDs(campaigns))
	if err != nil {
		return nil, err
	}
	for id, ps := range byCampaign {
		out[parasat.Designation{Kind: parasat.DesignateCampaign, ID: id}] = ps
	}
	byEvent, err := eventPartnerLinks(ctx, q, sortedIDs(events))
	if err != nil {
		return nil, err
	}
	for id, ps := range byEvent {
		out[parasat.Designation{Kind: parasat.DesignateEvent, ID: id}] = ps
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
	if f.EventID != 0 {
		q.and("pl.event_id = " + q.arg(f.EventID))
	}
	if f.PatronID != 0 {
		q.and("pl.patron_id = " + q.arg(f.PatronID))
	}
	if f.Before > 0 {
		q.and("pl.id < " + q.arg(f.Before))
	}
	return db.pledgesWhere(ctx, db.read, q.clause()+" ORDER BY pl.id DESC LIMIT "+strconv.Itoa(pageSize(f.Limit)), q.args...)
}

// CreatePledge records a patron's promise to a campaign or an event. A
// pledge to an event is held, as its gifts are, by the event's lead
// organisation in the event's region; a cancelled event takes none.
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
			if err := pledgeTarget(ctx, tx, p, &problems); err != nil {
				return err
			}
			if err := problems.Err(); err != nil {
				return err
			}
			p.Created, p.DonorUserID, p.Received = db.now(), int64Ptr(user), 0
			err = tx.QueryRowContext(ctx, `INSERT INTO pledges (patron_id, campaign_id, event_id, organisation_id, schedule, amount_tiyn,
				months, starts_on, due_on, notes, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)
				RETURNING id`, p.PatronID, nullID(p.CampaignID), nullID(p.EventID), p.OrganisationID, string(p.Schedule), p.Amount,
				p.Months, nullDate(p.StartsOn), nullDate(p.DueOn), p.Notes, p.Created).Scan(&p.ID)
			if err != nil {
				return err
			}
			var campaigns, events []int64
			if p.EventID != 0 {
				events = []int64{p.EventID}
			} else {
				campaigns = []int64{p.CampaignID}
			}
			partners, err := pledgePartners(ctx, tx, campaigns, events)
			if err != nil {
				return err
			}
			p.Partners = partners[p.Designation()]
			if p.Partners == nil {
				p.Partners = []int64{}
			}
			return db.audit(ctx, tx, "create", "pledge", strconv.FormatInt(p.ID, 10), p.Region, nil, p)
		})
	})
}

// pledgeTarget reads the organisation and region of the campaign or event
// the pledge is for, adding a problem when there is none or the event is
// cancelled.
func pledgeTarget(ctx context.Context, tx *sql.Tx, pl *parasat.Pledge, p *parasat.Problems) error {
	if pl.EventID != 0 {
		var status parasat.EventStatus
		err := tx.QueryRowContext(ctx, "SELECT lead_organisation_id, region_code, status FROM events WHERE id = $1", pl.EventID).
			Scan(&pl.OrganisationID, &pl.Region, &status)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			p.Add("event_id", "event.unknown", "no event has this id")
		case err != nil:
			return err
		case status == parasat.EventCancelled:
			p.Add("event_id", "pledge.event_cancelled", "the event is cancelled and takes no more money: a pledge to it cannot be recorded")
		}
		return nil
	}
	err := tx.QueryRowContext(ctx, `SELECT c.organisation_id, o.region_code FROM campaigns c JOIN organisations o
		ON o.id = c.organisation_id WHERE c.id = $1`, pl.CampaignID).Scan(&pl.OrganisationID, &pl.Region)
	if errors.Is(err, sql.ErrNoRows) {
		p.Add("campaign_id", "campaign.unknown", "no campaign has this id")
		return nil
	}
	return err
}
