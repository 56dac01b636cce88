package view

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/model"
)

// Chart is a figure: the ECharts option for charts.js, and a table with the same numbers.
type Chart struct {
	ID       string // "chart-1"; the data island is ID+"-data"
	Title    string
	Note     string
	Category string // the head of the table's first column, what a row is: "Ngày", "Năm", "Đơn vị"
	// Option is the chart's own part of its ECharts option as JSON (encoding/json escapes
	// <, > and &): its kind, whose skeleton is the site's ChartKit, and its axis's name.
	// When the site computed some figures, its "computed" says how, by series: null for a
	// series of documents' figures only, by point ("" for a document's figure), or the
	// number of the note under the table whose words are said of every cell of the
	// series' column the table marks (sums of columns in the same row, ChartNote.Shared):
	// charts.js takes it out and shows it in the tooltips.
	Option  string
	Columns []string
	Rows    [][]string // the first cell of a row is its category
	// Notes say, under the table, how the site computed the marked cells: one note per
	// series and way of computing, naming each cell's figures or, for sums of the chart's
	// own columns, the columns.
	Notes []ChartNote
	// Marks says, by row and series, whether the site computed a table cell; the cell
	// carries the sign through CSS, so it still reads as a number.
	Marks [][]bool
	// Credit names where the figures the chart draws come from, and their date
	// (chartCredit): an embed and an export carry it. Option holds it when it is not the
	// page's (LocalityPage.ChartCredit).
	Credit string
	// CreditVI are the names in Credit an English page gives in Vietnamese for want of
	// English (a publisher, an issuer or title without English): the embed marks them
	// lang="vi"; nil on a Vietnamese page.
	CreditVI []string
}

// ChartNote is a note under a chart's table: Lead names the series ("∑ BHXH: "), Words say
// how the site computed its marked cells. When Shared, the tooltips of the series' marked
// figures say the same words, read from the note (its option's "computed" gives the note's
// number).
type ChartNote struct {
	Lead, Words string
	Shared      bool
}

// Text is the note as it reads.
func (n ChartNote) Text() string { return n.Lead + n.Words }

// Marked reports whether the site computed the table's cell at row r, series s.
func (c Chart) Marked(r, s int) bool {
	return r < len(c.Marks) && s < len(c.Marks[r]) && c.Marks[r][s]
}

// chart is what a figure shows: categories along one axis and one or more series.
type chart struct {
	title, note, axis string
	category          string // the head of the table's first column: what a row is ("Ngày", "Đơn vị")
	line              bool   // a line chart; else bars
	categories        []string
	series            []series
	// rates says the data table's cells are rates as given (appendPctAsGiven); else they are
	// counts of people, whole (appendCell). A flag, not a func value: a buffer handed to a
	// func value escapes, and the tables' room on the stack went to the heap with it.
	rates bool
	from  chartFrom // the documents of the figures drawn, for its credit
	// single: the legend shows one series at a time, on a value axis of its own scale
	// (ECharts' legend selectedMode "single"): series of different sizes, each readable.
	single bool
}

type series struct {
	name   string
	values []model.Num
	// calcs is how the site computed each value, zero when a document gives it; nil for
	// none. Their words (calcWords, with ind's figures) are made only where a note or a
	// tooltip says them: a sum of columns in the same row is said once for the column.
	calcs []model.Calc
	ind   *model.Indicator
	parts []string // the series it is the sum of, by name (model.Indicator.SumOf); nil for none
	// note is, when every computed value is the sum of its parts' columns in the same row
	// (sumOfColumns), the number (from 1) of the chart's note that says so once, for the
	// table and the tooltips; 0 otherwise.
	note int
}

// localityCharts builds a locality page's charts: results over time, rate targets by year,
// and the children compared. How far each target is reached is the meter on its card.
// chartIDs are the ids of a locality page's charts' elements, in their order.
var chartIDs = [...]string{"chart-1", "chart-2", "chart-3"}

