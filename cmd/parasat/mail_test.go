package main

import (
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // to look at the PostgreSQL jobs table

	"github.com/parasat-kz/parasat/internal/smtptest"
	"github.com/parasat-kz/parasat/internal/testdb"
)

// These tests send real mail: a real SMTP server process (aiosmtpd) listens
// on loopback and the test reads what arrived.

func smtpArgs(srv string) []string {
	return []string{"--smtp-addr", srv, "--smtp-from", "Parasat <noreply@parasat.example.kz>", "--smtp-tls", "none"}
}

// form posts a form the way a browser on the site would.
func form(t *testing.T, method, target string, values url.Values) (int, string, string) {
	t.Helper()
	req, err := http.NewRequest(method, target, strings.NewReader(values.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	if method == http.MethodPost {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header.Get("Location")
}

// linkIn returns the first line of a mail's text that is a link of the server.
func linkIn(t *testing.T, text, base string) string {
	t.Helper()
	for _, l := range smtptest.Lines(text) {
		if strings.HasPrefix(l, base+"/") {
			return l
		}
	}
	t.Fatalf("no link to %s in the mail:\n%s", base, text)
	return ""
}

func TestAResetMailArrivesInRussianWithAWorkingLink(t *testing.T) {
	t.Parallel()
	mails := smtptest.Start(t, smtptest.Options{})
	data := t.TempDir()
	s := startServer(t, append([]string{"--data", data}, smtpArgs(mails.Addr)...)...)
	r := runCLI(t, "an old forgotten password\n", "user", "create", "--data", data, "--email", "marina@example.kz",
		"--name", "Марина Ким", "--role", "volunteer", "--language", "ru", "--password-stdin")
	if r.code != 0 {
		t.Fatalf("user create: %s", r.stderr)
	}
	if code, page, _ := form(t, "POST", s.URL+"/password/forgot", url.Values{"email": {"Marina@Example.kz"}}); code != 200 {
		t.Fatalf("forgot: %d\n%s", code, page)
	}
	m := mails.Wait(t, 1, time.Minute)[0]
	if m.Subject != "Восстановление пароля в Parasat" || m.To != "marina@example.kz" || m.From != "noreply@parasat.example.kz" {
		t.Errorf("mail: subject %q, to %q, from %q", m.Subject, m.To, m.From)
	}
	if !strings.Contains(m.Text, "Здравствуйте, Марина Ким!") || !strings.Contains(m.HTML, "Задать новый пароль") {
		t.Errorf("the mail is not in Russian:\n%s", m.Text)
	}
	link := linkIn(t, m.Text, s.URL)
	if !strings.Contains(m.HTML, `href="`+link+`"`) {
		t.Errorf("the HTML alternative has another link than the text %s", link)
	}
	code, page, _ := form(t, "GET", link, nil)
	if code != 200 || !strings.Contains(page, `name="password"`) {
		t.Fatalf("the link opens %d:\n%s", code, page)
	}
	token, _ := url.Parse(link)
	code, _, loc := form(t, "POST", s.URL+"/password/set", url.Values{"token": {token.Query().Get("token")},
		"password": {"Тұлпар мінген 2026"}, "password_confirm": {"Тұлпар мінген 2026"}})
	if code != http.StatusSeeOther || loc != "/signin" {
		t.Fatalf("set the password from the mail: %d → %q", code, loc)
	}
	code, _, loc = form(t, "POST", s.URL+"/signin", url.Values{"email": {"marina@example.kz"}, "password": {"Тұлпар мінген 2026"}, "next": {"/account"}})
	if code != http.StatusSeeOther || loc != "/account" {
		t.Errorf("sign in with the new password: %d → %q", code, loc)
	}
	if strings.Contains(s.Logs(), "psr_") {
		t.Errorf("the one-time link is in the log although mail is configured:\n%s", s.Logs())
	}
}

// jobCounts reads the jobs table beneath the servers: status → count.
func jobCounts(t *testing.T, db *sql.DB) map[string]int {
	t.Helper()
	rows, err := db.Query("SELECT status, COUNT(*) FROM jobs GROUP BY status")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var s string
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			t.Fatal(err)
		}
		out[s] = n
	}
	return out
}

func waitJobs(t *testing.T, db *sql.DB, what string, cond func(map[string]int) bool) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for !cond(jobCounts(t, db)) {
		if time.Now().After(deadline) {
			t.Fatalf("the jobs never became %s: %v", what, jobCounts(t, db))
		}
		time.Sleep(20 * time.Millisecond) // poll the table
	}
}

