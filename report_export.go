package parasat

import (
	"context"
	"slices"
	"time"
)

// A report file — the whole report as XLSX or PDF, with every breakdown —
// is made in the background: the report page asks for it, a job of kind
// ReportExportJobKind counts the figures and writes the file, and the file
// is kept in the database for the account that asked, until it expires.

// ReportExportJobKind is the kind of the job that makes one report file.
const ReportExportJobKind = "report_export"

// ReportExportKeep is how long a made file is kept. Files hold figures,
// never personal data, but the figures change as records are added, so an
// old file is better made again than kept.
const ReportExportKeep = 7 * 24 * time.Hour

// ExportFormat is the kind of file a report export makes.
type ExportFormat string

const (
	ExportXLSX ExportFormat = "xlsx" // a workbook: summary, a sheet per breakdown, definitions
	ExportPDF  ExportFormat = "pdf"  // an A4 document: the statement, figures, charts and tables
)

// ExportFormats lists the formats made in the background.
var ExportFormats = []ExportFormat{ExportXLSX, ExportPDF}

// Valid reports whether f is one of ExportFormats.
func (f ExportFormat) Valid() bool {
	for _, v := range ExportFormats {
		if f == v {
			return true
		}
	}
	return false
}

// ContentType is the media type of files of the format.
func (f ExportFormat) ContentType() string {
	if f == ExportPDF {
		return "application/pdf"
	}
	return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
}

// FileName is the name a file of the report of filter gets when
// downloaded: "parasat-2019-01-01-2019-03-31.xlsx".
func (f ExportFormat) FileName(filter ReportFilter) string {
	return "parasat-" + filter.Period.From.String() + "-" + filter.Period.To.String() + "." + string(f)
}

// ReportExport is one report file asked for: what it reports, for whom, and
// once made, its size. The bytes are read apart (ReportExportFile).
type ReportExport struct {
	ID     int64        `json:"id"`
	UserID int64        `json:"user_id"`
	JobID  int64        `json:"job_id"`
	Format ExportFormat `json:"format"`
	Filter ReportFilter `json:"filter"`
	// Lang is the language of the file.
	Lang Language `json:"lang"`
	// Exact is whether the file shows figures as they are: decided when it
	// is asked for, by the asker's role (see ReadExactFigures).
	Exact bool `json:"exact"`
	// Subject names whose report it is, as the page showed it.
	Subject Names     `json:"subject"`
	Size    int64     `json:"size"`
	Made    bool      `json:"made"`
	Created time.Time `json:"created_at"`
	Expires time.Time `json:"expires_at"`
}

// Validate checks what is asked for.
func (e *ReportExport) Validate() error {
	var p Problems
	if e.UserID <= 0 {
		p.Add("user", "required", "is required")
	}
	if !e.Format.Valid() {
		p.Add("format", "report_export.format", "must be xlsx or pdf")
	}
	if !slices.Contains(Languages, e.Lang) {
		p.Add("lang", "language", "must be kk, ru or en")
	}
	if err := e.Filter.Validate(); err != nil {
		return err
	}
	return p.Err()
}

// ReportExportService keeps report files.
type ReportExportService interface {
	// CreateReportExport records the export and queues its job in one
	// transaction, setting ID, JobID, Created and Expires. Expired files
	// are deleted on the way.
	CreateReportExport(ctx context.Context, e *ReportExport) error
	// ReportExport returns an export that has not expired, without its bytes.
	ReportExport(ctx context.Context, id int64) (*ReportExport, error)
	// ReportExportFile returns the bytes of a made, unexpired file.
	ReportExportFile(ctx context.Context, id int64) ([]byte, error)
	// StoreReportExportFile keeps the made file of an export.
	StoreReportExportFile(ctx context.Context, id int64, content []byte) error
	// ListReportExports returns an account's unexpired exports, newest first.
	ListReportExports(ctx context.Context, userID int64, limit int) ([]ReportExport, error)
	// PurgeReportExports deletes the expired exports and returns how many.
	PurgeReportExports(ctx context.Context) (int, error)
}

// ReportExportJob is the payload of a report_export job.
type ReportExportJob struct {
	Export int64 `json:"export"`
}

// ReportExportAttempts bounds the tries of one file: counting and writing
// do not fail for a passing reason other than the database's.
const ReportExportAttempts = 3