func (c *Context) localityCharts(core *localityCore) []Chart {
	all := [len(chartIDs)]chart{
		c.resultsOverTime(core.results),
		c.rateTargetsByYear(core.rates),
		c.childrenCompared(core.table),
	}
	n := 0 // the charts drawn (a Chart is 192 bytes; most communes draw one)
	for i := range all {
		if len(all[i].series) > 0 && len(all[i].categories) > 0 {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]Chart, 0, n)
	for _, ch := range all {
		if len(ch.series) == 0 || len(ch.categories) == 0 {
			continue
		}
		v, err := c.chartView(ch, chartIDs[len(out)])
		if err != nil {
			continue // a chart encoding/json cannot write is left out; its table is the figures
		}
		v.Credit, v.CreditVI = chartCredit(c.F, ch.from)
		out = append(out, v)
	}
	return out
}

// chartView is ch as a page shows it, its element's id id. It numbers the notes of ch's
// series in place (series.note): every chart's series are made for its page alone.
func (c *Context) chartView(ch chart, id string) (Chart, error) {
	var notes []ChartNote
	for i := range ch.series {
		s := &ch.series[i]
		if words := c.sumOfColumns(ch, *s); words != "" {
			notes = append(notes, ChartNote{Lead: CalcMark + " " + s.name + ": ", Words: words, Shared: true})
			s.note = len(notes)
			continue
		}
		notes = append(notes, c.seriesNotes(*s, ch.categories)...)
	}
	option, err := ch.option(c.chartComputed(ch))
	if err != nil {
		return Chart{}, err
	}
	v := Chart{ID: id, Title: ch.title, Note: ch.note, Option: option, Notes: notes, Category: ch.category}
	// the columns' names and the rows' cells in one array, the marks in another, a row a
	// slice of them; the values' texts are parts of one string
	n, width := len(ch.categories), len(ch.series)
	names := make([]string, width, width+n*(width+1))
	for i, s := range ch.series {
		names[i] = s.name
	}
	v.Columns = names[:width:width]
	var room [1024]byte // a locality's charts' tables fit: the string is then their one allocation
	text := room[:0]
	var endRoom [128]int // where each value's text ends: on the stack for a locality's tables
	ends := endRoom[:0]
	for i := range ch.categories {
		for _, s := range ch.series {
			text = c.appendCell(text, ch.rates, s.values[i])
			ends = append(ends, len(text))
		}
	}
	all, at := string(text), 0
	cells, marks := names[width:width], make([]bool, n*width)
	v.Rows, v.Marks = make([][]string, n), make([][]bool, n)
	for i, cat := range ch.categories {
		start := len(cells)
		cells = append(cells, cat)
		for j, s := range ch.series {
			marks[i*width+j] = s.computedAt(i)
			end := ends[i*width+j]
			cells = append(cells, all[at:end])
			at = end
		}
		v.Rows[i] = cells[start:len(cells):len(cells)]
		v.Marks[i] = marks[i*width : (i+1)*width : (i+1)*width]
	}
	return v, nil
}

// sumOfColumns says how the site computed a series whose every computed value is the sum
// of its parts' values in the same row, when its parts are series of the chart: the table
// (and the tooltip) shows the figures added up, so the words name the columns — "Số do
// trang tính: tổng các thành phần, BHXH bắt buộc + BHXH tự nguyện (cùng hàng)"; the note
// under the table is "∑ BHXH: " and these words. "" otherwise.
func (c *Context) sumOfColumns(ch chart, s series) string {
	if len(s.parts) == 0 {
		return ""
	}
	var partRoom [8]series
	parts := partRoom[:0]
	for _, name := range s.parts {
		i := slices.IndexFunc(ch.series, func(o series) bool { return o.name == name })
		if i < 0 {
			return ""
		}
		parts = append(parts, ch.series[i])
	}
	computed := false
	for i := range s.values {
		if !s.computedAt(i) {
			continue
		}
		computed = true
		calc := s.calc(i)
		if calc.How != model.SumOfParts || len(calc.Inputs) != len(parts) {
			return ""
		}
		for k, p := range parts {
			if in, v := calc.Inputs[k], p.values[i]; !in.Known || !v.Known || in.V != v.V {
				return ""
			}
		}
	}
	if !computed {
		return ""
	}
	return c.F.TS("calc."+string(model.SumOfParts), strings.Join(s.parts, " + ")) + " " + c.F.TS("chart.same_row")
}

// calc is how the site computed the series' i-th value, zero when a document gives it.
func (s series) calc(i int) model.Calc {
	if i < len(s.calcs) {
		return s.calcs[i]
	}
	return model.Calc{}
}

