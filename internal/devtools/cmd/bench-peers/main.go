//go:build peerbench

// Command bench-peers measures fal-go's calls of GetModels, GetUsage and
// GetAnalytics against the same calls through an ogen client and through
// bare net/http + encoding/json, all served by one httptest server with the
// fixtures of package peerbench, and prints ns/op, CPU ns/op, B/op,
// allocs/op and their ratios. `make bench-peers` runs cmd/peer-ogen first,
// which generates the ogen client this program needs (hence the peerbench
// build tag):
//
//	go run ./cmd/peer-ogen && go run -tags peerbench ./cmd/bench-peers [-rounds 7] [-sample 400ms]
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime"
	"time"

	"github.com/falplatform/fal-go/internal/devtools/peerbench"
)

func main() {
	schemaPath := flag.String("schema", "../../gen/falapi/openapi.normalized.json", "the normalized schema the fixtures are built from")
	rounds := flag.Int("rounds", 7, "interleaved rounds; the table shows medians")
	sampleTime := flag.Duration("sample", 400*time.Millisecond, "about how long each client runs in each round")
	flag.Parse()
	if err := run(*schemaPath, peerbench.Settings{Rounds: *rounds, SampleTime: *sampleTime}); err != nil {
		fmt.Fprintln(os.Stderr, "bench-peers:", err)
		os.Exit(1)
	}
}

func run(schemaPath string, settings peerbench.Settings) error {
	schema, err := os.ReadFile(schemaPath)
	if err != nil {
		return err
	}
	fixtures, err := peerbench.Fixtures(schema)
	if err != nil {
		return err
	}
	srv := peerbench.NewServer(fixtures)
	defer srv.Close()
	fal, err := peerbench.FalClient(srv.URL, srv.Client())
	if err != nil {
		return err
	}
	ogen, err := ogenClient(srv.URL, srv.Client())
	if err != nil {
		return err
	}
	clients := []peerbench.Client{fal, ogen, peerbench.BareClient(srv.URL, srv.Client())}
	fmt.Printf("peer benchmark: fal-go vs ogen %s vs bare net/http + encoding/json (%s, GOMAXPROCS %d)\n",
		peerbench.OgenVersion(), runtime.Version(), runtime.GOMAXPROCS(0))
	fmt.Printf("ogen client: generated from %s with %s's anyOf read as oneOf, client features only\n", schemaPath, peerbench.OgenUnion)
	fmt.Printf("fixtures: the schema's examples with every optional property, checked to decode alike in all three clients\n")
	fmt.Printf("%d interleaved rounds of about %s per client; medians\n\n", settings.Rounds, settings.SampleTime)
	results, err := peerbench.Run(context.Background(), fixtures, clients, settings)
	if err != nil {
		return err
	}
	return peerbench.WriteReport(os.Stdout, results)
}
