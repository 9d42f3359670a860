package main

import (
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	dto "github.com/prometheus/client_model/go"
)

// dashboard is what the test reads of a Grafana dashboard: the queries of
// its panels (rows hold panels too) and of its variables.
type dashboard struct {
	Panels     []dashboardPanel `json:"panels"`
	Templating struct {
		List []struct {
			Name  string          `json:"name"`
			Type  string          `json:"type"`
			Query json.RawMessage `json:"query"`
		} `json:"list"`
	} `json:"templating"`
}

type dashboardPanel struct {
	Title   string `json:"title"`
	Type    string `json:"type"`
	Targets []struct{ Expr string }
	Panels  []dashboardPanel `json:"panels"`
}

// queries lists every PromQL expression of the panels, by panel title.
func (p dashboardPanel) queries(into map[string][]string) {
	for _, t := range p.Targets {
		into[p.Title] = append(into[p.Title], t.Expr)
	}
	for _, inner := range p.Panels {
		inner.queries(into)
	}
}

var (
	promqlString   = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)
	promqlMatchers = regexp.MustCompile(`\{[^}]*\}`)
	promqlRange    = regexp.MustCompile(`\[[^\]]*\]`)
	promqlGrouping = regexp.MustCompile(`\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)`)
	grafanaVar     = regexp.MustCompile(`\$\{?\w+\}?`)
	promqlName     = regexp.MustCompile(`[A-Za-z_:][A-Za-z0-9_:]*`)
	labelValues    = regexp.MustCompile(`^label_values\(\s*([A-Za-z_:][A-Za-z0-9_:]*)\s*,`)
	promqlKeywords = []string{"and", "or", "unless", "bool", "offset", "Inf", "NaN"}
)

// promqlMetricNames lists the metric names a PromQL expression reads: its
// identifiers, less functions, keywords, label names and Grafana
// variables.
func promqlMetricNames(expr string) []string {
	for _, drop := range []*regexp.Regexp{promqlString, promqlMatchers, promqlRange, promqlGrouping, grafanaVar} {
		expr = drop.ReplaceAllString(expr, " ")
	}
	var names []string
	for _, loc := range promqlName.FindAllStringIndex(expr, -1) {
		name := expr[loc[0]:loc[1]]
		partOfNumber := loc[0] > 0 && strings.ContainsRune("0123456789.", rune(expr[loc[0]-1]))
		isFunction := strings.HasPrefix(strings.TrimLeft(expr[loc[1]:], " "), "(")
		if !partOfNumber && !isFunction && !slices.Contains(promqlKeywords, name) {
			names = append(names, name)
		}
	}
	return names
}

func TestPromQLMetricNames(t *testing.T) {
	tests := map[string][]string{
		`sum by (endpoint) (fal_usage_cost{job=~"$job"})`:                                                  {"fal_usage_cost"},
		`time() - fal_exporter_last_refresh_success_timestamp_seconds`:                                     {"fal_exporter_last_refresh_success_timestamp_seconds"},
		`histogram_quantile(0.9, sum by (le, source) (rate(x_bucket{a="b"}[$__rate_interval])))`:           {"x_bucket"},
		`clamp_min(delta(fal_usage_cost[1h] offset 1d), 0) and on (endpoint) fal_up > bool 0`:              {"fal_usage_cost", "fal_up"},
		`sum(rate(a_total[5m])) without (instance) / ignoring (status) group_left (app) b{c="d{e}"} * 1e3`: {"a_total", "b"},
	}
	for expr, want := range tests {
		if got := promqlMetricNames(expr); !slices.Equal(got, want) {
			t.Errorf("%s: %v, want %v", expr, got, want)
		}
	}
}

// TestDashboardUsesExposedMetrics reads grafana-dashboard.json and checks
// that every metric its panels and variables query is one the exporter
// serves (from known answers, every source on), and that it shows spend
// per endpoint, the total spend, queue sizes and the exporter's health.
func TestDashboardUsesExposedMetrics(t *testing.T) {
	raw, err := os.ReadFile("grafana-dashboard.json")
	if err != nil {
		t.Fatal(err)
	}
	var d dashboard
	if err := json.Unmarshal(raw, &d); err != nil {
		t.Fatalf("grafana-dashboard.json: %v", err)
	}

	e := newTestExporter(t, fixtureClient(t, fixtureServer(t)), "--pricing.endpoints=fal-ai/flux/dev,fal-ai/veo3")
	e.refreshAll(t)
	families, err := e.gatherer().Gather()
	if err != nil {
		t.Fatal(err)
	}
	served := map[string]bool{}
	for _, mf := range families {
		served[mf.GetName()] = true
		if mf.GetType() == dto.MetricType_HISTOGRAM {
			for _, suffix := range []string{"_bucket", "_sum", "_count"} {
				served[mf.GetName()+suffix] = true
			}
		}
	}

	queries := map[string][]string{}
	for _, p := range d.Panels {
		p.queries(queries)
	}
	used := map[string]bool{}
	for title, exprs := range queries {
		for _, expr := range exprs {
			names := promqlMetricNames(expr)
			if len(names) == 0 {
				t.Errorf("panel %q: %s reads no metric", title, expr)
			}
			for _, name := range names {
				used[name] = true
				if !served[name] {
					t.Errorf("panel %q reads %s, which the exporter does not serve", title, name)
				}
			}
		}
	}
	for _, v := range d.Templating.List {
		if v.Type != "query" {
			continue
		}
		var q struct{ Query string }
		if err := json.Unmarshal(v.Query, &q); err != nil {
			t.Fatalf("variable %s: %v", v.Name, err)
		}
		m := labelValues.FindStringSubmatch(q.Query)
		if m == nil {
			t.Errorf("variable %s: cannot read its query %q", v.Name, q.Query)
		} else if !served[m[1]] {
			t.Errorf("variable %s reads %s, which the exporter does not serve", v.Name, m[1])
		}
	}
	for _, want := range []string{"fal_usage_cost", "fal_app_queue_size", "fal_up", "fal_exporter_api_requests_total", "fal_exporter_last_refresh_success_timestamp_seconds"} {
		if !used[want] {
			t.Errorf("no panel shows %s", want)
		}
	}
}
