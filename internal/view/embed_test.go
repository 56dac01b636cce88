package view_test

import (
	"strings"
	"testing"

	"github.com/covsite/covsite/internal/routes"
	"github.com/covsite/covsite/internal/view"
)

// TestChartTools: a page's chart tools give once the address of its charts' embeds, less
// the chart's id (the charts' embed page naming the page, at the address the site's URLs
// make: absolute with an absolute base URL), the credit and the buttons' words; no title,
// file name or iframe code (the caption, the page's path and the site's chart kit).
func TestChartTools(t *testing.T) {
	f := formats(t)
	for _, tt := range []struct {
		name string
		abs  view.URLs
		want string
	}{
		{"path", urls, "/nhung/bieu-do/?p=dia-phuong/xa-a/&c="},
		{"absolute", func(route string) string { return routes.NewBase("https://example.org/bhxh").AbsURL("en", route) },
			"https://example.org/bhxh/en/nhung/bieu-do/?p=dia-phuong/xa-a/&c="},
	} {
		tools := view.NewChartTools(f["vi"], routes.Locality("xa-a"), "Nguồn: BHXH", nil, tt.abs)
		if tools.Embed != tt.want || tools.Embed+"chart-2" != tt.abs(routes.ChartEmbedOf(routes.Locality("xa-a"), "chart-2")) {
			t.Errorf("%s: embeds %q, want %q", tt.name, tools.Embed, tt.want)
		}
		if tools.Credit != "Nguồn: BHXH" || tools.Words["embed"] != "Nhúng" || tools.Words["label"] != "Biểu đồ “%s”." || len(tools.Words) != 7 {
			t.Errorf("%s: credit %q, words %q", tt.name, tools.Credit, tools.Words)
		}
		js := string(tools.JSON())
		if strings.Contains(js, "iframe") || strings.Contains(js, "chart-") || strings.ContainsAny(js, "<>") {
			t.Errorf("%s: the island %s: want no iframe code, no chart, nothing unescaped", tt.name, js)
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
