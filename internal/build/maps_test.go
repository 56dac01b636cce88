package build

import (
	"os"
	"testing"

	"github.com/covsite/covsite/internal/gen/gentest"
	"github.com/covsite/covsite/internal/load"
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
