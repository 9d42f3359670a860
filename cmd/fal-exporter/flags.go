package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"time"
)

// defaultListenAddress is where the exporter listens unless told
// otherwise: loopback only, on a port outside the Prometheus wiki's
// allocations (its 9100-9999 range is full; see the README).
const defaultListenAddress = "127.0.0.1:10325"

// config is what the command line asks for. The API key is not part of it:
// it comes from the environment only (FAL_KEY, or FAL_KEY_ID and
// FAL_KEY_SECRET), read by fal.NewClient.
type config struct {
	listenAddress string
	telemetryPath string
	logLevel      slog.Level
	logFormat     string
	showVersion   bool
	mock          bool
	timeout       time.Duration

	usage      sourceConfig
	usageTopN  int
	usageStart windowStart
	timezone   *time.Location

	billing sourceConfig

	pricing          sourceConfig
	pricingEndpoints []string

	queues       sourceConfig
	queueApps    []appRef
	queueMaxApps int

	appMetrics sourceConfig
}

// sourceConfig says whether a source runs and how often it refreshes.
type sourceConfig struct {
	enabled  bool
	interval time.Duration
}

// appRef names a serverless app as its owner and name.
type appRef struct{ owner, name string }

// String gives the app as "owner/name", its endpoint_id.
func (a appRef) String() string { return a.owner + "/" + a.name }

// logLevels are the values of --log.level.
var logLevels = map[string]slog.Level{"debug": slog.LevelDebug, "info": slog.LevelInfo, "warn": slog.LevelWarn, "error": slog.LevelError}

// usageError is a problem with the command line: nothing was started.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// parseFlags reads the command line into a config, checking every value
// before anything starts. Help goes to out.
func parseFlags(args []string, out io.Writer) (*config, error) {
	cfg := &config{}
	fs := flag.NewFlagSet("fal-exporter", flag.ContinueOnError)
	fs.SetOutput(out)
	fs.Usage = func() { printUsage(fs, out) }

	var (
		logLevel, window, timezone, pricingEndpoints, queueApps string
	)
	fs.StringVar(&cfg.listenAddress, "web.listen-address", defaultListenAddress, "address to serve the metrics and the landing page on")
	fs.StringVar(&cfg.telemetryPath, "web.telemetry-path", "/metrics", "path under which to expose the metrics")
	fs.StringVar(&logLevel, "log.level", "info", "log level: debug, info, warn or error")
	fs.StringVar(&cfg.logFormat, "log.format", "logfmt", "log format: logfmt or json")
	fs.BoolVar(&cfg.showVersion, "version", false, "print the version and exit")
	fs.BoolVar(&cfg.mock, "mock", false, "serve fal's mock API in-process and read it (no key, no network)")
	fs.DurationVar(&cfg.timeout, "fal.timeout", time.Minute, "time limit of one refresh of a source, all its calls included")

	fs.BoolVar(&cfg.usage.enabled, "collector.usage", true, "collect usage and cost per endpoint (GetUsage, admin key)")
	fs.DurationVar(&cfg.usage.interval, "usage.interval", 5*time.Minute, "how often to refresh usage and cost")
	fs.StringVar(&window, "usage.window", "month", `usage window: "month" (month to date), "day" (today), or a length such as 24h or 7d`)
	fs.StringVar(&timezone, "usage.timezone", "UTC", "time zone of the window's start (IANA name), also sent to fal for bucketing")
	fs.IntVar(&cfg.usageTopN, "usage.top-endpoints", 20, `endpoints exported by name, the costliest first; the rest are summed as endpoint="other"`)

	fs.BoolVar(&cfg.billing.enabled, "collector.billing", true, "collect the account's credit balance (GetAccountBilling, admin key)")
	fs.DurationVar(&cfg.billing.interval, "billing.interval", 5*time.Minute, "how often to refresh the credit balance")

	fs.BoolVar(&cfg.pricing.enabled, "collector.pricing", true, "collect unit prices of the endpoints of --pricing.endpoints (GetPricing)")
	fs.DurationVar(&cfg.pricing.interval, "pricing.interval", time.Hour, "how often to refresh unit prices")
	fs.StringVar(&pricingEndpoints, "pricing.endpoints", "", "comma-separated endpoint IDs to export unit prices of, e.g. fal-ai/flux/dev")

	fs.BoolVar(&cfg.queues.enabled, "collector.queues", true, "collect the queue size of serverless apps (ServerlessGetAppQueueInfo)")
	fs.DurationVar(&cfg.queues.interval, "queues.interval", 15*time.Second, "how often to refresh queue sizes")
	fs.StringVar(&queueApps, "queues.apps", "", "comma-separated apps as owner/name; empty means every app of the account")
	fs.IntVar(&cfg.queueMaxApps, "queues.max-apps", 100, "most apps whose queues are exported when --queues.apps is empty")

	fs.BoolVar(&cfg.appMetrics.enabled, "collector.app-metrics", true, "re-expose the Prometheus metrics fal serves for your apps (ServerlessGetMetrics)")
	fs.DurationVar(&cfg.appMetrics.interval, "app-metrics.interval", 30*time.Second, "how often to refresh the apps' metrics")

	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, err
		}
		return nil, &usageError{msg: err.Error()}
	}
	if fs.NArg() > 0 {
		return nil, usagef("unexpected argument %q: fal-exporter takes flags only", fs.Arg(0))
	}
	if cfg.showVersion {
		return cfg, nil
	}
	return cfg, cfg.check(logLevel, window, timezone, pricingEndpoints, queueApps)
}

