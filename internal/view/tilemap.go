package view

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/routes"
)

// URLs turns a route of the page's language into a site path (routes.Base.URL for one
// language); views build every link with it.
type URLs func(route string) string

// Steps is how many colours a map's scale has.
const Steps = 5

// TileMap is a tile-grid map of one indicator's latest figures over a grid's localities,
// with its legend and the same figures as a table.
type TileMap struct {
	ID         string // unique on its page: "map-0-rate"
	Title      string // "BHYT: tỷ lệ bao phủ"
	Grid       string // the grid's name
	Note       string // the date of the figures, or that their dates differ
	MixedDates bool
	Rows, Cols int
	Class      string // the grid's width: "tilemap tilemap--c6"
	Tiles      []MapTile
	Legend     []LegendStep
	Table      Table
	Empty      bool // no tile has a figure
	// Embed is the map's embed code (none on the embed page itself); Target is "_blank"
	// on an embed page, whose tiles open the site in a new tab.
	Embed  EmbedCode
	Target string
	Level  int // the title's heading level: 3 under a page's section, 2 on an embed page
}

// WithEmbed gives the map its embed page at route (routes.Embed), whose address is
// abs (absolute when the site knows its origin; map.js makes a path absolute).
func (tm TileMap) WithEmbed(f Format, abs string) TileMap {
	tm.Embed = NewEmbedCode(f, tm.ID, abs, tm.Title+" — "+tm.Grid, 720)
	return tm
}

// MapTile is one locality's tile.
type MapTile struct {
	Name  string
	URL   string
	Label string // the accessible name: "Cần Thơ: BHYT 96,11 % dân số, 30/6/2025"
	Value string // "96,11 %", or "—"
	Date  string
	Class string // place and colour: "tm-r3 tm-c5 tm-s2", "tm-r1 tm-c2 tm-none"
	Row   int
	Col   int
	Stale bool // older than the map's newest figure
	// Parts are the link's text: the name, value and date shown, and between them the
	// words only a screen reader reads, so that the accessible name is Label and holds
	// the visible text (WCAG 2.5.3).
	Parts []Part
}

// Part is a piece of a tile's text; Class is "" for words that are only read aloud.
type Part struct {
	Text  string
	Class string
}

// parts splits label around the visible pieces, in order; a piece not found in the
// label is shown but hidden from screen readers.
func parts(label string, shown ...Part) []Part {
	var out []Part
	rest := label
	for _, p := range shown {
		i := strings.Index(rest, p.Text)
		if i < 0 || p.Text == "" {
			continue
		}
		if i > 0 {
			out = append(out, Part{Text: rest[:i]})
		}
		out = append(out, p)
		rest = rest[i+len(p.Text):]
	}
	if rest != "" {
		out = append(out, Part{Text: rest})
	}
	return out
}

// LegendStep is one colour of the scale, or "no data".
type LegendStep struct {
	Class string
	Label string
}

// Table is a data table: a caption, column headers and rows of cells.
type Table struct {
	Caption string
	Head    []string
	Rows    []TableRow
	Ranked  bool // the first column is each row's rank
}

// TableRow is a row: its header cell (a locality) and its cells.
type TableRow struct {
	Name   string
	URL    string
	Cells  []string
	Source string // the source's title
	// SourceLang is Source's language when not the page's: a publisher, or a title the
	// data gives in Vietnamese only, on an English page
	SourceLang string
	SrcURL     string // the source's own address, or the locality page
	Stale      bool
	Rank       string
}

// NewTileMap computes the map of ind's figures by m over grid g; id tells maps on one
// page apart.
func NewTileMap(f Format, s *model.Site, g *model.Grid, ind *model.Indicator, m Measure, id string, url URLs) TileMap {
	top, left := g.Rows, g.Cols // a site's few provinces keep their places, without the empty rows above
	for _, t := range g.Tiles {
		top, left = min(top, t.Row), min(left, t.Col)
	}
	tm := TileMap{
		ID: id, Grid: g.Name.In(f.Code), Rows: g.Rows - top + 1, Cols: g.Cols - left + 1,
		Title: f.TS("map.title."+m.Key(), f.Short(ind)), Level: 3,
	}
	tm.Class = fmt.Sprintf("tilemap tilemap--c%d", tm.Cols)
	figs := make([]Figure, len(g.Tiles))
	for i, t := range g.Tiles {
		figs[i] = FigureOf(s, t.Locality, ind, m)
	}
	latest := Latest(figs)
	scale := newScale(figs)
	tm.Empty = latest.IsZero()
	for i, t := range g.Tiles {
		t.Row, t.Col = t.Row-top+1, t.Col-left+1
		tm.Tiles = append(tm.Tiles, newTile(f, ind, m, t, figs[i], latest, scale, url))
		if fig := figs[i]; fig.Known() && fig.Result.AsOf != latest {
			tm.MixedDates = true
		}
	}
	switch {
	case tm.Empty:
		tm.Note = f.TS("map.no_data_at_all", f.Short(ind))
	case tm.MixedDates:
		tm.Note = f.TS("map.mixed_dates", f.Date(latest))
	default:
		tm.Note = f.TS("map.date", f.Date(latest))
	}
	tm.Legend = scale.legend(f)
	tm.Table = figureTable(f, ind, m, ranked(figs, ind), latest, url, tm.Title+" — "+tm.Grid)
	return tm
}

// Known counts the tiles with a figure.
func (tm TileMap) Known() int {
	n := 0
	for _, t := range tm.Tiles {
		if t.Date != "" {
			n++
		}
	}
	return n
}

