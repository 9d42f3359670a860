package main

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	dto "github.com/prometheus/client_model/go"

	"github.com/falplatform/fal-go/pkg/falprom"
)

// appMetricsPrefix begins the name of every metric fal serves for the
// apps as the exporter re-exposes it: fal_app_runners becomes
// fal_serverless_app_runners, a name without fal's prefix such as
// requests_total becomes fal_serverless_requests_total. None of the
// exporter's own metrics (nor Go's and the process's) begins with it, so
// whatever fal serves cannot collide with them.
const appMetricsPrefix = "fal_serverless_"

// fetchAppMetrics reads the Prometheus text fal serves for the account's
// apps and readies its families to be served under appMetricsPrefix, with
// their labels, HELP and TYPE as fal sent them.
func (e *exporter) fetchAppMetrics(ctx context.Context) ([]*dto.MetricFamily, error) {
	m, err := e.client.ServerlessGetMetrics(ctx, e.self.countRequests("ServerlessGetMetrics"))
	if err != nil {
		return nil, err
	}
	families, err := falprom.Parse(m.Text)
	if err != nil {
		return nil, err
	}
	out, dropped := reexpose(families)
	for _, name := range dropped {
		if e.droppedAppMetrics[name] {
			continue
		}
		e.droppedAppMetrics[name] = true
		e.log.Warn("a metric fal serves is not re-exposed: another one gets the same name", "metric", name, "as", reexposedName(name))
	}
	return out, nil
}

// reexposedName is the name a metric fal serves gets in the exporter.
func reexposedName(name string) string {
	return appMetricsPrefix + strings.TrimPrefix(name, "fal_")
}

// reexpose renames families under appMetricsPrefix and readies them to be
// served as they are: label pairs sorted, as client_golang wants them, and
// timestamps dropped (a sample is as fresh as the last refresh; Prometheus
// stamps it at the scrape). A gauge or counter that uses histogram names
// is served untyped (see asUntyped); every other TYPE and HELP is fal's. When two names get the same new name (fal_x
// and x), the one with fal's prefix is kept and the other is returned in
// dropped. The families come out sorted by name.
func reexpose(families map[string]*dto.MetricFamily) (out []*dto.MetricFamily, dropped []string) {
	names := slices.SortedFunc(maps.Keys(families), func(a, b string) int {
		aFal, bFal := strings.HasPrefix(a, "fal_"), strings.HasPrefix(b, "fal_")
		if aFal != bFal {
			if aFal {
				return -1
			}
			return 1
		}
		return cmp.Compare(a, b)
	})
	taken := map[string]bool{}
	for _, name := range names {
		newName := reexposedName(name)
		if taken[newName] {
			dropped = append(dropped, name)
			continue
		}
		taken[newName] = true
		mf := families[name]
		mf.Name = &newName
		if usesHistogramNames(mf) {
			asUntyped(mf)
		}
		for _, m := range mf.Metric {
			m.TimestampMs = nil
			slices.SortFunc(m.Label, func(a, b *dto.LabelPair) int { return cmp.Compare(a.GetName(), b.GetName()) })
		}
		out = append(out, mf)
	}
	slices.SortFunc(out, func(a, b *dto.MetricFamily) int { return cmp.Compare(a.GetName(), b.GetName()) })
	return out, dropped
}

// usesHistogramNames reports whether a gauge or counter family uses a
// name or label Prometheus keeps for histograms and summaries: an "le" or
// "quantile" label, or a name ending in _bucket, _count or _sum (fal
// serves its request latency buckets as a gauge with "le").
func usesHistogramNames(mf *dto.MetricFamily) bool {
	if t := mf.GetType(); t != dto.MetricType_GAUGE && t != dto.MetricType_COUNTER {
		return false
	}
	for _, suffix := range []string{"_bucket", "_count", "_sum"} {
		if strings.HasSuffix(mf.GetName(), suffix) {
			return true
		}
	}
	for _, m := range mf.Metric {
		for _, l := range m.Label {
			if l.GetName() == "le" || l.GetName() == "quantile" {
				return true
			}
		}
	}
	return false
}

// asUntyped turns a gauge or counter family into an untyped one with the
// same samples and labels, its HELP saying what fal served it as. An
// untyped family may use the names Prometheus keeps for histograms (and
// histogram_quantile still works on its "le" buckets), so the exposition
// passes promtool check metrics.
func asUntyped(mf *dto.MetricFamily) {
	help := fmt.Sprintf("%s (served by fal as a %s)", mf.GetHelp(), strings.ToLower(mf.GetType().String()))
	mf.Help = &help
	mf.Type = dto.MetricType_UNTYPED.Enum()
	for _, m := range mf.Metric {
		v := sampleValue(m)
		m.Gauge, m.Counter = nil, nil
		m.Untyped = &dto.Untyped{Value: &v}
	}
}

// sampleValue is the value of a gauge, counter or untyped sample.
func sampleValue(m *dto.Metric) float64 {
	switch {
	case m.Gauge != nil:
		return m.Gauge.GetValue()
	case m.Counter != nil:
		return m.Counter.GetValue()
	}
	return m.GetUntyped().GetValue()
}

// appMetricsGatherer serves the families of the last refresh of the app
// metrics. The families are never changed once stored, so concurrent
// scrapes may share them.
type appMetricsGatherer struct {
	source *source[[]*dto.MetricFamily]
}

// Gather returns the last families read.
func (g appMetricsGatherer) Gather() ([]*dto.MetricFamily, error) {
	return g.source.snapshot(), nil
}
