package load

import (
	"fmt"
	"unicode/utf8"

	"github.com/covsite/covsite/internal/diag"
)

// Limits on a TOML file, checked before it is decoded: a data file comes from strangers
// (CI builds pull requests), and `note = [[[…]]]` nested 100,000 deep is a 200 KB file
// that the TOML decoder alone needs gigabytes for. No real data file comes near them.
const (
	// MaxDepth is how deeply tables, arrays and inline tables may nest; each part of a
	// dotted key or table name counts as one level.
	MaxDepth = 64
	// MaxKeyParts is how many dot-separated parts one key or table name may have.
	MaxKeyParts = 32
	// MaxKeyLength is how many bytes one key or table name may have.
	MaxKeyLength = 1024
)

// DefaultMaxFileSize is the largest data or content file read: 64 MB. A national site's
// largest file is a few megabytes.
const DefaultMaxFileSize = 64 << 20

// MaxFileSize is the largest data or content file read; `covsite` sets it from
// COVSITE_MAX_FILE_MB. Larger files are reported without being read.
var MaxFileSize int64 = DefaultMaxFileSize

// limitProblem is a limit a file goes over, and where.
type limitProblem struct {
	line, col int
	what      diag.Words
	hint      diag.Words
}

func (p *limitProblem) report(name string, firstLine int, diags *diag.List) {
	diags.Errorf(diag.At(name, p.line+firstLine-1, p.col), diag.TooLarge, p.what, p.hint)
}

// tooBig is the problem of a file of size bytes over MaxFileSize.
func tooBig(size int64) *limitProblem {
	mb := func(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }
	return &limitProblem{line: 1, col: 1,
		what: diag.W(fmt.Sprintf("tệp lớn %s, quá giới hạn %s", mb(size), mb(MaxFileSize)),
			fmt.Sprintf("the file is %s, over the limit of %s", mb(size), mb(MaxFileSize))),
		hint: diag.W("chia thành nhiều tệp nhỏ hơn, hoặc nâng giới hạn bằng biến môi trường COVSITE_MAX_FILE_MB",
			"split it into smaller files, or raise the limit with the environment variable COVSITE_MAX_FILE_MB"),
	}
}

// guard reads TOML source as far as needed to measure how deeply it nests and how long
// its keys are, and returns the first limit it goes over, or nil. It reads each byte once
// and keeps only a stack of open brackets, so it is safe on any input; it does not
// validate (the decoder does that) and never fails on text it does not understand.
func guard(src []byte) *limitProblem {
	g := &guardScanner{src: src, line: 1}
	return g.run()
}

type guardScanner struct {
	src       []byte
	off       int
	line      int
	lineStart int // offset of the current line's first byte
}

// frame is an open array ('[') or inline table ('{') and the depth of the values in it.
type frame struct {
	kind  byte
	depth int
}

func (g *guardScanner) pos() (int, int) {
	return g.line, utf8.RuneCount(g.src[g.lineStart:g.off]) + 1
}

func (g *guardScanner) newline() {
	g.line++
	g.lineStart = g.off + 1
}

func (g *guardScanner) tooDeep() *limitProblem {
	line, col := g.pos()
	return &limitProblem{line: line, col: col,
		what: diag.W(fmt.Sprintf("các bảng, mảng và khóa lồng nhau quá %d tầng", MaxDepth),
			fmt.Sprintf("tables, arrays and keys are nested more than %d deep", MaxDepth)),
		hint: diag.W("viết dữ liệu phẳng hơn: dữ liệu của covsite chỉ cần vài tầng, như [[target]] và rate = { bhyt = 90 }",
			"write flatter data: covsite's data needs only a few levels, such as [[target]] and rate = { bhyt = 90 }"),
	}
}

func (g *guardScanner) keyTooLong(line, col int) *limitProblem {
	return &limitProblem{line: line, col: col,
		what: diag.W(fmt.Sprintf("khóa quá dài: hơn %d phần nối bằng dấu chấm hoặc hơn %d byte", MaxKeyParts, MaxKeyLength),
			fmt.Sprintf("the key is too long: more than %d dotted parts or %d bytes", MaxKeyParts, MaxKeyLength)),
		hint: diag.W("dùng các khóa ngắn của covsite, như bhyt hoặc rate.bhyt", "use covsite's short keys, such as bhyt or rate.bhyt"),
	}
}

