package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/smtp"
	"net/textproto"
	"time"

	"github.com/parasat-kz/parasat/jobs"
)

// deliver sends one message to one recipient over a connection of its own.
func (m *Mailer) deliver(ctx context.Context, to string, body []byte) error {
	ctx, cancel := context.WithTimeout(ctx, m.cfg.Timeout)
	defer cancel()
	conn, err := m.dial(ctx)
	if err != nil {
		return fmt.Errorf("connect to the SMTP server %s: %w", m.cfg.Addr, err)
	}
	// A cancelled context (shutdown) or the timeout stops a slow server.
	deadline, _ := ctx.Deadline()
	_ = conn.SetDeadline(deadline)
	stop := context.AfterFunc(ctx, func() { _ = conn.SetDeadline(time.Now()) })
	defer stop()
	c, err := smtp.NewClient(conn, m.host)
	if err != nil {
		conn.Close()
		return fmt.Errorf("SMTP server %s: %w", m.cfg.Addr, err)
	}
	defer c.Close()
	if err := m.secure(c); err != nil {
		return err
	}
	if err := c.Mail(m.from.Address); err != nil {
		return fmt.Errorf("SMTP MAIL FROM: %w", err)
	}
	if err := c.Rcpt(to); err != nil {
		if refused(err) {
			return jobs.Permanent(fmt.Errorf("the SMTP server refuses the recipient %s: %w", to, err))
		}
		return fmt.Errorf("SMTP RCPT TO: %w", err)
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("SMTP DATA: %w", err)
	}
	if _, err := w.Write(body); err != nil {
		return fmt.Errorf("SMTP DATA: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("SMTP DATA: %w", err)
	}
	return c.Quit()
}

func (m *Mailer) dial(ctx context.Context) (net.Conn, error) {
	d := &net.Dialer{Timeout: 30 * time.Second}
	if m.cfg.TLS == TLSImplicit {
		return (&tls.Dialer{NetDialer: d, Config: m.tlsConfig()}).DialContext(ctx, "tcp", m.cfg.Addr)
	}
	return d.DialContext(ctx, "tcp", m.cfg.Addr)
}

func (m *Mailer) tlsConfig() *tls.Config {
	return &tls.Config{ServerName: m.host, RootCAs: m.cfg.RootCAs, MinVersion: tls.VersionTLS12}
}

// secure upgrades the connection with STARTTLS when asked and signs in when
// a username is set. A server that does not offer STARTTLS is refused
// rather than sent the mail (and the password) in clear.
func (m *Mailer) secure(c *smtp.Client) error {
	if m.cfg.TLS == TLSStartTLS {
		if ok, _ := c.Extension("STARTTLS"); !ok {
			return fmt.Errorf("the SMTP server %s does not offer STARTTLS; use --smtp-tls tls for SMTPS, or none on a trusted network", m.cfg.Addr)
		}
		if err := c.StartTLS(m.tlsConfig()); err != nil {
			return fmt.Errorf("SMTP STARTTLS with %s: %w", m.cfg.Addr, err)
		}
	}
	if m.cfg.Username == "" {
		return nil
	}
	if ok, _ := c.Extension("AUTH"); !ok {
		return fmt.Errorf("the SMTP server %s does not offer AUTH, but a username is set", m.cfg.Addr)
	}
	// PlainAuth refuses to send the password without TLS, but to localhost.
	if err := c.Auth(smtp.PlainAuth("", m.cfg.Username, m.cfg.Password, m.host)); err != nil {
		return fmt.Errorf("SMTP AUTH as %s: %w", m.cfg.Username, err)
	}
	return nil
}

// refused reports a permanent SMTP reply (5xx): the address does not exist
// or is not accepted, and asking again will not change that.
func refused(err error) bool {
	var te *textproto.Error
	return errors.As(err, &te) && te.Code >= 500 && te.Code < 600
}
