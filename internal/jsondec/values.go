package jsondec

import (
	"encoding/json"
	"unsafe"
)

// The functions here decode one value into a Go value of a basic kind,
// as encoding/json does: null leaves a value as it is and sets a pointer
// to nil; a value of another JSON type is an error. They are generic so
// that named types (the string enums of falapi) take the same path.

// String decodes a JSON string into *p.
func String[T ~string](d *Decoder, p *T) {
	switch d.next() {
	case '"':
		*p = T(d.copyString(d.stringBytes()))
	case 'n':
		d.literal("null")
	default:
		d.mismatch("a string")
	}
}

// Float decodes a JSON number into *p.
func Float[T ~float64](d *Decoder, p *T) {
	if mant, frac, neg, end, ok := d.plainNumber(); ok && mant <= 1<<53 && frac <= 22 {
		// Exact, as numberScan.float64 explains.
		f := float64(mant) / exactPowers[frac]
		if neg {
			f = -f
		}
		*p, d.pos = T(f), end
		return
	}
	if n, ok := d.numberValue(); ok {
		if f, ok := n.float64(d.data); ok {
			*p = T(f)
		} else {
			d.pos = n.start
			d.mismatch("a float64")
		}
	}
}

// Int decodes a JSON number that is an integer into *p.
func Int[T ~int](d *Decoder, p *T) {
	if mant, frac, neg, end, ok := d.plainNumber(); ok && frac == 0 {
		v := int64(mant) // at most 18 digits
		if neg {
			v = -v
		}
		*p, d.pos = T(v), end
		return
	}
	if n, ok := d.numberValue(); ok {
		if v, ok := n.int64(d.data); ok {
			*p = T(v)
		} else {
			d.pos = n.start
			d.mismatch("an int")
		}
	}
}

// numberValue scans the number Float or Int decodes; it reports false for
// null, and for anything else, which fails.
func (d *Decoder) numberValue() (numberScan, bool) {
	switch c := d.next(); {
	case c == '-' || isDigit(c):
		return d.scanNumber()
	case c == 'n':
		d.literal("null")
	default:
		d.mismatch("a number")
	}
	return numberScan{}, false
}

// Bool decodes true or false into *p.
func Bool[T ~bool](d *Decoder, p *T) {
	switch d.next() {
	case 't':
		d.literal("true")
		*p = true
	case 'f':
		d.literal("false")
		*p = false
	case 'n':
		d.literal("null")
	default:
		d.mismatch("a bool")
	}
}

// The four decoders of optional scalars below are spelled out rather than
// sharing one that takes the scalar's decoder as a function value: the
// direct call inlines, which a page of ten thousand items feels (about a
// tenth of its decoding time).

// StringPtr decodes an optional string: null sets *p to nil, a string is
// stored in *p, allocated (from a slab) when nil.
func StringPtr[T ~string](d *Decoder, p **T) {
	if d.Null() {
		*p = nil
		return
	}
	if *p == nil {
		// T's underlying type is string: a *string points at a T.
		*p = (*T)(unsafe.Pointer(d.alloc.strings.take()))
	}
	String(d, *p)
}

// FloatPtr decodes an optional number, as StringPtr a string.
func FloatPtr[T ~float64](d *Decoder, p **T) {
	if d.Null() {
		*p = nil
		return
	}
	if *p == nil {
		*p = (*T)(unsafe.Pointer(d.alloc.floats.take()))
	}
	Float(d, *p)
}

// IntPtr decodes an optional integer, as StringPtr a string.
func IntPtr[T ~int](d *Decoder, p **T) {
	if d.Null() {
		*p = nil
		return
	}
	if *p == nil {
		*p = (*T)(unsafe.Pointer(d.alloc.ints.take()))
	}
	Int(d, *p)
}

// BoolPtr decodes an optional bool, as StringPtr a string.
func BoolPtr[T ~bool](d *Decoder, p **T) {
	if d.Null() {
		*p = nil
		return
	}
	if *p == nil {
		*p = (*T)(unsafe.Pointer(d.alloc.bools.take()))
	}
	Bool(d, *p)
}

// Unmarshal hands the next value's bytes to u's UnmarshalJSON, as
// encoding/json does (null included); its error ends the decoding.
func Unmarshal(d *Decoder, u json.Unmarshaler) {
	raw := d.Raw()
	if d.err != nil {
		return
	}
	if err := u.UnmarshalJSON(raw); err != nil {
		d.fail(err)
	}
}

// Fallback decodes the next value into v with encoding/json itself: for
// the types the generator leaves to it (interfaces, TextUnmarshalers,
// kinds it has no function for).
func Fallback(d *Decoder, v any) {
	raw := d.Raw()
	if d.err != nil {
		return
	}
	if err := json.Unmarshal(raw, v); err != nil {
		d.fail(err)
	}
}
