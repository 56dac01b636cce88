package build

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/gen/gentest"
	"github.com/covsite/covsite/internal/load"
	"github.com/covsite/covsite/internal/sitetest"
	"github.com/covsite/covsite/themes"
)

// TestDefaultMaps: the theme's tile maps read without a problem, and on the synthetic
// national dataset every tile finds its province: 34 since 1 July 2025, 63 before.
func TestDefaultMaps(t *testing.T) {
	grids, diags := load.ReadGrids(themes.Default(), themes.MapFile)
	if diags.Len() > 0 {
		t.Fatalf("the theme's %s: %v", themes.MapFile, diags.Items())
	}
	if len(grids) != 2 || len(grids[0].Tiles) != 34 || len(grids[1].Tiles) != 63 {
		t.Fatalf("want maps of 34 and 63 tiles, got %d maps", len(grids))
	}
	site, diags := CheckFS(os.DirFS(gentest.Site(t, 0.01)))
	if diags.HasErrors() {
		t.Fatal(diags.Items())
	}
	if len(site.Grids) != 2 {
		t.Fatalf("%d maps, want 2", len(site.Grids))
	}
	for i, want := range []int{34, 63} {
		g := site.Grids[i]
		if len(g.Tiles) != want {
			t.Errorf("map %q: %d tiles of the national dataset's provinces, want %d", g.Name, len(g.Tiles), want)
		}
		for _, tile := range g.Tiles {
			if tile.Locality.Depth != 1 {
				t.Errorf("map %q: tile %s is not a province", g.Name, tile.Locality.ID)
			}
			if i == 0 && tile.Locality.Ended() {
				t.Errorf("map %q: %s ended on %s", g.Name, tile.Locality.ID, tile.Locality.Until)
			}
		}
	}
}

// TestSiteMapReplacesDefault: the example site's own data/map.toml is used, strictly.
func TestSiteMapReplacesDefault(t *testing.T) {
	site, diags := Check("../..")
	if diags.HasErrors() {
		t.Fatal(diags.Items())
	}
	if len(site.Grids) != 2 || len(site.Grids[0].Tiles) != 3 || len(site.Grids[1].Tiles) != 8 {
		t.Fatalf("the example site's maps: %+v", site.Grids)
	}
	if g := site.Grids[0]; g.Tiles[0].Locality.ID != "da-nang" || g.Rows != 14 || g.Cols != 5 {
		t.Errorf("first tile %s, %d×%d, want da-nang first (reading order), 14 rows × 5 cols", g.Tiles[0].Locality.ID, g.Rows, g.Cols)
	}
}

// TestNewProvinceReachesMapAndRankings replays a new user's site: the example site with
// the province Cà Mau (from 1/7/2025) and its results, and no tile for it in data/map.toml.
// Check warns at the province with the tile to add; the ranking ranks it all the same.
// Once the tile is added, the home page shows the map of its time (its figures are the
// newest), whose legend of one value is that value; the province's rollups, which all
// agree, are one line; the former ward without figures has no empty sources section.
func TestNewProvinceReachesMapAndRankings(t *testing.T) {
	src := sitetest.CopyExample(t, "../..")
	sitetest.AddCaMau(t, src)
	_, diags := Check(src)
	var warned []string
	for _, d := range diags.Items() {
		if d.Code == diag.TileMissing {
			warned = append(warned, d.Text("vi"))
		}
	}
	want := `data/localities/ca-mau.toml:36:1: cảnh báo: tỉnh, thành phố "ca-mau" (Cà Mau) có số liệu nhưng không có ô trên bản đồ nào của trang`
	if len(warned) != 1 || !strings.HasPrefix(warned[0], want) ||
		!strings.Contains(warned[0], `thêm { locality = "ca-mau", row = 14, col = 2 } vào tiles của [[grid]] "Tỉnh, thành phố từ 1/7/2025" trong data/map.toml`) {
		t.Fatalf("tile-missing warnings %q, want one at Cà Mau giving its tile", warned)
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Run(context.Background(), Options{Source: src, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	ranking := readFile(t, dest, "chi-so/bhyt/xep-hang/index.html")
	if !strings.Contains(ranking, `<a href="/dia-phuong/ca-mau/">Cà Mau</a></th><td class="num">93,10`) {
		t.Errorf("the BHYT ranking does not rank Cà Mau's 93,10 %%")
	}

	mapFile := filepath.Join(src, "data", "map.toml")
	b, err := os.ReadFile(mapFile)
	if err != nil {
		t.Fatal(err)
	}
	withTile := strings.Replace(string(b), `  { locality = "can-tho", row = 14, col = 3 },`, `  { locality = "can-tho", row = 14, col = 3 },
  { locality = "ca-mau", row = 14, col = 2 },`, 1)
	if err := os.WriteFile(mapFile, []byte(withTile), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, diags := Check(src); slices.ContainsFunc(diags.Items(), func(d diag.Diagnostic) bool { return d.Code == diag.TileMissing }) {
		t.Errorf("a warning about Cà Mau's tile once it is there: %v", diags.Items())
	}
	if _, err := Run(context.Background(), Options{Source: src, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	home := readFile(t, dest, "index.html")
	for _, w := range []string{`title="Cà Mau: BHYT 93,10`, "Tỉnh, thành phố từ 1/7/2025", `<span class="legend__swatch tm-s3"></span> 93,10`} {
		if !strings.Contains(home, w) {
			t.Errorf("the home page's map lacks %q", w)
		}
	}
	if strings.Contains(home, "93–94") {
		t.Error("the home map's legend has a scale for one value")
	}
	province := readFile(t, dest, "dia-phuong/ca-mau/index.html")
	if !strings.Contains(province, `<p class="note" id="tong-hop">Đối chiếu: chỉ tiêu và kết quả (31/10/2026) của đơn vị bằng đúng tổng của các đơn vị trực thuộc.</p>`) ||
		strings.Contains(province, "Chênh lệch khác 0") || strings.Contains(province, `id="tong-hop-ket-qua"`) {
		t.Error("Cà Mau's rollups, which all agree, are not one line")
	}
	if ward := readFile(t, dest, "dia-phuong/ca-mau-phuong-5/index.html"); strings.Contains(ward, `id="nguon"`) {
		t.Error("the former ward without figures has a sources section")
	}
}

func readFile(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