// computedAt reports whether the series' i-th value is a figure the site computed.
func (s series) computedAt(i int) bool { return s.values[i].Known && s.calc(i).Computed() }

// seriesNotes say how the site computed the series' values, a note per way of computing,
// with each value's figures: "∑ BHXH: Số do trang tính: tổng các thành phần — 30/6/2021:
// 1.277 + 80; 31/12/2021: 1.396 + 88".
func (c *Context) seriesNotes(s series, categories []string) []ChartNote {
	var hows []string
	var cells map[string][]string
	for i, cat := range categories {
		if !s.computedAt(i) {
			continue
		}
		if cells == nil {
			cells = map[string][]string{}
		}
		w := c.calcWords(s.ind, s.calc(i))
		if _, ok := cells[w.How]; !ok {
			hows = append(hows, w.How)
		}
		cells[w.How] = append(cells[w.How], cat+": "+w.Formula)
	}
	var out []ChartNote
	for _, how := range hows {
		out = append(out, ChartNote{Lead: CalcMark + " " + s.name + ": ", Words: how + " — " + strings.Join(cells[how], "; ")})
	}
	return out
}

// appendCell appends a value of a chart's table: a rate as given, or a count of people,
// whole, as Num writes it.
func (c *Context) appendCell(b []byte, rates bool, n model.Num) []byte {
	if rates {
		return c.F.appendPctAsGiven(b, n)
	}
	return c.F.appendNum(b, model.Num{V: n.V, Known: n.Known})
}

// chartPoint is a point of a line of results over time (resultPointsOf): a date once per
// line (the last value given for it, as a map would keep), naming its result and whether
// it is the value the result's change implies at its start; its value and how it was
// computed are read from the result for the points kept only.
type chartPoint struct {
	on   date.Date
	base bool          // the result's baseline (model.ChangeBaseline), not its value
	res  *model.Result // whose figure it is, for the chart's credit
}

// scratchPoints are the points and dates of a locality of many results, worked in and
// left (resultPointsOf): what they point to is the site's, alive with it.
type scratchPoints struct {
	points []chartPoint
	dates  []date.Date
}

// grow makes room for n points and dates.
func (s *scratchPoints) grow(n int) {
	if cap(s.points) < n {
		s.points, s.dates = make([]chartPoint, 0, n), make([]date.Date, 0, n)
	}
}

// chartScratch keeps the scratch of the pages before for the pages after.
var chartScratch = sync.Pool{New: func() any { return new(scratchPoints) }}

// resultPoints are what a locality's chart of results over time draws, in no language: a
// line per people indicator with at least two dated values, including the value a reported
// change implies at its start date, and each line's value at every date of any line.
type resultPoints struct {
	inds   []*model.Indicator // a line each, in indicator order
	dates  []date.Date        // every line's dates, oldest first, once
	values []model.Num        // by line, then date; unknown where the line has no point
	calcs  []model.Calc       // how the site computed each value, likewise; zero for a document's, nil when none is computed
	from   chartFrom          // the results drawn, for the chart's credit
}

