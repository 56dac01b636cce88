package view_test

import (
	"strings"
	"testing"

	"github.com/covsite/covsite/internal/routes"
	"github.com/covsite/covsite/internal/view"
)

// TestChartTools: every chart of a page gets its embed, the charts' embed page naming the
// page and the chart, at the address the site's URLs make (absolute with an absolute base
// URL); the iframe code is given once, with the places of the address and the title.
func TestChartTools(t *testing.T) {
	f := formats(t)
	charts := []view.ChartRef{{ID: "chart-1", Title: "Số người tham gia"}, {ID: "chart-2", Title: `Tỷ lệ "mục tiêu"`}}
	for _, tt := range []struct {
		name string
		abs  view.URLs
		want map[string]string
	}{
		{"path", urls, map[string]string{
			"chart-1": "/nhung/bieu-do/?p=dia-phuong/xa-a/&c=chart-1",
			"chart-2": "/nhung/bieu-do/?p=dia-phuong/xa-a/&c=chart-2",
		}},
		{"absolute", func(route string) string { return routes.NewBase("https://example.org/bhxh").AbsURL("en", route) }, map[string]string{
			"chart-1": "https://example.org/bhxh/en/nhung/bieu-do/?p=dia-phuong/xa-a/&c=chart-1",
			"chart-2": "https://example.org/bhxh/en/nhung/bieu-do/?p=dia-phuong/xa-a/&c=chart-2",
		}},
	} {
		tools := view.NewChartTools(f["vi"], routes.Locality("xa-a"), "xa-a", charts, "Nguồn: BHXH", tt.abs)
		if len(tools.Charts) != len(tt.want) {
			t.Errorf("%s: %d charts, want %d", tt.name, len(tools.Charts), len(tt.want))
		}
		for id, want := range tt.want {
			use := tools.Charts[id]
			if use.Embed != want || use.Credit != "Nguồn: BHXH" || use.File != "xa-a-"+id || use.Title == "" {
				t.Errorf("%s: %s = %+v, want embed %q", tt.name, id, use, want)
			}
		}
		if tools.Snippet != view.EmbedSnippet || !strings.Contains(tools.Snippet, `src="{src}"`) || !strings.Contains(tools.Snippet, `title="{title}"`) {
			t.Errorf("%s: snippet %q", tt.name, tools.Snippet)
		}
		if tools.Words["embed"] != "Nhúng" {
			t.Errorf("%s: embed button %q", tt.name, tools.Words["embed"])
		}
		js := string(tools.JSON())
		if strings.Count(js, "iframe") != 2 || strings.ContainsAny(js, "<>") {
			t.Errorf("%s: the island %s: want the iframe code once, escaped", tt.name, js)
		}
	}
}

// TestChartEmbedPage: the charts' embed page's words in each language, its root and its
// link to the site until a chart is drawn.
func TestChartEmbedPage(t *testing.T) {
	for _, tt := range []struct {
		lang, root, home, noPage, back string
	}{
		{"vi", "/", "https://example.org/", "Không tìm thấy trang", "Xem %s trên trang gốc"},
		{"en", "/en/", "https://example.org/en/", "The page of this chart was not found", "See %s on the original site"},
	} {
		p := view.NewChartEmbedPage(formats(t)[tt.lang], "Bao phủ", tt.root, tt.home)
		if p.Chart == nil || p.Map != nil || p.Lang != tt.lang || p.Root != tt.root || p.PageURL != tt.home || p.Credit != "Bao phủ" {
			t.Fatalf("%s: %+v", tt.lang, p)
		}
		w := p.Chart
		if !strings.HasPrefix(w.NoPage, tt.noPage) || w.Back != tt.back || w.NoScript == "" || w.Loading == "" || w.NoChart == "" {
			t.Errorf("%s: words %+v", tt.lang, *w)
		}
	}
}
