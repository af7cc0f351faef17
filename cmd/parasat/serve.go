package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/parasat-kz/parasat/account"
	"github.com/parasat-kz/parasat/demo"
	parasathttp "github.com/parasat-kz/parasat/http"
)

func runServe(ctx context.Context, args []string, env environment) error {
	fs := newFlagSet("serve", "Run Parasat's web server. The embedded SQLite database is created and\nmigrated on first start; --database-url runs the same server on PostgreSQL.", env.stderr)
	cfg := databaseFlags(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on (host:port; port 0 picks a free one)")
	withDemo := fs.Bool("demo", false, "load the demonstration dataset when the database is empty")
	logFormat := fs.String("log-format", "text", "log format: text or json")
	logLevel := fs.String("log-level", "info", "least important log level shown: debug, info, warn or error")
	grace := fs.Duration("shutdown-grace", 30*time.Second, "how long requests in flight and running background jobs may take to finish on SIGTERM")
	sessionIdle := fs.Duration("session-idle", 2*time.Hour, "a signed-in session unused this long ends")
	sessionMax := fs.Duration("session-max", 12*time.Hour, "a signed-in session ends this long after sign-in, however used")
	mailCfg := mailFlags(fs)
	if err := parseFlags(fs, args, env.getenv); err != nil {
		return err
	}
	logger, err := newLogger(env, *logFormat, *logLevel)
	if err != nil {
		return err
	}

	// Listen before touching the database, so a taken port writes nothing.
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return listenError(*addr, err)
	}
	defer ln.Close()

	mailer, err := newMailer(mailCfg, ln.Addr(), env, logger)
	if err != nil {
		return err
	}

	db, applied, err := openDatabase(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	logger.Info("database ready", "database", describeDatabase(db, cfg), "migrations_applied", applied)

	if *withDemo {
		loaded, err := demo.Load(ctx, db)
		if err != nil {
			return fmt.Errorf("load demo data: %w", err)
		}
		logger.Info("demo data", "loaded", loaded, "note", map[bool]string{true: "loaded into the empty database", false: "skipped: the database already has data"}[loaded])
		if loaded {
			for _, a := range demo.Accounts {
				logger.Info("demo account", "email", a.Email, "password", demo.Password, "role", a.Role, "for", a.About)
			}
		}
	}

	registry := prometheus.NewRegistry()
	registry.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	for name, pool := range db.Pools() {
		registry.MustRegister(collectors.NewDBStatsCollector(pool, "parasat_"+name))
	}
	accounts := account.New(db, logger)
	accounts.IdleTimeout, accounts.MaxAge = *sessionIdle, *sessionMax
	server, err := parasathttp.NewServer(parasathttp.Services{
		Regions: db, Organisations: db, Users: db, Audit: db, Accounts: accounts, Ping: db.Ping,
		Beneficiaries: db, Households: db, Volunteers: db, Patrons: db, Skills: db, Imports: db, Documents: db,
		Events: db, Aid: db,
		Jobs: db, MailConfigured: mailer.Configured(),
		Campaigns: db, Donations: db, Pledges: db, Ledger: db, Goods: db, Receipts: db, Transparency: db, Reports: db, ReportExports: db,
		Shifts: db,
	}, logger, registry, buildVersion())
	if err != nil {
		return err
	}
	workers, err := startWorkers(ctx, db, mailer, logger, registry, *grace)
	if err != nil {
		return err
	}
	defer workers.wait()

	go keepFiguresFresh(ctx, db, logger)
	logger.Info("listening", "addr", ln.Addr().String(), "url", "http://"+ln.Addr().String()+"/")
	if err := server.Serve(ctx, ln, *grace); err != nil {
		return err
	}
	workers.wait()
	logger.Info("stopped")
	return nil
}

func listenError(addr string, err error) error {
	if errors.Is(err, syscall.EADDRINUSE) {
		return fmt.Errorf("cannot listen on %s: the address is already in use; stop the other program or choose another with --addr", addr)
	}
	return fmt.Errorf("cannot listen on %s: %v; choose another with --addr", addr, unwrapOpError(err))
}

func unwrapOpError(err error) error {
	var op *net.OpError
	if errors.As(err, &op) && op.Err != nil {
		return op.Err
	}
	return err
}

func newLogger(env environment, format, level string) (*slog.Logger, error) {
	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(level)); err != nil {
		return nil, usageError{fmt.Sprintf("--log-level %q: must be debug, info, warn or error", level)}
	}
	opts := &slog.HandlerOptions{Level: lvl}
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(env.stderr, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(env.stderr, opts)), nil
	}
	return nil, usageError{fmt.Sprintf("--log-format %q: must be text or json", format)}
}

// redactURL hides the password of a database URL before it is shown.
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(malformed URL)"
	}
	return u.Redacted()
}
