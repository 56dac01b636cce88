package view_test

import (
	"html"
	"strings"
	"testing"

	"github.com/covsite/covsite/internal/routes"
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

// olderResult adds to childSite a result of Xã D three months older than the others',
// from another source.
const olderResult = `
-- data/results/bao-cao-xa-d.toml --
[source]
title = "Báo cáo quý I"
kind = "report"
published = 2025-04-15
publisher = "UBND xã D"
[[result]]
locality = "xa-d"
as_of = 2025-03-31
bhyt = 400
`

// TestChildRankingCredit: the ranking credits the sources of the figures it ranks (the
// results' sources with their dates, newest first, and the plans of the targets) and their
// date; results of different dates are said so, with their span, and the older ones are
// flagged in the table; the table names each row's source only when they differ (else the
// credit names the one source).
func TestChildRankingCredit(t *testing.T) {
	for _, tt := range []struct {
		name, lang, site, credit string
		stale                    []string // the rows flagged, by name
		bySource                 bool     // the table names each row's source
	}{
		{"one date", "vi", childSite, "Nguồn: kết quả — BHXH tỉnh A, 10/7/2025; chỉ tiêu — Kế hoạch 2025 (UBND tỉnh A) · số liệu đến 30/6/2025", nil, false},
		{"mixed dates", "vi", childSite + olderResult,
			"Nguồn: kết quả — BHXH tỉnh A, 10/7/2025; UBND xã D, 15/4/2025; chỉ tiêu — Kế hoạch 2025 (UBND tỉnh A) · " +
				"số liệu không cùng ngày, từ 31/3/2025 đến 30/6/2025: dấu * trong bảng đánh dấu số liệu cũ hơn", []string{"Xã D"}, true},
		{"mixed dates, English", "en", childSite + olderResult,
			"Sources: results — Báo cáo; Báo cáo quý I; targets — Kế hoạch 2025 (UBND tỉnh A) · " + // sources by their titles in English, as the maps name them
				"figures of different dates, 31 Mar 2025 to 30 Jun 2025: * in the table marks an older figure", []string{"D Commune"}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			site := siteOf(t, tt.site)
			cr := view.NewChildRanking(formats(t)[tt.lang], site, site.Locality("tinh-a"), site.Indicator("bhyt"), urls)
			if cr == nil {
				t.Fatal("no ranking")
			}
			if cr.Credit.String() != tt.credit {
				t.Errorf("credit\n%q, want\n%q", cr.Credit.String(), tt.credit)
			}
			for _, in := range cr.Credit {
				// a publisher, a title without English, a plan's name and its issuer
				// without English: Vietnamese on an English page
				vi := in.Text == "Báo cáo" || in.Text == "Báo cáo quý I" || in.Text == "Kế hoạch 2025" || in.Text == "UBND tỉnh A"
				if want := vi && tt.lang == "en"; (in.Lang == "vi") != want {
					t.Errorf("%q marked %q", in.Text, in.Lang)
				}
			}
			var stale []string
			for _, r := range cr.Table.Rows {
				if r.Rank != "" && (r.Source != "") != tt.bySource {
					t.Errorf("row %s: source %q, want one only when the sources differ", r.Name, r.Source)
				}
				if r.Stale {
					stale = append(stale, r.Name)
				}
			}
			if strings.Join(stale, ",") != strings.Join(tt.stale, ",") {
				t.Errorf("rows flagged older: %v, want %v", stale, tt.stale)
			}
			cols := len(cr.Table.Rows[0].Cells) + 2 // rank, unit, the cells
			if tt.bySource {
				cols++
			}
			if cr.BySource != tt.bySource || len(cr.Table.Head) != cols {
				t.Errorf("by source %v, head %q for rows of %d cells", cr.BySource, cr.Table.Head, len(cr.Table.Rows[0].Cells))
			}
		})
	}
}

// TestChildRankingEmbed: a locality page's ranking has its embed, the charts' embed page
// naming the page and the ranking (which the embed links back to), at an absolute address
// when the site knows its origin, and the iframe code naming it (escaped) and the ranking.
func TestChildRankingEmbed(t *testing.T) {
	site := siteOf(t, childSite)
	for _, tt := range []struct {
		lang, base, embed string
	}{
		{"vi", "/", "/nhung/bieu-do/?p=dia-phuong/tinh-a/&c=xep-hang-bhyt"},
		{"vi", "https://example.org/bhxh/", "https://example.org/bhxh/nhung/bieu-do/?p=dia-phuong/tinh-a/&c=xep-hang-bhyt"},
		{"en", "https://example.org/bhxh/", "https://example.org/bhxh/en/nhung/bieu-do/?p=dia-phuong/tinh-a/&c=xep-hang-bhyt"},
	} {
		f := formats(t)[tt.lang]
		v := view.NewContext(site, f.Lang, routes.NewBase(tt.base)).Locality(site.Locality("tinh-a"))
		if len(v.Rankings) != 1 {
			t.Fatalf("%s %s: %d rankings, want 1", tt.lang, tt.base, len(v.Rankings))
		}
		r := v.Rankings[0]
		e := r.Embed
		if e.URL != tt.embed || e.Label != f.T("tools.embed") || e.Help == "" {
			t.Errorf("%s %s: embed %+v, want %s", tt.lang, tt.base, e, tt.embed)
		}
		want := `<iframe src="` + html.EscapeString(tt.embed) + `" title="` + r.Title + `" width="100%" height="`
		if !strings.HasPrefix(e.Snippet, want) {
			t.Errorf("%s %s: snippet %q, want it to start %q", tt.lang, tt.base, e.Snippet, want)
		}
		if len(r.Credit) == 0 {
			t.Errorf("%s: a ranking without its credit", tt.lang)
		}
	}
}
