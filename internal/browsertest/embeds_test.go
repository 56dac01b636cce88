package browsertest

import (
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/covsite/covsite/internal/routes"
	"github.com/covsite/covsite/internal/sitetest"
	"github.com/covsite/covsite/internal/view"
)

// chartPage is a province's page of the example site (Cần Thơ city before 1/7/2025) with
// charts; communePage a ward of the fixture site whose chart is its results over time.
// Every chart of every page has its embed: the one charts' embed page of a language,
// naming the page and chart in its query (routes.ChartEmbedOf).
const (
	chartPage   = "/dia-phuong/can-tho-2004-2025/"
	communePage = "/dia-phuong/phuong-7/"
)

// embedOf is the address, on its site, of the embed of a page's chart.
func embedOf(page, chart string) string {
	return "/" + routes.ChartEmbedOf(strings.TrimPrefix(page, "/"), chart)
}

// TestEmbedInAnotherOrigin: a page on another origin (a second loopback port) shows the
// embed of a chart in an iframe — a province's chart of the example site, a ward's chart
// of the fixture site, the chart of the fixture's locality named like a script, and the
// fixture city's chart of its children's targets, on a page whose other chart is of
// results; the chart is drawn with its tools (downloads, no embed code of its own), the
// embed names the page and chart (its caption, qualifier and all, in the heading), its own source and date (a chart of targets its plan,
// not the page's reports), links back to the chart on its page in a new tab, asks not to
// be indexed and runs no script of the page's data; nothing is logged or requested
// anywhere but the two origins (the host page, the embed's site).
func TestEmbedInAnotherOrigin(t *testing.T) {
	for _, tt := range []struct {
		s                     *site
		page, chart           string
		heading, credits, not string
	}{
		{example, chartPage, "chart-1", "Cần Thơ — Số người tham gia theo thời gian", "Nguồn: Tạp chí Bảo hiểm xã hội|30/6/2019 · Bao phủ BHXH, BHYT, BHTN · ", "ban hành"},
		{fixture, communePage, "chart-1", "Phường 7 — Số người tham gia theo thời gian", "Nguồn: Bảo hiểm xã hội Thành phố Mẫu|30/6/2023 · Trang thử nghiệm · ", "KH-MAU"},
		{fixture, "/dia-phuong/xa-doc/", "chart-1", "</script><script>window.__pwned=1</script> — Số người tham gia theo thời gian", "Nguồn:|30/6/2023 · Trang thử nghiệm · ", "KH-MAU"},
		{fixture, "/dia-phuong/tp-mau/", "chart-2", "Thành phố Mẫu — So sánh các đơn vị trực thuộc (chỉ tiêu 2023 theo 01/KH-MAU, số người)",
			"Nguồn: 01/KH-MAU (Ủy ban nhân dân Thành phố Mẫu) · ban hành 15/1/2023 · Trang thử nghiệm · ", "Bảo hiểm xã hội"},
	} {
		t.Run(tt.s.name+tt.page+tt.chart, func(t *testing.T) {
			embed := embedOf(tt.page, tt.chart)
			tb := openHostOf(t, tt.s.url+embed, "Biểu đồ", 520, 900) // the height of the snippet "Nhúng" gives
			frames := run(t, tb, chromedp.Nodes(chromedp.CSS("iframe")))
			type embedState struct {
				Drawn    bool   `json:"drawn"`
				Tools    int    `json:"tools"`
				Robots   string `json:"robots"`
				Credit   string `json:"credit"`
				Back     string `json:"back"`
				BackText string `json:"backText"`
				Target   string `json:"target"`
				Framed   bool   `json:"framed"`
				Embeds   int    `json:"embeds"`
				Heading  string `json:"heading"`
				Title    string `json:"title"`
				Rows     int    `json:"rows"`
				Status   bool   `json:"status"`
				Pwned    bool   `json:"pwned"`
				Seen     bool   `json:"seen"`
			}
			state := run(t, tb, chromedp.Poll[embedState](`document.querySelector('.chart__canvas svg') && document.querySelector('.chart__tools') && {
				drawn: true, tools: document.querySelectorAll('.chart__tools button').length,
				robots: document.querySelector('meta[name=robots]').content,
				credit: document.querySelector('.embed__credit').textContent,
				back: document.querySelector('.embed__credit a').href, backText: document.querySelector('.embed__credit a').textContent,
				target: document.querySelector('.embed__credit a').target,
				framed: window.top !== window, embeds: document.querySelectorAll('[aria-controls$="-embed"]').length,
				heading: document.querySelector('h1').textContent, title: document.title,
				rows: document.querySelectorAll('.embed table tbody tr').length,
				status: !document.getElementById('embed-status').hidden, pwned: !!window.__pwned,
				seen: document.querySelector('.embed__credit').getBoundingClientRect().bottom <= innerHeight}`, chromedp.WithPollingInFrame(frames[0])))
			if !state.Seen {
				t.Errorf("the credit is below the iframe's %d px: a reader of the article does not see whose figures these are", 520)
			}
			if !state.Drawn || !state.Framed || state.Tools != 2 || state.Embeds != 0 || state.Rows < 2 || state.Status {
				t.Errorf("embed in a frame: %+v (want the chart drawn with its table, the PNG and SVG buttons, no embed button, no status)", state)
			}
			if state.Robots != "noindex" {
				t.Errorf("embed robots %q, want noindex", state.Robots)
			}
			// The heading is the page's name and the chart's caption (its title and qualifier);
			// the document's title leaves the qualifier out.
			if title, _, _ := strings.Cut(tt.heading, " ("); state.Heading != tt.heading || !strings.HasPrefix(state.Title, title+" · ") || state.Pwned {
				t.Errorf("embed heading %q, title %q (pwned: %v), want %q", state.Heading, state.Title, state.Pwned, tt.heading)
			}
			for _, want := range strings.Split(tt.credits, "|") {
				if !strings.Contains(state.Credit, want) {
					t.Errorf("credit %q lacks %q", state.Credit, want)
				}
			}
			if strings.Contains(state.Credit, tt.not) {
				t.Errorf("credit %q names %q, a document of none of the chart's figures", state.Credit, tt.not)
			}
			if state.Back != tt.s.url+tt.page+"#"+tt.chart+"-figure" || state.Target != "_blank" || !strings.HasPrefix(state.BackText, "Xem ") {
				t.Errorf("link back %q %q target %q", state.BackText, state.Back, state.Target)
			}
			elsewhere := 0
			for _, p := range tb.takeProblems() {
				if strings.HasPrefix(p, "request to another origin: "+tt.s.url+"/") {
					elsewhere++ // the embed, its assets and its chart's page, on the embed's own site
					continue
				}
				t.Errorf("embed in another origin: %s", p)
			}
			if elsewhere < 4 {
				t.Errorf("%d requests to the embed's site: the iframe did not load its page", elsewhere)
			}
		})
	}
}

