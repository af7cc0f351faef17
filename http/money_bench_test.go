package http

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/parasat-kz/parasat/sqlstore"
)

// BenchmarkRecordDonationsThroughTheAPI posts gifts to a real server on
// SQLite with durable commits (WAL, synchronous=FULL): each answered 201 is
// on disk. Each request has its own Idempotency-Key, as a payment gateway's
// webhook would. The figure that matters is donations/s: with 8 clients
// posting at once the server mostly waits for its commits (a commit holds at
// most 8 gifts); with 16 it is busy.
//
//	go test -run '^$' -bench RecordDonationsThroughTheAPI -benchtime 5000x ./http
func BenchmarkRecordDonationsThroughTheAPI(b *testing.B) {
	for _, engine := range []sqlstore.Engine{sqlstore.SQLite, sqlstore.Postgres} {
		for _, clients := range []int{8, 16} {
			b.Run(fmt.Sprintf("%s/clients=%d", engine, clients), func(b *testing.B) {
				recordDonationsThroughTheAPI(b, engine, clients)
			})
		}
	}
}

func recordDonationsThroughTheAPI(b *testing.B, engine sqlstore.Engine, clients int) {
	t := &testing.T{}
	e := newEnv(t, engine, nil)
	if engine == sqlstore.Postgres && e.db == nil {
		b.Skip("PostgreSQL not configured")
	}
	m := newMoneyEnv(t, e)
	body, _ := json.Marshal(m.gift(10_000_00, "kk"))
	auth := m.as(coordinator)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	var n atomic.Int64
	b.SetParallelism(max(1, clients/runtime.GOMAXPROCS(0))) // goroutines = parallelism × GOMAXPROCS
	b.ResetTimer()
	start, cpu := time.Now(), cpuTime()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/api/v1/donations", bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", auth)
			req.Header.Set("Idempotency-Key", fmt.Sprintf("bench-%d", n.Add(1)))
			resp, err := client.Do(req)
			if err != nil {
				b.Error(err)
				return
			}
			// Read to the end, so that the connection is reused (as a
			// gateway's would be) rather than a new one opened per gift.
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusCreated {
				b.Errorf("status %d", resp.StatusCode)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "donations/s")
	b.ReportMetric(float64(cpuTime()-cpu)/float64(time.Microsecond)/float64(b.N), "cpu-µs/donation")
	if batches, gifts := e.db.GroupCommits(); batches > 0 {
		b.ReportMetric(float64(gifts)/float64(batches), "gifts/commit")
	}
}

// cpuTime is the CPU time the process has used (user and system): the
// server and its clients, which share the machine's cores.
func cpuTime() time.Duration {
	var u syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &u)
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}
