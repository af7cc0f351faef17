package jobs

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/parasat-kz/parasat"
)

// metrics are the runner's own counters; nil until RegisterMetrics.
type metrics struct {
	attempts *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

func (m *metrics) observe(kind, outcome string, d time.Duration) {
	if m == nil {
		return
	}
	m.attempts.WithLabelValues(kind, outcome).Inc()
	m.duration.WithLabelValues(kind).Observe(d.Seconds())
}

// Counter is what the queue gauges are read from at each scrape.
type Counter interface {
	CountJobs(ctx context.Context) ([]parasat.JobCount, error)
}

// RegisterMetrics adds to reg the attempts and durations of this process's
// jobs, and gauges of the whole queue read from counter at each scrape:
// parasat_jobs{kind,status} for the queued, running and failed jobs.
func (r *Runner) RegisterMetrics(reg prometheus.Registerer, counter Counter) error {
	m := &metrics{
		attempts: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "parasat_job_attempts_total",
			Help: "Attempts at jobs by this process, by kind and outcome (done, retry, failed, lost).",
		}, []string{"kind", "outcome"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "parasat_job_duration_seconds",
			Help:    "How long attempts at jobs took, by kind.",
			Buckets: []float64{0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300},
		}, []string{"kind"}),
	}
	for _, c := range []prometheus.Collector{m.attempts, m.duration, &queueCollector{counter: counter}} {
		if err := reg.Register(c); err != nil {
			return err
		}
	}
	r.metrics = m
	return nil
}

var queueDesc = prometheus.NewDesc("parasat_jobs",
	"Jobs in the queue (all processes) that are queued, running or failed, by kind and status.",
	[]string{"kind", "status"}, nil)

// queueCollector reads the queue's counts when scraped.
type queueCollector struct{ counter Counter }

func (c *queueCollector) Describe(ch chan<- *prometheus.Desc) { ch <- queueDesc }

func (c *queueCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	counts, err := c.counter.CountJobs(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(queueDesc, err)
		return
	}
	for _, n := range counts {
		ch <- prometheus.MustNewConstMetric(queueDesc, prometheus.GaugeValue, float64(n.Count), n.Kind, string(n.Status))
	}
}