// TestTwoServersSendEachMailOnce starts two `parasat serve` on one database,
// invites people through both, and counts the mails that arrived.
func TestTwoServersSendEachMailOnce(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			t.Parallel()
			mails := smtptest.Start(t, smtptest.Options{})
			var dbArgs []string
			var db *sql.DB
			if engine == "sqlite" {
				data := t.TempDir()
				dbArgs, db = []string{"--data", data}, openSQLite(t, data)
			} else {
				u := testdb.PostgresURL(t)
				dbArgs = []string{"--database-url", u}
				var err error
				if db, err = sql.Open("pgx", u); err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { db.Close() })
			}
			servers := []*server{startServer(t, append(dbArgs, smtpArgs(mails.Addr)...)...),
				startServer(t, append(dbArgs, smtpArgs(mails.Addr)...)...)}
			token := adminToken(t, dbArgs...)
			const n = 40
			var wg sync.WaitGroup
			for w := range 4 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := w; i < n; i += 4 {
						body := map[string]any{"email": fmt.Sprintf("person%02d@example.kz", i), "name": fmt.Sprintf("Адам %d", i), "language": "kk"}
						if code, b, err := servers[i%2].do(t, "POST", "/api/v1/users", token, body); err != nil || code != 201 {
							t.Errorf("invite %d: %d %v %s", i, code, err, b)
						}
					}
				}()
			}
			wg.Wait()
			waitJobs(t, db, fmt.Sprintf("%d done", n), func(c map[string]int) bool { return c["done"] == n })
			for _, s := range servers {
				if code := s.stop(t); code != 0 {
					t.Errorf("exit code %d\n%s", code, s.Logs())
				}
			}
			got := mails.Messages(t)
			to := map[string]int{}
			for _, m := range got {
				to[m.To]++
				if m.Subject != "Parasat жүйесіндегі есептік жазбаңыз" {
					t.Errorf("subject %q", m.Subject)
				}
			}
			if len(got) != n || len(to) != n {
				t.Errorf("%d mails to %d people arrived; want %d, each once: %v", len(got), len(to), n, to)
			}
			logClaims(t, db)
		})
	}
}

// logClaims shows which process performed how many jobs.
func logClaims(t *testing.T, db *sql.DB) {
	rows, err := db.Query("SELECT claimed_by, COUNT(*) FROM jobs GROUP BY claimed_by ORDER BY claimed_by")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var w string
		var c int
		if err := rows.Scan(&w, &c); err == nil {
			t.Logf("worker %s performed %d jobs", w, c)
		}
	}
}

// TestAMailSurvivesAKilledServer: the SMTP server is down when the mail is
// queued; the server is killed; once both are back the mail arrives, once.
func TestAMailSurvivesAKilledServer(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	addr := smtptest.FreeAddr(t)
	first := startServer(t, append([]string{"--data", data}, smtpArgs(addr)...)...)
	r := runCLI(t, "an old forgotten password\n", "user", "create", "--data", data, "--email", "erlan@example.kz",
		"--name", "Ерлан", "--role", "volunteer", "--password-stdin")
	if r.code != 0 {
		t.Fatalf("user create: %s", r.stderr)
	}
	if code, page, _ := form(t, "POST", first.URL+"/password/forgot", url.Values{"email": {"erlan@example.kz"}}); code != 200 {
		t.Fatalf("forgot: %d\n%s", code, page)
	}
	db := openSQLite(t, data)
	waitJobs(t, db, "tried once", func(map[string]int) bool {
		var tries int
		_ = db.QueryRow("SELECT attempts FROM jobs WHERE status = 'queued' AND last_error <> ''").Scan(&tries)
		return tries == 1
	})
	first.kill()
	mails := smtptest.Start(t, smtptest.Options{Addr: addr})
	second := startServer(t, append([]string{"--data", data}, smtpArgs(addr)...)...)
	m := mails.Wait(t, 1, time.Minute)[0]
	if m.To != "erlan@example.kz" || !strings.Contains(m.Text, second.URL+"/password/set?token=psr_") {
		t.Errorf("mail after the restart: to %q\n%s", m.To, m.Text)
	}
	waitJobs(t, db, "done", func(c map[string]int) bool { return c["done"] == 1 })
	second.stop(t)
	if got := len(mails.Messages(t)); got != 1 {
		t.Errorf("%d mails arrived; want 1", got)
	}
	var attempts int
	if err := db.QueryRow("SELECT attempts FROM jobs").Scan(&attempts); err != nil || attempts != 2 {
		t.Errorf("attempts = %d, %v; want 2 (refused, then sent)", attempts, err)
	}
}
