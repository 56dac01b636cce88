package browsertest

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/covsite/covsite/internal/textutil"
)

// Phone viewport of the every-page test: most readers open the site on a phone.
const (
	phoneWidth  = 375
	phoneHeight = 667
	tabs        = 3 // pages are spread over this many tabs of the one browser
)

// searchCase is a query typed into the search box and the page it must list first.
type searchCase struct {
	query    string
	wantPath string // in Vietnamese; "/en" is prefixed on English pages
	wantName map[string]string
}

var siteSearches = map[string][]searchCase{
	"example": {
		{"tra vinh", "/dia-phuong/tra-vinh/", map[string]string{"vi": "Trà Vinh", "en": "Trà Vinh"}},
		{"TRA VINH", "/dia-phuong/tra-vinh/", map[string]string{"vi": "Trà Vinh", "en": "Trà Vinh"}},
		{"trà vinh", "/dia-phuong/tra-vinh/", map[string]string{"vi": "Trà Vinh", "en": "Trà Vinh"}},
		{"phuong 1", "/dia-phuong/tra-vinh-phuong-1/", map[string]string{"vi": "Phường 1", "en": "Ward 1"}},
	},
	"fixture": {
		{"phuong 7", "/dia-phuong/phuong-7/", map[string]string{"vi": "Phường 7", "en": "Ward 7"}},
		{"DA LAT", "/dia-phuong/da-lat/", map[string]string{"vi": "Đà Lạt", "en": "Đà Lạt"}},
		{"script", "/dia-phuong/xa-doc/", map[string]string{"vi": pwnName, "en": pwnName}},
	},
}

// pwnName is the fixture's hostile locality name.
const pwnName = "</script><script>window.__pwned=1</script>"

// TestEveryPage loads every page of the example and the fixture site, in both languages,
// and their 404 pages, on a phone-sized viewport, and checks what a reader gets: no console
// error, no request to another origin, every chart drawn and matching its table, the
// language switch, the search box, no horizontal scroll, tap targets, tables scrolling in
// their own box, on locality and plan pages the title and first headline card within the
// first screen and, on English pages, indicators named in English.
func TestEveryPage(t *testing.T) {
	browser(t)
	start := time.Now()
	var checked, chartsSeen int
	var mu sync.Mutex
	for _, s := range []*site{example, fixture} {
		pages := append(pagesOf(t, s), notFoundPages(t, s)...)
		if s == example {
			for p := range firstScreenPages {
				if !slices.Contains(pages, p) {
					t.Errorf("the first-screen check names %s, which the example site lacks", p)
				}
			}
		}
		var wg sync.WaitGroup
		for w := range tabs {
			tb := openTab(t, s, phoneWidth, phoneHeight)
			wg.Go(func() {
				for i := w; i < len(pages); i += tabs {
					page := pages[i]
					t.Run(s.name+page, func(t *testing.T) {
						n := checkPage(t, tb, page, searchFor(s, i))
						mu.Lock()
						checked++
						chartsSeen += n
						mu.Unlock()
					})
				}
			})
		}
		wg.Wait()
	}
	t.Logf("checked %d pages and %d charts in %v", checked, chartsSeen, time.Since(start).Round(time.Millisecond))
	if checked < 100 {
		t.Errorf("only %d pages checked; the example site alone has about 100", checked)
	}
}

// notFoundPages are the 404 pages of a site, one per language: they carry the search box,
// and a reader lands on them from any broken link.
func notFoundPages(t testing.TB, s *site) []string {
	t.Helper()
	pages := []string{"/404.html", "/en/404.html"}
	for _, p := range pages {
		if _, err := os.Stat(filepath.Join(s.dir, filepath.FromSlash(p))); err != nil {
			t.Errorf("%s: no 404 page: %v", s.name, err)
		}
	}
	return pages
}

// pageFile is the built file of a page path: "/x/" is x/index.html, "/404.html" itself.
func pageFile(s *site, path string) string {
	f := filepath.Join(s.dir, filepath.FromSlash(path))
	if strings.HasSuffix(path, "/") {
		f = filepath.Join(f, "index.html")
	}
	return f
}

func searchFor(s *site, i int) searchCase {
	cases := siteSearches[s.name]
	return cases[i%len(cases)]
}

// langOf returns the language of a page path: "/en/…" is English.
func langOf(path string) string {
	if strings.HasPrefix(path, "/en/") {
		return "en"
	}
	return "vi"
}

// counterpart is the same page in the other language.
func counterpart(path string) string {
	if langOf(path) == "en" {
		return strings.TrimPrefix(path, "/en")
	}
	return "/en" + path
}