// TestEmbedButton: on a province's page and on a ward's, "Nhúng" opens the iframe code,
// naming the chart's embed by its absolute address (escaped for the attribute) and the
// chart by its title; the embed, drawn, passes axe, in both languages.
func TestEmbedButton(t *testing.T) {
	for _, tt := range []struct {
		s    *site
		page string
	}{{example, chartPage}, {fixture, communePage}, {fixture, "/en" + communePage}} {
		t.Run(tt.s.name+tt.page, func(t *testing.T) {
			tb := openTab(t, tt.s, 1280, 900)
			tb.visit(t, tt.page)
			var snippet string
			tb.eval(t, `(() => { const b = document.querySelector('[aria-controls="chart-1-embed"]'); b.click();
				return b.getAttribute('aria-expanded') + ' ' + document.getElementById('chart-1-snippet').value; })()`, &snippet)
			prefix := ""
			if strings.HasPrefix(tt.page, "/en/") {
				prefix = "/en"
			}
			embed := prefix + embedOf(strings.TrimPrefix(tt.page, prefix), "chart-1")
			title := "Số người tham gia theo thời gian"
			if prefix != "" {
				title = "Participants over time"
			}
			want := `true <iframe src="` + html.EscapeString(tt.s.url+embed) + `" title="` + title + `"`
			if !strings.HasPrefix(snippet, want) {
				t.Errorf("snippet %q, want it to start %q", snippet, want)
			}
			tb.visit(t, embed)
			run(t, tb, chromedp.Poll[bool](`!!document.querySelector('.chart__canvas svg')`))
			tb.expectClean(t, "embed")
		})
	}
}

// TestEmbedMissing: an embed whose page is gone, whose chart the page no longer has, or
// whose query is not a page of the site says so in words (and fetches nothing outside the
// site), still links to the site, and passes axe.
func TestEmbedMissing(t *testing.T) {
	tb := openTab(t, fixture, 375, 700)
	for _, tt := range []struct {
		path, status string
		fetched      bool
	}{
		{"/nhung/bieu-do/?p=dia-phuong/khong-co/&c=chart-1", "Không tìm thấy trang của biểu đồ này", true},
		{embedOf(communePage, "chart-9"), "Trang gốc không còn biểu đồ này.", false},
		{"/en" + embedOf(communePage, "chart-9"), "The original page no longer has this chart.", false},
		{"/nhung/bieu-do/?p=//evil.example/&c=chart-1", "Không tìm thấy trang của biểu đồ này", false},
		{"/nhung/bieu-do/?p=../../dia-phuong/phuong-7/&c=chart-1", "Không tìm thấy trang của biểu đồ này", false},
		{"/nhung/bieu-do/", "Không tìm thấy trang của biểu đồ này", false},
	} {
		tb.visit(t, tt.path)
		status := run(t, tb, chromedp.Poll[string](`(() => { const s = document.getElementById('embed-status').textContent; return !s.startsWith('Đang') && !s.startsWith('Loading') && !s.startsWith('Cần bật') && !s.startsWith('This chart needs') && s; })()`))
		if !strings.HasPrefix(status, tt.status) {
			t.Errorf("%s: status %q, want %q", tt.path, status, tt.status)
		}
		var back string
		tb.eval(t, `document.getElementById('embed-back').getAttribute('href')`, &back)
		if back != "/" && back != "/en/" {
			t.Errorf("%s: link %q, want the site's home", tt.path, back)
		}
		for _, v := range tb.runAxe(t) {
			t.Errorf("%s: axe %s (%s): %s", tt.path, v.ID, v.Impact, v.Help)
		}
		for _, p := range tb.takeProblems() {
			if tt.fetched && strings.Contains(p, "404") {
				continue // the missing page's answer, logged by the browser
			}
			t.Errorf("%s: %s", tt.path, p)
		}
	}
}

