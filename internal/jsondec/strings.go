package jsondec

import (
	"encoding/binary"
	"math/bits"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// plain marks the bytes a string can hold as they are: not the closing
// quote, a backslash, a control character or the start of a multi-byte
// UTF-8 sequence, which the slow path checks.
var plain = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// Eight bytes at a time: each byte of ones is 1, of highs 0x80.
const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// plainRun returns the index of the first byte from i on that is not
// plain, or len(data). It tests eight bytes at a time: a byte that is the
// quote or a backslash (XOR makes it zero), below 0x20 or 0x80 and above
// sets its high bit in the mask; the lowest set bit marks the first.
func plainRun(data []byte, i int) int {
	for ; i+8 <= len(data); i += 8 {
		w := binary.LittleEndian.Uint64(data[i:])
		quote, backslash := w^(ones*'"'), w^(ones*'\\')
		mask := ((quote - ones) &^ quote) | ((backslash - ones) &^ backslash) | ((w - ones*0x20) &^ w) | w
		if mask &= highs; mask != 0 {
			return i + bits.TrailingZeros64(mask)/8
		}
	}
	for i < len(data) && plain[data[i]] {
		i++
	}
	return i
}

// stringBytes reads the string at the position (its opening quote) and
// returns its bytes unescaped, as encoding/json does: escapes decoded, a
// lone or broken surrogate and each byte of invalid UTF-8 replaced by
// U+FFFD. The bytes are part of the document when it needed no change,
// else the scratch buffer's; either way they must be copied to be kept.
func (d *Decoder) stringBytes() []byte {
	data := d.data
	start := d.pos + 1
	i := plainRun(data, start)
	if i < len(data) && data[i] == '"' {
		d.pos = i + 1
		return data[start:i]
	}
	return d.slowString(start, i)
}

// slowString goes on from i, the first byte of the string at start that
// is not plain ASCII.
func (d *Decoder) slowString(start, i int) []byte {
	data := d.data
	out := d.scratch[:0]
	copied := false // out holds data[start:i] and what follows, changed
	for i < len(data) {
		c := data[i]
		switch {
		case c == '"':
			d.pos = i + 1
			if !copied {
				return data[start:i]
			}
			d.scratch = out
			return out
		case c == '\\':
			if !copied {
				out, copied = append(out, data[start:i]...), true
			}
			var ok bool
			if out, i, ok = unescape(out, data, i); !ok {
				d.pos = i
				d.syntaxError("invalid escape in a string")
				return nil
			}
		case c < 0x20:
			d.pos = i
			d.syntaxError("control character in a string")
			return nil
		case c < utf8.RuneSelf:
			if copied {
				out = append(out, c)
			}
			i++
		default:
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size == 1 {
				if !copied {
					out, copied = append(out, data[start:i]...), true
				}
				out = utf8.AppendRune(out, unicode.ReplacementChar)
			} else if copied {
				out = append(out, data[i:i+size]...)
			}
			i += size
		}
	}
	d.pos = len(data)
	d.syntaxError("")
	return nil
}

// unescape appends the escape at data[i] (a backslash) to out and returns
// the index after it, or false for an invalid escape.
func unescape(out, data []byte, i int) ([]byte, int, bool) {
	if i+1 >= len(data) {
		return out, i, false
	}
	switch e := data[i+1]; e {
	case '"', '\\', '/':
		return append(out, e), i + 2, true
	case 'b':
		return append(out, '\b'), i + 2, true
	case 'f':
		return append(out, '\f'), i + 2, true
	case 'n':
		return append(out, '\n'), i + 2, true
	case 'r':
		return append(out, '\r'), i + 2, true
	case 't':
		return append(out, '\t'), i + 2, true
	case 'u':
		r := hex4(data, i+2)
		if r < 0 {
			return out, i, false
		}
		i += 6
		if utf16.IsSurrogate(r) {
			// A pair decodes to one rune; anything else is U+FFFD, and
			// the next escape is read on its own.
			r2 := rune(-1)
			if i+1 < len(data) && data[i] == '\\' && data[i+1] == 'u' {
				r2 = hex4(data, i+2)
			}
			if dec := utf16.DecodeRune(r, r2); dec != unicode.ReplacementChar {
				return utf8.AppendRune(out, dec), i + 6, true
			}
			r = unicode.ReplacementChar
		}
		return utf8.AppendRune(out, r), i, true
	}
	return out, i, false
}

// hex4 reads the four hex digits at data[i:], or returns -1.
func hex4(data []byte, i int) rune {
	if i+4 > len(data) {
		return -1
	}
	var r rune
	for _, c := range data[i : i+4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return -1
		}
		r = r<<4 | rune(c)
	}
	return r
}

// skipString consumes the string at the position, checking its escapes
// and control characters, without decoding it.
func (d *Decoder) skipString() {
	data := d.data
	for i := plainRun(data, d.pos+1); i < len(data); i++ {
		switch c := data[i]; {
		case c == '"':
			d.pos = i + 1
			return
		case c == '\\':
			n := escapeLen(data, i)
			if n == 0 {
				d.pos = i
				d.syntaxError("invalid escape in a string")
				return
			}
			i += n - 1
		case c < 0x20:
			d.pos = i
			d.syntaxError("control character in a string")
			return
		}
	}
	d.pos = len(data)
	d.syntaxError("")
}

// escapeLen is the length of the valid escape at data[i] (a backslash),
// or 0.
func escapeLen(data []byte, i int) int {
	if i+1 >= len(data) {
		return 0
	}
	switch data[i+1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return 2
	case 'u':
		if hex4(data, i+2) >= 0 {
			return 6
		}
	}
	return 0
}
