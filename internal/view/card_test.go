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