// resultPointsOf finds the points of l's chart of results over time.
func (c *Context) resultPointsOf(l *model.Locality) resultPoints {
	var rp resultPoints
	type point = chartPoint
	type line struct {
		ind      *model.Indicator
		from, to int // its points in all
	}
	local := c.localOf(l)
	// every line's points in one array, each line's part as long as two points a result;
	// the lines and the dates on the stack unless many
	n, people := 0, 0
	for _, ind := range c.Site.Indicators {
		if ind.Unit == model.People {
			if rs := local.ResultsFor(ind); len(rs) > 0 {
				n, people = n+2*len(rs), people+1
			}
		}
	}
	var (
		pointRoom [64]point
		lineRoom  [16]line
		dateRoom  [64]date.Date
	)
	all, lines, dates := pointRoom[:0], lineRoom[:0], dateRoom[:0]
	if n > len(pointRoom) { // a province's or a city's: scratch reused from page to page
		s := chartScratch.Get().(*scratchPoints)
		defer chartScratch.Put(s)
		s.grow(n)
		all, dates = s.points[:0], s.dates[:0]
	}
	for _, ind := range c.Site.Indicators {
		if ind.Unit != model.People {
			continue
		}
		results := local.ResultsFor(ind)
		if len(results) == 0 {
			continue
		}
		from := len(all)
		pts := all[from : from : from+2*len(results)]
		all = all[:from+2*len(results)]
		set := func(on date.Date, base bool, res *model.Result) {
			p := point{on, base, res}
			for i := range pts {
				if pts[i].on == on {
					pts[i] = p
					return
				}
			}
			pts = append(pts, p)
		}
		for _, res := range results {
			if res.Value.Known {
				set(res.AsOf, false, res)
			}
			if model.BaselineFromChange(res).Known {
				set(res.ChangeSince, true, res)
			}
		}
		if len(pts) < 2 {
			continue
		}
		lines = append(lines, line{ind, from, from + len(pts)})
		for _, p := range pts {
			dates = append(dates, p.on)
			rp.from.result(p.res)
		}
	}
	slices.SortFunc(dates, date.Date.Compare)
	rp.dates = slices.Clone(slices.Compact(dates))
	at := func(pts []point, on date.Date) (model.Num, model.Calc) {
		for _, p := range pts {
			if p.on == on {
				if p.base {
					return model.ChangeBaseline(p.res)
				}
				return p.res.Value, p.res.Calc
			}
		}
		return model.Num{}, model.Calc{}
	}
	// the lines' values, and their calcs, each in one array; the calcs only when the site
	// computed a value (a Calc is 40 bytes, and most lines are the documents' figures)
	k := len(rp.dates)
	rp.inds = make([]*model.Indicator, len(lines))
	rp.values = make([]model.Num, len(lines)*k)
	for i, ln := range lines {
		rp.inds[i] = ln.ind
		for j, d := range rp.dates {
			v, calc := at(all[ln.from:ln.to], d)
			rp.values[i*k+j] = v
			if calc.Computed() && rp.calcs == nil {
				rp.calcs = make([]model.Calc, len(lines)*k)
			}
			if rp.calcs != nil {
				rp.calcs[i*k+j] = calc
			}
		}
	}
	return rp
}

// resultsOverTime draws the points of a locality's results over time (resultPointsOf).
func (c *Context) resultsOverTime(rp resultPoints) chart {
	f := c.F
	ch := chart{title: f.TS("chart.over_time"), category: f.TS("chart.category.date"), line: true, axis: f.TS("unit.people"), from: rp.from}
	ch.categories = make([]string, len(rp.dates))
	for i, d := range rp.dates {
		ch.categories[i] = f.Date(d)
	}
	k := len(rp.dates)
	ch.series = make([]series, len(rp.inds))
	for i, ind := range rp.inds {
		ch.series[i] = series{name: f.Short(ind), values: rp.values[i*k : (i+1)*k : (i+1)*k]}
	}
	for i := range ch.series {
		// the figures of the first indicator of the series' name (as its name is all a
		// series has of its indicator)
		for j, ind := range rp.inds {
			if f.Short(ind) != ch.series[i].name {
				continue
			}
			ch.series[i].ind = ind
			if rp.calcs != nil {
				ch.series[i].calcs = rp.calcs[j*k : (j+1)*k : (j+1)*k]
			}
			if len(ind.SumOf) > 0 {
				ch.series[i].parts = make([]string, len(ind.SumOf))
				for j, part := range ind.SumOf {
					ch.series[i].parts[j] = f.Short(part)
				}
			}
			break
		}
	}
	return ch
}

// ratePoints are what a locality's chart of rate targets by year draws, in no language: the
// rate targets a plan sets for several periods (2021–2025), a line per indicator.
type ratePoints struct {
	periods []date.Period
	inds    []*model.Indicator // a line each, in indicator order
	values  [][]model.Num      // by line, then period; unknown where the line has none
	from    chartFrom          // the targets drawn, for the chart's credit
}

