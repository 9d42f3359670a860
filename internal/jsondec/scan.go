package jsondec

// The structure of a document: objects, arrays, literals, and values
// skipped whole. A generated decoder walks an object by calling
// BeginObject (false for null: nothing to do), then NextField with the
// index of each field in turn while it reports true, switching on Key to
// decode the field's value, or Skip an unknown one; and an array with
// BeginArray and NextElem likewise.

// BeginObject starts an object. For null it consumes it and reports false
// (null leaves a struct as it is); for any other value it fails.
func (d *Decoder) BeginObject() bool { return d.begin('{', "an object") }

// BeginArray starts an array, as BeginObject starts an object.
func (d *Decoder) BeginArray() bool { return d.begin('[', "an array") }

// begin consumes open, or null (reporting false), or fails.
func (d *Decoder) begin(open byte, want string) bool {
	switch d.next() {
	case open:
		d.pos++
		return d.push()
	case 'n':
		d.Null()
		return false
	}
	d.mismatch(want)
	return false
}

// push enters an object or array, failing beyond encoding/json's depth.
func (d *Decoder) push() bool {
	if d.depth++; d.depth > maxDepth {
		d.syntaxError("exceeded max depth")
		return false
	}
	return true
}

// NextField moves to the next key of the object begun, reporting whether
// there is one; at the closing brace it leaves the object. i is the
// number of keys read before.
func (d *Decoder) NextField(i int) bool {
	c := d.next()
	if c == '}' {
		d.pos++
		d.depth--
		return false
	}
	if i > 0 {
		if c != ',' {
			d.syntaxError("after an object value, want ',' or '}'")
			return false
		}
		d.pos++
		c = d.next()
	}
	if c != '"' {
		d.syntaxError("want a string key")
		return false
	}
	return true
}

// Key reads the key NextField found, and the colon after it. The bytes
// are the key unescaped, valid until the next key or string is read.
func (d *Decoder) Key() []byte {
	k := d.stringBytes()
	if d.next() != ':' {
		d.syntaxError("after an object key, want ':'")
		return nil
	}
	d.pos++
	return k
}

// NextElem moves to the next element of the array begun, reporting
// whether there is one; at the closing bracket it leaves the array. i is
// the number of elements read before.
func (d *Decoder) NextElem(i int) bool {
	c := d.next()
	if c == ']' {
		d.pos++
		d.depth--
		return false
	}
	if i > 0 {
		if c != ',' {
			d.syntaxError("after an array element, want ',' or ']'")
			return false
		}
		d.pos++
	}
	return d.err == nil
}

// Null consumes null if it comes next and reports whether it did.
func (d *Decoder) Null() bool {
	if d.next() != 'n' {
		return false
	}
	d.literal("null")
	return true
}

// literal consumes the literal word at the position.
func (d *Decoder) literal(word string) {
	end := d.pos + len(word)
	if end > len(d.data) || string(d.data[d.pos:end]) != word {
		d.syntaxError("invalid literal")
		return
	}
	d.pos = end
}

// Skip consumes the next value, whatever it is, checking its syntax.
func (d *Decoder) Skip() {
	switch c := d.next(); c {
	case '{':
		d.pos++
		if !d.push() {
			return
		}
		for i := 0; d.NextField(i); i++ {
			d.Key()
			d.Skip()
		}
	case '[':
		d.pos++
		if !d.push() {
			return
		}
		for i := 0; d.NextElem(i); i++ {
			d.Skip()
		}
	case '"':
		d.skipString()
	case 't':
		d.literal("true")
	case 'f':
		d.literal("false")
	case 'n':
		d.literal("null")
	default:
		if c == '-' || isDigit(c) {
			d.number()
			return
		}
		d.syntaxError("want a value")
	}
}

// Raw consumes the next value and returns its bytes, as encoding/json
// hands them to an Unmarshaler: valid until the document is released.
func (d *Decoder) Raw() []byte {
	d.next()
	start := d.pos
	d.Skip()
	if d.err != nil {
		return nil
	}
	return d.data[start:d.pos]
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
