package jsondec

import "unsafe"

// slabs are the chunks one decoding allocates small values from, so that
// a page of ten thousand items costs a few dozen allocations rather than
// tens of thousands. A chunk belongs to the decoded value once handed
// out: nothing in it is ever written again, and a new decoding starts
// with new chunks. Each holds its chunk whole and counts what it handed
// out, so that handing out stores no pointer (which the garbage
// collector's write barrier would slow while it runs).
type slabs struct {
	text    slab[byte] // the bytes of decoded strings
	strings slab[string]
	floats  slab[float64]
	ints    slab[int]
	bools   slab[bool]
}

// slab is a chunk of values and how many are handed out.
type slab[T any] struct {
	chunk []T
	used  int
}

// The sizes of the chunks: text chunks are as long as what is left of
// the document (no string outgrows it, unless invalid UTF-8 is expanded),
// up to maxTextChunk; slabs of scalars double from minSlab up to maxSlab.
const (
	maxTextChunk = 32 << 10
	minSlab      = 8
	maxSlab      = 1024
)

// copyString returns b as a string of its own (its bytes in a text chunk),
// never sharing memory with the document.
func (d *Decoder) copyString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	t := &d.alloc.text
	if len(t.chunk)-t.used < len(b) {
		t.chunk = make([]byte, max(len(b), min(len(b)+len(d.data)-d.pos, maxTextChunk)))
		t.used = 0
	}
	start := t.used
	t.used += copy(t.chunk[start:], b)
	return unsafe.String(&t.chunk[start], len(b))
}

// take hands out the next value of the slab, starting a new chunk when
// it is used up.
func (s *slab[T]) take() *T {
	if s.used == len(s.chunk) {
		s.chunk = make([]T, min(max(2*len(s.chunk), minSlab), maxSlab))
		s.used = 0
	}
	s.used++
	return &s.chunk[s.used-1]
}
