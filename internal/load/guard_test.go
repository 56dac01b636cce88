package load

import (
	"errors"
	"io/fs"

	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/covsite/covsite/internal/diag"
)

func nested(open, close string, n int) string {
	return strings.Repeat(open, n) + strings.Repeat(close, n)
}

// guard stops deep nesting, long keys and deep table names at the place they go over, and
// lets through what real data writes, however it is spelled; brackets in strings and
// comments do not count.
func TestGuard(t *testing.T) {
	deepKey := strings.TrimSuffix(strings.Repeat("a.", MaxKeyParts+1), ".")
	tests := []struct {
		name, src string
		line, col int // 0: no problem
	}{
		{"a plan", "title = \"x\"\n[[target]]\nlocality = \"a\"\nbhyt = 1\nrate = { bhyt = 90.5 }\n", 0, 0},
		{"arrays 64 deep", "note = " + nested("[", "]", MaxDepth-1) + "\n", 0, 0},
		{"arrays 65 deep", "note = " + nested("[", "]", MaxDepth+1) + "\n", 1, 8 + MaxDepth},
		{"arrays 100,000 deep", "x = 1\nnote = " + nested("[", "]", 100000) + "\n", 2, 8 + MaxDepth},
		{"inline tables 40,000 deep", "note = " + nested("{a=", "}", 40000) + "\n", 1, 0},
		{"dotted keys", "a = { " + strings.Repeat("b.", 20) + "c = 1 }\n", 0, 0},
		{"dotted keys too deep", "[" + strings.Repeat("t.", 20) + "t]\n" + strings.Repeat("b.", 30) + "c = 1\n", 2, 1},
		{"a key with too many parts", deepKey + " = 1\n", 1, 1},
		{"a key too long", strings.Repeat("k", MaxKeyLength+1) + " = 1\n", 1, 1},
		{"a table name with too many parts", "[[" + deepKey + "]]\n", 1, 1},
		{"brackets in strings", "a = \"" + strings.Repeat("[", 200) + "\"\nb = '" + strings.Repeat("{", 200) + "'\nc = \"\"\"\n" + strings.Repeat("[", 200) + "\n\"\"\"\n", 0, 0},
		{"brackets in comments", "# " + strings.Repeat("[", 200) + "\na = [ # " + strings.Repeat("{", 200) + "\n1]\n", 0, 0},
		{"escaped quotes", `a = "\"[[[[" ` + "\n" + `b = "` + strings.Repeat(`\"[`, 100) + `"` + "\n", 0, 0},
		{"a multi-line array", "a = [\n  [1, 2],\n  [3, 4],\n]\nb = 1\n", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := guard([]byte(tt.src))
			switch {
			case tt.line == 0 && p != nil:
				t.Fatalf("refused at %d:%d: %s", p.line, p.col, p.what.EN)
			case tt.line == 0:
				return
			case p == nil:
				t.Fatal("let through")
			case p.line != tt.line || tt.col != 0 && p.col != tt.col:
				t.Errorf("at %d:%d, want %d:%d (%s)", p.line, p.col, tt.line, tt.col, p.what.EN)
			}
		})
	}
}

// The attacks of issue 14: each file is refused at its line and column, in little time and
// memory (the 200 KB file took 10 GB, the inline tables more than 22 GB).
func TestHostileTOMLIsCheap(t *testing.T) {
	tests := []struct{ name, src string }{
		{"arrays 100,000 deep", "note = " + nested("[", "]", 100000) + "\n"},
		{"inline tables 40,000 deep", "note = " + nested("{a=", "}", 40000) + "\n"},
		{"inline tables 10,000 deep in a table", "[[locality]]\nid = \"x\"\nnote = " + nested("{a=", "}", 10000) + "\n"},
		{"a table name 50,000 parts long", "[" + strings.TrimSuffix(strings.Repeat("a.", 50000), ".") + "]\n"},
		{"dotted keys 50,000 parts long", strings.TrimSuffix(strings.Repeat("a.", 50000), ".") + " = 1\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			start := time.Now()
			diags := &diag.List{}
			root := decodeTOML("data/localities/x.toml", []byte(tt.src), diags)
			elapsed := time.Since(start)
			runtime.ReadMemStats(&after)
			if root != nil {
				t.Fatal("decoded")
			}
			items := diags.Items()
			if len(items) != 1 || items[0].Code != diag.TooLarge || items[0].Pos.Line < 1 || items[0].Pos.Col < 1 {
				t.Fatalf("want one %s with a position, got %v", diag.TooLarge, diags.Err("en"))
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 10<<20 {
				t.Errorf("allocated %d MB", alloc>>20)
			}
			if elapsed > time.Second {
				t.Errorf("took %v", elapsed)
			}
		})
	}
}

