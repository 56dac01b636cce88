package model

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/covsite/covsite/internal/diag"
	"github.com/covsite/covsite/internal/lang"
	"github.com/covsite/covsite/internal/load"
)

// Grid limits: the theme's style sheet places tiles on rows 1–MaxGridRows and columns
// 1–MaxGridCols.
const (
	MaxGridRows = 30
	MaxGridCols = 16
)

// grids validates the tile maps. A site's own data/map.toml is checked strictly: a tile
// naming an unknown locality, off the grid or on a taken place is an error. The theme's
// default maps (lenient) name the ids of a national site; their tiles for localities
// this site does not have are dropped.
func (b *builder) grids(raw []load.Grid, lenient bool) {
	for _, rg := range raw {
		g := &Grid{Name: lang.T(rg.Name.V, rg.NameEN.V)}
		at := map[[2]int]diag.Pos{}
		placed := map[*Locality]diag.Pos{}
		for _, rt := range rg.Tiles {
			row, okRow := b.gridPlace("row", rt.Row, MaxGridRows, lenient)
			col, okCol := b.gridPlace("col", rt.Col, MaxGridCols, lenient)
			if !okRow || !okCol || !rt.Locality.Set() {
				continue
			}
			l := b.site.localityByID[rt.Locality.V]
			if l == nil {
				if !lenient && !b.broken.localities {
					b.diags.Errorf(rt.Locality.Pos, diag.TileUnknown, rt.Locality.V, row, col, "*.toml")
				}
				continue
			}
			if prev, taken := at[[2]int{row, col}]; taken {
				b.tileOverlap(lenient, rt.Pos, fmt.Sprintf("row = %d, col = %d", row, col), prev)
				continue
			}
			if prev, twice := placed[l]; twice {
				b.tileOverlap(lenient, rt.Locality.Pos, fmt.Sprintf("%q", l.ID), prev)
				continue
			}
			at[[2]int{row, col}], placed[l] = rt.Pos, rt.Pos
			g.Tiles = append(g.Tiles, Tile{Locality: l, Row: row, Col: col})
			g.Rows, g.Cols = max(g.Rows, row), max(g.Cols, col)
		}
		if len(g.Tiles) == 0 {
			continue // a default map of which this site has no locality
		}
		slices.SortFunc(g.Tiles, func(a, b Tile) int { return cmp.Or(cmp.Compare(a.Row, b.Row), cmp.Compare(a.Col, b.Col)) })
		b.site.Grids = append(b.site.Grids, g)
	}
}

func (b *builder) tileOverlap(lenient bool, pos diag.Pos, what string, prev diag.Pos) {
	if !lenient {
		b.diags.Errorf(pos, diag.TileOverlap, what, prev.String())
	}
}

// gridPlace reads a tile's row or column: a whole number from 1 to limit.
func (b *builder) gridPlace(key string, n load.Num, limit int, lenient bool) (int, bool) {
	if !n.Set() {
		return 0, false
	}
	if n.V != math.Trunc(n.V) || n.V < 1 || n.V > float64(limit) {
		if !lenient {
			b.diags.Errorf(n.Pos, diag.TilePosition, key, n.Raw, limit)
		}
		return 0, false
	}
	return int(n.V), true
}
