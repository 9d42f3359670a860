package falprom_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/falplatform/fal-go/pkg/fal"
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

// TestUnparsableMetricsKeepTheirText checks that the core call returns a
// metrics body that is not Prometheus text whole, and that Parse then
// reports the error while the text stays available.
func TestUnparsableMetricsKeepTheirText(t *testing.T) {
	tests := []struct {
		name, body string
	}{
		{"not metrics", "<html><body>metrics are down</body></html>\n"},
		{"cut mid-sample", "# TYPE fal_app_queue_size gauge\nfal_app_queue_size{app=\"my/app"},
		{"a type declared twice", "# TYPE up gauge\n# TYPE up counter\nup 1\n"},
		{"a value that is not a number", "fal_requests_total{application=\"my/app\"} ten\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/plain; version=0.0.4")
				io.WriteString(w, tt.body)
			}))
			defer srv.Close()
			c, err := fal.NewClient(fal.WithBaseURL(srv.URL+"/v1"), fal.WithAPIKey("k"), fal.WithHTTPClient(srv.Client()))
			if err != nil {
				t.Fatal(err)
			}
			m, err := c.ServerlessGetMetrics(t.Context())
			if err != nil {
				t.Fatalf("the core call failed on metrics it does not parse: %v", err)
			}
			if string(m.Text) != tt.body || m.ContentType != "text/plain; version=0.0.4" {
				t.Fatalf("got %q (%s), want the body as served", m.Text, m.ContentType)
			}
			families, err := falprom.Parse(m.Text)
			if err == nil || !strings.Contains(err.Error(), "falprom: parsing Prometheus text") {
				t.Fatalf("Parse gave %v and %d families, want its error", err, len(families))
			}
			if string(m.Text) != tt.body {
				t.Errorf("Parse changed the text to %q", m.Text)
			}
		})
	}
}
