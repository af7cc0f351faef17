package http

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"maps"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/parasat-kz/parasat/sqlstore"
)

func TestOpenAPIDocument(t *testing.T) {
	e := newEnv(t, sqlstore.SQLite, nil)
	r := e.get("/api/v1/openapi.json")
	expect(t, r, http.StatusOK)
	var doc struct {
		OpenAPI string `json:"openapi"`
		Info    struct {
			Version string `json:"version"`
		} `json:"info"`
		Servers []struct {
			URL string `json:"url"`
		} `json:"servers"`
		Paths map[string]map[string]struct {
			OperationID string                `json:"operationId"`
			Security    []map[string][]string `json:"security"`
		} `json:"paths"`
		Components struct {
			SecuritySchemes map[string]struct {
				Type   string `json:"type"`
				Scheme string `json:"scheme"`
			} `json:"securitySchemes"`
		} `json:"components"`
	}
	if err := json.Unmarshal(r.body, &doc); err != nil {
		t.Fatalf("openapi.json is not JSON: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.1") {
		t.Errorf("openapi %q, want 3.1.x", doc.OpenAPI)
	}
	if doc.Info.Version != "test" {
		t.Errorf("info.version %q, want the server's version", doc.Info.Version)
	}
	if len(doc.Servers) != 1 || doc.Servers[0].URL != "/api/v1" {
		t.Errorf("servers %+v, want the one base path /api/v1", doc.Servers)
	}
	for _, p := range []string{"/regions", "/regions/{code}", "/organisations", "/organisations/{id}"} {
		if doc.Paths[p] == nil {
			t.Errorf("the document lacks path %s", p)
		}
	}
	post := doc.Paths["/organisations"]["post"]
	if len(post.Security) != 1 || post.Security[0]["bearer"] == nil {
		t.Errorf("POST /organisations security %v, want the bearer scheme", post.Security)
	}
	if get := doc.Paths["/organisations"]["get"]; len(get.Security) != 0 {
		t.Errorf("GET /organisations security %v, want none: reads are open", get.Security)
	}
	if s := doc.Components.SecuritySchemes["bearer"]; s.Type != "http" || s.Scheme != "bearer" {
		t.Errorf("security scheme bearer = %+v, want http bearer", s)
	}
}

func TestHealth(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		r := e.get("/healthz")
		expect(t, r, http.StatusOK)
		if string(r.body) != "ok\n" {
			t.Errorf("/healthz body %q", r.body)
		}
		r = e.get("/readyz")
		expect(t, r, http.StatusOK)
		if string(r.body) != "ready\n" {
			t.Errorf("/readyz body %q", r.body)
		}
	})
}

func TestReadyzWhenTheDatabaseIsDown(t *testing.T) {
	e := newEnv(t, sqlstore.SQLite, func(context.Context) error { return errors.New("connection refused") })
	r := e.get("/readyz")
	expect(t, r, http.StatusServiceUnavailable)
	if string(r.body) != "database unavailable\n" {
		t.Errorf("/readyz body %q", r.body)
	}
	if strings.Contains(string(r.body), "connection refused") {
		t.Error("/readyz shows the cause to the client")
	}
	if !strings.Contains(e.logs.String(), "connection refused") {
		t.Errorf("the cause is not logged:\n%s", e.logs)
	}
	expect(t, e.get("/healthz"), http.StatusOK) // alive, though not ready
}

func TestMetricsCountByRoutePattern(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *env) {
		o := e.createOrg(orgBody("Ассамблея", "Assembly", "KZ-71"))
		path := "/api/v1/organisations/" + strconv.FormatInt(o.ID, 10)
		expect(t, e.get(path), http.StatusOK)
		expect(t, e.get(path), http.StatusOK)
		expect(t, e.get("/api/v1/organisations/999999"), http.StatusNotFound)
		expect(t, e.get("/no/such/page"), http.StatusNotFound)

		r := e.get("/metrics")
		expect(t, r, http.StatusOK)
		metrics := string(r.body)
		for _, want := range []string{
			`parasat_http_requests_total{code="200",method="GET",route="GET /api/v1/organisations/{id}"} 2`,
			`parasat_http_requests_total{code="404",method="GET",route="GET /api/v1/organisations/{id}"} 1`,
			`parasat_http_requests_total{code="201",method="POST",route="POST /api/v1/organisations"} 1`,
			`parasat_http_requests_total{code="404",method="GET",route="/"} 1`,
			`parasat_http_request_duration_seconds_count{method="GET",route="GET /api/v1/organisations/{id}"} 3`,
		} {
			if !strings.Contains(metrics, want) {
				t.Errorf("/metrics lacks %s", want)
			}
		}
		routes := map[string]bool{}
		for _, m := range regexp.MustCompile(`route="([^"]*)"`).FindAllStringSubmatch(metrics, -1) {
			routes[m[1]] = true
		}
		want := map[string]bool{"GET /api/v1/organisations/{id}": true, "POST /api/v1/organisations": true, "/": true}
		if !maps.Equal(routes, want) {
			t.Errorf("/metrics has routes %v; want only the patterns %v, never a raw URL", routes, want)
		}
	})
}

