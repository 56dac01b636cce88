package load

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// span is where a key and its value stand in a TOML file, and the value's source text.
type span struct {
	KeyLine, KeyCol int
	Line, Col       int    // where the value starts
	Raw             string // the value as written, for scalars
}

// positions maps key paths ("target.3.bhyt", "rate.bhyt") to where they are written.
// Array elements and arrays of tables get their index as a path segment.
type positions map[string]span

// scanPositions reads TOML source and records where every key and value is. It does not
// validate: BurntSushi/toml does that. On text it does not understand it skips to the next
// line, so it never fails and never panics; a key it missed is reported at its table.
func scanPositions(src []byte) positions {
	s := &scanner{src: src, line: 1, col: 1, out: positions{}, arrays: map[string]int{}}
	s.run()
	return s.out
}

type scanner struct {
	src       []byte
	off       int
	line, col int
	depth     int            // arrays and inline tables open around the current value
	table     string         // resolved path of the current table
	arrays    map[string]int // resolved path of each array of tables → elements so far
	out       positions
}

func (s *scanner) eof() bool { return s.off >= len(s.src) }

func (s *scanner) peek() byte {
	if s.eof() {
		return 0
	}
	return s.src[s.off]
}

func (s *scanner) hasPrefix(p string) bool {
	return strings.HasPrefix(string(s.src[s.off:min(len(s.src), s.off+len(p))]), p)
}

// next advances one rune, keeping line and column (in runes) up to date.
func (s *scanner) next() {
	if s.eof() {
		return
	}
	r, size := utf8.DecodeRune(s.src[s.off:])
	s.off += size
	if r == '\n' {
		s.line++
		s.col = 1
		return
	}
	s.col++
}

func (s *scanner) skipSpace() {
	for c := s.peek(); c == ' ' || c == '\t'; c = s.peek() {
		s.next()
	}
}

// skipBlank skips white space, newlines and comments.
func (s *scanner) skipBlank() {
	for !s.eof() {
		switch s.peek() {
		case ' ', '\t', '\r', '\n':
			s.next()
		case '#':
			s.skipLine()
		default:
			return
		}
	}
}

func (s *scanner) skipLine() {
	for !s.eof() && s.peek() != '\n' {
		s.next()
	}
}

func (s *scanner) run() {
	for {
		s.skipBlank()
		if s.eof() {
			return
		}
		start := s.off
		if s.peek() == '[' {
			s.header()
		} else {
			s.keyValue(s.table)
		}
		if s.off == start { // no progress: give up on this line
			s.skipLine()
		}
	}
}

