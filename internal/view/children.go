package view

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/routes"
)

// ChildRanking ranks a locality's children (a province's communes) by their share of
// target for one indicator: a sorted bar chart and a table of the same figures, each
// result with its date (an older one flagged) and, when they differ, its source, and a
// credit naming the sources and dates of the figures ranked. A locality page shows it
// (the templ component childRanking; partials/childranking.html for a site's own layout)
// with its embed code: the charts' embed page draws it alone from the page (EmbedCode).
type ChildRanking struct {
	ID      string
	Title   string
	Note    string // the target's period, and the dates of the results
	Bars    []Bar  // best first; the children with a figure
	Table   Table  // every child, those without a figure last
	Height  int    // of the bar chart's SVG, in pixels
	Caption string
	Credit  Line // "Nguồn: kết quả — …; chỉ tiêu — … · số liệu đến 30/6/2025"
	// BySource: the results ranked come from more than one source, so the table names
	// each row's (its last column); otherwise the credit names the one source.
	BySource bool
	Embed    EmbedCode
}

// Bar is one child's bar: Width is its share of target in percent of the chart's scale
// (0–100), for an SVG rect, which a Content-Security-Policy without inline styles allows.
type Bar struct {
	Name string
	// Lines are Name on lines of its own when it is too long for the names' room on a
	// 360 px phone ("Phường Nguyễn Thái Bình (Thành phố Hồ Chí Minh)"), each with its
	// baseline; nil when it fits on one, at TextY.
	Lines  []BarLine
	URL    string
	Value  string // "96,2 %"
	Width  float64
	Y      int     // top of the bar
	TextY  int     // baseline of its labels
	X      float64 // where the bar starts, in percent of the width
	ValueX float64 // where its value is written, in percent
	Met    bool    // at or past the target
}

// BarLine is one line of a long name beside its bar.
type BarLine struct {
	Text string
	Y    int // its baseline
}

// Bar chart geometry, in SVG user units (the chart scales to its container).
const (
	barRow   = 28
	barTop   = 8
	barLabel = 40 // percent of the width given to names, at least
	// maxBarLabel is the most a long name gets ("Tran Van Thoi Commune"), and nameWidth
	// the width of one of its characters in percent of a 360 px phone's chart (328 px):
	// 13 px text is some 7.8 px a character. A name longer than the names' room is
	// written on more lines, each barLine below the one before.
	maxBarLabel = 50
	nameWidth   = 7.8 / 328 * 100
	barLine     = 15
	// barValue is the percent of the width kept right of the longest bar for its value:
	// "108,2 %" is some 55 px of 13 px text, 18 % of a 390 px phone's chart (a new user
	// saw "108,2" cut off with 12 %).
	barValue = 19
)

// NewChildRanking ranks l's children on ind: each child's latest result against its own
// target for the period covering it. It returns nil when fewer than two children have
// a share of target.
func NewChildRanking(f Format, s *model.Site, l *model.Locality, ind *model.Indicator, url URLs) *ChildRanking {
	rows, known := rankedShares(s, l, ind)
	if known < 2 {
		return nil
	}
	return rankChildren(f, ind, rows, known, url)
}

