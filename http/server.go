// Package http serves Parasat over HTTP: the JSON API under /api/v1 (with its
// OpenAPI document), health checks, metrics, and, in later issues, the pages.
package http

import (
	"context"
	"errors"
	"html/template"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/account"
	"github.com/parasat-kz/parasat/i18n"
)

// Services are the domain services the server needs. cmd/parasat passes the
// store, which implements them all.
type Services struct {
	Regions       parasat.RegionService
	Organisations parasat.OrganisationService
	Users         parasat.UserService
	Audit         parasat.AuditService
	Beneficiaries parasat.BeneficiaryService
	Households    parasat.HouseholdService
	Volunteers    parasat.VolunteerService
	Patrons       parasat.PatronService
	Skills        parasat.SkillService
	// Imports keeps uploaded spreadsheets and remembered column mappings.
	Imports parasat.ImportService
	// Documents keeps the documents of beneficiaries.
	Documents parasat.DocumentService
	// Events and Aid keep the charitable events and the help given.
	Events parasat.EventService
	Aid    parasat.AidService
	// Jobs lists the background jobs for admins.
	Jobs parasat.JobService
	// Shifts keeps the volunteer shifts of events, the sign-ups and hours.
	Shifts parasat.ShiftService
	// MailConfigured says mails go to an SMTP server, not to the log.
	MailConfigured bool
	// Money and gifts: the ledger and what is recorded in it.
	Campaigns    parasat.CampaignService
	Donations    parasat.DonationService
	Pledges      parasat.PledgeService
	Ledger       parasat.LedgerService
	Goods        parasat.GoodsService
	Receipts     parasat.ReceiptService
	Transparency parasat.TransparencyService
	// Reports counts the figures of results (FIGURES.md).
	Reports parasat.ReportService
	// ReportExports keeps the report files made in the background.
	ReportExports parasat.ReportExportService
	// Accounts signs people in and out; nil disables sessions (API tokens only).
	Accounts *account.Service
	// Ping tells whether the database answers, for /readyz.
	Ping func(ctx context.Context) error
}

// Server is Parasat's HTTP server.
type Server struct {
	services Services
	logger   *slog.Logger
	registry *prometheus.Registry
	metrics  *httpMetrics
	handler  http.Handler
	api      huma.API
	// catalog translates pages; templates are parsed once at start.
	catalog    *i18n.Catalog
	templates  map[string]*template.Template
	pageRoutes []pageRoute
	// Version is reported in the OpenAPI document.
	Version string
}

// NewServer builds the routes. The registry receives the HTTP metrics and is
// served at /metrics; callers add their own collectors (database pool) to it.
func NewServer(services Services, logger *slog.Logger, registry *prometheus.Registry, version string) (*Server, error) {
	s := &Server{services: services, logger: logger, registry: registry, Version: version}
	var err error
	if s.catalog, err = i18n.Load(); err != nil {
		return nil, err
	}
	if s.templates, err = loadTemplates(); err != nil {
		return nil, err
	}
	s.metrics = newHTTPMetrics(registry)
	mux := http.NewServeMux()
	s.routes(mux)
	// Cross-origin state-changing requests are refused before anything else:
	// browsers send Sec-Fetch-Site/Origin, API clients with tokens do not.
	csrf := http.NewCrossOriginProtection()
	s.handler = s.observe(recoverPanics(logger, csrf.Handler(s.identify(recordRoute(mux)))))
	return s, nil
}

// Handler returns the server's root handler, for tests and embedding.
func (s *Server) Handler() http.Handler { return s.handler }

// Serve answers requests on ln until ctx is cancelled, then stops accepting
// connections and waits up to grace for requests in flight to finish.
func (s *Server) Serve(ctx context.Context, ln net.Listener, grace time.Duration) error {
	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(s.logger.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	s.logger.Info("shutting down: finishing requests in flight", "grace", grace)
	shutdownCtx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func (s *Server) routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /healthz", s.handleHealthz)
	mux.HandleFunc("GET /readyz", s.handleReadyz)
	mux.Handle("GET /metrics", s.metricsHandler())
	mux.Handle("GET /static/", http.FileServerFS(staticFiles))
	s.mountAPI(mux)
	s.handlePage(mux, "GET /{$}", parasat.ReadPublished, s.handleHome)
	s.registerResultsPages(mux)
	s.handlePage(mux, "GET /regions", parasat.ReadPublished, s.handleRegions)
	s.handlePage(mux, "GET /signin", parasat.ReadPublished, s.handleSignInForm)
	s.handlePage(mux, "POST /signin", parasat.ReadPublished, s.handleSignIn)
	s.handlePage(mux, "POST /signout", parasat.ReadPublished, s.handleSignOut)
	s.handlePage(mux, "POST /language", parasat.ReadPublished, s.handleLanguage)
	s.handlePage(mux, "GET /password/forgot", parasat.ReadPublished, s.handleForgotForm)
	s.handlePage(mux, "POST /password/forgot", parasat.ReadPublished, s.handleForgot)
	s.handlePage(mux, "GET "+SetPasswordPath, parasat.ReadPublished, s.handleSetPasswordForm)
	s.handlePage(mux, "POST "+SetPasswordPath, parasat.ReadPublished, s.handleSetPassword)
	s.handlePage(mux, "GET /account", parasat.UseOwnAccount, s.handleAccount)
	s.handlePage(mux, "GET /account/password", parasat.UseOwnAccount, s.handleChangePasswordForm)
	s.handlePage(mux, "POST /account/password", parasat.UseOwnAccount, s.handleChangePassword)
	s.handlePage(mux, "POST /account/tokens", parasat.UseOwnAccount, s.handleCreateToken)
	s.handlePage(mux, "POST /account/tokens/{id}/revoke", parasat.UseOwnAccount, s.handleRevokeToken)
	s.handlePage(mux, "POST /account/sign-out-elsewhere", parasat.UseOwnAccount, s.handleSignOutElsewhere)
	s.handlePage(mux, "GET /audit", parasat.ReadAudit, s.handleAudit)
	s.registerOrganisationPages(mux)
	s.registerUserPages(mux)
	s.registerBeneficiaryPages(mux)
	s.registerImportPages(mux)
	s.registerPeoplePages(mux)
	s.registerHouseholdPages(mux)
	s.registerDocumentPages(mux)
	s.registerEventPages(mux)
	s.registerJobPages(mux)
	s.registerShiftPages(mux)
	s.registerDonationPages(mux)
	s.registerReportPages(mux)
	mux.HandleFunc("/", s.notFound)
}
