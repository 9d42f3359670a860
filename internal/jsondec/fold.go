package jsondec

import (
	"unicode"
	"unicode/utf8"
)

// A key that is no field's exact name still matches the field whose name
// it equals under Unicode case folding, as in encoding/json: "ID" and "Id"
// match "id", and so do "ſ" for "s" and the Kelvin sign for "k". The
// generated decoders compare a key's fold with the folds of their field
// names, which FoldString computes when they are generated.

// FoldBuffer is a size of buffer that holds the fold of most keys.
const FoldBuffer = 64

// AppendFold appends the fold of key to out: each rune replaced by the
// smallest rune of its case-folding orbit, ASCII letters upper-cased.
func AppendFold(out, key []byte) []byte {
	for i := 0; i < len(key); {
		if c := key[i]; c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' {
				c -= 'a' - 'A'
			}
			out = append(out, c)
			i++
			continue
		}
		r, size := utf8.DecodeRune(key[i:])
		out = utf8.AppendRune(out, foldRune(r))
		i += size
	}
	return out
}

// FoldString is the fold of a field name, for the generator.
func FoldString(name string) string { return string(AppendFold(nil, []byte(name))) }

// foldRune is the smallest rune of r's case-folding orbit.
func foldRune(r rune) rune {
	for {
		next := unicode.SimpleFold(r)
		if next <= r {
			return next
		}
		r = next
	}
}
