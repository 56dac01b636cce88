package browsertest

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// TestHostileNameStaysText: a locality named </script><script>window.__pwned=1</script>
// shows as that text in the heading, the title, tables, the chart, the list, the search
// results, and nothing runs.
func TestHostileNameStaysText(t *testing.T) {
	tb := openTab(t, fixture, 1280, 800)
	type view struct {
		Pwned     bool     `json:"pwned"`
		H1        string   `json:"h1"`
		Title     string   `json:"title"`
		Cells     []string `json:"cells"`
		ChartText string   `json:"chartText"`
		Links     []string `json:"links"`
		Scripts   int      `json:"scripts"`
	}
	const read = `(() => ({
	  pwned: typeof window.__pwned !== 'undefined',
	  h1: document.querySelector('h1').textContent.trim(),
	  title: document.title,
	  cells: [...document.querySelectorAll('th, td')].map((c) => c.textContent.trim()),
	  chartText: [...document.querySelectorAll('[data-chart] svg text')].map((t) => t.textContent).join(''),
	  links: [...document.querySelectorAll('main a')].map((a) => a.textContent.trim()),
	  scripts: document.querySelectorAll('script:not([src]):not([type="application/json"])').length,
	}))()`
	for _, p := range []string{"/dia-phuong/xa-doc/", "/en/dia-phuong/xa-doc/", "/dia-phuong/tp-mau/", "/dia-phuong/", "/ke-hoach/ke-hoach-mau-2023/"} {
		tb.visit(t, p)
		var v view
		tb.eval(t, read, &v)
		if v.Pwned {
			t.Errorf("%s: window.__pwned is set", p)
		}
		if v.Scripts != 0 {
			t.Errorf("%s: %d inline scripts in the page", p, v.Scripts)
		}
		if strings.HasSuffix(p, "/xa-doc/") {
			if v.H1 != pwnName || !strings.HasPrefix(v.Title, pwnName) {
				t.Errorf("%s: h1 %q, title %q; want the name as text", p, v.H1, v.Title)
			}
			continue
		}
		if !slices.Contains(append(v.Cells, v.Links...), pwnName) {
			t.Errorf("%s: the name does not show as text in a table or link", p)
		}
		if p == "/dia-phuong/tp-mau/" && !strings.Contains(squash(v.ChartText), squash(pwnName)) {
			t.Errorf("%s: the chart does not label the bar with the name as text: %q", p, v.ChartText)
		}
		for _, problem := range tb.takeProblems() {
			t.Errorf("%s: %s", p, problem)
		}
	}
	tb.visit(t, "/")
	hits := tb.typeSearch(t, "script")
	if len(hits) == 0 || hits[0].Name != pwnName {
		t.Errorf("search lists %+v, want the name as text", hits)
	}
	var pwned bool
	tb.eval(t, `typeof window.__pwned !== 'undefined'`, &pwned)
	if pwned {
		t.Error("window.__pwned is set after a search")
	}
}

// TestPlainWordsComparison: a ward's coverage rate is compared with its city's in a
// sentence, in both languages, with the difference in percentage points written plainly.
func TestPlainWordsComparison(t *testing.T) {
	tb := openTab(t, fixture, 1280, 800)
	for _, c := range []struct{ path, want string }{
		{"/dia-phuong/phuong-7/", "Tỷ lệ bao phủ BHYT của Phường 7 cao hơn bình quân của Thành phố Mẫu 3,2 điểm phần trăm (đến 30/6/2023). Xếp thứ 1 trong 4 đơn vị."},
		{"/en/dia-phuong/phuong-7/", "The HI coverage rate of Ward 7 is 3.2 percentage points above the Sample City average (as of 30 Jun 2023). Ranked 1 of 4."},
		{"/dia-phuong/phuong-10/", "Tỷ lệ bao phủ BHYT của Phường 10 thấp hơn bình quân của Thành phố Mẫu 2,25 điểm phần trăm (đến 30/6/2023). Xếp thứ 4 trong 4 đơn vị."},
		{"/en/dia-phuong/phuong-10/", "The HI coverage rate of Ward 10 is 2.25 percentage points below the Sample City average (as of 30 Jun 2023). Ranked 4 of 4."},
		{"/dia-phuong/phuong-2/", "Tỷ lệ bao phủ BHYT của Phường 2 bằng bình quân của Thành phố Mẫu. Xếp thứ 2 trong 4 đơn vị."},
	} {
		tb.visit(t, c.path)
		var got []string
		tb.eval(t, `[...document.querySelectorAll('#so-sanh li')].map((li) => li.innerText.replace(/\s+/g, ' ').trim())`, &got)
		if !slices.Contains(got, c.want) {
			t.Errorf("%s: comparison reads %q\nwant %q", c.path, got, c.want)
		}
	}
}

