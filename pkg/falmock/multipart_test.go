package falmock

import (
	"bytes"
	"errors"
	"io"
	"mime/multipart"
	"net/textproto"
	"strings"
	"testing"
)

// writeForm writes a form with one part per content, as mime/multipart does.
func writeForm(t testing.TB, boundary string, contents ...[]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	if err := w.SetBoundary(boundary); err != nil {
		t.Fatal(err)
	}
	for i, c := range contents {
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", `form-data; name="f`+string(rune('a'+i))+`"; filename="x.bin"`)
		h.Set("Content-Type", "application/octet-stream")
		pw, err := w.CreatePart(h)
		if err != nil {
			t.Fatal(err)
		}
		pw.Write(c)
	}
	w.Close()
	return buf.Bytes()
}

// readParts reads every part of a form with partReader.
func readParts(body []byte, boundary string) ([]formPart, error) {
	p, err := newPartReader(bytes.NewReader(body), boundary)
	if err != nil {
		return nil, err
	}
	var parts []formPart
	for {
		part, err := p.next()
		if errors.Is(err, io.EOF) {
			return parts, nil
		}
		if err != nil {
			return parts, err
		}
		parts = append(parts, part)
	}
}

func TestPartReaderCountsContentAcrossBufferEdges(t *testing.T) {
	t.Parallel()
	const boundary = "b0undary"
	delim := len("\r\n--" + boundary)
	// Contents whose end, and so the delimiter after them, falls on every
	// position around the end of the first buffer, given the part's header.
	header := len(writeForm(t, boundary, nil)) - delim - len("--\r\n")
	for shift := -delim - 2; shift <= delim+2; shift++ {
		size := partBufferSize - header + shift
		content := bytes.Repeat([]byte("\r\n--b0undar"), size/11+1)[:size] // near-misses of the delimiter
		parts, err := readParts(writeForm(t, boundary, content, []byte("second")), boundary)
		if err != nil {
			t.Fatalf("shift %d: %v", shift, err)
		}
		if len(parts) != 2 || parts[0].size != int64(size) || parts[1].size != 6 {
			t.Fatalf("shift %d: parts %+v, want sizes %d and 6", shift, parts, size)
		}
	}
}

func TestPartReaderHeadersAndErrors(t *testing.T) {
	parts, err := readParts(writeForm(t, "xyz", []byte("hello"), nil), "xyz")
	if err != nil || len(parts) != 2 {
		t.Fatalf("%+v %v", parts, err)
	}
	if p := parts[0]; p.name != "fa" || p.filename != "x.bin" || p.contentType != "application/octet-stream" || p.size != 5 {
		t.Errorf("first part %+v", p)
	}
	if parts[1].size != 0 {
		t.Errorf("empty part has size %d", parts[1].size)
	}
	form := writeForm(t, "xyz", []byte("hello"))
	for name, body := range map[string]string{
		"no boundary at all":   "just text",
		"truncated content":    string(form[:len(form)-12]),
		"bad after a boundary": strings.Replace(string(form), "--xyz--", "--xyzXX", 1),
		"headers never end":    "--xyz\r\nContent-Disposition: form-data; name=\"a\"",
	} {
		if _, err := readParts([]byte(body), "xyz"); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// FuzzPartReader holds partReader to mime/multipart: on any body, it never
// panics, and where mime/multipart reads the parts, it reads the same
// names and sizes.
func FuzzPartReader(f *testing.F) {
	f.Add(writeForm(f, "b", []byte("a\r\n-b"), []byte("--b")))
	f.Add([]byte("--b--\r\n"))
	f.Add([]byte("preamble\r\n--b\r\n\r\n\r\n--b--"))
	f.Fuzz(func(t *testing.T, body []byte) {
		got, err := readParts(body, "b")
		if err != nil {
			return
		}
		mr := multipart.NewReader(bytes.NewReader(body), "b")
		var want []formPart
		for {
			part, err := mr.NextPart()
			if err != nil {
				if !errors.Is(err, io.EOF) {
					return // mime/multipart refuses what we accept: no reference
				}
				break
			}
			n, err := io.Copy(io.Discard, part)
			if err != nil {
				return
			}
			want = append(want, formPart{name: part.FormName(), filename: part.FileName(), size: n})
		}
		if len(got) != len(want) {
			t.Fatalf("%d parts, mime/multipart reads %d", len(got), len(want))
		}
		for i := range got {
			if got[i].name != want[i].name || got[i].size != want[i].size {
				t.Fatalf("part %d: %+v, mime/multipart reads %+v", i, got[i], want[i])
			}
		}
	})
}
