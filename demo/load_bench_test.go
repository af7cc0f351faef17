package demo

import (
	"context"
	"testing"

	"github.com/parasat-kz/parasat/sqlstore"
)

// BenchmarkLoadSQLite measures loading the whole demonstration dataset into a
// new SQLite database, which every browser test and `serve --demo` does at
// start: go test -run '^$' -bench LoadSQLite ./demo
func BenchmarkLoadSQLite(b *testing.B) {
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		db, err := sqlstore.Open(ctx, sqlstore.Config{DataDir: b.TempDir()})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := db.Migrate(ctx); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if loaded, err := Load(ctx, db); err != nil || !loaded {
			b.Fatalf("Load = %v, %v", loaded, err)
		}
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
}
