package load

import (
	"bytes"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// The fast path of decodeTOMLAt (issue 12). A national site has 5,000 data files, and
// decoding them with BurntSushi/toml (its lexer and parser) and then finding every key's
// line and column (scanPositions) was an eighth of a cold build's CPU, plus the garbage
// both make. The data files are written in a small part of TOML, which fastDecode reads in
// one pass over the bytes. It declines anything outside that part, or anything it is not
// sure is valid TOML; decodeTOMLAt then takes the full path (guard, toml.Decode,
// reportSyntax, scanPositions), so every diagnostic stays the full path's, and
// BurntSushi/toml stays the judge of every file declined here. FuzzFastTOML holds the
// two paths to the same values and positions.
//
// The part of TOML read here:
//   - comments, blank lines, LF or CRLF line ends;
//   - [table] and [[array of tables]] headers;
//   - bare keys, and quoted keys without escapes, dots or control characters; dotted keys
//     (share.bhyt = 99.5) outside inline tables;
//   - basic strings on one line with the escapes \b \t \n \f \r \" \\ \uXXXX \UXXXXXXXX,
//     literal strings on one line, decimal integers and floats (underscores between
//     digits, no leading zeros), true and false, local dates (2025-12-31);
//   - arrays, over several lines, with comments and a trailing comma, of those values and
//     of inline tables;
//   - inline tables on one line, of those values, without dotted keys or a trailing comma.
//
// Declined, among others: multi-line strings, other escapes, times and datetimes, inf and
// nan, hex, octal and binary, nested arrays, a key or table defined twice, a table header
// naming a table made by dotted keys or an inline table, control characters, and keys over
// guard's limits (fastDecode never reads what guard would refuse).

// fastDecode reads src, UTF-8 TOML (decodeTOMLAt checks that first) whose first line is
// line firstLine of its file, and returns
// what toml.Decode makes of it (decoded into a map[string]any: the same Go types and
// values) and the positions scanPositions finds, shifted to firstLine. ok is false when
// src is outside the part of TOML read here (see above); data and pos are then nil.
func fastDecode(src []byte, firstLine int) (data map[string]any, pos positions, ok bool) {
	p := newFastParser(src, firstLine)
	if !p.document() {
		return nil, nil, false
	}
	return p.root, p.pos, true
}

// tomlLocalDate is the time.Location BurntSushi/toml gives local dates (its
// internal.LocalDate): taken from a decoded date, so that the dates made here are the
// decoder's, location pointer included. When it cannot be had, dates are declined.
var tomlLocalDate = func() *time.Location {
	v := map[string]any{}
	if _, err := toml.Decode("d = 2000-01-01", &v); err != nil {
		return nil
	}
	if d, ok := v["d"].(time.Time); ok {
		return d.Location()
	}
	return nil
}()

// headerKind is what made a table that a header may name again or pass through.
type headerKind uint8

const (
	implicitTable headerKind = iota + 1 // on the way to a header's table: [a] of [a.b]
	explicitTable                       // named by a header
)

// dottedKey names a table made by a dotted key in the current table section: the table
// it is in (0 for the section's own, otherwise the id of a dotted table) and its key.
type dottedKey struct {
	parent int
	name   string
}

// fastParser is the state of one fastDecode.
type fastParser struct {
	s    string // the source; keys and string values are cut from it
	off  int    // the next byte to read
	line int    // the line of s[off]
	// colOff and col cache a column: byte colOff of the current line is column col (in
	// runes, from 1). Positions on a line are asked for from left to right.
	colOff, col int

	root map[string]any
	pos  positions

	table      map[string]any // the table key/value lines go into
	tablePath  []byte         // its path in pos: "result.3"
	tableDepth int            // its depth as guard counts it: twice its header's parts
	headers    map[string]headerKind
	dotted     map[dottedKey]int // tables made by dotted keys in the current section → id
	// arrayKeys are the names of keys that held an array. BurntSushi/toml remembers a
	// key's type by its path without array indices, so a table made again at such a path
	// (a dotted key extending a table, [a] after [a.b]) can be replaced by an empty one;
	// such files are declined.
	arrayKeys map[string]bool

	keys  []string        // the parts of the key being read
	path  []byte          // the path in pos of the value being read
	arena strings.Builder // paths are cut from it: a few allocations instead of one each
}

func newFastParser(src []byte, firstLine int) *fastParser {
	pos, _ := positionMaps.Get().(positions)
	if pos == nil {
		pos = make(positions, bytes.Count(src, []byte{'='})+bytes.Count(src, []byte{'['}))
	}
	root := map[string]any{}
	return &fastParser{
		s: string(src), line: firstLine, col: 1,
		root: root, pos: pos, table: root,
	}
}

// positionMaps are emptied positions maps to decode the next file into: a file's map (an
// entry a key, thousands for a results file) is dropped once its values are read
// (table.release), and a national site's 5,000 files made ~250 MB of them.
var positionMaps sync.Pool

// document reads the whole source: headers and key/value lines between blank lines and
// comments.
func (p *fastParser) document() bool {
	for {
		if !p.skipBlank() {
			return false
		}
		if p.off >= len(p.s) {
			return true
		}
		var ok bool
		if p.s[p.off] == '[' {
			ok = p.header()
		} else {
			ok = p.keyValue()
		}
		if !ok || !p.lineEnd() {
			return false
		}
	}
}

// column returns the column (in runes, from 1) of byte off of the current line.
func (p *fastParser) column(off int) int {
	p.col += utf8.RuneCountInString(p.s[p.colOff:off])
	p.colOff = off
	return p.col
}

// newline moves past the line end at off ("\n", or "\r\n" with off at '\r').
func (p *fastParser) newline() {
	if p.s[p.off] == '\r' {
		p.off++
	}
	p.off++
	p.line++
	p.colOff, p.col = p.off, 1
}

// atLineEnd reports whether a line ends at off: "\n" or "\r\n".
func (p *fastParser) atLineEnd() bool {
	if p.off >= len(p.s) {
		return false
	}
	c := p.s[p.off]
	return c == '\n' || c == '\r' && p.off+1 < len(p.s) && p.s[p.off+1] == '\n'
}

func (p *fastParser) peek() byte {
	if p.off >= len(p.s) {
		return 0
	}
	return p.s[p.off]
}

func (p *fastParser) consume(c byte) bool {
	if p.peek() != c {
		return false
	}
	p.off++
	return true
}

func (p *fastParser) skipSpace() {
	for p.off < len(p.s) && (p.s[p.off] == ' ' || p.s[p.off] == '\t') {
		p.off++
	}
}

// skipBlank skips white space, line ends and comments; false on a bad comment or a lone
// carriage return.
func (p *fastParser) skipBlank() bool {
	for {
		p.skipSpace()
		switch {
		case p.off >= len(p.s):
			return true
		case p.s[p.off] == '#':
			if !p.comment() {
				return false
			}
		case p.atLineEnd():
			p.newline()
		case p.s[p.off] == '\r':
			return false
		default:
			return true
		}
	}
}

// comment moves past a comment up to its line end; false when it holds a control
// character (TOML allows tabs only).
func (p *fastParser) comment() bool {
	for p.off++; p.off < len(p.s); p.off++ {
		c := p.s[p.off]
		if c == '\n' || c == '\r' && p.atLineEnd() {
			return true
		}
		if isControlByte(c) {
			return false
		}
	}
	return true
}

// isControlByte reports the bytes TOML refuses in strings and comments: control
// characters other than tab.
func isControlByte(c byte) bool { return c < 0x20 && c != '\t' || c == 0x7f }

// lineEnd reads what may follow a header or a key/value pair: white space, a comment, and
// a line end or the end of the source.
func (p *fastParser) lineEnd() bool {
	p.skipSpace()
	if p.peek() == '#' && !p.comment() {
		return false
	}
	if p.off >= len(p.s) {
		return true
	}
	if !p.atLineEnd() {
		return false
	}
	p.newline()
	return true
}

// pathString returns b as a string cut from the arena.
func (p *fastParser) pathString(b []byte) string {
	const chunk = 8 << 10
	if p.arena.Cap()-p.arena.Len() < len(b) {
		// A new chunk: the strings already cut keep the old one.
		p.arena = strings.Builder{}
		p.arena.Grow(max(chunk, len(b)))
	}
	n := p.arena.Len()
	p.arena.Write(b)
	return p.arena.String()[n:]
}

// record notes sp as the position of the value at p.path.
func (p *fastParser) record(sp span) {
	p.pos[p.pathString(p.path)] = sp
}

// appendPath adds a key to p.path.
func (p *fastParser) appendPath(key string) {
	if len(p.path) > 0 {
		p.path = append(p.path, '.')
	}
	p.path = append(p.path, key...)
}

// appendIndex adds an array index to p.path.
func (p *fastParser) appendIndex(i int) {
	p.path = append(p.path, '.')
	p.path = strconv.AppendInt(p.path, int64(i), 10)
}

// keyPath reads a key of one or more dotted parts into p.keys. Like guard, it refuses
// keys of more than MaxKeyParts parts or MaxKeyLength bytes (counting the spaces around
// dots, which guard does not: it refuses no less).
func (p *fastParser) keyPath() bool {
	p.keys = p.keys[:0]
	start := p.off
	for {
		p.skipSpace()
		k, ok := p.keyPart()
		if !ok || len(p.keys) == MaxKeyParts {
			return false
		}
		p.keys = append(p.keys, k)
		end := p.off
		p.skipSpace()
		if p.peek() != '.' {
			return end-start <= MaxKeyLength
		}
		p.off++
	}
}

// keyPart reads one part of a key: bare, or quoted without escapes, dots or control
// characters (positions join parts with dots, so a dot inside one could name two keys).
func (p *fastParser) keyPart() (string, bool) {
	c := p.peek()
	if isBare(c) {
		start := p.off
		for p.off < len(p.s) && isBare(p.s[p.off]) {
			p.off++
		}
		return p.s[start:p.off], true
	}
	if c != '"' && c != '\'' {
		return "", false
	}
	start := p.off + 1
	for i := start; i < len(p.s); i++ {
		switch b := p.s[i]; {
		case b == c:
			p.off = i + 1
			return p.s[start:i], i > start
		case b == '\\' || b == '.' || b == '"' || b == '\'' || isControlByte(b) || b == '\t':
			return "", false
		}
	}
	return "", false
}

// header reads [a.b] or [[a.b]] and makes its table the current one.
func (p *fastParser) header() bool {
	line, col := p.line, p.column(p.off)
	p.off++
	array := p.consume('[')
	if !p.keyPath() || 2*len(p.keys) > MaxDepth || !p.consume(']') || array && !p.consume(']') {
		return false
	}
	t, ok := p.parentOf(p.keys)
	if !ok {
		return false
	}
	last := p.keys[len(p.keys)-1]
	p.appendPath(last)
	if array {
		t, ok = p.arrayTable(t, last)
	} else {
		t, ok = p.namedTable(t, last)
	}
	if !ok {
		return false
	}
	p.record(span{KeyLine: line, KeyCol: col, Line: line, Col: col})
	p.table, p.tableDepth = t, 2*len(p.keys)
	p.tablePath = append(p.tablePath[:0], p.path...)
	clear(p.dotted)
	return true
}

// parentOf walks a header's key from the root to the table its last part is in, making
// the tables on the way, and leaves its path in p.path. It declines a way through
// anything but tables made by headers (or on the way to one) and arrays of tables.
func (p *fastParser) parentOf(keys []string) (map[string]any, bool) {
	t := p.root
	p.path = p.path[:0]
	for _, k := range keys[:len(keys)-1] {
		p.appendPath(k)
		switch v := t[k].(type) {
		case nil:
			m := map[string]any{}
			t[k] = m
			p.setHeader(implicitTable)
			t = m
		case []map[string]any:
			p.appendIndex(len(v) - 1)
			t = v[len(v)-1]
		case map[string]any:
			if p.headers[string(p.path)] == 0 {
				return nil, false
			}
			t = v
		default:
			return nil, false
		}
	}
	return t, true
}

func (p *fastParser) setHeader(kind headerKind) {
	if p.headers == nil {
		p.headers = map[string]headerKind{}
	}
	p.headers[p.pathString(p.path)] = kind
}

// arrayTable adds a table to the array of tables key of t ([[key]]).
func (p *fastParser) arrayTable(t map[string]any, key string) (map[string]any, bool) {
	var list []map[string]any
	if v, exists := t[key]; exists {
		var ok bool
		if list, ok = v.([]map[string]any); !ok {
			return nil, false
		}
	}
	// The table is probably like the one before: made that big, it does not grow.
	hint := 0
	if n := len(list); n > 0 {
		hint = len(list[n-1])
	}
	m := make(map[string]any, hint)
	list = append(list, m)
	t[key] = list
	p.appendIndex(len(list) - 1)
	return m, true
}

// namedTable makes the table key of t ([key]), or names a table so far only on the way
// to another header's.
func (p *fastParser) namedTable(t map[string]any, key string) (map[string]any, bool) {
	v, exists := t[key]
	if !exists {
		m := map[string]any{}
		t[key] = m
		p.setHeader(explicitTable)
		return m, true
	}
	m, isTable := v.(map[string]any)
	if !isTable || p.headers[string(p.path)] != implicitTable || p.arrayKeys[key] {
		return nil, false
	}
	p.headers[string(p.path)] = explicitTable
	return m, true
}

// keyValue reads key = value into the current table.
func (p *fastParser) keyValue() bool {
	keyLine, keyCol := p.line, p.column(p.off)
	if !p.keyPath() || p.tableDepth+len(p.keys)+2 > MaxDepth {
		return false
	}
	p.skipSpace()
	if !p.consume('=') {
		return false
	}
	p.skipSpace()
	p.path = append(p.path[:0], p.tablePath...)
	t, ok := p.dottedParent(p.keys)
	last := p.keys[len(p.keys)-1]
	if !ok {
		return false
	}
	if _, exists := t[last]; exists {
		return false
	}
	p.appendPath(last)
	v, ok := p.value(keyLine, keyCol, last, inTable)
	if !ok {
		return false
	}
	t[last] = v
	return true
}

// dottedParent walks the parts of a dotted key but the last from the current table,
// making the tables on the way, and adds them to p.path. It declines a way through any
// table not made by a dotted key of the current section.
func (p *fastParser) dottedParent(keys []string) (map[string]any, bool) {
	t, parent := p.table, 0
	for _, k := range keys[:len(keys)-1] {
		p.appendPath(k)
		if p.dotted == nil {
			p.dotted = map[dottedKey]int{}
		}
		dk := dottedKey{parent, k}
		v, exists := t[k]
		if !exists {
			m := map[string]any{}
			t[k] = m
			parent = len(p.dotted) + 1
			p.dotted[dk] = parent
			t = m
			continue
		}
		m, isTable := v.(map[string]any)
		id, isDotted := p.dotted[dk]
		if !isTable || !isDotted || p.arrayKeys[k] {
			return nil, false
		}
		t, parent = m, id
	}
	return t, true
}

// Where a value stands: what it may be depends on it.
type valueContext uint8

const (
	inTable  valueContext = iota // key = value: any value read here
	inArray                      // an element: a scalar or an inline table
	inInline                     // a value of an inline table: a scalar
)

// value reads the value of key at p.path and records its position; keyLine and keyCol
// say where its key (or, in an array, the value itself) stands.
func (p *fastParser) value(keyLine, keyCol int, key string, in valueContext) (any, bool) {
	sp := span{KeyLine: keyLine, KeyCol: keyCol, Line: p.line, Col: p.column(p.off)}
	switch p.peek() {
	case '[':
		if in != inTable {
			return nil, false
		}
		p.record(sp)
		if p.arrayKeys == nil {
			p.arrayKeys = map[string]bool{}
		}
		p.arrayKeys[key] = true
		return p.array()
	case '{':
		if in == inInline {
			return nil, false
		}
		p.record(sp)
		return p.inlineTable()
	}
	start := p.off
	v, ok := p.scalar()
	if !ok {
		return nil, false
	}
	sp.Raw = p.s[start:p.off]
	p.record(sp)
	return v, true
}

// array reads [a, b, …] at p.path, over lines and comments.
func (p *fastParser) array() (any, bool) {
	p.off++
	out := make([]any, 0, 2)
	n := len(p.path)
	for {
		if !p.skipBlank() || p.off >= len(p.s) || p.s[p.off] == ',' {
			return nil, false
		}
		if p.s[p.off] == ']' {
			break
		}
		p.path = p.path[:n]
		p.appendIndex(len(out))
		line, col := p.line, p.column(p.off)
		v, ok := p.value(line, col, "", inArray)
		if !ok || !p.skipBlank() {
			return nil, false
		}
		out = append(out, v)
		if p.consume(',') {
			continue
		}
		if p.peek() != ']' {
			return nil, false
		}
		break
	}
	p.off++
	p.path = p.path[:n]
	return out, true
}

// inlineTable reads { a = 1, b = "x" } at p.path, on one line.
func (p *fastParser) inlineTable() (any, bool) {
	p.off++
	m := map[string]any{}
	n := len(p.path)
	p.skipSpace()
	if p.consume('}') {
		return m, true
	}
	for {
		keyLine, keyCol := p.line, p.column(p.off)
		k, ok := p.keyPart()
		if !ok || len(k) > MaxKeyLength {
			return nil, false
		}
		if _, dup := m[k]; dup {
			return nil, false
		}
		p.skipSpace()
		if !p.consume('=') {
			return nil, false
		}
		p.skipSpace()
		p.path = p.path[:n]
		p.appendPath(k)
		v, ok := p.value(keyLine, keyCol, k, inInline)
		if !ok {
			return nil, false
		}
		m[k] = v
		p.skipSpace()
		if p.consume('}') {
			break
		}
		if !p.consume(',') {
			return nil, false
		}
		p.skipSpace()
		if p.peek() == '}' { // a trailing comma: TOML 1.1
			return nil, false
		}
	}
	p.path = p.path[:n]
	return m, true
}

// scalar reads a string, number, boolean or date, which must end where the TOML lexer
// ends it.
func (p *fastParser) scalar() (any, bool) {
	var (
		v  any
		ok bool
	)
	switch c := p.peek(); {
	case c == '"':
		v, ok = p.basicString()
	case c == '\'':
		v, ok = p.literalString()
	case c == 't' || c == 'f':
		v, ok = p.boolean()
	case c >= '0' && c <= '9' || c == '-' || c == '+':
		v, ok = p.numberOrDate()
	}
	if !ok {
		return nil, false
	}
	if p.off >= len(p.s) {
		return v, true
	}
	switch p.s[p.off] {
	case ' ', '\t', '\n', '\r', '#', ',', ']', '}':
		return v, true
	}
	return nil, false
}

func (p *fastParser) boolean() (any, bool) {
	for _, word := range [...]string{"true", "false"} {
		if strings.HasPrefix(p.s[p.off:], word) {
			p.off += len(word)
			return word == "true", true
		}
	}
	return nil, false
}

// basicString reads "…" on one line.
func (p *fastParser) basicString() (any, bool) {
	if strings.HasPrefix(p.s[p.off:], `"""`) {
		return nil, false
	}
	start, escaped := p.off+1, false
	for i := start; i < len(p.s); i++ {
		switch c := p.s[i]; {
		case c == '"':
			p.off = i + 1
			if !escaped {
				return p.s[start:i], true
			}
			return unescapeTOML(p.s[start:i])
		case c == '\\':
			escaped = true
			i++ // the escaped byte; unescapeTOML checks it
		case isControlByte(c):
			return nil, false
		}
	}
	return nil, false
}

// unescapeTOML replaces the escapes of a basic string, declining those this path does
// not read (\e and \x are TOML 1.1) and code points that are not characters.
func unescapeTOML(s string) (any, bool) {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		i++
		if i >= len(s) {
			return nil, false
		}
		switch s[i] {
		case 'b':
			b.WriteByte('\b')
		case 't':
			b.WriteByte('\t')
		case 'n':
			b.WriteByte('\n')
		case 'f':
			b.WriteByte('\f')
		case 'r':
			b.WriteByte('\r')
		case '"', '\\':
			b.WriteByte(s[i])
		case 'u', 'U':
			size := 4
			if s[i] == 'U' {
				size = 8
			}
			if i+size >= len(s) {
				return nil, false
			}
			r, ok := hexRune(s[i+1 : i+1+size])
			if !ok {
				return nil, false
			}
			b.WriteRune(r)
			i += size
		default:
			return nil, false
		}
	}
	return b.String(), true
}

