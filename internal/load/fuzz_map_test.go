package load_test

import (
	"maps"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/covsite/covsite/internal/model"
)

// FuzzMap checks a fuzzed data/map.toml on testdata/base, as `covsite check` does: no
// panic, every problem at a place inside the file with a well-formed message, and a map
// that checks clean has its tiles on the grid, each naming a locality of the site once.
func FuzzMap(f *testing.F) {
	for _, name := range []string{"../../themes/default/maps/viet-nam.toml", "../../data/map.toml",
		"testdata/bad/tile-overlap/data/map.toml", "testdata/bad/tile-position/data/map.toml", "testdata/bad/tile-unknown-locality/data/map.toml"} {
		b, err := os.ReadFile(filepath.FromSlash(name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	base := caseSite(f, "")
	f.Fuzz(func(t *testing.T, src []byte) {
		site := maps.Clone(base)
		site["data/map.toml"] = &fstest.MapFile{Data: src}
		diags := checkData(site)
		for _, d := range diags.Items() {
			checkDiagnostic(t, site, d)
		}
		if diags.HasErrors() {
			return
		}
		built := buildSite(site)
		for _, g := range built.Grids {
			seen := map[*model.Locality]bool{}
			for _, tile := range g.Tiles {
				if tile.Row < 1 || tile.Row > model.MaxGridRows || tile.Col < 1 || tile.Col > model.MaxGridCols {
					t.Fatalf("tile of %s at %d,%d: off the grid", tile.Locality.ID, tile.Row, tile.Col)
				}
				if built.Locality(tile.Locality.ID) != tile.Locality || seen[tile.Locality] {
					t.Fatalf("tile of %s: unknown or twice", tile.Locality.ID)
				}
				seen[tile.Locality] = true
			}
		}
	})
}
