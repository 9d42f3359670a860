package fal

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
	"unicode"

	"github.com/falplatform/fal-go/gen/falapi"
)

// Sentinel errors that errors.Is matches against an *APIError.
var (
	// ErrUnauthorized: 401, the key is missing or wrong.
	ErrUnauthorized = errors.New("fal: unauthorized")
	// ErrForbidden: 403, the key may not do this (admin operations need an admin key).
	ErrForbidden = errors.New("fal: forbidden")
	// ErrNotFound: 404, no such resource.
	ErrNotFound = errors.New("fal: not found")
	// ErrValidation: 400 or 422, or an error of type validation_error.
	ErrValidation = errors.New("fal: validation error")
	// ErrRateLimited: 429, or an error of type rate_limited.
	ErrRateLimited = errors.New("fal: rate limited")
	// ErrServer: 5xx.
	ErrServer = errors.New("fal: server error")
	// ErrNotImplemented: 501, or an error of type not_implemented (it is
	// also an ErrServer when the status is 501).
	ErrNotImplemented = errors.New("fal: not implemented")
)

// APIError is a non-2xx answer from fal.
type APIError struct {
	// Operation is the method that failed, e.g. "GetPricing".
	Operation string
	// StatusCode is the HTTP status.
	StatusCode int
	// Type, Message, DocsURL and RequestID come from fal's error envelope
	// (falapi.Error; Type is one of the falapi.ErrorType constants, or a
	// type fal added since); when the body is not one (an HTML page from a
	// proxy), Message holds a short clean excerpt of it. RequestID falls
	// back to the X-Fal-Request-Id or X-Request-Id header.
	Type      falapi.ErrorType
	Message   string
	DocsURL   string
	RequestID string
	// RetryAfter is the server's Retry-After, or 0.
	RetryAfter time.Duration
	// Header holds the answer's headers.
	Header http.Header
	// Body is the raw body, at most maxErrorBody bytes.
	Body []byte
	// AdminKeyRequired is set on 401 and 403 answers to operations that
	// need an admin API key.
	AdminKeyRequired bool
}

// maxErrorBody bounds how much of an error body is kept.
const maxErrorBody = 64 << 10

// Error reads like "fal: GetPricing: 429 rate_limited: slow down (request_id=..., retry after 2s)".
func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "fal: %s: %d", e.Operation, e.StatusCode)
	if e.Type != "" {
		fmt.Fprintf(&b, " %s", e.Type)
	}
	if e.Message != "" {
		fmt.Fprintf(&b, ": %s", e.Message)
	}
	var notes []string
	if e.AdminKeyRequired {
		notes = append(notes, "this operation needs an admin API key")
	}
	if e.RequestID != "" {
		notes = append(notes, "request_id="+e.RequestID)
	}
	if e.RetryAfter > 0 {
		notes = append(notes, "retry after "+e.RetryAfter.String())
	}
	if len(notes) > 0 {
		fmt.Fprintf(&b, " (%s)", strings.Join(notes, ", "))
	}
	return b.String()
}

// Is matches the sentinel errors by status code and error type.
func (e *APIError) Is(target error) bool {
	switch target {
	case ErrUnauthorized:
		return e.StatusCode == http.StatusUnauthorized
	case ErrForbidden:
		return e.StatusCode == http.StatusForbidden
	case ErrNotFound:
		return e.StatusCode == http.StatusNotFound
	case ErrValidation:
		return e.StatusCode == http.StatusBadRequest || e.StatusCode == http.StatusUnprocessableEntity || e.Type == falapi.ErrorTypeValidationError
	case ErrRateLimited:
		return e.StatusCode == http.StatusTooManyRequests || e.Type == falapi.ErrorTypeRateLimited
	case ErrServer:
		return e.StatusCode >= 500
	case ErrNotImplemented:
		return e.StatusCode == http.StatusNotImplemented || e.Type == falapi.ErrorTypeNotImplemented
	}
	return false
}

