package build

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/render"
	"github.com/covsite/covsite/internal/sitetest"
)

// writeFiles writes files (slash paths → contents) into the site at src.
func writeFiles(t *testing.T, src string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// rawKey is a UI string shown as its key: what T prints for a key no strings file has.
var rawKey = regexp.MustCompile(`\[[a-z0-9_]+\.[a-z0-9_.-]+\]`)

// The new user's site: a strings file of one key (written without quotes) changes that key
// only; every other label of the site stays the theme's, in both languages (it replaced the
// theme's whole file, and every page showed [lang.switch], [nav.plans], …).
func TestSiteStringsKeepTheThemesOthers(t *testing.T) {
	src := sitetest.CopyExample(t, "../..")
	writeFiles(t, src, map[string]string{
		"i18n/vi.toml": "office.hotline = \"Đường dây nóng 1900 9068\"\n\"nav.plans\" = \"Các kế hoạch\"\n",
		"i18n/en.toml": "\"office.hotline\" = \"Hotline 1900 9068\"\n",
	})
	dest := filepath.Join(t.TempDir(), "public")
	res := mustRun(t, Options{Source: src, Dest: dest, Languages: nil})
	if n := res.Diagnostics.Count(diag.Error); n != 0 {
		t.Fatalf("%d errors: %v", n, res.Diagnostics.Err("en"))
	}
	for _, page := range []string{"index.html", "en/index.html", "dia-phuong/tra-vinh-phuong-7/index.html", "en/ke-hoach/tp-tra-vinh-49-kh-bcd-2023/index.html"} {
		b, err := os.ReadFile(filepath.Join(dest, page))
		if err != nil {
			t.Fatal(err)
		}
		if raw := rawKey.FindAllString(string(b), 3); raw != nil {
			t.Errorf("%s shows keys instead of strings: %v", page, raw)
		}
	}
	home, _ := os.ReadFile(filepath.Join(dest, "index.html"))
	if !strings.Contains(string(home), ">Các kế hoạch</a>") || !strings.Contains(string(home), ">English</a>") {
		t.Error("the home page shows neither the site's own string nor the theme's")
	}
}

// The new user's layout: check stops on a field the view does not have, at its place in the
// layout, naming the view's type and its fields (it printed 0 errors, and build failed with a
// raw Go error naming interface {}).
func TestCheckRendersTheSitesOwnLayouts(t *testing.T) {
	src := sitetest.CopyExample(t, "../..")
	writeFiles(t, src, map[string]string{"layouts/locality.html": "{{define \"main\"}}<h1>{{.Body.Nmae}}</h1>{{end}}\n"})
	_, diags := Check(src)
	items := diags.Items()
	if len(items) == 0 || !diags.HasErrors() {
		t.Fatalf("check found nothing:\n%v", diags.Err("en"))
	}
	var found bool
	for _, d := range items {
		if d.Code == diag.LayoutField {
			found = true
			text := d.Text("en")
			for _, want := range []string{"layouts/locality.html:1:28: error: view.LocalityPage has no field .Nmae", "dia-phuong/", "Name, Title, Eyebrow"} {
				if !strings.Contains(text, want) {
					t.Errorf("the message lacks %q:\n%s", want, text)
				}
			}
		}
	}
	if !found {
		t.Errorf("no layout-field error:\n%v", diags.Err("en"))
	}
}

// A mistake only one page meets, which check's sample misses, stops the build with the same
// message: the layout's place and the page (it was a raw Go error with no layouts/ path).
func TestBuildTellsALayoutsMistakeOnOnePage(t *testing.T) {
	src := sitetest.CopyExample(t, "../..")
	c := check(SourceFS(src), render.Options{}, false)
	if c.renderer == nil {
		t.Fatal(c.diags.Err("en"))
	}
	sampled := map[string]bool{}
	for _, p := range c.renderer.SamplePages([]string{"locality"}) {
		sampled[p.Path] = true
	}
	var id string
	for _, l := range c.site.Localities {
		if !sampled["dia-phuong/"+l.ID+"/index.html"] {
			id = l.ID
			break
		}
	}
	if id == "" {
		t.Fatal("every locality is in the sample")
	}
	writeFiles(t, src, map[string]string{"layouts/locality.html": `{{define "main"}}<h1>{{.Body.Name}}</h1>` +
		`{{if eq .Path "dia-phuong/` + id + `/"}}{{.Body.Nope}}{{end}}{{end}}`})
	res, err := Run(context.Background(), Options{Source: src, Dest: filepath.Join(t.TempDir(), "public")})
	if !errors.Is(err, ErrInvalid) {
		t.Fatalf("err = %v, want ErrInvalid", err)
	}
	text := res.Diagnostics.Err("en").Error()
	for _, want := range []string{"layouts/locality.html:1:", "view.LocalityPage has no field .Nope", "dia-phuong/" + id + "/index.html"} {
		if !strings.Contains(text, want) {
			t.Errorf("the build's message lacks %q:\n%s", want, text)
		}
	}
}

// The example layouts of docs/examples/layouts check clean on the example site and make
// its locality and plan pages.
func TestDocumentedExampleLayoutsBuild(t *testing.T) {
	src := sitetest.CopyExample(t, "../..")
	files := map[string]string{}
	for _, name := range []string{"locality.html", "plan.html"} {
		b, err := os.ReadFile(filepath.Join("../../docs/examples/layouts", name))
		if err != nil {
			t.Fatal(err)
		}
		files["layouts/"+name] = string(b)
	}
	writeFiles(t, src, files)
	dest := filepath.Join(t.TempDir(), "public")
	res := mustRun(t, Options{Source: src, Dest: dest})
	if n := res.Diagnostics.Count(diag.Error); n != 0 {
		t.Fatalf("%d errors: %v", n, res.Diagnostics.Err("en"))
	}
	for page, want := range map[string]string{
		"dia-phuong/tra-vinh-phuong-7/index.html":           "<h1>Phường 7</h1>",
		"en/ke-hoach/tp-tra-vinh-49-kh-bcd-2023/index.html": "<h1>49/KH-BCĐ: ",
	} {
		b, err := os.ReadFile(filepath.Join(dest, page))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), want) || strings.Contains(string(b), `class="cards__`) {
			t.Errorf("%s is not the example layout's page (no %q)", page, want)
		}
		if raw := rawKey.FindAllString(string(b), 3); raw != nil {
			t.Errorf("%s shows keys instead of strings: %v", page, raw)
		}
	}
}

