package view

import (
	"fmt"
	"slices"

	"github.com/covsite/covsite/internal/date"
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

// HomeMap is the map of the home page: the grid whose figures are newest — the time a
// reader wants to see (ties to grids of current localities, then the site's order) —
// coloured by the indicator with the most tiles with a coverage rate (else a share of
// plan), ties to the site's order; nil when no grid has a figure.
func HomeMap(f Format, s *model.Site, url URLs) *TileMap {
	gi := newestGrid(s)
	if gi < 0 {
		return nil
	}
	g := s.Grids[gi]
	for _, m := range Measures {
		var best *TileMap
		bestN := 0
		for _, ind := range s.Indicators {
			tm := NewTileMap(f, s, g, ind, m, fmt.Sprintf("map-home-%d", gi), url)
			if n := tm.Known(); n > bestN {
				best, bestN = &tm, n
			}
		}
		if best != nil {
			return best
		}
	}
	return nil
}

// newestGrid is the index of the grid holding the newest figure of any indicator and
// measure, a grid of current localities first on the same date; -1 when none has one.
func newestGrid(s *model.Site) int {
	best, bestDate, bestCurrent := -1, date.Date{}, false
	for i, g := range s.Grids {
		var newest date.Date
		for _, ind := range s.Indicators {
			for _, t := range g.Tiles {
				for _, m := range Measures {
					if fig := FigureOf(s, t.Locality, ind, m); fig.Known() && fig.Result.AsOf.After(newest) {
						newest = fig.Result.AsOf
					}
				}
			}
		}
		if newest.IsZero() {
			continue
		}
		current := g.Current()
		if best < 0 || newest.After(bestDate) || newest == bestDate && current && !bestCurrent {
			best, bestDate, bestCurrent = i, newest, current
		}
	}
	return best
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
	for _, g := range RankGroups(s) {
		for _, m := range Measures {
			figs := make([]Figure, 0, len(g.Localities))
			for _, l := range g.Localities {
				if fig := FigureOf(s, l, ind, m); fig.Known() || g.tiled[l] {
					figs = append(figs, fig)
				}
			}
			latest := Latest(figs)
			if latest.IsZero() {
				continue
			}
			t := figureTable(f, ind, m, ranked(figs, ind), latest, url, f.TS("ranking.caption."+m.Key(), f.Short(ind), g.Name(f)))
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

// RankGroup is the localities one ranking compares: a grid's tiles, and the provinces of
// the grid's time (current or ended) that have no tile on any grid — a province the map
// file does not name yet is ranked all the same (and check warns about its missing tile).
// Provinces of a time no grid shows make a group of their own.
type RankGroup struct {
	Grid       *model.Grid // nil for a group of provinces no grid shows
	Current    bool        // the group's provinces are current (else ended)
	Localities []*model.Locality
	tiled      map[*model.Locality]bool // shown on the grid: ranked as "—" without a figure
}

// Name is the group's name in f's language: its grid's, else "current provinces" or
// "former provinces".
func (g RankGroup) Name(f Format) string {
	switch {
	case g.Grid != nil:
		return g.Grid.Name.In(f.Code)
	case g.Current:
		return f.TS("ranking.group.current")
	}
	return f.TS("ranking.group.former")
}

// RankGroups are the site's rankings' groups: one per grid, in the site's order, then
// the current and the former provinces no grid of their time holds.
func RankGroups(s *model.Site) []RankGroup {
	groups := make([]RankGroup, len(s.Grids))
	tiled := map[*model.Locality]bool{}
	for i, g := range s.Grids {
		groups[i] = RankGroup{Grid: g, Current: g.Current(), tiled: map[*model.Locality]bool{}}
		for _, t := range g.Tiles {
			groups[i].Localities = append(groups[i].Localities, t.Locality)
			groups[i].tiled[t.Locality], tiled[t.Locality] = true, true
		}
	}
	extra := [2]RankGroup{{Current: true}, {Current: false}}
	for _, l := range s.Provinces() {
		if tiled[l] {
			continue
		}
		i := slices.IndexFunc(groups, func(g RankGroup) bool { return g.Current == !l.Ended() })
		if i < 0 {
			e := &extra[boolIndex(l.Ended())]
			e.Localities = append(e.Localities, l)
			continue
		}
		groups[i].Localities = append(groups[i].Localities, l)
	}
	for _, e := range extra {
		if len(e.Localities) > 0 {
			groups = append(groups, e)
		}
	}
	return groups
}

func boolIndex(b bool) int {
	if b {
		return 1
	}
	return 0
}

func rankingLinks(f Format, s *model.Site, cur *model.Indicator, url URLs) []NavLink {
	var out []NavLink
	for _, ind := range s.Indicators {
		out = append(out, NavLink{Label: f.Short(ind), URL: url(routes.Ranking(ind.ID)), Current: ind == cur})
	}
	return out
}
