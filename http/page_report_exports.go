package http

import (
	"context"
	"net/http"
	"slices"
	"strconv"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
	"github.com/parasat-kz/parasat/report"
)

// Report files: the whole report as an XLSX workbook or a PDF document is
// always made by a background job (every breakdown of a national year is
// thousands of rows, and a PDF draws charts), never in the request. The
// page asking for it goes to the file's page, which shows the job's
// progress — refreshed by htmx, or by a plain link without JavaScript — and
// the download link when the file is made. Files belong to the account
// that asked (admins may open any); another account gets 404, as if the
// file did not exist.

// exportableFormats are the formats the page offers: those whose writer
// package exportjob has.
var exportableFormats = []parasat.ExportFormat{parasat.ExportXLSX, parasat.ExportPDF}

// exportRow is one of an account's files in the list on the report page.
type exportRow struct {
	ID                                      int64
	Format, Subject, Period, Created, State string
}

// exportPage is the page of one file.
type exportPage struct {
	ID                                      int64
	Format, Subject, Period, Expires, State string
	// Working is set while the job has not finished: the page refreshes.
	Working, Made, Failed bool
	Done, Total           int64
	Percent               int64
	FileName, Size        string
	// Report is the report page of the file's filter.
	Report string
}

func (s *Server) registerReportExportPages(mux *http.ServeMux) {
	s.handlePage(mux, "POST /reports/exports", parasat.ExportReport, s.handleCreateReportExport)
	s.handlePage(mux, "GET /reports/exports/{id}", parasat.ReadReportExport, s.handleReportExport)
	s.handlePage(mux, "GET /reports/exports/{id}/file", parasat.ReadReportExport, s.handleReportExportFile)
}

// handleCreateReportExport queues the file of the report the page shows,
// in the page's language, with figures as the asker may see them now.
func (s *Server) handleCreateReportExport(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	back := "/reports?" + r.PostForm.Encode()
	f, err := reportFilter(r.PostForm)
	if err != nil {
		// Only a form changed by hand gets here: the report page names the problem.
		http.Redirect(w, r, back, http.StatusSeeOther)
		return
	}
	format := parasat.ExportFormat(r.PostFormValue("format"))
	if !slices.Contains(exportableFormats, format) {
		setFlash(w, "report_page.error.format")
		http.Redirect(w, r, back, http.StatusSeeOther)
		return
	}
	exact, err := s.exactFigures(r.Context(), f)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	subject, err := s.reportSubject(r.Context(), f)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	e := &parasat.ReportExport{UserID: currentUser(r.Context()).ID, Format: format, Filter: f, Lang: s.language(r),
		Exact: exact, Subject: subject}
	if err := s.services.ReportExports.CreateReportExport(r.Context(), e); err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/reports/exports/"+strconv.FormatInt(e.ID, 10), http.StatusSeeOther)
}

func (s *Server) handleReportExport(w http.ResponseWriter, r *http.Request) {
	e, ok := s.ownExport(w, r)
	if !ok {
		return
	}
	p := s.newPage(w, r, "report_page.export.title", nil)
	data := exportPage{ID: e.ID, Format: formatName(p.T, e.Format), Subject: e.Subject.Best(p.Lang),
		Period:  report.PeriodText(p.T, e.Filter.Period),
		Expires: p.T.DateTime(e.Expires.In(i18n.Zone())), Made: e.Made, Report: "/reports?" + filterQuery(e.Filter).Encode()}
	if e.Made {
		data.FileName, data.Size = e.Format.FileName(e.Filter), fileSize(p.T, e.Size)
	} else {
		j, err := s.services.Jobs.Job(r.Context(), e.JobID)
		if err != nil && parasat.ErrorCode(err) != parasat.ENotFound {
			s.serverError(w, r, err)
			return
		}
		// A job that is gone, or done without a file, made nothing.
		data.Failed = j == nil || j.Status == parasat.JobFailed || j.Status == parasat.JobDone
		data.Working = !data.Failed
		if j != nil && j.Total > 0 {
			data.Done, data.Total, data.Percent = j.Done, j.Total, j.Done*100/j.Total
		}
	}
	data.State = exportState(p.T, e.Made, data.Failed)
	p.Data = data
	p.Breadcrumbs = []crumb{{p.T.T("nav.reports"), data.Report}, {p.T.T("report_page.export.title"), ""}}
	s.render(w, http.StatusOK, "report_export", p)
}

