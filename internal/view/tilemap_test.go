package view_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/covsite/covsite/internal/i18n"
	"github.com/covsite/covsite/internal/load"
	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/view"
	"github.com/covsite/covsite/themes"
)

// mapSite is four provinces on a tile grid: Cần Thơ and Huế with BHYT on 30/6/2025 (Huế
// against a plan), Đà Nẵng a year older, Hà Nội without figures.
const mapSite = `
-- data/site.toml --
title = "Thử"
-- data/indicators.toml --
[[indicator]]
id = "bhyt"
name = "Bảo hiểm y tế"
short = "BHYT"
unit = "people"
denominator = "population"
-- data/localities/vn.toml --
[[locality]]
id = "vn"
name = "Việt Nam"
kind = "quoc-gia"
[[locality]]
id = "ha-noi"
name = "Hà Nội"
kind = "thanh-pho-tw"
parent = "vn"
[[locality]]
id = "hue"
name = "Huế"
kind = "thanh-pho-tw"
parent = "vn"
[[locality]]
id = "da-nang"
name = "Đà Nẵng"
kind = "thanh-pho-tw"
parent = "vn"
[[locality]]
id = "can-tho"
name = "Cần Thơ"
kind = "thanh-pho-tw"
parent = "vn"
-- data/map.toml --
[[grid]]
name = "Bốn thành phố"
tiles = [
  { locality = "can-tho", row = 9, col = 2 },
  { locality = "ha-noi", row = 3, col = 3 },
  { locality = "hue", row = 6, col = 4 },
  { locality = "da-nang", row = 7, col = 4 },
]
-- data/plans/ke-hoach-hue-2025.toml --
title = "Kế hoạch 2025"
issuer = "UBND thành phố Huế"
locality = "hue"
period = "2025"
[[target]]
bhyt = 1_000_000
-- data/results/bao-cao-2025.toml --
[source]
title = "Báo cáo 6 tháng 2025"
kind = "report"
published = 2025-07-10
publisher = "BHXH Việt Nam"
url = "https://example.org/bao-cao"
[[result]]
locality = "can-tho"
as_of = 2025-06-30
bhyt = 1_000_000
rate.bhyt = 96.11
[[result]]
locality = "hue"
as_of = 2025-06-30
bhyt = 900_000
rate.bhyt = 90.5
-- data/results/bao-cao-2024.toml --
[source]
title = "Báo cáo 6 tháng 2024"
kind = "report"
published = 2024-07-10
publisher = "BHXH Đà Nẵng"
[[result]]
locality = "da-nang"
as_of = 2024-06-30
bhyt = 1_100_000
rate.bhyt = 93.2
`

// siteOf builds the site of a txtar-like text: "-- name --" lines start files.
func siteOf(t *testing.T, text string) *model.Site {
	t.Helper()
	fsys := fstest.MapFS{}
	var name string
	var body strings.Builder
	flush := func() {
		if name != "" {
			fsys[name] = &fstest.MapFile{Data: []byte(body.String())}
		}
		body.Reset()
	}
	for _, line := range strings.Split(text, "\n") {
		if n, ok := strings.CutPrefix(line, "-- "); ok && strings.HasSuffix(n, " --") {
			flush()
			name = strings.TrimSuffix(n, " --")
			continue
		}
		body.WriteString(line + "\n")
	}
	flush()
	raw, diags := load.Load(fsys)
	site, more := model.Build(raw)
	diags.Merge(more)
	if diags.HasErrors() {
		t.Fatal(diags.Items())
	}
	return site
}

func formats(t *testing.T) map[string]view.Format {
	t.Helper()
	langs, err := i18n.Load(themes.Default())
	if err != nil {
		t.Fatal(err)
	}
	return map[string]view.Format{"vi": {Lang: langs["vi"]}, "en": {Lang: langs["en"]}}
}

func urls(route string) string { return "/" + route }

