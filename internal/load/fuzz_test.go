package load

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/covsite/covsite/internal/diag"
)

// Fuzz targets of the loaders. Seeds are the example site's files and the bad-input
// cases; crashes found are kept in testdata/fuzz/<target> and replayed by go test.

// seedFiles returns the contents of the files under the example site and testdata whose
// names end in ext.
func seedFiles(f *testing.F, ext string) [][]byte {
	f.Helper()
	var out [][]byte
	for _, root := range []string{"../../data", "../../content", "testdata"} {
		_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ext) {
				return nil
			}
			if b, err := os.ReadFile(p); err == nil {
				out = append(out, b)
			}
			return nil
		})
	}
	if len(out) == 0 {
		f.Fatalf("no seed files ending in %s", ext)
	}
	return out
}

// lineCount is how many lines a position may name in src.
func lineCount(src []byte) int { return bytes.Count(src, []byte("\n")) + 1 }

// checkSpan fails unless a line and column lie inside src.
func checkSpan(t *testing.T, src []byte, what string, line, col int) {
	t.Helper()
	if line < 1 || line > lineCount(src) {
		t.Fatalf("%s: line %d outside the file's %d lines", what, line, lineCount(src))
	}
	text := strings.Split(string(src), "\n")[line-1]
	if n := utf8.RuneCountInString(text) + 1; col < 1 || col > n {
		t.Fatalf("%s: column %d outside line %d %q", what, col, line, text)
	}
}

func FuzzScanPositions(f *testing.F) {
	for _, b := range seedFiles(f, ".toml") {
		f.Add(b)
	}
	f.Add([]byte("a = [\n1,\n[2, {b = \"\"\"x\ny\"\"\"}]]\n[[c.d]]\n'e.f' = 1 # x\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		for path, sp := range scanPositions(src) {
			checkSpan(t, src, path+" key", sp.KeyLine, sp.KeyCol)
			checkSpan(t, src, path+" value", sp.Line, sp.Col)
			if sp.Line < sp.KeyLine {
				t.Fatalf("%s: the value (line %d) comes before its key (line %d)", path, sp.Line, sp.KeyLine)
			}
		}
	})
}

// checkDiags fails unless every diagnostic about file names a line and column inside src
// (shifted by first-1 lines) and reads cleanly in both languages.
func checkDiags(t *testing.T, diags *diag.List, file string, src []byte, first int) {
	t.Helper()
	for _, d := range diags.Items() {
		for _, lang := range []string{"vi", "en"} {
			if text := d.Text(lang); strings.Contains(text, "%!") {
				t.Fatalf("badly formatted message: %s", text)
			}
		}
		if d.Pos.File != file {
			continue
		}
		checkSpan(t, src, string(d.Code), int(d.Pos.Line)-first+1, int(d.Pos.Col))
	}
}

func FuzzDecodeTOML(f *testing.F) {
	for _, b := range seedFiles(f, ".toml") {
		f.Add(b)
	}
	f.Add([]byte("bhyt = 1.022.552\nd = 2023-02-30\nname = Trà Vinh\nx = 30/6/2023\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		diags := &diag.List{}
		root := decodeTOML("data/x.toml", src, diags)
		if root == nil && diags.Count(diag.Error) == 0 {
			t.Fatal("rejected without an error")
		}
		if root != nil {
			readPlan(root, "x") // every accessor must cope with any decoded value
		}
		checkDiags(t, diags, "data/x.toml", bytes.TrimPrefix(src, []byte("\ufeff")), 1)
	})
}

func FuzzSplitFrontMatter(f *testing.F) {
	for _, b := range seedFiles(f, ".md") {
		f.Add(b)
	}
	f.Add([]byte("\ufeff+++\r\ntitle = \"x\"\r\n+++\r\nbody"))
	f.Add([]byte("+++\n+++"))
	f.Fuzz(func(t *testing.T, src []byte) {
		front, body, bodyLine, err := SplitFrontMatter(src)
		if err != nil {
			return
		}
		src = bytes.TrimPrefix(src, []byte("\ufeff"))
		if !bytes.HasPrefix(src, []byte("+++")) {
			t.Fatal("accepted without an opening +++")
		}
		for _, line := range strings.Split(string(front), "\n") {
			if strings.TrimRight(line, " \t\r") == "+++" {
				t.Fatalf("the front matter holds a +++ line: %q", front)
			}
		}
		if !bytes.HasSuffix(src, body) || !bytes.Contains(src, front) {
			t.Fatal("front matter or body is not part of the file")
		}
		// bodyLine is the line of the file where the body starts.
		start := len(src) - len(body)
		if want := bytes.Count(src[:start], []byte("\n")) + 1; len(body) > 0 && bodyLine != want {
			t.Fatalf("bodyLine = %d, the body starts on line %d", bodyLine, want)
		}
		if bodyLine < 3 {
			t.Fatalf("bodyLine = %d, before the closing +++ can be", bodyLine)
		}
	})
}
