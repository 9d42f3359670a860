package main

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/falplatform/fal-go/gen/falapi"
	"github.com/falplatform/fal-go/pkg/fal"
)

// otherEndpoints is the endpoint label of the usage summed over the
// endpoints beyond --usage.top-endpoints. fal's endpoint IDs always hold a
// slash, so it cannot be a real endpoint's.
const otherEndpoints = "other"

// fetchUsage reads the usage summary of the window, every page of it, and
// makes the usage metrics.
func (e *exporter) fetchUsage(ctx context.Context) ([]prometheus.Metric, error) {
	start := e.cfg.usageStart(e.clock.now().In(e.cfg.timezone))
	params := &falapi.GetUsageParams{
		Start:    fal.Ptr(start.Format(time.RFC3339)),
		Timezone: fal.Ptr(e.cfg.timezone.String()),
		Expand:   []string{"summary"},
	}
	pages := e.client.GetUsagePages(ctx, params, e.self.countRequests("GetUsage"))
	var items []falapi.UsageLineItem
	for item, err := range fal.Flatten(pages, func(p *falapi.UsagePage) []falapi.UsageLineItem { return p.Summary }) {
		if err != nil {
			return nil, err
		}
		items = append(items, item)
	}
	rows := summarizeUsage(items, e.cfg.usageTopN)
	metrics := make([]prometheus.Metric, 0, 2*len(rows)+1)
	metrics = append(metrics, prometheus.MustNewConstMetric(usageWindowStartDesc, prometheus.GaugeValue, float64(start.Unix())))
	var quantities []usageRow // per endpoint and unit, whatever the currency
	for _, r := range rows {
		metrics = append(metrics, prometheus.MustNewConstMetric(usageCostDesc, prometheus.GaugeValue, r.cost, r.endpoint, r.unit, r.currency))
		r.currency = ""
		quantities = addUsage(quantities, r)
	}
	for _, q := range quantities {
		metrics = append(metrics, prometheus.MustNewConstMetric(usageQuantityDesc, prometheus.GaugeValue, q.quantity, q.endpoint, q.unit))
	}
	return metrics, nil
}

// usageRow is the usage of one endpoint in one billing unit and currency
// over the window.
type usageRow struct {
	endpoint, unit, currency string
	quantity, cost           float64
}

// summarizeUsage sums line items per endpoint, unit and currency, keeps
// the topN endpoints with the highest cost (ties by name) and sums the
// others per unit and currency under the endpoint "other". Rows come out
// sorted by endpoint, unit and currency.
func summarizeUsage(items []falapi.UsageLineItem, topN int) []usageRow {
	var rows []usageRow
	costOf := map[string]float64{}
	for _, it := range items {
		rows = addUsage(rows, usageRow{endpoint: it.EndpointID, unit: it.Unit, currency: it.Currency, quantity: it.Quantity, cost: it.CostTotal})
		costOf[it.EndpointID] += it.CostTotal
	}
	ranked := slices.SortedFunc(maps.Keys(costOf), func(a, b string) int {
		return cmp.Or(cmp.Compare(costOf[b], costOf[a]), cmp.Compare(a, b))
	})
	top := map[string]bool{}
	for _, id := range ranked[:min(topN, len(ranked))] {
		top[id] = true
	}
	slices.SortFunc(rows, compareRows)
	var out []usageRow
	for _, r := range rows {
		if !top[r.endpoint] {
			r.endpoint = otherEndpoints
		}
		out = addUsage(out, r)
	}
	slices.SortFunc(out, compareRows)
	return out
}

// addUsage adds r to the row of rows with its endpoint, unit and
// currency, or appends it.
func addUsage(rows []usageRow, r usageRow) []usageRow {
	for i := range rows {
		if rows[i].endpoint == r.endpoint && rows[i].unit == r.unit && rows[i].currency == r.currency {
			rows[i].quantity += r.quantity
			rows[i].cost += r.cost
			return rows
		}
	}
	return append(rows, r)
}

func compareRows(a, b usageRow) int {
	return cmp.Or(cmp.Compare(a.endpoint, b.endpoint), cmp.Compare(a.unit, b.unit), cmp.Compare(a.currency, b.currency))
}

// String shows a row in test failures.
func (r usageRow) String() string {
	return fmt.Sprintf("%s %s %s quantity=%g cost=%g", r.endpoint, r.unit, r.currency, r.quantity, r.cost)
}