func TestTileMap(t *testing.T) {
	site := siteOf(t, mapSite)
	f := formats(t)["vi"]
	ind := site.Indicator("bhyt")
	tm := view.NewTileMap(f, site, site.Grids[0], ind, view.Rate, "m", urls)

	if tm.Rows != 7 || tm.Cols != 3 || tm.Class != "tilemap tilemap--c3" {
		t.Errorf("size %d×%d %q, want the tiles' bounding box 7×3", tm.Rows, tm.Cols, tm.Class)
	}
	byName := map[string]view.MapTile{}
	for _, tile := range tm.Tiles {
		byName[tile.Name] = tile
	}
	tests := []struct {
		name, label, class, value, date string
		stale                           bool
	}{
		{"Cần Thơ", "Cần Thơ: BHYT 96,11\u00a0% dân số, 30/6/2025", "tm-r7 tm-c1 tm-s5", "96,11\u00a0%", "30/6/2025", false},
		{"Huế", "Huế: BHYT 90,50\u00a0% dân số, 30/6/2025", "tm-r4 tm-c3 tm-s1", "90,50\u00a0%", "30/6/2025", false},
		{"Đà Nẵng", "Đà Nẵng: BHYT 93,20\u00a0% dân số, 30/6/2024 (số liệu cũ hơn)", "tm-r5 tm-c3 tm-s3 tm-stale", "93,20\u00a0%", "30/6/2024", true},
		{"Hà Nội", "Hà Nội: chưa có số liệu BHYT", "tm-r1 tm-c2 tm-none", "—", "", false},
	}
	for _, tt := range tests {
		got, ok := byName[tt.name]
		if !ok {
			t.Errorf("no tile %s", tt.name)
			continue
		}
		if got.Label != tt.label || got.Class != tt.class || got.Value != tt.value || got.Date != tt.date || got.Stale != tt.stale {
			t.Errorf("%s:\n got %+v\nwant label %q class %q value %q date %q stale %v", tt.name, got, tt.label, tt.class, tt.value, tt.date, tt.stale)
		}
		if got.URL != "/dia-phuong/"+map[string]string{"Cần Thơ": "can-tho", "Huế": "hue", "Đà Nẵng": "da-nang", "Hà Nội": "ha-noi"}[tt.name]+"/" {
			t.Errorf("%s links to %s", tt.name, got.URL)
		}
	}
	if tm.Tiles[0].Name != "Hà Nội" || tm.Tiles[3].Name != "Cần Thơ" {
		t.Errorf("tiles not in reading order: %s … %s", tm.Tiles[0].Name, tm.Tiles[3].Name)
	}
	if !tm.MixedDates || !strings.Contains(tm.Note, "30/6/2025") {
		t.Errorf("mixed dates not flagged: %v %q", tm.MixedDates, tm.Note)
	}
	if len(tm.Legend) != view.Steps+1 || tm.Legend[view.Steps].Class != "tm-none" {
		t.Errorf("legend %+v: want %d steps and no data", tm.Legend, view.Steps)
	}
	// The table holds the same figures, best first, with date and source.
	rows := tm.Table.Rows
	if len(rows) != 4 || rows[0].Name != "Cần Thơ" || rows[3].Name != "Hà Nội" || rows[3].Cells[0] != "—" {
		t.Fatalf("table rows %+v", rows)
	}
	if rows[0].SrcURL != "https://example.org/bao-cao" || rows[0].Source != "BHXH Việt Nam, 10/7/2025" {
		t.Errorf("source of Cần Thơ: %q %q", rows[0].Source, rows[0].SrcURL)
	}
	if rows[1].Name != "Đà Nẵng" || !rows[1].Stale || rows[1].SrcURL != "/dia-phuong/da-nang/#nguon" {
		t.Errorf("Đà Nẵng's row: %+v", rows[1])
	}
}