// What stopped a layout is said in words: a field a view lacks with the view's fields, a
// value empty on the page, a function that failed; anything else as the template said it.
func TestRenderDiagnosticWords(t *testing.T) {
	tests := []struct {
		err  *render.LayoutError
		code diag.Code
		want string
	}{
		{&render.LayoutError{File: "layouts/plan.html", Line: 2, Col: 5, Page: "ke-hoach/a/index.html", Field: "Titel", Type: "view.PlanPage", Fields: []string{"Title", "Summary"}, Problem: "can't evaluate field Titel in type view.PlanPage"},
			diag.LayoutField, "layouts/plan.html:2:5: error: view.PlanPage has no field .Titel (rendering the page ke-hoach/a/index.html) — view.PlanPage has: Title, Summary;"},
		{&render.LayoutError{File: "layouts/locality.html", Line: 1, Col: 28, Page: "dia-phuong/a/index.html", Problem: "nil pointer evaluating *view.EndedNotice.Text"},
			diag.LayoutExec, "the value *view.EndedNotice is empty (nil) on this page, so .Text cannot be read"},
		{&render.LayoutError{File: "layouts/plan.html", Line: 1, Col: 3, Page: "ke-hoach/a/index.html", Problem: "error calling index: index out of range: 9"},
			diag.LayoutExec, "the function index failed: index out of range: 9"},
		{&render.LayoutError{File: "layouts/home.html", Page: "index.html", Field: "X", Type: "map[string]interface {}", Problem: "can't evaluate field X in type map[string]interface {}"},
			diag.LayoutExec, "layouts/home.html:1:1: error: the layout stopped rendering the page index.html: map[string]interface {} has no field .X"},
	}
	for _, tt := range tests {
		d, ok := RenderDiagnostic(fmt.Errorf("render %s: %w", tt.err.Page, tt.err))
		if !ok || d.Code != tt.code || !strings.Contains(d.Text("en"), tt.want) {
			t.Errorf("%v: %s %q, want %s with %q", tt.err, d.Code, d.Text("en"), tt.code, tt.want)
		}
	}
	if _, ok := RenderDiagnostic(errors.New("disk full")); ok {
		t.Error("an error of no layout is a layout's diagnostic")
	}
}

