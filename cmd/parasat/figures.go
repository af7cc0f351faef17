package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/parasat-kz/parasat/sqlstore"
)

// keepFiguresFresh loads the index of report figures as the server starts,
// so that the first report does not wait for it, and then keeps it up to
// date every half minute — a report refreshes it anyway, this keeps that
// cheap — and prunes the change log once an hour. It returns when ctx ends.
func keepFiguresFresh(ctx context.Context, db *sqlstore.DB, logger *slog.Logger) {
	started := time.Now()
	if err := db.RefreshFigures(ctx); err != nil {
		if ctx.Err() == nil {
			logger.Error("loading the report figures", "err", err)
		}
	} else {
		logger.Info("report figures loaded", "took", time.Since(started).Round(time.Millisecond))
	}
	refresh, prune := time.NewTicker(30*time.Second), time.NewTicker(time.Hour)
	defer refresh.Stop()
	defer prune.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-refresh.C:
			if err := db.RefreshFigures(ctx); err != nil && ctx.Err() == nil {
				logger.Error("refreshing the report figures", "err", err)
			}
		case <-prune.C:
			if _, err := db.PruneFigureChanges(ctx); err != nil && ctx.Err() == nil {
				logger.Error("pruning the change log of figures", "err", err)
			}
		}
	}
}
