package load_test

import (
	"bytes"
	"cmp"
	"encoding/json"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/covsite/covsite/internal/build"
	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/load"
	"github.com/covsite/covsite/internal/model"
)

var update = flag.Bool("update", false, "rewrite testdata/bad/*/expected*.txt from the current output")

// Files of a case directory that are not part of the site.
const (
	expectedVI = "expected.txt"
	expectedEN = "expected.en.txt"
	removeList = "remove.txt" // paths of testdata/base to leave out, one a line
	linkList   = "links.txt"  // symbolic links to add, one a line: path -> target (or path -> |fifo: a named pipe)
)

// caseSite is testdata/base with the files of testdata/bad/<name> laid over it.
func caseSite(t testing.TB, name string) fstest.MapFS {
	t.Helper()
	site := fstest.MapFS{}
	addTree(t, site, "testdata/base")
	if name == "" {
		return site
	}
	dir := filepath.Join("testdata/bad", name)
	addTree(t, site, dir)
	for _, control := range []string{expectedVI, expectedEN, removeList, linkList} {
		delete(site, control)
	}
	if list, err := os.ReadFile(filepath.Join(dir, removeList)); err == nil {
		for _, p := range strings.Fields(string(list)) {
			delete(site, p)
		}
	}
	if list, err := os.ReadFile(filepath.Join(dir, linkList)); err == nil {
		for _, line := range strings.Split(strings.TrimSpace(string(list)), "\n") {
			name, target, _ := strings.Cut(line, " -> ")
			if target == "|fifo" {
				site[name] = &fstest.MapFile{Mode: fs.ModeNamedPipe}
				continue
			}
			site[name] = &fstest.MapFile{Data: []byte(target), Mode: fs.ModeSymlink}
		}
	}
	return site
}

func addTree(t testing.TB, site fstest.MapFS, root string) {
	t.Helper()
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		site[filepath.ToSlash(rel)] = &fstest.MapFile{Data: data}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// check runs what `covsite check` runs: load, then validate.
// check runs what `covsite check` runs: the data, the content and the theme files.
func check(site fs.FS) *diag.List {
	_, diags := build.CheckFS(site)
	return diags
}

// checkData checks only the data and content, without setting up the theme: faster, for
// the fuzz target.
func checkData(site fs.FS) *diag.List {
	raw, diags := load.Load(site)
	_, more := model.Build(raw)
	diags.Merge(more)
	return diags
}

// checkOutput is the text `covsite check --lang lang` prints.
func checkOutput(t testing.TB, diags *diag.List, lang string) string {
	t.Helper()
	var b bytes.Buffer
	if err := diag.Write(&b, diags, diag.FormatText, lang); err != nil {
		t.Fatal(err)
	}
	b.WriteString(diags.Summary(lang) + "\n")
	return b.String()
}

func badCases(t testing.TB) []string {
	t.Helper()
	entries, err := os.ReadDir("testdata/bad")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if e.IsDir() {
			names = append(names, e.Name())
		}
	}
	return names
}

func TestBaseSiteIsClean(t *testing.T) {
	diags := check(caseSite(t, ""))
	if diags.Len() != 0 {
		t.Fatalf("testdata/base must check clean, got:\n%s", checkOutput(t, diags, "en"))
	}
}

// TestBadInputs checks each case of testdata/bad against its expected output, in Vietnamese
// and English. Run with -update to rewrite the expected files, then read the diff.
func TestBadInputs(t *testing.T) {
	for _, name := range badCases(t) {
		t.Run(name, func(t *testing.T) {
			site := caseSite(t, name)
			diags := check(site)
			if diags.Len() == 0 {
				t.Fatal("no diagnostic: the case no longer tests anything")
			}
			for lang, file := range map[string]string{"vi": expectedVI, "en": expectedEN} {
				got := checkOutput(t, diags, lang)
				if strings.Contains(got, "%!") {
					t.Errorf("%s: a message has a formatting error:\n%s", lang, got)
				}
				compareGolden(t, filepath.Join("testdata/bad", name, file), got)
			}
			checkPositions(t, site, diags)
		})
	}
}

func compareGolden(t *testing.T, file, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (go test -update rewrites it)\n--- got:\n%s--- want:\n%s", file, got, want)
	}
}

