package falmock

import (
	"time"

	"github.com/falplatform/fal-go/api"
)

// Option configures a Server or a Handler.
type Option func(*config)

// LogStream shapes the answers of the server-sent-events operations (the
// log stream, serverlessLogsStream, and any other a schema has): how many
// events each sends, how many heartbeat comments (": ping") it mixes in, and
// whether it then ends or stays open.
type LogStream struct {
	// Events is the number of log events sent; 0 sends none.
	Events int
	// Heartbeats is the number of ": ping" comment lines sent among the
	// events.
	Heartbeats int
	// MultilineData writes each event's JSON indented, so that its data
	// spans several "data:" lines that a client must join with "\n".
	MultilineData bool
	// KeepOpen keeps the stream open after the events, sending a heartbeat
	// every HeartbeatInterval until the client goes away (for cancellation
	// tests).
	KeepOpen bool
	// HeartbeatInterval is the pause between heartbeats while KeepOpen
	// holds the stream; 0 means 10ms.
	HeartbeatInterval time.Duration
}

// config is the resolved set of options of one Handler.
type config struct {
	schema       []byte
	keys         map[string]bool
	adminKeys    map[string]bool
	pages        int
	itemsPerPage int
	download     downloadSource
	logStream    LogStream
	latency      time.Duration
	synthesize   bool
}

// defaultDownloadSize is the size of the generated download when no
// download option is given.
const defaultDownloadSize = 1024

func newConfig(opts []Option) config {
	c := config{
		schema:       api.OpenAPI,
		pages:        3,
		itemsPerPage: 2,
		download:     generatedDownload(defaultDownloadSize),
		logStream:    LogStream{Events: 3, Heartbeats: 2},
	}
	for _, opt := range opts {
		opt(&c)
	}
	if c.logStream.HeartbeatInterval <= 0 {
		c.logStream.HeartbeatInterval = 10 * time.Millisecond
	}
	return c
}

// WithSchema serves another OpenAPI document (for example an earlier revision
// of fal's schema) instead of api.OpenAPI.
func WithSchema(openapi []byte) Option {
	return func(c *config) { c.schema = openapi }
}

// WithKeys limits the accepted API keys (sent as "Authorization: Key <key>",
// or as the schema's security schemes say) to keys and the admin keys.
// Without it any non-empty key is accepted.
func WithKeys(keys ...string) Option {
	return func(c *config) {
		if c.keys == nil {
			c.keys = map[string]bool{}
		}
		for _, k := range keys {
			c.keys[k] = true
		}
	}
}

// WithAdminKeys names the admin keys. Once given, an operation that requires
// the adminApiKey scheme answers 403 authorization_error to any other valid
// key. Admin keys are also valid for operations that need a plain API key.
func WithAdminKeys(keys ...string) Option {
	return func(c *config) {
		if c.adminKeys == nil {
			c.adminKeys = map[string]bool{}
		}
		for _, k := range keys {
			c.adminKeys[k] = true
		}
	}
}

// WithPages sets how many pages a paginated operation serves (default 3;
// values below 1 mean 1).
func WithPages(n int) Option {
	return func(c *config) { c.pages = max(n, 1) }
}

// WithItemsPerPage sets how many items each page of a paginated operation
// carries in each of its item arrays (default 2; values below 1 mean 1).
func WithItemsPerPage(n int) Option {
	return func(c *config) { c.itemsPerPage = max(n, 1) }
}

// WithDownloadSize makes the file download (serverlessDownloadFile) send size
// bytes generated on the fly, the same bytes DownloadContent(size) reads. No
// buffer of that size is ever allocated, so gigabyte downloads keep memory
// flat.
func WithDownloadSize(size int64) Option {
	return func(c *config) { c.download = generatedDownload(max(size, 0)) }
}

// WithDownloadContent makes the file download send content.
func WithDownloadContent(content []byte) Option {
	return func(c *config) { c.download = fixedDownload(content) }
}

// WithLogStream shapes the server-sent-events log stream (default: 3 events,
// 2 heartbeats, one-line data, then the stream ends).
func WithLogStream(ls LogStream) Option {
	return func(c *config) { c.logStream = ls }
}

// WithLatency delays every answer by d (the wait ends early if the client
// goes away).
func WithLatency(d time.Duration) Option {
	return func(c *config) { c.latency = d }
}

// WithSynthesizedAnswers answers every JSON operation with a value
// synthesized from its schema, which carries every optional property, even
// where the schema publishes an example.
func WithSynthesizedAnswers() Option {
	return func(c *config) { c.synthesize = true }
}
