package i18n

import (
	"fmt"
	"strconv"
)

// A format is a UI string with verbs, read once: T fills in its texts and whole numbers
// without fmt (a page fills a hundred strings), and leaves to fmt.Sprintf what it does not
// read — any verb but %s and %d (and their explicit argument indexes, %[2]s), and
// arguments of other types — so that T's result is always fmt's.
type format struct {
	parts []formatPart // nil when fmt writes it
	// args is how many arguments the verbs take, highest index first; reordered when
	// an index is explicit (fmt then says nothing of extra arguments).
	args      int
	reordered bool
}

// formatPart is a literal text (arg < 0) or an argument written with verb 's' or 'd'.
type formatPart struct {
	lit  string
	arg  int
	verb byte
}

// parseFormat reads s; a format without parts when it holds anything else than text, %%,
// %s, %d and %[n]s, %[n]d.
func parseFormat(s string) format {
	var f format
	argNum, lit := 0, []byte(nil)
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			lit = append(lit, s[i])
			continue
		}
		i++
		if i < len(s) && s[i] == '%' {
			lit = append(lit, '%')
			continue
		}
		if i < len(s) && s[i] == '[' {
			end := i + 1
			for end < len(s) && s[end] >= '0' && s[end] <= '9' {
				end++
			}
			n, err := strconv.Atoi(s[i+1 : end])
			if err != nil || end >= len(s) || s[end] != ']' || n < 1 {
				return format{}
			}
			argNum, f.reordered, i = n-1, true, end+1
		}
		if i >= len(s) || (s[i] != 's' && s[i] != 'd') {
			return format{}
		}
		if len(lit) > 0 {
			f.parts = append(f.parts, formatPart{lit: string(lit), arg: -1})
			lit = nil
		}
		f.parts = append(f.parts, formatPart{arg: argNum, verb: s[i]})
		argNum++
		f.args = max(f.args, argNum)
	}
	if len(lit) > 0 {
		f.parts = append(f.parts, formatPart{lit: string(lit), arg: -1})
	}
	if f.parts == nil {
		f.parts = []formatPart{} // a string of no text: still read
	}
	return f
}

// appendTexts appends f filled with texts, as fmt.Sprintf(s, args...) writes s with them
// as its arguments: a text's verb is %s, and fmt writes anything else (a %d, an argument
// missing or left over) its own way. Texts, unlike T's arguments, are not boxed in
// interfaces: T's escape to the heap, through fmt, one allocation each.
func appendTexts[T string | []byte](f format, b []byte, s string, args []T) []byte {
	if f.parts == nil || len(args) < f.args || (!f.reordered && len(args) != f.args) {
		return append(b, sprintTexts(s, args)...)
	}
	start := len(b)
	for _, p := range f.parts {
		switch {
		case p.arg < 0:
			b = append(b, p.lit...)
		case p.verb == 's':
			b = append(b, args[p.arg]...)
		default:
			return append(b[:start], sprintTexts(s, args)...)
		}
	}
	return b
}

// appendInts appends f filled with whole numbers, as fmt.Sprintf(s, args...) writes s
// with them (their verb is %d), without boxing them.
func (f format) appendInts(b []byte, s string, args []int) []byte {
	if f.parts == nil || len(args) < f.args || (!f.reordered && len(args) != f.args) {
		return append(b, sprintInts(s, args)...)
	}
	start := len(b)
	for _, p := range f.parts {
		switch {
		case p.arg < 0:
			b = append(b, p.lit...)
		case p.verb == 'd':
			b = strconv.AppendInt(b, int64(args[p.arg]), 10)
		default:
			return append(b[:start], sprintInts(s, args)...)
		}
	}
	return b
}

// sprintInts is fmt.Sprintf(s, args...) with whole numbers, for what appendInts does not
// write.
func sprintInts(s string, args []int) string {
	boxed := make([]any, len(args))
	for i, a := range args {
		boxed[i] = a
	}
	return fmt.Sprintf(s, boxed...)
}

// sprintTexts is fmt.Sprintf(s, args...) with texts, for what appendTexts does not write.
func sprintTexts[T string | []byte](s string, args []T) string {
	boxed := make([]any, len(args))
	for i, a := range args {
		boxed[i] = string(a)
	}
	return fmt.Sprintf(s, boxed...)
}

// fill writes f with args as fmt.Sprintf(s, args...) writes s.
func (f format) fill(s string, args []any) string {
	if f.parts == nil || len(args) < f.args || (!f.reordered && len(args) != f.args) {
		return fmt.Sprintf(s, args...)
	}
	var buf [256]byte
	b := buf[:0]
	for _, p := range f.parts {
		if p.arg < 0 {
			b = append(b, p.lit...)
			continue
		}
		switch a := args[p.arg].(type) {
		case string:
			if p.verb != 's' {
				return fmt.Sprintf(s, args...)
			}
			b = append(b, a...)
		case int:
			if p.verb != 'd' {
				return fmt.Sprintf(s, args...)
			}
			b = strconv.AppendInt(b, int64(a), 10)
		default:
			return fmt.Sprintf(s, args...)
		}
	}
	return string(b)
}
