package falapidec_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
)

// The mutations turn each seed into the edge cases the decoders must
// decode as encoding/json does: keys in other cases, every member twice,
// nulls, escapes and bad UTF-8, odd and huge numbers, values of the wrong
// type, unknown enum values and fields, truncation and trailing data.

// tree is a JSON value that keeps the order of its keys.
type tree struct {
	kind byte // '{', '[', '"', '0' (number), 'b' (bool), 'n' (null)
	keys []string
	vals []*tree
	text string // a string's value, a number as written, "true" or "false"
}

// parseTree reads a JSON document into a tree.
func parseTree(data []byte) (*tree, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	return readTree(dec)
}

func readTree(dec *json.Decoder) (*tree, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch v := tok.(type) {
	case json.Delim:
		t := &tree{kind: byte(v)}
		for dec.More() {
			if t.kind == '{' {
				k, err := dec.Token()
				if err != nil {
					return nil, err
				}
				t.keys = append(t.keys, k.(string))
			}
			child, err := readTree(dec)
			if err != nil {
				return nil, err
			}
			t.vals = append(t.vals, child)
		}
		_, err := dec.Token()
		return t, err
	case string:
		return &tree{kind: '"', text: v}, nil
	case json.Number:
		return &tree{kind: '0', text: v.String()}, nil
	case bool:
		return &tree{kind: 'b', text: strconv.FormatBool(v)}, nil
	}
	return &tree{kind: 'n'}, nil
}

// rewrite copies t, replacing each value below the top by edit's result
// (nil keeps it) and each key by key's.
func rewrite(t *tree, edit func(*tree) *tree, key func(string) string) *tree {
	out := &tree{kind: t.kind, text: t.text}
	for i, v := range t.vals {
		nv := edit(v)
		if nv == nil {
			nv = rewrite(v, edit, key)
		}
		out.vals = append(out.vals, nv)
		if t.kind == '{' {
			out.keys = append(out.keys, key(t.keys[i]))
		}
	}
	return out
}

// write encodes t; quote writes its strings and keys.
func (t *tree) write(b *bytes.Buffer, quote func(*bytes.Buffer, string)) {
	switch t.kind {
	case '{', '[':
		b.WriteByte(t.kind)
		for i, v := range t.vals {
			if i > 0 {
				b.WriteByte(',')
			}
			if t.kind == '{' {
				quote(b, t.keys[i])
				b.WriteByte(':')
			}
			v.write(b, quote)
		}
		b.WriteByte(t.kind + 2) // '}' and ']' follow '{' and '[' by two
	case '"':
		quote(b, t.text)
	case 'n':
		b.WriteString("null")
	default:
		b.WriteString(t.text)
	}
}

func (t *tree) encode(quote func(*bytes.Buffer, string)) []byte {
	var b bytes.Buffer
	t.write(&b, quote)
	return b.Bytes()
}

// plainQuote writes a string as encoding/json does.
func plainQuote(b *bytes.Buffer, s string) {
	q, _ := json.Marshal(s)
	b.Write(q)
}

// escapeQuote writes every rune of a string as a \u escape (a surrogate
// pair beyond the BMP).
func escapeQuote(b *bytes.Buffer, s string) {
	b.WriteByte('"')
	for _, r := range s {
		for _, u := range utf16.Encode([]rune{r}) {
			fmt.Fprintf(b, `\u%04x`, u)
		}
	}
	b.WriteByte('"')
}

// badUTF8Quote writes a string with invalid UTF-8 and a lone surrogate
// after it.
func badUTF8Quote(b *bytes.Buffer, s string) {
	plainQuote(b, s)
	b.Truncate(b.Len() - 1)
	b.WriteString("\xff\xfe\\ud800\xc3\"")
}

// oddNumbers replace numbers, in turn: out of range, negative zero, a
// fraction (no int), more digits than a float64 holds, an exponent, the
// smallest denormal, 2^53+1, a mantissa beyond 2^53 with a fraction
// (rounding it to a float64 before scaling would be off by one unit).
var oddNumbers = []string{"1e400", "-0", "1.5", "12345678901234567890", "0.1e1", "4.9e-324", "9007199254740993", "900805.5674303005", "-7"}

