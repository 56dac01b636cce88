package view

import "strings"

// texts gathers the texts of many figures of a table into one string, each figure's text
// a part of it: the earlier plans' table of a locality page printed three figures a cell,
// each its own string (a dozen cells a page), and a plan's table a line under each target.
//
// A table writes each figure's text (write, or the builder itself) and ends it (end); done
// makes the string, without copying it; then the table walks its places again in the same
// order, giving each the next text (next). A texts must not be copied once written to.
type texts struct {
	sb   strings.Builder
	ends []int32 // where each text ends in sb
	all  string  // sb's string, once done
	at   int     // the texts next has given
}

// grow makes room for n texts of size bytes in all.
func (t *texts) grow(n, size int) {
	t.sb.Grow(size)
	t.ends = make([]int32, 0, n)
}

// write appends b to the text being written.
func (t *texts) write(b []byte) { t.sb.Write(b) }

// end ends the text written since the last end.
func (t *texts) end() { t.ends = append(t.ends, int32(t.sb.Len())) }

// done makes the one string the texts are parts of.
func (t *texts) done() { t.all = t.sb.String() }

// next is the next text, in the order they were ended.
func (t *texts) next() string {
	start := 0
	if t.at > 0 {
		start = int(t.ends[t.at-1])
	}
	s := t.all[start:t.ends[t.at]]
	t.at++
	return s
}
