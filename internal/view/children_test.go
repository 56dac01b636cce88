package view_test

import (
	"strings"
	"testing"

	"github.com/covsite/covsite/internal/view"
)

const childSite = `
-- data/site.toml --
title = "Thử"
-- data/indicators.toml --
[[indicator]]
id = "bhyt"
name = "Bảo hiểm y tế"
short = "BHYT"
unit = "people"
-- data/localities/vn.toml --
[[locality]]
id = "tinh-a"
name = "Tỉnh A"
kind = "tinh"
[[locality]]
id = "xa-b"
name = "Xã B"
kind = "xa"
parent = "tinh-a"
[[locality]]
id = "xa-c"
name = "Xã C"
kind = "xa"
parent = "tinh-a"
[[locality]]
id = "xa-d"
name = "Xã D"
kind = "xa"
parent = "tinh-a"
-- data/plans/ke-hoach-2025.toml --
title = "Kế hoạch 2025"
issuer = "UBND tỉnh A"
locality = "tinh-a"
period = "2025"
[[target]]
locality = "xa-b"
bhyt = 1_000
[[target]]
locality = "xa-c"
bhyt = 2_000
[[target]]
locality = "xa-d"
bhyt = 500
-- data/results/bao-cao.toml --
[source]
title = "Báo cáo"
kind = "report"
published = 2025-07-10
publisher = "BHXH tỉnh A"
[[result]]
locality = "xa-b"
as_of = 2025-06-30
bhyt = 900
[[result]]
locality = "xa-c"
as_of = 2025-06-30
bhyt = 2_100
`

func TestChildRanking(t *testing.T) {
	site := siteOf(t, childSite)
	f := formats(t)["vi"]
	cr := view.NewChildRanking(f, site, site.Locality("tinh-a"), site.Indicator("bhyt"), urls)
	if cr == nil {
		t.Fatal("no ranking")
	}
	var got []string
	for _, r := range cr.Table.Rows {
		got = append(got, r.Rank+" "+r.Name+" "+strings.Join(r.Cells, "|"))
	}
	want := []string{
		"1 Xã C 2.100|2.000|105\u00a0%|30/6/2025",
		"2 Xã B 900|1.000|90\u00a0%|30/6/2025",
		" Xã D —|—|—|",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(cr.Bars) != 2 || !cr.Bars[0].Met || cr.Bars[1].Met || cr.Bars[0].Width <= cr.Bars[1].Width || cr.Bars[0].Width > 60 {
		t.Errorf("bars %+v", cr.Bars)
	}
	if cr.Bars[1].Y <= cr.Bars[0].Y || cr.Height < cr.Bars[1].Y+20 {
		t.Errorf("bars overlap or overflow: %+v, height %d", cr.Bars, cr.Height)
	}
	if view.NewChildRanking(f, site, site.Locality("xa-b"), site.Indicator("bhyt"), urls) != nil {
		t.Error("a commune without children has a ranking")
	}
}