// newAPIError reads a non-2xx response (and closes its body) into an
// *APIError, with the key scrubbed from anything the server echoed.
func newAPIError(op *operation, resp *http.Response, key *apiKey, now time.Time) *APIError {
	body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	drainAndClose(resp.Body)
	header := resp.Header
	if key != nil {
		body = bytes.ReplaceAll(body, []byte(key.reveal()), []byte(redacted))
		header = scrubHeader(header, key.reveal())
	}
	e := &APIError{
		Operation:  op.name,
		StatusCode: resp.StatusCode,
		Header:     header,
		Body:       body,
		RetryAfter: retryAfter(header, now),
		RequestID:  requestID(header),
	}
	var env falapi.Error
	if isEnvelope(body, &env) {
		e.Type, e.Message, e.DocsURL = env.Error.Type, env.Error.Message, deref(env.Error.DocsURL)
		if id := deref(env.Error.RequestID); id != "" {
			e.RequestID = id
		}
	} else {
		e.Message = snippet(resp.Status, resp.Header.Get("Content-Type"), body)
	}
	if op.auth == authAdmin && (e.StatusCode == http.StatusUnauthorized || e.StatusCode == http.StatusForbidden) {
		e.AdminKeyRequired = true
	}
	return e
}

// scrubHeader returns h, or a copy of it with the key replaced wherever a
// server echoed it.
func scrubHeader(h http.Header, key string) http.Header {
	var out http.Header
	for name, values := range h {
		for i, v := range values {
			if !strings.Contains(v, key) {
				continue
			}
			if out == nil {
				out = h.Clone()
			}
			out[name][i] = strings.ReplaceAll(v, key, redacted)
		}
	}
	if out == nil {
		return h
	}
	return out
}

// isEnvelope reports whether body is fal's error envelope, decoding it.
func isEnvelope(body []byte, env *falapi.Error) bool {
	return json.Unmarshal(body, env) == nil && (env.Error.Type != "" || env.Error.Message != "")
}

// snippetLength bounds the excerpt of a body that is not fal's envelope.
const snippetLength = 200

// snippet describes a body that is not fal's error envelope: the status
// text, its content type and the start of its text, tags and spaces folded.
func snippet(status, contentType string, body []byte) string {
	text := string(body)
	if strings.Contains(contentType, "html") || strings.HasPrefix(strings.TrimSpace(text), "<") {
		text = stripTags(text)
	}
	text = strings.Join(strings.FieldsFunc(text, func(r rune) bool { return unicode.IsSpace(r) || !unicode.IsPrint(r) }), " ")
	if r := []rune(text); len(r) > snippetLength {
		text = string(r[:snippetLength]) + "…"
	}
	out := "unexpected answer " + status
	if contentType != "" {
		out += " (" + contentType + ")"
	}
	if text != "" {
		out += ": " + text
	}
	return out
}

// stripTags drops <...> markup from an HTML page, keeping its text.
func stripTags(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
			b.WriteByte(' ')
		case !in:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// requestID reads the ID fal gives a request from an answer's headers.
func requestID(h http.Header) string {
	if id := h.Get("X-Fal-Request-Id"); id != "" {
		return id
	}
	return h.Get("X-Request-Id")
}

// ArgumentError reports an argument the client can tell is wrong, before any
// request is made. errors.Is matches it against ErrInvalidArgument.
type ArgumentError struct {
	Operation string // the method, e.g. "GetComputeInstance"
	Argument  string // the argument or parameter, as the schema names it
	Problem   string
}

// ErrInvalidArgument matches every *ArgumentError.
var ErrInvalidArgument = errors.New("fal: invalid argument")

// Error reads like "fal: GetComputeInstance: id: must not be empty".
func (e *ArgumentError) Error() string {
	return "fal: " + e.Operation + ": " + e.Argument + ": " + e.Problem
}

// Is matches ErrInvalidArgument.
func (e *ArgumentError) Is(target error) bool { return target == ErrInvalidArgument }
