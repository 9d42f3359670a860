package falmock

import (
	"bytes"
	"encoding/json"
	"fmt"
	"unicode/utf8"
)

// members calls f with the name and the raw value of each member of the
// JSON object that data holds, in order. It reads the object's own
// punctuation strictly and each value only far enough to find its end, at
// memory speed: the values are checked when they are decoded, so that
// reading the outline of fal's 775 KB schema does not scan it as JSON
// several times over.
func members(data []byte, f func(name string, value []byte) error) error {
	i := skipSpace(data, 0)
	if i == len(data) || data[i] != '{' {
		return outlineError(data, i, "want a JSON object")
	}
	i = skipSpace(data, i+1)
	if i < len(data) && data[i] == '}' {
		return trailing(data, i+1)
	}
	for {
		if i == len(data) || data[i] != '"' {
			return outlineError(data, i, "want a member name")
		}
		end, err := stringEnd(data, i)
		if err != nil {
			return err
		}
		name, err := memberName(data[i:end])
		if err != nil {
			return outlineError(data, i, err.Error())
		}
		i = skipSpace(data, end)
		if i == len(data) || data[i] != ':' {
			return outlineError(data, i, "want ':' after a member name")
		}
		start := skipSpace(data, i+1)
		if end, err = valueEnd(data, start); err != nil {
			return err
		}
		if err := f(name, data[start:end]); err != nil {
			return err
		}
		i = skipSpace(data, end)
		if i == len(data) {
			return outlineError(data, i, "unexpected end of the object")
		}
		switch data[i] {
		case ',':
			i = skipSpace(data, i+1)
		case '}':
			return trailing(data, i+1)
		default:
			return outlineError(data, i, "want ',' or '}' after a member")
		}
	}
}

// memberName unquotes a member name, through encoding/json when it holds
// an escape or bytes that are not UTF-8.
func memberName(quoted []byte) (string, error) {
	if bytes.IndexByte(quoted, '\\') < 0 && utf8.Valid(quoted) {
		return string(quoted[1 : len(quoted)-1]), nil
	}
	var name string
	err := json.Unmarshal(quoted, &name)
	return name, err
}

// stringEnd returns the index after the string that starts at data[i].
func stringEnd(data []byte, i int) (int, error) {
	for j := i + 1; ; j++ {
		k := bytes.IndexByte(data[j:], '"')
		if k < 0 {
			return 0, outlineError(data, i, "unterminated string")
		}
		j += k
		backslashes := 0
		for b := j - 1; b > i && data[b] == '\\'; b-- {
			backslashes++
		}
		if backslashes%2 == 0 {
			return j + 1, nil
		}
	}
}

// valueEnd returns the index after the value that starts at data[i]: a
// string, an object or array (by its brackets, strings skipped), or a
// literal up to the next delimiter.
func valueEnd(data []byte, i int) (int, error) {
	if i == len(data) {
		return 0, outlineError(data, i, "want a value")
	}
	switch data[i] {
	case '"':
		return stringEnd(data, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(data); j++ {
			switch data[j] {
			case '"':
				end, err := stringEnd(data, j)
				if err != nil {
					return 0, err
				}
				j = end - 1
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return j + 1, nil
				}
			}
		}
		return 0, outlineError(data, i, "unterminated object or array")
	}
	j := i
	for j < len(data) && !isDelimiter(data[j]) {
		j++
	}
	if j == i {
		return 0, outlineError(data, i, "want a value")
	}
	return j, nil
}

// isDelimiter reports whether c ends a literal (a number, true, false or
// null).
func isDelimiter(c byte) bool {
	switch c {
	case ',', '}', ']', ' ', '\t', '\r', '\n':
		return true
	}
	return false
}

func skipSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n') {
		i++
	}
	return i
}

// trailing accepts only white space after an object.
func trailing(data []byte, i int) error {
	if i = skipSpace(data, i); i != len(data) {
		return outlineError(data, i, "unexpected text after the object")
	}
	return nil
}

// outlineError says what is wrong at data[i], with the offset.
func outlineError(data []byte, i int, what string) error {
	return fmt.Errorf("invalid JSON at offset %d of %d: %s", i, len(data), what)
}