// hexRune reads a \u or \U escape's hexadecimal digits, all of them, as a character.
func hexRune(h string) (rune, bool) {
	var r uint32
	for i := 0; i < len(h); i++ {
		c := h[i]
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | uint32(c)
	}
	if r > utf8.MaxRune || !utf8.ValidRune(rune(r)) {
		return 0, false
	}
	return rune(r), true
}

// literalString reads '…' on one line.
func (p *fastParser) literalString() (any, bool) {
	if strings.HasPrefix(p.s[p.off:], `'''`) {
		return nil, false
	}
	start := p.off + 1
	for i := start; i < len(p.s); i++ {
		switch c := p.s[i]; {
		case c == '\'':
			p.off = i + 1
			return p.s[start:i], true
		case isControlByte(c):
			return nil, false
		}
	}
	return nil, false
}

// numberOrDate reads a local date, a decimal integer or a float.
func (p *fastParser) numberOrDate() (any, bool) {
	if isDateAt(p.s[p.off:]) {
		return p.date()
	}
	s := p.s[p.off:]
	i := 0
	if s[0] == '+' || s[0] == '-' {
		i++
	}
	end, ok := digitRun(s, i)
	if !ok || s[i] == '0' && end > i+1 { // no leading zeros
		return nil, false
	}
	float := false
	if end < len(s) && s[end] == '.' {
		if end, ok = digitRun(s, end+1); !ok {
			return nil, false
		}
		float = true
	}
	if end < len(s) && (s[end] == 'e' || s[end] == 'E') {
		j := end + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if end, ok = digitRun(s, j); !ok {
			return nil, false
		}
		float = true
	}
	p.off += end
	if float {
		return parseFloat(s[:end])
	}
	return parseInt(s[:end])
}

