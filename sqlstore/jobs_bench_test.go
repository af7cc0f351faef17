package sqlstore

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/internal/testdb"
)

// BenchmarkEnqueueMail is the cost a change pays to queue its mail: one
// insert in the change's own transaction (here a transaction of its own).
func BenchmarkEnqueueMail(b *testing.B) {
	forEachEngineBench(b, func(b *testing.B, db *DB) {
		ctx := context.Background()
		m := parasat.Mail{To: "volunteer@example.kz", Lang: parasat.Russian, Template: "shift_confirmed", Data: map[string]any{"shift": 1}}
		for b.Loop() {
			if err := db.inTx(ctx, func(tx *sql.Tx) error { return db.enqueueMail(ctx, tx, m) }); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkClaimAndComplete is a worker's cost per job, without the job's
// own work: claims of ten due jobs out of a queue of 10,000 (with 10,000 done
// jobs kept), each completed.
func BenchmarkClaimAndComplete(b *testing.B) {
	forEachEngineBench(b, func(b *testing.B, db *DB) {
		ctx := context.Background()
		fill := func(n int) {
			err := db.inTx(ctx, func(tx *sql.Tx) error {
				for range n {
					if _, _, err := db.enqueue(ctx, tx, parasat.JobSpec{Kind: "mail", Payload: map[string]int{"n": n}}); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
		}
		fill(10_000)
		done := 0
		for done < 10_000 {
			got, err := db.ClaimJobs(ctx, "fill", []string{"mail"}, 100, time.Minute)
			if err != nil {
				b.Fatal(err)
			}
			for _, j := range got {
				if err := db.CompleteJob(ctx, j.ID, "fill", nil); err != nil {
					b.Fatal(err)
				}
			}
			done += len(got)
		}
		fill(10_000)
		b.ResetTimer()
		for i := 0; i < b.N; i += 10 {
			if i%5_000 == 0 {
				b.StopTimer()
				fill(5_000)
				b.StartTimer()
			}
			got, err := db.ClaimJobs(ctx, "bench", []string{"mail"}, 10, time.Minute)
			if err != nil || len(got) == 0 {
				b.Fatalf("claim: %d, %v", len(got), err)
			}
			for _, j := range got {
				if err := db.CompleteJob(ctx, j.ID, "bench", nil); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}

func forEachEngineBench(b *testing.B, bench func(b *testing.B, db *DB)) {
	for _, engine := range []Engine{SQLite, Postgres} {
		b.Run(string(engine), func(b *testing.B) {
			cfg := Config{DataDir: b.TempDir()}
			if engine == Postgres {
				cfg = Config{DatabaseURL: testdb.PostgresURL(b)}
			}
			ctx := context.Background()
			db, err := Open(ctx, cfg)
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Migrate(ctx); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			bench(b, db)
		})
	}
}
