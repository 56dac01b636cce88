package view_test

import (
	"encoding/json"
	"testing"

	"github.com/covsite/covsite/internal/routes"
	"github.com/covsite/covsite/internal/view"
)

// creditSite is a province whose page has three charts of different documents: its
// results over time (two reports; a third gave only a figure of BHTN, drawn nowhere), its
// rate targets by year (plan 1/KH-T) and its two communes' targets (plan 2/KH-T).
const creditSite = `
-- data/site.toml --
title = "Thử"
-- data/indicators.toml --
[[indicator]]
id = "bhyt"
name = "Bảo hiểm y tế"
short = "BHYT"
unit = "people"
denominator = "population"
[[indicator]]
id = "bhtn"
name = "Bảo hiểm thất nghiệp"
short = "BHTN"
unit = "people"
-- data/localities/vn.toml --
[[locality]]
id = "vn"
name = "Việt Nam"
kind = "quoc-gia"
[[locality]]
id = "tinh"
name = "Tỉnh Thử"
kind = "tinh"
parent = "vn"
[[locality]]
id = "xa-a"
name = "Xã A"
kind = "xa"
parent = "tinh"
[[locality]]
id = "xa-b"
name = "Xã B"
kind = "xa"
parent = "tinh"
-- data/plans/ke-hoach-1.toml --
number = "1/KH-T"
title = "Kế hoạch 2023–2024"
issuer = "UBND tỉnh"
issuer_en = "Provincial People's Committee"
issued = 2021-03-01
locality = "tinh"
period = "2023/2024"
[[target]]
period = "2023"
rate.bhyt = 90
[[target]]
period = "2024"
rate.bhyt = 92
-- data/plans/ke-hoach-2.toml --
number = "2/KH-T"
title = "Kế hoạch các xã 2023"
issuer = "UBND tỉnh"
issued = 2023-01-10
locality = "tinh"
period = "2023"
[[target]]
locality = "xa-a"
bhyt = 1_000
[[target]]
locality = "xa-b"
bhyt = 2_000
-- data/results/bao-cao-a.toml --
[source]
title = "Báo cáo 6 tháng 2023"
kind = "report"
published = 2023-07-10
publisher = "BHXH tỉnh"
[[result]]
locality = "tinh"
as_of = 2023-06-30
bhyt = 10_000
-- data/results/bao-cao-b.toml --
[source]
title = "Niên giám 2023"
kind = "report"
published = 2024-01-15
publisher = "Cục Thống kê"
[[result]]
locality = "tinh"
as_of = 2023-12-31
bhyt = 11_000
-- data/results/bao-cao-c.toml --
[source]
title = "Tin BHTN"
kind = "news"
published = 2024-03-01
publisher = "Báo Tỉnh"
[[result]]
locality = "tinh"
as_of = 2024-02-29
bhtn = 500
`

// TestChartCredit: each chart of a page names the documents of exactly the figures it
// draws and their date — its results' sources and newest result, its targets' plans and
// the newest plan's issue —, so two charts of one page of different documents have
// different credits; the page's chart tools give the credit most charts have, and a chart
// whose credit is not the page's carries its own in its island.
func TestChartCredit(t *testing.T) {
	site := siteOf(t, creditSite)
	f := formats(t)
	for _, tt := range []struct {
		lang  string
		want  []string // by chart: its title, its credit
		share string
	}{
		{"vi", []string{
			"Số người tham gia theo thời gian", "Nguồn: Cục Thống kê; BHXH tỉnh · số liệu đến 31/12/2023",
			"Chỉ tiêu tỷ lệ theo năm (%)", "Nguồn: 1/KH-T (UBND tỉnh) · ban hành 1/3/2021",
			"So sánh các đơn vị trực thuộc", "Nguồn: 2/KH-T (UBND tỉnh) · ban hành 10/1/2023",
		}, "Nguồn: Cục Thống kê; BHXH tỉnh · số liệu đến 31/12/2023"},
		{"en", []string{
			"Participants over time", "Source: Cục Thống kê; BHXH tỉnh · figures to 31 Dec 2023",
			"Rate targets by year (%)", "Source: 1/KH-T (Provincial People's Committee) · issued 1 Mar 2021",
			"Subdivisions compared", "Source: 2/KH-T (UBND tỉnh) · issued 10 Jan 2023",
		}, "Source: Cục Thống kê; BHXH tỉnh · figures to 31 Dec 2023"},
	} {
		c := view.NewContext(site, f[tt.lang].Lang, routes.NewBase("/"))
		page := c.Locality(site.Locality("tinh"))
		if len(page.Charts)*2 != len(tt.want) {
			t.Fatalf("%s: %d charts, want %d", tt.lang, len(page.Charts), len(tt.want)/2)
		}
		for i, ch := range page.Charts {
			title, credit := tt.want[2*i], tt.want[2*i+1]
			if ch.Title != title || ch.Credit != credit {
				t.Errorf("%s: chart %d %q credited %q, want %q credited %q", tt.lang, i+1, ch.Title, ch.Credit, title, credit)
			}
			var island struct {
				Credit *string `json:"credit"`
			}
			if err := json.Unmarshal([]byte(ch.Option), &island); err != nil {
				t.Fatalf("%s: chart %d's island %s: %v", tt.lang, i+1, ch.Option, err)
			}
			switch own := island.Credit; {
			case credit == tt.share && own != nil:
				t.Errorf("%s: chart %d repeats the page's credit in its island %s", tt.lang, i+1, ch.Option)
			case credit != tt.share && (own == nil || *own != credit):
				t.Errorf("%s: chart %d's island %s lacks its own credit %q", tt.lang, i+1, ch.Option, credit)
			}
		}
		if page.ChartCredit != tt.share {
			t.Errorf("%s: the page's chart credit %q, want %q", tt.lang, page.ChartCredit, tt.share)
		}
	}
}
