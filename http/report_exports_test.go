package http

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
	"github.com/parasat-kz/parasat/internal/pdftest"
	"github.com/parasat-kz/parasat/jobs"
	"github.com/parasat-kz/parasat/report/exportjob"
)

var exportLocation = regexp.MustCompile(`^/reports/exports/(\d+)$`)

// A coordinator asks for the XLSX of their region's report: the file's page
// shows it waiting, then a worker's progress, then the download; the file
// holds the page's figures; only its owner and admins see it; and once the
// coordinator's role is gone, the file of exact figures is refused.
func TestReportFileIsMadeInTheBackgroundForItsOwner(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		f := newRoleFixture(t, e)
		recordHelp(t, e, f.org.ID, today(), 60, 6)
		coord := f.tokens[coordinator]
		r := e.pageAs(http.MethodPost, "/reports/exports", "ru", coord, url.Values{"region": {"KZ-71"}, "format": {"xlsx"}})
		loc := r.header.Get("Location")
		if r.status != http.StatusSeeOther || !exportLocation.MatchString(loc) {
			t.Fatalf("asking for the file: %d → %q", r.status, loc)
		}
		list, err := e.db.ListReportExports(ctx, f.users[coordinator].ID, 10)
		if err != nil || len(list) != 1 || !list[0].Exact || list[0].Lang != parasat.Russian || list[0].Subject.RU != "город Астана" {
			t.Fatalf("the export recorded: %+v, %v", list, err)
		}
		jobID := list[0].JobID

		raw := string(e.pageAs(http.MethodGet, loc, "ru", coord, nil).body)
		page := visible(raw)
		if !strings.Contains(page, "Готовится Ожидает своей очереди.") || !strings.Contains(raw, `hx-trigger="every 2s"`) ||
			!strings.Contains(raw, `<a href="`+loc+`">Обновить</a>`) {
			t.Errorf("the queued file's page does not say it waits, refresh itself and offer a refresh link:\n%s", page)
		}
		if r := e.pageAs(http.MethodGet, loc+"/file", "ru", coord, nil); r.status != http.StatusSeeOther || r.header.Get("Location") != loc {
			t.Errorf("the file before it is made: %d → %q; want back to its page", r.status, r.header.Get("Location"))
		}

		// A worker takes the job and reports its progress.
		if claimed, err := e.db.ClaimJobs(ctx, "test-worker", []string{parasat.ReportExportJobKind}, 1, 300*time.Millisecond); err != nil || len(claimed) != 1 {
			t.Fatalf("claim: %v, %v", claimed, err)
		}
		if err := e.db.ExtendLease(ctx, jobID, "test-worker", 300*time.Millisecond, 4, 10); err != nil {
			t.Fatal(err)
		}
		raw = string(e.pageAs(http.MethodGet, loc, "ru", coord, nil).body)
		if !strings.Contains(raw, `<progress value="4" max="10"`) || !strings.Contains(visible(raw), "Выполнено шагов: 4 из 10") {
			t.Errorf("the running file's page does not show its progress:\n%s", visible(raw))
		}

		// That worker dies; the runner takes the job when its lease ends and makes the file.
		runExportJobs(t, e)
		j := waitForJob(t, e, jobID, parasat.JobDone)
		if j.Done != 10 || j.Total != 10 {
			t.Errorf("the finished job's progress: %d of %d", j.Done, j.Total)
		}
		raw = string(e.pageAs(http.MethodGet, loc, "ru", coord, nil).body)
		page = visible(raw)
		if !strings.Contains(page, "Готов Скачать parasat-") || strings.Contains(raw, "hx-trigger") {
			t.Errorf("the made file's page does not offer the download, or still refreshes:\n%s", page)
		}
		file := e.pageAs(http.MethodGet, loc+"/file", "ru", coord, nil)
		expect(t, file, http.StatusOK)
		if ct := file.header.Get("Content-Type"); !strings.Contains(ct, "spreadsheetml") {
			t.Errorf("Content-Type %q", ct)
		}
		if got := summaryCell(t, file.body, "Итоги", "Получили помощь, человек"); got != "6" {
			t.Errorf("the workbook says %q people helped; the page says 6 (exact, for the coordinator)", got)
		}
		if !strings.Contains(visible(string(e.pageAs(http.MethodGet, "/reports", "ru", coord, nil).body)), "Ваши файлы Файл Чьи показатели") {
			t.Error("the report page does not list the coordinator's files")
		}

		// Nobody else but admins.
		for who, want := range map[role]int{admin: http.StatusOK, manager: http.StatusNotFound, volunteer: http.StatusNotFound,
			anonymous: http.StatusSeeOther} {
			for _, path := range []string{loc, loc + "/file"} {
				if r := e.pageAs(http.MethodGet, path, "en", f.tokens[who], nil); r.status != want {
					t.Errorf("%s opens %s: %d, want %d", who, path, r.status, want)
				}
			}
		}
		if r := e.pageAs(http.MethodGet, "/reports/exports/999999", "en", coord, nil); r.status != http.StatusNotFound {
			t.Errorf("a file that does not exist: %d", r.status)
		}

		// The coordinator's role is revoked: the file of exact figures is theirs no longer to read.
		if err := e.db.RevokeRole(ctx, f.users[coordinator].ID, f.users[coordinator].Grants[0].ID); err != nil {
			t.Fatal(err)
		}
		if r := e.pageAs(http.MethodGet, loc+"/file", "en", coord, nil); r.status != http.StatusForbidden {
			t.Errorf("the file of exact figures after the role is revoked: %d, want 403", r.status)
		}
	})
}

