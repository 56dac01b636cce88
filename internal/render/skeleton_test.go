package render

import (
	"bytes"
	"os"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/covsite/covsite/internal/render/asset"
	"github.com/covsite/covsite/internal/routes"
	"github.com/covsite/covsite/themes"
)

// compiledPages are the locality and plan pages of r, and the parts of the plans' tables.
func compiledPages(r *Renderer) []Page {
	var out []Page
	for _, p := range r.Pages() {
		if kind, _ := routes.Parse(strings.TrimPrefix(p.Path, "en/")); (kind == routes.LocalityKind || kind == routes.PlanKind) && strings.HasSuffix(p.Path, "/index.html") {
			out = append(out, p)
		}
	}
	return out
}

// sameAsPerPage renders every compiled page of r, on several goroutines, and of a twin
// renderer that executes the frame for each page, and fails on a page that differs; it
// returns how many shapes of page have a skeleton.
func sameAsPerPage(t *testing.T, r, perPage *Renderer) int {
	t.Helper()
	perPage.noSkeletons = true
	pages, want := compiledPages(r), map[string][]byte{}
	if len(pages) == 0 {
		t.Fatal("no compiled page")
	}
	for _, p := range compiledPages(perPage) {
		b, err := p.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		want[p.Path] = b
	}
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := w; i < len(pages); i += 4 {
				got, err := pages[i].Bytes()
				if err != nil {
					t.Error(err)
					return
				}
				if !bytes.Equal(got, want[pages[i].Path]) {
					t.Errorf("%s: the skeleton's page differs from the frame executed for it", pages[i].Path)
				}
			}
		})
	}
	wg.Wait()
	n := 0
	for _, sk := range r.skeletons.shape {
		if sk != nil {
			n++
		}
	}
	return n
}

// The theme's frame is written through skeletons, and they give the bytes html/template
// gives, for a site published at "/" and at an absolute address.
func TestSkeletonIsTheFrame(t *testing.T) {
	for _, base := range []string{"/", "https://example.org/bh/"} {
		r := rendererAt(t, base)
		if n := sameAsPerPage(t, r, rendererAt(t, base)); n == 0 {
			t.Errorf("base %s: no page was written through a skeleton", base)
		}
		if !r.skeletons.safe["vi"] || !r.skeletons.safe["en"] {
			t.Errorf("base %s: the theme's frame is not taken as safe: %v", base, r.skeletons.safe)
		}
	}
}

// A site's own base.html that decides on a page's own value, or reads the page's view, is
// executed for every page; one that only prints the values gets skeletons.
func TestSkeletonFallsBackOnAFrameOfItsOwn(t *testing.T) {
	theme := func(base string) Options {
		src, err := themes.Default().Open("layouts/base.html")
		if err != nil {
			t.Fatal(err)
		}
		defer src.Close()
		var b bytes.Buffer
		if _, err := b.ReadFrom(src); err != nil {
			t.Fatal(err)
		}
		html := strings.Replace(b.String(), "<body class=\"page-{{.Kind}}\">", "<body class=\"page-{{.Kind}}\">"+base, 1)
		return Options{BaseURL: "/", Theme: asset.Overlay{Upper: fstest.MapFS{"layouts/base.html": {Data: []byte(html)}}, Lower: themes.Default()}}
	}
	site := siteOf(t, os.DirFS("../.."))
	renderer := func(extra string) *Renderer {
		r, err := New(site, theme(extra))
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	for _, tt := range []struct {
		name, extra string
		safe        bool
	}{
		{"prints the title again", `<p>{{.Title}}</p><p>{{with .Card}}{{.}}{{end}}</p>`, true},
		{"tests a title", `{{if eq .Title "Phường 7 — Phường"}}<p>seven</p>{{end}}`, false},
		{"reads the view", `{{if .Body}}<p>body</p>{{end}}`, false},
		{"slices a title", `<p>{{slice .Title 0 3}}</p>`, false},
		{"keeps the title", `{{$t := .Title}}<p>{{$t}}</p>`, false},
		{"passes the page on", `{{template "extra" .Title}}{{define "extra"}}<p>{{.}}</p>{{end}}`, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := renderer(tt.extra)
			if got := frameSafe(r.layouts["vi"][frameLayout]); got != tt.safe {
				t.Errorf("frameSafe = %v, want %v", got, tt.safe)
			}
			n := sameAsPerPage(t, r, renderer(tt.extra))
			if tt.safe != (n > 0) {
				t.Errorf("%d shapes of page written through a skeleton", n)
			}
		})
	}
}

// A value with a character its place's escaper changes goes through html/template: the
// skeleton writes values only as they are.
func TestSkeletonLeavesValuesItWouldChange(t *testing.T) {
	r := exampleRenderer(t)
	route := routes.Locality("tra-vinh-phuong-7")
	for _, tt := range []struct {
		title, canonical string
		fits             bool
	}{
		{"Phường 7 — Phường", "/dia-phuong/tra-vinh-phuong-7/", true},
		{"A & B", "/dia-phuong/tra-vinh-phuong-7/", false},
		{"<b>", "/dia-phuong/tra-vinh-phuong-7/", false},
		{"it's", "/dia-phuong/tra-vinh-phuong-7/", false},
		{"Phường 7", "https://example.org/dia-phuong/tra-vinh-phuong-7/", true},
		{"Phường 7", "javascript:alert(1)", false},
		{"Phường 7", "/dia phuong/", false},
		{"Phường 7", "/địa-phương/", false},
	} {
		d := r.page("vi", "locality", route, tt.title, "Mô tả", nil)
		d.Canonical = tt.canonical
		d.Breadcrumb = []crumb{{Name: "Trang chủ", URL: "/"}}
		var got bytes.Buffer
		ok, err := r.writeFramed(&got, "vi", d, []byte("<p>main</p>"))
		if err != nil {
			t.Fatal(err)
		}
		if ok != tt.fits {
			t.Errorf("title %q, canonical %q: written by the skeleton %v, want %v", tt.title, tt.canonical, ok, tt.fits)
		}
		if !ok {
			continue
		}
		d.Main = "<p>main</p>"
		var want bytes.Buffer
		if err := r.execute(&want, "vi", frameLayout, d); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("title %q, canonical %q: the skeleton wrote\n%s\nhtml/template\n%s", tt.title, tt.canonical, got.String(), want.String())
		}
	}
}
