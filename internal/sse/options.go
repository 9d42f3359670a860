package sse

// DefaultMaxEventSize is the size limit of an event when [WithMaxEventSize]
// is not given: 1 MiB.
const DefaultMaxEventSize = 1 << 20

const (
	// defaultBufferSize is the size of the read buffer. Lines longer than
	// the buffer are consumed in parts, so it bounds no event.
	defaultBufferSize = 16 << 10

	// minBufferSize keeps the longest field name the parser knows,
	// "retry", and its colon within the first part of a long line.
	minBufferSize = 16
)

// Option configures a [Reader].
type Option func(*Reader)

// WithMaxEventSize limits an event to n bytes of data (its data lines with
// the newlines joining them); the value of an "event" field and of an "id"
// field are each limited to n bytes too. As every buffer the Reader keeps for
// an event is bounded by n, its memory stays within a few times n plus its
// 16 KiB read buffer, however long it runs. A value of n less than 1 selects
// [DefaultMaxEventSize].
func WithMaxEventSize(n int) Option {
	return func(r *Reader) {
		if n < 1 {
			n = DefaultMaxEventSize
		}
		r.max = n
	}
}

// WithLastEventID starts the Reader with id as the last event ID, as a
// client does when it reconnects to a stream: events that carry no "id"
// field have it, and [Reader.LastEventID] returns it until the stream sets
// another.
func WithLastEventID(id string) Option {
	return func(r *Reader) {
		r.lastID = []byte(id)
		r.lastStr = id
	}
}

// withBufferSize sets the size of the read buffer; tests use small buffers
// to exercise lines that do not fit.
func withBufferSize(n int) Option {
	return func(r *Reader) {
		r.buf = make([]byte, max(n, minBufferSize))
	}
}
