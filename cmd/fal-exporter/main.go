// Command fal-exporter serves fal's spend, usage, unit prices, serverless
// app queues and app metrics to Prometheus, read from fal's Platform APIs
// with package fal (github.com/falplatform/fal-go/pkg/fal).
//
// Usage:
//
//	fal-exporter [--web.listen-address=127.0.0.1:10325] [--web.telemetry-path=/metrics] [--mock] [flags]
//
// Each source (usage, billing, pricing, queues, app_metrics) refreshes in
// the background on its own interval; a scrape is answered from the last
// values at once and never waits on fal. A failing source keeps its last
// values, reports fal_up{source="..."} 0 and backs off, honouring fal's
// Retry-After. Usage and billing need an admin API key: with a plain key
// they are skipped, with one log line.
//
// The API key comes from the environment only: FAL_KEY, or FAL_KEY_ID and
// FAL_KEY_SECRET (FAL_BASE_URL sets another API address). It never appears
// in a metric, a label, a log line or the landing page. With --mock the
// exporter serves fal's mock API (package falmock) in-process on a loopback
// address and reads it with a key of its own, never FAL_KEY:
//
//	fal-exporter --mock
//	curl -s localhost:10325/metrics
//
// The default port, 10325, is not in the Prometheus wiki's list of default
// port allocations; it listens on loopback unless told otherwise.
//
// Exit codes: 0 after a clean shutdown (SIGINT or SIGTERM); 1 when serving
// failed; 2 when nothing was started: a bad flag or no API key.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"time"
	_ "time/tzdata" // --usage.timezone works on machines without a zoneinfo database

	"github.com/falplatform/fal-go/pkg/fal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// shutdownTimeout bounds how long a shutdown waits for scrapes in flight.
const shutdownTimeout = 5 * time.Second

// run is the whole program: it serves until ctx ends and returns the exit
// code. Logs go to stderr.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cfg, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		_, _ = fmt.Fprintf(stderr, "fal-exporter: %v\nRun 'fal-exporter --help' for the flags.\n", err)
		return 2
	}
	if cfg.showVersion {
		_, _ = fmt.Fprintf(stdout, "fal-exporter version %s (%s %s/%s)\n", fal.Version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
		return 0
	}
	logger := newLogger(cfg, stderr)

	// The key is checked before anything starts; the mock, which takes a
	// moment to load fal's schema, starts once the port is ours.
	var client *fal.Client
	if !cfg.mock {
		if client, err = envClient(); err != nil {
			logger.Error("cannot start", "error", err)
			return 2
		}
	}
	listener, err := net.Listen("tcp", cfg.listenAddress)
	if err != nil {
		logger.Error("cannot listen", "address", cfg.listenAddress, "error", err)
		return 1
	}
	if cfg.mock {
		var stopMock func()
		if client, stopMock, err = mockClient(); err != nil {
			_ = listener.Close()
			logger.Error("cannot start", "error", err)
			return 1
		}
		defer stopMock()
	}
	exp := newExporter(cfg, client, logger, realClock)
	if cfg.mock {
		exp.origin = "fal's mock API, served in-process"
	}
	ctx, cancel := context.WithCancel(ctx)
	exp.start(ctx)
	defer func() {
		cancel()
		exp.wait()
	}()

	srv := &http.Server{
		Handler:           exp.handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(listener) }()
	logger.Info("listening", "address", listener.Addr().String(), "telemetry_path", cfg.telemetryPath, "origin", exp.origin, "version", fal.Version)

	select {
	case err := <-served:
		logger.Error("serving failed", "error", err)
		return 1
	case <-ctx.Done():
	}
	shutdownCtx, cancelShutdown := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancelShutdown()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		logger.Warn("shutdown cut scrapes short", "error", err)
	}
	logger.Info("stopped")
	return 0
}

// newLogger makes the structured logger of --log.level and --log.format.
func newLogger(cfg *config, w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.logLevel}
	if cfg.logFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// envClient is the client of fal's API (or FAL_BASE_URL's) with the key
// of the environment.
func envClient() (*fal.Client, error) {
	client, err := fal.NewClient(clientOptions()...)
	if err != nil {
		return nil, err
	}
	if !client.HasAPIKey() {
		return nil, errors.New("no API key: set FAL_KEY (or FAL_KEY_ID and FAL_KEY_SECRET), or try the exporter on fal's mock API with --mock")
	}
	return client, nil
}

// clientOptions configure the exporter's client: its User-Agent, and no
// retries, since each source retries on its own schedule (source.go).
func clientOptions() []fal.Option {
	return []fal.Option{
		fal.WithUserAgent(fmt.Sprintf("fal-exporter/%s (%s)", fal.Version, runtime.Version())),
		fal.WithMaxRetries(0),
	}
}
