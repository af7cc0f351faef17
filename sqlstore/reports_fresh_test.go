package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"sync"
	"testing"
	"time"

	"github.com/parasat-kz/parasat"
)

// The index of figures follows every change: a process that loaded it once
// and then reads the change log answers exactly like one that loads
// everything anew, whichever process made the change.

// openSame opens another handle on db's database, as a second server
// process would, with the same clock.
func openSame(t *testing.T, cfg Config) *DB {
	t.Helper()
	db, err := Open(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.Now = func() time.Time { return fixedNow }
	return db
}

// forEachEngineShared runs test with two handles on one fresh database and
// the config that opens more.
func forEachEngineShared(t *testing.T, test func(t *testing.T, db, other *DB, cfg Config)) {
	t.Helper()
	for _, engine := range []Engine{SQLite, Postgres} {
		t.Run(string(engine), func(t *testing.T) {
			t.Parallel()
			cfg := testConfig(t, engine)
			db := openSame(t, cfg)
			if _, err := db.Migrate(context.Background()); err != nil {
				t.Fatal(err)
			}
			test(t, db, openSame(t, cfg), cfg)
		})
	}
}

// figureProbe is what the comparison asks: summaries and breakdowns under
// several filters, as JSON.
func figureProbe(t *testing.T, db *DB, f *reportFixture) string {
	t.Helper()
	filters := []parasat.ReportFilter{
		{Period: firstQuarter}, {Period: firstQuarter, Region: "KZ-71"}, {Period: firstQuarter, Region: "KZ-75"},
		{Period: firstQuarter, OrganisationID: f.astana}, {Period: firstQuarter, OrganisationID: f.mothers},
		{Period: firstQuarter, Category: parasat.CategoryVeteran}, {Period: firstQuarter, Category: parasat.CategoryLargeFamily},
		{Period: firstQuarter, Kind: parasat.HelpGoods}, {Period: firstQuarter, Occasion: "charity_day"},
		{Period: period("2025-12-01", "2026-03-15")},
	}
	var out []any
	for _, flt := range filters {
		s, err := db.Summary(t.Context(), flt)
		must(t, err)
		out = append(out, s)
	}
	for _, by := range []parasat.Dimension{parasat.ByMonth, parasat.ByOrganisation, parasat.ByCategory, parasat.ByRegion} {
		b, err := db.Breakdown(t.Context(), parasat.ReportFilter{Period: firstQuarter}, by)
		must(t, err)
		out = append(out, b)
	}
	j, err := json.Marshal(out)
	must(t, err)
	return string(j)
}

func TestFiguresFollowEveryChangeInEveryProcess(t *testing.T) {
	forEachEngineShared(t, func(t *testing.T, db, other *DB, cfg Config) {
		f := newReportFixture(t, db)
		ctx := f.ctx
		start := figureProbe(t, other, f) // the other process loads its index now
		if figureProbe(t, db, f) != start {
			t.Fatal("two processes disagree at the start")
		}
		// aid returns the person's help given outside an event.
		aid := func(id int64) int64 {
			list, err := db.ListAid(ctx, parasat.AidFilter{Beneficiary: id, Visibility: parasat.Visibility{All: true}, Limit: 10})
			must(t, err)
			for _, a := range list {
				if a.EventID == nil {
					return a.ID
				}
			}
			t.Fatalf("no help outside an event for %d", id)
			return 0
		}
		steps := []struct {
			name string
			do   func() error
		}{
			{"help recorded", func() error {
				return db.RecordAid(ctx, []*parasat.AidRecord{toPerson(f.aid("2026-03-14", f.assoc, parasat.AidGoods, "clothes", 60_000), f.p4)})
			}},
			{"help deleted", func() error { return db.DeleteAidRecord(ctx, aid(f.p6)) }},
			{"a person's category ends", func() error {
				b, err := db.Beneficiary(ctx, f.p4)
				must(t, err)
				b.Categories = []parasat.CategoryAssignment{{Category: parasat.CategoryVeteran, ValidUntil: date(t, "2026-02-28")}}
				return db.UpdateBeneficiary(ctx, b)
			}},
			{"a person joins a household", func() error { return db.SetMembership(ctx, f.p6, f.household, "") }},
			{"a household's category changes", func() error {
				h, err := db.Household(ctx, f.household)
				must(t, err)
				h.Categories = []parasat.CategoryAssignment{{Category: parasat.CategoryLowIncome}}
				return db.UpdateHousehold(ctx, h)
			}},
			{"an event moves to another region", func() error {
				e, err := db.Event(ctx, f.e2)
				must(t, err)
				e.Region = "KZ-75"
				return db.UpdateEvent(ctx, e)
			}},
			{"hours corrected", func() error {
				shifts, err := db.ListShifts(ctx, f.e2)
				must(t, err)
				signups, err := db.ShiftSignups(ctx, shifts[0].ID)
				must(t, err)
				m := int64(120)
				_, err = db.ConfirmHours(ctx, signups[0].ID, &m)
				return err
			}},
			{"a planned event is held", func() error { _, err := db.HoldEvent(ctx, f.e4); return err }},
			{"an event without shifts is reported", func() error {
				_, err := db.ReportEvent(ctx, f.e6, parasat.EventReport{Volunteers: 4, VolunteerMinutes: 240})
				return err
			}},
			{"a gift", func() error {
				return db.RecordDonation(ctx, &parasat.Donation{Donor: parasat.Donor{Kind: parasat.DonorPatron, PatronID: &f.patron2},
					Amount: 700_000, ReceivedOn: day("2026-03-03"), Channel: parasat.ChannelKaspi, Reference: "K-1",
					Designation: general(f.mothers)})
			}},
			{"a gift reversed", func() error {
				list, err := db.ListDonations(ctx, parasat.DonationFilter{PatronID: f.patron1, Visibility: parasat.Visibility{All: true}, Limit: 10})
				must(t, err)
				_, err = db.ReverseDonation(ctx, list[0].ID, &parasat.Reversal{Reason: "Екі рет енгізілді"})
				return err
			}},
			{"an organisation changes parent", func() error {
				o, err := db.Organisation(ctx, f.youth)
				must(t, err)
				o.ParentID = &f.mothers
				return db.UpdateOrganisation(ctx, o)
			}},
		}
		before := start
		for _, s := range steps {
			if err := s.do(); err != nil {
				t.Fatalf("%s: %v", s.name, err)
			}
			truth := figureProbe(t, openSame(t, cfg), f) // a process that loads everything now
			if truth == before {
				t.Errorf("%s: changed no figure; the step tests nothing", s.name)
			}
			if got := figureProbe(t, other, f); got != truth {
				t.Errorf("%s: the other process answers\n%s\nwhere a fresh load answers\n%s", s.name, got, truth)
			}
			if got := figureProbe(t, db, f); got != truth {
				t.Errorf("%s: the process that made the change answers differently from a fresh load", s.name)
			}
			before = truth
		}
		if other.tally.loads != 1 {
			t.Errorf("the other process loaded its index %d times; want once, then only changes", other.tally.loads)
		}
	})
}

// On PostgreSQL transactions commit in any order: one that began first may
// commit last. A reader that saw the later one must still see the first
// when it commits.
func TestFiguresSeeATransactionThatCommitsLate(t *testing.T) {
	forEachEngineShared(t, func(t *testing.T, db, other *DB, cfg Config) {
		if db.engine != Postgres {
			t.Skip("SQLite runs one write transaction at a time")
		}
		f := newReportFixture(t, db)
		ctx := f.ctx
		q := parasat.ReportFilter{Period: firstQuarter}
		base := summary(t, other, q).AidValueTiyn
		inside, release := make(chan struct{}), make(chan struct{})
		var wg sync.WaitGroup
		wg.Add(1)
		var slowErr error
		go func() {
			defer wg.Done()
			slowErr = db.inTx(ctx, func(tx *sql.Tx) error {
				err := db.recordAid(ctx, tx, []*parasat.AidRecord{
					toPerson(f.aid("2026-03-11", f.assoc, parasat.AidGoods, "clothes", 11_000), f.p4)})
				close(inside)
				<-release
				return err
			})
		}()
		<-inside
		third := openSame(t, cfg)
		must(t, third.RecordAid(ctx, []*parasat.AidRecord{toPerson(f.aid("2026-03-12", f.assoc, parasat.AidGoods, "clothes", 22_000), f.p4)}))
		if got := summary(t, other, q).AidValueTiyn; got != base+22_000 {
			t.Fatalf("after the quick transaction: %d, want %d", got, base+22_000)
		}
		close(release)
		wg.Wait()
		must(t, slowErr)
		if got := summary(t, other, q).AidValueTiyn; got != base+33_000 {
			t.Errorf("after the slow transaction committed: %d, want %d (it began first, committed last)", got, base+33_000)
		}
	})
}

// A backup restored under a running server (SQLite's `parasat restore`)
// replaces the change log too; the index notices and loads anew.
func TestFiguresFollowARestoredBackup(t *testing.T) {
	db := openTestDB(t, SQLite)
	f := newReportFixture(t, db)
	q := parasat.ReportFilter{Period: firstQuarter}
	before := summary(t, db, q).AidValueTiyn
	backup := t.TempDir() + "/before.db"
	must(t, db.Backup(f.ctx, backup))
	must(t, db.RecordAid(f.ctx, []*parasat.AidRecord{toPerson(f.aid("2026-03-12", f.assoc, parasat.AidGoods, "clothes", 22_000), f.p4)}))
	if got := summary(t, db, q).AidValueTiyn; got != before+22_000 {
		t.Fatalf("after the help: %d, want %d", got, before+22_000)
	}
	must(t, db.Restore(f.ctx, backup))
	if got := summary(t, db, q).AidValueTiyn; got != before {
		t.Errorf("after restoring the backup: %d, want %d as it was then", got, before)
	}
}
