package view_test

import (
	"strings"
	"testing"

	"github.com/covsite/covsite/internal/view"
)

func TestCards(t *testing.T) {
	site := siteOf(t, mapSite)
	f := formats(t)["vi"]
	c := view.LocalityCard(f, site, site.Locality("can-tho"), "Trang thử")
	if c.Title != "Cần Thơ" || c.Kicker != "Thành phố trực thuộc trung ương" || c.Site != "Trang thử" {
		t.Errorf("locality card %+v", c)
	}
	if len(c.Figures) != 1 || c.Figures[0].Value != "96,11\u00a0%" || c.Figures[0].Label != "BHYT, tỷ lệ trên dân số" {
		t.Errorf("figures %+v", c.Figures)
	}
	if c.Note != "Số liệu đến 30/6/2025 · nguồn: BHXH Việt Nam" {
		t.Errorf("note %q", c.Note)
	}
	if c := view.LocalityCard(f, site, site.Locality("ha-noi"), ""); len(c.Figures) != 0 || c.Note != "Chưa có kết quả báo cáo" {
		t.Errorf("card without results %+v", c)
	}
	p := view.PlanCard(f, site.Plan("ke-hoach-hue-2025"), "")
	if !strings.HasPrefix(p.Kicker, "Kế hoạch ") || len(p.Figures) != 1 || p.Figures[0].Value != "1.000.000 người" || p.Figures[0].Label != "Chỉ tiêu BHYT 2025" {
		t.Errorf("plan card %+v", p)
	}
	h := view.HomeCard(f, site, "Trang thử", "Mô tả")
	if h.Title != "Trang thử" || len(h.Figures) != 3 || h.Figures[0].Value != "3" || h.Figures[2].Value != "3" || h.Note != "Số liệu đến 30/6/2025" {
		t.Errorf("home card %+v", h)
	}
	for _, l := range site.Localities {
		if view.HasCard(l) != (l.Depth <= 1) {
			t.Errorf("%s (depth %d): card %v", l.ID, l.Depth, view.HasCard(l))
		}
	}
}

// A figure the site computed is marked on the share card too, as on the page, in its
// description and in the downloads: "Σ" (the card's font has no ∑) and the words.
func TestCardMarksComputedFigures(t *testing.T) {
	site := siteOf(t, `
-- data/site.toml --
title = "Thử"
-- data/indicators.toml --
[[indicator]]
id = "bhxh-bat-buoc"
name = "BHXH bắt buộc"
unit = "people"
[[indicator]]
id = "bhxh-tu-nguyen"
name = "BHXH tự nguyện"
unit = "people"
[[indicator]]
id = "bhxh"
name = "BHXH"
unit = "people"
sum_of = ["bhxh-bat-buoc", "bhxh-tu-nguyen"]
-- data/localities/vn.toml --
[[locality]]
id = "vn"
name = "Việt Nam"
kind = "quoc-gia"
[[locality]]
id = "can-tho"
name = "Cần Thơ"
kind = "thanh-pho-tw"
parent = "vn"
-- data/results/bao-cao-2025.toml --
[source]
title = "Báo cáo 6 tháng 2025"
kind = "report"
published = 2025-07-10
publisher = "BHXH Cần Thơ"
[[result]]
locality = "can-tho"
as_of = 2025-06-30
bhxh-bat-buoc = 60_000
bhxh-tu-nguyen = 3_171
`)
	for code, want := range map[string]string{"vi": "BHXH · Σ số tính", "en": "BHXH · Σ computed"} {
		c := view.LocalityCard(formats(t)[code], site, site.Locality("can-tho"), "")
		var labels []string
		for _, fig := range c.Figures {
			labels = append(labels, fig.Value+" "+fig.Label)
		}
		all := strings.Join(labels, " | ")
		if !strings.Contains(all, want) || strings.Count(all, "Σ") != 1 {
			t.Errorf("%s: the card does not mark its one computed figure, BHXH: %q", code, all)
		}
	}
}
