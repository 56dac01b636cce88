package view

import (
	"fmt"

	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/routes"
)

// IndicatorPage is an indicator at a glance: its maps, one per grid and measure that has
// figures, and links to its rankings and the other indicators.
type IndicatorPage struct {
	Title       string
	Description string
	Sections    []MapSection // one per grid with figures
	RankingURL  string
	Others      []NavLink
}

// NavLink is a labelled address in a list of pages; Current marks the page itself.
type NavLink struct {
	Label   string
	URL     string
	Current bool
}

// NewIndicatorPage computes the page of ind; abs makes a route an absolute address when
// the site knows its origin (routes.Base.AbsURL), for the maps' embed code.
func NewIndicatorPage(f Format, s *model.Site, ind *model.Indicator, url, abs URLs) IndicatorPage {
	p := IndicatorPage{
		Title:       f.TS("indicator.title", f.IndicatorName(ind)),
		Description: ind.Description.In(f.Code),
		RankingURL:  url(routes.Ranking(ind.ID)),
		Others:      IndicatorLinks(f, s, ind, url),
	}
	for i, g := range s.Grids {
		sec := MapSection{Title: g.Name.In(f.Code), ID: fmt.Sprintf("grid-%d", i)}
		for _, m := range Measures {
			tm := NewTileMap(f, s, g, ind, m, fmt.Sprintf("map-%d-%s", i, m.Key()), url)
			if !tm.Empty {
				sec.Maps = append(sec.Maps, tm.WithEmbed(f, abs(routes.Embed(routes.Indicator(ind.ID), tm.ID))))
			}
		}
		if len(sec.Maps) > 0 {
			p.Sections = append(p.Sections, sec)
		}
	}
	return p
}

// MapSection is a grid's maps on an indicator's page, under the grid's name.
type MapSection struct {
	ID    string
	Title string
	Maps  []TileMap
}

// IndicatorLinks links every indicator's page, marking cur.
func IndicatorLinks(f Format, s *model.Site, cur *model.Indicator, url URLs) []NavLink {
	var out []NavLink
	for _, ind := range s.Indicators {
		out = append(out, NavLink{Label: f.Short(ind), URL: url(routes.Indicator(ind.ID)), Current: ind == cur})
	}
	return out
}

// HomeMap is the map of the home page: of the indicators and grids, the one whose map has
// the most tiles with a coverage rate (else a share of plan), grids of current localities
// first, ties to the site's order; nil when no grid has a figure.
func HomeMap(f Format, s *model.Site, url URLs) *TileMap {
	for _, current := range []bool{true, false} {
		for _, m := range Measures {
			var best *TileMap
			bestN := 0
			for _, ind := range s.Indicators {
				for i, g := range s.Grids {
					if current && !hasCurrent(g) {
						continue
					}
					tm := NewTileMap(f, s, g, ind, m, fmt.Sprintf("map-home-%d", i), url)
					if n := tm.Known(); n > bestN {
						best, bestN = &tm, n
					}
				}
			}
			if best != nil {
				return best
			}
		}
	}
	return nil
}

func hasCurrent(g *model.Grid) bool {
	for _, t := range g.Tiles {
		if !t.Locality.Ended() {
			return true
		}
	}
	return false
}

// RankingPage ranks the provinces of each grid by an indicator's coverage rate and by
// its share of plan.
type RankingPage struct {
	Title      string
	Rankings   []Table
	MapURL     string
	StaleNote  string
	Others     []NavLink
	NoFigures  string
	HasFigures bool
}

// NewRankingPage computes the rankings of ind.
func NewRankingPage(f Format, s *model.Site, ind *model.Indicator, url URLs) RankingPage {
	p := RankingPage{
		Title:     f.TS("ranking.title", f.IndicatorName(ind)),
		MapURL:    url(routes.Indicator(ind.ID)),
		StaleNote: f.TS("ranking.stale_note"),
		Others:    rankingLinks(f, s, ind, url),
		NoFigures: f.TS("map.no_data_at_all", f.Short(ind)),
	}
	for _, g := range s.Grids {
		for _, m := range Measures {
			figs := make([]Figure, len(g.Tiles))
			for i, t := range g.Tiles {
				figs[i] = FigureOf(s, t.Locality, ind, m)
			}
			latest := Latest(figs)
			if latest.IsZero() {
				continue
			}
			t := figureTable(f, ind, m, ranked(figs, ind), latest, url, f.TS("ranking.caption."+m.Key(), f.Short(ind), g.Name.In(f.Code)))
			rank := 0
			for i := range t.Rows {
				if t.Rows[i].Cells[0] != "—" {
					rank++
					t.Rows[i].Rank = f.Int(rank)
				}
			}
			t.Head, t.Ranked = append([]string{f.TS("ranking.rank")}, t.Head...), true
			p.Rankings = append(p.Rankings, t)
		}
	}
	p.HasFigures = len(p.Rankings) > 0
	return p
}

func rankingLinks(f Format, s *model.Site, cur *model.Indicator, url URLs) []NavLink {
	var out []NavLink
	for _, ind := range s.Indicators {
		out = append(out, NavLink{Label: f.Short(ind), URL: url(routes.Ranking(ind.ID)), Current: ind == cur})
	}
	return out
}
