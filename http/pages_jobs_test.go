package http

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/parasat-kz/parasat"
)

func TestAdminsSeeFailedJobsAndTryThemAgain(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		id, err := e.db.Enqueue(ctx, parasat.JobSpec{Kind: parasat.MailJobKind, MaxAttempts: 1})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.db.Enqueue(ctx, parasat.JobSpec{Kind: "export", RunAt: time.Now().Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		if got, err := e.db.ClaimJobs(ctx, "w", []string{parasat.MailJobKind}, 1, time.Minute); err != nil || len(got) != 1 {
			t.Fatalf("claim: %v, %v", got, err)
		}
		if err := e.db.FailJob(ctx, id, "w", "550 5.1.1 mailbox unavailable", time.Time{}); err != nil {
			t.Fatal(err)
		}
		admin := e.browser(t, "ru")
		admin.signIn("admin@example.kz", "correct horse battery")
		code, page := admin.get("/jobs?status=failed")
		for _, want := range []string{"Фоновые задачи", "Ожидают: 1. Выполняются: 0. Не удались: 1.", "550 5.1.1 mailbox unavailable",
			"Не удалась", `action="/jobs/` + strconv.FormatInt(id, 10) + `/retry"`} {
			if !strings.Contains(page, want) {
				t.Errorf("the failed jobs page lacks %q", want)
			}
		}
		if code != http.StatusOK || strings.Contains(page, "export") {
			t.Errorf("GET /jobs?status=failed: %d, shows the queued export too: %v", code, strings.Contains(page, "export"))
		}
		code, _, loc := admin.post("/jobs/"+strconv.FormatInt(id, 10)+"/retry", url.Values{})
		if code != http.StatusSeeOther || loc != "/jobs?status=failed" {
			t.Fatalf("retry: %d → %q", code, loc)
		}
		_, page = admin.get(loc)
		if !strings.Contains(page, "снова поставлена в очередь") || !strings.Contains(page, "Задач нет.") {
			t.Errorf("after the retry, the page shows no confirmation or still lists the job")
		}
		if j, _ := e.db.Job(ctx, id); j.Status != parasat.JobQueued || j.Attempts != 0 {
			t.Errorf("retried job = %+v", j)
		}
		code, _, _ = admin.post("/jobs/"+strconv.FormatInt(id, 10)+"/retry", url.Values{})
		if _, page = admin.get("/jobs"); code != http.StatusSeeOther || !strings.Contains(page, "только неудавшуюся") {
			t.Errorf("retrying a queued job: %d, no explanation shown", code)
		}
		if code, _ := admin.get("/jobs/999999/retry"); code != http.StatusNotFound && code != http.StatusMethodNotAllowed {
			t.Errorf("GET of the retry action: %d", code)
		}
	})
}
