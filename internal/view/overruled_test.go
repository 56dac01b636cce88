package view_test

import (
	"strings"
	"testing"

	"github.com/covsite/covsite/internal/routes"
	"github.com/covsite/covsite/internal/view"
)

// conflictSite is a province whose BHYT on 30/6/2023 a report gives as 12.000 and a news
// item, later, as 11.900: the pages show the report's (a report over news).
const conflictSite = `
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
id = "tinh"
name = "Tỉnh Thử"
kind = "tinh"
-- data/results/bao-cao.toml --
[source]
title = "Báo cáo 6 tháng 2023"
title_en = "Half-year report 2023"
kind = "report"
published = 2023-07-10
publisher = "BHXH tỉnh"
[[result]]
locality = "tinh"
as_of = 2023-06-30
bhyt = 12_000
-- data/results/tin.toml --
[source]
title = "Tin BHYT tháng 7"
kind = "news"
published = 2023-07-12
publisher = "Báo Tỉnh"
[[result]]
locality = "tinh"
as_of = 2023-06-30
bhyt = 11_900
`

// TestOverruledFigureIsNamed: where a figure's card names its source, it names the figure
// another document gives for the same date, which the page does not show, and that
// document, cited — in each language.
func TestOverruledFigureIsNamed(t *testing.T) {
	site := siteOf(t, conflictSite)
	f := formats(t)
	for _, tt := range []struct{ lang, want string }{
		{"vi", "theo Báo cáo 6 tháng 2023 · Nguồn khác ghi 11.900 (Tin BHYT tháng 7)"},
		{"en", "according to Half-year report 2023 · Another source gives 11,900 (Tin BHYT tháng 7)"},
	} {
		c := view.NewContext(site, f[tt.lang].Lang, routes.NewBase("/"))
		page := c.Locality(site.Locality("tinh"))
		if len(page.Cards) != 1 || page.Cards[0].Result == nil {
			t.Fatalf("%s: cards %+v", tt.lang, page.Cards)
		}
		src := page.Cards[0].Result.Source
		var b strings.Builder
		for _, p := range src {
			b.WriteString(p.Text)
		}
		if b.String() != tt.want {
			t.Errorf("%s: the card's source %q, want %q", tt.lang, b.String(), tt.want)
		}
		if other := src[len(src)-2]; !other.Cite {
			t.Errorf("%s: the other document %+v, want it cited", tt.lang, other)
		}
	}
}
