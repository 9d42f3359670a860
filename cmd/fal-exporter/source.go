package main

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/falplatform/fal-go/pkg/fal"
)

// The backoff of a failing source: it tries again after firstRetry (or its
// interval, if shorter), doubling the wait after each further failure up
// to maxBackoff (or its interval, if longer).
const (
	firstRetry = 5 * time.Second
	maxBackoff = 10 * time.Minute
)

// maxRetryAfter caps how long a fal Retry-After can hold a source back.
const maxRetryAfter = time.Hour

// clock is the time the sources run on; tests replace it.
type clock struct {
	now   func() time.Time
	after func(time.Duration) <-chan time.Time
}

// realClock is the wall clock.
var realClock = clock{now: time.Now, after: time.After}

// sourceHealth is how a source is doing, as the health metrics and the
// landing page show it.
type sourceHealth struct {
	name string
	// up is true when the last refresh succeeded.
	up bool
	// lastSuccess is the end of the last successful refresh (zero: none).
	lastSuccess time.Time
	// skipped is true when the key cannot read the source: it stopped.
	skipped bool
	// interval is how often it refreshes when all goes well.
	interval time.Duration
}

// refresher is a source of any data kind, as the exporter runs it.
type refresher interface {
	run(ctx context.Context)
	refresh(ctx context.Context) (wait time.Duration, again bool)
	health() sourceHealth
}

// source is one kind of data read from fal and refreshed in the
// background on its own interval. A scrape reads the last data it fetched
// (snapshot) and never waits on fal. A failing refresh keeps the last
// data, marks the source down and backs off; a key that may not read the
// source (an admin operation answering 401 or 403) stops it for good.
// Retrying is the source's alone: the client makes one attempt per call
// (see clientOptions), so that fal's Retry-After is honoured in full
// rather than capped, and every request is counted once.
type source[T any] struct {
	name     string
	interval time.Duration
	timeout  time.Duration
	fetch    func(ctx context.Context) (T, error)
	clock    clock
	log      *slog.Logger
	observe  func(source string, d time.Duration)

	mu          sync.Mutex
	data        T
	up          bool
	lastSuccess time.Time
	failures    int
	skipped     bool
}

// snapshot returns the data of the last successful refresh.
func (s *source[T]) snapshot() T {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.data
}

func (s *source[T]) health() sourceHealth {
	s.mu.Lock()
	defer s.mu.Unlock()
	return sourceHealth{name: s.name, up: s.up, lastSuccess: s.lastSuccess, skipped: s.skipped, interval: s.interval}
}

// run refreshes the source until ctx ends or the source is skipped.
func (s *source[T]) run(ctx context.Context) {
	for {
		wait, again := s.refresh(ctx)
		if !again {
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-s.clock.after(wait):
		}
	}
}

// refresh fetches the source once and returns how long to wait before the
// next refresh, or false when there is none.
func (s *source[T]) refresh(ctx context.Context) (time.Duration, bool) {
	start := s.clock.now()
	fetchCtx, cancel := context.WithTimeout(ctx, s.timeout)
	data, err := s.fetch(fetchCtx)
	cancel()
	end := s.clock.now()
	s.observe(s.name, end.Sub(start))
	if ctx.Err() != nil {
		return 0, false
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	var apiErr *fal.APIError
	switch {
	case err == nil:
		if s.failures > 0 {
			s.log.Info("source refreshes again", "source", s.name, "after_failures", s.failures)
		}
		s.data, s.up, s.lastSuccess, s.failures = data, true, end, 0
		s.log.Debug("source refreshed", "source", s.name, "duration", end.Sub(start))
		return s.interval, true
	case errors.As(err, &apiErr) && apiErr.AdminKeyRequired:
		s.up, s.skipped = false, true
		s.log.Warn("source skipped: it needs an admin API key and the key given cannot read it; set FAL_KEY to an admin key to collect it",
			"source", s.name, "operation", apiErr.Operation, "status", apiErr.StatusCode)
		return 0, false
	default:
		s.up = false
		s.failures++
		var retryAfter time.Duration
		if apiErr != nil {
			retryAfter = apiErr.RetryAfter
		}
		wait := retryWait(s.interval, s.failures, retryAfter)
		s.log.Warn("source refresh failed; serving its last values", "source", s.name, "error", err, "failures", s.failures, "retry_in", wait)
		return wait, true
	}
}

// retryWait is how long a source waits after its failures-th failure in a
// row (see firstRetry and maxBackoff), and never less than fal's
// Retry-After (honoured up to maxRetryAfter).
func retryWait(interval time.Duration, failures int, retryAfter time.Duration) time.Duration {
	wait, limit := min(firstRetry, interval), max(maxBackoff, interval)
	for i := 1; i < failures && wait < limit; i++ {
		wait *= 2
	}
	return max(min(wait, limit), min(retryAfter, maxRetryAfter))
}