// checkPage runs every per-page check and returns the number of charts on the page.
func checkPage(t *testing.T, tb *tab, page string, search searchCase) int {
	tb.visit(t, page)
	r := tb.report(t)
	for _, p := range tb.takeProblems() {
		t.Errorf("%s: %s", page, p)
	}
	lang := langOf(page)
	if r.Lang != lang {
		t.Errorf("%s: <html lang=%q>, want %q", page, r.Lang, lang)
	}
	if r.Pwned {
		t.Errorf("%s: window.__pwned is set: a name was executed as script", page)
	}
	for _, p := range r.Placeholders {
		t.Errorf("%s: missing UI string %s", page, p)
	}
	if r.H1 == "" {
		t.Errorf("%s: no h1", page)
	}
	// The language switch leads to the same page in the other language, which exists.
	other := counterpart(page)
	if r.SwitchHref != tb.site.url+other {
		t.Errorf("%s: language switch goes to %q, want %q", page, r.SwitchHref, tb.site.url+other)
	}
	if _, err := os.Stat(pageFile(tb.site, other)); err != nil {
		t.Errorf("%s: the other language's page %s does not exist", page, other)
	}
	if want := map[string]string{"vi": "en", "en": "vi"}[lang]; r.SwitchLang != want {
		t.Errorf("%s: language switch hreflang=%q, want %q", page, r.SwitchLang, want)
	}
	checkCharts(t, page, lang, r.Charts)
	if lang == "en" {
		checkEnglishIndicators(t, tb, page)
	}
	if tb.width < 600 {
		checkPhoneLayout(t, tb, page, r)
	}
	// The search box works on every page.
	if !r.SearchShown {
		t.Errorf("%s: the search box is not visible", page)
	} else {
		checkSearch(t, tb, page, lang, search)
	}
	return len(r.Charts)
}

func checkPhoneLayout(t *testing.T, tb *tab, page string, r pageReport) {
	t.Helper()
	if r.ScrollWidth > float64(tb.width) {
		t.Errorf("%s: the page scrolls sideways at %d px: scrollWidth %v", page, tb.width, r.ScrollWidth)
	}
	for _, s := range r.SmallTargets {
		t.Errorf("%s: tap target under 44×44 px at %d px wide: %s", page, tb.width, s)
	}
	for _, s := range r.LooseTables {
		t.Errorf("%s: %s", page, s)
	}
	// What a reader opens the page for is on the first screen: its title and the first
	// headline card's figure and first target and share; on a locality page the whole card.
	screen := float64(tb.height)
	card := r.FirstCard
	if !strings.Contains(page, "/dia-phuong/") && !firstScreenPages[page] {
		card = nil // a plan's title is a sentence: its first card may end below
	}
	for _, b := range []struct {
		what string
		box  *rect
	}{
		{"the title (h1)", r.TitleBox},
		{"the first headline card", card},
		{"the first headline card's figure", r.FirstFigure},
		{"the first headline card's target and share", r.FirstGoal},
	} {
		if b.box != nil && b.box.Bottom > screen {
			t.Errorf("%s: %s ends at %.0f px, below the first screen of a %d×%d phone", page, b.what, b.box.Bottom, tb.width, tb.height)
		}
	}
	if tb.site != example || !firstScreenPages[page] {
		return
	}
	// On a ward, a province and a plan the first card is there, and the next one starts on the
	// first screen too (its top 16 px: border, padding and the top of its title).
	switch {
	case r.FirstCard == nil || r.FirstFigure == nil || r.FirstGoal == nil:
		t.Errorf("%s: no headline card with a figure and a target", page)
	case r.SecondCard == nil:
		t.Errorf("%s: only one headline card", page)
	case r.SecondCard.Top+16 > screen:
		t.Errorf("%s: the second headline card starts at %.0f px, not on the first screen of a %d×%d phone", page, r.SecondCard.Top, tb.width, tb.height)
	}
}

// firstScreenPages are the ward, province and plan pages whose first screen on a phone shows
// the first headline card whole and the start of the second, in both languages.
var firstScreenPages = map[string]bool{}

func init() {
	for _, p := range []string{"/dia-phuong/tra-vinh-phuong-7/", "/dia-phuong/tra-vinh/", "/ke-hoach/tp-tra-vinh-49-kh-bcd-2023/"} {
		firstScreenPages[p] = true
		firstScreenPages["/en"+p] = true
	}
}

// searchHit is one option of the search listbox.
type searchHit struct {
	Name string `json:"name"`
	Href string `json:"href"`
}

