package main

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/falplatform/fal-go/pkg/falmock"
)

// commandTest is one run of falctl against a fresh mock server, compared
// with its golden file.
type commandTest struct {
	name    string
	args    []string
	server  []falmock.Option
	faults  map[string]falmock.Fault // by operationId
	session session
	// check, if set, looks at what the server received.
	check func(t *testing.T, srv *falmock.Server)
}

func runCommandTests(t *testing.T, tests []commandTest) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := falmock.NewServer(tt.server...)
			defer srv.Close()
			for op, f := range tt.faults {
				if err := srv.Inject(op, f); err != nil {
					t.Fatal(err)
				}
			}
			r := againstServer(t, srv, tt.session, tt.args...)
			checkGolden(t, tt.name, r)
			if tt.check != nil {
				tt.check(t, srv)
			}
			for _, err := range srv.Failures() {
				t.Errorf("falmock: %v", err)
			}
		})
	}
}

// query returns the query of the first request of operation op.
func query(t *testing.T, srv *falmock.Server, op string) url.Values {
	t.Helper()
	reqs := srv.RequestsFor(op)
	if len(reqs) == 0 {
		t.Fatalf("no %s request", op)
	}
	return reqs[0].Query
}

// wantQuery checks query parameters of the first request of op.
func wantQuery(op string, want url.Values) func(*testing.T, *falmock.Server) {
	return func(t *testing.T, srv *falmock.Server) {
		got := query(t, srv, op)
		for name, values := range want {
			if !slices.Equal(got[name], values) {
				t.Errorf("%s: query %s = %q, want %q", op, name, got[name], values)
			}
		}
	}
}

// wantRequests checks how many requests op received.
func wantRequests(op string, n int) func(*testing.T, *falmock.Server) {
	return func(t *testing.T, srv *falmock.Server) {
		if got := len(srv.RequestsFor(op)); got != n {
			t.Errorf("%s received %d requests, want %d", op, got, n)
		}
	}
}

