// Package mail renders Parasat's mails in the recipient's language and sends
// them over SMTP, as the handler of the "mail" jobs of the queue. Without
// SMTP settings every mail is written to the log instead, whole, so that a
// developer can follow its link.
//
// A template is two files in templates/: NAME.txt (text/template: the
// subject in {{define "subject"}} and the plain-text body) and NAME.html
// (html/template: {{define "content"}}, put inside the common layout). Their
// texts are message keys in i18n/locales/*.json. Templates see .T (the
// recipient's Localizer), .Name (the recipient's name), .Data (the mail's
// data) and the functions T, N, link, date, dateTime and money.
package mail

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/mail"
	"strings"
	"time"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
	"github.com/parasat-kz/parasat/jobs"
)

// TLSMode is how the connection to the SMTP server is protected.
type TLSMode string

const (
	TLSNone     TLSMode = "none"     // plain text: only to a relay on a trusted network
	TLSStartTLS TLSMode = "starttls" // upgraded with STARTTLS (port 587), required
	TLSImplicit TLSMode = "tls"      // TLS from the first byte (SMTPS, port 465)
)

// Config holds the mail settings.
type Config struct {
	// Addr is the SMTP server as host:port; empty writes mails to the log.
	Addr string
	// From is the sender, such as "Parasat <noreply@example.kz>".
	From               string
	Username, Password string
	TLS                TLSMode
	// RootCAs verify the server's certificate; nil uses the system's.
	RootCAs *x509.CertPool
	// PublicURL is where people reach Parasat, the base of links in mails.
	PublicURL string
	// Timeout bounds one delivery (connect to QUIT); 0 means one minute.
	Timeout time.Duration
}

// Mailer renders and sends mails.
type Mailer struct {
	cfg       Config
	from      *mail.Address
	host      string
	catalog   *i18n.Catalog
	templates *templates
	logger    *slog.Logger
	// Now dates the mails.
	Now func() time.Time
}

// New checks the settings and parses the templates.
func New(cfg Config, logger *slog.Logger) (*Mailer, error) {
	if cfg.TLS == "" {
		cfg.TLS = TLSStartTLS
	}
	switch cfg.TLS {
	case TLSNone, TLSStartTLS, TLSImplicit:
	default:
		return nil, fmt.Errorf("the SMTP TLS mode %q is not one of none, starttls or tls", cfg.TLS)
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = time.Minute
	}
	m := &Mailer{cfg: cfg, logger: logger, Now: time.Now}
	if cfg.Addr != "" {
		host, _, err := net.SplitHostPort(cfg.Addr)
		if err != nil || host == "" {
			return nil, fmt.Errorf("the SMTP address %q is not host:port (such as smtp.example.kz:587)", cfg.Addr)
		}
		m.host = host
		if cfg.From == "" {
			return nil, errors.New("the sender's address (--smtp-from) is needed with an SMTP server")
		}
	}
	from := cfg.From
	if from == "" {
		from = "Parasat <parasat@localhost>"
	}
	a, err := mail.ParseAddress(from)
	if err != nil {
		return nil, fmt.Errorf("the sender's address %q is not an address such as \"Parasat <noreply@example.kz>\": %v", from, err)
	}
	m.from = a
	if cfg.PublicURL == "" || !strings.HasPrefix(cfg.PublicURL, "http://") && !strings.HasPrefix(cfg.PublicURL, "https://") {
		return nil, fmt.Errorf("the public URL %q must start with http:// or https://", cfg.PublicURL)
	}
	m.cfg.PublicURL = strings.TrimRight(cfg.PublicURL, "/")
	if m.catalog, err = i18n.Load(); err != nil {
		return nil, err
	}
	if m.templates, err = loadTemplates(m.cfg.PublicURL); err != nil {
		return nil, err
	}
	return m, nil
}

// Configured reports whether mails go to an SMTP server (not to the log).
func (m *Mailer) Configured() bool { return m.cfg.Addr != "" }

// Templates lists the names of the templates.
func (m *Mailer) Templates() []string { return m.templates.names() }

// Send renders msg and delivers it; messageID is its Message-ID without
// the angle brackets, the same for every attempt at one mail.
func (m *Mailer) Send(ctx context.Context, msg parasat.Mail, messageID string) error {
	out, err := m.Render(msg, messageID)
	if err != nil {
		return err
	}
	if !m.Configured() {
		m.logger.Info("mail written to the log: no SMTP server is set (--smtp-addr)",
			"to", out.To.Address, "subject", out.Subject, "message_id", out.ID, "text", out.Text)
		return nil
	}
	body, err := out.Bytes()
	if err != nil {
		return jobs.Permanent(err)
	}
	return m.deliver(ctx, out.To.Address, body)
}

// Perform is the handler of the "mail" jobs.
func (m *Mailer) Perform(ctx context.Context, t *jobs.Task) error {
	var msg parasat.Mail
	if err := t.Decode(&msg); err != nil {
		return err
	}
	id := fmt.Sprintf("parasat.%d.%d@%s", t.ID, t.Created.Unix(), domain(m.from.Address))
	if err := m.Send(ctx, msg, id); err != nil {
		return err
	}
	return t.SetResult(map[string]string{"message_id": "<" + id + ">", "template": msg.Template})
}

func domain(address string) string {
	if i := strings.LastIndexByte(address, '@'); i >= 0 {
		return address[i+1:]
	}
	return "localhost"
}