// A PDF asked for on the Kazakh page is made in Kazakh, with the figures
// the page shows.
func TestReportPDFIsMadeInThePagesLanguage(t *testing.T) {
	e := newEnv(t, "sqlite", nil)
	f := newRoleFixture(t, e)
	recordHelp(t, e, f.org.ID, today(), 70, 6)
	runExportJobs(t, e)
	r := e.pageAs(http.MethodPost, "/reports/exports", "kk", f.tokens[manager],
		url.Values{"organisation": {strconv.FormatInt(f.org.ID, 10)}, "format": {"pdf"}})
	loc := r.header.Get("Location")
	if r.status != http.StatusSeeOther || !exportLocation.MatchString(loc) {
		t.Fatalf("asking for the PDF: %d → %q", r.status, loc)
	}
	list, _ := e.db.ListReportExports(context.Background(), f.users[manager].ID, 1)
	waitForJob(t, e, list[0].JobID, parasat.JobDone)
	page := visible(string(e.pageAs(http.MethodGet, loc, "kk", f.tokens[manager], nil).body))
	if !strings.Contains(page, "PDF құжаты") || !strings.Contains(page, "Дайын") || !strings.Contains(page, ".pdf жүктеп алу") {
		t.Errorf("the made PDF's page:\n%s", page)
	}
	file := e.pageAs(http.MethodGet, loc+"/file", "kk", f.tokens[manager], nil)
	expect(t, file, http.StatusOK)
	if ct := file.header.Get("Content-Type"); ct != "application/pdf" {
		t.Errorf("Content-Type %q", ct)
	}
	text := pdftest.Squeeze(pdftest.Text(t, file.body))
	for _, want := range []string{"Астана Аналар кеңесі", "6 адамға", "90 000 ₸", "Көмек алған адамдар"} {
		if !strings.Contains(text, pdftest.Squeeze(want)) {
			t.Errorf("the PDF does not say %q:\n%s", want, text)
		}
	}
}