// treeChildren reads the names listed under a locality on the /dia-phuong/ page, in order.
func treeChildren(t *testing.T, tb *tab, href string) []string {
	t.Helper()
	var names []string
	tb.eval(t, fmt.Sprintf(`(() => {
	  const a = [...document.querySelectorAll('.tree a')].find((a) => a.getAttribute('href') === %q);
	  const ul = a && a.parentElement.querySelector(':scope > ul');
	  return ul ? [...ul.querySelectorAll(':scope > li > a')].map((a) => a.textContent.trim()) : [];
	})()`, href), &names)
	return names
}

// TestVietnameseOrder: localities are listed in Vietnamese alphabetical order (d < đ < e,
// numbers by value), current ones before former ones, not in byte order.
func TestVietnameseOrder(t *testing.T) {
	tb := openTab(t, fixture, 1280, 800)
	tb.visit(t, "/dia-phuong/")
	for _, c := range []struct {
		parent string
		want   []string
	}{
		{"/dia-phuong/tinh-mau/", []string{"Dĩ An", "Dương Minh Châu", "Đà Lạt", "Đông Hòa", "Ea Kar", "Thành phố Mẫu"}},
		{"/dia-phuong/tp-mau/", []string{pwnName, "Phường 2", "Phường 7", "Phường 10"}},
	} {
		if got := treeChildren(t, tb, c.parent); !slices.Equal(got, c.want) {
			t.Errorf("under %s: %q\nwant %q", c.parent, got, c.want)
		}
	}
	// The example site: each group (current, then former) in Vietnamese order, which puts
	// Đà Nẵng between Cần Thơ and Hậu Giang where byte order would put it last.
	tb2 := openTab(t, example, 1280, 800)
	tb2.visit(t, "/dia-phuong/")
	got := treeChildren(t, tb2, "/dia-phuong/vn/")
	cut := slices.Index(got, "Bến Tre")
	if cut <= 0 {
		t.Fatalf("no former provinces after the current ones: %q", got)
	}
	col := collate.New(language.Vietnamese, collate.Numeric)
	for _, group := range [][]string{got[:cut], got[cut:]} {
		sorted := slices.Clone(group)
		slices.SortStableFunc(sorted, col.CompareString)
		if !slices.Equal(group, sorted) {
			t.Errorf("not in Vietnamese order: %q, want %q", group, sorted)
		}
	}
	former := got[cut:]
	if i, j, k := slices.Index(former, "Cần Thơ"), slices.Index(former, "Đà Nẵng"), slices.Index(former, "Hậu Giang"); !(i >= 0 && i < j && j < k) {
		t.Errorf("Đà Nẵng is not between Cần Thơ and Hậu Giang: %q", former)
	}
}