// checkPositions asserts that every diagnostic about a file that exists points at a line
// and column inside it, and that only a missing file or a folder goes without a line.
func checkPositions(t *testing.T, site fstest.MapFS, diags *diag.List) {
	t.Helper()
	for _, d := range diags.Items() {
		f, ok := site[d.Pos.File]
		if ok && f.Mode&(fs.ModeSymlink|fs.ModeNamedPipe) != 0 && (d.Code == diag.Symlink || d.Code == diag.SpecialFile) && d.Pos.Line == 0 {
			continue // a link or a pipe has no lines: its name is the position
		}
		if !ok {
			if d.Code != diag.MissingFile && d.Code != diag.ReadFile && d.Code != diag.Symlink && d.Code != diag.SpecialFile {
				t.Errorf("%s: %s names no file of the site", d.Pos, d.Code)
			}
			continue
		}
		lines := strings.Split(string(f.Data), "\n")
		line, col := int(d.Pos.Line), int(d.Pos.Col)
		if line < 1 || line > len(lines) {
			t.Errorf("%s: %s: line outside the file (%d lines)", d.Pos, d.Code, len(lines))
			continue
		}
		if n := utf8.RuneCountInString(lines[line-1]) + 1; col < 1 || col > n {
			t.Errorf("%s: %s: column outside line %q", d.Pos, d.Code, lines[line-1])
		}
	}
}

// Every kind of problem covsite explains has a case, so its message is seen in both
// languages with the arguments its call site really passes.
func TestEveryCodeHasACase(t *testing.T) {
	seen := map[diag.Code]bool{}
	for _, name := range badCases(t) {
		for _, d := range check(caseSite(t, name)).Items() {
			seen[d.Code] = true
		}
	}
	for _, c := range diag.Codes() {
		if !seen[c] {
			t.Errorf("no case of testdata/bad produces %s", c)
		}
	}
}

// TestPositionsPointAtTheMistake reads the source at each reported position: the column
// must be where the bad value, key or header starts, not just somewhere on the line.
func TestPositionsPointAtTheMistake(t *testing.T) {
	tests := []struct {
		name string
		code diag.Code
		at   string // the source text that starts at the position
	}{
		{"float-people", diag.NotWholeNumber, "1.888"},
		{"vietnamese-number", diag.VietnameseNumber, "1.022.552"},
		{"quoted-vietnamese-number", diag.VietnameseNumber, `"10.324"`},
		{"quoted-number", diag.QuotedNumber, `"10324"`},
		{"spaced-number", diag.VietnameseNumber, "10 324"},
		{"vietnamese-decimal", diag.VietnameseDecimal, "80,58"},
		{"fractional-count", diag.FractionalCount, "10324.5"},
		{"negative", diag.Negative, "-550_000"},
		{"rate-out-of-range", diag.RateOutOfRange, "120"},
		{"date-not-exist", diag.DateNotExist, "2023-02-30"},
		{"bad-date", diag.BadDate, "2023-13-01"},
		{"quoted-date", diag.QuotedDate, `"30/6/2023"`},
		{"date-order", diag.DateOrder, "30/6/2023"},
		{"date-shape", diag.DateShape, "2023/6/30"},
		{"count-comma", diag.CountComma, "5,055"},
		{"ambiguous-comma", diag.AmbiguousComma, "821,999"},
		{"unit-in-value", diag.UnitInValue, "người"},
		{"multiplier-in-value", diag.MultiplierInValue, "triệu"},
		{"unknown-key-target", diag.UnknownKeyNear, "bhty"},
		{"unknown-key-locality", diag.UnknownKeyNear, "parnet"},
		{"unknown-locality", diag.UnknownRefNear, `"tinh-b"`},
		{"unknown-plan", diag.UnknownRefNear, `"ke-hoach-a-2024"`},
		{"unquoted-text", diag.UnquotedText, "Xã Đông"},
		{"total-mismatch", diag.TotalMismatch, "125_000"},
		{"rollup-mismatch", diag.RollupMismatch, "960_000"},
		{"over-denominator", diag.OverDenominator, "1_200_000"},
		{"two-parents", diag.TwoParents, `"xa-b"`},
		{"cycle", diag.Cycle, `"xa-g"`},
		{"successor-missing", diag.UnknownRefNear, `"xa-bc"`},
		{"ends-before-start", diag.EndsBeforeStart, "2025-06-30"},
		{"front-matter-syntax", diag.DateOrder, "1/7/2023"},
		{"front-matter-keys", diag.UnknownKey, "tag"},
		{"unknown-ref-far", diag.UnknownRef, `"khong-co-dau"`},
		{"front-matter-keys", diag.WrongType, `"no"`},
		{"duplicate-key", diag.DuplicateKey, "locality"},
		{"toml-syntax", diag.TOMLSyntax, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name+"/"+string(tt.code), func(t *testing.T) {
			site := caseSite(t, tt.name)
			var found []string
			for _, d := range check(site).Items() {
				if d.Code != tt.code {
					continue
				}
				got := textAt(site, d.Pos)
				found = append(found, d.Pos.String()+" "+got)
				if strings.HasPrefix(got, tt.at) {
					return
				}
			}
			t.Errorf("no %s starting at %q; found %q", tt.code, tt.at, found)
		})
	}
}