// ratePointsOf finds the points of l's chart of rate targets by year.
func (c *Context) ratePointsOf(l *model.Locality) ratePoints {
	var rp ratePoints
	// each indicator's line: the last value given for each period (as a map would keep),
	// a few periods per line, found by scanning; the lines' points and periods on the
	// stack for a locality of a few
	type point struct {
		period date.Period
		v      model.Num
		t      *model.Target // whose value it is, for the chart's credit
	}
	type line struct {
		ind      *model.Indicator
		from, to int // its points in all
	}
	var (
		pointRoom  [64]point
		lineRoom   [16]line
		periodRoom [64]date.Period
	)
	all, lines := pointRoom[:0], lineRoom[:0]
	local := c.localOf(l)
	for _, ind := range c.Site.Indicators {
		targets := local.TargetsFor(ind)
		if len(targets) < 2 {
			continue // a line needs two periods
		}
		from := len(all)
		for _, t := range targets {
			var v model.Num
			switch {
			case t.Rate.Known:
				v = t.Rate
			case ind.Unit == model.Percent && t.Value.Known && ind.Direction == model.HigherIsBetter:
				v = t.Value
			default:
				continue
			}
			if i := slices.IndexFunc(all[from:], func(p point) bool { return p.period == t.Period }); i >= 0 {
				all[from+i] = point{t.Period, v, t}
			} else {
				all = append(all, point{t.Period, v, t})
			}
		}
		if len(all)-from < 2 {
			all = all[:from]
			continue
		}
		for _, t := range targets { // the targets drawn, in their order
			if slices.ContainsFunc(all[from:], func(p point) bool { return p.t == t }) {
				rp.from.target(t)
			}
		}
		lines = append(lines, line{ind, from, len(all)})
	}
	if len(lines) == 0 {
		return rp
	}
	periods := periodRoom[:0]
	for _, p := range all {
		periods = append(periods, p.period)
	}
	slices.SortStableFunc(periods, func(a, b date.Period) int { return cmp.Or(a.Start.Compare(b.Start), a.End.Compare(b.End)) })
	periods = slices.Compact(periods)
	rp.periods = make([]date.Period, len(periods))
	copy(rp.periods, periods)
	// one line per indicator that has points, in indicator order, with a value (or a gap)
	// at each period; the lines' values in one array
	k := len(rp.periods)
	rp.inds, rp.values = make([]*model.Indicator, len(lines)), make([][]model.Num, len(lines))
	values := make([]model.Num, len(lines)*k)
	for i, ln := range lines {
		row := values[i*k : (i+1)*k : (i+1)*k]
		for j, p := range rp.periods {
			for _, pt := range all[ln.from:ln.to] {
				if pt.period == p {
					row[j] = pt.v
					break
				}
			}
		}
		rp.inds[i], rp.values[i] = ln.ind, row
	}
	return rp
}

// rateTargetsByYear draws the rate targets of a locality by period (ratePointsOf).
func (c *Context) rateTargetsByYear(rp ratePoints) chart {
	f := c.F
	ch := chart{title: f.TS("chart.rate_targets"), category: f.TS("chart.category.year"), line: true, axis: "%", rates: true, from: rp.from}
	if len(rp.inds) == 0 {
		return ch
	}
	ch.categories = make([]string, len(rp.periods))
	for i, p := range rp.periods {
		ch.categories[i] = f.Period(p)
	}
	ch.series = make([]series, len(rp.inds))
	for i, ind := range rp.inds {
		ch.series[i] = series{name: f.Short(ind), values: rp.values[i]}
	}
	return ch
}

func (c *Context) childrenCompared(ct *childTargets) chart {
	f := c.F
	ch := chart{title: f.TS("chart.children"), category: f.TS("chart.category.locality"), axis: f.TS("unit.people")}
	if ct == nil {
		return ch
	}
	ch.note = f.TS("chart.children_note", f.Period(ct.period), f.PlanName(ct.plan))
	ch.from = ct.from
	// The indicators' targets differ by orders of magnitude (BHYT's thousands, BHTN's
	// tens): one at a time, each on its own scale; the table under the chart has them all.
	ch.single = len(ct.indicators) > 1
	if ch.single {
		ch.note += " " + f.TS("chart.children_single")
	}
	ch.categories = make([]string, len(ct.children))
	for i, l := range ct.children {
		ch.categories[i] = f.Name(l)
	}
	// every series' values, and calcs, in one array each
	k := len(ct.values)
	values, calcs := make([]model.Num, len(ct.indicators)*k), make([]model.Calc, len(ct.indicators)*k)
	ch.series = make([]series, 0, len(ct.indicators))
	for i, ind := range ct.indicators {
		s := series{name: f.Short(ind), ind: ind, values: values[i*k : i*k : (i+1)*k], calcs: calcs[i*k : i*k : (i+1)*k]}
		for j, row := range ct.values {
			s.values = append(s.values, row[i])
			s.calcs = append(s.calcs, ct.calcs[j][i])
		}
		for _, part := range ind.SumOf {
			s.parts = append(s.parts, f.Short(part))
		}
		ch.series = append(ch.series, s)
	}
	return ch
}

