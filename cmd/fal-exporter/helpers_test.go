package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/prometheus/common/expfmt"
	"go.uber.org/goleak"

	"github.com/falplatform/fal-go/pkg/fal"
	"github.com/falplatform/fal-go/pkg/falmock"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// testKey is the FAL_KEY of every test: no output may ever show it.
const testKey = "fal-key-id:MARKER-secret-that-must-never-be-printed"

// testNow is the time on the fake clock of the tests.
var testNow = time.Date(2026, 3, 17, 9, 30, 0, 0, time.UTC)

func TestMain(m *testing.M) {
	for _, name := range []string{"FAL_KEY_ID", "FAL_KEY_SECRET", "FAL_BASE_URL"} {
		_ = os.Unsetenv(name)
	}
	_ = os.Setenv("FAL_KEY", testKey)
	goleak.VerifyTestMain(m)
}

// syncBuffer is a buffer that goroutines may write while a test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// fakeClock stands still at a time the test sets; after reports each wait
// asked for on waits and fires only when the test sends on fire.
type fakeClock struct {
	mu    sync.Mutex
	t     time.Time
	waits chan time.Duration
	fire  chan time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: testNow, waits: make(chan time.Duration, 16), fire: make(chan time.Time)}
}

func (c *fakeClock) clock() clock {
	return clock{
		now: func() time.Time {
			c.mu.Lock()
			defer c.mu.Unlock()
			return c.t
		},
		after: func(d time.Duration) <-chan time.Time {
			c.waits <- d
			return c.fire
		},
	}
}

// testExporter is an exporter on a fake clock, configured by command-line
// flags as fal-exporter would be, with its logs kept.
type testExporter struct {
	*exporter
	clock *fakeClock
	logs  *syncBuffer
}

// newTestExporter makes an exporter reading fal through client, with the
// flags in args on top of the defaults and debug logs in JSON.
func newTestExporter(t testing.TB, client *fal.Client, args ...string) *testExporter {
	t.Helper()
	cfg, err := parseFlags(append([]string{"--log.level=debug", "--log.format=json"}, args...), io.Discard)
	if err != nil {
		t.Fatalf("flags %q: %v", args, err)
	}
	logs := &syncBuffer{}
	clk := newFakeClock()
	e := newExporter(cfg, client, newLogger(cfg, logs), clk.clock())
	return &testExporter{exporter: e, clock: clk, logs: logs}
}

// falmockClient is a client of srv configured as the exporter's.
func falmockClient(srv *falmock.Server, opts ...fal.Option) *fal.Client {
	return srv.Client(append(clientOptions(), opts...)...)
}

// source returns the exporter's source of that name.
func (e *testExporter) source(t *testing.T, name string) refresher {
	t.Helper()
	for _, s := range e.sources {
		if s.health().name == name {
			return s
		}
	}
	t.Fatalf("no source %q", name)
	return nil
}

// refreshAll refreshes every source once and fails the test when one did
// not succeed.
func (e *testExporter) refreshAll(t testing.TB) {
	t.Helper()
	for _, s := range e.sources {
		s.refresh(context.Background())
		if h := s.health(); !h.up {
			t.Fatalf("source %s is down after a refresh; logs:\n%s", h.name, e.logs)
		}
	}
}

// scrape is the text exposition of the families names, as a scrape shows
// them.
func (e *testExporter) scrape(t *testing.T, names ...string) string {
	t.Helper()
	families, err := e.gatherer().Gather()
	if err != nil {
		t.Fatalf("gathering: %v", err)
	}
	var b strings.Builder
	enc := expfmt.NewEncoder(&b, expfmt.NewFormat(expfmt.TypeTextPlain))
	for _, mf := range families {
		if slices.Contains(names, mf.GetName()) {
			if err := enc.Encode(mf); err != nil {
				t.Fatalf("encoding %s: %v", mf.GetName(), err)
			}
		}
	}
	return b.String()
}

// series gives the value of every series of the family name, by its
// labels written as in the text format (`a="x",b="y"`).
func (e *testExporter) series(t *testing.T, name string) map[string]float64 {
	t.Helper()
	families, err := e.gatherer().Gather()
	if err != nil {
		t.Fatalf("gathering: %v", err)
	}
	out := map[string]float64{}
	for _, mf := range families {
		if mf.GetName() != name {
			continue
		}
		for _, m := range mf.Metric {
			var labels []string
			for _, l := range m.Label {
				labels = append(labels, fmt.Sprintf("%s=%q", l.GetName(), l.GetValue()))
			}
			out[strings.Join(labels, ",")] = sampleValue(m)
		}
	}
	return out
}

// checkExposition compares what a scrape of the families names shows with
// the text format in want.
func (e *testExporter) checkExposition(t *testing.T, want string, names ...string) {
	t.Helper()
	if err := testutil.GatherAndCompare(e.gatherer(), strings.NewReader(want), names...); err != nil {
		t.Error(err)
	}
}
