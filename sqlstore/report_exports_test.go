package sqlstore

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/parasat-kz/parasat"
)

// A report file asked for is recorded with its job, in one transaction;
// it is someone's until it expires, and expired files disappear.
func TestReportExportsAreQueuedKeptAndExpire(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		c := withClock(db)
		u := newUser(t, db, "asel@example.kz", "Әсел")
		other := newUser(t, db, "dariga@example.kz", "Дариға")
		f := parasat.ReportFilter{Period: parasat.QuarterPeriod(2019, 1), Region: "KZ-71", Kind: parasat.HelpGoods}
		e := &parasat.ReportExport{UserID: u.ID, Format: parasat.ExportXLSX, Filter: f, Lang: parasat.Russian, Exact: true,
			Subject: parasat.Names{KK: "Астана", RU: "Астана", EN: "Astana"}}
		if err := db.CreateReportExport(ctx, e); err != nil {
			t.Fatal(err)
		}
		j, err := db.Job(ctx, e.JobID)
		if err != nil || j.Kind != parasat.ReportExportJobKind || j.Status != parasat.JobQueued || j.MaxAttempts != parasat.ReportExportAttempts {
			t.Fatalf("the export's job: %+v, %v", j, err)
		}
		var payload parasat.ReportExportJob
		if err := json.Unmarshal(j.Payload, &payload); err != nil || payload.Export != e.ID {
			t.Errorf("job payload %s names export %d; want %d", j.Payload, payload.Export, e.ID)
		}
		got, err := db.ReportExport(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.UserID != u.ID || got.JobID != e.JobID || got.Format != parasat.ExportXLSX || got.Lang != parasat.Russian || !got.Exact ||
			!got.Filter.Period.Equal(f.Period) || got.Filter.Region != "KZ-71" || got.Filter.Kind != parasat.HelpGoods ||
			got.Subject.EN != "Astana" || got.Made || got.Size != 0 || !got.Expires.Equal(fixedNow.Add(parasat.ReportExportKeep)) {
			t.Errorf("read back %+v", got)
		}
		if _, err := db.ReportExportFile(ctx, e.ID); parasat.ErrorCode(err) != parasat.ENotFound {
			t.Errorf("the file before it is made: %v; want not found", err)
		}
		content := []byte("PK\x03\x04 a workbook")
		if err := db.StoreReportExportFile(ctx, e.ID, content); err != nil {
			t.Fatal(err)
		}
		if b, err := db.ReportExportFile(ctx, e.ID); err != nil || !bytes.Equal(b, content) {
			t.Errorf("the file: %q, %v", b, err)
		}
		if got, _ := db.ReportExport(ctx, e.ID); !got.Made || got.Size != int64(len(content)) {
			t.Errorf("after storing: made %v, size %d", got.Made, got.Size)
		}
		if err := db.StoreReportExportFile(ctx, 999999, content); parasat.ErrorCode(err) != parasat.ENotFound {
			t.Errorf("storing the file of no export: %v", err)
		}

		c.Add(24 * time.Hour)
		second := &parasat.ReportExport{UserID: u.ID, Format: parasat.ExportPDF, Filter: f, Lang: parasat.Kazakh}
		if err := db.CreateReportExport(ctx, second); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateReportExport(ctx, &parasat.ReportExport{UserID: other.ID, Format: parasat.ExportXLSX, Filter: f, Lang: parasat.English}); err != nil {
			t.Fatal(err)
		}
		list, err := db.ListReportExports(ctx, u.ID, 10)
		if err != nil || len(list) != 2 || list[0].ID != second.ID || list[1].ID != e.ID {
			t.Fatalf("the account's files, newest first: %+v, %v", list, err)
		}

		c.Add(parasat.ReportExportKeep - 24*time.Hour) // the first expires now
		if _, err := db.ReportExport(ctx, e.ID); parasat.ErrorCode(err) != parasat.ENotFound {
			t.Errorf("an expired export: %v; want not found", err)
		}
		if _, err := db.ReportExportFile(ctx, e.ID); parasat.ErrorCode(err) != parasat.ENotFound {
			t.Errorf("an expired file: %v; want not found", err)
		}
		if list, _ := db.ListReportExports(ctx, u.ID, 10); len(list) != 1 || list[0].ID != second.ID {
			t.Errorf("listed after the first expired: %+v", list)
		}
		if n, err := db.PurgeReportExports(ctx); n != 1 || err != nil {
			t.Errorf("purge: %d, %v; want the one expired", n, err)
		}
		var left int
		if err := db.read.QueryRowContext(ctx, "SELECT COUNT(*) FROM report_exports").Scan(&left); err != nil || left != 2 {
			t.Errorf("%d files left, %v; want 2", left, err)
		}
	})
}

func TestAReportExportMustSayWhatAndForWhom(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *DB) {
		u := newUser(t, db, "asel@example.kz", "Әсел")
		good := parasat.ReportFilter{Period: parasat.QuarterPeriod(2019, 1)}
		for name, e := range map[string]*parasat.ReportExport{
			"format": {UserID: u.ID, Format: "doc", Filter: good, Lang: parasat.English},
			"lang":   {UserID: u.ID, Format: parasat.ExportXLSX, Filter: good, Lang: "de"},
			"user":   {Format: parasat.ExportXLSX, Filter: good, Lang: parasat.English},
			"to":     {UserID: u.ID, Format: parasat.ExportXLSX, Filter: parasat.ReportFilter{Period: parasat.Period{From: good.Period.To, To: good.Period.From}}, Lang: parasat.English},
		} {
			err := db.CreateReportExport(context.Background(), e)
			if parasat.ErrorCode(err) != parasat.EInvalid || !hasField(err, name) {
				t.Errorf("%s: %v; want invalid %s", name, err, name)
			}
		}
		if jobs, _ := db.ListJobs(context.Background(), parasat.JobFilter{}); len(jobs) != 0 {
			t.Errorf("refused exports queued %d jobs", len(jobs))
		}
	})
}

// hasField reports whether err is a validation error naming field.
func hasField(err error, field string) bool {
	e, ok := err.(*parasat.Error)
	if !ok {
		return false
	}
	for _, f := range e.Fields {
		if f.Field == field {
			return true
		}
	}
	return false
}
