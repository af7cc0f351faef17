package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/parasat-kz/parasat/tally"
)

// The index of report figures (package tally) of this process, kept in step
// with the database through the change log that triggers write
// (migration 00011): before answering, the store reads the changes
// committed since it last looked and reloads the partitions they name,
// all in one read transaction, so a report shows every change committed
// before it was asked for, by this process or another.

// tallyFullAfter: an index not refreshed for this long is loaded anew,
// since the changes it missed may have been pruned (the log is kept a day,
// see PruneFigureChanges).
const tallyFullAfter = 12 * time.Hour

// tallyState is this process's index and how far it has read the log: on
// SQLite the last change's id, on PostgreSQL the oldest transaction that
// was still running when it last read (see the migration).
type tallyState struct {
	mu        sync.Mutex
	ix        *tally.Index
	log       logPosition
	refreshed time.Time
	// loads counts full loads, for tests and logs.
	loads int
}

// figures returns the index of figures, up to date with what is committed.
func (db *DB) figures(ctx context.Context) (*tally.Index, error) {
	s := &db.tally
	s.mu.Lock()
	defer s.mu.Unlock()
	now := time.Now()
	if s.ix == nil || now.Sub(s.refreshed) > tallyFullAfter {
		if err := db.loadTally(ctx, s); err != nil {
			return nil, err
		}
	} else {
		full, err := db.refreshTally(ctx, s)
		if err != nil {
			return nil, err
		}
		if full {
			if err := db.loadTally(ctx, s); err != nil {
				return nil, err
			}
		}
	}
	s.refreshed = now
	return s.ix, nil
}

// RefreshFigures brings this process's index of figures up to date (loading
// it the first time), so that the first report after a start or a burst of
// changes is quick; the server calls it in the background.
func (db *DB) RefreshFigures(ctx context.Context) error {
	_, err := db.figures(ctx)
	return err
}

// readTx begins a read-only transaction that sees one snapshot throughout.
func (db *DB) readTx(ctx context.Context) (*sql.Tx, error) {
	opts := &sql.TxOptions{ReadOnly: true}
	if db.engine == Postgres {
		opts.Isolation = sql.LevelRepeatableRead
	}
	return db.read.BeginTx(ctx, opts)
}

// logPosition is where the change log stood when the index last read it.
type logPosition struct {
	// seen: on SQLite the last change's id; on PostgreSQL the oldest
	// transaction still running (see the migration).
	seen int64
	// mark is the highest id the log has given, and lineage the name of
	// the database's history: a restored backup sets the first back or the
	// second to another, and the index is then loaded anew.
	mark    int64
	lineage string
}

// readLogPosition returns where the change log stands in this transaction's
// snapshot. It must be the transaction's first statement (see the migration).
func (db *DB) readLogPosition(ctx context.Context, tx *sql.Tx) (logPosition, error) {
	q := `SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'tally_changes'), 0), 0, (SELECT lineage FROM tally_meta)`
	if db.engine == Postgres {
		q = `SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint,
			(SELECT last_value FROM tally_changes_id_seq), (SELECT lineage FROM tally_meta)`
	}
	var p logPosition
	err := tx.QueryRowContext(ctx, q).Scan(&p.seen, &p.mark, &p.lineage)
	if db.engine == SQLite {
		p.mark = p.seen
	}
	return p, err
}

// restored tells whether the database was replaced by a backup since the
// index last read the log.
func (p logPosition) restored(before logPosition) bool {
	return p.lineage != before.lineage || p.mark < before.mark
}

func (db *DB) loadTally(ctx context.Context, s *tallyState) error {
	tx, err := db.readTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck // read-only
	pos, err := db.readLogPosition(ctx, tx)
	if err != nil {
		return fmt.Errorf("read the change log: %w", err)
	}
	r := &tallyReader{db: db, tx: tx}
	if r.regions, err = r.readRegions(ctx); err != nil {
		return err
	}
	b := &tally.Batch{}
	for _, read := range []func() error{
		func() error { return r.aid(ctx, allDays, b) },
		func() error { return r.events(ctx, allDays, b) },
		func() error { return r.gifts(ctx, allDays, b) },
		func() error { return r.hours(ctx, allDays, b) },
		func() error { return r.people(ctx, nil, b) },
		func() error { return r.households(ctx, nil, b) },
		func() error { return r.orgs(ctx, b) },
	} {
		if err := read(); err != nil {
			return err
		}
	}
	ix := tally.New(r.regions)
	ix.Apply(b)
	ix.RememberYears()
	s.ix, s.log = ix, pos
	s.loads++
	return nil
}

