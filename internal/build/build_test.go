package build

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/covsite/covsite/internal/sitetest"
)

// writeSite writes files (slash paths → contents) under a new temporary site directory.
func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

var minimalSite = map[string]string{
	"data/site.toml":       `title = "Thử"`,
	"data/indicators.toml": "[[indicator]]\nid = \"bhyt\"\nname = \"BHYT\"\nunit = \"people\"\ndenominator = \"population\"\n",
	"data/localities/a.toml": "[[locality]]\nid = \"vn\"\nname = \"Việt Nam\"\nkind = \"quoc-gia\"\n" +
		"[[locality]]\nid = \"x\"\nname = \"Xã X\"\nkind = \"xa\"\nparent = \"vn\"\n",
}

func withFiles(base map[string]string, extra map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range base {
		out[k] = v
	}
	for k, v := range extra {
		out[k] = v
	}
	return out
}

// A site's own layouts/ and static/ replace the theme's files of the same name.
func TestSiteFilesOverrideTheTheme(t *testing.T) {
	src := writeSite(t, withFiles(minimalSite, map[string]string{
		"layouts/404.html":    `{{define "main"}}<p>TRANG RIÊNG 404</p>{{end}}`,
		"static/css/site.css": `body{color:#123456}`,
		"static/robots.txt":   "User-agent: *\n",
	}))
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Run(context.Background(), Options{Source: src, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	page, _ := os.ReadFile(filepath.Join(dest, "404.html"))
	if !strings.Contains(string(page), "TRANG RIÊNG 404") {
		t.Errorf("404.html does not use the site's layout:\n%s", page)
	}
	if _, err := os.Stat(filepath.Join(dest, "robots.txt")); err != nil {
		t.Errorf("the site's own static file was not copied: %v", err)
	}
	css, _ := filepath.Glob(filepath.Join(dest, "css", "site.*.css"))
	if len(css) != 1 {
		t.Fatalf("want one fingerprinted site.css, got %v", css)
	}
	if b, _ := os.ReadFile(css[0]); string(b) != `body{color:#123456}` {
		t.Errorf("site.css is the theme's, not the site's")
	}
	if !strings.Contains(string(page), "/css/"+filepath.Base(css[0])) {
		t.Errorf("the page does not link the fingerprinted CSS %s", filepath.Base(css[0]))
	}
}

// The charts' kit is made by covsite (render.ChartKitFile): a site's own file of that
// name would be replaced without a word, so the build stops and names it.
func TestSiteChartKitIsAConflict(t *testing.T) {
	src := writeSite(t, withFiles(minimalSite, map[string]string{
		"static/js/chart-kit.js": "window.covsiteChartKit = {};\n",
	}))
	res, err := Run(context.Background(), Options{Source: src, Dest: filepath.Join(t.TempDir(), "public")})
	if !errors.Is(err, ErrInvalid) {
		t.Fatalf("err = %v, want ErrInvalid", err)
	}
	var found bool
	for _, d := range res.Diagnostics.Items() {
		text := d.Text("en")
		if strings.Contains(text, "static/js/chart-kit.js:1:1") && strings.Contains(text, "would be replaced by js/chart-kit.js, which covsite makes itself") && strings.Contains(text, "static/js/charts.js") {
			found = true
		}
	}
	if !found {
		t.Errorf("no diagnostic names static/js/chart-kit.js: %v", res.Diagnostics)
	}
}

// A bad input stops the build and leaves the previous output as it was.
func TestBuildRefusesToPublishOnErrors(t *testing.T) {
	src := writeSite(t, minimalSite)
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Run(context.Background(), Options{Source: src, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(filepath.Join(dest, "index.html"))
	bad := filepath.Join(src, "data", "localities", "b.toml")
	if err := os.WriteFile(bad, []byte("[[locality]]\nid = \"y\"\nname = \"Y\"\nkind = \"xa\"\nparent = \"khong-co\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), Options{Source: src, Dest: dest})
	if !errors.Is(err, ErrInvalid) || !res.Diagnostics.HasErrors() {
		t.Fatalf("err = %v, diagnostics %v", err, res.Diagnostics)
	}
	after, _ := os.ReadFile(filepath.Join(dest, "index.html"))
	if string(before) != string(after) {
		t.Error("the previous site changed although the build failed")
	}
	text := res.Diagnostics.Items()[0].Text("en")
	if !strings.Contains(text, "data/localities/b.toml:5:10") || !strings.Contains(text, "khong-co") {
		t.Errorf("message = %q", text)
	}
}

func TestStrictTurnsWarningsIntoErrors(t *testing.T) {
	nfd := "Xa\u0303 Z" // "Xã Z" with a combining tilde: normalised, with a warning
	src := writeSite(t, withFiles(minimalSite, map[string]string{
		"data/localities/c.toml": "[[locality]]\nid = \"z\"\nname = \"" + nfd + "\"\nkind = \"xa\"\nparent = \"vn\"\n",
	}))
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Run(context.Background(), Options{Source: src, Dest: dest}); err != nil {
		t.Fatalf("a warning must not stop a normal build: %v", err)
	}
	if _, err := Run(context.Background(), Options{Source: src, Dest: dest, Strict: true}); !errors.Is(err, ErrInvalid) {
		t.Fatalf("--strict: err = %v, want ErrInvalid", err)
	}
}

// draftUpdate is an update still marked draft = true, as `covsite new update` writes it.
const draftUpdate = "+++\ntitle = \"Bản nháp thử\"\ndate = 2026-05-01\nsummary = \"\"\ndraft = true\n+++\n\nChưa xong.\n"

// TestBuildLeavesDraftsOut: a draft is not published unless Drafts is set, and does not
// stop the build although it has no summary (issue 15).
func TestBuildLeavesDraftsOut(t *testing.T) {
	site := writeSite(t, withFiles(minimalSite, map[string]string{"content/updates/2026-05-01-ban-nhap.md": draftUpdate}))
	page := filepath.Join("tin-tuc", "ban-nhap", "index.html")
	for _, drafts := range []bool{false, true} {
		dest := filepath.Join(t.TempDir(), "public")
		if _, err := Run(context.Background(), Options{Source: site, Dest: dest, Drafts: drafts}); err != nil {
			t.Fatalf("drafts=%t: %v", drafts, err)
		}
		body, err := os.ReadFile(filepath.Join(dest, page))
		switch {
		case !drafts && err == nil:
			t.Error("a draft was published without --drafts")
		case drafts && err != nil:
			t.Errorf("--drafts did not publish the draft: %v", err)
		case drafts && !strings.Contains(string(body), `class="draft-note"`):
			t.Error("the draft's page is not marked as a draft")
		}
		list, _ := os.ReadFile(filepath.Join(dest, "tin-tuc", "index.html"))
		if got := strings.Contains(string(list), "Bản nháp thử"); got != drafts {
			t.Errorf("drafts=%t: the list of updates names the draft: %t", drafts, got)
		}
	}
}

// TestWarningThatEchoesAnErrorIsDropped: a city total that is not the sum of its parts is an
// error; that it is then not the sum of the wards either is not printed as a second,
// separate problem on the same line (issue 15).
func TestWarningThatEchoesAnErrorIsDropped(t *testing.T) {
	site := sitetest.CopyExample(t, "../..")
	plan := filepath.Join(site, "data/plans/tp-tra-vinh-49-kh-bcd-2023.toml")
	src, err := os.ReadFile(plan)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(plan, []byte(strings.Replace(string(src), "bhxh = 17_404\n", "bhxh = 17_404_000\n", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	line := 1 + strings.Count(string(src[:strings.Index(string(src), "bhxh = 17_404\n")]), "\n")
	_, diags := Check(site)
	var onLine []string
	for _, d := range diags.Items() {
		if d.Pos.File == "data/plans/tp-tra-vinh-49-kh-bcd-2023.toml" && int(d.Pos.Line) == line {
			onLine = append(onLine, string(d.Code))
		}
	}
	if len(onLine) != 1 || onLine[0] != "total-mismatch" {
		t.Errorf("line %d has %v, want only the error total-mismatch", line, onLine)
	}
}