func TestTileMapShareAndEnglish(t *testing.T) {
	site := siteOf(t, mapSite)
	f := formats(t)["en"]
	tm := view.NewTileMap(f, site, site.Grids[0], site.Indicator("bhyt"), view.Share, "m", urls)
	known := 0
	for _, tile := range tm.Tiles {
		if tile.Date == "" {
			continue
		}
		known++
		if tile.Label != "Hue: BHYT 90.00% of plan, 30 Jun 2025" {
			t.Errorf("share tile %q", tile.Label)
		}
	}
	if known != 1 || tm.MixedDates || tm.Note != "Figures to 30 Jun 2025." {
		t.Errorf("known %d, mixed %v, note %q", known, tm.MixedDates, tm.Note)
	}
}

func TestRankingPage(t *testing.T) {
	site := siteOf(t, mapSite)
	p := view.NewRankingPage(formats(t)["vi"], site, site.Indicator("bhyt"), urls)
	if len(p.Rankings) != 2 {
		t.Fatalf("%d rankings, want by rate and by share", len(p.Rankings))
	}
	rate := p.Rankings[0]
	var got []string
	for _, r := range rate.Rows {
		got = append(got, r.Rank+" "+r.Name)
	}
	if want := "1 Cần Thơ|2 Đà Nẵng|3 Huế| Hà Nội"; strings.Join(got, "|") != want {
		t.Errorf("ranking %q, want %q", strings.Join(got, "|"), want)
	}
	if !rate.Ranked || rate.Head[0] != "Hạng" || !rate.Rows[1].Stale {
		t.Errorf("ranked %v head %v, Đà Nẵng stale %v", rate.Ranked, rate.Head, rate.Rows[1].Stale)
	}
	if p.MapURL != "/chi-so/bhyt/" {
		t.Errorf("map URL %q", p.MapURL)
	}
}

func TestHomeMapPrefersMostFigures(t *testing.T) {
	site := siteOf(t, mapSite)
	tm := view.HomeMap(formats(t)["vi"], site, urls)
	if tm == nil || tm.Known() != 3 || !strings.HasPrefix(tm.Title, "BHYT: tỷ lệ bao phủ") {
		t.Fatalf("home map %+v", tm)
	}
}

// newProvinceSite is mapSite with a new province (Cà Mau, the newest figure) and a former
// one (Quảng Nam), neither on the grid.
const newProvinceSite = mapSite + `
-- data/localities/more.toml --
[[locality]]
id = "ca-mau"
name = "Cà Mau"
kind = "tinh"
parent = "vn"
since = 2025-07-01
[[locality]]
id = "quang-nam"
name = "Quảng Nam"
kind = "tinh"
parent = "vn"
until = 2025-06-30
-- data/results/ca-mau.toml --
[source]
title = "Báo cáo 10 tháng 2026"
kind = "report"
published = 2026-11-05
publisher = "BHXH tỉnh Cà Mau"
[[result]]
locality = "ca-mau"
as_of = 2026-10-31
bhyt = 514_081
rate.bhyt = 93.10
[[result]]
locality = "quang-nam"
as_of = 2023-06-30
bhyt = 1_400_000
rate.bhyt = 94
`

