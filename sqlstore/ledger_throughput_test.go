package sqlstore

import (
	"context"
	"testing"
	"time"
)

// BenchmarkRecordDonation records gifts one transaction each, as the API
// does, with durable commits; it shows the store's own ceiling.
func BenchmarkRecordDonation(b *testing.B) {
	for _, engine := range []Engine{SQLite, Postgres} {
		b.Run(string(engine), func(b *testing.B) {
			db, err := Open(context.Background(), benchConfig(b, engine))
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Migrate(context.Background()); err != nil {
				b.Fatal(err)
			}
			f := newMoneyFixture(b, db)
			b.ResetTimer()
			start := time.Now()
			for i := 0; i < b.N; i++ {
				if err := db.RecordDonation(f.ctx, f.patronGift(1_000_00, f.toCampaign())); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "donations/s")
		})
	}
}

// BenchmarkRecordDonationsConcurrently records gifts from eight goroutines
// at once, as concurrent API requests do.
func BenchmarkRecordDonationsConcurrently(b *testing.B) {
	db, err := Open(context.Background(), benchConfig(b, SQLite))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(context.Background()); err != nil {
		b.Fatal(err)
	}
	f := newMoneyFixture(b, db)
	b.SetParallelism(4)
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := db.RecordDonation(f.ctx, f.patronGift(1_000_00, f.toCampaign())); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "donations/s")
}
