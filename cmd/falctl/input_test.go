package main

import (
	"strings"
	"testing"

	"github.com/falplatform/fal-go/pkg/falmock"
)

// badInputs are command lines that falctl refuses before any call, with
// exit code 2 and what it would accept.
var badInputs = []commandTest{
	{name: "usage-since-in-future", args: []string{"usage", "--since", "2025-02-02"}},
	{name: "usage-until-before-since", args: []string{"analytics", "fal-ai/flux/dev", "--since", "2025-01-10", "--until", "2025-01-03"}},
	{name: "usage-billing-events-too-long", args: []string{"billing-events", "--since", "91d"}},
	{name: "usage-billing-events-window-too-long", args: []string{"billing-events", "--since", "2024-01-01", "--until", "2024-06-01"}},
	{name: "usage-bad-status", args: []string{"models", "--status", "retired"}},
	{name: "usage-bad-request-status", args: []string{"requests", "list", "fal-ai/flux/dev", "--status", "failed"}},
	{name: "usage-bad-timeframe", args: []string{"usage", "--timeframe", "fortnight"}},
	{name: "usage-bad-metrics", args: []string{"analytics", "fal-ai/flux/dev", "--metrics", "request_count,p42_duration"}},
	{name: "usage-bad-level", args: []string{"logs", "tail", "--level", "loud"}},
	{name: "usage-create-bad-type", args: []string{"compute", "instances", "create", "--type", "gpu_2x_a100", "--ssh-key", "ssh-ed25519 AAAA"}},
	{name: "usage-create-bad-sector", args: []string{"compute", "instances", "create", "--type", "gpu_8x_h100_sxm5", "--sector", "sector_9", "--ssh-key", "ssh-ed25519 AAAA"}},
	{name: "usage-bad-estimate-by", args: []string{"estimate", "fal-ai/flux/dev=1", "--by", "dollars"}},
	{name: "usage-negative-estimate", args: []string{"estimate", "fal-ai/flux/dev=-3"}},
	{name: "usage-negative-calls", args: []string{"estimate", "fal-ai/flux/dev=-3", "--by", "calls"}},
	{name: "usage-fractional-calls", args: []string{"estimate", "fal-ai/flux/dev=1.5", "--by", "calls"}},
	{name: "usage-zero-estimate", args: []string{"estimate", "fal-ai/flux/dev=0"}},
	{name: "usage-estimate-not-a-number", args: []string{"estimate", "fal-ai/flux/dev=NaN"}},
}

// TestBadInput checks each bad command line against its golden file and
// that the server received nothing, then runs it with --mock and checks
// that the mock was not even started.
func TestBadInput(t *testing.T) {
	tests := make([]commandTest, len(badInputs))
	for i, tt := range badInputs {
		tt.check = func(t *testing.T, srv *falmock.Server) {
			if n := len(srv.Requests()); n != 0 {
				t.Errorf("the server received %d requests", n)
			}
		}
		tests[i] = tt
	}
	runCommandTests(t, tests)
	for _, tt := range badInputs {
		r := falctl(t, session{}, append([]string{"--mock"}, tt.args...)...)
		if r.code != exitUsage || r.started || !strings.Contains(r.stderr, "Run 'falctl ") {
			t.Errorf("falctl --mock %s: exit %d, mock started %v, stderr %q; want exit 2 before the mock starts",
				strings.Join(tt.args, " "), r.code, r.started, r.stderr)
		}
	}
}
