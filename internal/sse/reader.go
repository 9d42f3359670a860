package sse

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"time"
)

// ErrEventTooLarge is the error, wrapped, that [Reader.Err] returns after an
// event larger than the limit set with [WithMaxEventSize]. It is not fatal:
// calling [Reader.Next] again skips the rest of that event and goes on.
var ErrEventTooLarge = errors.New("sse: event too large")

// maxEmptyReads is how many reads in a row may return no bytes and no error
// before the Reader gives up with io.ErrNoProgress, as bufio does.
const maxEmptyReads = 100

// bom is the UTF-8 byte order mark.
const bom = "\xEF\xBB\xBF"

// A Reader reads the events of a Server-Sent Events stream. Use it like a
// bufio.Scanner:
//
//	func printEvents(body io.Reader) error {
//		r := sse.NewReader(body)
//		for r.Next() {
//			ev := r.Event()
//			fmt.Printf("%s: %s\n", ev.Type, ev.Data)
//		}
//		return r.Err()
//	}
//
// Its memory does not grow with the length of the stream: it reads through a
// fixed buffer and reuses the memory of one event for the next. A Reader is
// not safe for concurrent use.
type Reader struct {
	src   io.Reader
	buf   []byte
	r, w  int       // the unread bytes are buf[r:w]
	cr    byteIndex // where the next CR is in buf
	err   error     // the error that ended reading from src
	empty int       // reads in a row that returned nothing
	fail  error     // the error that made Next return false
	max   int

	started bool // the byte order mark has been looked for
	skipLF  bool // a CR ended the bytes read so far; an LF right after it belongs to the same line ending

	// part is the field of a line longer than buf, which is consumed in
	// parts; it is fieldNone between lines.
	part field
	// partSpace is set when a part ended right after the colon, so the
	// next part may start with the space that is not part of the value.
	partSpace bool

	skipping bool // discarding the rest of an event that was too large
	reset    bool // Next returned an event whose memory the next call reuses
	pending  bool // a field line was read since the last blank line

	data     []byte // the data buffer, without a trailing newline
	inBuf    bool   // the data is not in data but in buf[inAt:inEnd], see [Reader.spill]
	inAt     int
	inEnd    int
	hasData  bool   // a data line was seen, so data, even empty, dispatches
	typ      []byte // the event type buffer
	typSame  bool   // the event type buffer is typStr, and typ is not used
	typStr   string // the last event type dispatched, kept to avoid allocating it again
	cur      Event  // the event Next advanced to
	idLine   []byte // the value of an id line read in parts
	idBuf    []byte // the last event ID buffer
	idSet    bool   // an id field has set idBuf since the last blank line
	lastID   []byte // the last event ID string
	lastStr  string // lastID as a string, when LastEventID made it
	retryVal int64  // the value of the retry line being read, in milliseconds
	retryN   int    // digits of the retry line read so far, or -1 once it is invalid
	retry    time.Duration
	comments int64
}

// NewReader returns a Reader of the events in src.
func NewReader(src io.Reader, opts ...Option) *Reader {
	r := &Reader{src: src, max: DefaultMaxEventSize}
	for _, opt := range opts {
		opt(r)
	}
	if r.buf == nil {
		r.buf = make([]byte, defaultBufferSize)
	}
	r.cr.reset()
	return r
}

