package jsondec

import (
	"slices"
	"testing"
)

// TestFieldGuessesGiveTheLookupsAnswer decodes objects whose keys come in
// a learned order, in another order, escaped, prefixed, spaced and
// unknown, and checks that Field always gives the field the lookup gives.
func TestFieldGuessesGiveTheLookupsAnswer(t *testing.T) {
	names := []string{"id", "name", "names", "size"}
	keys := []string{`"id"`, `"name"`, `"names"`, `"size"`}
	match := func(k []byte) int { return slices.Index(names, string(k)) }
	d := &Decoder{}
	for _, c := range []struct {
		doc  string
		want []int
	}{
		{`{"id":1,"name":1,"size":1}`, []int{0, 1, 3}},
		{`{"id":1,"name":1,"size":1}`, []int{0, 1, 3}}, // guessed all the way
		{`{"size":1,"id":1,"names":1}`, []int{3, 0, 2}},
		{`{"id":1,"names":1,"size":1}`, []int{0, 2, 3}}, // "name" guessed, "names" there
		{`{"id":1,"n\u0061me":1}`, []int{0, 1}},         // escaped: the lookup finds it
		{`{"id" : 1,"other":1,"id":1}`, []int{0, -1, 0}},
	} {
		d.reset([]byte(c.doc))
		order := d.Order(0, len(keys))
		var got []int
		if !d.BeginObject() {
			t.Fatalf("%s: no object", c.doc)
		}
		f := -1
		for i := 0; d.NextField(i); i++ {
			f = d.Field(order, f, keys, match)
			got = append(got, f)
			d.Skip()
		}
		if err := d.end(); err != nil || !slices.Equal(got, c.want) {
			t.Errorf("%s: fields %v (%v), want %v", c.doc, got, err, c.want)
		}
	}
	d.reset([]byte(`{"id" 1}`))
	order := d.Order(0, len(keys))
	d.BeginObject()
	d.NextField(0)
	order[0] = 0 // guess "id"
	if d.Field(order, -1, keys, match); d.end() == nil {
		t.Error(`a guessed key without its colon decoded`)
	}
}