// digitRun reads digits with single underscores between them from s[i:] and returns
// where they end; false when there is no digit.
func digitRun(s string, i int) (int, bool) {
	start := i
	for i < len(s) {
		c := s[i]
		if c >= '0' && c <= '9' {
			i++
			continue
		}
		if c == '_' && i > start && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9' {
			i++
			continue
		}
		break
	}
	return i, i > start
}

// parseInt converts a decimal integer as strconv.ParseInt (which BurntSushi/toml uses)
// does, without copying it to drop the underscores.
func parseInt(s string) (any, bool) {
	neg := s[0] == '-'
	if s[0] == '-' || s[0] == '+' {
		s = s[1:]
	}
	var n uint64
	digits := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '_' {
			continue
		}
		if digits++; digits > 19 { // beyond int64 whatever the digits
			return nil, false
		}
		n = n*10 + uint64(s[i]-'0')
	}
	switch {
	case neg && n <= 1<<63:
		return -int64(n), true
	case !neg && n < 1<<63:
		return int64(n), true
	}
	return nil, false
}

// parseFloat converts a float as BurntSushi/toml does: strconv.ParseFloat without the
// underscores.
func parseFloat(s string) (any, bool) {
	var buf [64]byte
	b := buf[:0]
	for i := 0; i < len(s); i++ {
		if s[i] != '_' {
			b = append(b, s[i])
		}
	}
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		return nil, false
	}
	return f, true
}

// isDateAt reports whether s starts with YYYY-MM-DD.
func isDateAt(s string) bool {
	if len(s) < 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for _, i := range [...]int{0, 1, 2, 3, 5, 6, 8, 9} {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// date reads a local date. The TOML lexer reads a date on through spaces as long as
// digits and the other characters of times follow; anything but a date alone is declined.
func (p *fastParser) date() (any, bool) {
	s := p.s[p.off:]
	rest := strings.TrimLeft(s[10:], " ")
	if rest != "" && strings.IndexByte("0123456789-:TtZz+.", rest[0]) >= 0 || tomlLocalDate == nil {
		return nil, false
	}
	year := atoi4(s[0:4])
	month, day := atoi4(s[5:7]), atoi4(s[8:10])
	if month < 1 || month > 12 || day < 1 || day > daysIn(month, year) {
		return nil, false
	}
	p.off += 10
	return time.Date(year, time.Month(month), day, 0, 0, 0, 0, tomlLocalDate), true
}

func atoi4(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// daysIn is the number of days of a month, as time.Parse counts them (year 0 is leap).
func daysIn(month, year int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