// changes is what the change log names since the index last read it.
type changes struct {
	aid, events, gifts, hours map[tally.Day]bool
	people, households        map[int64]bool
	orgs, regions             bool
}

func (c *changes) empty() bool {
	return len(c.aid)+len(c.events)+len(c.gifts)+len(c.hours)+len(c.people)+len(c.households) == 0 && !c.orgs && !c.regions
}

// refreshTally applies the changes committed since the index last read the
// log. It answers full when the index must be loaded anew: the regions
// changed, or a backup was restored.
func (db *DB) refreshTally(ctx context.Context, s *tallyState) (full bool, err error) {
	tx, err := db.readTx(ctx)
	if err != nil {
		return false, err
	}
	defer tx.Rollback() //nolint:errcheck // read-only
	pos, err := db.readLogPosition(ctx, tx)
	if err != nil {
		return false, fmt.Errorf("read the change log: %w", err)
	}
	if pos.restored(s.log) {
		return true, nil
	}
	c, err := db.readChanges(ctx, tx, s.log.seen)
	if err != nil {
		return false, err
	}
	if c.regions {
		return true, nil
	}
	if !c.empty() {
		if err := applyChanges(ctx, &tallyReader{db: db, tx: tx, regions: s.ix.Regions()}, s.ix, c); err != nil {
			return false, err
		}
	}
	s.log = pos
	return false, nil
}

func (db *DB) readChanges(ctx context.Context, tx *sql.Tx, since int64) (*changes, error) {
	q := "SELECT part, day, ref FROM tally_changes WHERE id > $1"
	if db.engine == Postgres {
		q = "SELECT part, day, ref FROM tally_changes WHERE xid >= $1::bigint::text::xid8"
	}
	c := &changes{aid: map[tally.Day]bool{}, events: map[tally.Day]bool{}, gifts: map[tally.Day]bool{},
		hours: map[tally.Day]bool{}, people: map[int64]bool{}, households: map[int64]bool{}}
	r := &tallyReader{db: db, tx: tx}
	err := r.each(ctx, q, []any{since}, func(rows *sql.Rows) error {
		var part string
		var day sql.NullTime
		var ref sql.NullInt64
		if err := rows.Scan(&part, &day, &ref); err != nil {
			return err
		}
		d := tally.DayOf(day.Time)
		switch part {
		case "aid":
			c.aid[d] = true
		case "event":
			c.events[d] = true
		case "money":
			c.gifts[d] = true
		case "hours":
			c.hours[d] = true
		case "person":
			c.people[ref.Int64] = true
		case "household":
			c.households[ref.Int64] = true
		case "organisation":
			c.orgs = true
		case "region":
			c.regions = true
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read the change log: %w", err)
	}
	return c, nil
}

func applyChanges(ctx context.Context, r *tallyReader, ix *tally.Index, c *changes) error {
	b := &tally.Batch{}
	if len(c.aid) > 0 {
		if err := r.aid(ctx, runsOf(c.aid), b); err != nil {
			return err
		}
	}
	if len(c.events) > 0 {
		if err := r.events(ctx, runsOf(c.events), b); err != nil {
			return err
		}
	}
	if len(c.gifts) > 0 {
		if err := r.gifts(ctx, runsOf(c.gifts), b); err != nil {
			return err
		}
	}
	if len(c.hours) > 0 {
		if err := r.hours(ctx, runsOf(c.hours), b); err != nil {
			return err
		}
	}
	if len(c.people) > 0 {
		if err := r.people(ctx, idsOf(c.people), b); err != nil {
			return err
		}
	}
	if len(c.households) > 0 {
		if err := r.households(ctx, idsOf(c.households), b); err != nil {
			return err
		}
	}
	if c.orgs {
		if err := r.orgs(ctx, b); err != nil {
			return err
		}
	}
	ix.Apply(b)
	return nil
}

// PruneFigureChanges deletes the change log older than a day: every process
// has read it long since, and one that has not loads its index anew.
func (db *DB) PruneFigureChanges(ctx context.Context) (int64, error) {
	q := "DELETE FROM tally_changes WHERE at < datetime('now', '-1 day')"
	if db.engine == Postgres {
		q = "DELETE FROM tally_changes WHERE at < now() - interval '1 day'"
	}
	var n int64
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, q)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return n, err
}

func idsOf(set map[int64]bool) []int64 {
	ids := make([]int64, 0, len(set))
	for id := range set {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}