// TestChartExport: the PNG button makes a PNG image (ECharts' SVG export framed with the
// title and credit, drawn at twice the size), and the SVG button an SVG holding the
// chart's title and credit (source, date, the site's name); both are named after the page
// and the chart; each chart carries its own credit, and a phone's export its whole
// caption and credit, wrapped within its width.
func TestChartExport(t *testing.T) {
	tb := openTab(t, example, 1280, 900)
	tb.visit(t, chartPage)
	tb.eval(t, `window.exports = []; document.getElementById('chart-1-figure').addEventListener('chartexport', async e => {
		const b = e.detail.blob, head = new Uint8Array(await b.slice(0, 8).arrayBuffer());
		const out = {type: e.detail.type, file: e.detail.file, mime: b.type, size: b.size, head: [...head]};
		if (e.detail.type === 'png') { const bm = await createImageBitmap(b); out.width = bm.width; out.height = bm.height; }
		else { out.text = await b.text(); }
		window.exports.push(out);
	}); true`, nil)
	tb.eval(t, `document.querySelectorAll('#chart-1-figure .chart__tools button')[0].click(), true`, nil)
	type export struct {
		Type   string `json:"type"`
		File   string `json:"file"`
		Mime   string `json:"mime"`
		Size   int    `json:"size"`
		Head   []int  `json:"head"`
		Width  int    `json:"width"`
		Height int    `json:"height"`
		Text   string `json:"text"`
	}
	png := run(t, tb, chromedp.Poll[[]export](`window.exports.length > 0 && window.exports`))
	var size struct{ W, H int }
	tb.eval(t, `(() => { const c = document.getElementById('chart-1'); return {W: c.clientWidth, H: c.clientHeight}; })()`, &size)
	p := png[0]
	if p.Type != "png" || p.File != "can-tho-2004-2025-chart-1.png" || p.Mime != "image/png" || len(p.Head) < 4 || p.Head[0] != 0x89 || p.Head[1] != 'P' || p.Head[2] != 'N' || p.Head[3] != 'G' {
		t.Fatalf("PNG export: %+v", p)
	}
	if p.Width != 2*size.W || p.Height <= 2*size.H || p.Size < 5000 {
		t.Errorf("PNG %d×%d (%d bytes), want %d wide and taller than %d (title and credit)", p.Width, p.Height, p.Size, 2*size.W, 2*size.H)
	}
	tb.eval(t, `document.querySelectorAll('#chart-1-figure .chart__tools button')[1].click(), true`, nil)
	all := run(t, tb, chromedp.Poll[[]export](`window.exports.length > 1 && window.exports`))
	svg := all[1]
	if svg.Type != "svg" || svg.File != "can-tho-2004-2025-chart-1.svg" || !strings.HasPrefix(svg.Text, "<svg") || !strings.Contains(svg.Text, "Số người tham gia theo thời gian") || !strings.Contains(svg.Text, "Nguồn:") || !strings.Contains(svg.Text, " · Bao phủ BHXH, BHYT, BHTN</text>") {
		t.Errorf("SVG export %s: %.300s", svg.File, svg.Text)
	}
	for _, p := range tb.takeProblems() {
		t.Errorf("export: %s", p)
	}
	exportsOwnCredits(t)
	exportFitsItsWidth(t)
}