func join(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

// header reads [a.b] or [[a.b]] and makes it the current table.
func (s *scanner) header() {
	line, col := s.line, s.col
	s.next()
	isArray := s.peek() == '['
	if isArray {
		s.next()
	}
	keys := s.keyPath()
	if len(keys) == 0 {
		s.skipLine()
		return
	}
	path := ""
	for i, k := range keys {
		path = join(path, k)
		last := i == len(keys)-1
		if last && isArray {
			n := s.arrays[path]
			s.arrays[path] = n + 1
			path = join(path, strconv.Itoa(n))
			break
		}
		if n, ok := s.arrays[path]; ok && n > 0 {
			path = join(path, strconv.Itoa(n-1))
		}
	}
	s.table = path
	s.record(path, span{KeyLine: line, KeyCol: col, Line: line, Col: col})
	s.skipLine()
}

func (s *scanner) record(path string, sp span) {
	if _, seen := s.out[path]; !seen {
		s.out[path] = sp
	}
}

// keyPath reads a dotted key: bare, "basic" or 'literal' parts separated by dots.
func (s *scanner) keyPath() []string {
	var keys []string
	for {
		s.skipSpace()
		k, ok := s.key()
		if !ok {
			return keys
		}
		keys = append(keys, k)
		s.skipSpace()
		if s.peek() != '.' {
			return keys
		}
		s.next()
	}
}

func (s *scanner) key() (string, bool) {
	switch c := s.peek(); {
	case c == '"' || c == '\'':
		v, ok := s.quoted(c)
		return v, ok
	case isBare(c):
		start := s.off
		for isBare(s.peek()) {
			s.next()
		}
		return string(s.src[start:s.off]), true
	}
	return "", false
}

func isBare(c byte) bool {
	return c == '_' || c == '-' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// quoted reads a one-line basic or literal string and returns its unescaped text.
func (s *scanner) quoted(q byte) (string, bool) {
	start := s.off
	s.next()
	for !s.eof() {
		c := s.peek()
		if c == '\n' {
			return "", false
		}
		if c == '\\' && q == '"' {
			s.next()
			s.next()
			continue
		}
		s.next()
		if c == q {
			raw := string(s.src[start:s.off])
			if q == '\'' {
				return raw[1 : len(raw)-1], true
			}
			if v, err := strconv.Unquote(raw); err == nil {
				return v, true
			}
			return raw[1 : len(raw)-1], true
		}
	}
	return "", false
}

// keyValue reads key = value and records the positions of the key and the value.
func (s *scanner) keyValue(table string) {
	line, col := s.line, s.col
	keys := s.keyPath()
	if len(keys) == 0 {
		return
	}
	s.skipSpace()
	if s.peek() != '=' {
		s.skipLine()
		return
	}
	s.next()
	s.skipSpace()
	path := table
	for _, k := range keys {
		path = join(path, k)
	}
	s.value(path, line, col)
}

// value reads one value at path; keyLine and keyCol say where its key stands.
func (s *scanner) value(path string, keyLine, keyCol int) {
	sp := span{KeyLine: keyLine, KeyCol: keyCol, Line: s.line, Col: s.col}
	start := s.off
	if c := s.peek(); (c == '[' || c == '{') && s.depth >= MaxDepth {
		// Deeper than guard lets through: skip it without recording, so the paths
		// recorded (each as long as its depth) never add up to more than MaxDepth².
		s.skipNested()
		return
	}
	switch c := s.peek(); {
	case c == '[':
		s.record(path, sp)
		s.array(path)
		return
	case c == '{':
		s.record(path, sp)
		s.inlineTable(path)
		return
	case s.hasPrefix(`"""`) || s.hasPrefix(`'''`):
		s.multiline(s.src[s.off : s.off+3])
	case c == '"' || c == '\'':
		s.quoted(c)
	default:
		s.scalar()
	}
	sp.Raw = strings.TrimSpace(string(s.src[start:s.off]))
	s.record(path, sp)
}

func (s *scanner) scalar() {
	for !s.eof() {
		switch s.peek() {
		case ',', ']', '}', '\n', '#', '\r':
			return
		}
		s.next()
	}
}

func (s *scanner) multiline(delim []byte) {
	d := string(delim)
	s.next()
	s.next()
	s.next()
	for !s.eof() {
		if d == `"""` && s.peek() == '\\' {
			s.next()
			s.next()
			continue
		}
		if s.hasPrefix(d) {
			for s.hasPrefix(d) { // up to two quotes may end the content
				s.next()
			}
			return
		}
		s.next()
	}
}

// skipNested moves past the array or inline table at s.off, without recursion.
func (s *scanner) skipNested() {
	depth := 0
	for !s.eof() {
		switch c := s.peek(); {
		case c == '[' || c == '{':
			depth++
		case c == ']' || c == '}':
			depth--
		case c == '"' || c == '\'':
			if s.hasPrefix(`"""`) || s.hasPrefix(`'''`) {
				s.multiline(s.src[s.off : s.off+3])
			} else {
				s.quoted(c)
			}
			continue
		case c == '#':
			s.skipLine()
			continue
		}
		s.next()
		if depth <= 0 {
			return
		}
	}
}

func (s *scanner) array(path string) {
	s.depth++
	defer func() { s.depth-- }()
	s.next() // [
	for i := 0; ; i++ {
		s.skipBlank()
		if s.eof() {
			return
		}
		if s.peek() == ']' {
			s.next()
			return
		}
		before := s.off
		s.value(join(path, strconv.Itoa(i)), s.line, s.col)
		s.skipBlank()
		if s.peek() == ',' {
			s.next()
		}
		if s.off == before {
			s.skipLine()
			return
		}
	}
}

func (s *scanner) inlineTable(path string) {
	s.depth++
	defer func() { s.depth-- }()
	s.next() // {
	for {
		s.skipBlank()
		if s.eof() {
			return
		}
		if s.peek() == '}' {
			s.next()
			return
		}
		before := s.off
		s.keyValue(path)
		s.skipBlank()
		if s.peek() == ',' {
			s.next()
		}
		if s.off == before {
			s.skipLine()
			return
		}
	}
}