// A layout that does not parse, or that html/template cannot escape, is told in the reader's
// language with what to do (text/template says "unexpected EOF" in English only), and a key
// piped to T ({{"key" | T}}) is checked as {{T "key"}} is.
func TestCheckSaysALayoutsMistakeInWords(t *testing.T) {
	cases := []struct {
		name, layout string
		vi, en       string
	}{
		{"no end", `{{define "main"}}{{if .Body.Name}}<h1>x</h1>` + "\n",
			"layouts/locality.html:2:1: lỗi: tệp giao diện này có lỗi: tệp hết mà một {{if}}",
			"layouts/locality.html:2:1: error: this theme file has a mistake: the file ends before the {{end}} of an {{if}}"},
		{"an end too many", `{{define "main"}}{{end}}{{end}}`,
			"{{end}} thừa", "an {{end}} too many"},
		{"one brace", `{{define "main"}}{{if .Body.Name}}x{{end}`,
			`ký tự "}" không dùng được trong {{…}}`, `the character "}" cannot stand inside {{…}}`},
		{"lone brace", `{{define "main"}}{{ .Body.Name }{{end}}`,
			`gặp "}" lẻ`, `a lone "}"`},
		{"no function", `{{define "main"}}{{ .Body.Name | pctt }}{{end}}`,
			`không có hàm "pctt" — có phải "pct"?; các hàm có: T, absURL`, `there is no function "pctt" — did you mean "pct"?; the functions are: T, absURL`},
		{"unclosed attribute", `{{define "main"}}<a href="{{.Body.Name}}>x</a>{{end}}`,
			"layout kết thúc giữa một thẻ, thuộc tính hay chuỗi chưa đóng", "the layout ends inside an unclosed tag, attribute or quoted value"},
		{"piped key", `{{define "main"}}{{"khong-co" | T}}{{end}}`,
			`layouts/locality.html:1:20: lỗi: {{T "khong-co"}}`, `layouts/locality.html:1:20: error: {{T "khong-co"}}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := sitetest.CopyExample(t, "../..")
			writeFiles(t, src, map[string]string{"layouts/locality.html": c.layout})
			_, diags := Check(src)
			if !diags.HasErrors() {
				t.Fatalf("check found no error in %q", c.layout)
			}
			for code, want := range map[string]string{"vi": c.vi, "en": c.en} {
				if got := diags.Err(code).Error(); !strings.Contains(got, want) {
					t.Errorf("%s: the message lacks %q:\n%s", code, want, got)
				}
			}
		})
	}
}

// A site's static/css/custom.css is linked on every page after the theme's style sheets
// (site.css, and map.css where a page has it), fingerprinted; a site without one has no
// such link. data/site.toml's footer is a line of every page's footer, in its language.
func TestCustomCSSAndFooter(t *testing.T) {
	for _, tt := range []struct {
		name  string
		files map[string]string
	}{
		{"without", minimalSite},
		{"with", withFiles(minimalSite, map[string]string{
			"static/css/custom.css": ":root { --link: #0b6b3a; --chart-series-1: #0b6b3a; --map-1: #e5f5e0; }\n",
			"data/site.toml":        "title = \"Thử\"\nfooter = \"Đường dây nóng: 1900 9068\"\nfooter_en = \"Hotline: 1900 9068\"\n",
		})},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			if _, err := Run(context.Background(), Options{Source: writeSite(t, tt.files), Dest: dest}); err != nil {
				t.Fatal(err)
			}
			pages := htmlFiles(t, dest)
			custom, _ := filepath.Glob(filepath.Join(dest, "css", "custom.*.css"))
			if tt.name == "without" {
				for p, html := range pages {
					if strings.Contains(html, "custom") || strings.Contains(html, "site-footer__extra") {
						t.Errorf("%s links a custom.css or prints a footer line the site has not", p)
					}
				}
				if len(custom) > 0 {
					t.Errorf("published %v", custom)
				}
				return
			}
			if len(custom) != 1 {
				t.Fatalf("custom.css published as %v, want one fingerprinted file", custom)
			}
			link := `<link rel="stylesheet" href="/css/` + filepath.Base(custom[0]) + `">`
			for _, p := range []string{"index.html", "en/index.html", "404.html", "dia-phuong/x/index.html", "chi-so/bhyt/index.html", "nhung/bieu-do/index.html"} {
				html := pages[p]
				at := strings.Index(html, link)
				if at < 0 || at > strings.Index(html, "</head>") {
					t.Errorf("%s: no %s in its head", p, link)
					continue
				}
				for _, theirs := range []string{`href="/css/site.`, `href="/css/map.`} {
					if i := strings.Index(html, theirs); i > at {
						t.Errorf("%s: custom.css comes before %s", p, theirs)
					}
				}
			}
			for p, want := range map[string]string{"index.html": "Đường dây nóng: 1900 9068", "en/404.html": "Hotline: 1900 9068"} {
				if !strings.Contains(pages[p], `<p class="site-footer__extra">`+want+`</p>`) {
					t.Errorf("%s: no footer line %q", p, want)
				}
			}
		})
	}
}
