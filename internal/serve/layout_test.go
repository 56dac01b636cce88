package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/covsite/covsite/internal/build"
	"github.com/covsite/covsite/internal/sitetest"
)

func writeLayout(t *testing.T, site, name, body string) {
	t.Helper()
	p := filepath.Join(site, "layouts", name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// The overlay speaks the page's language (Vietnamese here), the terminal serve's (English).

// A mistake in the site's own locality layout, saved while serve runs, is a layout error in
// the terminal and the overlay — not "the data has errors" — and the last good page stays
// behind it (the terminal said it was ready, the page was a 500 blaming the data).
func TestServeShowsALayoutMistakeAsOne(t *testing.T) {
	site := sitetest.CopyExample(t, repoRoot)
	ts := start(t, site)
	page := ts.url + "/dia-phuong/tra-vinh-phuong-1/"
	waitFor(t, page, "ward page served", func(s int, b string) bool { return s == 200 && strings.Contains(b, "10.324") })
	writeLayout(t, site, "locality.html", "{{define \"main\"}}<h1>{{.Body.Nmae}}</h1>{{end}}\n")
	body := waitFor(t, page, "overlay shown", func(s int, b string) bool { return strings.Contains(b, "covsite-overlay") })
	for _, want := range []string{"Bố cục (layouts/, i18n/) của trang có lỗi", "layouts/locality.html:1:28", "view.LocalityPage không có trường .Nmae", "10.324"} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if strings.Contains(body, "Dữ liệu có lỗi") {
		t.Error("the overlay blames the data")
	}
	if log := ts.log.String(); !strings.Contains(log, "layouts/locality.html:1:28: error: view.LocalityPage has no field .Nmae") {
		t.Errorf("the terminal does not tell the layout's mistake:\n%s", log)
	}
}

// A mistake only one page meets (check's sample missed it) shows on that page, over its
// last good version, and in the terminal.
func TestServeKeepsTheLastGoodPageOfALayoutMistake(t *testing.T) {
	site := sitetest.CopyExample(t, repoRoot)
	p, err := build.Prepare(build.Options{Source: site, BaseURL: "/"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	sampled := map[string]bool{}
	for _, pg := range p.Renderer.SamplePages([]string{"locality"}) {
		sampled[pg.Path] = true
	}
	id := ""
	for _, l := range p.Site.Localities {
		if !sampled["dia-phuong/"+l.ID+"/index.html"] {
			id = l.ID
			break
		}
	}
	if id == "" {
		t.Fatal("every locality is in the sample")
	}
	ts := start(t, site)
	page := ts.url + "/dia-phuong/" + id + "/"
	good := waitFor(t, page, "page served", func(s int, b string) bool { return s == 200 })
	writeLayout(t, site, "locality.html", `{{define "main"}}<h1>{{.Body.Name}}</h1>{{if eq .Path "dia-phuong/`+id+`/"}}{{.Body.Nope}}{{end}}{{end}}`)
	body := waitFor(t, page, "overlay shown", func(s int, b string) bool { return strings.Contains(b, "covsite-overlay") })
	if s, _ := get(t, page); s != 200 {
		t.Errorf("status %d, want the last good page (200)", s)
	}
	for _, want := range []string{"Bố cục (layouts/, i18n/) của trang có lỗi", "layouts/locality.html:1:", "không có trường .Nope"} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if i := strings.Index(good, "<main"); i < 0 || !strings.Contains(body, good[i:i+200]) {
		t.Error("the last good page is not behind the overlay")
	}
	if log := ts.log.String(); !strings.Contains(log, "has no field .Nope") {
		t.Errorf("the terminal does not tell the layout's mistake:\n%s", log)
	}
}
