package sse

import "bytes"

// byteIndex remembers where one byte value occurs next in a Reader's buffer,
// so that no buffered byte is searched twice for it.
type byteIndex struct {
	// at is the position of the next occurrence; it is valid while it is
	// not before the read position.
	at int

	// clean is where the last unsuccessful search ended: the buffer holds
	// no occurrence between the read position and clean.
	clean int
}

// reset forgets what the index knows, for an emptied buffer.
func (x *byteIndex) reset() {
	x.at, x.clean = -1, 0
}

// next returns the position of the first c in buf[from:to], or -1.
func (x *byteIndex) next(buf []byte, from, to int, c byte) int {
	if x.at >= from {
		return x.at
	}
	if x.clean >= to {
		return -1
	}
	return x.search(buf, from, to, c)
}

// search looks for c in the part of buf[from:to] not searched yet.
func (x *byteIndex) search(buf []byte, from, to int, c byte) int {
	start := max(from, x.clean)
	if i := bytes.IndexByte(buf[start:to], c); i >= 0 {
		x.at = start + i
		return x.at
	}
	x.clean = to
	return -1
}

// shift moves the index along with the buffered bytes when the bytes from
// position d on are moved to the start of the buffer.
func (x *byteIndex) shift(d int) {
	if x.at < d {
		x.at = -1
	} else {
		x.at -= d
	}
	x.clean = max(x.clean-d, 0)
}