// typeSearch types query into the search box like a reader and returns the options the
// listbox shows (none after 15 s).
func (tb *tab) typeSearch(t testing.TB, query string) []searchHit {
	t.Helper()
	tb.eval(t, `(() => { const i = document.getElementById('search-input'); i.value = ''; i.focus(); return true })()`, nil)
	tb.do(t, chromedp.KeyEvent(query))
	var hits []searchHit
	tb.eval(t, `new Promise((resolve) => {
	  const start = performance.now();
	  const input = document.getElementById('search-input');
	  (function poll() {
	    const list = document.getElementById('search-results');
	    const items = list.querySelectorAll('[role=option] a');
	    if (list.getAttribute('data-query') === input.value && !list.hidden && items.length && input.getAttribute('aria-expanded') === 'true') {
	      return resolve([...items].map((a) => ({ name: a.firstChild.textContent, href: a.getAttribute('href') })));
	    }
	    if (performance.now() - start > 15000) return resolve([]);
	    setTimeout(poll, 20);
	  })();
	})`, &hits)
	return hits
}

func checkSearch(t *testing.T, tb *tab, page, lang string, c searchCase) {
	t.Helper()
	hits := tb.typeSearch(t, c.query)
	want := c.wantPath
	if lang == "en" {
		want = "/en" + want
	}
	switch {
	case len(hits) == 0:
		t.Errorf("%s: searching %q shows no result", page, c.query)
	case hits[0].Href != want || !strings.HasPrefix(textutil.Fold(hits[0].Name), textutil.Fold(c.wantName[lang])):
		t.Errorf("%s: searching %q lists first %q (%s), want %q (%s)", page, c.query, hits[0].Name, hits[0].Href, c.wantName[lang], want)
	}
}

// Numbers as each language writes them: 1.022.552 · 80,58 % and 1,022,552 · 80.58%.
var (
	viNumber = regexp.MustCompile(`^-?\d{1,3}(\.\d{3})*(,\d+)?(\x{a0}%)?$`)
	enNumber = regexp.MustCompile(`^-?\d{1,3}(,\d{3})*(\.\d+)?%?$`)
)

// parseLocal reads a table cell written in lang's number format.
func parseLocal(cell, lang string) (float64, error) {
	re, group, dec := viNumber, ".", ","
	if lang == "en" {
		re, group, dec = enNumber, ",", "."
	}
	if !re.MatchString(cell) {
		return 0, fmt.Errorf("%q is not a number written the %s way", cell, lang)
	}
	s := strings.TrimSuffix(strings.TrimSuffix(cell, "%"), "\u00a0")
	s = strings.ReplaceAll(s, group, "")
	s = strings.ReplaceAll(s, dec, ".")
	return strconv.ParseFloat(s, 64)
}

// islandOption is the part of an ECharts option the checks read.
type islandOption struct {
	XAxis  json.RawMessage `json:"xAxis"`
	Legend json.RawMessage `json:"legend"`
	Series []struct {
		Name string            `json:"name"`
		Type string            `json:"type"`
		Data []json.RawMessage `json:"data"`
	} `json:"series"`
}

// islandValue reads one data item: a number, "-" (a gap), or {"value": …}.
func islandValue(raw json.RawMessage) (v float64, known bool, err error) {
	var obj struct {
		Value json.RawMessage `json:"value"`
	}
	if len(raw) > 0 && raw[0] == '{' {
		if err := json.Unmarshal(raw, &obj); err != nil {
			return 0, false, err
		}
		raw = obj.Value
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		if s == "-" {
			return 0, false, nil
		}
		return 0, false, fmt.Errorf("value %q", s)
	}
	err = json.Unmarshal(raw, &v)
	return v, err == nil, err
}

func categories(raw json.RawMessage) ([]string, error) {
	type axis struct {
		Data []string `json:"data"`
	}
	var many []axis
	if err := json.Unmarshal(raw, &many); err == nil && len(many) > 0 {
		return many[0].Data, nil
	}
	var one axis
	err := json.Unmarshal(raw, &one)
	return one.Data, err
}

// oneSeriesAtATime reports whether a chart's legend shows one series at a time
// (selectedMode "single": the children's targets compared, each on its own scale).
func oneSeriesAtATime(raw json.RawMessage) bool {
	type legend struct {
		SelectedMode any `json:"selectedMode"`
	}
	var many []legend
	if err := json.Unmarshal(raw, &many); err != nil {
		var one legend
		if json.Unmarshal(raw, &one) != nil {
			return false
		}
		many = []legend{one}
	}
	return len(many) > 0 && many[0].SelectedMode == "single"
}

// squash drops white space, so a label ECharts wrapped onto two lines still matches.
func squash(s string) string { return strings.Join(strings.Fields(s), "") }

// minChartNodes is the least number of SVG elements of a drawn chart: axes, ticks, grid
// lines, labels and marks. An ECharts instance missing a component draws an empty
// <svg> or a bare frame of a few elements.
const minChartNodes = 25

