package browsertest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// embedPath is an embed page of the example site: the first chart of Cần Thơ city (before
// 1/7/2025), whose page is chartPage.
const (
	chartPage = "/dia-phuong/can-tho-2004-2025/"
	embedPath = chartPage + "nhung/chart-1/"
)

// TestEmbedInAnotherOrigin: a page on another origin (a second loopback port) shows an
// embed page in an iframe; the chart is drawn with its tools, the embed names its source
// and date, links back to its page in a new tab and asks not to be indexed, and nothing
// is logged or requested anywhere but the two origins (the host page, the embed's site).
func TestEmbedInAnotherOrigin(t *testing.T) {
	host := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Báo điện tử</title></head>
<body><h1>Bài báo</h1><iframe src="%s%s" title="Biểu đồ" width="800" height="700"></iframe></body></html>`, example.url, embedPath)
	}))
	defer host.Close()
	tb := openTab(t, &site{name: "host", url: host.URL}, 1280, 900)
	tb.visit(t, "/")
	frames := run(t, tb, chromedp.Nodes(chromedp.CSS("iframe")))
	type embedState struct {
		Drawn   bool   `json:"drawn"`
		Tools   int    `json:"tools"`
		Robots  string `json:"robots"`
		Credit  string `json:"credit"`
		Back    string `json:"back"`
		Target  string `json:"target"`
		Framed  bool   `json:"framed"`
		Embeds  int    `json:"embeds"`
		Heading string `json:"heading"`
	}
	state := run(t, tb, chromedp.Poll[embedState](`document.querySelector('.chart__canvas svg') && document.querySelector('.chart__tools') && {
		drawn: true, tools: document.querySelectorAll('.chart__tools button').length,
		robots: document.querySelector('meta[name=robots]').content,
		credit: document.querySelector('.embed__credit').textContent,
		back: document.querySelector('.embed__credit a').href, target: document.querySelector('.embed__credit a').target,
		framed: window.top !== window, embeds: document.querySelectorAll('[aria-controls$="-embed"]').length,
		heading: document.querySelector('h1').textContent}`, chromedp.WithPollingInFrame(frames[0])))
	if !state.Drawn || !state.Framed || state.Tools != 2 || state.Embeds != 0 {
		t.Errorf("embed in a frame: %+v (want the chart drawn with the PNG and SVG buttons, no embed button)", state)
	}
	if state.Robots != "noindex" {
		t.Errorf("embed robots %q, want noindex", state.Robots)
	}
	for _, want := range []string{"Nguồn:", "30/6/2019"} {
		if !strings.Contains(state.Credit, want) {
			t.Errorf("credit %q lacks %q", state.Credit, want)
		}
	}
	if state.Back != example.url+chartPage+"#chart-1-figure" || state.Target != "_blank" {
		t.Errorf("link back %q target %q", state.Back, state.Target)
	}
	elsewhere := 0
	for _, p := range tb.takeProblems() {
		if strings.HasPrefix(p, "request to another origin: "+example.url+"/") {
			elsewhere++ // the embed and its assets, on the embed's own site
			continue
		}
		t.Errorf("embed in another origin: %s", p)
	}
	if elsewhere < 3 {
		t.Errorf("%d requests to the embed's site: the iframe did not load", elsewhere)
	}
}

// TestEmbedButton: on a province page, "Nhúng" opens the iframe code, naming the embed
// page by its absolute address; the embed page passes axe.
func TestEmbedButton(t *testing.T) {
	tb := openTab(t, example, 1280, 900)
	tb.visit(t, chartPage)
	var snippet string
	tb.eval(t, `(() => { const b = document.querySelector('[aria-controls="chart-1-embed"]'); b.click();
		return b.getAttribute('aria-expanded') + ' ' + document.getElementById('chart-1-snippet').value; })()`, &snippet)
	want := `true <iframe src="` + example.url + embedPath + `"`
	if !strings.HasPrefix(snippet, want) {
		t.Errorf("snippet %q, want it to start %q", snippet, want)
	}
	tb.visit(t, embedPath)
	for _, v := range tb.runAxe(t) {
		t.Errorf("embed: axe %s (%s): %s", v.ID, v.Impact, v.Help)
	}
	if p := tb.takeProblems(); len(p) > 0 {
		t.Errorf("problems: %v", p)
	}
}

// TestChartExport: the PNG button makes a PNG image (ECharts' SVG export framed with the
// title and credit, drawn at twice the size), and the SVG button an SVG holding the
// chart's title and source.
func TestChartExport(t *testing.T) {
	tb := openTab(t, example, 1280, 900)
	tb.visit(t, chartPage)
	tb.eval(t, `window.exports = []; document.getElementById('chart-1-figure').addEventListener('chartexport', async e => {
		const b = e.detail.blob, head = new Uint8Array(await b.slice(0, 8).arrayBuffer());
		const out = {type: e.detail.type, mime: b.type, size: b.size, head: [...head]};
		if (e.detail.type === 'png') { const bm = await createImageBitmap(b); out.width = bm.width; out.height = bm.height; }
		else { out.text = await b.text(); }
		window.exports.push(out);
	}); true`, nil)
	tb.eval(t, `document.querySelectorAll('#chart-1-figure .chart__tools button')[0].click(), true`, nil)
	type export struct {
		Type   string `json:"type"`
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
	if p.Type != "png" || p.Mime != "image/png" || len(p.Head) < 4 || p.Head[0] != 0x89 || p.Head[1] != 'P' || p.Head[2] != 'N' || p.Head[3] != 'G' {
		t.Fatalf("PNG export: %+v", p)
	}
	if p.Width != 2*size.W || p.Height <= 2*size.H || p.Size < 5000 {
		t.Errorf("PNG %d×%d (%d bytes), want %d wide and taller than %d (title and credit)", p.Width, p.Height, p.Size, 2*size.W, 2*size.H)
	}
	tb.eval(t, `document.querySelectorAll('#chart-1-figure .chart__tools button')[1].click(), true`, nil)
	all := run(t, tb, chromedp.Poll[[]export](`window.exports.length > 1 && window.exports`))
	svg := all[1]
	if svg.Type != "svg" || !strings.HasPrefix(svg.Text, "<svg") || !strings.Contains(svg.Text, "Số người tham gia theo thời gian") || !strings.Contains(svg.Text, "Nguồn:") {
		t.Errorf("SVG export: %.300s", svg.Text)
	}
	for _, p := range tb.takeProblems() {
		t.Errorf("export: %s", p)
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
	for _, v := range tb.runAxe(t) {
		t.Errorf("map embed: axe %s (%s): %s", v.ID, v.Impact, v.Help)
	}
	if p := tb.takeProblems(); len(p) > 0 {
		t.Errorf("problems: %v", p)
	}
}
