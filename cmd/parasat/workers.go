package main

import (
	"context"
	"flag"
	"log/slog"
	"net"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/i18n"
	"github.com/parasat-kz/parasat/jobs"
	"github.com/parasat-kz/parasat/mail"
	"github.com/parasat-kz/parasat/report/exportjob"
	"github.com/parasat-kz/parasat/sqlstore"
)

// mailFlags are the mail settings of serve; the SMTP password comes only
// from PARASAT_SMTP_PASSWORD, so that it never shows in the process list.
func mailFlags(fs *flag.FlagSet) *mail.Config {
	c := &mail.Config{}
	fs.StringVar(&c.PublicURL, "public-url", "", "the address people open Parasat at, for links in mails (https://parasat.example.kz); empty: http:// and --addr")
	fs.StringVar(&c.Addr, "smtp-addr", "", "SMTP server to send mail through (host:port); empty: mails are written to the log")
	fs.StringVar(&c.From, "smtp-from", "", "sender of the mails, such as 'Parasat <noreply@example.kz>' (needed with --smtp-addr)")
	fs.StringVar(&c.Username, "smtp-username", "", "SMTP user name, if the server needs one (the password: PARASAT_SMTP_PASSWORD)")
	fs.Func("smtp-tls", "protection of the SMTP connection: starttls (default), tls (SMTPS, port 465) or none", func(s string) error {
		c.TLS = mail.TLSMode(s)
		return nil
	})
	return c
}

// newMailer checks the mail settings; links in mails point at --public-url,
// or at the address the server listens on.
func newMailer(cfg *mail.Config, listening net.Addr, env environment, logger *slog.Logger) (*mail.Mailer, error) {
	cfg.Password = env.getenv("PARASAT_SMTP_PASSWORD")
	if cfg.PublicURL == "" {
		host, port, _ := net.SplitHostPort(listening.String())
		if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
			host = "localhost" // listening on every address
		}
		cfg.PublicURL = "http://" + net.JoinHostPort(host, port)
	}
	m, err := mail.New(*cfg, logger)
	if err != nil {
		return nil, usageError{err.Error()}
	}
	return m, nil
}

// workers are the background jobs of this process.
type workers struct {
	stop context.CancelFunc
	done chan struct{}
}

// startWorkers performs the jobs of the queue until ctx ends, then lets the
// running ones finish within grace: wait returns when they have.
func startWorkers(ctx context.Context, db *sqlstore.DB, mailer *mail.Mailer, logger *slog.Logger,
	registry *prometheus.Registry, grace time.Duration) (*workers, error) {
	r := jobs.New(db, logger)
	r.Handle(parasat.MailJobKind, mailer.Perform)
	catalog, err := i18n.Load()
	if err != nil {
		return nil, err
	}
	r.Handle(parasat.ReportExportJobKind, exportjob.New(db, db, catalog).Perform)
	if err := r.RegisterMetrics(registry, db); err != nil {
		return nil, err
	}
	db.OnJobsQueued(r.Wake)
	logger.Info("background jobs", "worker", r.Worker, "mail", map[bool]string{true: "SMTP", false: "written to the log"}[mailer.Configured()])
	ctx, stop := context.WithCancel(ctx)
	w := &workers{stop: stop, done: make(chan struct{})}
	go func() {
		defer close(w.done)
		r.Run(ctx, grace)
	}()
	go purgeReportFiles(ctx, db, logger)
	return w, nil
}

// wait stops the workers (they are stopping already after a signal) and
// waits until their running jobs have finished or the grace has passed.
func (w *workers) wait() {
	w.stop()
	<-w.done
}
