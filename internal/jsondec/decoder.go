// Package jsondec is the runtime of the decoders go generate writes into
// internal/falapidec: a scanner that reads one JSON document held whole in
// memory, validating it as it goes, and the functions the generated code
// calls for each kind of Go value. Together they decode exactly as
// encoding/json's json.Unmarshal does, in one pass and with few
// allocations: numbers are parsed as they are scanned, strings are copied
// into shared chunks rather than one allocation each, and optional
// scalars are allocated from slabs.
//
// Decoding stops at the first error. Where encoding/json would go on
// after a type mismatch (and report it at the end), the outcome is the
// same: an error, and a value the caller discards. Decode then asks
// encoding/json for its own error, so that messages name the field as
// json.Unmarshal's do.
package jsondec

import (
	"encoding/json"
	"strconv"
	"sync"
)

// Decoder holds the state of one decoding: the document, the position in
// it, the first error, and the chunks values are allocated from. The
// generated decoders receive it; a zero Decoder is not usable (see
// Decode).
type Decoder struct {
	data  []byte
	pos   int
	depth int // objects and arrays open around pos
	err   error

	scratch []byte // unescaped keys and strings, before they are copied
	alloc   slabs
	orders  [][]int16 // the key orders learned, by struct type (see Order)
}

// maxDepth is how deeply objects and arrays may nest: encoding/json's
// limit, beyond which it reports a syntax error.
const maxDepth = 10000

// Error is a syntax error, or a value that does not fit its Go type, at a
// byte offset of the document.
type Error struct {
	Offset int
	Msg    string
}

// Error reads like "json: offset 12: invalid character '}' in an array".
func (e *Error) Error() string {
	return "json: offset " + strconv.Itoa(e.Offset) + ": " + e.Msg
}

var decoders = sync.Pool{New: func() any { return new(Decoder) }}

// Decode decodes data, which must hold one JSON value and nothing else but
// whitespace, into v with decode, as json.Unmarshal(data, v) does. When it
// fails, the error is encoding/json's own for the same data, so that it
// names the field at fault; strings in v never share memory with data.
func Decode[T any](data []byte, v *T, decode func(*Decoder, *T)) error {
	d := decoders.Get().(*Decoder)
	d.reset(data)
	decode(d, v)
	err := d.end()
	d.reset(nil)
	decoders.Put(d)
	if err == nil {
		return nil
	}
	if jsonErr := json.Unmarshal(data, new(T)); jsonErr != nil {
		return jsonErr
	}
	return err
}

// reset makes d read data from its start, with no chunk left from an
// earlier document.
func (d *Decoder) reset(data []byte) {
	d.data, d.pos, d.depth, d.err = data, 0, 0, nil
	d.alloc = slabs{}
	if cap(d.scratch) > maxKeptScratch {
		d.scratch = nil
	}
}

// maxKeptScratch bounds the scratch buffer a pooled Decoder keeps.
const maxKeptScratch = 64 << 10

// end finishes the document: only whitespace may follow the value.
func (d *Decoder) end() error {
	if d.err == nil {
		if d.next(); d.pos < len(d.data) {
			d.syntaxError("data after the top-level value")
		}
	}
	return d.err
}

// fail records err, unless an error came first, and moves to the end of
// the document so that every loop of the decoding ends.
func (d *Decoder) fail(err error) {
	if d.err == nil {
		d.err = err
	}
	d.pos = len(d.data)
}

// syntaxError fails with a syntax error at the position.
func (d *Decoder) syntaxError(msg string) {
	if d.pos >= len(d.data) {
		msg = "unexpected end of JSON input"
	}
	d.fail(&Error{Offset: d.pos, Msg: msg})
}

// mismatch fails because the value at the position is not a want: a type
// error for a valid value, a syntax error otherwise.
func (d *Decoder) mismatch(want string) {
	if d.pos >= len(d.data) {
		d.syntaxError("")
		return
	}
	d.fail(&Error{Offset: d.pos, Msg: "cannot decode this value into " + want})
}

// next skips whitespace and returns the byte at the position, or 0 at the
// end of the document.
func (d *Decoder) next() byte {
	for d.pos < len(d.data) {
		c := d.data[d.pos]
		if c > ' ' || (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
			return c
		}
		d.pos++
	}
	return 0
}
