package render

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/covsite/covsite/internal/render/asset"
	"github.com/covsite/covsite/themes"
)

// A site that ships its own layouts/locality.html or plan.html gets it through html/template,
// with the page's typed view as .Body and the theme's frame around it; the compiled pages
// serve every other site.
func TestSiteLayoutOverridesCompiledPage(t *testing.T) {
	site := siteOf(t, os.DirFS("../.."))
	own := fstest.MapFS{
		"layouts/locality.html": {Data: []byte(`{{define "main"}}<h1 class="own">{{.Body.Name}}</h1>` +
			`{{range .Body.Cards}}<p class="own-card">{{.Title}}: {{range .Targets}}{{.Value.Text}}{{end}}</p>` +
			`<p class="own-fig">{{with .Result}}{{.Figure}}{{end}}{{range .Targets}}|{{.Share}}|{{.Meter}}|{{.Needed}}{{end}}</p>{{end}}{{end}}`)},
		"layouts/plan.html": {Data: []byte(`{{define "main"}}<h1 class="own">{{.Body.Title}}</h1>{{end}}`)},
	}
	r, err := New(site, Options{BaseURL: "/", Theme: asset.Overlay{Upper: own, Lower: themes.Default()}})
	if err != nil {
		t.Fatal(err)
	}
	ward := string(pageBytes(t, r, "dia-phuong/tra-vinh-phuong-7/index.html"))
	for _, want := range []string{`<h1 class="own">Phường 7</h1>`, `<p class="own-card">BHXH: 2.499</p>`, `<footer class="site-footer">`, `<title>Phường 7 — Phường`} {
		if !strings.Contains(ward, want) {
			t.Errorf("the site's locality layout: page lacks %s", want)
		}
	}
	if strings.Contains(ward, `class="cards"`) {
		t.Error("the compiled locality page was written besides the site's layout")
	}
	plan := string(pageBytes(t, r, "en/ke-hoach/tp-tra-vinh-49-kh-bcd-2023/index.html"))
	if !strings.Contains(plan, `<h1 class="own">49/KH-BCĐ: `) {
		t.Errorf("the site's plan layout was not used:\n%s", plan)
	}

	compiled := exampleRenderer(t)
	if page := string(pageBytes(t, compiled, "dia-phuong/tra-vinh-phuong-7/index.html")); !strings.Contains(page, `class="cards"`) || strings.Contains(page, `class="own"`) {
		t.Error("without a layout of its own, a site does not get the compiled locality page")
	}
	// a card's figures, kept as numbers for the compiled page, print as text in a layout
	province := string(pageBytes(t, r, "dia-phuong/tra-vinh/index.html"))
	card := string(pageBytes(t, compiled, "dia-phuong/tra-vinh/index.html"))
	_, fig, _ := strings.Cut(card, `<span class="big">`)
	fig, _, _ = strings.Cut(fig, `</span>`)
	_, goal, _ := strings.Cut(card, `<p class="card__goal">`)
	_, share, _ := strings.Cut(goal, `</strong>`)
	share, _, _ = strings.Cut(share, `</p>`)
	_, meter, _ := strings.Cut(goal, `<meter value="`)
	meter, _, _ = strings.Cut(meter, `"`)
	if fig == "" || share == "" || meter == "" || !strings.Contains(province, `<p class="own-fig">`+fig+"|"+share+"|"+meter+"|") {
		t.Errorf("the site's layout printed the cards' figures otherwise than %q, share %q, meter %q:\n%s", fig, share, meter, province)
	}
}

// A compiled page's main content is written in the frame's place for it; a site's own
// base.html that prints .Main twice, or not at all, gets what it asks for.
func TestFramePrintsMainAsTheLayoutSays(t *testing.T) {
	site := siteOf(t, os.DirFS("../.."))
	page := func(base string) string {
		t.Helper()
		theme := asset.Overlay{Lower: themes.Default()}
		if base != "" {
			chrome := `{{define "chrome-head"}}{{end}}{{define "chrome-top"}}{{end}}{{define "chrome-nav"}}{{end}}{{define "chrome-footer"}}{{end}}`
			theme.Upper = fstest.MapFS{"layouts/base.html": {Data: []byte(base + chrome)}}
		}
		r, err := New(site, Options{BaseURL: "/", Theme: theme})
		if err != nil {
			t.Fatal(err)
		}
		return string(pageBytes(t, r, "dia-phuong/tra-vinh-phuong-7/index.html"))
	}
	const cards = `<ul class="cards">`
	if p := page(""); strings.Count(p, cards) != 1 || strings.Contains(p, string(mainPlaceholder)) || !strings.HasSuffix(p, "</html>\n") {
		t.Errorf("the theme's frame: %d card lists, placeholder left %v", strings.Count(p, cards), strings.Contains(p, string(mainPlaceholder)))
	}
	if p := page(`<main>{{.Main}}</main><aside>{{.Main}}</aside>`); strings.Count(p, cards) != 2 || strings.Contains(p, string(mainPlaceholder)) {
		t.Errorf("a frame printing .Main twice: %d card lists", strings.Count(p, cards))
	}
	if p := page(`<main>{{.Title}}</main>`); strings.Contains(p, cards) || !strings.Contains(p, "Phường 7") || strings.Contains(p, string(mainPlaceholder)) {
		t.Errorf("a frame without .Main: %q", p)
	}
}
