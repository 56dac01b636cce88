package load

import (
	"bytes"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/gen/gentest"
)

// fullDecode is decodeTOMLFull without its diagnostics: guard, toml.Decode, scanPositions.
// It is what fastDecode must equal whenever it accepts.
func fullDecode(src []byte, firstLine int) (map[string]any, positions, error) {
	if p := guard(src); p != nil {
		return nil, nil, p
	}
	data := map[string]any{}
	if _, err := toml.Decode(string(src), &data); err != nil {
		return nil, nil, err
	}
	pos := scanPositions(src)
	if firstLine > 1 {
		pos = shiftLines(pos, firstLine-1)
	}
	return data, pos, nil
}

// checkFast fails when fastDecode accepts src (UTF-8, without a byte order mark, as
// decodeTOMLAt hands it over) and the full path refuses it or gives other values or
// positions. It reports whether fastDecode accepted.
func checkFast(t testing.TB, src []byte, firstLine int) bool {
	t.Helper()
	data, pos, ok := fastDecode(src, firstLine)
	if !ok {
		if data != nil || pos != nil {
			t.Fatal("declined, but returned values")
		}
		return false
	}
	full, fullPos, err := fullDecode(src, firstLine)
	if err != nil {
		t.Fatalf("the fast path accepted what the full path refuses (%v):\n%s", err, src)
	}
	if !reflect.DeepEqual(data, full) {
		t.Fatalf("values differ:\nfast %s\nfull %s\nsource:\n%s", dump(data), dump(full), src)
	}
	if !reflect.DeepEqual(pos, fullPos) {
		t.Fatalf("positions differ:\n%s\nsource:\n%s", positionsDiff(pos, fullPos), src)
	}
	return true
}

// dump prints a decoded value with its Go types.
func dump(v any) string { return fmt.Sprintf("%#v", v) }

