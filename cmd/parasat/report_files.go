package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/parasat-kz/parasat/sqlstore"
)

// purgeReportFiles deletes the report files that have expired, now and
// then once an hour, until ctx ends. Expired files are never served
// anyway; this frees their space when nobody asks for new ones.
func purgeReportFiles(ctx context.Context, db *sqlstore.DB, logger *slog.Logger) {
	tick := time.NewTicker(time.Hour)
	defer tick.Stop()
	for {
		if n, err := db.PurgeReportExports(ctx); err != nil && ctx.Err() == nil {
			logger.Error("deleting expired report files", "err", err)
		} else if n > 0 {
			logger.Info("expired report files deleted", "files", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}
