package main

import (
	"runtime"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/falplatform/fal-go/pkg/fal"
)

// The metrics the exporter makes itself. Their names start with "fal_"
// but never with appMetricsPrefix, which is kept for the metrics fal
// serves for the apps (appmetrics.go), so the two cannot collide.
var (
	usageQuantityDesc = prometheus.NewDesc("fal_usage_quantity",
		"Quantity billed per endpoint and billing unit since the start of the usage window (GetUsage). Endpoints beyond --usage.top-endpoints are summed as endpoint=\"other\".",
		[]string{"endpoint", "unit"}, nil)
	usageCostDesc = prometheus.NewDesc("fal_usage_cost",
		"Cost after discounts per endpoint and billing unit since the start of the usage window, in the currency of its label (GetUsage). Endpoints beyond --usage.top-endpoints are summed as endpoint=\"other\".",
		[]string{"endpoint", "unit", "currency"}, nil)
	usageWindowStartDesc = prometheus.NewDesc("fal_usage_window_start_timestamp_seconds",
		"Start of the window the usage and cost metrics cover, as a Unix time (month to date by default).",
		nil, nil)
	creditBalanceDesc = prometheus.NewDesc("fal_account_credit_balance",
		"Credit balance of the account, in the currency of its label (GetAccountBilling).",
		[]string{"currency"}, nil)
	unitPriceDesc = prometheus.NewDesc("fal_pricing_unit_price",
		"Price of one billing unit of an endpoint listed in --pricing.endpoints, before discounts, in the currency of its label (GetPricing).",
		[]string{"endpoint", "unit", "currency"}, nil)
	queueSizeDesc = prometheus.NewDesc("fal_app_queue_size",
		"Requests waiting in the queue of a serverless app (ServerlessGetAppQueueInfo).",
		[]string{"app"}, nil)
	upDesc = prometheus.NewDesc("fal_up",
		"Whether the last refresh of a source from fal succeeded (1) or not (0). Sources the key may not read are not listed (see fal_exporter_source_skipped).",
		[]string{"source"}, nil)
	lastSuccessDesc = prometheus.NewDesc("fal_exporter_last_refresh_success_timestamp_seconds",
		"When a source last refreshed from fal successfully, as a Unix time.",
		[]string{"source"}, nil)
	skippedDesc = prometheus.NewDesc("fal_exporter_source_skipped",
		"1 for a source that is not collected because the API key may not read it (it needs an admin key), else 0.",
		[]string{"source"}, nil)
	buildInfoDesc = prometheus.NewDesc("fal_exporter_build_info",
		"Always 1; the labels give the version of fal-exporter and the Go version that built it.",
		[]string{"version", "goversion"}, nil)
)

// ownDescs are the descriptions falCollector sends.
var ownDescs = []*prometheus.Desc{
	usageQuantityDesc, usageCostDesc, usageWindowStartDesc, creditBalanceDesc,
	unitPriceDesc, queueSizeDesc, upDesc, lastSuccessDesc, skippedDesc, buildInfoDesc,
}

// falCollector exposes what the sources last read from fal and how each
// source is doing. Collect only reads memory: it never calls fal.
type falCollector struct {
	// data are the sources whose snapshots are metrics ready to send.
	data []*source[[]prometheus.Metric]
	// all are every source, for the health metrics.
	all []refresher
}

// Describe sends the descriptions of every metric Collect may send.
func (c *falCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range ownDescs {
		ch <- d
	}
}

// Collect sends the last values of every source and their health.
func (c *falCollector) Collect(ch chan<- prometheus.Metric) {
	ch <- prometheus.MustNewConstMetric(buildInfoDesc, prometheus.GaugeValue, 1, fal.Version, runtime.Version())
	for _, s := range c.data {
		for _, m := range s.snapshot() {
			ch <- m
		}
	}
	for _, s := range c.all {
		h := s.health()
		ch <- prometheus.MustNewConstMetric(skippedDesc, prometheus.GaugeValue, boolValue(h.skipped), h.name)
		if h.skipped {
			continue
		}
		ch <- prometheus.MustNewConstMetric(upDesc, prometheus.GaugeValue, boolValue(h.up), h.name)
		if !h.lastSuccess.IsZero() {
			ch <- prometheus.MustNewConstMetric(lastSuccessDesc, prometheus.GaugeValue, float64(h.lastSuccess.UnixNano())/1e9, h.name)
		}
	}
}

func boolValue(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