func (g *guardScanner) run() *limitProblem {
	var (
		stack      []frame
		tableDepth int    // depth of the current [table]
		expectKey  = true // at the start of a top-level line, or after { or , in an inline table
	)
	for g.off < len(g.src) {
		c := g.src[g.off]
		switch {
		case c == '\n':
			g.newline()
			g.off++
			stack = popValue(stack) // a value ends with its line
			if len(stack) == 0 {
				expectKey = true
			}
		case c == ' ' || c == '\t' || c == '\r':
			g.off++
		case c == '#':
			g.skipComment()
		case expectKey && len(stack) == 0 && c == '[':
			depth, p := g.header()
			if p != nil {
				return p
			}
			tableDepth, expectKey = depth, false
		case expectKey:
			line, col := g.pos()
			parts, length := g.keyPath()
			if parts == 0 { // not a key: leave it to the decoder
				g.off++
				expectKey = false
				continue
			}
			if parts > MaxKeyParts || length > MaxKeyLength {
				return g.keyTooLong(line, col)
			}
			base := tableDepth
			if len(stack) > 0 {
				base = stack[len(stack)-1].depth
			}
			if base+parts > MaxDepth {
				return g.tooDeepAt(line, col)
			}
			expectKey = false
			// the value that follows nests at base+parts: remember it for a bracket
			stack = append(stack, frame{kind: '=', depth: base + parts})
		case c == '[' || c == '{':
			depth := tableDepth + 1
			if n := len(stack); n > 0 {
				depth = stack[n-1].depth + 1
				if stack[n-1].kind == '=' {
					depth = stack[n-1].depth
					stack = stack[:n-1]
				}
			}
			if depth > MaxDepth {
				return g.tooDeep()
			}
			stack = append(stack, frame{kind: c, depth: depth})
			expectKey = c == '{'
			g.off++
		case c == ']' || c == '}':
			stack = popValue(stack)
			if n := len(stack); n > 0 {
				stack = stack[:n-1]
			}
			stack = popValue(stack)
			g.off++
		case c == ',':
			stack = popValue(stack)
			expectKey = len(stack) > 0 && stack[len(stack)-1].kind == '{'
			g.off++
		case c == '"' || c == '\'':
			g.skipString(c)
			stack = popValue(stack)
		default:
			g.off++
		}
	}
	return nil
}

func (g *guardScanner) tooDeepAt(line, col int) *limitProblem {
	p := g.tooDeep()
	p.line, p.col = line, col
	return p
}

// popValue ends the value of a key=value pair, if one is open.
func popValue(stack []frame) []frame {
	if n := len(stack); n > 0 && stack[n-1].kind == '=' {
		return stack[:n-1]
	}
	return stack
}

func (g *guardScanner) skipComment() {
	for g.off < len(g.src) && g.src[g.off] != '\n' {
		g.off++
	}
}

// header reads [a.b] or [[a.b]] and returns the depth of the table it opens.
func (g *guardScanner) header() (int, *limitProblem) {
	line, col := g.pos()
	g.off++
	if g.off < len(g.src) && g.src[g.off] == '[' {
		g.off++
	}
	parts, length := g.keyPath()
	if parts > MaxKeyParts || length > MaxKeyLength {
		return 0, g.keyTooLong(line, col)
	}
	// Each part counts twice: any of them may name an array of tables, whose elements
	// are tables one level further down.
	depth := 2 * parts
	if depth > MaxDepth {
		return 0, g.tooDeepAt(line, col)
	}
	for g.off < len(g.src) && g.src[g.off] != '\n' && g.src[g.off] != '#' {
		g.off++
	}
	return depth, nil
}

// keyPath reads a dotted key and returns how many parts and bytes it has, stopping
// before = or ]. It reads nothing when the text is not a key.
func (g *guardScanner) keyPath() (parts, length int) {
	for {
		for g.off < len(g.src) && (g.src[g.off] == ' ' || g.src[g.off] == '\t') {
			g.off++
		}
		start := g.off
		switch {
		case g.off >= len(g.src):
			return parts, length
		case g.src[g.off] == '"' || g.src[g.off] == '\'':
			if !g.skipString(g.src[g.off]) {
				return parts, length
			}
		case isBare(g.src[g.off]):
			for g.off < len(g.src) && isBare(g.src[g.off]) {
				g.off++
			}
		default:
			return parts, length
		}
		parts++
		length += g.off - start
		for g.off < len(g.src) && (g.src[g.off] == ' ' || g.src[g.off] == '\t') {
			g.off++
		}
		if g.off >= len(g.src) || g.src[g.off] != '.' {
			return parts, length
		}
		g.off++
		length++
	}
}

// skipString moves past a basic, literal or multi-line string starting at g.off; it
// reports whether the string was closed on its line (for keys).
func (g *guardScanner) skipString(q byte) bool {
	if g.off+2 < len(g.src) && g.src[g.off+1] == q && g.src[g.off+2] == q {
		g.off += 3
		for g.off < len(g.src) {
			switch c := g.src[g.off]; {
			case c == '\\' && q == '"':
				g.off++
				if g.off < len(g.src) && g.src[g.off] == '\n' {
					g.newline()
				}
			case c == '\n':
				g.newline()
			case c == q && g.off+2 < len(g.src) && g.src[g.off+1] == q && g.src[g.off+2] == q:
				g.off += 3
				for g.off < len(g.src) && g.src[g.off] == q { // up to two quotes end the content
					g.off++
				}
				return true
			}
			g.off++
		}
		return false
	}
	g.off++
	for g.off < len(g.src) {
		switch c := g.src[g.off]; {
		case c == '\n':
			return false // unclosed: the decoder reports it; the newline is read by run
		case c == '\\' && q == '"':
			g.off++
		case c == q:
			g.off++
			return true
		}
		g.off++
	}
	return false
}

func (p *limitProblem) Error() string { return p.what.EN }
