package jsondec

import (
	"bytes"
	"testing"
)

// TestPlainRun checks the eight-bytes-at-a-time scan against the table,
// for every byte value at every offset of a word and of the tail.
func TestPlainRun(t *testing.T) {
	for c := range 256 {
		for pos := range 20 {
			data := bytes.Repeat([]byte{'a'}, 20)
			data[pos] = byte(c)
			want := len(data)
			if !plain[c] {
				want = pos
			}
			for start := 0; start <= pos; start++ {
				if got := plainRun(data, start); got != want {
					t.Fatalf("byte %#x at %d, from %d: plainRun = %d, want %d", c, pos, start, got, want)
				}
			}
		}
	}
}
