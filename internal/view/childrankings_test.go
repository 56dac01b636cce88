package view_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/routes"
	"github.com/covsite/covsite/internal/view"
)

// provinceSite is a province of today with n communes, each with a BHYT and a BHTN target
// and result (commune i reaches 80+i % of its BHYT target, and the reverse order of BHTN),
// and a former district with two communes, ended 30/6/2025, ranked on BHYT.
func provinceSite(n int) string {
	var b strings.Builder
	b.WriteString(`
-- data/site.toml --
title = "Thử"
-- data/indicators.toml --
[[indicator]]
id = "bhyt"
name = "Bảo hiểm y tế"
name_en = "Health insurance"
short = "BHYT"
unit = "people"
[[indicator]]
id = "bhtn"
name = "Bảo hiểm thất nghiệp"
short = "BHTN"
unit = "people"
[[indicator]]
id = "hai-long"
name = "Mức độ hài lòng"
short = "Hài lòng"
unit = "percent"
-- data/localities/vn.toml --
[[locality]]
id = "tinh-a"
name = "Tỉnh A"
kind = "tinh"
[[locality]]
id = "huyen-cu"
name = "Huyện Cũ"
kind = "huyen"
parent = "tinh-a"
until = 2025-06-30
[[locality]]
id = "xa-cu-1"
name = "Xã Cũ 1"
kind = "xa"
parent = "huyen-cu"
until = 2025-06-30
[[locality]]
id = "xa-cu-2"
name = "Xã Cũ 2"
kind = "xa"
parent = "huyen-cu"
until = 2025-06-30
`)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "[[locality]]\nid = \"xa-%d\"\nname = \"Xã %d\"\nkind = \"xa\"\nparent = \"tinh-a\"\n", i, i)
	}
	b.WriteString(`-- data/plans/ke-hoach-2025.toml --
title = "Kế hoạch 2025"
issuer = "UBND tỉnh A"
locality = "tinh-a"
period = "2025"
[[target]]
locality = "xa-cu-1"
bhyt = 1_000
[[target]]
locality = "xa-cu-2"
bhyt = 1_000
`)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "[[target]]\nlocality = \"xa-%d\"\nbhyt = 1_000\nbhtn = 1_000\n", i)
	}
	b.WriteString(`-- data/results/bao-cao.toml --
[source]
title = "Báo cáo"
kind = "report"
published = 2025-07-10
publisher = "BHXH tỉnh A"
[[result]]
locality = "xa-cu-1"
as_of = 2025-03-31
bhyt = 900
[[result]]
locality = "xa-cu-2"
as_of = 2025-03-31
bhyt = 800
`)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "[[result]]\nlocality = \"xa-%d\"\nas_of = 2025-06-30\nbhyt = %d\nbhtn = %d\n", i, 800+10*i, 800+10*(n+1-i))
	}
	return b.String()
}

// TestChildRankingPage: a province of today has a page per indicator ranking its children
// — every commune, best to worst, none left out however long the list (the province's own
// page keeps the ends) —, with its breadcrumb back to the province, its embed naming the
// page, and the other indicators' rankings linked, this one marked current.
func TestChildRankingPage(t *testing.T) {
	const n = 30
	site := siteOf(t, provinceSite(n))
	tinh := site.Locality("tinh-a")
	if got := view.RankedIndicators(site, tinh); len(got) != 2 || got[0].ID != "bhyt" || got[1].ID != "bhtn" {
		t.Fatalf("ranked indicators %v, want bhyt and bhtn (hài lòng has no targets)", got)
	}
	for _, tt := range []struct {
		lang, ind, first, last, heading string
	}{
		{"vi", "bhyt", "Xã 30", "Xã 1", "Tỉnh A: các đơn vị trực thuộc xếp theo mức đạt chỉ tiêu BHYT"},
		{"vi", "bhtn", "Xã 1", "Xã 30", "Tỉnh A: các đơn vị trực thuộc xếp theo mức đạt chỉ tiêu BHTN"},
		{"en", "bhyt", "Commune 30", "Commune 1", "A Province: the units below ranked by share of their Health insurance target"},
	} {
		f := formats(t)[tt.lang]
		c := view.NewContext(site, f.Lang, routes.NewBase("/"))
		v, ok := c.ChildRankingPage(tinh, site.Indicator(tt.ind))
		if !ok {
			t.Fatalf("%s %s: no page", tt.lang, tt.ind)
		}
		if v.Heading != tt.heading || v.Title != v.Heading || !strings.HasPrefix(v.Summary, v.Heading) {
			t.Errorf("%s %s: heading %q, title %q, summary %q", tt.lang, tt.ind, v.Heading, v.Title, v.Summary)
		}
		rows := v.Ranking.Table.Rows
		// every child of today and the former district, which has no target of its own: last, unranked
		if len(rows) != n+1 || len(v.Ranking.Bars) != n || rows[0].Name != tt.first || rows[n-1].Name != tt.last || rows[n].Rank != "" {
			t.Errorf("%s %s: %d rows, %d bars, first %q, last ranked %q", tt.lang, tt.ind, len(rows), len(v.Ranking.Bars), rows[0].Name, rows[n-1].Name)
		}
		// a child that has ended says so, not to be taken for one of today of the same name
		if tt.lang == "vi" && rows[n].Name != "Huyện Cũ (đến 30/6/2025)" {
			t.Errorf("%s %s: the former district's row is named %q", tt.lang, tt.ind, rows[n].Name)
		}
		if strings.Contains(v.Ranking.Note, "10") {
			t.Errorf("%s %s: the page's ranking says it keeps the ends: %q", tt.lang, tt.ind, v.Ranking.Note)
		}
		prefix := routes.Prefix(tt.lang)
		route := routes.ChildRanking("tinh-a", tt.ind)
		if want := "/" + prefix + routes.ChartEmbedOf(route, "xep-hang-"+tt.ind); v.Ranking.Embed.URL != want {
			t.Errorf("%s %s: embed %q, want %q", tt.lang, tt.ind, v.Ranking.Embed.URL, want)
		}
		crumbs := v.Breadcrumb
		if last := crumbs[len(crumbs)-1]; last.URL != "/"+prefix+"dia-phuong/tinh-a/" || v.Back.URL != last.URL || !strings.Contains(v.Back.Text, f.Name(tinh)) {
			t.Errorf("%s %s: breadcrumb %+v, back %+v", tt.lang, tt.ind, crumbs, v.Back)
		}
		var links []string
		for _, l := range v.Others.Links {
			links = append(links, fmt.Sprint(l.URL, " ", l.Current))
		}
		want := []string{
			"/" + prefix + "dia-phuong/tinh-a/xep-hang/bhyt/ " + fmt.Sprint(tt.ind == "bhyt"),
			"/" + prefix + "dia-phuong/tinh-a/xep-hang/bhtn/ " + fmt.Sprint(tt.ind == "bhtn"),
		}
		if strings.Join(links, ",") != strings.Join(want, ",") || v.Others.Label == "" {
			t.Errorf("%s %s: other rankings %q, want %q", tt.lang, tt.ind, links, want)
		}
	}
	if _, ok := view.NewContext(site, formats(t)["vi"].Lang, routes.NewBase("/")).ChildRankingPage(tinh, site.Indicator("hai-long")); ok {
		t.Error("a page ranking the children on an indicator without targets")
	}
}