// check validates the values parseFlags could not type-check and fills
// in the parsed forms.
func (cfg *config) check(logLevel, window, timezone, pricingEndpoints, queueApps string) error {
	level, ok := logLevels[logLevel]
	if !ok {
		return usagef("--log.level %q: want debug, info, warn or error", logLevel)
	}
	cfg.logLevel = level
	if cfg.logFormat != "logfmt" && cfg.logFormat != "json" {
		return usagef("--log.format %q: want logfmt or json", cfg.logFormat)
	}
	if !strings.HasPrefix(cfg.telemetryPath, "/") || cfg.telemetryPath == "/" || strings.ContainsAny(cfg.telemetryPath, "{} \t?#") {
		return usagef("--web.telemetry-path %q: want a path such as /metrics (not /, which is the landing page)", cfg.telemetryPath)
	}
	if cfg.timeout <= 0 {
		return usagef("--fal.timeout %v: must be positive", cfg.timeout)
	}
	for _, iv := range []struct {
		flag string
		d    time.Duration
	}{
		{"--usage.interval", cfg.usage.interval},
		{"--billing.interval", cfg.billing.interval},
		{"--pricing.interval", cfg.pricing.interval},
		{"--queues.interval", cfg.queues.interval},
		{"--app-metrics.interval", cfg.appMetrics.interval},
	} {
		if iv.d < time.Second {
			return usagef("%s %v: must be at least 1s", iv.flag, iv.d)
		}
	}
	if cfg.usageTopN < 1 {
		return usagef("--usage.top-endpoints %d: must be at least 1", cfg.usageTopN)
	}
	if cfg.queueMaxApps < 1 {
		return usagef("--queues.max-apps %d: must be at least 1", cfg.queueMaxApps)
	}
	start, err := parseWindow(window)
	if err != nil {
		return err
	}
	cfg.usageStart = start
	if cfg.timezone, err = time.LoadLocation(timezone); err != nil || timezone == "" || timezone == "Local" {
		return usagef("--usage.timezone %q: want an IANA time zone name such as UTC or Europe/Berlin", timezone)
	}
	for _, id := range splitList(pricingEndpoints) {
		if strings.Count(id, "/") < 1 || strings.HasPrefix(id, "/") || strings.HasSuffix(id, "/") {
			return usagef("--pricing.endpoints: %q is not an endpoint ID such as fal-ai/flux/dev", id)
		}
		cfg.pricingEndpoints = append(cfg.pricingEndpoints, id)
	}
	for _, s := range splitList(queueApps) {
		owner, name, ok := strings.Cut(s, "/")
		if !ok || owner == "" || name == "" || strings.Contains(name, "/") {
			return usagef("--queues.apps: %q is not an app as owner/name", s)
		}
		cfg.queueApps = append(cfg.queueApps, appRef{owner: owner, name: name})
	}
	return nil
}

// splitList splits a comma-separated flag value, dropping blanks and
// repeats.
func splitList(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part != "" && !slices.Contains(out, part) {
			out = append(out, part)
		}
	}
	return out
}

// windowStart gives the start of the usage window for a time.
type windowStart func(now time.Time) time.Time

// parseWindow reads --usage.window: "month" (month to date), "day"
// (today) or a length (24h, 90m, 7d).
func parseWindow(s string) (windowStart, error) {
	switch s {
	case "month":
		return func(now time.Time) time.Time {
			return time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, now.Location())
		}, nil
	case "day":
		return func(now time.Time) time.Time {
			return time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
		}, nil
	}
	d, err := parseLength(s)
	if err != nil || d <= 0 {
		return nil, usagef(`--usage.window %q: want "month", "day" or a positive length such as 24h or 7d`, s)
	}
	return func(now time.Time) time.Time { return now.Add(-d) }, nil
}

// parseLength reads a Go duration, or a number of days as "7d".
func parseLength(s string) (time.Duration, error) {
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil {
			return 0, err
		}
		return time.Duration(n) * 24 * time.Hour, nil
	}
	return time.ParseDuration(s)
}

// printUsage writes the help of fal-exporter.
func printUsage(fs *flag.FlagSet, out io.Writer) {
	var b strings.Builder
	b.WriteString(`fal-exporter serves fal's spend, usage, prices, app queues and app metrics
to Prometheus. It reads fal in the background, each source on its own
interval, and answers every scrape from the last values at once.

The API key comes from the environment only: FAL_KEY, or FAL_KEY_ID and
FAL_KEY_SECRET. Usage and the credit balance need an admin key; with a
plain key they are skipped. --mock serves fal's mock API in-process and
needs no key. Turn a source off with --collector.NAME=false.

Usage:
  fal-exporter [flags]

Examples:
  fal-exporter --mock
  FAL_KEY=... fal-exporter --pricing.endpoints=fal-ai/flux/dev --queues.apps=me/my-app

Flags:
`)
	fs.VisitAll(func(f *flag.Flag) {
		b.WriteString("  --" + f.Name)
		if name, _ := flag.UnquoteUsage(f); name != "" {
			b.WriteString("=" + name)
		}
		b.WriteString("\n      " + f.Usage)
		if f.DefValue != "" && f.DefValue != "false" {
			b.WriteString(" (default " + f.DefValue + ")")
		}
		b.WriteString("\n")
	})
	_, _ = io.WriteString(out, b.String())
}
