// Package exportjob makes report files in the background: the handler of
// the jobs of kind parasat.ReportExportJobKind, which the report page
// queues. A job counts the figures of the export's filter (the summary, the
// same period last year and every breakdown), writes the file in the
// export's language and keeps it with the export, reporting its progress
// as it goes. cmd/parasat registers it with the job runner.
package exportjob

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
	"github.com/parasat-kz/parasat/jobs"
	"github.com/parasat-kz/parasat/report/export"
)

// Exporter makes the files of report exports.
type Exporter struct {
	Exports parasat.ReportExportService
	Reports parasat.ReportService
	Catalog *i18n.Catalog
	// Now is the clock; the day in Kazakhstan is the day the statement of a
	// PDF speaks from.
	Now func() time.Time
}

// New returns an exporter on the store's services.
func New(exports parasat.ReportExportService, reports parasat.ReportService, catalog *i18n.Catalog) *Exporter {
	return &Exporter{Exports: exports, Reports: reports, Catalog: catalog, Now: time.Now}
}

// Result is what a done job keeps: which export it made, and how big.
type Result struct {
	Export int64 `json:"export"`
	Size   int   `json:"size"`
	// Gone is set when the export had expired before its job ran: there
	// was nothing left to make.
	Gone bool `json:"gone,omitempty"`
}

// Perform makes the file of the export the job names. Progress counts the
// parts of the report counted (the summary with last year, then each
// breakdown), then the file written and stored.
func (x *Exporter) Perform(ctx context.Context, t *jobs.Task) error {
	var p parasat.ReportExportJob
	if err := t.Decode(&p); err != nil {
		return err
	}
	e, err := x.Exports.ReportExport(ctx, p.Export)
	if parasat.ErrorCode(err) == parasat.ENotFound {
		return t.SetResult(Result{Export: p.Export, Gone: true})
	}
	if err != nil {
		return err
	}
	total := int64(len(parasat.Dimensions) + 3)
	r, err := x.count(ctx, t, e, total)
	if parasat.ErrorCode(err) == parasat.EInvalid {
		// The filter no longer holds (its organisation was merged away, say):
		// no retry will make it hold.
		return jobs.Permanent(err)
	}
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := x.write(&buf, e, r); err != nil {
		return jobs.Permanent(fmt.Errorf("report file %d: %w", e.ID, err))
	}
	if err := t.Progress(ctx, total-1, total); err != nil {
		return err
	}
	if err := x.Exports.StoreReportExportFile(ctx, e.ID, buf.Bytes()); err != nil {
		return err
	}
	if err := t.Progress(ctx, total, total); err != nil {
		return err
	}
	return t.SetResult(Result{Export: e.ID, Size: buf.Len()})
}

// count builds the export's report as parasat.BuildReport does, telling
// the progress after each part; small cells are suppressed unless the
// export was asked for by someone who sees exact figures.
func (x *Exporter) count(ctx context.Context, t *jobs.Task, e *parasat.ReportExport, total int64) (*parasat.Report, error) {
	s, err := x.Reports.Summary(ctx, e.Filter)
	if err != nil {
		return nil, err
	}
	r := &parasat.Report{Subject: e.Subject, Summary: *s}
	prev := e.Filter
	prev.Period = e.Filter.Period.SameLastYear()
	if r.LastYear, err = x.Reports.Summary(ctx, prev); err != nil {
		return nil, err
	}
	if err := t.Progress(ctx, 1, total); err != nil {
		return nil, err
	}
	for i, d := range parasat.Dimensions {
		b, err := x.Reports.Breakdown(ctx, e.Filter, d)
		if err != nil {
			return nil, err
		}
		r.Breakdowns = append(r.Breakdowns, *b)
		if err := t.Progress(ctx, int64(i+2), total); err != nil {
			return nil, err
		}
	}
	if !e.Exact {
		r.Suppress()
	}
	return r, nil
}

// write writes the file in the export's format and language.
func (x *Exporter) write(buf *bytes.Buffer, e *parasat.ReportExport, r *parasat.Report) error {
	l := x.Catalog.For(e.Lang)
	switch e.Format {
	case parasat.ExportXLSX:
		return export.XLSX(buf, l, r)
	case parasat.ExportPDF:
		return export.PDF(buf, l, r, parasat.DayInKazakhstan(x.Now()))
	}
	return fmt.Errorf("no writer for the format %q", e.Format)
}