// A file asked for by someone whose role does not cover its filter hides
// the small cells, as the page does for them; the summary sheet says so.
func TestReportFileOfThePublicsFiguresHidesSmallCells(t *testing.T) {
	e := newEnv(t, "sqlite", nil)
	f := newRoleFixture(t, e)
	recordHelp(t, e, f.org.ID, today(), 50, 1)
	runExportJobs(t, e)
	r := e.pageAs(http.MethodPost, "/reports/exports", "en", f.tokens[patron], url.Values{"region": {"KZ-71"}, "format": {"xlsx"}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("asking for the file: %d", r.status)
	}
	list, _ := e.db.ListReportExports(context.Background(), f.users[patron].ID, 1)
	if len(list) != 1 || list[0].Exact {
		t.Fatalf("the patron's export: %+v; want one of suppressed figures", list)
	}
	waitForJob(t, e, list[0].JobID, parasat.JobDone)
	file := e.pageAs(http.MethodGet, r.header.Get("Location")+"/file", "en", f.tokens[patron], nil)
	expect(t, file, http.StatusOK)
	if got := summaryCell(t, file.body, "Summary", "People helped"); got != "fewer than 5" {
		t.Errorf("the patron's workbook shows %q people helped; want the one person hidden", got)
	}
}

// A file asked for with a format the page does not offer is refused with
// the reason, and nothing is queued.
func TestReportFileOfAnUnknownFormatIsRefused(t *testing.T) {
	e := newEnv(t, "sqlite", nil)
	f := newRoleFixture(t, e)
	r := e.pageAs(http.MethodPost, "/reports/exports", "en", f.tokens[patron], url.Values{"region": {"KZ-71"}, "format": {"docx"}})
	if r.status != http.StatusSeeOther || !strings.HasPrefix(r.header.Get("Location"), "/reports?") {
		t.Fatalf("an unknown format: %d → %q", r.status, r.header.Get("Location"))
	}
	if list, _ := e.db.ListReportExports(context.Background(), f.users[patron].ID, 10); len(list) != 0 {
		t.Errorf("an unknown format recorded %d exports", len(list))
	}
}

// recordHelp records 15 000 ₸ of goods given by org on day to each of n
// people it serves, registered with the serials from first on.
func recordHelp(t *testing.T, e *env, org int64, day parasat.Date, first, n int) {
	t.Helper()
	var aid []*parasat.AidRecord
	for i := 0; i < n; i++ {
		person, _ := servedPerson(t, e, "Жұмабаев Серік", first+i, org)
		aid = append(aid, &parasat.AidRecord{GivenOn: day, OrganisationID: org, Recipient: parasat.RecipientBeneficiary,
			BeneficiaryID: &person, Kind: parasat.AidGoods, Item: "food_package", Quantity: 1, ValueTiyn: 1_500_000})
	}
	if err := e.db.RecordAid(context.Background(), aid); err != nil {
		t.Fatal(err)
	}
}

// runExportJobs performs the report_export jobs of e's database until the
// test ends, as serve's workers do.
func runExportJobs(t *testing.T, e *env) {
	t.Helper()
	catalog, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	r := jobs.New(e.db, slog.New(slog.DiscardHandler))
	r.Poll = 20 * time.Millisecond
	r.Handle(parasat.ReportExportJobKind, exportjob.New(e.db, e.db, catalog).Perform)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { r.Run(ctx, time.Second); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
}

func waitForJob(t *testing.T, e *env, id int64, status parasat.JobStatus) *parasat.Job {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		j, err := e.db.Job(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if j.Status == status {
			return j
		}
		if time.Now().After(deadline) {
			t.Fatalf("job %d never became %s: %+v", id, status, j)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// summaryCell reads, from the summary sheet of a workbook, the value beside
// the label.
func summaryCell(t *testing.T, workbook []byte, sheet, label string) string {
	t.Helper()
	x, err := excelize.OpenReader(bytes.NewReader(workbook))
	if err != nil {
		t.Fatalf("not a workbook: %v", err)
	}
	defer x.Close()
	rows, err := x.GetRows(sheet)
	if err != nil {
		t.Fatalf("sheet %q: %v", sheet, err)
	}
	for _, row := range rows {
		if len(row) > 1 && row[0] == label {
			return row[1]
		}
	}
	t.Fatalf("no row %q in sheet %q", label, sheet)
	return ""
}
