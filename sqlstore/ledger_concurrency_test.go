package sqlstore

import (
	"database/sql"
	"errors"
	"slices"
	"sync"
	"testing"

	"github.com/parasat-kz/parasat"
)

func TestConcurrentRetriesWithOneIdempotencyKeyRecordOnce(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		f := newMoneyFixture(t, db)
		const retries = 8
		ids := make([]int64, retries)
		errs := make([]error, retries)
		replayed := make([]bool, retries)
		var wg sync.WaitGroup
		for i := range retries {
			wg.Go(func() {
				k := &parasat.IdempotencyKey{Key: "gift-2026-03-10-1", UserID: f.staff.ID, Hash: "same request"}
				d := f.patronGift(25_000_000, general(f.org))
				errs[i] = db.RecordDonation(parasat.WithIdempotency(f.ctx, k), d)
				ids[i], replayed[i] = d.ID, k.Replayed
			})
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("retry %d: %v", i, err)
			}
			if ids[i] != ids[0] {
				t.Errorf("retry %d answered gift %d, the first %d", i, ids[i], ids[0])
			}
		}
		if n := count(t, db, "donations"); n != 1 {
			t.Errorf("%d gifts recorded from %d retries of one request", n, retries)
		}
		if fresh := slices.Index(replayed, false); fresh < 0 || slices.Index(replayed[fresh+1:], false) >= 0 {
			t.Errorf("replayed %v: exactly one request should have recorded", replayed)
		}
		other := &parasat.IdempotencyKey{Key: "gift-2026-03-10-1", UserID: f.staff.ID, Hash: "another request"}
		err := db.RecordDonation(parasat.WithIdempotency(f.ctx, other), f.patronGift(26_000_000, general(f.org)))
		if parasat.ErrorCode(err) != parasat.EConflict || fieldOf(err) != "Idempotency-Key:idempotency.reused" {
			t.Errorf("the key with another request: %v", err)
		}
		if n := count(t, db, "donations"); n != 1 {
			t.Errorf("%d gifts after the conflicting request", n)
		}
		verified(t, db)
	})
}

func TestReceiptNumbersHaveNoGapsUnderConcurrencyAndRollbacks(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		f := newMoneyFixture(t, db)
		const gifts = 12
		var wg sync.WaitGroup
		errs := make([]error, gifts)
		for i := range gifts {
			wg.Go(func() {
				if i%3 == 0 {
					// A gift that fails after its number was taken, in the
					// group transaction of the gifts recorded at the same time.
					errs[i] = db.inGroupTx(f.ctx, func(tx *sql.Tx) error {
						d := f.patronGift(1_000_000, general(f.org))
						d.Normalize()
						if err := db.donateInTx(f.ctx, tx, d, nil); err != nil {
							return err
						}
						return errRollback
					})
					if errors.Is(errs[i], errRollback) {
						errs[i] = nil
					}
					return
				}
				errs[i] = db.RecordDonation(f.ctx, f.patronGift(1_000_000, general(f.org)))
			})
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		rows, err := db.read.Query("SELECT number FROM receipts WHERE organisation_id = $1 AND year = 2026 ORDER BY number", f.org)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var numbers []int
		for rows.Next() {
			var n int
			if err := rows.Scan(&n); err != nil {
				t.Fatal(err)
			}
			numbers = append(numbers, n)
		}
		if len(numbers) != gifts-gifts/3 {
			t.Fatalf("%d receipts: %v", len(numbers), numbers)
		}
		for i, n := range numbers {
			if n != i+1 {
				t.Fatalf("receipt numbers %v have a gap", numbers)
			}
		}
		next := f.patronGift(1_000_000, general(f.other))
		if err := db.RecordDonation(f.ctx, next); err != nil || next.Receipt.Number != 1 {
			t.Errorf("another organisation's first receipt: %+v, %v", next.Receipt, err)
		}
		verified(t, db)
	})
}

var errRollback = errors.New("roll back")

// TestAFailingGiftOfAGroupFailsAlone runs a group of three gifts whose
// second fails after it has changed something (it opened a fund): the
// group is run again with a savepoint each, so the second leaves nothing
// behind and the others are recorded, their receipts numbered without a gap.
func TestAFailingGiftOfAGroupFailsAlone(t *testing.T) {
	db := openTestDB(t, SQLite)
	f := newMoneyFixture(t, db)
	shy := &parasat.Patron{Kind: parasat.PatronPerson, Name: "Дана Серікқызы", Region: "KZ-71"}
	if err := db.CreatePatron(f.ctx, shy); err != nil {
		t.Fatal(err)
	}
	unnamed := f.patronGift(2_000_00, general(f.other)) // opens the other's general fund, then is refused
	unnamed.Donor.PatronID = &shy.ID
	gifts := []*parasat.Donation{f.patronGift(1_000_00, general(f.org)), unnamed, f.patronGift(3_000_00, general(f.org))}
	db.group.once.Do(func() { db.group.jobs, db.group.quit = make(chan *groupJob, maxGroup), make(chan struct{}) })
	var jobs []*groupJob
	for _, d := range gifts {
		d.Normalize()
		jobs = append(jobs, &groupJob{ctx: f.ctx, done: make(chan error, 1), fn: func(tx *sql.Tx) error { return db.donateInTx(f.ctx, tx, d, nil) }})
	}
	for _, j := range jobs[1:] {
		db.group.jobs <- j
	}
	funds := count(t, db, "funds")
	if n, _ := db.runGroup(jobs[0], len(jobs), 0); n != 3 {
		t.Fatalf("the group held %d gifts; want 3", n)
	}
	for i, want := range []string{"", "donor.public:donor.no_consent", ""} {
		if err := <-jobs[i].done; fieldOf(err) != want || want == "" && err != nil {
			t.Errorf("gift %d: %v; want %q", i, err, want)
		}
	}
	if gifts[0].Receipt == nil || gifts[2].Receipt == nil || gifts[0].Receipt.Number != 1 || gifts[2].Receipt.Number != 2 {
		t.Errorf("receipts %+v and %+v; want 1 and 2", gifts[0].Receipt, gifts[2].Receipt)
	}
	if n := count(t, db, "funds"); n != funds+1 { // the org's general fund, not the other's
		t.Errorf("%d funds after the group; want %d", n, funds+1)
	}
	if n := count(t, db, "donations"); n != 2 {
		t.Errorf("%d gifts recorded; want 2", n)
	}
	verified(t, db)
}
