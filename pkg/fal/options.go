package fal

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// An Option configures the client (NewClient) or one call (every method
// takes options after its arguments; they override the client's for that
// call only).
type Option func(*settings)

// settings is the configuration of one call: the client's, then the call's
// options applied on a copy.
type settings struct {
	base           string // the base URL, ending in a slash, as the request builders take it
	key            *apiKey
	doer           Doer
	userAgent      string
	maxRetries     int
	retryBase      time.Duration
	retryMax       time.Duration
	retryAfterMax  time.Duration
	logger         *slog.Logger
	middleware     []Middleware
	timeout        time.Duration
	idempotencyKey string
	header         http.Header
	maxItems       int
	maxReconnects  int
	progress       func(done, total int64)
	allowInsecure  bool
	queryEdits     []queryEdit // WithQuery, WithQueryAdd, WithQueryDel, in order
	jsonEdits      []jsonEdit  // WithJSONSet, WithJSONDel, in order
	response       *Response   // WithResponseInto: filled with the answer
	keepBody       bool        // WithResponseBodyInto: response.Body is kept
	envKeyErr      error       // a key half given in the environment, unless WithAPIKey decides
	err            error       // the first invalid option, without the "fal:" prefix

	sleep  func(ctx context.Context, d time.Duration) error // tests replace it
	jitter func(d time.Duration) time.Duration              // tests replace it
}

// Doer sends an HTTP request; *http.Client is one.
type Doer interface {
	Do(*http.Request) (*http.Response, error)
}

// Next passes a request on to the rest of the chain (see Middleware).
type Next func(*http.Request) (*http.Response, error)

// Middleware sees every attempt of every request before it is sent and its
// response after: for logging, metrics or extra headers. It must call next
// (or answer itself). Middleware never sees the Authorization header: the
// key is added after it.
type Middleware func(req *http.Request, next Next) (*http.Response, error)

// DefaultBaseURL is where fal serves its Platform APIs.
const DefaultBaseURL = "https://api.fal.ai/v1"

// WithAPIKey sets the API key, sent as "Authorization: Key <key>". It takes
// precedence over FAL_KEY and FAL_KEY_ID/FAL_KEY_SECRET; an empty key means
// none.
func WithAPIKey(key string) Option {
	return func(s *settings) {
		s.key = newAPIKey(strings.TrimSpace(key))
		s.envKeyErr = nil
	}
}

// WithBaseURL sets the API's base URL (default DefaultBaseURL, or
// FAL_BASE_URL), for a proxy or a mock server such as package falmock's.
// On fal's own host a base URL without a path is read as
// https://api.fal.ai/v1; any other path there is refused, since fal serves
// nothing of this client's elsewhere.
func WithBaseURL(base string) Option {
	return baseURLOption("WithBaseURL", base)
}

// baseURLOption sets the base URL; source names where it came from in an
// error.
func baseURLOption(source, base string) Option {
	return func(s *settings) {
		u, err := parseBaseURL(base)
		if err != nil {
			s.fail(fmt.Errorf("%s: %w", source, err))
			return
		}
		s.base = u.String()
	}
}

// WithHTTPClient sets what sends the requests (default: a *http.Client with
// no overall timeout, since streams may last hours; use WithTimeout).
func WithHTTPClient(d Doer) Option {
	return func(s *settings) {
		if d == nil {
			s.fail(errors.New("WithHTTPClient: nil client"))
			return
		}
		s.doer = d
	}
}

// WithUserAgent replaces the User-Agent header (default "fal-go/<version> (...)").
func WithUserAgent(ua string) Option {
	return func(s *settings) { s.userAgent = ua }
}

// WithMaxRetries sets how many times a failed request is retried (default 2;
// 0 disables retries).
func WithMaxRetries(n int) Option {
	return func(s *settings) {
		if n < 0 {
			s.fail(fmt.Errorf("WithMaxRetries: %d is negative", n))
			return
		}
		s.maxRetries = n
	}
}

// WithRetryDelay sets the backoff between retries: the first wait is about
// base, each next one doubles, none exceeds max (defaults 500ms and 8s). A
// Retry-After answer is honoured up to WithRetryAfterMax.
func WithRetryDelay(base, max time.Duration) Option {
	return func(s *settings) {
		if base <= 0 || max < base {
			s.fail(fmt.Errorf("WithRetryDelay: need 0 < base <= max, got %v and %v", base, max))
			return
		}
		s.retryBase, s.retryMax = base, max
	}
}

