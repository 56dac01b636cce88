package render

import (
	"bytes"

	"strings"
	"testing"

	"github.com/covsite/covsite/internal/routes"
)

// TestPageFindsWhatPagesLists: Page finds every page Pages lists, rendering the same
// bytes, and nothing else.
func TestPageFindsWhatPagesLists(t *testing.T) {
	r := exampleRenderer(t)
	for _, p := range r.Pages() {
		q, ok := r.Page(p.Path)
		if !ok || q.Path != p.Path || q.Lang != p.Lang {
			t.Errorf("Page(%q) = %q %q, %t", p.Path, q.Path, q.Lang, ok)
			continue
		}
		want, err := p.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		if got, err := q.Bytes(); err != nil || !bytes.Equal(got, want) {
			t.Errorf("Page(%q) renders other bytes than Pages' (%v)", p.Path, err)
		}
	}
	noData := ""
	for _, l := range r.site.Localities {
		if !r.site.HasFigures(l) {
			noData = "dia-phuong/" + l.ID + "/du-lieu.csv"
		}
	}
	if noData == "" {
		t.Fatal("every locality of the example site has figures: pick another test")
	}
	for _, path := range []string{
		"", "index", "dia-phuong/khong-co/index.html", "ke-hoach/khong-co/index.html", "en/dia-phuong/tra-vinh/du-lieu.csv",
		"dia-phuong/tra-vinh/khac.html", "en/sitemap.xml", "tin-tuc/khong-co/index.html", "css/site.css", noData,
	} {
		if p, ok := r.Page(path); ok {
			t.Errorf("Page(%q) found %q, which Pages does not list", path, p.Path)
		}
	}
	r.only = []string{"vi"}
	if p, ok := r.Page("en/dia-phuong/tra-vinh/index.html"); ok {
		t.Errorf("Page found %q in a Vietnamese-only build", p.Path)
	}
	if _, ok := r.Page("dia-phuong/tra-vinh/index.html"); !ok {
		t.Error("Page does not find a Vietnamese page in a Vietnamese-only build")
	}
}

// TestNotFoundPagesAreNotIndexed: a host serves 404.html at every missing address, so it
// must not name itself canonical or have language alternates, and search engines are
// asked not to index it; nor are embed pages (a chart alone, for iframes); every other
// page keeps its canonical address.
func TestNotFoundPagesAreNotIndexed(t *testing.T) {
	r := exampleRenderer(t)
	for _, p := range r.Pages() {
		if !strings.HasSuffix(p.Path, ".html") {
			continue
		}
		b, err := p.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		notFound := strings.HasSuffix(p.Path, "404.html") || routes.IsEmbed(p.Path)
		noindex := bytes.Contains(b, []byte(`<meta name="robots" content="noindex">`))
		canonical := bytes.Contains(b, []byte(`rel="canonical"`)) || bytes.Contains(b, []byte(`<link rel="alternate" hreflang=`))
		if noindex != notFound || canonical == notFound {
			t.Errorf("%s: noindex %t, canonical or alternates %t", p.Path, noindex, canonical)
		}
	}
}