// positionsDiff lists the paths whose positions differ.
func positionsDiff(fast, full positions) string {
	var lines []string
	for k, sp := range fast {
		if other, ok := full[k]; !ok || other != sp {
			lines = append(lines, fmt.Sprintf("%q: fast %+v, full %+v (%v)", k, sp, other, ok))
		}
	}
	for k, sp := range full {
		if _, ok := fast[k]; !ok {
			lines = append(lines, fmt.Sprintf("%q: only full %+v", k, sp))
		}
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

// tomlSources returns the TOML of a site: every .toml file under the given roots and the
// front matter of every .md file, keyed by file name, with the line its TOML starts on.
func tomlSources(t testing.TB, roots ...string) map[string]tomlSource {
	t.Helper()
	out := map[string]tomlSource{}
	for _, root := range roots {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			src, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			switch filepath.Ext(p) {
			case ".toml":
				out[p] = tomlSource{bytes.TrimPrefix(src, []byte("\ufeff")), 1}
			case ".md":
				if front, _, _, err := SplitFrontMatter(src); err == nil {
					out[p] = tomlSource{front, 2}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(out) == 0 {
		t.Fatalf("no TOML under %v", roots)
	}
	return out
}

type tomlSource struct {
	src       []byte
	firstLine int
}

// FuzzFastTOML: whenever the fast path accepts a file, the full path (guard,
// BurntSushi/toml, scanPositions) accepts it too and gives deeply equal values, Go types
// included, and equal positions.
func FuzzFastTOML(f *testing.F) {
	seeds := tomlSources(f, "../../data", "../../content", "../../themes/default/maps", "testdata")
	// A generated national site's files, one of every twenty in each folder.
	generated := tomlSources(f, gentest.Site(f, 0.01))
	names := slices.Sorted(func(yield func(string) bool) {
		for name := range generated {
			if !yield(name) {
				return
			}
		}
	})
	for i, name := range names {
		if i%20 == 0 || strings.Contains(name, "content") {
			seeds[name] = generated[name]
		}
	}
	for _, name := range slices.Sorted(mapKeys(seeds)) {
		f.Add(seeds[name].src, uint8(seeds[name].firstLine-1))
	}
	for _, tt := range fastDeclines {
		f.Add([]byte(tt.src), uint8(0))
	}
	for _, src := range fastAccepts {
		f.Add([]byte(src), uint8(0))
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		f.Add([]byte(randomTOML(r)), uint8(0))
	}
	f.Fuzz(func(t *testing.T, src []byte, shift uint8) {
		if !utf8.Valid(src) {
			return // decodeTOMLAt reports it before either path
		}
		checkFast(t, bytes.TrimPrefix(src, []byte("\ufeff")), 1+int(shift))
	})
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// The fast path reads every file of the example site and of a generated national site:
// it is the path their builds take.
func TestFastTOMLReadsEveryDataFile(t *testing.T) {
	sites := map[string][]string{
		"example":   {"../../data", "../../content", "../../themes/default/maps"},
		"generated": {gentest.Site(t, 0.1)},
	}
	for name, roots := range sites {
		t.Run(name, func(t *testing.T) {
			for file, s := range tomlSources(t, roots...) {
				if !checkFast(t, s.src, s.firstLine) {
					t.Errorf("%s: the fast path declined it", file)
				}
			}
		})
	}
}

// fastAccepts are files the fast path reads, each spelled in a way the data files may be.
var fastAccepts = []string{
	"",
	"# only a comment",
	"a = 1\r\nb = 'x' # c\r\n\r\n[t]\r\nc = [\r\n  1, # one\r\n  2,\r\n]\r\n",
	`a = "q\"\\\b\t\n\f\r\u00e9\U0001F600 tab:	."` + "\nb = 'C:\\path \"x\"'\nc = \"\"\nd = ''\n",
	"a = -0\nb = +5\nc = 1_000\nd = -9223372036854775808\ne = 9_223_372_036_854_775_807\nf = 0\n",
	"a = 1.5e-3\nb = -0.0\nc = 1E5\nd = 0.1_5\ne = 1e1_0\nf = +3.25\ng = 5e+2\nh = 531_525.0\n",
	"a = 2024-02-29\nb = 0000-01-01 # c\nc = [2025-12-31 , 2025-01-01]\nd = 2025-12-31  \ne = 9999-12-31\n",
	"a = true\nb = false#c\nc = [true,false]\n",
	"a = []\nb = [ ]\nc = [\n\n# x\n]\nd = [\"x\",\n 'y' ,\n]\ne = [1, 'two', 3.0, 2025-01-01, {}]\n",
	"[[grid]]\nname = \"x\"\ntiles = [\n  { locality = \"a\", row = 1, col = 2 },\n  {locality='b',row=3,col=4},\n]\n[[grid]]\ntiles = []\n",
	"rate = { bhyt = 90.5, 'bhxh' = 1_000, d = 2025-06-30 }\ne = {}\n",
	"a . b = 1\na.c = 2\n\"q\".'r' = 3\n[ x . 'y' ]\nz.w = 1\nz.v = 2\n[[ arr ]]\n",
	"[a.b]\nx = 1\n[a]\ny = 2\n[a.c.d]\n[a.c]\n",
	"[[a]]\n[[a.b]]\nx=1\n[[a.b]]\n[[a]]\n[a.c]\ny = 2\n[[a.c.d]]\n",
	"[[result]]\nshare.bhyt = 99.5\nshare.bhtn = 1\n[[result]]\nshare.bhyt = 1\nrate.x.y = 2\nrate.x.z = 3\n",
	"a = [\"Trà\", \"Vinh\", 'Cần Thơ', 1]\nb = \"Đà Nẵng\" # tỉnh\n",
	"1234 = 1\n2025-12-31 = 2\ntrue = 3\n-_- = 4\n",
	"a = 1",
	"a = 1 # no line end",
	"[t]",
}

// The fast path reads what fastAccepts shows, with the full path's values and positions
// (on any first line: front matter starts on line 2).
func TestFastTOMLAccepts(t *testing.T) {
	for i, src := range fastAccepts {
		for _, first := range []int{1, 2} {
			t.Run(fmt.Sprintf("%d-from-%d", i, first), func(t *testing.T) {
				if !checkFast(t, []byte(src), first) {
					t.Fatalf("declined:\n%s", src)
				}
			})
		}
	}
}

// fastDeclines are files the fast path leaves to the full path: not TOML (valid false:
// the full path reports them), or TOML it does not read, or TOML BurntSushi/toml reads in
// its own way.
var fastDeclines = []struct {
	name, src string
	valid     bool // whether the full path accepts it
}{
	{"a duplicate key", "a = 1\na = 2\n", false},
	{"a duplicate dotted key", "a.b = 1\na.b = 2\n", false},
	{"a duplicate key in an inline table", "a = { b = 1, b = 2 }\n", false},
	{"a key redefined as a table", "a = 1\n[a]\n", false},
	{"a key redefined as a dotted table", "a = 1\na.b = 2\n", false},
	{"a table defined twice", "[a]\n[a]\n", false},
	{"a table defined twice, the first on the way", "[a.b]\n[a]\n[a]\n", false},
	{"an array of tables named as a table", "[[a]]\n[a]\n", false},
	{"a table named as an array of tables", "[a]\n[[a]]\n", false},
	{"an array extended as an array of tables", "a = [1]\n[[a]]\n", false},
	{"an array crossed by a header", "a = [{b = 1}]\n[a.c]\n", false},
	{"an inline table extended by a dotted key", "a = { b = 1 }\na.c = 2\n", true}, // not TOML, read all the same
	{"an inline table extended by a header", "a = { b = 1 }\n[a.c]\n", true},       // not TOML, read all the same
	{"a dotted table named by a header", "[t]\na.b = 1\n[t.a]\n", true},
	{"a header through a dotted table", "[t]\na.b = 1\n[t.a.c]\n", true},
	{"a header on an implicit table with an array's name", "[[t]]\na = [1]\n[[t]]\n[t.a.b]\n[t.a]\n", true},
	{"a dotted table with an array's name", "[[t]]\nx = [1]\n[[t]]\nx.a = 1\nx.b = 2\n", true},
	{"a control character in a string", "a = \"x\x01\"\n", false},
	{"a control character in a literal string", "a = 'x\x7f'\n", false},
	{"a control character in a comment", "# \x7f\na = 1\n", false},
	{"a lone carriage return", "a = 1\rb = 2\n", false},
	{"a carriage return in a comment", "# x\ry\na = 1\n", false},
	{"a null byte", "a = 1\x00\n", false},
	{"an unknown escape", `a = "\q"`, false},
	{"an escape of TOML 1.1", `a = "\e"`, true},
	{"a hex escape", `a = "\x41"`, true},
	{"a surrogate", `a = "\uD800"`, false},
	{"a code point beyond Unicode", `a = "\U00110000"`, false},
	{"a short unicode escape", `a = "\u00e"`, false},
	{"a backslash before the line end", "a = \"x\\\n\"\n", false},
	{"an unclosed string", "a = \"x\n", false},
	{"an unclosed literal string", "a = 'x", false},
	{"a leading zero", "a = 01\n", false},
	{"a leading zero with a sign", "a = -01\n", false},
	{"a float with a leading zero", "a = 00.5\n", false},
	{"a double underscore", "a = 1__0\n", false},
	{"a trailing underscore", "a = 1_\n", false},
	{"a leading underscore", "a = _1\n", false},
	{"a bare point", "a = 1.\n", false},
	{"a leading point", "a = .5\n", false},
	{"an empty exponent", "a = 1e\n", false},
	{"a number then letters", "a = 12abc\n", false},
	{"an integer too large", "a = 9223372036854775808\n", false},
	{"an integer too small", "a = -9223372036854775809\n", false},
	{"twenty digits", "a = 10000000000000000000\n", false},
	{"a float too large", "a = 1e400\n", false},
	{"inf", "a = inf\n", true},
	{"-inf", "a = -inf\n", true},
	{"nan", "a = nan\n", true},
	{"hex", "a = 0x1F\n", true},
	{"octal", "a = 0o17\n", true},
	{"binary", "a = 0b101\n", true},
	{"a datetime with an offset", "a = 1979-05-27T07:32:00Z\n", true},
	{"a local datetime", "a = 1979-05-27T07:32:00\n", true},
	{"a datetime with a space", "a = 1979-05-27 07:32:00\n", true},
	{"a local time", "a = 07:32:00\n", true},
	{"a day that does not exist", "a = 2023-02-30\n", false},
	{"a month that does not exist", "a = 2023-13-01\n", false},
	{"a date then a digit", "a = 2023-02-03 1\n", false},
	{"a date too short", "a = 2023-2-03\n", false},
	{"a multi-line string", "a = \"\"\"x\"\"\"\n", true},
	{"a multi-line literal string", "a = '''x'''\n", true},
	{"a nested array", "a = [[1], [2]]\n", true},
	{"an array in an inline table", "a = { b = [1] }\n", true},
	{"an inline table in an inline table", "a = { b = { c = 1 } }\n", true},
	{"an inline table over lines", "a = {\nb = 1 }\n", true},
	{"an inline table with a trailing comma", "a = { b = 1, }\n", true},
	{"a dotted key in an inline table", "a = { b.c = 1 }\n", true},
	{"a comma in an empty array", "a = [,]\n", false},
	{"two commas", "a = [1,,2]\n", false},
	{"an unclosed array", "a = [1, 2\n", false},
	{"a quoted key with a dot", "\"a.b\" = 1\n", true},
	{"an empty quoted key", "\"\" = 1\n", true},
	{"an escape in a key", "\"a\\tb\" = 1\n", true},
	{"a non-ASCII bare key", "khóa = 1\n", false},
	{"two values on a line", "a = 1 b = 2\n", false},
	{"a value missing", "a =\n", false},
	{"a key without a value", "a\n", false},
	{"a key after a header", "[a] b = 1\n", false},
	{"an array of tables closed apart", "[[a] ]\n", false},
	{"an empty header", "[]\n", false},
	{"a key too long", strings.Repeat("k", MaxKeyLength+1) + " = 1\n", false},
	{"a key with too many parts", strings.Repeat("k.", MaxKeyParts) + "k = 1\n", false},
	{"a header with too many parts", "[" + strings.Repeat("k.", MaxKeyParts) + "k]\n", false},
	{"a key nested too deep", "[" + strings.Repeat("t.", MaxKeyParts-1) + "t]\n" + strings.Repeat("k.", 5) + "k = 1\n", false},
	{"a byte order mark inside", "a = 1\n\ufeffb = 2\n", false},
}

// The fast path declines what fastDeclines lists, and the full path refuses exactly the
// cases marked not valid.
func TestFastTOMLDeclines(t *testing.T) {
	for _, tt := range fastDeclines {
		t.Run(tt.name, func(t *testing.T) {
			if _, _, ok := fastDecode([]byte(tt.src), 1); ok {
				t.Fatalf("accepted:\n%s", tt.src)
			}
			if _, _, err := fullDecode([]byte(tt.src), 1); (err == nil) != tt.valid {
				t.Errorf("the full path's error: %v; the case says valid = %v", err, tt.valid)
			}
		})
	}
}

// randomTOML writes a small TOML document from a few keys, so that the same names come
// back as tables, arrays of tables, dotted keys, arrays and inline tables: the shapes where
// a table may or may not be defined again.
func randomTOML(r *rand.Rand) string {
	keys := []string{"a", "b", "t", "0", "'q'"}
	key := func() string { return keys[r.IntN(len(keys))] }
	dotted := func(max int) string {
		parts := make([]string, 1+r.IntN(max))
		for i := range parts {
			parts[i] = key()
		}
		return strings.Join(parts, ".")
	}
	scalars := []string{"1", "-2_000", "1.5", "true", `"x"`, "'y'", "2025-12-31", `"\u00e9"`}
	scalar := func() string { return scalars[r.IntN(len(scalars))] }
	value := func() string {
		switch r.IntN(6) {
		case 0:
			return "[" + scalar() + ", " + scalar() + "]"
		case 1:
			return "{ " + key() + " = " + scalar() + " }"
		case 2:
			return "[ { " + key() + " = " + scalar() + " }, {} ]"
		case 3:
			return "[]"
		}
		return scalar()
	}
	var b strings.Builder
	for range 1 + r.IntN(8) {
		switch r.IntN(4) {
		case 0:
			b.WriteString("[" + dotted(3) + "]\n")
		case 1:
			b.WriteString("[[" + dotted(3) + "]]\n")
		default:
			b.WriteString(dotted(3) + " = " + value() + "\n")
		}
	}
	return b.String()
}

// Random documents of a few keys: whenever the fast path reads one, the full path gives
// the same values and positions (checkFast); and it reads a good part of them.
func TestFastTOMLRandomDocuments(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	accepted, valid := 0, 0
	const n = 20000
	for range n {
		src := randomTOML(r)
		if checkFast(t, []byte(src), 1) {
			accepted++
		}
		if _, _, err := fullDecode([]byte(src), 1); err == nil {
			valid++
		}
	}
	t.Logf("%d documents: %d valid, %d read by the fast path", n, valid, accepted)
}

// BenchmarkDecodeTOML decodes the largest results, plans and denominators files of the
// generated national dataset (scale COVSITE_BENCH_SCALE, default 1) by the full path
// (BurntSushi/toml and scanPositions: the only path before issue 12) and by
// decodeTOMLAt, which takes the fast path.
func BenchmarkDecodeTOML(b *testing.B) {
	dir := gentest.Site(b, gentest.Scale(b, 1))
	for _, kind := range []string{"results", "plans", "denominators"} {
		name, src := largestFile(b, filepath.Join(dir, "data", kind))
		b.Logf("%s: %s, %d bytes", kind, filepath.Base(name), len(src))
		paths := map[string]func(string, []byte, int, *diag.List) *table{
			"full": decodeTOMLFull,
			"fast": decodeTOMLAt,
		}
		for _, path := range []string{"full", "fast"} {
			b.Run(kind+"/"+path, func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				b.ReportAllocs()
				for b.Loop() {
					diags := &diag.List{}
					if paths[path](name, src, 1, diags) == nil {
						b.Fatal(diags.Err("en"))
					}
				}
			})
		}
	}
}

// largestFile returns the name and contents of the largest file in dir.
func largestFile(b *testing.B, dir string) (string, []byte) {
	b.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	var best string
	var size int64 = -1
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			b.Fatal(err)
		}
		if info.Size() > size {
			best, size = e.Name(), info.Size()
		}
	}
	src, err := os.ReadFile(filepath.Join(dir, best))
	if err != nil {
		b.Fatal(err)
	}
	return "data/" + filepath.Base(dir) + "/" + best, src
}

// A file's positions map, given back once its values are read (table.release), is the next
// file's: decoded one after another through it, every file of fastAccepts has the full
// path's positions, nothing left of the file before.
func TestReleasedPositionsStartEmpty(t *testing.T) {
	for round := range 2 {
		for i, s := range fastAccepts {
			root := decodeTOMLAt("a.toml", []byte(s), 1, &diag.List{})
			if root == nil || !root.reusable {
				t.Fatalf("fastAccepts[%d]: not decoded by the fast path", i)
			}
			_, fullPos, err := fullDecode([]byte(s), 1)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(root.pos, fullPos) {
				t.Errorf("round %d, fastAccepts[%d]: positions differ:\n%s", round, i, positionsDiff(root.pos, fullPos))
			}
			root.release()
			if root.pos != nil || root.reusable {
				t.Errorf("fastAccepts[%d]: released, the table still holds its positions", i)
			}
		}
	}
}
