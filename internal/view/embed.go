package view

import (
	"html"
	"html/template"
	"strconv"

	"github.com/covsite/covsite/internal/routes"
)

// ChartTools is what charts.js needs, besides the site's ChartKit, to add each chart's
// tools (download as PNG and SVG, and "Nhúng", the embed code), once per page: the words
// of the buttons and of the start of a chart's screen-reader description ("label"), the address of the page's charts' embeds less the chart's id
// (routes.ChartEmbedsOf; charts.js adds each chart's id) and the credit line of the charts
// whose own island names none (Credit: the one most of the page's charts have, see
// shareCredit). A chart's title is its caption's text, its files are named after the page
// and the chart ("an-duong-chart-1") and its credit ends with the site's name: charts.js
// reads them from the page (the site's name from its og:site_name or brand, the embed
// page's data-site). The layout prints it
// as a JSON data island; the script holds no words of its own. The charts' embed page
// reads a chart's credit from the chart's island, else from this island of its page.
type ChartTools struct {
	Words  map[string]string `json:"words"`
	Embed  string            `json:"embed"`
	Credit string            `json:"credit"`
	// CreditVI are the names in Credit that are Vietnamese on an English page (Chart.CreditVI)
	CreditVI []string `json:"creditVI,omitempty"`
}

// EmbedSnippet is the iframe code of an embed, with "{src}" and "{title}" for charts.js
// to fill in (escaped), then EmbedResizeScript.
const EmbedSnippet = `<iframe src="{src}" title="{title}" width="100%" height="520" loading="lazy" style="border:0"></iframe>` + "\n" + EmbedResizeScript

// EmbedResizeScript is what the embed code offers after the iframe, for a host page to
// paste if it wants its iframes as tall as their content: an embed page tells the page
// that frames it its content's height (charts.js and map.js post {covsite: "embed-height",
// src, height} to their parent), and this script sets the height of the iframe whose
// window sent it, if the message comes from that iframe's origin. Pasted once or with
// every embed, it listens once. Without it the iframe keeps its height, and still shows
// the figure's source at its top. It holds no "{word}": charts.js fills the snippet.
const EmbedResizeScript = `<script>if(!window.covsiteEmbeds){window.covsiteEmbeds=1;addEventListener("message",function(e){var d=e.data,h=d&&d.covsite==="embed-height"&&Math.round(+d.height);if(!(h>0&&h<20000))return;document.querySelectorAll("iframe").forEach(function(f){if(f.contentWindow===e.source&&new URL(f.src,location.href).origin===e.origin)f.height=h})})}</script>`

// EmbedCode is the "Nhúng" button of a figure not drawn by charts.js (a tile map, the
// ranking of a locality's children): the address of its embed and its iframe code, printed
// in the page (a <details> element: no script needed to read it). URL is absolute when the
// site knows its origin; otherwise map.js writes this page's origin into the code.
type EmbedCode struct {
	ID           string // of the code's element: the figure's id and "-snippet"
	URL, Snippet string
	Label, Help  string // the button's word, and the code's label
}

// NewEmbedCode is the embed code of the figure of id id, titled title, whose embed is at
// abs, in an iframe height pixels high.
func NewEmbedCode(f Format, id, abs, title string, height int) EmbedCode {
	return EmbedCode{
		ID: id + "-snippet", URL: abs,
		Snippet: iframe(abs, title, height),
		Label:   f.TS("tools.embed"), Help: f.TS("tools.snippet"),
	}
}

// iframe is the iframe code of an embed at src titled title, its attributes escaped, then
// EmbedResizeScript.
func iframe(src, title string, height int) string {
	return `<iframe src="` + html.EscapeString(src) + `" title="` + html.EscapeString(title) + `" width="100%" height="` +
		strconv.Itoa(height) + `" loading="lazy" style="border:0"></iframe>` + "\n" + EmbedResizeScript
}

// NewChartTools computes the tools of the charts of the page at route: their embeds are
// at the address abs makes (absolute when the site's base URL is); credit is the line their
// downloads and embeds carry.
func NewChartTools(f Format, route, credit string, creditVI []string, abs URLs) ChartTools {
	t := ChartTools{Words: map[string]string{}, Embed: abs(routes.ChartEmbedsOf(route)), Credit: credit, CreditVI: creditVI}
	for _, k := range []string{"png", "svg", "embed", "copy", "copied", "snippet"} { // the words charts.js shows
		t.Words[k] = f.TS("tools." + k)
	}
	t.Words["label"] = f.TS("chart.label", "%s") // a chart's screen-reader description starts with it, its title for "%s"
	return t
}

// JSON is the tools as a data island; encoding/json escapes <, > and & so no title can
// close the script element.
func (t ChartTools) JSON() template.JS {
	b := make([]byte, 0, 512)
	b = appendJSONObject(append(b, `{"words":`...), t.Words)
	b = appendJSONString(append(b, `,"embed":`...), t.Embed)
	b = appendJSONString(append(b, `,"credit":`...), t.Credit)
	b = appendCreditVI(b, t.CreditVI)
	return template.JS(append(b, '}'))
}

// EmbedPage is a chart or a map alone, to be shown in an iframe on another site: the
// figure, its credit and a link back to its page. A map's embed is rendered with its map;
// the charts' one embed page (Chart) is a frame charts.js fills with the chart its query
// names, read from the chart's page: until then it shows Chart.NoScript, and its title,
// credit and link name the site.
type EmbedPage struct {
	Lang      string
	Title     string
	SiteTitle string
	Map       *TileMap         // a tile map
	Chart     *ChartEmbedWords // or the charts' embed page
	Credit    string
	PageURL   string
	PageLabel string
	Root      string // the charts' embed page: the site path of its language's root, below which its query names a page
}

// ChartEmbedWords are the words of the charts' embed page, handed to charts.js in data
// attributes: what it says while it loads the chart, when the page or the chart is
// missing, and the link back ("%s" is the page's name); NoScript is the page's text
// until the script runs.
type ChartEmbedWords struct {
	NoScript, Loading, NoPage, NoChart, Back string
}

// NewChartEmbedPage is the charts' embed page in f's language; root is the site path of
// the language's root (where the pages its query names are), home the address of the
// home page, absolute when the site's base URL is.
func NewChartEmbedPage(f Format, site, root, home string) EmbedPage {
	return EmbedPage{
		Lang: f.Code, Title: f.TS("embed.chart"), SiteTitle: site,
		Chart: &ChartEmbedWords{
			NoScript: f.TS("embed.noscript"), Loading: f.TS("embed.loading"),
			NoPage: f.TS("embed.nopage"), NoChart: f.TS("embed.nochart"), Back: f.TS("embed.back"),
		},
		Credit: site, PageURL: home, PageLabel: f.TS("nav.home"), Root: root,
	}
}