// Next advances to the next event of the stream, which [Reader.Event] then
// returns. It returns false at the end of the stream or on an error, which
// [Reader.Err] then returns. An event that the stream does not finish with a
// blank line before it ends is discarded.
//
// For an event larger than the limit, Next returns false as soon as the
// limit is crossed, and Err returns an error wrapping [ErrEventTooLarge].
// That error is not fatal: calling Next again skips the rest of the event and
// goes on with the next one. The "id" and "retry" fields of the skipped event
// still take effect. Any other error is final.
func (r *Reader) Next() bool {
	if r.reset {
		r.reset = false
		r.data = r.data[:0]
		r.inBuf = false
		r.hasData = false
		r.typ = r.typ[:0]
		r.typSame = false
	}
	r.fail = nil
	if !r.started {
		r.skipBOM()
	}
	for {
		ok, err := r.lines()
		if err != nil {
			r.fail = err
			return false
		}
		if ok {
			return true
		}
		if r.err != nil {
			r.fail = r.err
			return false
		}
		if r.w == len(r.buf) {
			if r.r == 0 {
				err := r.longLine(r.buf)
				r.r = r.w
				if err != nil {
					r.fail = err
					return false
				}
			} else {
				r.compact()
			}
		}
		r.fill()
	}
}

// Event returns the event that the last call to [Reader.Next] advanced to,
// which must have returned true. The Event belongs to the Reader: it and its
// ID and Data are only valid until the next call to Next.
//
// It is a pointer because copying an Event right after Next has written it
// stalls the processor (a failed store-to-load forwarding), which costs a
// tenth of the time of parsing a log stream.
func (r *Reader) Event() *Event {
	return &r.cur
}

// Err returns the error that made [Reader.Next] return false, or nil if
// Next reached the end of the stream. An error reading the stream is
// returned as the stream's reader returned it.
func (r *Reader) Err() error {
	if errors.Is(r.fail, io.EOF) {
		return nil
	}
	return r.fail
}

// LastEventID returns the last event ID of the stream: the ID of the event
// Next advanced to, and the ID to send in the Last-Event-ID header when
// reconnecting. It is set when an event is dispatched, and also by a blank
// line after an "id" field in a block without data. It allocates only when
// the ID has changed since the previous call.
func (r *Reader) LastEventID() string {
	if string(r.lastID) != r.lastStr {
		r.lastStr = string(r.lastID)
	}
	return r.lastStr
}

// Truncated reports, after [Reader.Next] has returned false, whether the
// stream stopped in the middle of an event: in the middle of a line, or
// after fields (other than comments) that no blank line has ended. At the
// end of the stream (a nil Err) it tells a stream that was cut off, whose
// last event is discarded and comes again on reconnecting with
// [Reader.LastEventID], from one that ended cleanly between events.
func (r *Reader) Truncated() bool {
	return r.pending || r.part != fieldNone || r.r < r.w
}

// Retry returns the reconnection time last set by the stream, or zero if the
// stream has set none.
func (r *Reader) Retry() time.Duration {
	return r.retry
}

// Comments returns how many comment lines (heartbeats) the Reader has read.
func (r *Reader) Comments() int64 {
	return r.comments
}

// skipBOM drops a byte order mark at the start of the stream.
func (r *Reader) skipBOM() {
	for r.w-r.r < len(bom) && r.err == nil {
		r.fill()
	}
	if bytes.HasPrefix(r.buf[r.r:r.w], []byte(bom)) {
		r.r += len(bom)
	}
	r.started = true
}

// compact moves the unread bytes to the start of the buffer.
func (r *Reader) compact() {
	r.spill()
	copy(r.buf, r.buf[r.r:r.w])
	r.cr.shift(r.r)
	r.w -= r.r
	r.r = 0
}

// fill reads more bytes into the free end of the buffer, which starts over
// when all bytes have been read.
func (r *Reader) fill() {
	if r.r == r.w {
		r.spill()
		r.r, r.w = 0, 0
		r.cr.reset()
	}
	n, err := r.src.Read(r.buf[r.w:])
	if n < 0 || n > len(r.buf)-r.w {
		r.err = fmt.Errorf("sse: source returned an invalid count %d", n)
		return
	}
	r.w += n
	switch {
	case err != nil:
		r.err = err
	case n > 0:
		r.empty = 0
	default:
		r.empty++
		if r.empty == maxEmptyReads {
			r.err = io.ErrNoProgress
		}
	}
}
