package browsertest

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/covsite/covsite/internal/build"
	"github.com/covsite/covsite/internal/view"
)

// mapTile is a tile as the browser draws it.
type mapTile struct {
	Label      string  `json:"label"`
	Href       string  `json:"href"`
	Width      float64 `json:"width"`
	Height     float64 `json:"height"`
	Background string  `json:"background"`
	NoData     bool    `json:"noData"`
}

// tilesJS reads each tile's accessible name from its text (what a screen reader reads:
// the hidden words included, the aria-hidden mark left out), checking it is the label
// the tile shows on hover.
const tilesJS = `[...document.querySelectorAll('[data-tilemap] a')].map(a => {
  const r = a.getBoundingClientRect(), s = getComputedStyle(a), c = a.cloneNode(true);
  c.querySelectorAll('[aria-hidden=true]').forEach(e => e.remove());
  const name = c.textContent;
  return {label: name === a.title ? name : 'MISMATCH ' + name + ' | ' + a.title, href: a.getAttribute('href'), width: r.width, height: r.height,
    background: s.backgroundImage !== 'none' ? s.backgroundImage : s.backgroundColor, noData: a.parentElement.classList.contains('tm-none')};
})`

// TestTileMapDrawn: on each indicator's page, every province with a coverage rate on a
// grid has a visible tile named "<province>: <indicator> <rate> …, <date>", coloured (not
// the no-data pattern); provinces without one are drawn as no data. On a phone too.
func TestTileMapDrawn(t *testing.T) {
	site, diags := build.Check(example.source)
	if diags.HasErrors() {
		t.Fatal(diags.Err("en"))
	}
	tb := openTab(t, example, 1280, 900)
	phone := openTab(t, example, phoneWidth, 800)
	checked := 0
	for _, ind := range site.Indicators {
		want := map[string]string{} // tile label prefix → province id, for provinces with a rate
		for _, g := range site.Grids {
			for _, tile := range g.Tiles {
				if fig := view.FigureOf(site, tile.Locality, ind, view.Rate); fig.Known() {
					want[tile.Locality.Name.In("vi")+": "+ind.Short.In("vi")+" "] = tile.Locality.ID
				}
			}
		}
		if len(want) == 0 {
			continue
		}
		for _, tab := range []*tab{tb, phone} {
			tab.visit(t, "/chi-so/"+ind.ID+"/")
			var tiles []mapTile
			tab.eval(t, tilesJS, &tiles)
			found := map[string]bool{}
			for _, tile := range tiles {
				if tile.Width < 40 || tile.Height < 40 {
					t.Errorf("%s (%dpx): tile %q is %.0f×%.0f px, too small to read or tap", ind.ID, tab.width, tile.Label, tile.Width, tile.Height)
				}
				for prefix, id := range want {
					if strings.HasPrefix(tile.Label, prefix) && strings.Contains(tile.Label, "%") && tile.Href == "/dia-phuong/"+id+"/" {
						found[prefix] = true
						if tile.NoData || strings.Contains(tile.Background, "gradient") {
							t.Errorf("%s: tile %q is drawn as no data", ind.ID, tile.Label)
						}
					}
				}
			}
			for prefix := range want {
				if !found[prefix] {
					t.Errorf("%s (%dpx): no visible tile named %q…", ind.ID, tab.width, prefix)
				}
			}
			if p := tab.takeProblems(); len(p) > 0 {
				t.Errorf("%s: %v", ind.ID, p)
			}
		}
		checked++
	}
	if checked == 0 {
		t.Fatal("no indicator has a coverage rate on a map")
	}
}

// TestTileMapKeyboard: the arrow keys move the focus to the nearest tile in their
// direction (Home and End to the first and last), on the map of the provinces before
// 1/7/2025 of the example site.
func TestTileMapKeyboard(t *testing.T) {
	tb := openTab(t, example, 1280, 900)
	tb.visit(t, "/chi-so/bhyt/")
	focus := func(href string) {
		tb.eval(t, `document.querySelector('#map-1-rate [data-tilemap] a[href="`+href+`"]').focus(), true`, nil)
	}
	focused := func() string {
		var h string
		tb.eval(t, `document.activeElement.getAttribute('href') || document.activeElement.tagName`, &h)
		return h
	}
	focus("/dia-phuong/can-tho-2004-2025/")
	steps := []struct {
		key, want string
	}{
		{kb.ArrowRight, "/dia-phuong/vinh-long-1992-2025/"},
		{kb.ArrowRight, "/dia-phuong/tra-vinh/"},
		{kb.ArrowUp, "/dia-phuong/ben-tre/"},
		{kb.ArrowDown, "/dia-phuong/tra-vinh/"},
		{kb.ArrowLeft, "/dia-phuong/vinh-long-1992-2025/"},
		{kb.ArrowDown, "/dia-phuong/soc-trang/"},
		{kb.ArrowLeft, "/dia-phuong/hau-giang/"},
		{kb.ArrowLeft, "/dia-phuong/hau-giang/"}, // nothing further left: the focus stays
		{kb.Home, "/dia-phuong/da-nang-1997-2025/"},
		{kb.End, "/dia-phuong/soc-trang/"},
	}
	for i, s := range steps {
		tb.do(t, chromedp.KeyEvent(s.key))
		if got := focused(); got != s.want {
			t.Fatalf("step %d (%q): focus on %s, want %s", i+1, s.key, got, s.want)
		}
	}
	// Enter follows the focused tile's link.
	tb.navigateBy(t, chromedp.KeyEvent(kb.Enter))
	var path string
	tb.eval(t, `location.pathname`, &path)
	if path != "/dia-phuong/soc-trang/" {
		t.Errorf("Enter on a tile went to %s", path)
	}
}
