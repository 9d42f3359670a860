package main

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	dto "github.com/prometheus/client_model/go"

	"github.com/falplatform/fal-go/pkg/fal"
)

// exporter reads fal in the background and serves what it read.
type exporter struct {
	cfg    *config
	client *fal.Client
	log    *slog.Logger
	clock  clock
	self   *selfMetrics
	// origin says where the data comes from, for the landing page.
	origin string

	registry   *prometheus.Registry
	collector  *falCollector
	appMetrics *source[[]*dto.MetricFamily]
	sources    []refresher

	running sync.WaitGroup
	// queuesCapped is set once the cap of --queues.max-apps was logged.
	queuesCapped atomic.Bool
	// droppedAppMetrics are the names of fal's app metrics already logged
	// as not re-exposed; only the app metrics source uses it.
	droppedAppMetrics map[string]bool
}

// newExporter sets up the sources cfg enables, reading fal through client.
// Nothing is fetched until start.
func newExporter(cfg *config, client *fal.Client, log *slog.Logger, clk clock) *exporter {
	e := &exporter{
		cfg: cfg, client: client, log: log, clock: clk,
		self:      newSelfMetrics(),
		origin:    client.BaseURL(),
		registry:  prometheus.NewRegistry(),
		collector: &falCollector{},

		droppedAppMetrics: map[string]bool{},
	}
	addData := func(name string, sc sourceConfig, fetch func(context.Context) ([]prometheus.Metric, error)) {
		if !sc.enabled {
			return
		}
		s := newSource(e, name, sc.interval, fetch)
		e.collector.data = append(e.collector.data, s)
		e.sources = append(e.sources, s)
	}
	addData("usage", cfg.usage, e.fetchUsage)
	addData("billing", cfg.billing, e.fetchBilling)
	pricing := cfg.pricing
	if pricing.enabled && len(cfg.pricingEndpoints) == 0 {
		log.Info("unit prices are not exported: no endpoints in --pricing.endpoints")
		pricing.enabled = false
	}
	addData("pricing", pricing, e.fetchPricing)
	addData("queues", cfg.queues, e.fetchQueues)
	if cfg.appMetrics.enabled {
		e.appMetrics = newSource(e, "app_metrics", cfg.appMetrics.interval, e.fetchAppMetrics)
		e.sources = append(e.sources, e.appMetrics)
	}
	e.collector.all = e.sources

	e.self.register(e.registry)
	e.registry.MustRegister(
		e.collector,
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	return e
}

// newSource makes a source that runs on the exporter's clock, logger and
// refresh timeout.
func newSource[T any](e *exporter, name string, interval time.Duration, fetch func(context.Context) (T, error)) *source[T] {
	return &source[T]{
		name: name, interval: interval, timeout: e.cfg.timeout, fetch: fetch,
		clock: e.clock, log: e.log, observe: e.self.observeRefresh,
	}
}

// start runs every source in the background until ctx ends; wait waits
// for them to stop.
func (e *exporter) start(ctx context.Context) {
	for _, s := range e.sources {
		e.running.Go(func() { s.run(ctx) })
	}
}

// wait blocks until every source started by start has stopped.
func (e *exporter) wait() { e.running.Wait() }

// gatherer gives everything the exporter serves: its own metrics and the
// apps' metrics as fal served them.
func (e *exporter) gatherer() prometheus.Gatherer {
	if e.appMetrics == nil {
		return e.registry
	}
	return prometheus.Gatherers{e.registry, appMetricsGatherer{e.appMetrics}}
}

// health lists how every source is doing.
func (e *exporter) health() []sourceHealth {
	out := make([]sourceHealth, 0, len(e.sources))
	for _, s := range e.sources {
		out = append(out, s.health())
	}
	return out
}