func TestCommands(t *testing.T) {
	runCommandTests(t, []commandTest{
		{name: "pricing", args: []string{"pricing", "fal-ai/flux/dev"},
			check: wantQuery("getPricing", url.Values{"endpoint_id": {"fal-ai/flux/dev"}})},
		{name: "pricing-json", args: []string{"--output", "json", "pricing", "fal-ai/flux/dev"}},
		{name: "pricing-csv", args: []string{"-o", "csv", "pricing", "fal-ai/flux/dev"}},
		{name: "pricing-two-endpoints", args: []string{"pricing", "fal-ai/flux/dev", "fal-ai/flux/schnell"}},

		{name: "models", args: []string{"models"}, check: wantRequests("getModels", 3)},
		{name: "models-search", args: []string{"models", "flux", "--category", "text-to-image", "--status", "active", "--limit", "3"},
			check: func(t *testing.T, srv *falmock.Server) {
				wantQuery("getModels", url.Values{"q": {"flux"}, "category": {"text-to-image"}, "status": {"active"}})(t, srv)
				wantRequests("getModels", 2)(t, srv) // the third item is on page 2
			}},
		{name: "models-json", args: []string{"-o", "json", "models", "--limit", "2"}},
		{name: "models-upscale", args: []string{"models", "upscale", "--limit", "3"}},
		{name: "models-csv", args: []string{"-o", "csv", "models", "--limit", "3"}},

		{name: "estimate", args: []string{"estimate", "fal-ai/flux/dev=100", "fal-ai/flux/schnell=2.5"}},
		{name: "estimate-calls-json", args: []string{"-o", "json", "estimate", "fal-ai/flux/dev=100", "--by", "calls"}},

		{name: "usage", args: []string{"usage", "--since", "7d", "--until", "2025-02-01", "--endpoint", "fal-ai/flux/dev", "--timeframe", "day"},
			check: wantQuery("getUsage", url.Values{
				"start": {"2025-01-25T12:00:00Z"}, "end": {"2025-02-01"}, "endpoint_id": {"fal-ai/flux/dev"},
				"timeframe": {"day"}, "expand": {"time_series"},
			})},
		{name: "usage-json", args: []string{"-o", "json", "usage"}},
		{name: "usage-csv", args: []string{"-o", "csv", "usage"}},
		{name: "usage-summary", args: []string{"usage", "--summary", "--since", "2025-01-01T00:00:00Z"},
			check: wantQuery("getUsage", url.Values{"start": {"2025-01-01T00:00:00Z"}, "expand": {"summary"}})},

		{name: "analytics", args: []string{"analytics", "fal-ai/flux/dev"},
			check: wantQuery("getAnalytics", url.Values{
				"endpoint_id": {"fal-ai/flux/dev"},
				"expand":      {"time_series", "request_count", "success_count", "error_count", "p50_duration", "p90_duration"},
			})},
		{name: "analytics-summary-csv", args: []string{"-o", "csv", "analytics", "fal-ai/flux/dev", "--summary", "--metrics", "request_count,p99_duration"}},

		{name: "billing-events", args: []string{"billing-events", "--limit", "3"}},
		{name: "billing-events-csv", args: []string{"-o", "csv", "billing-events", "--endpoint", "fal-ai/flux/dev", "--request-id", "abc"},
			check: wantQuery("getBillingEvents", url.Values{"endpoint_id": {"fal-ai/flux/dev"}, "request_id": {"abc"}})},

		{name: "requests-list", args: []string{"requests", "list", "fal-ai/flux/dev", "--status", "error", "--limit", "2"},
			check: wantQuery("listRequestsByEndpoint", url.Values{"endpoint_id": {"fal-ai/flux/dev"}, "status": {"error"}})},
		{name: "requests-search-json", args: []string{"-o", "json", "requests", "search", "cat astronaut", "--limit", "1"},
			check: wantQuery("searchRequests", url.Values{"query": {"cat astronaut"}})},

		{name: "logs-history", args: []string{"logs", "history", "--app", "my-app", "--level", "error", "--limit", "3"},
			check: wantQuery("serverlessLogsHistory", url.Values{"app_id": {"my-app"}, "level": {"error"}})},
		{name: "logs-history-json", args: []string{"-o", "json", "logs", "history", "--limit", "1"}},
		{name: "logs-tail", args: []string{"logs", "tail", "--app", "my-app"},
			check: wantQuery("serverlessLogsStream", url.Values{"app_id": {"my-app"}})},
		{name: "logs-tail-json", args: []string{"-o", "json", "logs", "tail"}},
		{name: "logs-tail-csv", args: []string{"-o", "csv", "logs", "tail"}},

		{name: "files-ls", args: []string{"files", "ls"}},
		{name: "files-ls-dir-json", args: []string{"-o", "json", "files", "ls", "datasets/"},
			check: wantRequests("serverlessListDirectory", 1)},

		{name: "apps-queue", args: []string{"apps", "queue", "my-user/my-app"}},
		{name: "apps-queue-json", args: []string{"-o", "json", "apps", "queue", "my-user/my-app"}},

		{name: "compute-list", args: []string{"compute", "instances", "list"}},
		{name: "compute-get", args: []string{"compute", "instances", "get", "inst_abc123xyz"}},
		{name: "compute-get-json", args: []string{"-o", "json", "compute", "instances", "get", "inst_abc123xyz"}},
		{name: "compute-create", args: []string{"compute", "instances", "create", "--type", "gpu_8x_h100_sxm5", "--sector", "sector_2", "--ssh-key", "ssh-ed25519 AAAAC3Nza me"}},

		{name: "compute-create-key-file", args: []string{"-o", "csv", "compute", "instances", "create", "--type", "gpu_1x_h100_sxm5", "--ssh-key-file", "testdata/id_ed25519.pub"},
			check: func(t *testing.T, srv *falmock.Server) {
				reqs := srv.RequestsFor("createComputeInstance")
				want := `"ssh_key":"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyForFalctlTestsOnly falctl@test"`
				if len(reqs) != 1 {
					t.Fatalf("%d create requests, want 1", len(reqs))
				}
				if !strings.Contains(string(reqs[0].Body), want) {
					t.Errorf("create body %s; want the key of the file", reqs[0].Body)
				}
			}},

		{name: "keys-list", args: []string{"keys", "list"}},
		{name: "keys-create", args: []string{"keys", "create", "ci-pipeline"}},
		{name: "keys-create-json", args: []string{"-o", "json", "keys", "create", "ci-pipeline"}},
	})
}
