package sse

import "bytes"

// lines processes the complete lines buffered, up to the first one that
// dispatches an event, and reports whether one did.
//
// It is the Reader's inner loop, written for speed. The next CR is looked up
// in r.cr, so that a stream of LF line endings is searched for CR once per
// fill, and the search for LF stops at that CR, so that a stream of CR line
// endings is not searched to the end of the buffer for each line. The lines
// that make most of a stream ("data: ...", "event: ...", "id: ...", the
// blank line) are handled here; any other line goes through [Reader.line].
func (r *Reader) lines() (bool, error) {
	buf, pos, w := r.buf[:r.w], r.r, r.w
	for {
		if r.skipLF {
			if pos == w {
				r.r = pos
				return false, nil
			}
			if buf[pos] == '\n' {
				pos++
			}
			r.skipLF = false
		}
		cr := r.cr.next(buf, pos, w, '\r')
		end := w
		if cr >= 0 {
			end = cr
		}
		eol := cr
		if pos < end && buf[pos] == '\n' {
			// A blank line, every fourth line or so: no need to search.
			eol = pos
		} else if i := bytes.IndexByte(buf[pos:end], '\n'); i >= 0 {
			eol = pos + i
		} else if cr < 0 {
			r.r = pos
			return false, nil
		}
		start := pos
		line := buf[start:eol]
		pos = eol + 1
		if buf[eol] == '\r' {
			if pos == w {
				r.skipLF = true
			} else if buf[pos] == '\n' {
				pos++
			}
		}

		var err error
		switch {
		case r.part != fieldNone:
			err = r.endLongLine(line)
		case len(line) == 0:
			if r.hasData && !r.skipping {
				r.r = pos
				r.dispatch()
				return true, nil
			}
			r.endBlock()
		case r.skipping:
			err = r.line(line)

		// The fast paths below do what [Reader.begin] and [Reader.value] do
		// for the whole value of a field; the calls would cost more than the
		// work.
		case hasPrefix(line, "data: "):
			r.pending = true
			v := line[len("data: "):]
			if !r.hasData {
				// The value stays in buf unless a second data line comes
				// or buf changes: see [Reader.spill].
				if len(v) > r.max {
					err = r.tooLarge()
					break
				}
				r.inBuf, r.inAt, r.inEnd = true, start+len("data: "), eol
				r.hasData = true
				break
			}
			r.spill()
			if len(r.data)+1+len(v) > r.max {
				err = r.tooLarge()
				break
			}
			r.data = append(r.data, '\n')
			r.data = append(r.data, v...)
		case hasPrefix(line, "event: "):
			r.pending = true
			v := line[len("event: "):]
			if len(v) > r.max {
				err = r.tooLarge()
				break
			}
			// Streams mostly repeat one event type: the one of the
			// previous event is not copied.
			if r.typSame = len(v) > 0 && string(v) == r.typStr; !r.typSame {
				r.typ = append(r.typ[:0], v...)
			}
		case hasPrefix(line, "id: "):
			r.pending = true
			v := line[len("id: "):]
			if len(v) > r.max {
				err = r.tooLarge()
				break
			}
			if bytes.IndexByte(v, 0) < 0 {
				r.idBuf = append(r.idBuf[:0], v...)
				r.idSet = true
			}

		default:
			err = r.line(line)
		}
		if err != nil {
			r.r = pos
			return false, err
		}
	}
}

// hasPrefix reports whether line starts with prefix.
func hasPrefix(line []byte, prefix string) bool {
	return len(line) >= len(prefix) && string(line[:len(prefix)]) == prefix
}