// checkCharts checks that every chart is drawn, labelled in the page's language, patterned,
// and that its table shows exactly the numbers it was drawn with.
func checkCharts(t *testing.T, page, lang string, charts []chartReport) {
	t.Helper()
	for _, c := range charts {
		where := page + " " + c.ID
		if c.Fallback || c.Nodes < minChartNodes || c.Width < 200 || c.Height < 150 {
			t.Errorf("%s: chart not drawn: fallback=%v, %d SVG elements (want ≥ %d), %.0f×%.0f px", where, c.Fallback, c.Nodes, minChartNodes, c.Width, c.Height)
		}
		var opt islandOption
		if err := json.Unmarshal([]byte(c.Island), &opt); err != nil {
			t.Errorf("%s: JSON island: %v", where, err)
			continue
		}
		cats, err := categories(opt.XAxis)
		if err != nil {
			t.Errorf("%s: xAxis: %v", where, err)
			continue
		}
		if c.Rows == nil {
			t.Errorf("%s: the chart has no data table", where)
			continue
		}
		if len(c.Rows) != len(cats) {
			t.Errorf("%s: table has %d rows, chart %d categories", where, len(c.Rows), len(cats))
			continue
		}
		if len(c.Headers) != len(opt.Series)+1 {
			t.Errorf("%s: table has %d columns, chart %d series", where, len(c.Headers)-1, len(opt.Series))
			continue
		}
		drawn := squash(c.Text)
		known := 0
		shown := 0 // the values of the series drawn: the first only, one at a time
		single := oneSeriesAtATime(opt.Legend)
		firstCell := ""
		for i, s := range opt.Series {
			if c.Headers[i+1] != s.Name {
				t.Errorf("%s: column %d is %q, series %q", where, i+1, c.Headers[i+1], s.Name)
			}
			if len(opt.Series) > 1 && !strings.Contains(drawn, squash(s.Name)) {
				t.Errorf("%s: the legend does not show series %q", where, s.Name)
			}
			if s.Type == "bar" && c.Patterns == 0 {
				t.Errorf("%s: bar series %q has no decal pattern", where, s.Name)
			}
			if len(s.Data) != len(cats) {
				t.Errorf("%s: series %q has %d values for %d categories", where, s.Name, len(s.Data), len(cats))
				continue
			}
			for j, raw := range s.Data {
				v, ok, err := islandValue(raw)
				if err != nil {
					t.Errorf("%s: series %q value %d: %v", where, s.Name, j, err)
					continue
				}
				cell := c.Rows[j][i+1]
				if !ok {
					if cell != "—" {
						t.Errorf("%s: %s / %s: chart has no value, table shows %q", where, cats[j], s.Name, cell)
					}
					continue
				}
				known++
				if !single || i == 0 {
					shown++
				}
				if firstCell == "" {
					firstCell = cell
				}
				got, err := parseLocal(cell, lang)
				if err != nil {
					t.Errorf("%s: %s / %s: %v", where, cats[j], s.Name, err)
					continue
				}
				if math.Abs(got-v) > 0.005+1e-9*math.Abs(v) {
					t.Errorf("%s: %s / %s: table shows %s, chart %v", where, cats[j], s.Name, cell, v)
				}
			}
		}
		for j, cat := range cats {
			if c.Rows[j][0] != cat {
				t.Errorf("%s: row %d is %q, category %q", where, j, c.Rows[j][0], cat)
			}
			if !strings.Contains(drawn, squash(cat)) {
				t.Errorf("%s: the axis does not show category %q", where, cat)
			}
		}
		if c.Paths < shown {
			t.Errorf("%s: %d SVG paths for %d values", where, c.Paths, shown)
		}
		// ECharts aria: a description in the page's language with its number format, after
		// the words the page gives charts.js (i18n chart.label, in chart-tools, with the
		// caption's title).
		head := map[string]string{"vi": "Biểu đồ “", "en": "Chart “"}[lang]
		if !strings.HasPrefix(c.Label, head+c.Title+"”") {
			t.Errorf("%s: the chart's label %q does not start with %q", where, c.Label, head+c.Title+"”")
		}
		if c.Label == "" || !strings.HasPrefix(c.AriaLabel, c.Label+" ") {
			t.Errorf("%s: aria-label %q does not start with the page's label %q", where, c.AriaLabel, c.Label)
		}
		if n := strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(firstCell, "%"), "\u00a0")); n != "" && !strings.Contains(c.AriaLabel, n) {
			t.Errorf("%s: aria-label %q does not read the first value as %q", where, c.AriaLabel, n)
		}
	}
}