// A file over MaxFileSize is reported at its first line without being read; one that
// claims a small size but is larger is cut off at the limit.
func TestFileSizeLimit(t *testing.T) {
	defer func(old int64) { MaxFileSize = old }(MaxFileSize)
	MaxFileSize = 1 << 10
	fsys := fstest.MapFS{
		"data/localities/big.toml": {Data: []byte("[[locality]]\nnote = \"" + strings.Repeat("x", 2<<10) + "\"\n")},
		"data/localities/ok.toml":  {Data: []byte("[[locality]]\nid = \"x\"\n")},
	}
	_, _, res := readFile(fsys, "data/localities/big.toml")
	if res == nil || !res.failed {
		t.Fatal("a file over the limit was read")
	}
	items := res.diags.Items()
	if len(items) != 1 || items[0].Code != diag.TooLarge || items[0].Pos != (diag.Pos{File: "data/localities/big.toml", Line: 1, Col: 1}) {
		t.Fatalf("got %v", res.diags.Err("en"))
	}
	if msg := items[0].Text("vi"); !strings.Contains(msg, "COVSITE_MAX_FILE_MB") || !strings.Contains(msg, "giới hạn") {
		t.Errorf("message: %s", msg)
	}
	if src, _, res := readFile(fsys, "data/localities/ok.toml"); res != nil || len(src) == 0 {
		t.Errorf("a small file was not read: %v", res)
	}
	var big *limitProblem
	if _, _, err := readLimited(lyingFS{fsys}, "data/localities/big.toml"); !errors.As(err, &big) {
		t.Errorf("a file lying about its size: err = %v", err)
	}
}

// lyingFS reports every file as empty.
type lyingFS struct{ fstest.MapFS }

func (l lyingFS) Open(name string) (fs.File, error) {
	f, err := l.MapFS.Open(name)
	return lyingFile{f}, err
}

type lyingFile struct{ fs.File }

func (l lyingFile) Stat() (fs.FileInfo, error) {
	info, err := l.File.Stat()
	return zeroSize{info}, err
}

type zeroSize struct{ fs.FileInfo }

func (zeroSize) Size() int64 { return 0 }

// depthOf is how many tables and arrays nest in v, v itself not counted.
func depthOf(v any) int {
	d := 0
	switch v := v.(type) {
	case map[string]any:
		for _, x := range v {
			d = max(d, 1+depthOf(x))
		}
	case []map[string]any:
		for _, x := range v {
			d = max(d, 1+depthOf(x))
		}
		d = max(d, 1)
	case []any:
		for _, x := range v {
			d = max(d, 1+depthOf(x))
		}
		d = max(d, 1)
	}
	return d
}

// FuzzGuard: the depth and size guard never fails on any input and never lets through a
// file that decodes to values nested deeper than MaxDepth; a file is refused by size
// exactly when it is over MaxFileSize.
func FuzzGuard(f *testing.F) {
	for _, b := range seedFiles(f, ".toml") {
		f.Add(b)
	}
	f.Add([]byte("note = " + nested("[", "]", 70)))
	f.Add([]byte("note = " + nested("{a=", "}", 70)))
	f.Add([]byte("[[a.b]]\n[[a.b.c]]\nx = { y.z = [[1]] }\n"))
	f.Add([]byte("a = \"\"\"[[\"\"\"\nb = [ # [[\n1]]\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		p := guard(src)
		if p == nil {
			data := map[string]any{}
			if _, err := toml.Decode(string(src), &data); err == nil {
				if d := depthOf(data); d > MaxDepth {
					t.Fatalf("let through a file nested %d deep", d)
				}
			}
		} else if p.line < 1 || p.col < 1 || p.line > lineCount(src) {
			t.Fatalf("position %d:%d outside the file", p.line, p.col)
		}
		defer func(old int64) { MaxFileSize = old }(MaxFileSize)
		MaxFileSize = 64
		_, _, err := readLimited(fstest.MapFS{"a.toml": {Data: src}}, "a.toml")
		var big *limitProblem
		if errors.As(err, &big) != (len(src) > 64) {
			t.Fatalf("%d bytes: err = %v", len(src), err)
		}
	})
}
