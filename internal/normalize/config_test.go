package normalize

import (
	"slices"
	"strings"
	"testing"

	"github.com/falplatform/fal-go/api"
)

func TestParseConfigOfTheVendoredFiles(t *testing.T) {
	cfg, err := ParseConfig(api.Names, api.Hints)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := cfg.LocationsOf("LogEntry"), []string{"serverlessLogsHistory.response.200.items[]"}; !slices.Equal(got, want) {
		t.Errorf("LocationsOf(LogEntry) = %q, want %q", got, want)
	}
	if got := cfg.LocationsOf("Error"); len(got) != 0 {
		t.Errorf("LocationsOf(Error) = %q: patterns name no one place", got)
	}
	if cfg.Hints.Events["serverlessLogsStream"] != "LogEntry" {
		t.Errorf("hints not read: %+v", cfg.Hints)
	}
}

func TestParseConfigNamesTheBadFile(t *testing.T) {
	for _, tt := range []struct {
		names, hints, mention string
	}{
		{"schemas: {x.response.200: ApiKey}", "events: {}", "names: \"x.response.200\""},
		{"schemas: [", "events: {}", "names: "},
		{"schemas: {}", "events: {x: Y}\nunknown: 1", "hints: "},
	} {
		if _, err := ParseConfig([]byte(tt.names), []byte(tt.hints)); err == nil || !strings.Contains(err.Error(), tt.mention) {
			t.Errorf("names %q hints %q: error %v, want one that says %q", tt.names, tt.hints, err, tt.mention)
		}
	}
}