// textAt returns the rest of the line at pos.
func textAt(site fstest.MapFS, pos diag.Pos) string {
	f, ok := site[pos.File]
	if !ok {
		return ""
	}
	lines := strings.Split(string(f.Data), "\n")
	line, col := int(pos.Line), int(pos.Col)
	if line < 1 || line > len(lines) {
		return ""
	}
	r := []rune(lines[line-1])
	if col < 1 || col > len(r)+1 {
		return ""
	}
	return string(r[col-1:])
}

// The machine-readable formats carry the same problems as the text.
func TestFormatsOfACase(t *testing.T) {
	diags := check(caseSite(t, "many-errors"))
	var js bytes.Buffer
	if err := diag.Write(&js, diags, diag.FormatJSON, "en"); err != nil {
		t.Fatal(err)
	}
	var out struct {
		Errors, Warnings int
		Diagnostics      []struct {
			File, Code, Message, Hint, Severity string
			Line, Col                           int
		}
	}
	if err := json.Unmarshal(js.Bytes(), &out); err != nil {
		t.Fatalf("--format json is not JSON: %v\n%s", err, js.String())
	}
	if out.Errors != diags.Count(diag.Error) || len(out.Diagnostics) != diags.Len() || out.Errors < 5 {
		t.Fatalf("json has %d errors and %d diagnostics, want %d and %d", out.Errors, len(out.Diagnostics), diags.Count(diag.Error), diags.Len())
	}
	for i, d := range diags.Items() {
		j := out.Diagnostics[i]
		if j.File != d.Pos.File || j.Line != int(d.Pos.Line) || j.Col != int(d.Pos.Col) || j.Code != string(d.Code) || j.Message != d.Message("en") {
			t.Errorf("json diagnostic %d = %+v, want %s %s", i, j, d.Pos, d.Code)
		}
	}
	var gh bytes.Buffer
	if err := diag.Write(&gh, diags, diag.FormatGitHub, "en"); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(gh.String()), "\n")
	if len(lines) != diags.Len() {
		t.Fatalf("github format printed %d lines for %d diagnostics", len(lines), diags.Len())
	}
	for i, d := range diags.Items() {
		want := "::" + d.Severity.String() + " file=" + d.Pos.File
		if !strings.HasPrefix(lines[i], want) || !strings.Contains(lines[i], ",line=") {
			t.Errorf("github line %d = %q, want prefix %q", i, lines[i], want)
		}
	}
}

// All problems are reported, not only the first: a file with several mistakes gets a
// message for each, in file and line order.
func TestReportsEveryProblem(t *testing.T) {
	items := check(caseSite(t, "many-errors")).Items()
	var codes []diag.Code
	for _, d := range items {
		codes = append(codes, d.Code)
	}
	for _, want := range []diag.Code{diag.NotWholeNumber, diag.Negative, diag.UnknownKeyNear, diag.UnknownRefNear, diag.BadPeriod, diag.DateNotExist} {
		if !slices.Contains(codes, want) {
			t.Errorf("many-errors: no %s among %v", want, codes)
		}
	}
	sorted := slices.IsSortedFunc(items, func(a, b diag.Diagnostic) int {
		return cmp.Or(strings.Compare(a.Pos.File, b.Pos.File), cmp.Compare(a.Pos.Line, b.Pos.Line))
	})
	if !sorted {
		t.Error("diagnostics are not in file and line order")
	}
}

