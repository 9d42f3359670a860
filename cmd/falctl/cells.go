package main

import (
	"strconv"
	"time"

	"github.com/falplatform/fal-go/gen/falapi"
)

// The functions here turn the API's values into table and CSV cells; an
// absent value is an empty cell.

// num writes a number in its shortest exact form: 0.025, 1500.
func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// str writes a string or a string enum.
func str[S ~string](s S) string { return string(s) }

// timestamp writes a time in RFC 3339, in UTC.
func timestamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// ptrCell writes *p, or nothing for nil.
func ptrCell[T any](p *T, format func(T) string) string {
	if p == nil {
		return ""
	}
	return format(*p)
}

// nullCell writes a nullable value, or nothing for null or unset.
func nullCell[T any](n falapi.Nullable[T], format func(T) string) string {
	v, err := n.Get()
	if err != nil {
		return ""
	}
	return format(v)
}
