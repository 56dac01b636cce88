package build

import (
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/template/parse"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/i18n"
	"github.com/covsite/covsite/internal/lang"
	"github.com/covsite/covsite/internal/load"
	"github.com/covsite/covsite/internal/render"
	"github.com/covsite/covsite/internal/render/asset"
	"github.com/covsite/covsite/internal/routes"
	"github.com/covsite/covsite/internal/textutil"
)

// The checks of a site's own theme files, laid over the default theme: its strings files
// (each key the site adds in both languages, each string's fill-ins as the theme's), the
// keys its layouts ask for, its layouts run on a sample of the pages they render, and
// addresses that would break under a base URL with a path.

// themeError reports an error of render.New — a layout or strings file that does not
// parse — into diags with its position.
func themeError(err error, diags *diag.List) {
	var te *render.ThemeError
	var fe *i18n.FileError
	var pe toml.ParseError
	var ve *i18n.ValueError
	switch {
	case errors.As(err, &fe) && errors.As(err, &ve):
		what := map[string]diag.Words{"number": diag.W("một số", "a number"), "true/false": diag.W("true/false", "true/false"),
			"list": diag.W("một danh sách", "a list"), "date": diag.W("một ngày", "a date")}[ve.Type]
		diags.Errorf(diag.At(fe.File, ve.Line, ve.Col), diag.ThemeSyntax,
			diag.W(fmt.Sprintf("giá trị của %q là %s, không phải chữ trong ngoặc kép \"…\"", ve.Key, what.In("vi")),
				fmt.Sprintf("the value of %q is %s, not text in double quotes \"…\"", ve.Key, what.In("en"))))
	case errors.As(err, &fe) && errors.As(err, &pe) && len(fe.Src) > 0:
		load.ReportSyntax(fe.File, fe.Src, pe, diags) // in the reader's words, as data files
	case errors.As(err, &te):
		// A template error names a line at best: the start of the line (or of the file)
		// is where to look.
		diags.Errorf(diag.At(te.File, max(te.Line, 1), max(te.Col, 1)), diag.ThemeSyntax, layoutWords(te))
	default:
		diags.Errorf(diag.Pos{}, diag.ThemeSyntax, err.Error())
	}
}

// The parse errors of text/template that people meet, to be put in words.
var (
	badCharacter = regexp.MustCompile(`^bad character U\+[0-9A-F]+ '(.+)'$`)
	noFunction   = regexp.MustCompile(`^function "([^"]+)" not defined$`)
	unexpected   = regexp.MustCompile(`^unexpected (.+?)(?: in (.+))?$`)
)

// layoutWords says what is wrong in a layout that does not parse or cannot be escaped, in
// the reader's language: text/template and html/template say it in English only.
func layoutWords(te *render.ThemeError) diag.Words {
	var escape *template.Error
	if errors.As(te.Err, &escape) {
		return escapeWords(escape, te.Where)
	}
	m := te.Message
	switch {
	case m == "unexpected EOF":
		return diag.W("tệp hết mà một {{if}}, {{range}}, {{with}} hay {{define}} chưa có {{end}} của nó",
			"the file ends before the {{end}} of an {{if}}, {{range}}, {{with}} or {{define}}")
	case m == "unclosed action" || strings.HasPrefix(m, "unclosed action"):
		return diag.W("một {{ chưa được đóng bằng }}", "a {{ is not closed by }}")
	case m == "unexpected {{end}}":
		return diag.W("{{end}} thừa: không có {{if}}, {{range}}, {{with}} hay {{define}} nào đang mở",
			"an {{end}} too many: no {{if}}, {{range}}, {{with}} or {{define}} is open")
	}
	if c := badCharacter.FindStringSubmatch(m); c != nil {
		return diag.W(fmt.Sprintf("ký tự %q không dùng được trong {{…}} (một }} thiếu dấu ngoặc?)", c[1]),
			fmt.Sprintf("the character %q cannot stand inside {{…}} (a }} missing a brace?)", c[1]))
	}
	if f := noFunction.FindStringSubmatch(m); f != nil {
		names := render.LayoutFuncs()
		vi, en := fmt.Sprintf("không có hàm %q", f[1]), fmt.Sprintf("there is no function %q", f[1])
		if near := textutil.Nearest(f[1], names); near != "" {
			vi, en = vi+fmt.Sprintf(" — có phải %q?", near), en+fmt.Sprintf(" — did you mean %q?", near)
		}
		list := strings.Join(names, ", ")
		return diag.W(vi+"; các hàm có: "+list+", cùng các hàm sẵn có của Go (and, or, not, len, index, printf, eq, ne, lt, le, gt, ge, slice, html, js, urlquery)",
			en+"; the functions are: "+list+", and Go's built-in ones (and, or, not, len, index, printf, eq, ne, lt, le, gt, ge, slice, html, js, urlquery)")
	}
	u := unexpected.FindStringSubmatch(m)
	switch {
	case u == nil:
		return diag.W(m, m)
	case u[1] == `"}"`:
		return diag.W(`gặp "}" lẻ: }} để đóng {{ cần hai dấu ngoặc`, `a lone "}": closing {{ takes two braces, }}`)
	}
	return diag.W("gặp "+u[1]+" ở chỗ không được có", "unexpected "+u[1]+" here")
}

