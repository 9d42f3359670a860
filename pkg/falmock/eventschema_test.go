package falmock

import (
	"reflect"
	"strings"
	"testing"

	"github.com/falplatform/fal-go/api"
	"github.com/falplatform/fal-go/internal/normalize"
)

// TestEventSchemaFromHints finds the schema of the log stream's events
// where the hints and the name map say, and says clearly why when it
// cannot.
func TestEventSchemaFromHints(t *testing.T) {
	h, err := NewHandler()
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := normalize.ParseConfig(api.Names, api.Hints)
	if err != nil {
		t.Fatal(err)
	}
	with := func(events map[string]string, names map[string]string) normalize.Config {
		c := cfg
		c.Hints.Events, c.Names = events, names
		return c
	}
	tests := []struct {
		name    string
		cfg     normalize.Config
		mention string // in the error; empty for success
	}{
		{"the vendored hints and names", cfg, ""},
		{"no hint for the stream", with(map[string]string{}, cfg.Names), "the events of serverlessLogsStream have an empty schema and api/hints.yaml names none"},
		{"a name the map gives nowhere", with(map[string]string{"serverlessLogsStream": "LogLine"}, cfg.Names), "LogLine (api/hints.yaml), which api/names.yaml gives to no location"},
		{"a location of no operation", with(cfg.Hints.Events, map[string]string{"serverlessLogsGone.response.200.items[]": "LogEntry"}), "no operation serverlessLogsGone"},
		{"a location of no schema", with(cfg.Hints.Events, map[string]string{"serverlessLogsHistory.response.200.rows[]": "LogEntry"}), `nothing at "rows"`},
		{"a location that does not parse", with(cfg.Hints.Events, map[string]string{"serverlessLogsHistory.answer": "LogEntry"}), `unknown role "answer"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			es, err := h.spec.findEventSchema("serverlessLogsStream", tt.cfg)
			if tt.mention != "" {
				if err == nil || !strings.Contains(err.Error(), tt.mention) {
					t.Fatalf("error %v, want one that says %q", err, tt.mention)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if want := logEntrySchema(t, h.spec); es.schema != want {
				t.Errorf("found %v, want the items of the log history page", es.schema.Value)
			}
			if es.source != h.spec.byID["serverlessLogsHistory"] || strings.Join(es.steps, " ") != "items []" {
				t.Errorf("source %v steps %q, want serverlessLogsHistory's items", es.source, es.steps)
			}
		})
	}
}

func TestValueAt(t *testing.T) {
	page := map[string]any{"items": []any{map[string]any{"id": "a"}, map[string]any{"id": "b"}}, "by_app": map[string]any{"z": 1.0, "y": 2.0}, "empty": []any{}}
	for _, tt := range []struct {
		steps []string
		want  any
		ok    bool
	}{
		{[]string{"items", normalize.ItemsStep}, map[string]any{"id": "a"}, true},
		{[]string{"items", normalize.ItemsStep, "|0", "id"}, "a", true},
		{[]string{"by_app", normalize.ValuesStep}, 2.0, true},
		{[]string{"empty", normalize.ItemsStep}, nil, false},
		{[]string{"missing"}, nil, false},
	} {
		got, ok := valueAt(page, tt.steps)
		if ok != tt.ok || (ok && !reflect.DeepEqual(got, tt.want)) {
			t.Errorf("valueAt(%q) = %v, %v; want %v, %v", tt.steps, got, ok, tt.want, tt.ok)
		}
	}
}
