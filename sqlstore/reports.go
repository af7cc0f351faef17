package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"github.com/parasat-kz/parasat"
)

// The report figures (parasat.ReportService), counted by this process's
// index of figures (tally.go), which is first brought up to date with what
// is committed.

// Summary returns the figures of f's period and filter.
func (db *DB) Summary(ctx context.Context, f parasat.ReportFilter) (*parasat.Summary, error) {
	if err := db.checkReportFilter(ctx, f); err != nil {
		return nil, err
	}
	ix, err := db.figures(ctx)
	if err != nil {
		return nil, err
	}
	return ix.Summary(f), nil
}

// Breakdown returns the figures of f split by one dimension.
func (db *DB) Breakdown(ctx context.Context, f parasat.ReportFilter, by parasat.Dimension) (*parasat.Breakdown, error) {
	if !by.Valid() {
		var p parasat.Problems
		p.Add("by", "report.dimension", "must be quarter, month, region, organisation, occasion, category or kind")
		return nil, p.Err()
	}
	if err := db.checkReportFilter(ctx, f); err != nil {
		return nil, err
	}
	ix, err := db.figures(ctx)
	if err != nil {
		return nil, err
	}
	return ix.Breakdown(f, by), nil
}

// checkReportFilter checks the filter's form and that the region and the
// organisation it names exist. Occasions are keys events carry; one no
// event has counts nothing.
func (db *DB) checkReportFilter(ctx context.Context, f parasat.ReportFilter) error {
	if err := f.Validate(); err != nil {
		return err
	}
	var p parasat.Problems
	if f.Region != "" {
		if _, err := db.Region(ctx, f.Region); parasat.ErrorCode(err) == parasat.ENotFound {
			p.Add("region", "region.unknown", "is not a region of Kazakhstan")
		} else if err != nil {
			return err
		}
	}
	if f.OrganisationID != 0 {
		var one int
		err := db.read.QueryRowContext(ctx, "SELECT 1 FROM organisations WHERE id = $1", f.OrganisationID).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			p.Add("organisation", "organisation.unknown", "is not an organisation in Parasat")
		} else if err != nil {
			return err
		}
	}
	return p.Err()
}