// rankedShares are l's children's shares of target on ind (childShares) in the order a
// ranking lists them, and how many are known; unsorted when fewer than two are.
func rankedShares(s *model.Site, l *model.Locality, ind *model.Indicator) (rows []shareRow, known int) {
	rows, known = childShares(s, l, ind)
	if known < 2 {
		return rows, known
	}
	slices.SortStableFunc(rows, func(a, b shareRow) int {
		if a.share.Known != b.share.Known {
			if a.share.Known {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(b.share.V, a.share.V), cmp.Compare(a.loc.ID, b.loc.ID))
	})
	return rows, known
}

// rankChildren is the ranking of the children of rows (rankedShares) on ind, known of them
// with a share; it only reads rows, which a locality's pages in every language share.
func rankChildren(f Format, ind *model.Indicator, rows []shareRow, known int, url URLs) *ChildRanking {
	top := 100.0
	for _, r := range rows {
		if r.share.Known {
			top = math.Max(top, r.share.V)
		}
	}
	cr := &ChildRanking{
		ID:    "xep-hang-" + ind.ID,
		Title: f.TS("children.title", f.Short(ind)),
	}
	ranked := make([]*model.Progress, 0, known) // pointed to: a Progress is ~300 bytes
	for _, r := range rows {
		if r.share.Known {
			ranked = append(ranked, r.p)
		}
	}
	newest, oldest := dateSpan(ranked)
	cr.BySource = len(resultSources(ranked)) > 1
	cr.Table = Table{Caption: cr.Title, Ranked: true, Head: []string{
		f.TS("ranking.rank"), f.TS("col.unit"), f.TS("col.result"), f.TS("col.target"), f.TS("map.col.share"), f.TS("col.asof"),
	}}
	if cr.BySource {
		cr.Table.Head = append(cr.Table.Head, f.TS("col.source"))
	}
	label := float64(barLabel)
	for _, r := range rows {
		if r.share.Known {
			label = max(label, math.Ceil(float64(utf8.RuneCountInString(rankedName(f, r.loc)))*nameWidth))
		}
	}
	label = min(label, maxBarLabel)
	cr.Table.Rows, cr.Bars = make([]TableRow, 0, len(rows)), make([]Bar, 0, known)
	cells := make([]string, 4*len(rows)) // every row's four cells in one array
	rank := 0
	for i, r := range rows {
		tr := TableRow{Name: rankedName(f, r.loc), URL: url(routes.Locality(r.loc.ID)), Cells: cells[4*i : 4*i+4 : 4*i+4]}
		if !r.share.Known {
			copy(tr.Cells, []string{"—", "—", "—", ""})
			cr.Table.Rows = append(cr.Table.Rows, tr)
			continue
		}
		rank++
		tr.Rank = f.Int(rank)
		pct := f.PercentUpTo(r.share.V, 1)
		res := r.p.Result
		tr.Cells[0], tr.Cells[1], tr.Cells[2], tr.Cells[3] = f.Value(ind, r.p.Value), f.Value(ind, r.p.Goal), pct, f.Date(res.AsOf)
		tr.Stale = res.AsOf.Before(newest)
		if cr.BySource {
			named := sourceNamed(f, res.Source)
			tr.Source, tr.SourceLang, tr.SrcURL = named.Text, named.Lang, res.Source.URL
			if tr.SrcURL == "" {
				tr.SrcURL = tr.URL + "#nguon" // the child's page lists its sources
			}
		}
		cr.Table.Rows = append(cr.Table.Rows, tr)
		b := Bar{
			Name: tr.Name, URL: tr.URL, Value: pct, X: label,
			Width: math.Round(r.share.V/top*(100-label-barValue)*10) / 10, Met: r.share.V >= 100,
		}
		if words := wrapName(b.Name, int(label/nameWidth)); len(words) > 1 {
			b.Lines = make([]BarLine, len(words))
			for i, w := range words {
				b.Lines[i].Text = w
			}
		}
		b.ValueX = b.X + b.Width + 1
		cr.Bars = append(cr.Bars, b)
		if cr.Note == "" {
			cr.Note = f.TS("children.note", f.Period(r.p.Target.Period))
		}
	}
	cr.Height = layBars(cr.Bars)
	cr.Caption = cr.Title + " " + cr.Note // the note is in brackets
	cr.Credit = rankingCredit(f, ranked, newest, oldest)
	return cr
}

// layBars places bars one below the other, best first, and returns the chart's height: a
// bar of a name on n lines takes n-1 lines more, the bar in their middle.
func layBars(bars []Bar) (height int) {
	top := barTop
	for i := range bars {
		b := &bars[i]
		extra := max(len(b.Lines)-1, 0) * barLine
		b.Y = top + extra/2
		b.TextY = b.Y + 15
		for k := range b.Lines {
			b.Lines[k].Y = b.TextY - extra/2 + k*barLine
		}
		top += barRow + extra
	}
	return top + barTop
}

// wrapName cuts a name into lines of at most room characters, between words (a word
// longer than room stands alone on its line); a name that fits is one line, and one whose
// words in brackets fit on a line after the rest is cut there: "Cần Thơ" over "(đến
// 30/6/2025)".
func wrapName(name string, room int) []string {
	if utf8.RuneCountInString(name) <= room {
		return []string{name}
	}
	if before, after, ok := strings.Cut(name, " ("); ok && utf8.RuneCountInString(before) <= room && utf8.RuneCountInString(after)+1 <= room {
		return []string{before, "(" + after}
	}
	var lines []string
	line := ""
	for _, w := range strings.Fields(name) {
		switch {
		case line == "":
			line = w
		case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(w) <= room:
			line += " " + w
		default:
			lines = append(lines, line)
			line = w
		}
	}
	return append(lines, line)
}

// rankedName is a child's name in a ranking: with the day it ended, when it has ("Cần
// Thơ (đến 30/6/2025)"), so a province merged on 1/7/2025 is not taken for the new one of
// the same name ranked beside it.
func rankedName(f Format, l *model.Locality) string {
	if !l.Ended() {
		return f.Name(l)
	}
	var buf [128]byte
	return string(append(f.AppendT(append(append(buf[:0], f.Name(l)...), " ("...), "ended_short", f.Date(l.Until)), ')'))
}

// shareRow is one child's share of target for an indicator: its latest result against its
// own target for the period covering it; share unknown (p nil) when it has none.
type shareRow struct {
	loc   *model.Locality
	share model.Num
	p     *model.Progress // in childShares' one slice: the rows sort as small values
}

// childShares are l's children's shares of target on ind, in l's order, and how many are
// known.
func childShares(s *model.Site, l *model.Locality, ind *model.Indicator) (rows []shareRow, known int) {
	rows = make([]shareRow, len(l.Children))
	progress := make([]model.Progress, len(l.Children))
	for i, c := range l.Children {
		rows[i].loc = c
		if p, ok := childShare(s, c, ind); ok {
			progress[i] = p
			rows[i].share, rows[i].p = p.Share, &progress[i]
			known++
		}
	}
	return rows, known
}

// childShare is c's latest result on ind against its own target for the period covering
// it; false when it has none or its share is unknown.
func childShare(s *model.Site, c *model.Locality, ind *model.Indicator) (model.Progress, bool) {
	res := s.LatestResult(c, ind)
	if res == nil {
		return model.Progress{}, false
	}
	for _, t := range s.TargetsFor(c, ind) {
		if res.AsOf.Before(t.Period.Start) || res.AsOf.After(t.Deadline) {
			continue
		}
		if p := s.Assess(t); p.Share.Known {
			return p, true
		}
	}
	return model.Progress{}, false
}

// ranksChildren reports whether ind ranks l's children: two of them or more have a share
// of target (NewChildRanking is not nil). It stops at the second.
func ranksChildren(s *model.Site, l *model.Locality, ind *model.Indicator) bool {
	known := 0
	for _, c := range l.Children {
		if _, ok := childShare(s, c, ind); ok {
			if known++; known == 2 {
				return true
			}
		}
	}
	return false
}

// Most sources and plans a ranking's credit names (the table names each row's source
// when they differ).
const (
	creditSources = 3
	creditPlans   = 2
)

// rankingCredit names the sources of the ranked figures: the results' sources (with
// their dates of publication, newest first) and the plans that set the targets, then the
// date of the results, or, when they differ, their span and that an older one is marked
// with * in the table (as the provinces' ranking marks it).
func rankingCredit(f Format, ranked []*model.Progress, newest, oldest date.Date) Line {
	sources := resultSources(ranked)
	var plans []*model.Plan
	for _, p := range ranked {
		if !slices.Contains(plans, p.Target.Plan) {
			plans = append(plans, p.Target.Plan)
		}
	}
	results := make([]Line, len(sources))
	for i, s := range sources {
		results[i] = Line{sourceNamed(f, s)}
	}
	targets := make([]Line, len(plans))
	for i, p := range plans {
		targets[i] = Line{{Text: f.PlanName(p), Lang: PlanNameLang(p, f.Code)}, text(" ("), {Text: f.Issuer(p), Lang: IssuerLang(p, f.Code)}, text(")")}
	}
	credit := lineT(f, "children.credit", linesUpTo(f, results, creditSources), linesUpTo(f, targets, creditPlans))
	if oldest.Before(newest) {
		return append(credit, text(" · "+f.TS("children.credit.mixed", f.Date(oldest), f.Date(newest))))
	}
	return append(credit, text(" · "+f.TS("embed.asof", f.Date(newest))))
}

// resultSources are the sources of the results ranked, newest first.
func resultSources(ranked []*model.Progress) []*model.Source {
	var sources []*model.Source
	for _, p := range ranked {
		if !slices.Contains(sources, p.Result.Source) {
			sources = append(sources, p.Result.Source)
		}
	}
	slices.SortStableFunc(sources, func(a, b *model.Source) int { return b.Published.Compare(a.Published) })
	return sources
}

// linesUpTo joins the first n names, saying how many more there are.
func linesUpTo(f Format, names []Line, n int) Line {
	var out Line
	for i, name := range names[:min(n, len(names))] {
		if i > 0 {
			out = append(out, text("; "))
		}
		out = append(out, name...)
	}
	if len(names) > n {
		out = append(out, text(" "+f.T("children.credit.more", len(names)-n)))
	}
	return out
}

// dateSpan is the newest and oldest date of the results ranked.
func dateSpan(ranked []*model.Progress) (newest, oldest date.Date) {
	for i, p := range ranked {
		d := p.Result.AsOf
		if i == 0 || d.After(newest) {
			newest = d
		}
		if i == 0 || d.Before(oldest) {
			oldest = d
		}
	}
	return newest, oldest
}

// WithEmbed gives the ranking its embed, on the page at route: the charts' embed page
// names the page and the ranking (routes.ChartEmbedOf), draws the ranking alone from it
// and links back to it there; abs makes the address absolute when the site knows its
// origin.
func (cr ChildRanking) WithEmbed(f Format, route string, abs URLs) ChildRanking {
	// The iframe's height: the title, the bars, a row of the table each (about 40
	// pixels on a phone) and the credit.
	height := 200 + cr.Height + 40*(len(cr.Table.Rows)+1)
	cr.Embed = NewEmbedCode(f, cr.ID, abs(routes.ChartEmbedOf(route, cr.ID)), cr.Title, height)
	return cr
}