// exportFitsItsWidth: on a phone, the SVG of a chart of targets (the fixture city's
// children's) is titled with its whole caption — the title, then its qualifier ("chỉ
// tiêu 2023 theo 01/KH-MAU"), without which a chart of targets reads as results — and
// carries every word of its credit, each line of the title, qualifier and credit measured
// (in the page, with the export's font) within the image's width.
func exportFitsItsWidth(t *testing.T) {
	tb := openTab(t, fixture, 360, 800)
	tb.visit(t, "/dia-phuong/tp-mau/")
	run(t, tb, chromedp.Poll[bool](`!!document.querySelector('#chart-2-figure .chart__tools')`))
	tb.eval(t, `window.svgs = []; document.getElementById('chart-2-figure').addEventListener('chartexport', async e => {
		if (e.detail.type === 'svg') window.svgs.push(await e.detail.blob.text()); });
		document.querySelectorAll('#chart-2-figure .chart__tools button')[1].click(), true`, nil)
	type line struct {
		Group string  `json:"group"`
		Text  string  `json:"text"`
		Right float64 `json:"right"`
	}
	type measured struct {
		Width float64 `json:"width"`
		Lines []line  `json:"lines"`
	}
	// The frame's lines, parsed without ECharts' own SVG (it carries style attributes the
	// page's Content-Security-Policy refuses), copied into the page and measured there.
	m := run(t, tb, chromedp.Poll[measured](`window.svgs.length > 0 && (() => {
		const frame = window.svgs[0].replace(/<g transform="translate\(0,[^"]*\)"><svg[\s\S]*<\/svg><\/g>/, '');
		const root = new DOMParser().parseFromString(frame, 'image/svg+xml').documentElement;
		const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
		svg.setAttribute('width', root.getAttribute('width')); svg.setAttribute('height', root.getAttribute('height'));
		document.body.appendChild(svg);
		const lines = [...root.querySelectorAll(':scope > g[class^="export-"] > text')].map(el => {
			const t = svg.appendChild(document.importNode(el, true));
			return {group: el.parentNode.getAttribute('class'), text: t.textContent, right: +t.getAttribute('x') + t.getComputedTextLength()};
		});
		svg.remove();
		return {width: +root.getAttribute('width'), lines};
	})()`))
	const (
		title     = "So sánh các đơn vị trực thuộc"
		qualifier = "(chỉ tiêu 2023 theo 01/KH-MAU, số người)"
		credit    = "Nguồn: 01/KH-MAU (Ủy ban nhân dân Thành phố Mẫu) · ban hành 15/1/2023 · Trang thử nghiệm"
	)
	groups := map[string][]string{}
	for _, l := range m.Lines {
		groups[l.Group] = append(groups[l.Group], l.Text)
		if l.Right > m.Width {
			t.Errorf("the export's line %q ends at %.1f px, beyond the image's %.0f", l.Text, l.Right, m.Width)
		}
	}
	for group, want := range map[string]string{"export-title": title, "export-note": qualifier, "export-credit": credit} {
		if got := strings.Join(groups[group], " "); got != want {
			t.Errorf("the export's %s %q (lines %q), want %q", group, got, groups[group], want)
		}
	}
	if m.Width > 360 || len(groups["export-credit"]) < 2 {
		t.Errorf("exported %.0f px wide, its credit in %d lines: want a phone's chart, its credit wrapped", m.Width, len(groups["export-credit"]))
	}
	for _, p := range tb.takeProblems() {
		t.Errorf("export on a phone: %s", p)
	}
}

// exportsOwnCredits: on a page whose charts are of different documents (the fixture
// city's results over time, from its reports, and its children's targets, from its plan),
// each chart's PNG — the framed SVG drawn on the canvas, caught as the image's source — and
// SVG carry the chart's own credit, not the other chart's.
func exportsOwnCredits(t *testing.T) {
	tb := openTab(t, fixture, 1280, 900)
	tb.visit(t, "/dia-phuong/tp-mau/")
	run(t, tb, chromedp.Poll[bool](`document.querySelectorAll('.chart__tools').length === 2`))
	tb.eval(t, `window.drawn = []; window.svgs = [];
		(() => { const Img = window.Image, src = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, 'src');
		window.Image = function () { const img = new Img();
			Object.defineProperty(img, 'src', { get() { return src.get.call(img); },
				set(v) { window.drawn.push(decodeURIComponent(v.slice(v.indexOf(',') + 1))); src.set.call(img, v); } });
			return img; };
		for (const fig of document.querySelectorAll('figure.chart')) fig.addEventListener('chartexport', async e => {
			if (e.detail.type === 'svg') window.svgs.push(e.detail.file + ' ' + await e.detail.blob.text()); }); })(); true`, nil)
	const (
		results = "Nguồn: Bảo hiểm xã hội Thành phố Mẫu · số liệu đến 30/6/2023 · Trang thử nghiệm</text>"
		plan    = "Nguồn: 01/KH-MAU (Ủy ban nhân dân Thành phố Mẫu) · ban hành 15/1/2023 · Trang thử nghiệm</text>"
	)
	for i, tt := range []struct{ chart, credit, other string }{{"chart-2", plan, results}, {"chart-1", results, plan}} {
		tb.eval(t, `document.querySelectorAll('#`+tt.chart+`-figure .chart__tools button')[0].click(), true`, nil)
		drawn := run(t, tb, chromedp.Poll[[]string](fmt.Sprintf(`window.drawn.length > %d && window.drawn`, i)))
		if png := drawn[i]; !strings.Contains(png, tt.credit) || strings.Contains(png, tt.other) {
			t.Errorf("%s's PNG: its image %.200s… ends %q, want its credit %q", tt.chart, png, png[max(0, len(png)-200):], tt.credit)
		}
		tb.eval(t, `document.querySelectorAll('#`+tt.chart+`-figure .chart__tools button')[1].click(), true`, nil)
		svgs := run(t, tb, chromedp.Poll[[]string](fmt.Sprintf(`window.svgs.length > %d && window.svgs`, i)))
		if svg := svgs[i]; !strings.HasPrefix(svg, "tp-mau-"+tt.chart+".svg <svg") || !strings.Contains(svg, tt.credit) || strings.Contains(svg, tt.other) {
			t.Errorf("%s's SVG %.60s… ends %q, want its credit %q", tt.chart, svg, svg[max(0, len(svg)-200):], tt.credit)
		}
	}
	for _, p := range tb.takeProblems() {
		t.Errorf("export on %s: %s", "/dia-phuong/tp-mau/", p)
	}
}

