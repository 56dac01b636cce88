package render

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/covsite/covsite/internal/load"
	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/render/asset"
	"github.com/covsite/covsite/themes"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// fingerprint matches asset hashes (site.3f2a9c1b.css), which change with every style edit
// and are tested on their own; golden files hold ".HASH." instead.
var fingerprint = regexp.MustCompile(`\.[0-9a-f]{8}\.(css|js)\b`)

// exampleRenderer renders the repository's example site with the default theme.
func exampleRenderer(t *testing.T) *Renderer { return rendererAt(t, "/") }

// rendererAt renders the example site published at base.
func rendererAt(t *testing.T, base string) *Renderer {
	return rendererOf(t, os.DirFS("../.."), base)
}

// rendererOf renders the site in fsys, published at base, with the default theme; the site
// must have no error.
func rendererOf(t *testing.T, fsys fs.FS, base string) *Renderer {
	t.Helper()
	return rendererWith(t, fsys, Options{BaseURL: base})
}

// siteOf loads and links the site in fsys, which must have no error.
func siteOf(t *testing.T, fsys fs.FS) *model.Site {
	t.Helper()
	raw, diags := load.Load(fsys)
	site, more := model.Build(raw)
	diags.Merge(more)
	if err := diags.Err("en"); err != nil {
		t.Fatalf("site: %v", err)
	}
	return site
}

// rendererWith is rendererOf with opts, on the default theme.
func rendererWith(t *testing.T, fsys fs.FS, opts Options) *Renderer {
	t.Helper()
	site := siteOf(t, fsys)
	opts.Theme = asset.Overlay{Lower: themes.Default()}
	r, err := New(site, opts)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func pageBytes(t *testing.T, r *Renderer, path string) []byte {
	t.Helper()
	for _, p := range r.Pages() {
		if p.Path == path {
			b, err := p.Bytes()
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
	}
	t.Fatalf("no page %s", path)
	return nil
}

// TestGoldenPages compares rendered pages with testdata/golden. After an intended change
// to a layout or a string, run: go test ./internal/render -run Golden -update
func TestGoldenPages(t *testing.T) {
	r := exampleRenderer(t)
	for _, tt := range []struct{ page, golden string }{
		{"dia-phuong/tra-vinh-phuong-7/index.html", "ward-tra-vinh-phuong-7.html"},
		{"en/dia-phuong/tra-vinh-phuong-7/index.html", "ward-tra-vinh-phuong-7.en.html"},
		{"dia-phuong/tra-vinh/index.html", "province-tra-vinh.html"},
		{"en/dia-phuong/da-nang/index.html", "city-da-nang.en.html"},
		{"ke-hoach/tp-tra-vinh-49-kh-bcd-2023/index.html", "plan-49-kh-bcd.html"},
		{"en/ke-hoach/tp-tra-vinh-49-kh-bcd-2023/index.html", "plan-49-kh-bcd.en.html"},
		{"dia-phuong/vn/xep-hang/bhxh-tu-nguyen/index.html", "children-ranked-vn-bhxh-tu-nguyen.html"},
		{"en/dia-phuong/vn/xep-hang/bhxh-tu-nguyen/index.html", "children-ranked-vn-bhxh-tu-nguyen.en.html"},
		{"index.html", "home.html"},
		{"dia-phuong/index.html", "localities.html"},
		{"ke-hoach/index.html", "plans.html"},
		{"tin-tuc/index.html", "updates.html"},
		{"du-lieu/index.html", "downloads.html"},
		{"phuong-phap/index.html", "methodology.html"},
		{"en/404.html", "404.en.html"},
		{"tin-tuc/can-tho-ket-qua-6-thang-dau-nam-2019/index.html", "update.html"},
	} {
		t.Run(tt.golden, func(t *testing.T) { checkGolden(t, r, tt.page, tt.golden) })
	}
}

// TestGoldenConflict: a figure two documents give differently for one date (testdata/
// conflict: a report and a news item) is the report's, and its card names the news
// item's figure and the news item, in both languages.
func TestGoldenConflict(t *testing.T) {
	r := rendererOf(t, os.DirFS("testdata/conflict"), "/")
	for _, tt := range []struct{ page, golden, other string }{
		{"dia-phuong/tinh/index.html", "conflict.html", "Nguồn khác ghi 11.900 (<cite>Tin BHYT tháng 7</cite>)"},
		{"en/dia-phuong/tinh/index.html", "conflict.en.html", "Another source gives 11,900 (<cite>BHYT news, July</cite>)"},
	} {
		t.Run(tt.golden, func(t *testing.T) {
			if b := pageBytes(t, r, tt.page); !bytes.Contains(b, []byte(tt.other)) {
				t.Errorf("%s does not name the other figure: %s", tt.page, tt.other)
			}
			checkGolden(t, r, tt.page, tt.golden)
		})
	}
}

// checkGolden compares the page at path with testdata/golden/golden (rewritten with
// -update).
func checkGolden(t *testing.T, r *Renderer, path, golden string) {
	t.Helper()
	got := fingerprint.ReplaceAll(pageBytes(t, r, path), []byte(".HASH.$1"))
	file := filepath.Join("testdata", "golden", golden)
	if *update {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from %s; if the change is intended, run go test ./internal/render -run Golden -update\n%s",
			path, file, firstDifference(got, want))
	}
}

// firstDifference shows the line where got and want part.
func firstDifference(got, want []byte) string {
	g, w := bytes.Split(got, []byte("\n")), bytes.Split(want, []byte("\n"))
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl []byte
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if !bytes.Equal(gl, wl) {
			return "line " + strconv.Itoa(i+1) + ":\n  got:  " + string(gl) + "\n  want: " + string(wl)
		}
	}
	return ""
}
