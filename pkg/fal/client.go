package fal

import (
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"time"
)

// Client calls fal's Platform APIs. Its methods are generated, one per
// operation of fal's schema (the *.gen.go files). A Client is safe for
// concurrent use; create one and reuse it.
//
// Do calls a path no generated method covers yet.
//
// Printed with any fmt verb, logged with slog or encoded as JSON, a Client
// shows its base URL and whether it has a key, never the key.
type Client struct {
	settings settings
}

// NewClient returns a client configured by opts on top of the environment:
// the key from FAL_KEY (or FAL_KEY_ID and FAL_KEY_SECRET), the base URL
// from FAL_BASE_URL (default DefaultBaseURL). A client without a key can
// still call the operations that do not need one; the others fail with
// ErrNoAPIKey before sending anything. Only one of FAL_KEY_ID and
// FAL_KEY_SECRET set, with neither FAL_KEY nor WithAPIKey, is an error that
// names the missing variable.
func NewClient(opts ...Option) (*Client, error) {
	envKey, envKeyErr := keyFromEnv()
	s := settings{
		key:           newAPIKey(envKey),
		envKeyErr:     envKeyErr,
		doer:          http.DefaultClient,
		userAgent:     defaultUserAgent,
		maxRetries:    2,
		retryBase:     500 * time.Millisecond,
		retryMax:      8 * time.Second,
		retryAfterMax: time.Minute,
		maxReconnects: defaultMaxReconnects,
		sleep:         sleepContext,
		jitter:        randomJitter,
	}
	base := baseURLOption("WithBaseURL", DefaultBaseURL)
	if env := os.Getenv("FAL_BASE_URL"); env != "" {
		base = baseURLOption("FAL_BASE_URL", env)
	}
	c := &Client{settings: *s.with(append([]Option{base}, opts...))}
	for i := range c.settings.jsonEdits {
		c.settings.jsonEdits[i].clientWide = true
	}
	c.settings.fail(c.settings.envKeyErr)
	if c.settings.err != nil {
		return nil, fmt.Errorf("fal: %w", c.settings.err)
	}
	return c, nil
}

// BaseURL returns the base URL requests go to, with a trailing slash.
func (c *Client) BaseURL() string { return c.settings.base }

// HasAPIKey reports whether the client has a key to send.
func (c *Client) HasAPIKey() bool { return c.settings.key != nil }

// CloseIdleConnections closes the connections kept open for reuse by what
// sends the requests (the WithHTTPClient Doer, when it has such a method;
// by default http.DefaultClient, whose transport other code may share).
func (c *Client) CloseIdleConnections() {
	if d, ok := c.settings.doer.(interface{ CloseIdleConnections() }); ok {
		d.CloseIdleConnections()
	}
}

// String summarizes the client: its base URL and whether it has a key.
func (c Client) String() string {
	key := "none"
	if c.settings.key != nil {
		key = redacted
	}
	return "fal.Client{BaseURL: " + c.settings.base + ", APIKey: " + key + "}"
}

// GoString is String: %#v shows the summary too.
func (c Client) GoString() string { return c.String() }

// Format writes the summary for every verb and flag, so that no verb walks
// the client's fields.
func (c Client) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(c.String())) }

// LogValue logs the summary as a group.
func (c Client) LogValue() slog.Value {
	return slog.GroupValue(slog.String("base_url", c.settings.base), slog.Bool("api_key", c.settings.key != nil))
}
