package sqlstore

import (
	"context"
	"testing"
	"time"

	"github.com/parasat-kz/parasat"
)

func TestRegionsAreSeededFromReferenceData(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		regions, err := db.ListRegions(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(regions) != 20 {
			t.Fatalf("got %d regions; want 17 regions and 3 cities", len(regions))
		}
		cities := 0
		for _, r := range regions {
			if r.Kind == parasat.RegionKindCity {
				cities++
			}
		}
		if cities != 3 {
			t.Errorf("got %d cities; want Astana, Almaty and Shymkent", cities)
		}
		abai, err := db.Region(ctx, "KZ-10")
		if err != nil {
			t.Fatal(err)
		}
		if abai.Name.KK != "Абай облысы" || abai.Name.RU != "Абайская область" || abai.Name.EN != "Abai Region" {
			t.Errorf("KZ-10 names = %+v", abai.Name)
		}
		if abai.Since == nil || abai.Since.String() != "2022-06-08" {
			t.Errorf("KZ-10 since = %v; want 2022-06-08", abai.Since)
		}
		astana, _ := db.Region(ctx, "KZ-71")
		if astana.Since != nil {
			t.Errorf("KZ-71 since = %v; want none", astana.Since)
		}
		if got := astana.NameAt(parasat.English, time.Date(2020, 5, 1, 0, 0, 0, 0, time.UTC)); got != "Nur-Sultan" {
			t.Errorf("the capital in May 2020 = %q; want Nur-Sultan", got)
		}
		if _, err := db.Region(ctx, "KZ-99"); parasat.ErrorCode(err) != parasat.ENotFound {
			t.Errorf("unknown region: %v; want not found", err)
		}
	})
}

func TestUpdateRegionIsAuditedAndSurvivesMigration(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := parasat.WithActor(context.Background(), parasat.Actor{Address: "test"})
		r, _ := db.Region(ctx, "KZ-62")
		r.Population = 221000
		if err := db.UpdateRegion(ctx, r); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		got, _ := db.Region(ctx, "KZ-62")
		if got.Population != 221000 {
			t.Errorf("population after re-seeding = %d; the edit was overwritten", got.Population)
		}
		entries := auditRows(t, db, "region", "KZ-62")
		if len(entries) != 1 || entries[0].before != `{"population":220000}` || entries[0].after != `{"population":221000}` {
			t.Errorf("audit of region update = %+v; want only the population before and after", entries)
		}
		bad := *got
		bad.Name.KK = ""
		if err := db.UpdateRegion(ctx, &bad); parasat.ErrorCode(err) != parasat.EInvalid {
			t.Errorf("update without a Kazakh name: %v; want invalid", err)
		}
	})
}