// TestMapEmbed: an indicator's map has its embed code, made absolute on this origin by
// map.js, and its embed page (tiles opening the site in a new tab) passes axe.
func TestMapEmbed(t *testing.T) {
	tb := openTab(t, example, 1280, 900)
	tb.visit(t, "/chi-so/bhyt/")
	var code string
	tb.eval(t, `document.getElementById('map-1-rate-snippet').value`, &code)
	want := `<iframe src="` + example.url + `/chi-so/bhyt/nhung/map-1-rate/"`
	if !strings.HasPrefix(code, want) {
		t.Errorf("map embed code %q, want it to start %q", code, want)
	}
	tb.visit(t, "/chi-so/bhyt/nhung/map-1-rate/")
	var targets []string
	tb.eval(t, `[...document.querySelectorAll('[data-tilemap] a')].map(a => a.target)`, &targets)
	if len(targets) == 0 || targets[0] != "_blank" {
		t.Errorf("embed tiles' targets %v, want _blank", targets)
	}
	tb.expectClean(t, "map embed")
}

// rankingPage is the example site's page of the nation, whose provinces are ranked by
// share of target (view.ChildRanking: SVG bars and a table, not ECharts); the figures
// ranked are of two dates, 30/6/2019 and 30/6/2023, from two sources. The fixture's city
// has a ranking and charts of its own (whose credit is not the ranking's).
const (
	rankingPage = "/dia-phuong/vn/"
	rankingID   = "xep-hang-bhxh-tu-nguyen"
)