// option is the chart's own part of its ECharts option, as JSON for its data island: the
// kind of chart, whose skeleton the site's chart kit holds (ChartKit), and what is the
// chart's own — the value axis's name and, when the site computed some figures, how
// ("computed"). charts.js makes the whole option: the kind's skeleton, a series per column
// of the chart's table (named by the column's header, its values the column, the rows'
// headers the categories), the island merged over it. It sets no aria: charts.js adds aria
// with decal patterns and a description in the page's number format.
//
// A national site has 37,000 pages with charts, and the skeleton is the same on all of
// them: it is published once, in the kit, instead of in every page. computed is
// chartComputed's.
func (ch chart) option(computed []any) (string, error) {
	opt, err := chartOptionJSON(ch.kind().name(), ch.axis, computed)
	if err != nil || !ch.single || !ch.kind().legend {
		return opt, err
	}
	return opt[:len(opt)-1] + `,"legend":{"selectedMode":"single"}}`, nil
}

// chartComputed is how the site computed each value, by series: nil for a series of documents'
// figures only, else the words with "%s" where a value's figures go, then each value's
// figures ("" for a document's figure) — ["Số do trang tính: tổng các thành phần, %s",
// "1.277 + 80", …]. A series computed more than one way carries each value's whole words
// ("%s" alone). A series whose computed values are sums of its parts' columns in the same
// row carries the number of its note (from 1), whose words are said of every cell of its
// column the table marks as computed. It is nil when the site computed no value of the
// chart.
func (c *Context) chartComputed(ch chart) []any {
	var out []any
	for i, s := range ch.series {
		if !s.anyComputed() {
			continue
		}
		if out == nil {
			out = make([]any, len(ch.series))
		}
		if s.note > 0 {
			out[i] = s.note
			continue
		}
		out[i] = c.computedWords(s)
	}
	return out
}

// anyComputed reports whether the site computed a value of the series.
func (s series) anyComputed() bool {
	for i := range s.values {
		if s.computedAt(i) {
			return true
		}
	}
	return false
}

// computedWords is the entry of chartComputed of a series with computed values.
func (c *Context) computedWords(s series) []string {
	words, any, whole := "", false, false
	ws := make([]calcWords, len(s.values))
	for j := range s.values {
		if !s.computedAt(j) {
			continue
		}
		w := c.calcWords(s.ind, s.calc(j))
		ws[j] = w
		prefix, ok := strings.CutSuffix(w.Text, w.Formula)
		if !any {
			words, any = prefix, true
		}
		whole = whole || !ok || w.Formula == "" || prefix != words
	}
	if !any {
		return nil
	}
	out := make([]string, len(s.values)+1)
	out[0] = words + "%s"
	if whole {
		out[0] = "%s"
	}
	for j := range s.values {
		switch w := ws[j]; {
		case !s.computedAt(j):
		case whole:
			out[j+1] = w.Text
		default:
			out[j+1] = w.Formula
		}
	}
	return out
}

// chartKind is a kind of chart: what go-echarts writes the same for every chart of the kind.
type chartKind struct {
	line   bool // a line chart; else bars
	legend bool // more than one series: a legend
}

// chartKinds are every kind a page may name.
var chartKinds = []chartKind{{true, true}, {true, false}, {false, true}, {false, false}}

func (ch chart) kind() chartKind { return chartKind{line: ch.line, legend: len(ch.series) > 1} }

// name is the kind as a chart's island names it: "line", "bar", "line-1" for a line chart
// of one series (no legend).
func (k chartKind) name() string {
	n := "bar"
	if k.line {
		n = "line"
	}
	if !k.legend {
		n += "-1"
	}
	return n
}

