package fal

import (
	"fmt"
	"strings"
)

// The generated methods check what they can before building a request, and
// report every problem at once (errors.Join of *ArgumentError).

func argError(op *operation, name, problem string) error {
	return &ArgumentError{Operation: op.name, Argument: name, Problem: problem}
}

// checkRequired rejects an empty required string (or enum).
func checkRequired[T ~string](op *operation, name string, value T) error {
	if value == "" {
		return argError(op, name, "must not be empty")
	}
	return nil
}

// checkNotEmpty rejects an empty required list.
func checkNotEmpty[T any](op *operation, name string, values []T) error {
	if len(values) == 0 {
		return argError(op, name, "must not be empty")
	}
	return nil
}

// checkFilePath accepts a slash-separated relative file path whose segments
// cannot step out of it: no empty, "." or ".." segment, no control
// character. Other characters (spaces, ?, #, %) are escaped when sent.
func checkFilePath(op *operation, name, value string) error {
	if value == "" {
		return argError(op, name, "must not be empty")
	}
	for _, seg := range strings.Split(value, "/") {
		switch seg {
		case "":
			return argError(op, name, fmt.Sprintf("%q has an empty segment (a leading, trailing or double slash)", value))
		case ".", "..":
			return argError(op, name, fmt.Sprintf("%q has a %q segment", value, seg))
		}
	}
	if strings.ContainsFunc(value, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return argError(op, name, fmt.Sprintf("%q has a control character", value))
	}
	return nil
}

// deref returns *p, or the zero value for nil.
func deref[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}

// nonNil returns an empty list for nil, so that it encodes as [] not null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
