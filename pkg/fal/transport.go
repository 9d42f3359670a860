package fal

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/google/uuid"
)

// operation describes one API operation to the transport; the generated
// methods declare one each (the *.gen.go files).
type operation struct {
	id         string // operationId in fal's schema
	name       string // the Go method
	httpMethod string
	path       string // path template, for logs
	auth       authRequirement
	idempotent bool // the operation accepts an Idempotency-Key header
}

// requestBuilder builds an operation's request against a base URL; the
// generated methods wrap falapi's request builders in one.
type requestBuilder func(server string) (*http.Request, error)

// newRequest checks the key, builds the request, applies the call's query
// and JSON edits and sets the headers every attempt carries. accept is the
// media type of a stream; JSON calls send no Accept header (fal answers JSON
// by default, and every header costs on both ends).
func (c *Client) newRequest(ctx context.Context, op *operation, s *settings, accept string, build requestBuilder) (*http.Request, error) {
	if s.key == nil && op.auth >= authKey {
		return nil, fmt.Errorf("fal: %s: %w", op.name, ErrNoAPIKey)
	}
	req, err := build(s.base)
	if err != nil {
		return nil, fmt.Errorf("fal: %s: building the request: %w", op.name, err)
	}
	if len(s.queryEdits) > 0 {
		applyQueryEdits(req.URL, s.queryEdits)
	}
	if len(s.jsonEdits) > 0 {
		if err := applyJSONEdits(req, s.jsonEdits); err != nil {
			return nil, fmt.Errorf("fal: %s: %w", op.name, err)
		}
	}
	if s.key != nil && op.auth != authNone {
		if err := checkTransport(req.URL, s.allowInsecure); err != nil {
			return nil, fmt.Errorf("fal: %s: %w", op.name, err)
		}
	}
	req = req.WithContext(ctx)
	h := req.Header
	h["User-Agent"] = []string{s.userAgent}
	if accept != "" {
		h["Accept"] = acceptHeaders[accept]
	}
	for name, values := range s.header {
		h[name] = append(h[name], values...)
	}
	if op.idempotent && h.Get("Idempotency-Key") == "" {
		key := s.idempotencyKey
		if key == "" {
			key = uuid.NewString()
		}
		h.Set("Idempotency-Key", key)
	}
	return req, nil
}

// send makes the attempts of one request and returns the first 2xx
// response or an error: an *APIError for the last non-2xx answer, the
// transport's error, or the context's. With read set, the 2xx body is read
// whole as part of the attempt, so that a connection that breaks while the
// body is read is retried like one that breaks before the answer; the body
// is returned in a pooled buffer, which the caller releases, and the
// response's body closed. Without, the response's body is left to the
// caller to read and close. The call's Response, if it asked for one,
// describes the last answer.
func (c *Client) send(ctx context.Context, op *operation, s *settings, req *http.Request, read bool) (*http.Response, *answerBuffer, error) {
	if s.response != nil {
		*s.response = Response{}
	}
	canRetry := replayable(op, req)
	for attempt := 0; ; attempt++ {
		try := req
		if attempt > 0 && req.GetBody != nil {
			body, err := req.GetBody()
			if err != nil {
				return nil, nil, fmt.Errorf("fal: %s: replaying the request body: %w", op.name, err)
			}
			try = req.Clone(ctx)
			try.Body = body
		}
		start := time.Now()
		resp, err := c.attempt(s, op, try)
		var body *answerBuffer
		if err == nil && resp.StatusCode < 300 && read {
			body, err = readAnswer(resp.Body, resp.ContentLength)
			_ = resp.Body.Close()
			if err != nil {
				body.release()
				body = nil
				err = fmt.Errorf("reading the %d answer: %w", resp.StatusCode, err)
			}
		}
		c.logAttempt(ctx, s, op, try, attempt, resp, err, time.Since(start))
		retry := attempt < s.maxRetries && canRetry
		switch {
		case err != nil:
			if !retry || !retryableError(ctx, err) {
				if resp != nil {
					s.describeAnswer(resp, nil)
				}
				return nil, nil, fmt.Errorf("fal: %s: %w (attempts: %d)", op.name, err, attempt+1)
			}
		case resp.StatusCode < 300:
			s.describeAnswer(resp, body)
			return resp, body, nil
		case !retry || !retryableStatus(resp.StatusCode):
			apiErr := newAPIError(op, resp, s.key, time.Now())
			s.describeError(apiErr)
			return nil, nil, apiErr
		}
		wait := backoff(s, attempt)
		if resp != nil && err == nil {
			if ra := retryAfter(resp.Header, time.Now()); ra > 0 {
				wait = min(ra, s.retryAfterMax)
			}
			drainAndClose(resp.Body)
		}
		if s.logger != nil {
			s.logger.LogAttrs(ctx, slog.LevelInfo, "fal: retrying", slog.String("operation", op.name),
				slog.Int("attempt", attempt+1), slog.Duration("wait", wait))
		}
		if err := s.sleep(ctx, wait); err != nil {
			return nil, nil, fmt.Errorf("fal: %s: %w (attempts: %d)", op.name, err, attempt+1)
		}
	}
}

