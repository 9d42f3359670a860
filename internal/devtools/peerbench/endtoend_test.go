package peerbench

import (
	"os/exec"
	"strings"
	"testing"
)

// TestBenchPeersEndToEnd does what `make bench-peers` does, with one short
// round: it generates the ogen client, builds the tagged benchmark, checks
// that fal-go, ogen and the bare client decode every fixture alike, and
// prints the table. Compiling ogen's client takes minutes: -short skips it.
func TestBenchPeersEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and compiles an ogen client (minutes)")
	}
	gen := exec.Command("go", "run", "./cmd/peer-ogen")
	gen.Dir = ".."
	if out, err := gen.CombinedOutput(); err != nil {
		t.Fatalf("peer-ogen: %v\n%s", err, out)
	}
	bench := exec.Command("go", "run", "-tags", BuildTag, "./cmd/bench-peers", "-rounds", "1", "-sample", "1ms")
	bench.Dir = ".."
	out, err := bench.CombinedOutput()
	if err != nil {
		t.Fatalf("bench-peers: %v\n%s", err, out)
	}
	for _, op := range []string{"GetModels", "GetUsage", "GetAnalytics"} {
		_, rest, ok := strings.Cut(string(out), op+" (GET /v1")
		if !ok {
			t.Errorf("no table for %s in\n%s", op, out)
			continue
		}
		section, _, _ := strings.Cut(rest, "\n\n")
		for _, row := range []string{"fal-go ", "ogen ", "bare ", "fal-go/ogen ", "fal-go/bare ", "ogen/bare "} {
			if lineWith(section, row) == "" {
				t.Errorf("%s: no %q row in\n%s", op, row, out)
			}
		}
	}
}
