package diag

import (
	"bytes"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// declaredCodes reads the Code constants declared in messages.go, so a constant added
// without a catalogue entry is caught.
func declaredCodes(t *testing.T) map[string]Code {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "messages.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]Code{}
	for _, decl := range f.Decls {
		gen, ok := decl.(*ast.GenDecl)
		if !ok || gen.Tok != token.CONST {
			continue
		}
		for _, spec := range gen.Specs {
			vs := spec.(*ast.ValueSpec)
			if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != "Code" {
				continue
			}
			for i, name := range vs.Names {
				lit := vs.Values[i].(*ast.BasicLit)
				v, _ := strconv.Unquote(lit.Value)
				out[name.Name] = Code(v)
			}
		}
	}
	if len(out) < 20 {
		t.Fatalf("found only %d Code constants in messages.go", len(out))
	}
	return out
}

var argIndex = regexp.MustCompile(`%\[(\d+)\]`)

// indices returns the argument indices a template uses.
func indices(tmpl string) []int {
	var out []int
	for _, m := range argIndex.FindAllStringSubmatch(tmpl, -1) {
		n, _ := strconv.Atoi(m[1])
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out
}

// arity is how many arguments a code's messages need.
func arity(c Code) int {
	e := catalogue[c]
	n := 0
	for _, tmpl := range []string{e.vi, e.en, e.hintVI, e.hintEN} {
		if idx := indices(tmpl); len(idx) > 0 {
			n = max(n, idx[len(idx)-1])
		}
	}
	return n
}

func TestEveryCodeHasBothLanguages(t *testing.T) {
	for name, c := range declaredCodes(t) {
		e, ok := catalogue[c]
		if !ok {
			t.Errorf("%s (%q) has no catalogue entry", name, c)
			continue
		}
		for kind, tmpl := range map[string]string{"vi": e.vi, "en": e.en, "hint vi": e.hintVI, "hint en": e.hintEN} {
			if strings.TrimSpace(tmpl) == "" {
				t.Errorf("%s: the %s text is empty", c, kind)
			}
		}
		if e.vi == e.en {
			t.Errorf("%s: the Vietnamese message is the English one", c)
		}
		if !slices.Equal(indices(e.vi), indices(e.en)) {
			t.Errorf("%s: vi uses arguments %v, en %v: both must say the same", c, indices(e.vi), indices(e.en))
		}
		if !slices.Equal(indices(e.hintVI), indices(e.hintEN)) {
			t.Errorf("%s: vi hint uses arguments %v, en hint %v", c, indices(e.hintVI), indices(e.hintEN))
		}
	}
	if len(Codes()) != len(declaredCodes(t)) {
		t.Errorf("the catalogue has %d entries, messages.go declares %d codes", len(Codes()), len(declaredCodes(t)))
	}
}

func TestMessagesFormatCleanly(t *testing.T) {
	for _, c := range Codes() {
		args := make([]any, arity(c))
		for i := range args {
			args[i] = W("chữ "+strconv.Itoa(i+1), "word "+strconv.Itoa(i+1))
		}
		d := Diagnostic{Pos: Pos{File: "data/x.toml", Line: 3, Col: 7}, Code: c, Args: args}
		for _, lang := range []string{"vi", "en"} {
			text := d.Text(lang)
			if strings.Contains(text, "%!") || strings.Contains(text, "%%") {
				t.Errorf("%s %s: %q", c, lang, text)
			}
			if arity(c) > 0 && !strings.Contains(text, map[string]string{"vi": "chữ 1", "en": "word 1"}[lang]) {
				t.Errorf("%s %s: the first argument is not shown in its language: %q", c, lang, text)
			}
		}
	}
}

// callSite is one Errorf/Warnf call naming a diag code, with how many arguments it passes.
type callSite struct {
	pos  string
	code string
	args int
}

// callSites finds every call x.Errorf(pos, diag.Code, args...) / Warnf in the module.
func callSites(t *testing.T) []callSite {
	t.Helper()
	var out []callSite
	fset := token.NewFileSet()
	for _, root := range []string{"../../internal", "../../cmd"} {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
				return err
			}
			f, err := parser.ParseFile(fset, p, nil, 0)
			if err != nil {
				return nil // a package being written by someone else; not ours to judge
			}
			ast.Inspect(f, func(n ast.Node) bool {
				if cs, ok := asCallSite(fset, n); ok {
					out = append(out, cs)
				}
				return true
			})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func asCallSite(fset *token.FileSet, n ast.Node) (callSite, bool) {
	call, ok := n.(*ast.CallExpr)
	if !ok || len(call.Args) < 2 || call.Ellipsis.IsValid() {
		return callSite{}, false
	}
	fn, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || (fn.Sel.Name != "Errorf" && fn.Sel.Name != "Warnf") {
		return callSite{}, false
	}
	code, ok := call.Args[1].(*ast.SelectorExpr)
	if !ok {
		return callSite{}, false
	}
	if pkg, ok := code.X.(*ast.Ident); !ok || pkg.Name != "diag" {
		return callSite{}, false
	}
	return callSite{pos: fset.Position(call.Pos()).String(), code: code.Sel.Name, args: len(call.Args) - 2}, true
}

// Every call site passes exactly the arguments its message uses: too few prints
// %!s(MISSING), too many hides information the author meant to show.
func TestCallSitesPassTheRightArguments(t *testing.T) {
	codes := declaredCodes(t)
	sites := callSites(t)
	if len(sites) < 50 {
		t.Fatalf("found only %d call sites; the scan is broken", len(sites))
	}
	for _, cs := range sites {
		c, ok := codes[cs.code]
		if !ok {
			t.Errorf("%s: diag.%s is not a declared code", cs.pos, cs.code)
			continue
		}
		if cs.args != arity(c) {
			t.Errorf("%s: diag.%s gets %d arguments, its messages use %d", cs.pos, cs.code, cs.args, arity(c))
		}
	}
}

func TestTextAndSummary(t *testing.T) {
	l := &List{}
	l.Warnf(Pos{File: "b.toml", Line: 2, Col: 1}, NotNFC, "Xã")
	l.Errorf(Pos{File: "a.toml", Line: 9, Col: 8}, Negative, "bhyt", "-5")
	l.Errorf(Pos{File: "a.toml", Line: 3}, MissingFile, "a.toml")
	tests := []struct {
		lang  string
		first string
		sum   string
	}{
		{"vi", "a.toml:3: lỗi: không tìm thấy tệp a.toml — ", "2 lỗi, 1 cảnh báo"},
		{"en", "a.toml:3: error: file a.toml not found — ", "2 errors, 1 warning"},
	}
	for _, tt := range tests {
		items := l.Items()
		if got := items[0].Text(tt.lang); !strings.HasPrefix(got, tt.first) {
			t.Errorf("%s: first = %q, want prefix %q", tt.lang, got, tt.first)
		}
		if got := items[2].Text(tt.lang); !strings.HasPrefix(got, "b.toml:2:1: ") {
			t.Errorf("%s: not sorted by file and line: %q", tt.lang, got)
		}
		if got := l.Summary(tt.lang); got != tt.sum {
			t.Errorf("%s: summary %q, want %q", tt.lang, got, tt.sum)
		}
	}
	if !l.HasErrors() || l.Count(Warning) != 1 || l.Err("en") == nil {
		t.Error("counts are wrong")
	}
	if (&List{}).Err("en") != nil {
		t.Error("an empty list is an error")
	}
}

func TestPosString(t *testing.T) {
	tests := []struct {
		pos  Pos
		want string
	}{
		{Pos{}, ""},
		{Pos{File: "a"}, "a"},
		{Pos{File: "a", Line: 2}, "a:2"},
		{Pos{File: "a", Line: 2, Col: 5}, "a:2:5"},
	}
	for _, tt := range tests {
		if got := tt.pos.String(); got != tt.want {
			t.Errorf("%#v = %q, want %q", tt.pos, got, tt.want)
		}
	}
}

// GitHub workflow commands must escape what would end the command or a property.
func TestGitHubFormat(t *testing.T) {
	l := &List{}
	l.Errorf(Pos{File: "data/a,b:c.toml", Line: 4, Col: 2}, TOMLSyntax, "50% done\nnext line")
	l.Warnf(Pos{File: "data/x.toml", Line: 1, Col: 1}, NotNFC, "Xã")
	var b bytes.Buffer
	if err := Write(&b, l, FormatGitHub, "en"); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("want one line per diagnostic, got %q", b.String())
	}
	want := "::error file=data/a%2Cb%3Ac.toml,line=4,col=2,title=A line is not written correctly::this line is not valid TOML: 50%25 done%0Anext line — "
	if !strings.HasPrefix(lines[0], want) {
		t.Errorf("got  %q\nwant %q…", lines[0], want)
	}
	if !strings.HasPrefix(lines[1], "::warning file=data/x.toml,line=1,col=1,title=An article needs fixing::") {
		t.Errorf("warning line %q", lines[1])
	}
}

func TestJSONFormat(t *testing.T) {
	l := &List{}
	l.Errorf(Pos{File: "a.toml", Line: 4, Col: 2}, Negative, "bhyt", "-5")
	l.Warnf(Pos{File: "a.toml", Line: 5, Col: 1}, RollupMismatch, "bhyt", "x", "3", "2")
	for _, lang := range []string{"vi", "en"} {
		var b bytes.Buffer
		if err := Write(&b, l, FormatJSON, lang); err != nil {
			t.Fatal(err)
		}
		var got struct {
			Errors, Warnings int
			Diagnostics      []map[string]any
		}
		if err := json.Unmarshal(b.Bytes(), &got); err != nil {
			t.Fatal(err)
		}
		if got.Errors != 1 || got.Warnings != 1 || len(got.Diagnostics) != 2 {
			t.Fatalf("%s: %+v", lang, got)
		}
		d := got.Diagnostics[0]
		if d["file"] != "a.toml" || d["line"] != 4.0 || d["col"] != 2.0 || d["severity"] != "error" || d["code"] != "negative" ||
			d["message"] != l.Items()[0].Message(lang) || d["hint"] != l.Items()[0].Hint(lang) {
			t.Errorf("%s: %v", lang, d)
		}
	}
	var b bytes.Buffer
	if err := Write(&b, &List{}, FormatJSON, "en"); err != nil || !strings.Contains(b.String(), `"diagnostics": []`) {
		t.Errorf("an empty list must give an empty array: %q, %v", b.String(), err)
	}
}

func TestParseFormat(t *testing.T) {
	for _, ok := range []string{"text", "github", "json"} {
		if f, err := ParseFormat(ok); err != nil || string(f) != ok {
			t.Errorf("%s: %v", ok, err)
		}
	}
	for _, bad := range []string{"", "xml", "JSON"} {
		if _, err := ParseFormat(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestWordsPickTheLanguage(t *testing.T) {
	w := W("địa phương", "locality")
	if w.In("vi") != "địa phương" || w.In("en") != "locality" || w.In("fr") != "địa phương" || w.String() != "địa phương" {
		t.Errorf("%+v", w)
	}
	d := Diagnostic{Code: UnknownRef, Args: []any{w, "x"}}
	if got := d.Message("en"); got != `there is no locality with id "x"` {
		t.Errorf("en: %q", got)
	}
	if got := d.Message("vi"); got != `không có địa phương nào mang mã "x"` {
		t.Errorf("vi: %q", got)
	}
}

// TestEveryCodeHasATitle: a GitHub annotation's title says what kind of problem it is in
// words, in both languages, never the code.
func TestEveryCodeHasATitle(t *testing.T) {
	for _, c := range Codes() {
		if _, ok := titleOf[c]; !ok {
			t.Errorf("%s has no title group", c)
		}
		for _, lang := range []string{"vi", "en"} {
			if title := c.Title(lang); title == "" || strings.Contains(title, "-") {
				t.Errorf("%s: title %q in %s", c, title, lang)
			}
		}
	}
	l := &List{}
	l.Errorf(Pos{File: "a.toml", Line: 1, Col: 1}, VietnameseNumber, "1.888", "1888", "1_888")
	var b bytes.Buffer
	if err := Write(&b, l, FormatGitHub, "vi"); err != nil || !strings.Contains(b.String(), "title=Số viết chưa đúng::") {
		t.Errorf("Vietnamese annotation: %q, %v", b.String(), err)
	}
}

// TestTextListsErrorsFirstAndGroupsWarnings: check and build print the errors first, then
// the warnings file by file, and a file with errors says its warnings may follow from them
// (issue 15).
func TestTextListsErrorsFirstAndGroupsWarnings(t *testing.T) {
	l := &List{}
	l.Warnf(Pos{File: "data/a.toml", Line: 2, Col: 1}, RollupMismatch, "bhyt", "x", "3", "2")
	l.Errorf(Pos{File: "data/b.toml", Line: 9, Col: 8}, Negative, "bhyt", "-5")
	l.Warnf(Pos{File: "data/b.toml", Line: 1, Col: 1}, RollupMismatch, "bhtn", "y", "3", "2")
	l.Warnf(Pos{File: "data/a.toml", Line: 7, Col: 1}, RollupMismatch, "bhtn", "x", "3", "2")
	var b bytes.Buffer
	if err := Write(&b, l, FormatText, "vi"); err != nil {
		t.Fatal(err)
	}
	var shape []string
	for _, line := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
		switch {
		case line == "":
			shape = append(shape, "")
		case strings.Contains(line, ": lỗi: "):
			shape = append(shape, "error "+line[:strings.Index(line, ":")])
		case strings.Contains(line, ": cảnh báo: "):
			shape = append(shape, "warning "+line[:strings.Index(line, ":")])
		default:
			shape = append(shape, line)
		}
	}
	want := []string{
		"error data/b.toml",
		"",
		"2 cảnh báo ở data/a.toml:",
		"warning data/a.toml", "warning data/a.toml",
		"",
		"1 cảnh báo ở data/b.toml — tệp này còn lỗi ở trên; sửa lỗi trước, các cảnh báo này có thể hết theo:",
		"warning data/b.toml",
	}
	if strings.Join(shape, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s\n(output:\n%s)", strings.Join(shape, "\n"), strings.Join(want, "\n"), b.String())
	}
}

// TestWithoutEchoes: a warning on the line of an error is dropped; others stay.
func TestWithoutEchoes(t *testing.T) {
	l := &List{}
	l.Errorf(Pos{File: "a.toml", Line: 17, Col: 8}, TotalMismatch, "bhxh", "17404000", "bhxh-bat-buoc + bhxh-tu-nguyen", "17404")
	l.Warnf(Pos{File: "a.toml", Line: 17, Col: 8}, RollupMismatch, "bhxh", "x", "17404000", "17060")
	l.Warnf(Pos{File: "a.toml", Line: 18, Col: 8}, RollupMismatch, "bhtn", "x", "3", "2")
	l.Warnf(Pos{File: "b.toml", Line: 17, Col: 8}, RollupMismatch, "bhtn", "y", "3", "2")
	got := l.WithoutEchoes()
	if got.Len() != 3 || got.Count(Error) != 1 {
		t.Fatalf("%d left, want the error and the two warnings on other lines", got.Len())
	}
	for _, d := range got.Items() {
		if d.Severity == Warning && d.Pos.File == "a.toml" && d.Pos.Line == 17 {
			t.Error("the warning on the error's line is still there")
		}
	}
	if l.Len() != 4 {
		t.Error("WithoutEchoes changed the list")
	}
}

// TestPluralAndFigures: the English summary says "1 error" and "2 warnings", and figures in
// messages are written as the language writes them.
func TestPluralAndFigures(t *testing.T) {
	for _, c := range []struct {
		errs, warns int
		lang, want  string
	}{
		{1, 5, "en", "1 error, 5 warnings"}, {0, 1, "en", "0 errors, 1 warning"}, {2, 0, "en", "2 errors, 0 warnings"},
		{1, 5, "vi", "1 lỗi, 5 cảnh báo"}, {1234, 0, "vi", "1.234 lỗi, 0 cảnh báo"}, {1234, 0, "en", "1,234 errors, 0 warnings"},
	} {
		l := &List{}
		for range c.errs {
			l.Errorf(Pos{}, Negative, "bhyt", "-1")
		}
		for range c.warns {
			l.Warnf(Pos{}, NotNFC, "Xã")
		}
		if got := l.Summary(c.lang); got != c.want {
			t.Errorf("%d, %d in %s: %q, want %q", c.errs, c.warns, c.lang, got, c.want)
		}
	}
	l := &List{}
	l.Warnf(Pos{File: "a.toml", Line: 1}, RollupMismatch, "bhxh", "tp-tra-vinh", Figure(17404), Figure(17060.5))
	for lang, want := range map[string]string{
		"vi": `bhxh của "tp-tra-vinh" là 17.404 nhưng các đơn vị trực thuộc cộng lại là 17.060,5`,
		"en": `bhxh for "tp-tra-vinh" is 17,404 but its parts add up to 17,060.5`,
	} {
		if got := l.Items()[0].Message(lang); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
	for v, want := range map[float64]string{0: "0", -1234.5: "-1.234,5", 1e6: "1.000.000", 2.0000001: "2", 80.58: "80,58"} {
		if got := FormatNumber(v, "vi"); got != want {
			t.Errorf("FormatNumber(%v) = %q, want %q", v, got, want)
		}
	}
}

// Decimal and FormatNumber write a number with the UI language's marks, from one place.
func TestDecimalHasTheLanguagesMarks(t *testing.T) {
	for _, tt := range []struct {
		v      float64
		vi, en string
	}{
		{12.34, "12,3", "12.3"},
		{887.2, "887,2", "887.2"},
		{1234.56, "1.234,6", "1,234.6"},
		{-1234567.04, "-1.234.567,0", "-1,234,567.0"},
	} {
		if got := Decimal(tt.v, "vi"); got != tt.vi {
			t.Errorf("Decimal(%v, vi) = %q, want %q", tt.v, got, tt.vi)
		}
		if got := Decimal(tt.v, "en"); got != tt.en {
			t.Errorf("Decimal(%v, en) = %q, want %q", tt.v, got, tt.en)
		}
	}
}
