package render

import (
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/covsite/covsite/internal/render/asset"
	"github.com/covsite/covsite/themes"
)

// A site's own base.html whose header (chrome-top) prints {{.Title}} gets each page's title
// there: the chrome was rendered once per language and kind, without the page, and printed
// nothing. The theme's own chrome reads none of the page's values, so it stays rendered once.
func TestChromePrintsThePagesOwnValues(t *testing.T) {
	site := siteOf(t, os.DirFS("../.."))
	b, err := fs.ReadFile(themes.Default(), "layouts/base.html")
	if err != nil {
		t.Fatal(err)
	}
	theme := string(b)
	own := strings.Replace(theme, `{{- define "chrome-top"}}`, `{{- define "chrome-top"}}<p class="own-title">{{.Title}} · {{$.Path}}</p>`, 1)
	if own == theme {
		t.Fatal("the theme's base.html has no chrome-top")
	}
	r, err := New(site, Options{BaseURL: "/", Theme: asset.Overlay{Upper: fstest.MapFS{"layouts/base.html": {Data: []byte(own)}}, Lower: themes.Default()}})
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{
		"dia-phuong/tra-vinh-phuong-7/index.html": `<p class="own-title">Phường 7 — Phường · dia-phuong/tra-vinh-phuong-7/</p>`,
		"dia-phuong/tra-vinh-phuong-1/index.html": `<p class="own-title">Phường 1 — Phường · dia-phuong/tra-vinh-phuong-1/</p>`,
		"en/ke-hoach/index.html":                  `<p class="own-title">Plans · ke-hoach/</p>`,
	} {
		if page := string(pageBytes(t, r, path)); !strings.Contains(page, want) {
			t.Errorf("%s lacks %s", path, want)
		}
	}
	if exampleRenderer(t).chromePerPage["vi"] || !r.chromePerPage["vi"] {
		t.Error("the theme's chrome is rendered per page, or the site's chrome that reads the title is not")
	}
}
