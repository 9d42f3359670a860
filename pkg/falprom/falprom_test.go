package falprom_test

import (
	"strings"
	"testing"

	"github.com/falplatform/fal-go/pkg/falprom"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		family  string
		samples int
		wantErr string
	}{
		{"gauge", "# TYPE fal_app_queue_size gauge\nfal_app_queue_size{app=\"a\"} 3\nfal_app_queue_size{app=\"b\"} 0\n", "fal_app_queue_size", 2, ""},
		{"no final newline", "# TYPE up gauge\nup 1", "up", 1, ""},
		{"utf-8 names", "{\"fal.requests\",app=\"a\"} 7\n", "fal.requests", 1, ""},
		{"garbage", "not metrics {{{\n", "", 0, "parsing Prometheus text"},
		{"labels without a name after a TYPE line", "#TYPE A \n{}", "", 0, "parsing Prometheus text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			families, err := falprom.Parse([]byte(tt.text))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := len(families[tt.family].GetMetric()); got != tt.samples {
				t.Errorf("family %s has %d samples, want %d (families %v)", tt.family, got, tt.samples, families)
			}
		})
	}
}
