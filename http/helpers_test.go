package http

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/parasat-kz/parasat"
	"github.com/parasat-kz/parasat/account"
	"github.com/parasat-kz/parasat/internal/testdb"
	"github.com/parasat-kz/parasat/password"
	"github.com/parasat-kz/parasat/sqlstore"
)

// The HTTP tests go through a real server (httptest.NewServer, a listener on
// 127.0.0.1) backed by a real, migrated store: SQLite always, PostgreSQL too
// when PARASAT_TEST_DATABASE_URL names a server.

func TestMain(m *testing.M) {
	testdb.AnnounceSkip()
	os.Exit(m.Run())
}

// env is one test's server and database.
type env struct {
	t      *testing.T
	engine sqlstore.Engine
	cfg    sqlstore.Config
	db     *sqlstore.DB
	srv    *httptest.Server
	client *http.Client
	logs   *syncBuffer
	admin  *parasat.User
	token  string // bearer secret of admin
	server *Server
}

// forEachEngine runs test as a parallel subtest on each engine, each with a
// fresh database, an admin with an API token, and a server in front.
func forEachEngine(t *testing.T, test func(t *testing.T, e *env)) {
	t.Helper()
	for _, engine := range []sqlstore.Engine{sqlstore.SQLite, sqlstore.Postgres} {
		t.Run(string(engine), func(t *testing.T) {
			t.Parallel()
			test(t, newEnv(t, engine, nil))
		})
	}
}

// openStore opens and migrates an empty database of its own on engine.
func openStore(t *testing.T, engine sqlstore.Engine) (*sqlstore.DB, sqlstore.Config) {
	t.Helper()
	cfg := sqlstore.Config{DataDir: t.TempDir()}
	if engine == sqlstore.Postgres {
		cfg = sqlstore.Config{DatabaseURL: testdb.PostgresURL(t)}
	}
	ctx := context.Background()
	db, err := sqlstore.Open(ctx, cfg)
	if err != nil {
		t.Fatalf("open %s: %v", engine, err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatalf("migrate %s: %v", engine, err)
	}
	return db, cfg
}

// newEnv starts a server on a fresh database. ping, when not nil, replaces
// the database's Ping in the services.
func newEnv(t *testing.T, engine sqlstore.Engine, ping func(context.Context) error) *env {
	t.Helper()
	db, cfg := openStore(t, engine)
	ctx := context.Background()
	hash, err := password.Hash("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	admin := &parasat.User{Email: "admin@example.kz", Name: "Айгерім Сейітова",
		Grants: []parasat.Grant{{Role: parasat.RoleAdmin}}}
	if err := db.CreateUser(ctx, admin, hash); err != nil {
		t.Fatalf("create admin: %v", err)
	}
	token, err := db.CreateToken(ctx, &parasat.APIToken{UserID: admin.ID, Name: "tests"})
	if err != nil {
		t.Fatalf("create token: %v", err)
	}
	if ping == nil {
		ping = db.Ping
	}
	logs := &syncBuffer{}
	logger := slog.New(slog.NewTextHandler(logs, nil))
	s, err := NewServer(Services{Regions: db, Organisations: db, Users: db, Audit: db, Accounts: account.New(db, logger), Ping: ping,
		Beneficiaries: db, Households: db, Volunteers: db, Patrons: db, Skills: db, Imports: db, Documents: db, Events: db, Aid: db, Jobs: db,
		Campaigns: db, Donations: db, Pledges: db, Ledger: db, Goods: db, Receipts: db, Transparency: db, Reports: db, ReportExports: db,
		Shifts: db},
		logger, prometheus.NewRegistry(), "test")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	return &env{t: t, engine: engine, cfg: cfg, db: db, srv: srv, client: srv.Client(),
		logs: logs, admin: admin, token: token, server: s}
}

// syncBuffer is a bytes.Buffer safe for the server's goroutines to log into
// while the test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// response is an answer read in full.
type response struct {
	status int
	header http.Header
	body   []byte
}

func (r *response) String() string {
	return fmt.Sprintf("%d %s", r.status, r.body)
}

// do sends a request to the server. body is sent as is when it is a string,
// and as JSON otherwise; token, when not empty, is the Authorization header.
func (e *env) do(method, path, authorization string, body any) *response {
	e.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, e.srv.URL+path, rd)
	if err != nil {
		e.t.Fatal(err)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if authorization != "" {
		req.Header.Set("Authorization", authorization)
	}
	resp, err := e.client.Do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatalf("%s %s: reading the body: %v", method, path, err)
	}
	return &response{status: resp.StatusCode, header: resp.Header, body: b}
}

