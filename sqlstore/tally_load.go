package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/tally"
)

// Reading the facts of the report figures into a tally.Batch, all of them
// or the partitions the change log names, within one read transaction so
// that what is read and the change log agree.

// dayRun is a run of days read together.
type dayRun struct{ from, to tally.Day }

// allDays is the run of a full load.
var allDays = []dayRun{{0, tally.MaxDay}}

// runsOf groups days into runs, joining days less than a week apart: a few
// days read in between cost less than another query.
func runsOf(days map[tally.Day]bool) []dayRun {
	list := make([]tally.Day, 0, len(days))
	for d := range days {
		list = append(list, d)
	}
	slices.Sort(list)
	var runs []dayRun
	for _, d := range list {
		if n := len(runs); n > 0 && d-runs[n-1].to <= 7 {
			runs[n-1].to = d
			continue
		}
		runs = append(runs, dayRun{d, d})
	}
	return runs
}

func (r dayRun) args() (any, any) { return r.from.Date().Time, r.to.Date().Time }

// emptyDays makes sure every day of the runs is in m, so that a day whose
// facts were all deleted is emptied in the index. A full load needs none.
func emptyDays[T any](m map[tally.Day][]T, runs []dayRun) {
	if len(runs) == 1 && runs[0] == allDays[0] {
		return
	}
	for _, r := range runs {
		for d := r.from; ; d++ {
			if _, ok := m[d]; !ok {
				m[d] = nil
			}
			if d == r.to {
				break
			}
		}
	}
}

// tallyReader reads facts within one transaction.
type tallyReader struct {
	db      *DB
	tx      *sql.Tx
	regions *tally.Regions
}

