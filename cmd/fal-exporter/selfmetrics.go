package main

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/falplatform/fal-go/pkg/fal"
)

// selfMetrics are the exporter's counts of its own work: the requests it
// sent to fal and how long refreshes took.
type selfMetrics struct {
	requests *prometheus.CounterVec
	refresh  *prometheus.HistogramVec
}

func newSelfMetrics() *selfMetrics {
	return &selfMetrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "fal_exporter_api_requests_total",
			Help: `Requests sent to fal's Platform API by operation and HTTP status ("error" when no answer came).`,
		}, []string{"operation", "status"}),
		refresh: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "fal_exporter_refresh_duration_seconds",
			Help:    "How long a refresh of a source from fal took (all its calls), whether it succeeded or not.",
			Buckets: []float64{.05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60},
		}, []string{"source"}),
	}
}

// register adds the metrics to reg.
func (m *selfMetrics) register(reg prometheus.Registerer) {
	reg.MustRegister(m.requests, m.refresh)
}

// observeRefresh records the duration of one refresh of a source.
func (m *selfMetrics) observeRefresh(source string, d time.Duration) {
	m.refresh.WithLabelValues(source).Observe(d.Seconds())
}

// countRequests is a call option that counts every attempt of the call
// under its operation name.
func (m *selfMetrics) countRequests(operation string) fal.Option {
	return fal.WithMiddleware(func(req *http.Request, next fal.Next) (*http.Response, error) {
		resp, err := next(req)
		status := "error"
		if err == nil {
			status = strconv.Itoa(resp.StatusCode)
		}
		m.requests.WithLabelValues(operation, status).Inc()
		return resp, err
	})
}
