package view

// texts gathers the texts of many figures of a table into one buffer and makes them one
// string, each figure's text a part of it: the earlier plans' table of a locality page
// printed three figures a cell, each its own string (a dozen cells a page).
//
// A table appends each figure's text to b and ends it (end); done makes the string; then
// the table walks its places again in the same order, giving each the next text (next).
type texts struct {
	b    []byte
	ends []int32 // where each text ends in b
	all  string  // b, made a string by done
	at   int     // the texts next has given
}

// newTexts returns texts with room for n texts of about 8 bytes ("91,67 %", "2.965").
func newTexts(n int) texts {
	return texts{b: make([]byte, 0, 8*n), ends: make([]int32, 0, n)}
}

// end ends the text appended since the last end.
func (t *texts) end() { t.ends = append(t.ends, int32(len(t.b))) }

// done makes the one string the texts are parts of.
func (t *texts) done() { t.all, t.b = string(t.b), nil }

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
