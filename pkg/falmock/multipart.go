package falmock

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/textproto"
)

// formPart is one part of a multipart/form-data body as the mock records
// it: its headers and how many bytes its content had.
type formPart struct {
	name, filename, contentType string
	size                        int64
}

// partReader streams a multipart/form-data body part by part, counting each
// part's content instead of holding it. It looks for the delimiter with
// bytes.Index over a large buffer, where mime/multipart peeks through 4 KiB
// at a time: an upload of gigabytes through the mock then costs little more
// than reading it.
type partReader struct {
	br        *bufio.Reader
	delimiter []byte // "\r\n--" + boundary (or "\n--" + boundary)
	done      bool
}

// partBufferSize is the read buffer of the scan; a part's headers must fit
// in it.
const partBufferSize = 1 << 20

func newPartReader(body io.Reader, boundary string) (*partReader, error) {
	br := bufio.NewReaderSize(body, partBufferSize)
	// The body starts with the first boundary line (a preamble before it
	// is allowed and skipped), or is only the closing one: an empty form.
	p := &partReader{br: br, delimiter: []byte("\r\n--" + boundary)}
	first := "--" + boundary
	for {
		line, err := br.ReadSlice('\n')
		if err != nil && (!errors.Is(err, io.EOF) || len(line) == 0) {
			return nil, fmt.Errorf("no opening boundary: %w", err)
		}
		// A boundary line may end in linear white space (RFC 2046). A body
		// whose lines end in a bare LF delimits its parts with one too, as
		// mime/multipart reads it.
		text, crlf := bytes.CutSuffix(bytes.TrimSuffix(line, []byte("\n")), []byte("\r"))
		switch string(bytes.TrimRight(text, " \t")) {
		case first:
			if !crlf {
				p.delimiter = p.delimiter[1:]
			}
			return p, nil
		case first + "--":
			p.done = true
			return p, nil
		}
		if err != nil {
			return nil, fmt.Errorf("no opening boundary: %w", err)
		}
	}
}

// next reads the next part, or returns io.EOF after the closing boundary.
func (p *partReader) next() (formPart, error) {
	if p.done {
		return formPart{}, io.EOF
	}
	header, err := textproto.NewReader(p.br).ReadMIMEHeader()
	if err != nil {
		return formPart{}, fmt.Errorf("part headers: %w", unexpectedEOF(err))
	}
	part := formPart{contentType: header.Get("Content-Type")}
	if _, params, err := mime.ParseMediaType(header.Get("Content-Disposition")); err == nil {
		part.name, part.filename = params["name"], params["filename"]
	}
	if part.size, err = p.skipContent(); err != nil {
		return formPart{}, err
	}
	// After the delimiter: "--" closes the body, a line end starts the next
	// part.
	end, err := p.br.Peek(2)
	if err != nil && (len(end) != 1 || end[0] != '\n') {
		return formPart{}, fmt.Errorf("after a boundary: %w", unexpectedEOF(err))
	}
	switch {
	case string(end) == "--":
		p.done = true
		_, _ = p.br.Discard(2)
	case string(end) == "\r\n":
		_, _ = p.br.Discard(2)
	case end[0] == '\n':
		_, _ = p.br.Discard(1)
	default:
		return formPart{}, errors.New("a boundary is followed by neither a line end nor --")
	}
	return part, nil
}

// skipContent reads up to the next delimiter and returns how many content
// bytes came before it.
func (p *partReader) skipContent() (int64, error) {
	// A boundary right at the start is an empty part whose line end was
	// taken by the end of its headers (mime/multipart reads it so).
	bare := p.delimiter[bytes.IndexByte(p.delimiter, '-'):]
	if start, _ := p.br.Peek(len(bare)); bytes.Equal(start, bare) {
		_, _ = p.br.Discard(len(bare))
		return 0, nil
	}
	var n int64
	for {
		buf, err := p.br.Peek(partBufferSize)
		if i := bytes.Index(buf, p.delimiter); i >= 0 {
			_, _ = p.br.Discard(i + len(p.delimiter))
			return n + int64(i), nil
		}
		if err != nil && !errors.Is(err, bufio.ErrBufferFull) {
			return n, fmt.Errorf("part content: %w", unexpectedEOF(err))
		}
		// Keep what could be the start of a delimiter cut by the buffer's end.
		keep := min(len(buf), len(p.delimiter)-1)
		_, _ = p.br.Discard(len(buf) - keep)
		n += int64(len(buf) - keep)
	}
}

// unexpectedEOF turns the end of the body inside a part into
// io.ErrUnexpectedEOF: only the closing boundary ends a form.
func unexpectedEOF(err error) error {
	if errors.Is(err, io.EOF) {
		return io.ErrUnexpectedEOF
	}
	return err
}
