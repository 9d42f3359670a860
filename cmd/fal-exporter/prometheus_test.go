package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/prometheus/common/model"

	"github.com/falplatform/fal-go/pkg/falprom"
)

// prometheusTools finds Debian's prometheus and promtool (package
// prometheus). Without them the test is skipped, except in CI (CI=true),
// where .ci/run installs them and their absence is a failure.
func prometheusTools(t *testing.T) (prometheus, promtool string) {
	t.Helper()
	var missing []string
	paths := map[string]string{}
	for _, name := range []string{"prometheus", "promtool"} {
		p, err := exec.LookPath(name)
		if err != nil {
			missing = append(missing, name)
		}
		paths[name] = p
	}
	if len(missing) > 0 {
		msg := fmt.Sprintf("%s not found in PATH: install Debian's prometheus package (apt-get install prometheus) to run the Prometheus integration test", strings.Join(missing, " and "))
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return paths["prometheus"], paths["promtool"]
}

// TestPrometheusScrapesExporter runs fal-exporter --mock, checks its
// exposition with promtool check metrics, has a real Prometheus server
// scrape it, and asks Prometheus' HTTP API for the cost series: their
// total is what the exporter serves.
func TestPrometheusScrapesExporter(t *testing.T) {
	t.Parallel() // most of it is waiting for Prometheus to start and scrape
	prometheusBin, promtool := prometheusTools(t)
	r := startExporter(t, "--mock", "--pricing.endpoints=fal-ai/flux/dev")
	_, metrics := r.get(t, "/metrics")

	check := exec.Command(promtool, "check", "metrics")
	check.Stdin = strings.NewReader(metrics)
	if out, err := check.CombinedOutput(); err != nil {
		t.Errorf("promtool check metrics: %v\n%s", err, out)
	}
	wantCost := sumOf(t, metrics, "fal_usage_cost")

	dir := t.TempDir()
	config := filepath.Join(dir, "prometheus.yml")
	scrapeConfig := fmt.Sprintf("global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\nscrape_configs:\n  - job_name: fal\n    static_configs:\n      - targets: [%q]\n", r.addr)
	if err := os.WriteFile(config, []byte(scrapeConfig), 0o600); err != nil {
		t.Fatal(err)
	}
	promAddr := freeLoopbackAddress(t)
	var promLog bytes.Buffer
	prom := exec.Command(prometheusBin, "--config.file="+config, "--storage.tsdb.path="+filepath.Join(dir, "data"),
		"--web.listen-address="+promAddr, "--log.level=warn")
	prom.Stdout, prom.Stderr = &promLog, &promLog
	if err := prom.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = prom.Process.Signal(syscall.SIGTERM)
		_ = prom.Wait()
		if t.Failed() {
			t.Logf("Prometheus said:\n%s", promLog.String())
		}
	}()

	result := queryUntil(t, promAddr, "sum(fal_usage_cost)", func(v model.Vector) bool { return len(v) == 1 })
	if got := float64(result[0].Value); math.Abs(got-wantCost) > 1e-9 {
		t.Errorf("Prometheus has sum(fal_usage_cost) %g, the exporter serves %g", got, wantCost)
	}
	up := queryUntil(t, promAddr, `fal_up{job="fal"} == 1`, func(v model.Vector) bool { return len(v) == 5 })
	t.Logf("Prometheus reads %d cost series totalling %g and %d sources up", len(queryUntil(t, promAddr, "fal_usage_cost", nil)), wantCost, len(up))
}

// TestREADMEScrapeConfig checks the scrape config the README shows with
// promtool check config.
func TestREADMEScrapeConfig(t *testing.T) {
	_, promtool := prometheusTools(t)
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var snippet string
	for _, block := range strings.Split(string(readme), "```yaml\n")[1:] {
		if body, _, _ := strings.Cut(block, "```"); strings.Contains(body, "job_name: fal") {
			snippet = body
		}
	}
	if snippet == "" {
		t.Fatal("README.md shows no scrape config with job_name: fal")
	}
	file := filepath.Join(t.TempDir(), "prometheus.yml")
	if err := os.WriteFile(file, []byte(snippet), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(promtool, "check", "config", file).CombinedOutput(); err != nil {
		t.Errorf("promtool check config on the README's snippet: %v\n%s\n%s", err, out, snippet)
	}
	if !strings.Contains(snippet, strconv.Quote(strings.Replace(defaultListenAddress, "127.0.0.1", "localhost", 1))) {
		t.Errorf("the README's snippet does not scrape the default address %s:\n%s", defaultListenAddress, snippet)
	}
}

// sumOf adds up the samples of a family in a text exposition.
func sumOf(t *testing.T, exposition, name string) float64 {
	t.Helper()
	families, err := falprom.Parse([]byte(exposition))
	if err != nil {
		t.Fatal(err)
	}
	mf := families[name]
	if mf == nil || len(mf.Metric) == 0 {
		t.Fatalf("the exposition has no %s", name)
	}
	var sum float64
	for _, m := range mf.Metric {
		sum += m.GetGauge().GetValue()
	}
	return sum
}

// freeLoopbackAddress is a loopback address no one listens on right now.
func freeLoopbackAddress(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	return addr
}

// queryUntil asks Prometheus at addr for an instant query every 250ms
// until the answer satisfies done (nil: any answer), for at most two
// minutes: Prometheus starts, then scrapes once a second.
func queryUntil(t *testing.T, addr, query string, done func(model.Vector) bool) model.Vector {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	var last string
	for {
		v, err := instantQuery(ctx, addr, query)
		if err == nil && (done == nil || done(v)) {
			return v
		}
		last = fmt.Sprintf("%v %v", v, err)
		select {
		case <-ctx.Done():
			t.Fatalf("Prometheus never answered %s as wanted; last answer: %s", query, last)
		case <-tick.C:
		}
	}
}

// instantQuery runs a PromQL query through Prometheus' HTTP API.
func instantQuery(ctx context.Context, addr, query string) (model.Vector, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+addr+"/api/v1/query?query="+url.QueryEscape(query), nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var answer struct {
		Status string `json:"status"`
		Error  string `json:"error"`
		Data   struct {
			ResultType string       `json:"resultType"`
			Result     model.Vector `json:"result"`
		} `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&answer); err != nil {
		return nil, err
	}
	if answer.Status != "success" || answer.Data.ResultType != "vector" {
		return nil, fmt.Errorf("query %s: %s %s (%s)", query, answer.Status, answer.Error, answer.Data.ResultType)
	}
	return answer.Data.Result, nil
}
