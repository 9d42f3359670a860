package fal

import (
	"context"
	"errors"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// retryableStatus lists the answers worth another attempt.
func retryableStatus(code int) bool {
	switch code {
	case http.StatusRequestTimeout, http.StatusTooManyRequests, http.StatusInternalServerError,
		http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// replayable reports whether a request may be sent again: its method is
// idempotent, or it is a write to an operation that honours the
// Idempotency-Key it carries; and its body, if any, can be produced again.
func replayable(op *operation, req *http.Request) bool {
	if req.Body != nil && req.Body != http.NoBody && req.GetBody == nil {
		return false
	}
	switch req.Method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodOptions:
		return true
	}
	return op.idempotent && req.Header.Get("Idempotency-Key") != ""
}

// backoff is the wait before retry number attempt+1: base doubled per
// attempt, capped at max, with jitter.
func backoff(s *settings, attempt int) time.Duration {
	d := s.retryMax
	if attempt < 30 {
		if b := s.retryBase << attempt; b > 0 && b < d {
			d = b
		}
	}
	return s.jitter(d)
}

// randomJitter picks a wait in [d/2, d], so that clients that failed
// together do not retry together.
func randomJitter(d time.Duration) time.Duration {
	half := d / 2
	return half + rand.N(d-half+1)
}

// maxRetryAfter bounds what a Retry-After header is read as, whichever its
// form (WithRetryAfterMax then bounds the wait).
const maxRetryAfter = 24 * time.Hour

// retryAfter reads a Retry-After header, in seconds or as an HTTP date.
func retryAfter(h http.Header, now time.Time) time.Duration {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs <= 0 {
			return 0
		}
		return time.Duration(min(secs, int64(maxRetryAfter/time.Second))) * time.Second
	}
	if at, err := http.ParseTime(v); err == nil && at.After(now) {
		return min(at.Sub(now), maxRetryAfter)
	}
	return 0
}

// sleepContext waits for d or until ctx ends, whichever is first.
func sleepContext(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// retryableError reports whether a transport error may be transient: any
// error but the end of the caller's context.
func retryableError(ctx context.Context, err error) bool {
	return ctx.Err() == nil && !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded)
}
