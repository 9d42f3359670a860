package jsondec

// Servers write the keys of an object in the same order every time, so
// that in a list of objects, the key that follows a field's is nearly
// always the one that followed it in the object before. A generated
// decoder asks Field for each key: it first compares the bytes ahead
// with the key that came next last time, which takes no scan and no
// lookup, and looks the key up only when that guess fails. A guess that
// matches is the exact key of its field, so that the outcome is the one
// the lookup would give; guesses only make it faster.

// Order returns the learned order of a struct type's keys, the row of
// slot (each generated struct decoder has its own): for the start of an
// object and after each of its fields fields, the field whose key came
// next last time, or -1. A pooled Decoder keeps what it learned.
func (d *Decoder) Order(slot, fields int) []int16 {
	if slot >= len(d.orders) {
		d.orders = append(d.orders, make([][]int16, slot+1-len(d.orders))...)
	}
	row := d.orders[slot]
	if len(row) != fields+1 {
		row = make([]int16, fields+1)
		for i := range row {
			row[i] = -1
		}
		d.orders[slot] = row
	}
	return row
}

// Field reads the key NextField found, and its colon, and returns the
// index of its field: keys holds the key of each field as JSON writes it,
// quoted; prev is the field before (-1 at the start or after an unknown
// key); match looks a key up, returning -1 when no field has it.
func (d *Decoder) Field(order []int16, prev int, keys []string, match func([]byte) int) int {
	row := prev + 1
	if g := order[row]; g >= 0 && d.keyIs(keys[g]) {
		return int(g)
	}
	f := match(d.Key())
	order[row] = int16(f)
	return f
}

// keyIs consumes the key ahead and its colon when the key is written
// exactly as quoted is, reporting whether it was.
func (d *Decoder) keyIs(quoted string) bool {
	data := d.data
	end := d.pos + len(quoted)
	if end > len(data) || string(data[d.pos:end]) != quoted {
		return false
	}
	for end < len(data) && (data[end] == ' ' || data[end] == '\t' || data[end] == '\n' || data[end] == '\r') {
		end++
	}
	if end == len(data) || data[end] != ':' {
		return false
	}
	d.pos = end + 1
	return true
}