// TestNumbersAndDatesPerLanguage: the Cần Thơ 2004–2025 page writes 1.022.552 and
// 30/6/2019 in Vietnamese, 1,022,552 and 30 Jun 2019 in English, in the text, on the
// chart's axis and in its tooltip; the language switch leads to the same locality.
func TestNumbersAndDatesPerLanguage(t *testing.T) {
	tb := openTab(t, example, 1280, 800)
	type page struct {
		Text  string `json:"text"`
		Axis  string `json:"axis"`
		Lang  string `json:"lang"`
		Path  string `json:"path"`
		Chart *struct {
			X, Y, W, H float64
		} `json:"chart"`
	}
	const read = `(() => {
	  const el = document.querySelector('[data-chart]');
	  const r = el && el.getBoundingClientRect();
	  return {
	    text: document.querySelector('main').innerText, lang: document.documentElement.lang, path: location.pathname,
	    axis: el ? [...el.querySelectorAll('svg text')].map((t) => t.textContent).join('\n') : '',
	    chart: r ? { X: r.left, Y: r.top, W: r.width, H: r.height } : null,
	  };
	})()`
	grouped := map[string]*regexp.Regexp{"vi": regexp.MustCompile(`\d\.\d{3}\b`), "en": regexp.MustCompile(`\d,\d{3}\b`)}
	for _, c := range []struct {
		path, lang      string
		want, forbidden []string
	}{
		{"/dia-phuong/can-tho-2004-2025/", "vi", []string{"1.022.552", "30/6/2019", "82,5 %"}, []string{"1,022,552", "30 Jun 2019", "82.5%"}},
		{"/en/dia-phuong/can-tho-2004-2025/", "en", []string{"1,022,552", "30 Jun 2019", "82.5%"}, []string{"1.022.552", "30/6/2019", "82,5 %"}},
	} {
		tb.visit(t, c.path)
		tb.eval(t, `window.scrollTo(0, document.querySelector('[data-chart]').getBoundingClientRect().top + scrollY - 100)`, nil)
		var p page
		tb.eval(t, read, &p)
		text := strings.ReplaceAll(p.Text, "\u00a0", " ")
		for _, w := range c.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: %q not on the page", c.path, w)
			}
		}
		for _, f := range c.forbidden {
			if strings.Contains(text, f) {
				t.Errorf("%s: %q, the other language's format, is on the page", c.path, f)
			}
		}
		other := map[string]string{"vi": "en", "en": "vi"}[c.lang]
		if !grouped[c.lang].MatchString(p.Axis) || grouped[other].MatchString(p.Axis) {
			t.Errorf("%s: chart labels not in the %s number format: %q", c.path, c.lang, p.Axis)
		}
		// Hover the chart: the tooltip (drawn in the SVG, richText) shows the page's format.
		if p.Chart == nil {
			t.Fatalf("%s: no chart", c.path)
		}
		var cells []string
		tb.eval(t, `[...document.querySelector('[data-chart]').closest('figure').querySelectorAll('tbody td')].map((td) => td.textContent.trim())`, &cells)
		found := false
		for x := p.Chart.X + p.Chart.W*0.1; x < p.Chart.X+p.Chart.W*0.95 && !found; x += p.Chart.W / 12 {
			tb.do(t, chromedp.MouseEvent(chromedp.MouseMoved, x, p.Chart.Y+p.Chart.H*0.5))
			var shown string
			tb.eval(t, `new Promise((r) => setTimeout(() => r([...document.querySelectorAll('[data-chart] svg text')].map((t) => t.textContent).join('\n')), 60))`, &shown)
			for _, cell := range cells {
				if grouped[c.lang].MatchString(cell) && !strings.Contains(p.Axis, cell) && strings.Contains(shown, cell) {
					found = true
				}
			}
		}
		if !found {
			t.Errorf("%s: hovering the chart shows no tooltip with a table figure written the %s way (%q)", c.path, c.lang, cells)
		}
	}
	// The switch, clicked, leads to the same locality in the other language, and back.
	tb.visit(t, "/dia-phuong/can-tho-2004-2025/")
	for _, want := range []string{"/en/dia-phuong/can-tho-2004-2025/", "/dia-phuong/can-tho-2004-2025/"} {
		tb.navigateBy(t, chromedp.Click(chromedp.CSS(".lang-switch")))
		var p page
		tb.eval(t, read, &p)
		if p.Path != want || p.Lang != langOf(want) {
			t.Errorf("the language switch led to %s (lang %s), want %s", p.Path, p.Lang, want)
		}
	}
}