// TestRankingEmbedInAnotherOrigin: a page on another origin shows the embed of a
// ranking of children in an iframe: the charts' embed page copies the ranking's figure
// (bars, table with each figure's date, an older one flagged), puts its credit naming the
// sources and the date or span of dates at the top, once, before the site's name, names
// the page and ranking (its caption and qualifier, in the heading), links back to the
// ranking on its page in a new tab (as every link of the figure), offers no embed code nor
// the page's charts' credit or tools, asks not to be indexed and passes axe; nothing is
// logged or requested anywhere but the two origins.
func TestRankingEmbedInAnotherOrigin(t *testing.T) {
	for _, tt := range []struct {
		s                     *site
		prefix, page, id      string
		heading, back, credit string
		site                  string
		bars, flags           int
	}{
		{example, "", rankingPage, rankingID, "Việt Nam — BHXH tự nguyện: các đơn vị trực thuộc xếp theo mức đạt chỉ tiêu (so với chỉ tiêu kỳ 2019 của từng đơn vị)", "Xem ",
			"Nguồn: kết quả — Tạp chí Bảo hiểm xã hội, 11/7/2019; |30/6/2019 đến 30/6/2023|*", "Bao phủ BHXH, BHYT, BHTN", 2, 1},
		{example, "/en", rankingPage, rankingID, "Viet Nam — Voluntary SI: the units below ranked by share of target (against each unit's target for 2019)", "See ",
			"Sources: results — |30 Jun 2019 to 30 Jun 2023|*", "Social insurance coverage", 2, 1},
		{fixture, "", "/dia-phuong/tp-mau/", "xep-hang-bhyt", "Thành phố Mẫu — BHYT: các đơn vị trực thuộc xếp theo mức đạt chỉ tiêu (so với chỉ tiêu kỳ 2023 của từng đơn vị)", "Xem ",
			"Nguồn: kết quả — Bảo hiểm xã hội Thành phố Mẫu, 10/7/2023; chỉ tiêu — 01/KH-MAU|số liệu đến 30/6/2023", "Trang thử nghiệm", 4, 0},
	} {
		t.Run(tt.s.name+tt.prefix+tt.page, func(t *testing.T) {
			embed := tt.prefix + embedOf(tt.page, tt.id)
			tb := openHostOf(t, tt.s.url+embed, "Xếp hạng", 900, 1000)
			frames := run(t, tb, chromedp.Nodes(chromedp.CSS("iframe")))
			type embedState struct {
				Bars     int      `json:"bars"`
				Rows     int      `json:"rows"`
				Flags    int      `json:"flags"`
				Credits  int      `json:"credits"`
				Line     string   `json:"line"`
				Figure   string   `json:"figure"`
				Robots   string   `json:"robots"`
				Back     string   `json:"back"`
				BackText string   `json:"backText"`
				Targets  []string `json:"targets"`
				Framed   bool     `json:"framed"`
				Codes    int      `json:"codes"`
				Tools    int      `json:"tools"`
				Heading  string   `json:"heading"`
				Status   bool     `json:"status"`
			}
			state := run(t, tb, chromedp.Poll[embedState](`document.querySelector('#embed-figure figure.childranking') && {
				bars: document.querySelectorAll('.embed svg rect').length, rows: document.querySelectorAll('.embed table tbody tr').length,
				flags: document.querySelectorAll('.embed table .flag').length,
				credits: document.querySelectorAll('.childranking__credit').length,
				line: document.getElementById('embed-credit').textContent,
				figure: document.querySelector('#embed-figure figure').id,
				robots: document.querySelector('meta[name=robots]').content,
				back: document.getElementById('embed-back').href, backText: document.getElementById('embed-back').textContent,
				targets: [...document.querySelectorAll('.embed a[href]')].map(a => a.target + ' ' + a.href.slice(0, 4)),
				framed: window.top !== window, codes: document.querySelectorAll('.embed-code, textarea').length,
				tools: document.querySelectorAll('.chart__tools').length,
				heading: document.querySelector('h1').textContent,
				status: !document.getElementById('embed-status').hidden}`, chromedp.WithPollingInFrame(frames[0])))
			if !state.Framed || state.Bars != tt.bars || state.Rows < tt.bars || state.Flags != tt.flags || state.Codes != 0 || state.Tools != 0 || state.Status || state.Figure != tt.id {
				t.Errorf("ranking embed in a frame: %+v (want its %d bars, its table with %d older figures flagged, no embed code nor tools, no status)", state, tt.bars, tt.flags)
			}
			if state.Credits != 0 || !strings.HasSuffix(state.Line, " · "+tt.site) {
				t.Errorf("the embed's credit line %q (and %d in the figure): want the ranking's credit, once, at the top, then the site's name %q", state.Line, state.Credits, tt.site)
			}
			if state.Robots != "noindex" || state.Heading != tt.heading {
				t.Errorf("ranking embed: robots %q, heading %q, want noindex and %q", state.Robots, state.Heading, tt.heading)
			}
			for _, want := range strings.Split(tt.credit, "|") {
				if !strings.Contains(state.Line, want) {
					t.Errorf("credit %q lacks %q", state.Line, want)
				}
			}
			if state.Back != tt.s.url+tt.prefix+tt.page+"#"+tt.id || !strings.HasPrefix(state.BackText, tt.back) {
				t.Errorf("link back %q %q, want the ranking on its page", state.BackText, state.Back)
			}
			for _, target := range state.Targets {
				if target != "_blank http" {
					t.Errorf("a link of the embed: %q, want an absolute address opened in a new tab", target)
				}
			}
			elsewhere := 0
			for _, p := range tb.takeProblems() {
				if strings.HasPrefix(p, "request to another origin: "+tt.s.url+"/") {
					elsewhere++ // the embed, its assets and the ranking's page, on the embed's own site
					continue
				}
				t.Errorf("ranking embed in another origin: %s", p)
			}
			if elsewhere < 4 {
				t.Errorf("%d requests to the embed's site: the iframe did not load its page", elsewhere)
			}
			tb2 := openTab(t, tt.s, 375, 700)
			tb2.visit(t, embed)
			run(t, tb2, chromedp.Poll[bool](`!!document.querySelector('#embed-figure figure.childranking')`))
			tb2.expectClean(t, "ranking embed")
		})
	}
}

// TestRankingEmbedCode: on the page, the ranking's "Nhúng" opens its iframe code, naming
// the ranking's embed by its absolute address on this origin (map.js writes the origin
// into a code the site wrote with its path; the address escaped for the attribute) and the
// ranking by its title; the page, the code open, passes axe on a phone.
func TestRankingEmbedCode(t *testing.T) {
	for _, prefix := range []string{"", "/en"} {
		tb := openTab(t, example, 375, 700)
		tb.visit(t, prefix+rankingPage)
		var snippet string
		tb.eval(t, `(() => { const d = document.querySelector('#`+rankingID+` + details.embed-code');
			d.querySelector('summary').click(); return d.open + ' ' + document.getElementById('`+rankingID+`-snippet').value; })()`, &snippet)
		title := "BHXH tự nguyện: các đơn vị trực thuộc xếp theo mức đạt chỉ tiêu"
		if prefix != "" {
			title = "Voluntary SI: the units below ranked by share of target"
		}
		want := `true <iframe src="` + html.EscapeString(example.url+prefix+embedOf(rankingPage, rankingID)) + `" title="` + title + `"`
		if !strings.HasPrefix(snippet, want) {
			t.Errorf("%s: snippet %q, want it to start %q", prefix, snippet, want)
		}
		tb.expectClean(t, prefix+rankingPage)
	}
}

// openHostOf opens, in a tab of a viewport tabHeight high, a news article on another
// origin that shows the embed at embedURL in an iframe titled title, height high.
func openHostOf(t *testing.T, embedURL, title string, height int, tabHeight int64) *tab {
	t.Helper()
	return openHost(t, embedURL, title, "800", height, "", tabHeight)
}

