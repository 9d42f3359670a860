package genclient

// nullableSource is gen/falapi/nullable.gen.go: the type internal/normalize
// gives every property that may be null (x-go-type Nullable[T]), in place
// of oapi-codegen's nullable.Nullable, a map per value. It has the methods
// of oapi-codegen's, and IsZero, through which omitzero leaves an
// unspecified value out of the JSON. The decoders of internal/falapidec
// decode it as its UnmarshalJSON does, through Set and SetNull.
const nullableSource = Header + `
package falapi

import (
	"bytes"
	"encoding/json"
	"errors"
)

// Nullable is the value of a property that may be null. It is in one of
// three states, so that null, absent and a value stay three different
// things when decoding an answer and when encoding a request (a PATCH body
// sends null to clear a field):
//
//   - unspecified (the zero Nullable): the property was absent. A field of
//     an optional property is tagged omitzero, so that it is left out of
//     the JSON; a required one is written as null;
//   - null: the property was, or is sent as, null (SetNull);
//   - a value (Set).
type Nullable[T any] struct {
	value     T
	specified bool
	null      bool
}

// Get returns the value, or an error when it is null or unspecified.
func (n Nullable[T]) Get() (T, error) {
	var zero T
	switch {
	case n.null:
		return zero, errors.New("value is null")
	case !n.specified:
		return zero, errors.New("value is not specified")
	}
	return n.value, nil
}

// GetOrEmpty returns the value, or T's zero value when it is null or
// unspecified.
func (n Nullable[T]) GetOrEmpty() T {
	if n.null || !n.specified {
		var zero T
		return zero
	}
	return n.value
}

// MustGet returns the value, and panics when it is null or unspecified.
func (n Nullable[T]) MustGet() T {
	v, err := n.Get()
	if err != nil {
		panic(err)
	}
	return v
}

// Set sets a value.
func (n *Nullable[T]) Set(value T) {
	*n = Nullable[T]{value: value, specified: true}
}

// SetNull makes it null.
func (n *Nullable[T]) SetNull() {
	*n = Nullable[T]{specified: true, null: true}
}

// SetUnspecified makes it unspecified, as a zero Nullable is.
func (n *Nullable[T]) SetUnspecified() {
	*n = Nullable[T]{}
}

// IsNull reports whether it is null.
func (n Nullable[T]) IsNull() bool { return n.null }

// IsSpecified reports whether it is null or holds a value.
func (n Nullable[T]) IsSpecified() bool { return n.specified }

// IsZero reports whether it is unspecified: omitzero leaves it out.
func (n Nullable[T]) IsZero() bool { return !n.specified }

// MarshalJSON writes the value, or null when it is null or unspecified.
func (n Nullable[T]) MarshalJSON() ([]byte, error) {
	if n.null || !n.specified {
		return []byte("null"), nil
	}
	return json.Marshal(n.value)
}

// UnmarshalJSON reads null, or a value decoded as T.
func (n *Nullable[T]) UnmarshalJSON(data []byte) error {
	if bytes.Equal(data, []byte("null")) {
		n.SetNull()
		return nil
	}
	var v T
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	n.Set(v)
	return nil
}
`