// ChartKit is what every page with charts shares, published once per site as a script
// that defines nothing but data (render's js/chart-kit.js, read by charts.js): the
// skeleton of each kind of chart's ECharts option and the iframe code of the embeds. It
// holds no words a reader sees: those stay in the pages, in their language.
type ChartKit struct {
	// Kinds is by kind's name the ECharts option go-echarts makes for it, less the
	// categories and values (the chart's table), the series' names (its header), the axis's
	// name (the chart's island) and what ECharts does anyway (its own palette, an empty
	// title and toolbox, each series' own "animation": false, which the option sets for
	// all). Its "series" is one object: every series' settings.
	Kinds map[string]json.RawMessage `json:"kinds"`
	// Snippet is the iframe code of a chart's embed, "{src}" where its absolute address
	// goes and "{title}" its title (EmbedSnippet).
	Snippet string `json:"snippet"`
}

// NewChartKit makes the kit: each kind's skeleton from go-echarts.
func NewChartKit() (ChartKit, error) {
	kit := ChartKit{Kinds: map[string]json.RawMessage{}, Snippet: EmbedSnippet}
	for _, k := range chartKinds {
		b, err := k.skeleton()
		if err != nil {
			return ChartKit{}, fmt.Errorf("chart kind %s: %w", k.name(), err)
		}
		kit.Kinds[k.name()] = b
	}
	return kit, nil
}

// JSON is the kit as JSON (encoding/json escapes <, > and &).
func (kit ChartKit) JSON() ([]byte, error) { return json.Marshal(kit) }

// skeleton is the kind's entry of ChartKit.Kinds: go-echarts' option for a chart of the
// kind with one category, one value and no names, less what ChartKit.Kinds leaves out.
func (k chartKind) skeleton() (json.RawMessage, error) {
	probe := chart{line: k.line, categories: []string{""}, series: []series{{values: []model.Num{model.Unknown}}}}
	if k.legend {
		probe.series = append(probe.series, probe.series[0])
	}
	var obj map[string]any
	if k.line {
		obj = probe.lineOption()
	} else {
		obj = probe.barOption()
	}
	b, err := json.Marshal(obj)
	if err != nil {
		return nil, err
	}
	var opt map[string]any
	if err := json.Unmarshal(b, &opt); err != nil {
		return nil, err
	}
	for _, key := range []string{"color", "title", "toolbox"} {
		delete(opt, key)
	}
	series, _ := opt["series"].([]any)
	if len(series) == 0 {
		return nil, fmt.Errorf("go-echarts wrote no series")
	}
	each, _ := series[0].(map[string]any)
	for _, key := range []string{"data", "name", "animation"} {
		delete(each, key)
	}
	opt["series"] = each
	axes, _ := opt["xAxis"].([]any)
	for _, a := range axes {
		if a, ok := a.(map[string]any); ok {
			delete(a, "data")
		}
	}
	return json.Marshal(opt)
}

func (ch chart) globals() []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(len(ch.series) > 1), Bottom: "0"}),
		charts.WithGridOpts(opts.Grid{Left: "3%", Right: "4%", Top: "12%", Bottom: "14%", ContainLabel: opts.Bool(true)}),
		charts.WithYAxisOpts(opts.YAxis{Name: ch.axis, Type: "value"}),
		charts.WithAnimation(false),
	}
}

func (ch chart) barOption() map[string]any {
	bar := charts.NewBar()
	bar.SetGlobalOptions(ch.globals()...)
	bar.SetXAxis(ch.categories)
	for _, s := range ch.series {
		data := make([]opts.BarData, len(s.values))
		for i, v := range s.values {
			data[i] = opts.BarData{Value: echartsValue(v)}
		}
		bar.AddSeries(s.name, data)
	}
	bar.Validate()
	return bar.JSON()
}

func (ch chart) lineOption() map[string]any {
	line := charts.NewLine()
	line.SetGlobalOptions(ch.globals()...)
	line.SetXAxis(ch.categories)
	for _, s := range ch.series {
		data := make([]opts.LineData, len(s.values))
		for i, v := range s.values {
			data[i] = opts.LineData{Value: echartsValue(v)}
		}
		line.AddSeries(s.name, data, charts.WithLineChartOpts(opts.LineChart{ConnectNulls: opts.Bool(true)}))
	}
	line.Validate()
	return line.JSON()
}

// echartsValue is a number, or "-" which ECharts draws as a gap.
func echartsValue(n model.Num) any {
	if !n.Known || math.IsNaN(n.V) {
		return "-"
	}
	return math.Round(n.V*100) / 100
}
