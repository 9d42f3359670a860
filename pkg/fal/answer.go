package fal

import (
	"fmt"
	"io"
	"sync"

	"github.com/falplatform/fal-go/internal/falapidec"
)

// A JSON answer is read whole, into a buffer sized from its Content-Length
// and reused by later calls, then decoded in one pass by the generated
// decoders of internal/falapidec, which decode exactly as encoding/json
// does. Decoded strings are copies, so the buffer goes back to the pool
// as soon as the decoding ends: the body itself costs no allocation.

// answerBuffer holds the body of one answer.
type answerBuffer struct {
	data []byte
}

// answerBuffers pools the buffers of answers.
var answerBuffers = sync.Pool{New: func() any { return new(answerBuffer) }}

const (
	// maxPooledAnswer bounds the buffers kept for reuse: the buffer of a
	// larger answer is left to the garbage collector.
	maxPooledAnswer = 16 << 20
	// maxPresize bounds what a Content-Length, which a server could
	// overstate, makes the buffer grow to before anything is read.
	maxPresize = 64 << 20
)

// readAnswer reads body to its end into a pooled buffer; contentLength is
// the answer's Content-Length, or -1. The caller releases the buffer once
// done with its data, also after an error.
func readAnswer(body io.Reader, contentLength int64) (*answerBuffer, error) {
	b := answerBuffers.Get().(*answerBuffer)
	data := b.data[:0]
	if contentLength >= 0 && contentLength < maxPresize && int64(cap(data)) <= contentLength {
		// One byte more than the body, so that the read that meets its
		// end needs no more room.
		data = make([]byte, 0, contentLength+1)
	}
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := body.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			b.data = data
			return b, nil
		}
		if err != nil {
			b.data = data
			return b, err
		}
	}
}

// release gives the buffer back for another answer.
func (b *answerBuffer) release() {
	if cap(b.data) > maxPooledAnswer {
		b.data = nil
	}
	answerBuffers.Put(b)
}

// decodeAnswer decodes data, the body of a 2xx JSON answer, into out.
func decodeAnswer(op *operation, status int, data []byte, out any) error {
	if err := falapidec.Unmarshal(data, out); err != nil {
		return fmt.Errorf("fal: %s: decoding the %d answer: %w", op.name, status, err)
	}
	return nil
}
