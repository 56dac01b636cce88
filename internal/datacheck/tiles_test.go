package datacheck

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/load"
)

// tileSite is a country with the provinces locs (TOML of [[locality]] tables), results for
// the ids of results, and data/map.toml when mapTOML is not empty.
func tileSite(locs, mapTOML string, results ...string) fstest.MapFS {
	site := fstest.MapFS{
		"data/site.toml":          {Data: []byte("title = \"Thử\"\n")},
		"data/indicators.toml":    {Data: []byte("[[indicator]]\nid = \"bhyt\"\nname = \"Bảo hiểm y tế\"\nunit = \"people\"\ndenominator = \"population\"\n")},
		"data/localities/vn.toml": {Data: []byte("[[locality]]\nid = \"vn\"\nname = \"Việt Nam\"\nkind = \"quoc-gia\"\n" + locs)},
	}
	if mapTOML != "" {
		site["data/map.toml"] = &fstest.MapFile{Data: []byte(mapTOML)}
	}
	var b strings.Builder
	b.WriteString("[source]\ntitle = \"Báo cáo\"\nkind = \"report\"\npublished = 2026-11-05\npublisher = \"BHXH\"\n")
	for _, id := range results {
		b.WriteString("[[result]]\nlocality = \"" + id + "\"\nas_of = 2025-06-30\nbhyt = 1_000\nrate.bhyt = 93.1\n")
	}
	site["data/results/bao-cao.toml"] = &fstest.MapFile{Data: []byte(b.String())}
	return site
}

func province(id, name, until string) string {
	s := "[[locality]]\nid = \"" + id + "\"\nname = \"" + name + "\"\nkind = \"tinh\"\nparent = \"vn\"\n"
	if until != "" {
		s += "until = " + until + "\n"
	}
	return s
}

func TestMissingTiles(t *testing.T) {
	canTho := province("can-tho", "Cần Thơ", "")
	current := "[[grid]]\nname = \"Từ 1/7/2025\"\ntiles = [\n  { locality = \"can-tho\", row = 14, col = 3 },\n]\n"
	tests := []struct {
		name    string
		site    fstest.MapFS
		want    []string // each warning's English text holds the string, in order
		wantPos string
	}{
		{"a new province: the default map's place, in the grid of its time",
			tileSite(canTho+province("ca-mau", "Cà Mau", ""), current, "can-tho", "ca-mau"),
			[]string{`"ca-mau" (Cà Mau) has figures but no tile`, `add { locality = "ca-mau", row = 14, col = 2 } to the tiles of the [[grid]] "Từ 1/7/2025" in data/map.toml`, "the tile of the same name on the default map"},
			"data/localities/vn.toml:10:1"},
		{"an id the default map has not: found by name",
			tileSite(canTho+province("tinh-ca-mau", "Cà Mau", ""), current, "tinh-ca-mau"),
			[]string{`add { locality = "tinh-ca-mau", row = 14, col = 2 }`}, ""},
		{"the default map's place is taken",
			tileSite(canTho+province("ca-mau", "Cà Mau", ""), "[[grid]]\nname = \"G\"\ntiles = [\n  { locality = \"can-tho\", row = 14, col = 2 },\n]\n", "ca-mau"),
			[]string{`{ locality = "ca-mau", row = 15, col = 1 }`, "row 14, column 2, the place of the tile of the same name on the default map, is taken"}, ""},
		{"a province the default map has not",
			tileSite(canTho+province("tinh-z", "Tỉnh Z", ""), current, "tinh-z"),
			[]string{`{ locality = "tinh-z", row = 15, col = 1 }`, `the default map has no tile for "tinh-z"`}, ""},
		{"an ended province and no grid of its time",
			tileSite(canTho+province("soc-trang-2004-2025", "Sóc Trăng", "2025-06-30"), current, "soc-trang-2004-2025"),
			[]string{`add { locality = "soc-trang-2004-2025", row = 21, col = 3 } to a new [[grid]]`}, ""},
		{"the theme's maps: copy them first",
			tileSite(canTho+province("tinh-ca-mau", "Cà Mau", ""), "", "can-tho", "tinh-ca-mau"),
			[]string{`add { locality = "tinh-ca-mau", row = 14, col = 2 } to data/map.toml (the site has none and uses the default maps of themes/default/maps/viet-nam.toml`}, ""},
		{"every province with figures has its tile; one without figures needs none",
			tileSite(canTho+province("ca-mau", "Cà Mau", ""), current, "can-tho"), nil, ""},
		{"a site without any map says nothing",
			tileSite(province("tinh-z", "Tỉnh Z", ""), "", "tinh-z"), nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Check(tt.site, false, load.Load)
			var got []diag.Diagnostic
			for _, d := range r.Diags.Items() {
				if d.Code == diag.TileMissing {
					got = append(got, d)
				}
			}
			if r.Diags.HasErrors() {
				t.Fatalf("errors: %v", r.Diags.Err("en"))
			}
			if (len(tt.want) > 0) != (len(got) == 1) {
				t.Fatalf("%d tile-missing warnings, want %v:\n%v", len(got), tt.want, r.Diags.Err("en"))
			}
			for _, w := range tt.want {
				if text := got[0].Text("en"); !strings.Contains(text, w) {
					t.Errorf("%s\nlacks %q", text, w)
				}
			}
			if tt.wantPos != "" && got[0].Pos.String() != tt.wantPos {
				t.Errorf("at %s, want the locality's %s", got[0].Pos, tt.wantPos)
			}
		})
	}
}