func (r *tallyReader) each(ctx context.Context, query string, args []any, scan func(rows *sql.Rows) error) error {
	rows, err := r.tx.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (r *tallyReader) aid(ctx context.Context, runs []dayRun, b *tally.Batch) error {
	b.Aid = map[tally.Day][]tally.Aid{}
	// Kinds and recipients as small numbers, and days as day numbers: ten
	// million rows read faster without text and dates to convert.
	kinds := "CASE kind"
	for i, k := range parasat.KindsOfHelp {
		kinds += fmt.Sprintf(" WHEN '%s' THEN %d", k, i)
	}
	kinds += " END"
	q := `SELECT ` + r.db.dayNumber("given_on") + `, organisation_id, COALESCE(event_id, 0), region_code, ` + kinds + `,
		CASE recipient_kind WHEN 'beneficiary' THEN 1 WHEN 'household' THEN 2 ELSE 3 END,
		COALESCE(beneficiary_id, household_id, group_size), value_tiyn FROM aid_records WHERE given_on >= $1 AND given_on <= $2`
	for _, run := range runs {
		from, until := run.args()
		var (
			day, org, event, recip int64
			kind, to               uint8
			region                 sql.RawBytes
			a                      tally.Aid
		)
		err := r.each(ctx, q, []any{from, until}, func(rows *sql.Rows) error {
			if err := rows.Scan(&day, &org, &event, &region, &kind, &to, &recip, &a.Value); err != nil {
				return err
			}
			a.Org, a.Event, a.Recipient = uint32(org), uint32(event), uint32(recip)
			a.Region, a.Kind, a.To = r.regions.Index(string(region)), kind, to
			d := tally.Day(day)
			b.Aid[d] = append(b.Aid[d], a)
			return nil
		})
		if err != nil {
			return fmt.Errorf("read aid: %w", err)
		}
	}
	emptyDays(b.Aid, runs)
	return nil
}

func (r *tallyReader) events(ctx context.Context, runs []dayRun, b *tally.Batch) error {
	b.Events = map[tally.Day][]tally.Event{}
	for _, run := range runs {
		from, until := run.args()
		orgs := map[uint32][]uint32{}
		var event, org int64
		err := r.each(ctx, `SELECT eo.event_id, eo.organisation_id FROM event_organisations eo JOIN events e ON e.id = eo.event_id
			WHERE e.start_day >= $1 AND e.start_day <= $2 ORDER BY eo.event_id, eo.role, eo.organisation_id`,
			[]any{from, until}, func(rows *sql.Rows) error {
				if err := rows.Scan(&event, &org); err != nil {
					return err
				}
				orgs[uint32(event)] = append(orgs[uint32(event)], uint32(org))
				return nil
			})
		if err != nil {
			return fmt.Errorf("read the organisations of events: %w", err)
		}
		var (
			day                 time.Time
			status, region      string
			occasion            sql.NullString
			volunteers, minutes sql.NullInt64
			shifts              bool
		)
		err = r.each(ctx, `SELECT id, start_day, status, region_code, occasion_key, volunteers, volunteer_minutes,
			EXISTS (SELECT 1 FROM shifts s WHERE s.event_id = events.id) FROM events WHERE start_day >= $1 AND start_day <= $2`,
			[]any{from, until}, func(rows *sql.Rows) error {
				if err := rows.Scan(&event, &day, &status, &region, &occasion, &volunteers, &minutes, &shifts); err != nil {
					return err
				}
				e := tally.Event{ID: uint32(event), Region: r.regions.Index(region), Occasion: occasion.String,
					Counted:   status == string(parasat.EventHeld) || status == string(parasat.EventReported),
					HasShifts: shifts, Volunteers: volunteers.Int64, Minutes: minutes.Int64, Orgs: orgs[uint32(event)]}
				d := tally.DayOf(day)
				b.Events[d] = append(b.Events[d], e)
				return nil
			})
		if err != nil {
			return fmt.Errorf("read events: %w", err)
		}
	}
	emptyDays(b.Events, runs)
	return nil
}

// gifts reads money donations net of their reversals; a gift to an event
// counts in the event's region.
func (r *tallyReader) gifts(ctx context.Context, runs []dayRun, b *tally.Batch) error {
	b.Gifts = map[tally.Day][]tally.Gift{}
	for _, run := range runs {
		from, until := run.args()
		var (
			day                time.Time
			org, patron, event int64
			region             sql.RawBytes
			reversed           bool
			g                  tally.Gift
		)
		err := r.each(ctx, `SELECT d.received_on, d.organisation_id, COALESCE(d.patron_id, 0), d.amount_tiyn,
			COALESCE(e.region_code, o.region_code), COALESCE(e.id, 0),
			EXISTS (SELECT 1 FROM ledger_entries r WHERE r.reverses_id = d.entry_id)
			FROM donations d JOIN funds f ON f.id = d.fund_id JOIN organisations o ON o.id = d.organisation_id
			LEFT JOIN events e ON f.kind = 'event' AND e.id = f.ref_id
			WHERE d.received_on >= $1 AND d.received_on <= $2`, []any{from, until}, func(rows *sql.Rows) error {
			if err := rows.Scan(&day, &org, &patron, &g.Amount, &region, &event, &reversed); err != nil {
				return err
			}
			if reversed {
				g.Amount = 0
			}
			g.Org, g.Patron, g.Event, g.Region = uint32(org), uint32(patron), uint32(event), r.regions.Index(string(region))
			d := tally.DayOf(day)
			b.Gifts[d] = append(b.Gifts[d], g)
			return nil
		})
		if err != nil {
			return fmt.Errorf("read gifts: %w", err)
		}
	}
	emptyDays(b.Gifts, runs)
	return nil
}

func (r *tallyReader) hours(ctx context.Context, runs []dayRun, b *tally.Batch) error {
	b.Hours = map[tally.Day][]tally.Hours{}
	for _, run := range runs {
		from, until := run.args()
		var (
			day              time.Time
			volunteer, event int64
			region           sql.RawBytes
			h                tally.Hours
		)
		err := r.each(ctx, `SELECT hours_day, volunteer_id, event_id, region_code, confirmed_minutes FROM shift_signups
			WHERE confirmed_minutes IS NOT NULL AND hours_day >= $1 AND hours_day <= $2`, []any{from, until},
			func(rows *sql.Rows) error {
				if err := rows.Scan(&day, &volunteer, &event, &region, &h.Minutes); err != nil {
					return err
				}
				h.Volunteer, h.Event, h.Region = uint32(volunteer), uint32(event), r.regions.Index(string(region))
				d := tally.DayOf(day)
				b.Hours[d] = append(b.Hours[d], h)
				return nil
			})
		if err != nil {
			return fmt.Errorf("read hours: %w", err)
		}
	}
	emptyDays(b.Hours, runs)
	return nil
}
