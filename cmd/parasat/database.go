package main

import (
	"context"
	"fmt"

	"github.com/parasat-kz/parasat/sqlstore"
)

// openDatabase opens and migrates the database the flags name. Every command
// goes through it, so each one upgrades an older database and refuses a newer one.
func openDatabase(ctx context.Context, cfg *sqlstore.Config) (*sqlstore.DB, []int64, error) {
	db, err := sqlstore.Open(ctx, *cfg)
	if err != nil {
		return nil, nil, err
	}
	applied, err := db.Migrate(ctx)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	return db, applied, nil
}

func describeDatabase(db *sqlstore.DB, cfg *sqlstore.Config) string {
	if db.Engine() == sqlstore.SQLite {
		return "SQLite " + db.Path
	}
	return fmt.Sprintf("PostgreSQL (%s)", redactURL(cfg.DatabaseURL))
}
