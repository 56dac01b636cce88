package view

import (
	"encoding/json"
	"html/template"
	"strings"

	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/routes"
)

// ChartRef names a chart of a page: its element id and title.
type ChartRef struct {
	ID    string
	Title string
}

// ChartTools is what charts.js needs to add each chart's tools (download as PNG and SVG,
// and "Nhúng", the embed code): the words of the buttons, and per chart its embed page,
// credit line and file name. The layout prints it as a JSON data island; the script holds
// no words of its own.
type ChartTools struct {
	Words  map[string]string   `json:"words"`
	Charts map[string]ChartUse `json:"charts"`
}

// ChartUse is one chart's entry: Embed is the path of its embed page ("" when it has none),
// Snippet the iframe code with "{src}" where the absolute address of Embed goes.
type ChartUse struct {
	Embed   string `json:"embed,omitempty"`
	Snippet string `json:"snippet,omitempty"`
	Title   string `json:"title"`
	Credit  string `json:"credit"`
	File    string `json:"file"`
}

// HasEmbeds reports whether a locality's charts have embed pages: the nation's and the
// provinces', like share cards (a national site has 14,000 communes).
func HasEmbeds(l *model.Locality) bool { return HasCard(l) }

// Credit is the line an embed and an exported chart carry: the sources of the figures
// (of the results, else the plans that set the targets) and the date of the newest
// result, "Nguồn: BHXH tỉnh Trà Vinh · số liệu đến 30/6/2023 · <site>".
func Credit(f Format, sources []*model.Source, plans []*model.Plan, asOf date.Date, site string) string {
	var names []string
	for _, p := range plans {
		if len(sources) == 0 && len(names) < 2 {
			names = append(names, f.PlanName(p)+" ("+f.Issuer(p)+")")
		}
	}
	for _, s := range sources {
		name := s.Publisher
		if name == "" {
			name = s.Title.In(f.Code)
		}
		if name != "" && !contains(names, name) && len(names) < 2 {
			names = append(names, name)
		}
	}
	parts := []string{}
	if len(names) > 0 {
		parts = append(parts, f.T("embed.source", strings.Join(names, "; ")))
	}
	if !asOf.IsZero() {
		parts = append(parts, f.T("embed.asof", f.Date(asOf)))
	}
	return strings.Join(append(parts, site), " · ")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// LocalityCredit is the credit of a locality's charts: the sources of its results (else
// the plans of its targets) and the date of its newest result.
func LocalityCredit(f Format, s *model.Site, l *model.Locality, site string) string {
	var sources []*model.Source
	var plans []*model.Plan
	var asOf date.Date
	seen := map[any]bool{}
	for _, ind := range s.Indicators {
		for _, res := range s.ResultsFor(l, ind) {
			if !seen[res.Source] {
				seen[res.Source] = true
				sources = append(sources, res.Source)
			}
			if res.AsOf.After(asOf) {
				asOf = res.AsOf
			}
		}
	}
	for _, t := range s.TargetsOf(l) {
		if !seen[t.Plan] {
			seen[t.Plan] = true
			plans = append(plans, t.Plan)
		}
	}
	// Newest sources first.
	for i := 1; i < len(sources); i++ {
		for j := i; j > 0 && sources[j].Published.After(sources[j-1].Published); j-- {
			sources[j], sources[j-1] = sources[j-1], sources[j]
		}
	}
	return Credit(f, sources, plans, asOf, site)
}

// NewChartTools computes the tools of the charts of the page at route; embeds says
// whether the page's charts have embed pages; name prefixes the files downloaded.
func NewChartTools(f Format, route, name string, charts []ChartRef, credit string, embeds bool, url URLs) ChartTools {
	t := ChartTools{Words: map[string]string{}, Charts: map[string]ChartUse{}}
	for _, k := range []string{"png", "svg", "embed", "copy", "copied", "snippet", "close"} {
		t.Words[k] = f.T("tools." + k)
	}
	for _, c := range charts {
		u := ChartUse{Title: c.Title, Credit: credit, File: name + "-" + c.ID}
		if embeds {
			u.Embed = url(routes.Embed(route, c.ID))
			u.Snippet = `<iframe src="{src}" title="` + template.HTMLEscapeString(c.Title) + `" width="100%" height="520" loading="lazy" style="border:0"></iframe>`
		}
		t.Charts[c.ID] = u
	}
	return t
}

// JSON is the tools as a data island; encoding/json escapes <, > and & so no title can
// close the script element.
func (t ChartTools) JSON() template.JS {
	b, err := json.Marshal(t)
	if err != nil {
		return "" // maps of strings always marshal
	}
	return template.JS(b)
}

// EmbedPage is a chart alone, to be shown in an iframe on another site: the chart, its
// credit and a link back to its page.
type EmbedPage struct {
	Lang      string
	Title     string
	SiteTitle string
	Chart     *Chart      // the chart, printed by the layout
	Option    template.JS // its ECharts option, for the data island
	Map       *TileMap    // or a tile map
	Credit    string
	PageURL   string
	PageLabel string
	Tools     template.JS
}
