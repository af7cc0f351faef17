package mail

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
	"github.com/parasat-kz/parasat/internal/smtptest"
	"github.com/parasat-kz/parasat/jobs"
)

// samples has data for every template: a template added without a sample
// fails TestEveryTemplateRendersInEveryLanguage.
var samples = map[string]map[string]any{
	"password_reset":  {"token": "psr_abc", "expires": "2026-03-15T10:30:00Z"},
	"invitation":      {"token": "psr_abc", "expires": "2026-03-22T09:30:00Z", "email": "aigerim@example.kz"},
	"shift_confirmed": shiftSample,
	"shift_promoted":  shiftSample,
	"shift_reminder":  shiftSample,
}

type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func newMailer(t *testing.T, cfg Config) (*Mailer, *logBuffer) {
	t.Helper()
	if cfg.PublicURL == "" {
		cfg.PublicURL = "https://parasat.example.kz/"
	}
	logs := &logBuffer{}
	m, err := New(cfg, slog.New(slog.NewTextHandler(logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	m.Now = func() time.Time { return time.Date(2026, 3, 15, 9, 30, 0, 0, time.UTC) }
	return m, logs
}

func TestEveryTemplateRendersInEveryLanguage(t *testing.T) {
	m, _ := newMailer(t, Config{})
	if len(m.Templates()) == 0 {
		t.Fatal("no templates")
	}
	for _, name := range m.Templates() {
		data, ok := samples[name]
		if !ok {
			t.Errorf("template %s has no sample data in this test: add it to samples", name)
			continue
		}
		subjects := map[string]bool{}
		for _, lang := range parasat.Languages {
			out, err := m.Render(parasat.Mail{To: "a@example.kz", Name: "Әлия", Lang: lang, Template: name, Data: data}, "x@example.kz")
			if err != nil {
				t.Errorf("%s in %s: %v", name, lang, err)
				continue
			}
			for part, s := range map[string]string{"subject": out.Subject, "text": out.Text, "html": out.HTML} {
				if strings.Contains(s, "mail.") || strings.Contains(s, "<no value>") || s == "" {
					t.Errorf("%s in %s: the %s shows a missing message or value:\n%s", name, lang, part, s)
				}
			}
			if !strings.Contains(out.Text, "Әлия") || !strings.Contains(out.HTML, "Әлия") {
				t.Errorf("%s in %s does not greet the recipient by name", name, lang)
			}
			link := "https://parasat.example.kz/password/set?token=psr_abc"
			if l, ok := sampleLinks[name]; ok {
				link = l
			}
			if !strings.Contains(out.Text, link) {
				t.Errorf("%s in %s: the text has no absolute link:\n%s", name, lang, out.Text)
			}
			if !strings.Contains(out.HTML, `href="`+link+`"`) {
				t.Errorf("%s in %s: the HTML has no link:\n%s", name, lang, out.HTML)
			}
			if !strings.Contains(out.HTML, `<html lang="`+string(lang)+`">`) {
				t.Errorf("%s in %s: the HTML does not say its language", name, lang)
			}
			subjects[out.Subject] = true
		}
		if len(subjects) != 3 {
			t.Errorf("%s: subjects %v; want one per language", name, subjects)
		}
	}
}

func TestAMailCannotRenderWithoutItsDataOrTemplate(t *testing.T) {
	m, _ := newMailer(t, Config{})
	_, err := m.Render(parasat.Mail{To: "a@example.kz", Template: "password_reset", Data: map[string]any{"token": "x"}}, "x@y")
	if !jobs.IsPermanent(err) || !strings.Contains(err.Error(), "expires") {
		t.Errorf("without .Data.expires: %v; want a permanent error naming it", err)
	}
	_, err = m.Render(parasat.Mail{To: "a@example.kz", Template: "no_such"}, "x@y")
	if !jobs.IsPermanent(err) {
		t.Errorf("unknown template: %v; want a permanent error", err)
	}
}

func TestTheMessageIsWellFormedMIME(t *testing.T) {
	m, _ := newMailer(t, Config{From: "Парасат хабарлары <noreply@parasat.example.kz>"})
	out, err := m.Render(parasat.Mail{To: "timur@example.kz", Name: "Тимур Бекмұхамедов", Lang: parasat.Russian,
		Template: "password_reset", Data: samples["password_reset"]}, "parasat.1.2@parasat.example.kz")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := out.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	head, _, _ := bytes.Cut(raw, []byte("\r\n\r\n"))
	for _, line := range strings.Split(string(head), "\r\n") {
		if len(line) > 78 {
			t.Errorf("header line of %d characters: %q", len(line), line)
		}
		for _, c := range []byte(line) {
			if c >= 0x80 {
				t.Errorf("header line not in ASCII: %q", line)
				break
			}
		}
	}
	if bytes.Contains(bytes.ReplaceAll(raw, []byte("\r\n"), nil), []byte("\n")) {
		t.Error("a line ends without CR")
	}
	got, err := smtptest.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	ru := mustCatalog(t).For(parasat.Russian)
	if want := ru.T("mail.password_reset.subject"); got.Subject != want {
		t.Errorf("Subject decodes to %q; want %q", got.Subject, want)
	}
	if to := got.Header.Get("To"); !strings.Contains(to, "=?utf-8?") || got.To != "timur@example.kz" {
		t.Errorf("To = %q", to)
	}
	if d, err := got.Header.Date(); err != nil || !d.Equal(m.Now()) || !strings.HasSuffix(got.Header.Get("Date"), "+0500") {
		t.Errorf("Date = %q (%v, %v); want 14:30 Astana time", got.Header.Get("Date"), d, err)
	}
	if id := got.Header.Get("Message-Id"); id != "<parasat.1.2@parasat.example.kz>" {
		t.Errorf("Message-ID = %q", id)
	}
	if !strings.Contains(got.Text, "Здравствуйте, Тимур Бекмұхамедов!") || !strings.Contains(got.Text, "15 марта 2026") ||
		!strings.Contains(got.Text, "https://parasat.example.kz/password/set?token=psr_abc") {
		t.Errorf("text part:\n%s", got.Text)
	}
	if !strings.Contains(got.HTML, "Задать новый пароль") {
		t.Errorf("HTML part:\n%s", got.HTML)
	}
}

func mustCatalog(t *testing.T) *i18n.Catalog {
	c, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestWithoutSMTPTheWholeMailGoesToTheLog(t *testing.T) {
	m, logs := newMailer(t, Config{})
	if m.Configured() {
		t.Fatal("configured without an address")
	}
	err := m.Send(context.Background(), parasat.Mail{To: "a@example.kz", Lang: parasat.English, Template: "invitation", Data: samples["invitation"]}, "id@x")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"to=a@example.kz", `subject="Your account in Parasat"`, "https://parasat.example.kz/password/set?token=psr_abc", "aigerim@example.kz"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("the log lacks %q:\n%s", want, logs)
		}
	}
}

func TestDeliveryToARealSMTPServer(t *testing.T) {
	cert := smtptest.NewCert(t)
	for _, mode := range []TLSMode{TLSNone, TLSStartTLS, TLSImplicit} {
		t.Run(string(mode), func(t *testing.T) {
			t.Parallel()
			srv := smtptest.Start(t, smtptest.Options{STARTTLS: mode == TLSStartTLS, ImplicitTLS: mode == TLSImplicit, Cert: cert})
			m, _ := newMailer(t, Config{Addr: srv.Addr, From: "Parasat <noreply@parasat.example.kz>", TLS: mode, RootCAs: cert.Pool})
			msg := parasat.Mail{To: "asel@example.kz", Name: "Әсел", Lang: parasat.Kazakh, Template: "password_reset", Data: samples["password_reset"]}
			if err := m.Send(context.Background(), msg, "parasat.7.1@parasat.example.kz"); err != nil {
				t.Fatal(err)
			}
			got := srv.Wait(t, 1, 30*time.Second)[0]
			kk := mustCatalog(t).For(parasat.Kazakh)
			if got.Subject != kk.T("mail.password_reset.subject") || got.To != "asel@example.kz" || got.From != "noreply@parasat.example.kz" {
				t.Errorf("arrived: subject %q, to %q, from %q", got.Subject, got.To, got.From)
			}
			if !strings.Contains(got.Text, "Сәлеметсіз бе, Әсел!") {
				t.Errorf("text:\n%s", got.Text)
			}
		})
	}
}

func TestAServerWithoutSTARTTLSIsNotSentTheMail(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{})
	m, _ := newMailer(t, Config{Addr: srv.Addr, From: "noreply@parasat.example.kz", TLS: TLSStartTLS})
	err := m.Send(context.Background(), parasat.Mail{To: "a@example.kz", Template: "password_reset", Data: samples["password_reset"]}, "x@y")
	if err == nil || !strings.Contains(err.Error(), "STARTTLS") || jobs.IsPermanent(err) {
		t.Errorf("Send = %v; want a transient error about STARTTLS", err)
	}
	if n := len(srv.Messages(t)); n != 0 {
		t.Errorf("%d mails arrived in clear", n)
	}
}

func TestAnUnreachableServerIsATransientError(t *testing.T) {
	m, _ := newMailer(t, Config{Addr: smtptest.FreeAddr(t), From: "noreply@parasat.example.kz", TLS: TLSNone})
	err := m.Send(context.Background(), parasat.Mail{To: "a@example.kz", Template: "password_reset", Data: samples["password_reset"]}, "x@y")
	if err == nil || jobs.IsPermanent(err) {
		t.Errorf("Send to a closed port = %v; want a transient error", err)
	}
}

func TestSettingsAreChecked(t *testing.T) {
	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	for _, cfg := range []Config{
		{Addr: "smtp.example.kz", From: "a@example.kz", PublicURL: "https://x"},
		{Addr: "smtp.example.kz:587", PublicURL: "https://x"},
		{Addr: "smtp.example.kz:587", From: "not an address", PublicURL: "https://x"},
		{TLS: "ssl", PublicURL: "https://x"},
		{PublicURL: "parasat.example.kz"},
	} {
		if _, err := New(cfg, logger); err == nil {
			t.Errorf("New(%+v) accepted", cfg)
		}
	}
}

func TestAuthenticationAfterSTARTTLS(t *testing.T) {
	cert := smtptest.NewCert(t)
	srv := smtptest.Start(t, smtptest.Options{Cert: cert, User: "parasat", Password: "Жасыл-2026"})
	msg := parasat.Mail{To: "a@example.kz", Template: "password_reset", Data: samples["password_reset"]}
	wrong, _ := newMailer(t, Config{Addr: srv.Addr, From: "noreply@parasat.example.kz", RootCAs: cert.Pool,
		Username: "parasat", Password: "wrong"})
	if err := wrong.Send(context.Background(), msg, "x@y"); err == nil || !strings.Contains(err.Error(), "535") {
		t.Errorf("a wrong password: %v; want the server's 535", err)
	}
	right, _ := newMailer(t, Config{Addr: srv.Addr, From: "noreply@parasat.example.kz", RootCAs: cert.Pool,
		Username: "parasat", Password: "Жасыл-2026"})
	if err := right.Send(context.Background(), msg, "x@y"); err != nil {
		t.Fatal(err)
	}
	if got := srv.Wait(t, 1, 30*time.Second); len(got) != 1 || got[0].To != "a@example.kz" {
		t.Errorf("arrived: %+v", got)
	}
}
