package main

import (
	"errors"
	"io"
	"strings"
	"testing"
	"time"
)

func TestParseFlagsDefaults(t *testing.T) {
	cfg, err := parseFlags(nil, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.listenAddress != "127.0.0.1:10325" || cfg.telemetryPath != "/metrics" {
		t.Errorf("listens on %s%s, want 127.0.0.1:10325/metrics", cfg.listenAddress, cfg.telemetryPath)
	}
	for name, got := range map[string]sourceConfig{
		"usage": cfg.usage, "billing": cfg.billing, "pricing": cfg.pricing, "queues": cfg.queues, "app-metrics": cfg.appMetrics,
	} {
		if !got.enabled {
			t.Errorf("%s is off by default", name)
		}
	}
	if cfg.usage.interval != 5*time.Minute || cfg.queues.interval != 15*time.Second {
		t.Errorf("usage every %v, queues every %v; want minutes and seconds", cfg.usage.interval, cfg.queues.interval)
	}
	if got := cfg.usageStart(testNow.In(cfg.timezone)); !got.Equal(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("the default window starts at %v, want the start of the month", got)
	}
}

func TestParseFlagsRejects(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--bogus"}, "flag provided but not defined: -bogus"},
		{[]string{"serve"}, `unexpected argument "serve"`},
		{[]string{"--log.level=loud"}, `--log.level "loud": want debug, info, warn or error`},
		{[]string{"--log.format=xml"}, `--log.format "xml": want logfmt or json`},
		{[]string{"--web.telemetry-path=metrics"}, `--web.telemetry-path "metrics"`},
		{[]string{"--web.telemetry-path=/"}, `--web.telemetry-path "/"`},
		{[]string{"--web.telemetry-path=/{name}"}, `--web.telemetry-path "/{name}"`},
		{[]string{"--fal.timeout=0s"}, "--fal.timeout 0s: must be positive"},
		{[]string{"--queues.interval=500ms"}, "--queues.interval 500ms: must be at least 1s"},
		{[]string{"--usage.interval=0s"}, "--usage.interval 0s: must be at least 1s"},
		{[]string{"--usage.interval=soon"}, `invalid value "soon" for flag -usage.interval`},
		{[]string{"--usage.top-endpoints=0"}, "--usage.top-endpoints 0: must be at least 1"},
		{[]string{"--queues.max-apps=-1"}, "--queues.max-apps -1: must be at least 1"},
		{[]string{"--usage.window=year"}, `--usage.window "year": want "month", "day" or a positive length`},
		{[]string{"--usage.window=-3d"}, `--usage.window "-3d"`},
		{[]string{"--usage.timezone=Mars/Olympus"}, `--usage.timezone "Mars/Olympus"`},
		{[]string{"--usage.timezone=Local"}, `--usage.timezone "Local"`},
		{[]string{"--pricing.endpoints=flux"}, `--pricing.endpoints: "flux" is not an endpoint ID`},
		{[]string{"--queues.apps=me/app,nobody"}, `--queues.apps: "nobody" is not an app as owner/name`},
		{[]string{"--queues.apps=me/a/b"}, `--queues.apps: "me/a/b" is not an app as owner/name`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			_, err := parseFlags(tt.args, io.Discard)
			var usage *usageError
			if !errors.As(err, &usage) {
				t.Fatalf("error %v, want a usage error", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want it to say %q", err, tt.want)
			}
		})
	}
}

func TestParseFlagsLists(t *testing.T) {
	cfg, err := parseFlags([]string{
		"--pricing.endpoints= fal-ai/flux/dev,,fal-ai/veo3,fal-ai/flux/dev",
		"--queues.apps=me/one, me/two",
	}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(cfg.pricingEndpoints, " "); got != "fal-ai/flux/dev fal-ai/veo3" {
		t.Errorf("pricing endpoints %q", got)
	}
	if len(cfg.queueApps) != 2 || cfg.queueApps[0].String() != "me/one" || cfg.queueApps[1].String() != "me/two" {
		t.Errorf("queue apps %v", cfg.queueApps)
	}
}

func TestParseWindow(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 3, 17, 1, 30, 0, 0, berlin)
	tests := []struct {
		window string
		want   time.Time
	}{
		{"month", time.Date(2026, 3, 1, 0, 0, 0, 0, berlin)},
		{"day", time.Date(2026, 3, 17, 0, 0, 0, 0, berlin)},
		{"24h", now.Add(-24 * time.Hour)},
		{"90m", now.Add(-90 * time.Minute)},
		{"7d", now.Add(-7 * 24 * time.Hour)},
	}
	for _, tt := range tests {
		start, err := parseWindow(tt.window)
		if err != nil {
			t.Fatalf("%s: %v", tt.window, err)
		}
		if got := start(now); !got.Equal(tt.want) {
			t.Errorf("window %s starts at %v, want %v", tt.window, got, tt.want)
		}
	}
}
