package jsondec

import "unsafe"

// slabs are the chunks one decoding allocates small values from, so that
// a page of ten thousand items costs a few dozen allocations rather than
// tens of thousands. A chunk belongs to the decoded value once handed
// out: nothing in it is ever written again, and a new decoding starts
// with new chunks.
type slabs struct {
	text    []byte // the bytes of decoded strings
	strings []string
	floats  []float64
	ints    []int
	bools   []bool
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
	s := &d.alloc
	if cap(s.text)-len(s.text) < len(b) {
		size := max(len(b), min(len(b)+len(d.data)-d.pos, maxTextChunk))
		s.text = make([]byte, 0, size)
	}
	start := len(s.text)
	s.text = append(s.text, b...)
	return unsafe.String(&s.text[start], len(b))
}

// take hands out the next element of a slab, starting a new chunk when
// it is used up.
func take[T any](slab *[]T) *T {
	s := *slab
	if len(s) == cap(s) {
		s = make([]T, 0, min(max(2*cap(s), minSlab), maxSlab))
	}
	s = s[:len(s)+1]
	*slab = s
	return &s[len(s)-1]
}

func (s *slabs) string() *string { return take(&s.strings) }
func (s *slabs) float() *float64 { return take(&s.floats) }
func (s *slabs) int() *int       { return take(&s.ints) }
func (s *slabs) bool() *bool     { return take(&s.bools) }
