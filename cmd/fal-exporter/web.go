package main

import (
	"html/template"
	"log/slog"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/falplatform/fal-go/pkg/fal"
)

// handler serves the metrics at the telemetry path and a landing page at /.
func (e *exporter) handler() http.Handler {
	metrics := promhttp.HandlerFor(e.gatherer(), promhttp.HandlerOpts{
		ErrorLog:      slog.NewLogLogger(e.log.Handler(), slog.LevelError),
		ErrorHandling: promhttp.ContinueOnError,
		Registry:      e.registry,
	})
	mux := http.NewServeMux()
	mux.Handle("GET "+e.cfg.telemetryPath, promhttp.InstrumentMetricHandler(e.registry, metrics))
	mux.HandleFunc("GET /{$}", e.landingPage)
	return mux
}

// landingTemplate is the page at /: what the exporter is, where its
// metrics are and how each source is doing. It shows nothing of the key.
var landingTemplate = template.Must(template.New("landing").Parse(`<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>fal-exporter</title></head>
<body>
<h1>fal-exporter</h1>
<p>fal's spend, usage, prices, app queues and app metrics for Prometheus, read from {{.Origin}}.</p>
<p><a href="{{.TelemetryPath}}">Metrics</a></p>
<h2>Sources</h2>
<table>
<tr><th>Source</th><th>Refreshed every</th><th>State</th><th>Last success</th></tr>
{{range .Sources}}<tr><td>{{.Name}}</td><td>{{.Interval}}</td><td>{{.State}}</td><td>{{.LastSuccess}}</td></tr>
{{end}}</table>
<p>Version {{.Version}}.</p>
</body>
</html>
`))

// landingSource is one row of the landing page's table.
type landingSource struct {
	Name, Interval, State, LastSuccess string
}

func (e *exporter) landingPage(w http.ResponseWriter, _ *http.Request) {
	var rows []landingSource
	for _, h := range e.health() {
		row := landingSource{Name: h.name, Interval: h.interval.String(), State: "down", LastSuccess: "never"}
		switch {
		case h.skipped:
			row.State = "skipped: the key cannot read it (admin key needed)"
		case h.up:
			row.State = "up"
		}
		if !h.lastSuccess.IsZero() {
			row.LastSuccess = h.lastSuccess.UTC().Format(time.RFC3339)
		}
		rows = append(rows, row)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	err := landingTemplate.Execute(w, map[string]any{
		"Origin":        e.origin,
		"TelemetryPath": e.cfg.telemetryPath,
		"Sources":       rows,
		"Version":       fal.Version,
	})
	if err != nil {
		e.log.Debug("writing the landing page", "error", err)
	}
}
