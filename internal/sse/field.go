package sse

import (
	"bytes"
	"fmt"
	"math"
	"time"
)

// field is the kind of a line's field.
type field uint8

const (
	fieldNone   field = iota // no line is being consumed in parts
	fieldIgnore              // a comment, an unknown field, or a field being skipped
	fieldData
	fieldEvent
	fieldID
	fieldRetry
)

// maxRetry is the largest reconnection time, in milliseconds, that fits a
// time.Duration.
const maxRetry = math.MaxInt64 / int64(time.Millisecond)

// fieldOf returns the field that name denotes.
func fieldOf(name []byte) field {
	switch string(name) {
	case "data":
		return fieldData
	case "event":
		return fieldEvent
	case "id":
		return fieldID
	case "retry":
		return fieldRetry
	}
	return fieldIgnore
}

// splitField splits a line at its first colon into the field's name and
// value. It looks for the colon only as far as the longest name the parser
// knows: a line with a longer name, an unknown field whatever its value, is
// returned whole as the name.
func splitField(line []byte) (name, value []byte) {
	for i, c := range line[:min(len(line), len("retry:"))] {
		if c == ':' {
			return line[:i], line[i+1:]
		}
	}
	return line, nil
}

// line processes a complete line that is not blank, without its line ending.
func (r *Reader) line(line []byte) error {
	if line[0] == ':' {
		r.comments++
		return nil
	}
	r.pending = true
	name, value := splitField(line)
	if len(value) > 0 && value[0] == ' ' {
		value = value[1:]
	}
	f, err := r.begin(fieldOf(name))
	if err != nil {
		return err
	}
	return r.value(f, value, true)
}

// longLine processes seg, a part of a line that does not fit the buffer, and
// leaves the state for the parts that follow in r.part.
func (r *Reader) longLine(seg []byte) error {
	if r.part != fieldNone {
		return r.value(r.part, seg, false)
	}
	r.part = fieldIgnore
	i := bytes.IndexByte(seg, ':')
	if i == 0 {
		r.comments++
		return nil
	}
	r.pending = true
	if i > 0 {
		f, err := r.begin(fieldOf(seg[:i]))
		if err != nil {
			return err
		}
		r.part = f
		value := seg[i+1:]
		if len(value) == 0 {
			r.partSpace = true
		} else if value[0] == ' ' {
			value = value[1:]
		}
		return r.value(f, value, false)
	}
	// Without a colon in a full buffer, the line is a field whose name is
	// longer than any the parser knows: it is ignored.
	return nil
}

// endLongLine processes the last part of a line that did not fit the buffer.
func (r *Reader) endLongLine(seg []byte) error {
	f := r.part
	r.part = fieldNone
	return r.value(f, seg, true)
}

// begin starts a line of field f and returns the field its value goes to.
func (r *Reader) begin(f field) (field, error) {
	switch f {
	case fieldData:
		if r.skipping {
			return fieldIgnore, nil
		}
		if r.hasData {
			r.spill()
			if len(r.data)+1 > r.max {
				return fieldIgnore, r.tooLarge()
			}
			r.data = append(r.data, '\n')
		}
		r.hasData = true
	case fieldEvent:
		if r.skipping {
			return fieldIgnore, nil
		}
		r.typ = r.typ[:0]
		r.typSame = false
	case fieldID:
		r.idLine = r.idLine[:0]
	case fieldRetry:
		r.retryVal, r.retryN = 0, 0
	}
	return f, nil
}

// value processes v, the value of a line of field f or a part of it; last
// reports whether the line ends with it. When the value makes the event too
// large, the rest of the line is ignored.
func (r *Reader) value(f field, v []byte, last bool) error {
	if r.partSpace {
		if len(v) > 0 || last {
			r.partSpace = false
		}
		if len(v) > 0 && v[0] == ' ' {
			v = v[1:]
		}
	}
	switch f {
	case fieldData:
		if len(r.data)+len(v) > r.max {
			return r.tooLargeLine(last)
		}
		r.data = append(r.data, v...)
	case fieldEvent:
		if len(r.typ)+len(v) > r.max {
			return r.tooLargeLine(last)
		}
		r.typ = append(r.typ, v...)
	case fieldID:
		if len(r.idLine)+len(v) > r.max {
			return r.tooLargeLine(last)
		}
		r.idLine = append(r.idLine, v...)
		if last && bytes.IndexByte(r.idLine, 0) < 0 {
			r.idBuf = append(r.idBuf[:0], r.idLine...)
			r.idSet = true
		}
	case fieldRetry:
		r.retryDigits(v)
		if last && r.retryN > 0 {
			r.retry = time.Duration(r.retryVal) * time.Millisecond
		}
	}
	return nil
}

// retryDigits adds the digits of v to the retry value being read; any other
// byte, or a value too large for a time.Duration, makes the field invalid.
func (r *Reader) retryDigits(v []byte) {
	for _, c := range v {
		if r.retryN < 0 {
			return
		}
		d := int64(c) - '0'
		if d < 0 || d > 9 || r.retryVal > (maxRetry-d)/10 {
			r.retryN = -1
			return
		}
		r.retryVal = r.retryVal*10 + d
		r.retryN++
	}
}

// tooLargeLine reports an event too large, and ignores the rest of the
// current line unless it has ended.
func (r *Reader) tooLargeLine(last bool) error {
	if !last {
		r.part = fieldIgnore
	}
	return r.tooLarge()
}

// tooLarge drops the event being read and skips the rest of it.
func (r *Reader) tooLarge() error {
	r.skipping = true
	r.data = r.data[:0]
	r.inBuf = false
	r.hasData = false
	r.typ = r.typ[:0]
	r.typSame = false
	return fmt.Errorf("%w (limit %d bytes)", ErrEventTooLarge, r.max)
}

// spill copies the data of the event to r.data if it is still in buf, as it
// must be before a second data line is added to it or buf changes.
func (r *Reader) spill() {
	if r.inBuf {
		r.data = append(r.data[:0], r.buf[r.inAt:r.inEnd]...)
		r.inBuf = false
	}
}

// commitID sets the last event ID string to the last event ID buffer, as a
// blank line does. Rather than copying the buffer, it swaps the two: the
// buffer's content only matters again once an id field sets it.
func (r *Reader) commitID() {
	if r.idSet {
		r.idSet = false
		r.lastID, r.idBuf = r.idBuf, r.lastID
	}
}

// dispatch ends an event with data at a blank line, for Next to return.
func (r *Reader) dispatch() {
	r.commitID()
	r.pending = false
	r.reset = true
	r.cur.ID = r.lastID
	r.cur.Data = r.data
	if r.inBuf {
		r.cur.Data = r.buf[r.inAt:r.inEnd]
	}
	switch {
	case r.typSame:
		r.cur.Type = r.typStr
	case len(r.typ) > 0:
		if string(r.typ) != r.typStr {
			r.typStr = string(r.typ)
		}
		r.cur.Type = r.typStr
	default:
		r.cur.Type = "message"
	}
}

// endBlock ends, at a blank line, a block of fields that makes no event:
// one without data, or one skipped for being too large.
func (r *Reader) endBlock() {
	r.commitID()
	r.pending = false
	r.skipping = false
	r.data = r.data[:0]
	r.inBuf = false
	r.hasData = false
	r.typ = r.typ[:0]
	r.typSame = false
}
