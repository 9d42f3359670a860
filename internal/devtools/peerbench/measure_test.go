package peerbench

import (
	"context"
	"slices"
	"testing"
	"time"
)

// sink keeps the test clients' allocations on the heap.
var sink []byte

// TestRunInterleaves records the order of the calls: after calibration,
// every round runs each client once, in the given order.
func TestRunInterleaves(t *testing.T) {
	f := Fixture{Operation: "GetThing", Body: []byte(`{"n":1}`)}
	var order []string
	client := func(name string, size int) Client {
		return Client{Name: name, Calls: map[string]Call{"GetThing": func(context.Context) (any, error) {
			order = append(order, name)
			sink = make([]byte, size)
			return map[string]int{"n": 1}, nil
		}}}
	}
	clients := []Client{client("a", 1<<10), client("b", 8<<10), client("c", 64<<10)}
	results, err := Run(context.Background(), []Fixture{f}, clients, Settings{Rounds: 3, SampleTime: 2 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	// Runs of one client: the agreement check, the calibrations, then 3 rounds.
	runs := slices.Compact(slices.Clone(order))
	want := []string{"a", "b", "c", "a", "b", "c", "a", "b", "c", "a", "b", "c", "a", "b", "c"}
	if !slices.Equal(runs, want) {
		t.Fatalf("clients ran in the order %v, want %v", runs, want)
	}
	if len(results) != 1 || !slices.Equal(results[0].Clients, []string{"a", "b", "c"}) {
		t.Fatalf("results %+v", results)
	}
	for i, fig := range results[0].Figures {
		size := float64(int(1) << (10 + 3*i))
		if fig.NsPerOp <= 0 || fig.AllocsPerOp < 1 || fig.BytesPerOp < size || fig.BytesPerOp > 2*size {
			t.Errorf("client %s: figures %+v, want time, an allocation and %v to %v bytes per call", results[0].Clients[i], fig, size, 2*size)
		}
	}
}

func TestRunRefusesBadSettings(t *testing.T) {
	for _, s := range []Settings{{Rounds: 0, SampleTime: time.Second}, {Rounds: 3}} {
		if _, err := Run(context.Background(), nil, nil, s); err == nil {
			t.Errorf("Run accepted %+v", s)
		}
	}
}