// WithRetryAfterMax caps how long the client waits when the server answers
// with Retry-After (default 60s).
func WithRetryAfterMax(d time.Duration) Option {
	return func(s *settings) { s.retryAfterMax = d }
}

// WithLogger logs every attempt (at debug level) and every retry (at info
// level) to l. Nothing logged contains the API key.
func WithLogger(l *slog.Logger) Option {
	return func(s *settings) { s.logger = l }
}

// WithMiddleware adds middleware around every attempt; the first added is
// the outermost.
func WithMiddleware(m ...Middleware) Option {
	return func(s *settings) { s.middleware = append(slices.Clip(s.middleware), m...) }
}

// WithTimeout bounds a call, retries included. For a call that returns a
// stream (logs, downloads, reports) it bounds the wait for the response's
// headers only: reading the body is bounded by the context.
func WithTimeout(d time.Duration) Option {
	return func(s *settings) { s.timeout = d }
}

// WithIdempotencyKey sets the Idempotency-Key of a write. Without it the
// client makes one up for the operations that accept it, and sends the same
// key on every retry of one call.
func WithIdempotencyKey(key string) Option {
	return func(s *settings) { s.idempotencyKey = key }
}

// WithHeader adds a header to the request(s). It cannot set Authorization.
func WithHeader(name, value string) Option {
	return func(s *settings) {
		if http.CanonicalHeaderKey(name) == "Authorization" {
			s.fail(errors.New("WithHeader: use WithAPIKey to set Authorization"))
			return
		}
		s.header = s.header.Clone()
		if s.header == nil {
			s.header = http.Header{}
		}
		s.header.Add(name, value)
	}
}

// WithMaxItems makes an Iter method stop after n items, fetching no page
// beyond the one that holds the n-th (0, the default, means no cap).
func WithMaxItems(n int) Option {
	return func(s *settings) { s.maxItems = n }
}

// WithProgress reports the bytes moved by a download or upload: done so far
// and the total (-1 when unknown).
func WithProgress(f func(done, total int64)) Option {
	return func(s *settings) { s.progress = f }
}

// WithInsecureHTTP allows sending the API key over plain http to a host that
// is not loopback. Without it such calls fail with ErrInsecureTransport.
func WithInsecureHTTP() Option {
	return func(s *settings) { s.allowInsecure = true }
}

func (s *settings) fail(err error) {
	if s.err == nil {
		s.err = err
	}
}

// check returns the first invalid option of a call, naming the operation.
func (s *settings) check(op *operation) error {
	if s.err != nil {
		return fmt.Errorf("fal: %s: %w", op.name, s.err)
	}
	return nil
}

// with returns the settings of one call: s itself when there are no
// options (it must not be modified), else a copy with opts applied.
func (s *settings) with(opts []Option) *settings {
	if len(opts) == 0 {
		return s
	}
	call := *s
	for _, o := range opts {
		o(&call)
	}
	return &call
}

// falHost is where fal serves its APIs; a base URL there must end in /v1.
const falHost = "api.fal.ai"

// parseBaseURL checks a base URL and gives it the trailing slash the
// generated request builders need to keep its path. On fal's host, no path
// means /v1 and another path is refused.
func parseBaseURL(base string) (*url.URL, error) {
	u, err := url.Parse(base)
	if err != nil {
		if ue := (*url.Error)(nil); errors.As(err, &ue) {
			err = ue.Err // the URL is already in the message
		}
		return nil, fmt.Errorf("base URL %q: %w", base, err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("base URL %q: want an absolute http or https URL", base)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("base URL %q: must not have a query or fragment", base)
	}
	if strings.EqualFold(u.Hostname(), falHost) {
		switch u.EscapedPath() {
		case "", "/":
			u.Path, u.RawPath = "/v1", ""
		case "/v1", "/v1/":
		default:
			return nil, fmt.Errorf("base URL %q: fal serves its Platform APIs under /v1: use %s", base, DefaultBaseURL)
		}
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
		if u.RawPath != "" {
			u.RawPath += "/"
		}
	}
	return u, nil
}