func (e *env) get(path string) *response { e.t.Helper(); return e.do(http.MethodGet, path, "", nil) }

// bearer is the Authorization header of the admin's token.
func (e *env) bearer() string { return "Bearer " + e.token }

// expect fails the test unless r has the status.
func expect(t *testing.T, r *response, status int) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d; body: %s", r.status, status, r.body)
	}
}

// decode unmarshals r's JSON body into v.
func decode[T any](t *testing.T, r *response) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(r.body, &v); err != nil {
		t.Fatalf("body is not the JSON expected (%v): %s", err, r.body)
	}
	return v
}

// problem is an RFC 9457 problem as huma writes it.
type problem struct {
	Title  string `json:"title"`
	Status int    `json:"status"`
	Detail string `json:"detail"`
	Errors []struct {
		Message  string `json:"message"`
		Location string `json:"location"`
		Value    any    `json:"value"`
	} `json:"errors"`
}

// expectProblem checks that r is a problem+json answer with the status and,
// when location is not empty, an error detail at that location.
func expectProblem(t *testing.T, r *response, status int, location string) problem {
	t.Helper()
	expect(t, r, status)
	if ct := r.header.Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("Content-Type %q, want application/problem+json", ct)
	}
	p := decode[problem](t, r)
	if p.Status != status {
		t.Errorf("problem status %d, want %d", p.Status, status)
	}
	if location == "" {
		return p
	}
	for _, d := range p.Errors {
		if d.Location == location {
			return p
		}
	}
	t.Errorf("no error at %s in %s", location, r.body)
	return p
}

// orgList is the body of GET /organisations.
type orgList struct {
	Items      []parasat.Organisation `json:"items"`
	NextCursor *string                `json:"next_cursor"`
}

// bin returns a valid BIN (correct check digit) that is distinct for each n < 1000.
func bin(n int) string {
	for k := 0; k < 10; k++ {
		for d := 0; d <= 9; d++ {
			s := fmt.Sprintf("%011d%d", 19044000000+n*10+k, d)
			if parasat.IdentityNumberProblem(s) == "" {
				return s
			}
		}
	}
	panic(fmt.Sprintf("no valid BIN for %d", n))
}

// orgBody is a valid request body for an organisation.
func orgBody(kk, en, region string) map[string]any {
	return map[string]any{
		"name":   map[string]string{"kk": kk, "en": en},
		"type":   "ethno_cultural_association",
		"region": region,
	}
}

// createOrg registers an organisation through the API and returns it.
func (e *env) createOrg(body map[string]any) parasat.Organisation {
	e.t.Helper()
	r := e.do(http.MethodPost, "/api/v1/organisations", e.bearer(), body)
	expect(e.t, r, http.StatusCreated)
	return decode[parasat.Organisation](e.t, r)
}

// countOrgs counts the organisations through the API.
func (e *env) countOrgs() int {
	e.t.Helper()
	r := e.get("/api/v1/organisations?limit=500")
	expect(e.t, r, http.StatusOK)
	return len(decode[orgList](e.t, r).Items)
}

// sameOrganisation reports how a and b differ, or "" when they are equal
// (times compared as instants).
func sameOrganisation(a, b parasat.Organisation) string {
	if !a.Created.Equal(b.Created) || !a.Updated.Equal(b.Updated) {
		return fmt.Sprintf("times %v/%v vs %v/%v", a.Created, a.Updated, b.Created, b.Updated)
	}
	a.Created, a.Updated = b.Created, b.Updated
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if !bytes.Equal(ja, jb) {
		return fmt.Sprintf("%s vs %s", ja, jb)
	}
	return ""
}

// rawDB opens the database of e directly, read-only on SQLite, to check
// what the store wrote.
func (e *env) rawDB() *sql.DB {
	e.t.Helper()
	var (
		raw *sql.DB
		err error
	)
	if e.engine == sqlstore.SQLite {
		raw, err = sql.Open("sqlite", "file:"+e.db.Path+"?mode=ro&_pragma=busy_timeout(10000)")
	} else {
		raw, err = sql.Open("pgx", e.cfg.DatabaseURL)
	}
	if err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(func() { raw.Close() })
	return raw
}

func mustHash(t *testing.T, pw string) string {
	t.Helper()
	h, err := password.Hash(pw)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func mustDayHTTP(s string) time.Time {
	d, err := parasat.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d.Time
}