// pressEnter presses Enter as a keyboard does for a page that handles keydown: a
// rawKeyDown and a keyUp. chromedp's KeyEvent also sends a char event, a second Enter that
// submits the form behind the first navigation.
var pressEnter = chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
	for _, typ := range []input.DispatchKeyEventType{input.DispatchKeyEventTypeRawKeyDown, input.DispatchKeyEventTypeKeyUp} {
		_, err := cdp.Call(ctx, target, input.DispatchKeyEvent, input.DispatchKeyEventParams{
			Type: typ, Key: "Enter", Code: "Enter", WindowsVirtualKeyCode: 13, NativeVirtualKeyCode: 13,
		})
		if err != nil {
			return err
		}
	}
	return nil
})

// TestSearchEnterOpensTheLocality: typing in the search box and pressing Enter opens the
// first result, on a phone, in both languages — a query may name the parent too, and a
// kind's abbreviation against a number ("P1").
func TestSearchEnterOpensTheLocality(t *testing.T) {
	tb := openTab(t, example, phoneWidth, phoneHeight)
	for _, c := range []struct{ from, query, want string }{
		{"/dia-phuong/tra-vinh-phuong-7/", "trà vinh", "/dia-phuong/tra-vinh/"},
		{"/en/ke-hoach/", "PHUONG 1", "/en/dia-phuong/tra-vinh-phuong-1/"},
		// The placeholder's own example names the parent: it found nothing.
		{"/", "tra vinh, phuong 1", "/dia-phuong/tra-vinh-phuong-1/"},
		{"/", "phường 1 trà vinh", "/dia-phuong/tra-vinh-phuong-1/"},
		{"/en/", "P1 tra vinh", "/en/dia-phuong/tra-vinh-phuong-1/"},
		{"/", "long duc tra vinh", "/dia-phuong/long-duc/"},
	} {
		tb.visit(t, c.from)
		if hits := tb.typeSearch(t, c.query); len(hits) == 0 {
			t.Fatalf("%s: %q finds nothing", c.from, c.query)
		}
		tb.navigateBy(t, pressEnter)
		var path string
		tb.eval(t, `location.pathname`, &path)
		if path != c.want {
			t.Errorf("%s: Enter after %q opened %s, want %s", c.from, c.query, path, c.want)
		}
	}
}

// TestDarkModeAndPrint: the page follows prefers-color-scheme (dark background, light
// text, charts redrawn with the dark palette), and printing drops the header, menu,
// search and chart canvases but keeps the tables.
func TestDarkModeAndPrint(t *testing.T) {
	tb := openTab(t, example, 1280, 800)
	type look struct {
		Bg, Fg      string
		ChartText   string `json:"chartText"`
		Header      string `json:"header"`
		Canvas      string `json:"canvas"`
		Table       string `json:"table"`
		TableScroll string `json:"tableScroll"`
	}
	const read = `(() => {
	  const cs = (sel) => { const el = document.querySelector(sel); return el ? getComputedStyle(el) : null; };
	  const label = document.querySelector('[data-chart] svg text');
	  return {
	    Bg: cs('body').backgroundColor, Fg: cs('body').color,
	    chartText: label ? label.getAttribute('fill') || getComputedStyle(label).fill : '',
	    header: cs('.site-header').display, canvas: cs('.chart__canvas').display,
	    table: cs('.chart table').display, tableScroll: cs('.table-scroll').overflowX,
	  };
	})()`
	path := "/dia-phuong/tp-tra-vinh/" // a page with a chart: its children compared
	var light, dark, print look
	tb.colorScheme(t, "light")
	tb.visit(t, path)
	tb.eval(t, read, &light)
	tb.colorScheme(t, "dark")
	tb.eval(t, `new Promise((r) => setTimeout(r, 300))`, nil) // charts.js redraws on the change
	tb.eval(t, read, &dark)
	if light.Bg != "rgb(255, 255, 255)" || dark.Bg == light.Bg || dark.Fg == light.Fg {
		t.Errorf("dark mode does not change the page: light %s on %s, dark %s on %s", light.Fg, light.Bg, dark.Fg, dark.Bg)
	}
	if dark.ChartText == "" || dark.ChartText == light.ChartText {
		t.Errorf("charts keep their light text colour in dark mode: %q → %q", light.ChartText, dark.ChartText)
	}
	tb.colorScheme(t, "")
	tb.emulate(t, "print", "")
	tb.eval(t, read, &print)
	tb.emulate(t, "", "")
	if print.Header != "none" || print.Canvas != "none" || print.Table == "none" || print.TableScroll != "visible" {
		t.Errorf("print: header %s, chart canvas %s, table %s, table box overflow %s; want none, none, shown, visible", print.Header, print.Canvas, print.Table, print.TableScroll)
	}
	if print.Bg != "rgb(255, 255, 255)" || print.Fg != "rgb(0, 0, 0)" {
		t.Errorf("print: %s on %s, want black on white", print.Fg, print.Bg)
	}
}