// A province with figures is ranked whether or not a map has its tile: in the grid of its
// time, or among the former provinces when no grid is of its time.
func TestRankingHoldsProvincesWithoutTiles(t *testing.T) {
	site := siteOf(t, newProvinceSite)
	for _, tt := range []struct {
		lang string
		want []string // each ranking's caption and rows
	}{
		{"vi", []string{
			"BHYT: xếp theo tỷ lệ bao phủ — Bốn thành phố: 1 Cần Thơ|2 Đà Nẵng|3 Cà Mau|4 Huế| Hà Nội",
			"BHYT: xếp theo mức đạt kế hoạch — Bốn thành phố: 1 Huế| Cần Thơ| Đà Nẵng| Hà Nội",
			"BHYT: xếp theo tỷ lệ bao phủ — Tỉnh, thành phố trước đây: 1 Quảng Nam",
		}},
		{"en", []string{"", "", "BHYT: ranked by coverage rate — Former provinces and cities: 1 Quang Nam"}},
	} {
		p := view.NewRankingPage(formats(t)[tt.lang], site, site.Indicator("bhyt"), urls)
		var got []string
		for _, r := range p.Rankings {
			var rows []string
			for _, row := range r.Rows {
				rows = append(rows, row.Rank+" "+row.Name)
			}
			got = append(got, r.Caption+": "+strings.Join(rows, "|"))
		}
		if len(got) != len(tt.want) {
			t.Fatalf("%s: rankings %q, want %d", tt.lang, got, len(tt.want))
		}
		for i, w := range tt.want {
			if w != "" && got[i] != w {
				t.Errorf("%s: ranking %d\n%q, want\n%q", tt.lang, i, got[i], w)
			}
		}
	}
}

// The home page shows the map whose figures are newest, even when an older map (of the 63
// provinces, which holds the provinces left unchanged, current ones) has more of them.
func TestHomeMapShowsTheNewestGrid(t *testing.T) {
	site := siteOf(t, newProvinceSite+`
-- data/map.toml --
[[grid]]
name = "Trước 1/7/2025"
tiles = [
  { locality = "quang-nam", row = 1, col = 1 },
  { locality = "can-tho", row = 2, col = 1 },
  { locality = "hue", row = 3, col = 1 },
  { locality = "da-nang", row = 4, col = 1 },
]
[[grid]]
name = "Từ 1/7/2025"
tiles = [
  { locality = "ca-mau", row = 1, col = 1 },
]
`)
	tm := view.HomeMap(formats(t)["vi"], site, urls)
	if tm == nil || tm.Grid != "Từ 1/7/2025" || tm.Known() != 1 || tm.Note != "Số liệu đến 31/10/2026." {
		t.Fatalf("home map %+v, want the grid of Cà Mau's figure of 31/10/2026", tm)
	}
}

// A map of one value has one colour, the middle one, and a legend naming that value, not
// five classes of a scale no figure spans; two values or more keep the scale.
func TestLegendOfOneValue(t *testing.T) {
	site := siteOf(t, newProvinceSite+`
-- data/map.toml --
[[grid]]
name = "Từ 1/7/2025"
tiles = [
  { locality = "ca-mau", row = 1, col = 1 },
  { locality = "ha-noi", row = 1, col = 2 },
]
[[grid]]
name = "Hai"
tiles = [
  { locality = "can-tho", row = 1, col = 1 },
  { locality = "ca-mau", row = 1, col = 2 },
]
`)
	f := formats(t)["vi"]
	for _, tt := range []struct {
		grid   int
		legend string
		tile   string // the class of the first tile with a figure
	}{
		{0, "tm-s3 93,10\u00a0%|tm-none Chưa có số liệu", "tm-r1 tm-c1 tm-s3"},
		{1, "tm-s1 93–94\u00a0%|tm-s2 94–95\u00a0%|tm-s3 95–96\u00a0%|tm-s4 96–97\u00a0%|tm-s5 97–98\u00a0%|tm-none Chưa có số liệu", "tm-r1 tm-c1 tm-s4"},
	} {
		tm := view.NewTileMap(f, site, site.Grids[tt.grid], site.Indicator("bhyt"), view.Rate, "m", urls)
		var got []string
		for _, l := range tm.Legend {
			got = append(got, l.Class+" "+l.Label)
		}
		if strings.Join(got, "|") != tt.legend {
			t.Errorf("grid %d: legend %q, want %q", tt.grid, strings.Join(got, "|"), tt.legend)
		}
		if !strings.HasPrefix(tm.Tiles[0].Class, tt.tile) {
			t.Errorf("grid %d: tile %q, want %q", tt.grid, tm.Tiles[0].Class, tt.tile)
		}
	}
}
