package peerbench

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"time"
)

// Settings say how long and how often each client is measured.
type Settings struct {
	// Rounds is the number of interleaved rounds (A B C, A B C, ...); the
	// report gives the median of each figure over the rounds.
	Rounds int
	// SampleTime is about how long one client runs in one round.
	SampleTime time.Duration
}

// Figures are the cost of one call, averaged over a sample or the median
// of the rounds' samples.
type Figures struct {
	// NsPerOp is wall time per call.
	NsPerOp float64
	// CPUNsPerOp is the process's CPU time (user + system, all threads:
	// client, server, GC) per call.
	CPUNsPerOp float64
	// BytesPerOp and AllocsPerOp are heap bytes and allocations per call,
	// as testing.B reports them.
	BytesPerOp  float64
	AllocsPerOp float64
}

// Result is one fixture's figures, per client in the order given to Run.
type Result struct {
	Fixture Fixture
	Clients []string
	Figures []Figures
}

// Run checks that the clients agree on each fixture (see Agree), then
// measures them in rounds: in each round every client runs once, in the
// order given, for about SampleTime, so that drift of the machine hits all
// alike. It returns the medians of each figure.
func Run(ctx context.Context, fixtures []Fixture, clients []Client, s Settings) ([]Result, error) {
	if s.Rounds < 1 || s.SampleTime <= 0 {
		return nil, fmt.Errorf("rounds must be at least 1 and the sample time positive, got %d and %s", s.Rounds, s.SampleTime)
	}
	var out []Result
	for _, f := range fixtures {
		if err := Agree(ctx, f, clients); err != nil {
			return nil, err
		}
		r, err := measureFixture(ctx, f, clients, s)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

func measureFixture(ctx context.Context, f Fixture, clients []Client, s Settings) (Result, error) {
	calls := make([]Call, len(clients))
	iterations := make([]int, len(clients))
	for i, c := range clients {
		calls[i] = c.Calls[f.Operation]
		n, err := calibrate(ctx, calls[i], s.SampleTime)
		if err != nil {
			return Result{}, fmt.Errorf("%s %s: %w", c.Name, f.Operation, err)
		}
		iterations[i] = n
	}
	samples := make([][]Figures, len(clients))
	for range s.Rounds {
		for i := range clients {
			fig, err := sample(ctx, calls[i], iterations[i])
			if err != nil {
				return Result{}, fmt.Errorf("%s %s: %w", clients[i].Name, f.Operation, err)
			}
			samples[i] = append(samples[i], fig)
		}
	}
	r := Result{Fixture: f}
	for i, c := range clients {
		r.Clients = append(r.Clients, c.Name)
		r.Figures = append(r.Figures, medians(samples[i]))
	}
	return r, nil
}

// calibrate finds how many calls take about d, growing the count as
// testing.B does.
func calibrate(ctx context.Context, call Call, d time.Duration) (int, error) {
	n := 1
	for {
		start := time.Now()
		for range n {
			if _, err := call(ctx); err != nil {
				return 0, err
			}
		}
		elapsed := time.Since(start)
		if elapsed >= d/2 || n >= 1<<20 {
			perCall := max(elapsed/time.Duration(n), 1)
			return max(1, int(d/perCall)), nil
		}
		n *= 4
	}
}

// sample makes n calls after a garbage collection and returns their
// average cost.
func sample(ctx context.Context, call Call, n int) (Figures, error) {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	cpuBefore := cpuTime()
	start := time.Now()
	for range n {
		if _, err := call(ctx); err != nil {
			return Figures{}, err
		}
	}
	elapsed := time.Since(start)
	cpu := cpuTime() - cpuBefore
	runtime.ReadMemStats(&after)
	per := float64(n)
	return Figures{
		NsPerOp:     float64(elapsed.Nanoseconds()) / per,
		CPUNsPerOp:  float64(cpu.Nanoseconds()) / per,
		BytesPerOp:  float64(after.TotalAlloc-before.TotalAlloc) / per,
		AllocsPerOp: float64(after.Mallocs-before.Mallocs) / per,
	}, nil
}

// medians takes the median of each figure separately.
func medians(samples []Figures) Figures {
	pick := func(get func(Figures) float64) float64 {
		vs := make([]float64, len(samples))
		for i, s := range samples {
			vs[i] = get(s)
		}
		return median(vs)
	}
	return Figures{
		NsPerOp:     pick(func(f Figures) float64 { return f.NsPerOp }),
		CPUNsPerOp:  pick(func(f Figures) float64 { return f.CPUNsPerOp }),
		BytesPerOp:  pick(func(f Figures) float64 { return f.BytesPerOp }),
		AllocsPerOp: pick(func(f Figures) float64 { return f.AllocsPerOp }),
	}
}

func median(vs []float64) float64 {
	if len(vs) == 0 {
		return 0
	}
	s := slices.Clone(vs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
