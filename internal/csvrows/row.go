package csvrows

// Row is one row of a CSV file.
type Row struct {
	values []string
	index  map[string]int
	line   int
}

// Get returns the field of the row in the named column, and whether the
// header has that column.
func (r Row) Get(column string) (string, bool) {
	i, ok := r.index[column]
	if !ok {
		return "", false
	}
	return r.values[i], true
}

// Values returns the fields of the row, in the order of the header. The
// slice is reused by the next call to [Reader.Next]; the strings in it stay
// valid.
func (r Row) Values() []string {
	return r.values
}

// Line returns the line of the file on which the row starts, counting
// from 1.
func (r Row) Line() int {
	return r.line
}
