package sqlstore

import (
	"context"
	"testing"
	"time"

	"github.com/parasat-kz/parasat/internal/testdb"

	"github.com/parasat-kz/parasat"
)

// BenchmarkRecordAidBulk500 records the help given at one event to 500
// people served by its lead: one call, one transaction, with the checks
// and the 500 audit rows. The target is well under a second.
func BenchmarkRecordAidBulk500(b *testing.B) {
	for _, engine := range []Engine{SQLite, Postgres} {
		b.Run(string(engine), func(b *testing.B) {
			db := openBenchStore(b, engine)
			ctx := context.Background()
			org := newOrg("Атамекен")
			if err := db.CreateOrganisation(ctx, org); err != nil {
				b.Fatal(err)
			}
			people := make([]*parasat.Beneficiary, 500)
			for i := range people {
				people[i] = personBorn("Сейітов Ержан", "1960-01-01", parasat.Male, "KZ-71", i)
				people[i].FullName += " " + string(rune('А'+i%32))
				people[i].Organisations = []int64{org.ID}
			}
			if err := db.CreateBeneficiaries(ctx, people); err != nil {
				b.Fatal(err)
			}
			start := fixedNow.Add(-3 * time.Hour)
			e := &parasat.Event{Title: parasat.Names{KK: "Мектепке жол"}, Kind: parasat.EventDistribution, Starts: start,
				Ends: start.Add(2 * time.Hour), LeadID: org.ID}
			if err := db.CreateEvent(ctx, e); err != nil {
				b.Fatal(err)
			}
			day := parasat.DayInKazakhstan(fixedNow)
			for b.Loop() {
				list := make([]*parasat.AidRecord, len(people))
				for i, p := range people {
					list[i] = &parasat.AidRecord{GivenOn: day, EventID: &e.ID, Recipient: parasat.RecipientBeneficiary,
						BeneficiaryID: &p.ID, Kind: parasat.AidGoods, Item: "school_supplies", ValueTiyn: 1_500_000}
				}
				if err := db.RecordAid(ctx, list); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// openBenchStore opens an empty, migrated database of its own on engine.
func openBenchStore(b *testing.B, engine Engine) *DB {
	b.Helper()
	ctx := context.Background()
	db, err := Open(ctx, benchConfig(b, engine))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	db.Now = func() time.Time { return fixedNow }
	return db
}

func benchConfig(b *testing.B, engine Engine) Config {
	if engine == SQLite {
		return Config{DataDir: b.TempDir()}
	}
	return Config{DatabaseURL: testdb.PostgresURL(b)}
}