// TestLocalityLinksItsRankings: the page of a province of today keeps its one ranking, the
// ends of a long one, and links every indicator's whole ranking; a former locality keeps
// its one ranking and has no pages of rankings.
func TestLocalityLinksItsRankings(t *testing.T) {
	site := siteOf(t, provinceSite(30))
	c := view.NewContext(site, formats(t)["vi"].Lang, routes.NewBase("/"))
	v := c.Locality(site.Locality("tinh-a"))
	if len(v.Rankings) != 1 || v.Rankings[0].ID != "xep-hang-bhyt" || len(v.Rankings[0].Bars) != 20 {
		t.Fatalf("province: rankings %+v", v.Rankings)
	}
	if got := v.RankingPages.Links; len(got) != 2 || got[0].Text != "BHYT" || got[1].URL != "/dia-phuong/tinh-a/xep-hang/bhtn/" || got[0].Current || v.RankingPages.Label == "" {
		t.Errorf("province: ranking pages %+v", v.RankingPages)
	}
	former := site.Locality("huyen-cu")
	v = c.Locality(former)
	if len(v.Rankings) != 1 || len(v.RankingPages.Links) != 0 || view.RankedIndicators(site, former) != nil {
		t.Errorf("former district: %d rankings, pages %+v", len(v.Rankings), v.RankingPages)
	}
	if _, ok := c.ChildRankingPage(former, site.Indicator("bhyt")); ok {
		t.Error("a former district has a page ranking its children")
	}
	for _, l := range []*model.Locality{site.Locality("xa-1"), site.Locality("xa-cu-1")} {
		if view.HasChildRankings(l) {
			t.Errorf("%s has rankings of children", l.ID)
		}
	}
}

// TestChildrenComparedOneAtATime: the chart comparing the children's targets shows one
// indicator at a time on its own scale (ECharts' legend selectedMode "single"), and says
// so; the table under it keeps every indicator. A chart of one series has no legend to
// choose in.
func TestChildrenComparedOneAtATime(t *testing.T) {
	site := siteOf(t, provinceSite(5))
	f := formats(t)["vi"]
	v := view.NewContext(site, f.Lang, routes.NewBase("/")).Locality(site.Locality("tinh-a"))
	found := false
	for _, ch := range v.Charts {
		single := strings.Contains(ch.Option, `"legend":{"selectedMode":"single"}`)
		if ch.Title != f.T("chart.children") {
			if single {
				t.Errorf("%s: one series at a time: %s", ch.Title, ch.Option)
			}
			continue
		}
		found = true
		if !single || !strings.Contains(ch.Note, f.T("chart.children_single")) || len(ch.Columns) != 2 {
			t.Errorf("children compared: option %s, note %q, columns %q", ch.Option, ch.Note, ch.Columns)
		}
	}
	if !found {
		t.Fatal("no chart comparing the children")
	}
}

// TestOriginalTitleMarked: on an English page a source's title the data gives only in
// Vietnamese is marked lang="vi" and said to be the original, in the page's sources; a
// Vietnamese page says nothing of it.
func TestOriginalTitleMarked(t *testing.T) {
	site := siteOf(t, childSite)
	for _, code := range []string{"vi", "en"} {
		f := formats(t)[code]
		c := view.NewContext(site, f.Lang, routes.NewBase("/"))
		note := f.T("source.original_title")
		v := c.Locality(site.Locality("xa-b"))
		lines := append([]view.Line{v.Deck.Source}, v.Sources...)
		marked := 0
		for _, l := range lines {
			for i, in := range l {
				if !in.Cite || in.Text != "Báo cáo" {
					continue
				}
				said := i+1 < len(l) && strings.Contains(l[i+1].Text, note)
				if want := code == "en"; (in.Lang == "vi") != want || said != want {
					t.Errorf("%s: %q cited lang %q, then %q", code, in.Text, in.Lang, l[min(i+1, len(l)-1)].Text)
				}
				marked++
			}
		}
		if marked == 0 {
			t.Errorf("%s: the source is not cited", code)
		}
	}
}