func (s *Server) handleReportExportFile(w http.ResponseWriter, r *http.Request) {
	e, ok := s.ownExport(w, r)
	if !ok {
		return
	}
	if !e.Made {
		http.Redirect(w, r, "/reports/exports/"+strconv.FormatInt(e.ID, 10), http.StatusSeeOther)
		return
	}
	b, err := s.services.ReportExports.ReportExportFile(r.Context(), e.ID)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", e.Format.ContentType())
	w.Header().Set("Content-Disposition", `attachment; filename="`+e.Format.FileName(e.Filter)+`"`)
	w.Header().Set("Cache-Control", "private, no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	_, _ = w.Write(b)
}

// ownExport loads the file of the path for its owner or an admin; others
// get 404. A file of exact figures is refused (403) to an owner whose role
// no longer covers its filter.
func (s *Server) ownExport(w http.ResponseWriter, r *http.Request) (*parasat.ReportExport, bool) {
	id, ok := pathID(r, "id")
	if !ok {
		s.notFound(w, r)
		return nil, false
	}
	e, err := s.services.ReportExports.ReportExport(r.Context(), id)
	if err == nil && !parasat.Can(currentUser(r.Context()), parasat.ReadReportExport, parasat.Resource{OwnerUserID: e.UserID}) {
		err = parasat.Errorf(parasat.ENotFound, "report file %d is another account's", id)
	}
	if err != nil {
		s.pageError(w, r, err)
		return nil, false
	}
	if e.Exact {
		if exact, err := s.exactFigures(r.Context(), e.Filter); err != nil || !exact {
			s.pageError(w, r, orForbidden(err))
			return nil, false
		}
	}
	return e, true
}

func orForbidden(err error) error {
	if err != nil {
		return err
	}
	return parasat.Errorf(parasat.EForbidden, "the file holds exact figures the account no longer sees")
}

// exportRows lists an account's files, with the state of those not made.
func (s *Server) exportRows(ctx context.Context, l *i18n.Localizer, userID int64) ([]exportRow, error) {
	list, err := s.services.ReportExports.ListReportExports(ctx, userID, 10)
	if err != nil {
		return nil, err
	}
	out := make([]exportRow, len(list))
	for i, e := range list {
		failed := false
		if !e.Made {
			j, err := s.services.Jobs.Job(ctx, e.JobID)
			if err != nil && parasat.ErrorCode(err) != parasat.ENotFound {
				return nil, err
			}
			failed = j == nil || j.Status == parasat.JobFailed || j.Status == parasat.JobDone
		}
		out[i] = exportRow{ID: e.ID, Format: formatName(l, e.Format), Subject: e.Subject.Best(l.Lang()),
			Period:  report.PeriodText(l, e.Filter.Period),
			Created: l.DateTime(e.Created.In(i18n.Zone())), State: exportState(l, e.Made, failed)}
	}
	return out, nil
}

func exportState(l *i18n.Localizer, made, failed bool) string {
	switch {
	case made:
		return l.T("report_page.export.state_made")
	case failed:
		return l.T("report_page.export.state_failed")
	}
	return l.T("report_page.export.state_working")
}

func formatName(l *i18n.Localizer, f parasat.ExportFormat) string {
	if f == parasat.ExportPDF {
		return l.T("report_page.export.pdf")
	}
	return l.T("report_page.export.xlsx")
}

// fileSize is a size in whole kilobytes, at least 1.
func fileSize(l *i18n.Localizer, bytes int64) string {
	return l.T("report_page.export.size", "KB", l.Number(max(1, (bytes+512)/1024)))
}