// openHost opens, in a tab of a viewport tabHeight high, a news article on another origin
// that shows the embed at embedURL in an iframe titled title, width wide (an attribute:
// "800", "100%") and height high, then script (HTML: the embed code's resize script, say).
func openHost(t *testing.T, embedURL, title, width string, height int, script string, tabHeight int64) *tab {
	t.Helper()
	host := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Báo điện tử</title></head>
<body><h1>Bài báo</h1><iframe src="%s" title="%s" width="%s" height="%d"></iframe>%s</body></html>`, html.EscapeString(embedURL), title, width, height, script)
	}))
	t.Cleanup(host.Close)
	tb := openTab(t, &site{name: "host", url: host.URL}, 1280, tabHeight)
	tb.visit(t, "/")
	return tb
}

// TestEmbedOnAPhone: an article read on a phone (the iframe 360 px wide, as high as the
// embed code says) shows a chart's and a ranking's embed with its credit — source, date,
// link back — at the top, without scrolling, no wider than the frame, its title said once
// (the caption is the heading), the chart taking the height the frame leaves; with the
// embed code's resize script pasted after the iframe (view.EmbedResizeScript), the iframe
// becomes as tall as the embed's content; the embed's messages go to its parent only, and
// nothing is logged or requested but the two origins.
func TestEmbedOnAPhone(t *testing.T) {
	for _, tt := range []struct {
		page, id, title, credit string
		height                  int
		chart                   bool
	}{
		{chartPage, "chart-1", "Số người tham gia theo thời gian", "Nguồn: Tạp chí Bảo hiểm xã hội", 520, true},
		{rankingPage, rankingID, "BHXH tự nguyện: các đơn vị trực thuộc xếp theo mức đạt chỉ tiêu", "Nguồn: kết quả — Tạp chí Bảo hiểm xã hội", 1072, false},
	} {
		for _, phone := range []struct {
			width  string
			resize bool
		}{{"320", false}, {"360", false}, {"400", false}, {"360", true}} {
			resize := phone.resize
			t.Run(fmt.Sprintf("%s%s/%s/resize=%v", tt.page, tt.id, phone.width, resize), func(t *testing.T) {
				script := ""
				if resize {
					script = view.EmbedResizeScript
				}
				tb := openHost(t, example.url+embedOf(tt.page, tt.id), "Biểu đồ", phone.width, tt.height, script, 900)
				frames := run(t, tb, chromedp.Nodes(chromedp.CSS("iframe")))
				type phoneState struct {
					Credit     string  `json:"credit"`
					CreditSeen bool    `json:"creditSeen"`
					Width      int     `json:"width"`
					Scroll     int     `json:"scroll"`
					Titles     int     `json:"titles"`
					Heading    string  `json:"heading"`
					Canvas     float64 `json:"canvas"`
					Bottom     float64 `json:"bottom"`
					Content    int     `json:"content"`
					Inner      int     `json:"inner"`
				}
				ready := `document.querySelector('#embed-figure figure') && document.getElementById('embed-status').hidden`
				if tt.chart {
					ready += ` && document.querySelector('.chart__canvas svg') && document.querySelector('.chart__tools')`
				}
				state := run(t, tb, chromedp.Poll[phoneState](ready+` && (() => { const c = document.getElementById('embed-credit').closest('p'), cv = document.querySelector('.chart__canvas');
					return {credit: c.textContent, creditSeen: c.getBoundingClientRect().bottom <= innerHeight,
						width: innerWidth, scroll: document.documentElement.scrollWidth,
						titles: document.body.innerText.split(`+"`"+tt.title+"`"+`).length - 1,
						heading: document.querySelector('h1').textContent,
						canvas: cv ? cv.getBoundingClientRect().height : 0, bottom: cv ? cv.getBoundingClientRect().bottom : 0,
						content: Math.ceil(document.body.getBoundingClientRect().height), inner: innerHeight}; })()`, chromedp.WithPollingInFrame(frames[0])))
				if !state.CreditSeen || !strings.Contains(state.Credit, tt.credit) || !strings.Contains(state.Credit, "· Xem ") {
					t.Errorf("credit %q (seen without scrolling: %v), want %q and the link back at the top of the %d-px frame", state.Credit, state.CreditSeen, tt.credit, tt.height)
				}
				if state.Scroll > state.Width {
					t.Errorf("the embed is %d px wide in a %d-px frame: it scrolls sideways", state.Scroll, state.Width)
				}
				if state.Titles != 1 || !strings.Contains(state.Heading, " — "+tt.title) {
					t.Errorf("heading %q; the title %q is said %d times, want once, in the heading", state.Heading, tt.title, state.Titles)
				}
				t.Logf("%s-px-wide frame %d px high: content %d px, chart %.0f px", phone.width, tt.height, state.Content, state.Canvas)
				if tt.chart && !resize && (state.Canvas < 200 || state.Bottom > float64(state.Inner)) {
					t.Errorf("the chart is %.0f px high and ends at %.0f in a %d-px frame: want it in the height left", state.Canvas, state.Bottom, state.Inner)
				}
				if resize {
					height := run(t, tb, chromedp.Poll[int](fmt.Sprintf(`(() => { const f = document.querySelector('iframe'); return f.height !== '%d' && +f.height; })()`, tt.height)))
					content := run(t, tb, chromedp.Poll[int](`Math.ceil(document.body.getBoundingClientRect().height)`, chromedp.WithPollingInFrame(frames[0])))
					if height != content {
						t.Errorf("the resize script set the iframe %d px high, the embed's content is %d px", height, content)
					}
				} else if state.Content <= 0 {
					t.Errorf("content height %d", state.Content)
				}
				for _, p := range tb.takeProblems() {
					if strings.HasPrefix(p, "request to another origin: "+example.url+"/") {
						continue // the embed, its assets and its page, on the embed's own site
					}
					t.Errorf("embed on a phone: %s", p)
				}
			})
		}
	}
}

// TestMapEmbedOnAPhone: a map's embed (pre-rendered, map.js) in a 360-px-wide iframe
// shows its credit (date, link back) at the top without scrolling, no wider than the frame, and with the
// embed code's resize script pasted the iframe becomes as tall as the embed's content.
func TestMapEmbedOnAPhone(t *testing.T) {
	tb := openHost(t, example.url+"/chi-so/bhyt/nhung/map-1-rate/", "Bản đồ", "360", 720, view.EmbedResizeScript, 900)
	frames := run(t, tb, chromedp.Nodes(chromedp.CSS("iframe")))
	type mapState struct {
		Credit     string `json:"credit"`
		CreditSeen bool   `json:"creditSeen"`
		Width      int    `json:"width"`
		Scroll     int    `json:"scroll"`
	}
	state := run(t, tb, chromedp.Poll[mapState](`document.querySelector('[data-tilemap]') && (() => { const c = document.querySelector('.embed__credit');
		return {credit: c.textContent, creditSeen: c.getBoundingClientRect().bottom <= innerHeight, width: innerWidth, scroll: document.documentElement.scrollWidth}; })()`, chromedp.WithPollingInFrame(frames[0])))
	if !state.CreditSeen || !strings.Contains(state.Credit, "30/6/2023") || !strings.Contains(state.Credit, " · Xem ") || state.Scroll > state.Width {
		t.Errorf("map embed on a phone: %+v, want its credit at the top and no sideways scroll", state)
	}
	height := run(t, tb, chromedp.Poll[int](`(() => { const f = document.querySelector('iframe'); return f.height !== '720' && +f.height; })()`))
	content := run(t, tb, chromedp.Poll[int](`Math.ceil(document.body.getBoundingClientRect().height)`, chromedp.WithPollingInFrame(frames[0])))
	if height != content {
		t.Errorf("the resize script set the map's iframe %d px high, the embed's content is %d px", height, content)
	}
	for _, p := range tb.takeProblems() {
		if !strings.HasPrefix(p, "request to another origin: "+example.url+"/") {
			t.Errorf("map embed on a phone: %s", p)
		}
	}
}

// TestEmbedCreditsMarkVietnamese: on English embeds, the names a credit gives in
// Vietnamese for want of English — a chart's publisher (its island's or page's creditVI), a
// ranking's plan without number or English title (its credit as its page marked it) — are
// marked lang="vi", and the embeds stay clean (axe). The site is the example with its
// plans' English titles and issuers taken out.
func TestEmbedCreditsMarkVietnamese(t *testing.T) {
	src := sitetest.CopyExample(t, "../..")
	plans, err := filepath.Glob(filepath.Join(src, "data", "plans", "*.toml"))
	if err != nil || len(plans) == 0 {
		t.Fatalf("no plans: %v", err)
	}
	for _, p := range plans {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(b), "\n")
		lines = slices.DeleteFunc(lines, func(l string) bool {
			return strings.HasPrefix(l, "title_en") || strings.HasPrefix(l, "issuer_en")
		})
		if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s, stop, err := serve("untranslated", src, filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	tb := openTab(t, s, 375, 700)
	for _, tt := range []struct {
		embed, want string
	}{
		{"/en" + embedOf(chartPage, "chart-1"), "Tạp chí Bảo hiểm xã hội"},
		{"/en" + embedOf(rankingPage, rankingID), "Chỉ tiêu phát triển người tham gia BHXH, BHYT năm 2023 của tỉnh Trà Vinh (văn bản không rõ số hiệu)"},
	} {
		tb.visit(t, tt.embed)
		marked := run(t, tb, chromedp.Poll[[]string](`document.getElementById('embed-figure').children.length > 0 &&
			[...document.querySelectorAll('#embed-credit [lang="vi"]')].map((e) => e.textContent)`))
		if !slices.Contains(marked, tt.want) {
			t.Errorf("%s: the credit marks %q in Vietnamese, want %q among them", tt.embed, marked, tt.want)
		}
		tb.expectClean(t, tt.embed)
	}
}