func TestPanicsBecome500(t *testing.T) {
	logs := &syncBuffer{}
	h := recoverPanics(slog.New(slog.NewTextHandler(logs, nil)), http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		panic("boom")
	}))
	srv := newTestListenerServer(t, h)
	resp, err := http.Get(srv)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusInternalServerError || strings.Contains(string(body), "boom") {
		t.Errorf("panic answered %d %q; want 500 without the panic value", resp.StatusCode, body)
	}
	if !strings.Contains(logs.String(), "boom") {
		t.Errorf("the panic is not logged:\n%s", logs)
	}
}

// newTestListenerServer serves h on 127.0.0.1 until the test ends and
// returns its base URL.
func newTestListenerServer(t *testing.T, h http.Handler) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: h}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String() + "/"
}

// closeNotifyListener tells when Close is called, that is, when the server
// has begun to shut down.
type closeNotifyListener struct {
	net.Listener
	once   sync.Once
	closed chan struct{}
}

func (l *closeNotifyListener) Close() error {
	err := l.Listener.Close()
	l.once.Do(func() { close(l.closed) })
	return err
}

func TestServeFinishesRequestsInFlight(t *testing.T) {
	db, _ := openStore(t, sqlstore.SQLite)
	entered := make(chan struct{})
	release := make(chan struct{})
	var releaseOnce sync.Once
	releasePing := func() { releaseOnce.Do(func() { close(release) }) }
	t.Cleanup(releasePing) // never leave the handler blocked when the test fails early
	ping := func(context.Context) error {
		close(entered)
		<-release
		return nil
	}
	logs := &syncBuffer{}
	s, err := NewServer(Services{Regions: db, Organisations: db, Users: db, Audit: db, Ping: ping},
		slog.New(slog.NewTextHandler(logs, nil)), prometheus.NewRegistry(), "test")
	if err != nil {
		t.Fatal(err)
	}

	raw, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ln := &closeNotifyListener{Listener: raw, closed: make(chan struct{})}
	addr := raw.Addr().String()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln, time.Minute) }()

	type result struct {
		status int
		body   string
		err    error
	}
	answered := make(chan result, 1)
	client := &http.Client{Transport: &http.Transport{}}
	go func() {
		resp, err := client.Get("http://" + addr + "/readyz")
		if err != nil {
			answered <- result{err: err}
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		answered <- result{status: resp.StatusCode, body: string(b), err: err}
	}()

	<-entered // the request is in flight
	cancel()
	<-ln.closed // Serve is shutting down: it no longer accepts connections
	// Serve cannot have returned: the request it must wait for is blocked in Ping.
	select {
	case err := <-served:
		t.Fatalf("Serve returned (%v) while a request was in flight", err)
	case res := <-answered:
		t.Fatalf("the request was answered (%+v) before Ping returned", res)
	default:
	}
	releasePing()

	res := <-answered
	if res.err != nil || res.status != http.StatusOK || res.body != "ready\n" {
		t.Errorf("request in flight during shutdown: %+v; want 200 ready", res)
	}
	if err := <-served; err != nil {
		t.Errorf("Serve returned %v, want nil after a clean shutdown", err)
	}
	if !strings.Contains(logs.String(), "shutting down") {
		t.Errorf("shutdown not logged:\n%s", logs)
	}
	if conn, err := net.DialTimeout("tcp", addr, 5*time.Second); err == nil {
		conn.Close()
		t.Error("a new connection was accepted after Serve returned")
	}
}

func TestServeStopsAtOnceWhenIdle(t *testing.T) {
	e := newEnv(t, sqlstore.SQLite, nil)
	s, err := NewServer(Services{Regions: e.db, Organisations: e.db, Users: e.db, Audit: e.db, Ping: e.db.Ping},
		slog.New(slog.DiscardHandler), prometheus.NewRegistry(), "test")
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln, time.Minute) }()
	resp, err := http.Get("http://" + ln.Addr().String() + "/api/v1/regions/KZ-71")
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET through Serve: %d", resp.StatusCode)
	}
	cancel()
	if err := <-served; err != nil {
		t.Errorf("Serve returned %v, want nil", err)
	}
}
