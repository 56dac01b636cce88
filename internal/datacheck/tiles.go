package datacheck

import (
	"fmt"
	"strings"

	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/load"
	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/textutil"
	"github.com/covsite/covsite/themes"
)

// defaultMapPath is the theme's default tile maps as a site's author finds them.
const defaultMapPath = "themes/default/" + themes.MapFile

// formerSuffix is what the default maps add to the id of a province merged on 1/7/2025.
const formerSuffix = "-truoc-2025"

// MissingTiles warns, at each province (a locality right below the country) that has
// results but no tile on any of the site's maps, that the maps leave it out — the
// rankings do not — and gives the tile to add: its place on the theme's default map when
// that map has a tile of the same id or name, else a free place. own says the site's maps
// are its own data/map.toml (not the theme's); defaults are the theme's maps. A site
// without any map says nothing: it has chosen to have none.
func MissingTiles(site *model.Site, own bool, defaults []load.Grid, diags *diag.List) {
	if site == nil || len(site.Grids) == 0 {
		return
	}
	tiled := map[*model.Locality]bool{}
	for _, g := range site.Grids {
		for _, t := range g.Tiles {
			tiled[t.Locality] = true
		}
	}
	for _, l := range site.Provinces() {
		if tiled[l] || len(site.ResultsOf(l)) == 0 {
			continue
		}
		g := gridOfTime(site.Grids, !l.Ended())
		row, col, placed := defaultPlace(l, defaults)
		note := placeNote(placed, l.ID)
		if placed && g != nil && taken(g, row, col) {
			note = diag.W(fmt.Sprintf("hàng %d, cột %d của ô cùng tên trên bản đồ mặc định đã có ô khác: đổi row, col cho gần vị trí thật của tỉnh", row, col),
				fmt.Sprintf("row %d, column %d, the place of the tile of the same name on the default map, is taken: move row and col near the province's real place", row, col))
			placed = false
		}
		if !placed {
			row, col = freePlace(g)
		}
		tile := fmt.Sprintf("{ locality = %q, row = %d, col = %d }", l.ID, row, col)
		diags.Warnf(l.Pos, diag.TileMissing, l.ID, l.Name.VI, tile, where(g, own), note)
	}
}

// gridOfTime is the first grid of current localities (current), or of ended ones.
func gridOfTime(grids []*model.Grid, current bool) *model.Grid {
	for _, g := range grids {
		if g.Current() == current {
			return g
		}
	}
	return nil
}

// defaultPlace is the row and column of l's tile on the theme's default maps: the tile
// of its id, or of the id the default maps give its name ("ca-mau"; an ended province's
// with formerSuffix).
func defaultPlace(l *model.Locality, defaults []load.Grid) (int, int, bool) {
	slug := textutil.Slug(l.Name.VI)
	ids := []string{l.ID, slug}
	if l.Ended() {
		ids = []string{slug + formerSuffix, strings.TrimSuffix(l.ID, formerSuffix) + formerSuffix}
	}
	for _, id := range ids {
		for _, g := range defaults {
			for _, t := range g.Tiles {
				if t.Locality.V == id && t.Row.Set() && t.Col.Set() {
					return int(t.Row.V), int(t.Col.V), true
				}
			}
		}
	}
	return 0, 0, false
}

func taken(g *model.Grid, row, col int) bool {
	for _, t := range g.Tiles {
		if t.Row == row && t.Col == col {
			return true
		}
	}
	return false
}

// freePlace is a place below g's tiles (the first row of a new grid).
func freePlace(g *model.Grid) (int, int) {
	if g == nil {
		return 1, 1
	}
	return min(g.Rows+1, model.MaxGridRows), 1
}

// where says where the tile goes: the tiles of g in data/map.toml, a new [[grid]] there,
// or a data/map.toml made from the theme's.
func where(g *model.Grid, own bool) diag.Words {
	switch {
	case !own:
		return diag.W(
			load.MapFile+" (trang chưa có tệp này nên dùng bản đồ mặc định "+defaultMapPath+": chép tệp đó thành "+load.MapFile+", sửa mã các ô cho đúng mã của trang, rồi thêm ô này)",
			load.MapFile+" (the site has none and uses the default maps of "+defaultMapPath+": copy that file to "+load.MapFile+", write the site's ids in its tiles, then add this one)")
	case g == nil:
		return diag.W(load.MapFile+", trong một [[grid]] mới (name = \"…\", tiles = [ … ])", "a new [[grid]] (name = \"…\", tiles = [ … ]) of "+load.MapFile)
	}
	return diag.W(fmt.Sprintf("tiles của [[grid]] %q trong %s", g.Name.VI, load.MapFile), fmt.Sprintf("the tiles of the [[grid]] %q in %s", g.Name.VI, load.MapFile))
}

// placeNote says where the row and column come from.
func placeNote(placed bool, id string) diag.Words {
	if placed {
		return diag.W("hàng, cột của ô cùng tên trên bản đồ mặc định "+defaultMapPath, "the row and column of the tile of the same name on the default map "+defaultMapPath)
	}
	return diag.W(fmt.Sprintf("bản đồ mặc định không có ô cho %q: đổi row, col cho gần vị trí thật của tỉnh", id),
		fmt.Sprintf("the default map has no tile for %q: move row and col near the province's real place", id))
}