func newTile(f Format, ind *model.Indicator, m Measure, t model.Tile, fig Figure, latest date.Date, sc scale, url URLs) MapTile {
	name := f.Name(t.Locality)
	mt := MapTile{Name: name, URL: url(routes.Locality(t.Locality.ID)), Row: t.Row, Col: t.Col, Value: "—"}
	place := fmt.Sprintf("tm-r%d tm-c%d", t.Row, t.Col)
	if !fig.Known() {
		mt.Class = place + " tm-none"
		mt.Label = f.TS("map.tile_none", name, f.Short(ind))
		mt.Parts = append(parts(mt.Label, Part{Text: name, Class: "tm-tile__name"}), Part{Text: " "}, Part{Text: "—", Class: "tm-tile__value"})
		return mt
	}
	mt.Value = f.Pct(fig.Value)
	mt.Date = f.Date(fig.Result.AsOf)
	mt.Stale = fig.Result.AsOf.Before(latest)
	mt.Class = place + " tm-s" + strconv.Itoa(sc.step(fig.Value.V))
	mt.Label = name + ": " + Describe(f, ind, m, fig)
	if mt.Stale {
		mt.Class += " tm-stale"
		mt.Label += " (" + f.TS("map.older") + ")"
	}
	mt.Parts = parts(mt.Label, Part{Text: name, Class: "tm-tile__name"}, Part{Text: mt.Value, Class: "tm-tile__value"}, Part{Text: mt.Date, Class: "tm-tile__date"})
	return mt
}

// Describe says a figure in words, for an accessible name or a card: "BHYT 96,11 % dân
// số, 30/6/2025", "BHYT 85,3 % kế hoạch, 30/6/2025".
func Describe(f Format, ind *model.Indicator, m Measure, fig Figure) string {
	what := f.Short(ind) + " " + f.Pct(fig.Value)
	if m == Share {
		what = f.Short(ind) + " " + f.TS("map.of_plan", f.Pct(fig.Value))
	} else if base := f.Base(ind.Base); base != "" {
		what += " " + base
	}
	return what + ", " + f.Date(fig.Result.AsOf)
}

// figureTable lists figures as a map's or a ranking's table: locality, value, date, source.
func figureTable(f Format, ind *model.Indicator, m Measure, figs []Figure, latest date.Date, url URLs, caption string) Table {
	t := Table{Caption: caption, Head: []string{f.TS("col.province"), f.TS("map.col." + m.Key()), f.TS("col.asof"), f.TS("col.source")}}
	for _, fig := range figs {
		row := TableRow{Name: f.Name(fig.Locality), URL: url(routes.Locality(fig.Locality.ID))}
		if !fig.Known() {
			row.Cells = []string{"—", ""}
			t.Rows = append(t.Rows, row)
			continue
		}
		row.Cells = []string{f.Pct(fig.Value), f.Date(fig.Result.AsOf)}
		row.Stale = fig.Result.AsOf.Before(latest)
		named := sourceNamed(f, fig.Result.Source)
		row.Source, row.SourceLang = named.Text, named.Lang
		row.SrcURL = fig.Result.Source.URL
		if row.SrcURL == "" {
			row.SrcURL = row.URL + "#nguon" // the locality page lists its sources
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// scale maps values to Steps equal classes between the smallest and largest value,
// rounded outward to whole percents. A map whose figures are all one value has no scale:
// one class, the middle one, labelled with that value (one, when set).
type scale struct {
	lo, hi float64
	one    *Figure
}

func newScale(figs []Figure) scale {
	sc := scale{lo: math.Inf(1), hi: math.Inf(-1)}
	for i, f := range figs {
		if f.Known() {
			sc.lo, sc.hi = min(sc.lo, f.Value.V), max(sc.hi, f.Value.V)
			if sc.one == nil {
				sc.one = &figs[i]
			}
		}
	}
	if math.IsInf(sc.lo, 0) {
		return scale{lo: 0, hi: 100}
	}
	if sc.lo < sc.hi {
		sc.one = nil
	}
	sc.lo, sc.hi = math.Floor(sc.lo), math.Ceil(sc.hi)
	if sc.hi-sc.lo < Steps {
		sc.hi = sc.lo + Steps // at least one percent per step
	}
	return sc
}

// oneStep is the class of every figure of a map of one value: the middle one.
const oneStep = (Steps + 1) / 2

// step is the class of v, 1 (lowest) to Steps.
func (sc scale) step(v float64) int {
	if sc.one != nil {
		return oneStep
	}
	s := 1 + int((v-sc.lo)/(sc.hi-sc.lo)*Steps)
	return min(max(s, 1), Steps)
}

func (sc scale) legend(f Format) []LegendStep {
	var out []LegendStep
	if sc.one != nil {
		out = append(out, LegendStep{Class: "tm-s" + strconv.Itoa(oneStep), Label: f.Pct(sc.one.Value)})
		return append(out, LegendStep{Class: "tm-none", Label: f.TS("map.no_data")})
	}
	w := (sc.hi - sc.lo) / Steps
	for i := range Steps {
		from, to := sc.lo+float64(i)*w, sc.lo+float64(i+1)*w
		out = append(out, LegendStep{Class: "tm-s" + strconv.Itoa(i+1), Label: f.Number(from, 1) + "–" + f.PercentUpTo(to, 1)})
	}
	return append(out, LegendStep{Class: "tm-none", Label: f.TS("map.no_data")})
}

// sourceName cites a source in a table cell: its publisher and date, else its title; in
// English its English title, when it has one (publishers are named in Vietnamese only).
func sourceName(f Format, src *model.Source) string {
	if src.Publisher == "" || f.Code == "en" && src.Title.EN != "" {
		return src.Title.In(f.Code)
	}
	if src.Published.IsZero() {
		return src.Publisher
	}
	return src.Publisher + ", " + f.Date(src.Published)
}