// escapeWords says why html/template cannot escape a layout safely, by its error code.
func escapeWords(e *template.Error, where string) diag.Words {
	var w diag.Words
	switch e.ErrorCode {
	case template.ErrEndContext:
		w = diag.W("layout kết thúc giữa một thẻ, thuộc tính hay chuỗi chưa đóng (thiếu dấu \" hay >?)",
			"the layout ends inside an unclosed tag, attribute or quoted value (a missing \" or >?)")
	case template.ErrBranchEnd:
		w = diag.W("hai nhánh của {{if}} hay {{range}} kết thúc ở hai chỗ khác nhau (một nhánh mở thẻ hay dấu ngoặc kép mà nhánh kia không)",
			"the branches of an {{if}} or {{range}} end in different places (one opens a tag or a quote the other does not)")
	case template.ErrAmbigContext, template.ErrPartialCharset, template.ErrPartialEscape:
		w = diag.W("một {{…}} nằm ở chỗ chưa rõ là chữ, thuộc tính hay địa chỉ (ví dụ giữa một địa chỉ có ? hay &); đặt nó trong dấu ngoặc kép của một thuộc tính",
			"a {{…}} stands where it is unclear whether it is text, an attribute or an address (inside a URL with ? or &, say); put it inside an attribute's quotes")
	case template.ErrBadHTML:
		w = diag.W("HTML sai ở đây (một dấu <, = hay ngoặc kép lạ trong thẻ)", "the HTML is malformed here (a stray <, = or quote inside a tag)")
	case template.ErrNoSuchTemplate:
		w = diag.W("gọi một mẫu không có: "+e.Description, "calls a template that does not exist: "+e.Description)
	default:
		w = diag.W(e.Description, e.Description)
	}
	if where != "" {
		w = diag.W(w.In("vi")+" (lộ ra ở "+where+")", w.In("en")+" (it surfaced in "+where+")")
	}
	return w
}

// ownLayer is the site's own layer of a theme (its files over the default theme's), or nil.
func ownLayer(theme fs.FS) fs.FS {
	if o, ok := theme.(asset.Overlay); ok {
		return o.Upper
	}
	return nil
}