// exampleSite is the repository's own site as a file system that tests may change.
func exampleSite(t *testing.T) fstest.MapFS {
	t.Helper()
	site := fstest.MapFS{}
	for _, dir := range []string{"data", "content"} {
		root := filepath.Join("../..", dir)
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(p)
			rel, _ := filepath.Rel("../..", p)
			site[filepath.ToSlash(rel)] = &fstest.MapFile{Data: b}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return site
}

// The example site checks without errors; its one real inconsistency — the city's
// compulsory SI target 15.647 against its wards' 15.304 in plan 49 — stays a warning.
func TestExampleSiteChecks(t *testing.T) {
	diags := check(exampleSite(t))
	if diags.HasErrors() {
		t.Fatalf("the example site has errors:\n%s", checkOutput(t, diags, "en"))
	}
	found := false
	for _, d := range diags.Items() {
		if d.Code == diag.RollupMismatch && strings.Contains(d.Message("en"), "15,647") && strings.Contains(d.Message("vi"), "15.304") {
			found = d.Severity == diag.Warning && d.Pos.File == "data/plans/tp-tra-vinh-49-kh-bcd-2023.toml"
		}
	}
	if !found {
		t.Errorf("no roll-up warning 15,647 vs 15,304 (15.647, 15.304 in Vietnamese) on plan 49:\n%s", checkOutput(t, diags, "en"))
	}
}

// Typical mistakes typed into the real data get the message and position they should.
func TestMistakesInTheExampleData(t *testing.T) {
	const plan49, results = "data/plans/tp-tra-vinh-49-kh-bcd-2023.toml", "data/results/tra-vinh-hoi-nghi-2023-07-26.toml"
	const canTho = "data/results/can-tho-2019-07-11.toml"
	tests := []struct {
		file, old, new string
		code           diag.Code
		at             string // source text at the reported position
		text           string // in the English message or hint
	}{
		{plan49, "bhyt = 10_324", "bhty = 10_324", diag.UnknownKeyNear, "bhty", `did you mean "bhyt"?`},
		{plan49, "bhxh-bat-buoc = 1_888", "bhxh-bat-buoc = 1.888", diag.NotWholeNumber, "1.888", "write 1888 (or 1_888)"},
		{plan49, "bhyt = 10_324", `bhyt = "10.324"`, diag.VietnameseNumber, `"10.324"`, "write the digits together: 10324 (or 10_324)"},
		{results, "bhyt = 821_563", "bhyt = 1.022.552", diag.VietnameseNumber, "1.022.552", "1022552 (or 1_022_552)"},
		{results, "rate.bhyt = 80.58", "rate.bhyt = 80,58", diag.VietnameseDecimal, "80,58", "write 80.58"},
		{results, "as_of = 2023-06-30", "as_of = 2023-06-31", diag.DateNotExist, "2023-06-31", "does not exist"},
		// What a new user typed into a copy of the Cần Thơ report.
		{canTho, "as_of = 2019-06-30", "as_of = 30.6.2019", diag.DateOrder, "30.6.2019", "is a date written day-month-year; TOML reads only dates written year-month-day — write as_of = 2019-06-30"},
		{canTho, "as_of = 2019-06-30", "as_of = 2019/06/30", diag.DateShape, "2019/06/30", "write as_of = 2019-06-30"},
		{canTho, "as_of = 2019-06-30", "as_of = 2019-6-30", diag.DateShape, "2019-6-30", "write as_of = 2019-06-30"},
		{canTho, "as_of = 2019-06-30", "as_of = 30-06-2019", diag.DateOrder, "30-06-2019", "write as_of = 2019-06-30"},
		{canTho, "bhyt = 1_022_552", "bhyt = 1.022.552 người", diag.UnitInValue, "người", `without "người"`},
		{canTho, "bhyt = 1_022_552", "bhyt = 1.022.552 người", diag.UnitInValue, "người", "write bhyt = 1_022_552"},
		{canTho, "bhyt = 1_022_552", "bhyt = 1022552 người", diag.UnitInValue, "người", "write bhyt = 1_022_552"},
		{canTho, "bhyt = 1_022_552", "bhyt = 1,022,552", diag.VietnameseNumber, "1,022,552", "1022552 (or 1_022_552)"},
		{canTho, "bhxh-tu-nguyen = 5_055", "bhxh-tu-nguyen = 5,055", diag.CountComma, "5,055", "write bhxh-tu-nguyen = 5_055 (or 5055)"},
		{canTho, "rate.bhyt = 82.5", "rate.bhyt = 82,5 %", diag.UnitInValue, "%", "write rate.bhyt = 82.5"},
		{canTho, "rate.bhyt = 82.5", "rate.bhyt = 82,500", diag.AmbiguousComma, "82,500", "write 82.500"},
		{canTho, "title = \"Cần Thơ: Phấn", "#title = \"Cần Thơ: Phấn", diag.MissingKey, "[source]", `[source] is missing "title" — add a line title = … to [source]`},
		{plan49, `locality = "tra-vinh-phuong-2"`, `locality = "tra-vinh-phuong-22"`, diag.UnknownRefNear, `"tra-vinh-phuong-22"`, `did you mean "tra-vinh-phuong-2"?`},
		{results, `plan = "tra-vinh-chi-tieu-ubnd-tinh-2023"`, `plan = "tra-vinh-chi-tieu-ubnd-tinh-2024"`, diag.UnknownRefNear, `"tra-vinh-chi-tieu-ubnd-tinh-2024"`, `did you mean "tra-vinh-chi-tieu-ubnd-tinh-2023"?`},
	}
	for _, tt := range tests {
		t.Run(tt.new, func(t *testing.T) {
			site := exampleSite(t)
			src := string(site[tt.file].Data)
			if !strings.Contains(src, tt.old) {
				t.Fatalf("%s no longer holds %q", tt.file, tt.old)
			}
			site[tt.file] = &fstest.MapFile{Data: []byte(strings.Replace(src, tt.old, tt.new, 1))}
			diags := check(site)
			for _, d := range diags.Items() {
				if d.Code == tt.code && strings.HasPrefix(textAt(site, d.Pos), tt.at) && strings.Contains(d.Text("en"), tt.text) {
					if !diags.HasErrors() {
						t.Error("the mistake is not an error")
					}
					return
				}
			}
			t.Errorf("no %s at %q saying %q:\n%s", tt.code, tt.at, tt.text, checkOutput(t, diags, "en"))
		})
	}
}

// docs/data-format.md lists every check, and each example message in it is a line a
// testdata case really prints.
func TestDataFormatDocListsEveryCheck(t *testing.T) {
	doc, err := os.ReadFile("../../docs/data-format.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range diag.Codes() {
		if !strings.Contains(string(doc), "#### `"+string(c)+"`") {
			t.Errorf("docs/data-format.md has no section for %s", c)
		}
	}
	printed := map[string]bool{}
	for _, name := range badCases(t) {
		for _, file := range []string{expectedVI, expectedEN} {
			b, _ := os.ReadFile(filepath.Join("testdata/bad", name, file))
			for _, line := range strings.Split(string(b), "\n") {
				printed[line] = true
			}
		}
	}
	_, checks, ok := strings.Cut(string(doc), "\n## Checks\n")
	if !ok {
		t.Fatal("docs/data-format.md has no Checks section")
	}
	examples := 0
	for _, line := range strings.Split(checks, "\n") {
		if hasAnyPrefix(line, "data/", "content/", "layouts/", "static/", "i18n/") {
			examples++
			if !printed[line] {
				t.Errorf("docs/data-format.md shows a message no case prints:\n%s", line)
			}
		}
	}
	if examples < 2*len(diag.Codes()) {
		t.Errorf("%d example messages for %d checks, want one in each language", examples, len(diag.Codes()))
	}
}

// Names that could leave the output folder are refused wherever a name becomes a path:
// file names of plans, results and pages (NUL cannot be on a disk, but can be in an
// fs.FS), and ids written in TOML with escapes.
func TestPathEscapesAreRefused(t *testing.T) {
	plan := "title = \"x\"\nissuer = \"x\"\nlocality = \"tinh-a\"\nperiod = \"2023\"\n[[target]]\nbhyt = 1\n"
	results := "[source]\ntitle = \"x\"\nkind = \"report\"\npublished = 2023-07-10\npublisher = \"x\"\n"
	page := "+++\ntitle = \"x\"\ndate = 2023-07-10\n+++\n"
	tests := []struct {
		file, body string
		code       diag.Code
	}{
		{"data/plans/a\x00b.toml", plan, diag.BadFileName},
		{"data/plans/x\\..\\y.toml", plan, diag.BadFileName},
		{"data/results/x\x00.toml", results, diag.BadFileName},
		{"content/a\x00b.md", page, diag.BadFileName},
		{"content/updates/2023-07-10-a\\b.en.md", page, diag.BadFileName},
		{"data/localities/z.toml", "[[locality]]\nid = \"a\\u0000b\"\nname = \"x\"\nkind = \"xa\"\n", diag.BadID},
		{"data/localities/z.toml", "[[locality]]\nid = \"C:\\\\x\"\nname = \"x\"\nkind = \"xa\"\n", diag.BadID},
		{"data/localities/z.toml", "[[locality]]\nid = '/etc'\nname = \"x\"\nkind = \"xa\"\n", diag.BadID},
	}
	for _, tt := range tests {
		t.Run(strconv.Quote(tt.file), func(t *testing.T) {
			site := caseSite(t, "")
			site[tt.file] = &fstest.MapFile{Data: []byte(tt.body)}
			for _, d := range check(site).Items() {
				if d.Code == tt.code && d.Pos.File == tt.file {
					return
				}
			}
			t.Errorf("no %s for %q", tt.code, tt.file)
		})
	}
}

func hasAnyPrefix(s string, prefixes ...string) bool {
	return slices.ContainsFunc(prefixes, func(p string) bool { return strings.HasPrefix(s, p) })
}