// mutations returns the variants of a seed document.
func mutations(seed []byte) [][]byte {
	t, err := parseTree(seed)
	if err != nil {
		return nil
	}
	same := func(*tree) *tree { return nil }
	keep := func(k string) string { return k }
	var out [][]byte
	add := func(t *tree, quote func(*bytes.Buffer, string)) { out = append(out, t.encode(quote)) }

	// Keys in other cases: upper case, and the two non-ASCII runes that
	// fold to ASCII letters (ſ to S, the Kelvin sign to K).
	add(rewrite(t, same, strings.ToUpper), plainQuote)
	add(rewrite(t, same, func(k string) string {
		return strings.NewReplacer("s", "\u017f", "k", "\u212a").Replace(k)
	}), plainQuote)
	// Every string and key escaped; bad UTF-8 in every string.
	add(t, escapeQuote)
	add(rewrite(t, same, keep), badUTF8Quote)
	// Nulls for every value.
	add(rewrite(t, func(*tree) *tree { return &tree{kind: 'n'} }, keep), plainQuote)
	// Every member twice, the first time with its arrays doubled (so that
	// the second decodes into a longer slice) or another scalar.
	add(duplicated(t), plainQuote)
	// Unknown enum values: every string replaced.
	add(rewrite(t, func(v *tree) *tree {
		if v.kind == '"' {
			return &tree{kind: '"', text: "zz_unknown_value"}
		}
		return nil
	}, keep), plainQuote)
	// Odd and huge numbers.
	n := 0
	add(rewrite(t, func(v *tree) *tree {
		if v.kind != '0' {
			return nil
		}
		n++
		return &tree{kind: '0', text: oddNumbers[n%len(oddNumbers)]}
	}, keep), plainQuote)
	// Values of the wrong type: strings as numbers, numbers and bools as
	// strings, objects as arrays.
	add(rewrite(t, func(v *tree) *tree {
		switch v.kind {
		case '"':
			return &tree{kind: '0', text: "1"}
		case '0', 'b':
			return &tree{kind: '"', text: v.text}
		case '{':
			return &tree{kind: '['}
		}
		return nil
	}, keep), plainQuote)
	// Unknown fields in every object.
	add(withUnknownFields(t), plainQuote)
	// Truncated, with trailing data, reindented.
	for _, cut := range []int{len(seed) / 3, len(seed) / 2, len(seed) - 1} {
		out = append(out, seed[:cut])
	}
	out = append(out, append(bytes.Clone(seed), " x"...), append(bytes.Clone(seed), "{}"...))
	var indented bytes.Buffer
	if json.Indent(&indented, seed, "", "\t") == nil {
		out = append(out, append(indented.Bytes(), "\r\n"...))
	}
	return out
}

// duplicated writes every member of every object twice.
func duplicated(t *tree) *tree {
	out := &tree{kind: t.kind, text: t.text}
	for i, v := range t.vals {
		dv := duplicated(v)
		if t.kind == '{' {
			out.keys = append(out.keys, t.keys[i], t.keys[i])
			out.vals = append(out.vals, first(dv), dv)
			continue
		}
		out.vals = append(out.vals, dv)
	}
	return out
}

// first is the value a member has the first time duplicated writes it.
func first(v *tree) *tree {
	switch v.kind {
	case '[':
		return &tree{kind: '[', vals: append(append([]*tree{}, v.vals...), v.vals...)}
	case '"':
		return &tree{kind: '"', text: v.text + " (first)"}
	case '0':
		return &tree{kind: '0', text: "42"}
	}
	return v
}

// withUnknownFields adds a member no type has to every object.
func withUnknownFields(t *tree) *tree {
	out := rewrite(t, func(v *tree) *tree {
		if v.kind == '{' || v.kind == '[' {
			return withUnknownFields(v)
		}
		return nil
	}, func(k string) string { return k })
	if t.kind == '{' {
		unknown, _ := parseTree([]byte(`{"a":[1,"b",null,true,{"c":-0.5e3}],"d":"\u00e9"}`))
		out.keys = append(out.keys, "zz_unknown")
		out.vals = append(out.vals, unknown)
	}
	return out
}