// attempt sends one attempt through the middleware, then adds the key (to
// operations that take one) and hands it to the Doer. Middleware sees
// neither the key nor, on the response, the request that carried it.
func (c *Client) attempt(s *settings, op *operation, req *http.Request) (*http.Response, error) {
	key := s.key
	if op.auth == authNone {
		key = nil
	}
	if len(s.middleware) == 0 {
		return roundTrip(s.doer, key, req, false)
	}
	doer := s.doer
	next := Next(func(r *http.Request) (*http.Response, error) { return roundTrip(doer, key, r, true) })
	for i := len(s.middleware) - 1; i >= 0; i-- {
		m, inner := s.middleware[i], next
		next = func(r *http.Request) (*http.Response, error) { return m(r, inner) }
	}
	return next(req)
}

// roundTrip adds the key and sends the request. When middleware has seen
// the request, the key goes on a copy of it, so that the middleware's
// request and the response's Request never carry it.
func roundTrip(doer Doer, key *apiKey, r *http.Request, seen bool) (*http.Response, error) {
	if key == nil {
		return doer.Do(r)
	}
	out := r
	if seen {
		out = new(http.Request)
		*out = *r
		out.Header = r.Header.Clone()
	}
	out.Header["Authorization"] = key.authorization()
	resp, err := doer.Do(out)
	if resp != nil && seen {
		resp.Request = r
	}
	return resp, err
}

// acceptHeaders holds the Accept header of each kind of answer, built once.
// Each also accepts JSON, preferred to any other type a server could answer
// an error with (HTML, plain text), so that a server that negotiates answers
// errors with fal's JSON envelope. JSON comes second to the answer's own
// type, except for Prometheus text: it is plain text, which errors can be
// too, and it has no JSON form. A file download takes any type.
var acceptHeaders = map[string][]string{
	"text/event-stream":        {"text/event-stream, application/json;q=0.9"},
	"application/octet-stream": {"application/octet-stream, application/json;q=0.9, */*;q=0.8"},
	"text/csv":                 {"text/csv, application/json;q=0.9"},
	"text/plain":               {"application/json, text/plain;q=0.9"},
}

// logAttempt logs one attempt at debug level: never headers, never the key.
func (c *Client) logAttempt(ctx context.Context, s *settings, op *operation, req *http.Request, attempt int, resp *http.Response, err error, took time.Duration) {
	if s.logger == nil || !s.logger.Enabled(ctx, slog.LevelDebug) {
		return
	}
	attrs := []slog.Attr{
		slog.String("operation", op.name),
		slog.String("method", req.Method),
		slog.String("path", req.URL.Path),
		slog.Int("attempt", attempt),
		slog.Duration("took", took),
	}
	if resp != nil {
		attrs = append(attrs, slog.Int("status", resp.StatusCode))
		if id := requestID(resp.Header); id != "" {
			attrs = append(attrs, slog.String("request_id", id))
		}
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", err.Error()))
	}
	s.logger.LogAttrs(ctx, slog.LevelDebug, "fal: request", attrs...)
}

// drainLimit is how much of an unread body is read before closing it, so
// that the connection can be reused.
const drainLimit = 64 << 10

func drainAndClose(body io.ReadCloser) {
	_, _ = io.CopyN(io.Discard, body, drainLimit)
	_ = body.Close()
}