// TestPermalinksAndSharing: every section of a locality page has a permalink (its heading, or
// the # beside a plan's heading, a link to the section) that
// leads to it, the page opened at that anchor shows the section at the top, and the
// Open Graph card carries the title and a one-line status with a figure, in both languages.
func TestPermalinksAndSharing(t *testing.T) {
	tb := openTab(t, example, phoneWidth, phoneHeight)
	type card struct {
		Anchors  []string `json:"anchors"`
		Missing  []string `json:"missing"`
		OGTitle  string   `json:"ogTitle"`
		OGDesc   string   `json:"ogDesc"`
		Desc     string   `json:"desc"`
		OGLocale string   `json:"ogLocale"`
	}
	const read = `(() => {
	  const meta = (sel) => (document.querySelector(sel) || {}).content || '';
	  const anchors = [...document.querySelectorAll('main a.anchor, main section > h2 > a[href^="#"]')].map((a) => a.getAttribute('href'));
	  return {
	    anchors, missing: anchors.filter((h) => !h.startsWith('#') || !document.getElementById(h.slice(1))),
	    ogTitle: meta('meta[property="og:title"]'), ogDesc: meta('meta[property="og:description"]'),
	    desc: meta('meta[name="description"]'), ogLocale: meta('meta[property="og:locale"]'),
	  };
	})()`
	for _, c := range []struct{ path, title, locale, figure string }{
		{"/dia-phuong/tra-vinh/", "Trà Vinh — Tỉnh", "vi_VN", "84.268 người đến 30/6/2023, đạt 74,62\u00a0% chỉ tiêu"},
		{"/en/dia-phuong/tra-vinh/", "Tra Vinh — Province", "en_US", "84,268 people as of 30 Jun 2023, 74.62% of target"},
	} {
		tb.visit(t, c.path)
		var v card
		tb.eval(t, read, &v)
		if len(v.Anchors) < 4 || len(v.Missing) > 0 {
			t.Errorf("%s: section permalinks %q, of which lead nowhere: %q", c.path, v.Anchors, v.Missing)
		}
		if !strings.HasPrefix(v.OGTitle, c.title) || v.OGLocale != c.locale || v.OGDesc != v.Desc || !strings.Contains(v.OGDesc, c.figure) {
			t.Errorf("%s: Open Graph title %q, locale %q, description %q (meta description %q); want %q, %q and a status with %q",
				c.path, v.OGTitle, v.OGLocale, v.OGDesc, v.Desc, c.title, c.locale, c.figure)
		}
		for _, anchor := range v.Anchors {
			tb.visit(t, c.path+anchor)
			var top float64
			tb.eval(t, fmt.Sprintf(`document.getElementById(%q).getBoundingClientRect().top`, anchor[1:]), &top)
			if top < -1 || top > phoneHeight/3 {
				t.Errorf("%s%s: the section starts %.0f px from the top of the screen", c.path, anchor, top)
			}
		}
	}
}
