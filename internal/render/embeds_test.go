package render

import (
	"bytes"
	"encoding/json"
	"html/template"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/covsite/covsite/internal/routes"
	"github.com/covsite/covsite/internal/view"
)

var toolsIsland = regexp.MustCompile(`<script type="application/json" id="chart-tools">([^<]*)</script>`)

// pageTools reads the chart-tools island of a rendered page.
func pageTools(t *testing.T, path string, b []byte) (view.ChartTools, bool) {
	t.Helper()
	m := toolsIsland.FindSubmatch(b)
	if m == nil {
		return view.ChartTools{}, false
	}
	var tools view.ChartTools
	if err := json.Unmarshal(m[1], &tools); err != nil {
		t.Fatalf("%s: chart-tools: %v", path, err)
	}
	return tools, true
}

var chartIDs = regexp.MustCompile(`<figure class="chart" id="(chart-[0-9]+)-figure"`)

// TestEveryChartHasAnEmbed: on every page with charts — a city's as well as a
// province's — the tools give once the address of the charts' embeds, which with each
// chart's id is the charts' embed page of the page's language, whose query names that
// page and that chart, which the page has (its figure, data island and caption); the
// iframe code is the site's chart kit's, a script the page loads; the credit names the
// sources, the page the site (charts.js joins them). No page of a locality
// has pre-rendered embeds any more.
func TestEveryChartHasAnEmbed(t *testing.T) {
	for _, base := range []string{"/", "https://example.org/bhxh/"} {
		r := rendererAt(t, base)
		pages := map[string]bool{}
		for _, p := range r.Pages() {
			pages[p.Path] = true
		}
		kit := r.Asset(ChartKitFile)
		if kit == "" || !pages[strings.TrimPrefix(strings.TrimPrefix(kit, strings.TrimSuffix(r.URL("vi", routes.Home), "/")), "/")] {
			t.Errorf("base %s: the chart kit %q is not a file of the site", base, kit)
		}
		charts, deep := 0, false
		for _, p := range r.Pages() {
			kind, id := routes.Parse(p.Path)
			if kind == routes.LocalityKind && routes.IsEmbed(p.Path) {
				t.Errorf("%s: a locality's embed file; the charts' embed page serves them all", p.Path)
			}
			if kind != routes.LocalityKind || !strings.HasSuffix(p.Path, "index.html") {
				continue
			}
			b, err := p.Bytes()
			if err != nil {
				t.Fatal(err)
			}
			tools, ok := pageTools(t, p.Path, b)
			if !ok {
				if bytes.Contains(b, []byte(`data-chart=`)) {
					t.Errorf("%s: charts without tools", p.Path)
				}
				continue
			}
			// The credit names the sources; charts.js adds the site's name the page gives.
			if tools.Words["embed"] == "" || tools.Credit == "" || strings.Contains(tools.Credit, r.siteTitle(p.Lang)) ||
				!bytes.Contains(b, []byte(`<meta property="og:site_name" content="`+template.HTMLEscapeString(r.siteTitle(p.Lang))+`">`)) {
				t.Errorf("%s: embed word %q, credit %q, or no og:site_name", p.Path, tools.Words["embed"], tools.Credit)
			}
			if !bytes.Contains(b, []byte(`<script defer src="`+kit+`"></script>`)) {
				t.Errorf("%s: charts without the chart kit %s", p.Path, kit)
			}
			for _, m := range chartIDs.FindAllSubmatch(b, -1) {
				chartID := string(m[1])
				charts++
				if r.site.Locality(id).Depth > 1 {
					deep = true
				}
				embed := tools.Embed + chartID
				want := r.AbsURL(p.Lang, routes.ChartEmbedOf(routes.Locality(id), chartID))
				if embed != want || !strings.HasPrefix(embed, strings.TrimSuffix(base, "/")) {
					t.Errorf("%s: %s embed %q, want %q", p.Path, chartID, embed, want)
				}
				u, err := url.Parse(embed)
				if err != nil {
					t.Fatal(err)
				}
				q := u.Query()
				if routes.File(p.Lang, q.Get("p")) != p.Path || q.Get("c") != chartID {
					t.Errorf("%s: embed %q names page %q chart %q", p.Path, embed, q.Get("p"), q.Get("c"))
				}
				embedFile := routes.File(p.Lang, routes.ChartEmbed)
				if !pages[embedFile] || !strings.HasSuffix(strings.TrimSuffix(u.Path, "/")+"/index.html", "/"+embedFile) {
					t.Errorf("%s: embed %q is not the page %s the site lists", p.Path, embed, embedFile)
				}
				for _, attr := range []string{`data-chart="` + chartID + `-data"`, `id="` + chartID + `-figure"><figcaption><span class="chart__title">`} {
					if !bytes.Contains(b, []byte(attr)) {
						t.Errorf("%s: embed names %s, the page has no %s", p.Path, chartID, attr)
					}
				}
			}
		}
		if charts < 6 || !deep {
			t.Errorf("base %s: %d charts with an embed, one below a province: %v", base, charts, deep)
		}
	}
}

// TestChartEmbedPage: the charts' embed page, in each language, is not indexed, has the
// frame's Content-Security-Policy, and until charts.js draws the chart its query names
// says the chart needs JavaScript and links to the site; it hands the script the
// language's root and its words.
func TestChartEmbedPage(t *testing.T) {
	r := exampleRenderer(t)
	csp := regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="[^"]*">`)
	frame := csp.Find(pageBytes(t, r, "index.html"))
	if frame == nil {
		t.Fatal("the home page has no Content-Security-Policy")
	}
	for _, tt := range []struct {
		lang, root string
		words      []string
	}{
		{"vi", "/", []string{"Cần bật JavaScript để xem biểu đồ này", `data-nopage="Không tìm thấy trang`, `data-nochart="Trang gốc không còn biểu đồ này."`, `data-back="Xem %s trên trang gốc"`, `href="/" target="_blank"`}},
		{"en", "/en/", []string{"This chart needs JavaScript", `data-nopage="The page of this chart was not found`, `data-back="See %s on the original site"`, `href="/en/" target="_blank"`}},
	} {
		path := routes.File(tt.lang, routes.ChartEmbed)
		b := pageBytes(t, r, path)
		if got := csp.Find(b); !bytes.Equal(got, frame) {
			t.Errorf("%s: CSP %s, want the frame's %s", path, got, frame)
		}
		for _, want := range append(tt.words, `<meta name="robots" content="noindex">`, `data-embed-chart`, `data-root="`+tt.root+`"`, `<html lang="`+tt.lang+`">`, `role="status"`) {
			if !bytes.Contains(b, []byte(want)) {
				t.Errorf("%s lacks %s", path, want)
			}
		}
		if !routes.IsEmbed(path) {
			t.Errorf("%s is not an embed for routes", path)
		}
	}
}
