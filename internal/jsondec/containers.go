package jsondec

import "slices"

// The functions here decode the containers of the generated types;
// elem decodes one element in place.

// Slice decodes an array into *p as encoding/json does: elements are
// decoded into the slice's own, reusing its backing array up to its
// capacity (a key given twice merges into what the first gave), the
// slice is cut to the array's length, an empty array gives an empty
// slice of its own and null gives nil.
func Slice[S ~[]T, T any](d *Decoder, p *S, elem func(*Decoder, *T)) {
	if d.Null() {
		*p = nil
		return
	}
	if !d.BeginArray() {
		return
	}
	s := *p
	i := 0
	for ; d.NextElem(i); i++ {
		if i == cap(s) {
			s = slices.Grow(s, 1)
		}
		if i >= len(s) {
			s = s[:i+1]
		}
		elem(d, &s[i])
	}
	switch {
	case i == 0:
		s = S{}
	case i < len(s):
		s = s[:i]
	}
	*p = s
}

// Map decodes an object into *p as encoding/json does: into the map
// there is (made when nil), each key's value decoded from its zero value;
// null gives nil.
func Map[M ~map[K]V, K ~string, V any](d *Decoder, p *M, elem func(*Decoder, *V)) {
	if d.Null() {
		*p = nil
		return
	}
	if !d.BeginObject() {
		return
	}
	m := *p
	if m == nil {
		m = M{}
		*p = m
	}
	value := new(V)
	for i := 0; d.NextField(i); i++ {
		key := K(d.copyString(d.Key()))
		var zero V
		*value = zero
		elem(d, value)
		m[key] = *value
	}
}

// Ptr decodes an optional value: null sets *p to nil, anything else is
// decoded into *p, allocated when nil.
func Ptr[T any](d *Decoder, p **T, elem func(*Decoder, *T)) {
	if d.Null() {
		*p = nil
		return
	}
	if *p == nil {
		*p = new(T)
	}
	elem(d, *p)
}