// checkStrings reports the site's own strings that the pages of one language would show as
// [key] (a key added in one language only) and the strings whose fill-ins (%s, %d) differ
// from the theme's string of the same key, or from the other language's new string.
func checkStrings(theme fs.FS, diags *diag.List) {
	o, ok := theme.(asset.Overlay)
	if !ok || o.Upper == nil {
		return
	}
	own, base := map[string]*i18n.File{}, map[string]*i18n.File{}
	for _, code := range i18n.Languages {
		var err error
		if own[code], err = i18n.ReadFile(o.Upper, i18n.FileName(code)); err != nil {
			return // reported as it stops render.New
		}
		if base[code], err = i18n.ReadFile(o.Lower, i18n.FileName(code)); err != nil || base[code] == nil {
			return // reported as it stops render.New
		}
	}
	for _, code := range i18n.Languages {
		f := own[code]
		if f == nil {
			continue
		}
		other := lang.Other(code)
		keys := make([]string, 0, len(f.Strings))
		for k := range f.Strings {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, key := range keys {
			p := f.Pos[key]
			at := diag.At(f.Name, max(p.Line, 1), max(p.Col, 1))
			s := f.Strings[key]
			if was, ok := base[code].Strings[key]; ok {
				if !slices.Equal(i18n.Verbs(s), i18n.Verbs(was)) {
					diags.Errorf(at, diag.StringsVerbs, key, verbWords(s), verbWords(was), "themes/default/"+f.Name)
				}
				continue
			}
			if _, ok := base[other].Strings[key]; ok {
				continue
			}
			twin, ok := "", false
			if own[other] != nil {
				twin, ok = own[other].Strings[key]
			}
			switch {
			case !ok:
				diags.Warnf(at, diag.StringsOneLanguage, key, f.Name, i18n.FileName(other), languageName(other))
			case code == "en" && !slices.Equal(i18n.Verbs(s), i18n.Verbs(twin)):
				diags.Errorf(at, diag.StringsVerbs, key, verbWords(s), verbWords(twin), i18n.FileName(other))
			}
		}
	}
}

// languageName names a language in words.
func languageName(code string) diag.Words {
	if code == "en" {
		return diag.W("tiếng Anh", "English")
	}
	return diag.W("tiếng Việt", "Vietnamese")
}

// verbWords writes a string's fill-ins as a reader would: "%s, %d", or "none".
func verbWords(s string) diag.Words {
	verbs := i18n.Verbs(s)
	if len(verbs) == 0 {
		return diag.W("không có chỗ điền nào", "none")
	}
	out := make([]string, len(verbs))
	for i, v := range verbs {
		n, verb, _ := strings.Cut(v, ":")
		out[i] = "%[" + n + "]" + verb
		if n == strconv.Itoa(i+1) {
			out[i] = "%" + verb
		}
	}
	text := strings.Join(out, ", ")
	return diag.W(text, text)
}

// ownLayouts lists the site's own layout files: layouts/*.html and layouts/partials/*.html.
func ownLayouts(own fs.FS) []string {
	if own == nil {
		return nil
	}
	var out []string
	for _, pattern := range []string{"layouts/*.html", "layouts/partials/*.html"} {
		names, _ := fs.Glob(own, pattern)
		out = append(out, names...)
	}
	return out
}

// sampledLayouts names the layouts whose pages show a site's own layout files: each file's
// own name, or "*" when base.html or a partial, which every page may reach, is the site's.
func sampledLayouts(files []string) []string {
	var out []string
	for _, f := range files {
		name := strings.TrimSuffix(path.Base(f), ".html")
		if name == "base" || path.Dir(f) == "layouts/partials" {
			return []string{"*"}
		}
		out = append(out, name)
	}
	return out
}

// checkLayouts renders a sample of the pages of each of the site's own layouts
// (render.SamplePages) and reports each layout's first mistake at its place.
func checkLayouts(r *render.Renderer, theme fs.FS, diags *diag.List) {
	files := ownLayouts(ownLayer(theme))
	if len(files) == 0 {
		return
	}
	seen := map[diag.Pos]bool{}
	for _, p := range r.SamplePages(sampledLayouts(files)) {
		err := p.Render(discard{})
		if err == nil {
			continue
		}
		d, ok := RenderDiagnostic(err)
		if !ok {
			d = diag.Diagnostic{Severity: diag.Error, Code: diag.LayoutExec, Args: []any{p.Path, diag.W(err.Error(), err.Error())}}
		}
		if !seen[d.Pos] {
			seen[d.Pos] = true
			diags.Add(d)
		}
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// RenderDiagnostic is the diagnostic of a page that a site's layout could not render: at the
// layout's place, naming the page, the field that does not exist and the fields there
// are. ok is false for any other error.
func RenderDiagnostic(err error) (diag.Diagnostic, bool) {
	var le *render.LayoutError
	if !errors.As(err, &le) {
		return diag.Diagnostic{}, false
	}
	d := diag.Diagnostic{Pos: diag.At(le.File, le.Line, le.Col), Severity: diag.Error, Code: diag.LayoutExec}
	if d.Pos.Line == 0 {
		d.Pos.Line, d.Pos.Col = 1, 1
	}
	if le.Field != "" && len(le.Fields) > 0 {
		d.Code, d.Args = diag.LayoutField, []any{"." + le.Field, le.Type, le.Page, strings.Join(le.Fields, ", ")}
		return d, true
	}
	d.Args = []any{le.Page, problemWords(le)}
	return d, true
}

// problemWords says what stopped a layout in words, for the template errors people meet.
var (
	nilPointer = regexp.MustCompile(`^nil pointer evaluating (\S+)\.(\S+)$`)
	errCalling = regexp.MustCompile(`^error calling (\S+): (.*)$`)
)

func problemWords(le *render.LayoutError) diag.Words {
	p := le.Problem
	if m := nilPointer.FindStringSubmatch(p); m != nil {
		return diag.W("giá trị "+m[1]+" trống (nil) ở trang này nên không đọc được ."+m[2],
			"the value "+m[1]+" is empty (nil) on this page, so ."+m[2]+" cannot be read")
	}
	if m := errCalling.FindStringSubmatch(p); m != nil {
		return diag.W("hàm "+m[1]+" báo lỗi: "+m[2], "the function "+m[1]+" failed: "+m[2])
	}
	if le.Field != "" {
		return diag.W(le.Type+" không có trường ."+le.Field, le.Type+" has no field ."+le.Field)
	}
	return diag.W(p, p)
}

// checkLayoutKeys reports each {{T "key"}} of the site's own layouts whose key no strings
// file has: the pages would show [key]. A key of one language only is checkStrings' warning.
func checkLayoutKeys(theme fs.FS, diags *diag.List) {
	own := ownLayer(theme)
	files := ownLayouts(own)
	if len(files) == 0 {
		return
	}
	langs, err := i18n.LoadLayers(asset.Layers(theme)...)
	if err != nil {
		return // reported as it stops render.New
	}
	for _, name := range files {
		src, err := fs.ReadFile(own, name)
		if err != nil {
			continue
		}
		t := parse.New(name)
		t.Mode = parse.SkipFuncCheck
		trees := map[string]*parse.Tree{}
		if _, err := t.Parse(string(src), "", "", trees); err != nil {
			continue // reported by render.New
		}
		for _, tree := range trees {
			walkKeys(tree.Root, func(key string, at parse.Pos) {
				for _, code := range i18n.Languages {
					if langs[code].Has(key) {
						return // in one language only: checkStrings warns of the site's key
					}
				}
				line, col := lineCol(src, int(at))
				diags.Errorf(diag.At(name, line, col), diag.StringsUnknownKey, key)
			})
		}
	}
}

// walkKeys calls found for each T "key" with a constant key under n.
func walkKeys(n parse.Node, found func(string, parse.Pos)) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n != nil {
			for _, c := range n.Nodes {
				walkKeys(c, found)
			}
		}
	case *parse.ActionNode:
		walkKeys(n.Pipe, found)
	case *parse.IfNode:
		walkBranch(&n.BranchNode, found)
	case *parse.RangeNode:
		walkBranch(&n.BranchNode, found)
	case *parse.WithNode:
		walkBranch(&n.BranchNode, found)
	case *parse.TemplateNode:
		walkKeys(n.Pipe, found)
	case *parse.PipeNode:
		if n == nil {
			return
		}
		for i, c := range n.Cmds {
			if key, ok := stringKey(c, n.Cmds[:i]); ok {
				found(key.Text, key.Position())
			}
			for _, a := range c.Args {
				walkKeys(a, found)
			}
		}
	case *parse.ChainNode:
		walkKeys(n.Node, found)
	}
}

// stringKey is the constant key that the command c, of a pipeline after the commands
// before, passes to T: {{T "key"}}, {{T "key" .N}} or {{"key" | T}}.
func stringKey(c *parse.CommandNode, before []*parse.CommandNode) (*parse.StringNode, bool) {
	if len(c.Args) == 0 {
		return nil, false
	}
	if id, ok := c.Args[0].(*parse.IdentifierNode); !ok || id.Ident != "T" {
		return nil, false
	}
	if len(c.Args) >= 2 {
		s, ok := c.Args[1].(*parse.StringNode)
		return s, ok
	}
	if len(before) == 0 || len(before[len(before)-1].Args) != 1 {
		return nil, false
	}
	s, ok := before[len(before)-1].Args[0].(*parse.StringNode)
	return s, ok
}

func walkBranch(b *parse.BranchNode, found func(string, parse.Pos)) {
	walkKeys(b.Pipe, found)
	walkKeys(b.List, found)
	if b.ElseList != nil {
		walkKeys(b.ElseList, found)
	}
}

// lineCol is the line and column (in characters, from 1) of a byte offset of src.
func lineCol(src []byte, off int) (int, int) {
	off = min(off, len(src))
	start := strings.LastIndexByte(string(src[:off]), '\n') + 1
	return strings.Count(string(src[:off]), "\n") + 1, utf8.RuneCount(src[start:off]) + 1
}

// rootRelative matches an address attribute whose value starts with one slash: href="/img/logo.png".
var rootRelative = regexp.MustCompile(`\b(href|src|action|poster)\s*=\s*"(/(?:[^/"][^"]*)?)"`)

// checkRootRelative warns about root-relative addresses in the site's own layouts:
// published under a path (https://x.github.io/sub/, a project's GitHub Pages),
// "/img/logo.png" points outside the site; {{asset}} and {{url}} write the path. It warns
// whatever base the site is built with, so that `check` — and the workflow, whose check
// runs before it knows the Pages address — sees it before the site is published there.
func checkRootRelative(theme fs.FS, base string, diags *diag.List) {
	var where any = base
	if routes.NewBase(base).Path() == "/" {
		where = diag.W("một đường dẫn con (như GitHub Pages của một kho: https://tai-khoan.github.io/ten-kho/)",
			"a path (as a repository's GitHub Pages: https://account.github.io/repo/)")
	}
	own := ownLayer(theme)
	for _, name := range ownLayouts(own) {
		src, err := fs.ReadFile(own, name)
		if err != nil {
			continue
		}
		for _, m := range rootRelative.FindAllSubmatchIndex(src, -1) {
			line, col := lineCol(src, m[2])
			value := string(src[m[4]:m[5]])
			diags.Warnf(diag.At(name, line, col), diag.RootRelativeLink, string(src[m[2]:m[3]]), value, where, strings.TrimPrefix(value, "/"))
		}
	}
}
