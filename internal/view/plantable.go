package view

import (
	"slices"
	"strings"

	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/routes"
)

// PlanTable is a plan's allocation in the shape its document prints it: a row per locality
// in the document's order, a column per indicator, and the total row as the document gives
// it, so a reader holding the document can check it cell by cell. An indicator the site
// adds up from the document's columns (BHXH = bắt buộc + tự nguyện) follows them, marked
// as computed, so the plan's page has one table of its localities. When results exist,
// each cell also holds the result and the share of its target.
//
// A long table is split into parts of at most planTableCells cells: the plan's page shows
// the first, PlanTablePage the others, each with the total row and links to every part.
type PlanTable struct {
	Caption string // "Chỉ tiêu năm 2023 theo đơn vị (người)"
	// ResultsKey says what the line under a target holds and the date of most results;
	// "" without results.
	ResultsKey string
	Corner     string // the header of the unit column: "Đơn vị"
	Columns    []PlanTableColumn
	Rows       []PlanTableRow // this part's rows
	Total      *PlanTableRow  // the plan's own territory; nil when the plan gives no total
	TotalLabel string         // "Tổng cộng"
	HasResults bool
	// ResultsFrom names the documents the results come from; empty without results, and on
	// the plan's page, which names them for the whole page (PlanPage.ResultsFrom).
	ResultsFrom []Line
	// Parts links to every part of a split table, the shown one Current; nil when whole.
	Parts     []PartLink
	PartsNav  string // the parts' navigation label
	PartLabel string // "Phần 2/3: dòng 61–120"; "" when whole

	// AddsUp says that the rows add up to the total in every column the plan totals; ""
	// when a column does not (its total cell says so) or the plan gives no total.
	AddsUp string

	targets map[*model.Target]bool // the targets the whole table shows, in every part
	cols    []*model.Indicator
	period  date.Period
}

// PartLink links to one part of a split table, named by its rows: "dòng 81–160".
type PartLink struct {
	Link
	Current bool
}

// holds reports whether the table shows t, in any of its parts.
func (t *PlanTable) holds(tg *model.Target) bool { return t.targets[tg] }

// checks reports whether the table's total row checks ru: the plan's territory against
// the sum of its units, in one of the table's columns.
func (t *PlanTable) checks(p *model.Plan, ru model.Rollup) bool {
	return t.Total != nil && ru.Parent.Locality == p.Locality && ru.Parent.Period == t.period && slices.Contains(t.cols, ru.Indicator)
}

// PlanTableColumn is an indicator of the table.
type PlanTableColumn struct {
	Label string // "BHXH bắt buộc"
	Abbr  string // its full name, for the header's title
	// Computed says how the site computed the column's figures ("Số do trang tính: tổng
	// BHXH bắt buộc + BHXH tự nguyện"), "" for a column the document prints.
	Computed string
}

// PlanTableRow is a locality's row: its targets, one cell per column.
type PlanTableRow struct {
	Unit Link
	// Where is where the row stands in the document when all its figures stand there
	// ("Bảng chi tiết, dòng 1"); its cells then say nothing of it.
	Where string
	Cells []PlanTableCell
}

// shareWhere moves to the row the place in the document its figures all share.
func (r *PlanTableRow) shareWhere() {
	where := ""
	for _, c := range r.Cells {
		switch {
		case !c.Fig.Set:
			continue // no target in this column
		case c.Where == "" || where != "" && c.Where != where:
			return
		}
		where = c.Where
	}
	r.Where = where
	for i := range r.Cells {
		r.Cells[i].Where = ""
	}
}

// PlanTableCell is one target as the document gives it, with its result when there is one.
type PlanTableCell struct {
	Target   string // "1.888"; "—" when the document gives none
	Computed string // how the site computed Target, "" when the document gives it
	Where    string // where the figure stands in the document
	// ResultLine is what the cell prints under the target, its result and share: "904 ·
	// 103,31 %", with the result's date in brackets when it is not the table's
	// (ResultsKey); "" without a result.
	ResultLine string
	// Rollup is the total row's check: the rows' sum and how far it is from the total,
	// "" when they agree or on a locality's row.
	Rollup  string
	Differs bool
	// cut says which of the cell's texts are cut from its table's one string (cutTarget,
	// cutLine), once every cell is written (PlanTable.cutTexts).
	cut uint8
	Fig Fig
}

// The texts of a cell cut from its table's one string.
const (
	cutTarget = 1 << iota
	cutLine
)

// planTableCells bounds the cells of one part of a table: a plan of 168 communes and five
// columns (Hồ Chí Minh after the 2025 merger) takes three pages, the plan's (86 KB with its
// cards) and two parts.
const planTableCells = 400

// tableShape is the shape of a plan's table: its period, units and columns, and its
// targets by unit and indicator.
type tableShape struct {
	period date.Period
	units  []*model.Locality
	cols   []*model.Indicator
	sums   int // the last sums columns are added up by the site
	// cells are the table's targets by unit — in units' order, then the plan's own
	// locality (own) — and by indicator, in the site's order (inds): a row of len(inds)
	// a unit, nil where it has none. A map by locality and indicator took three to four
	// times the memory and a hash of two pointers a lookup.
	cells  []*model.Target
	inds   []*model.Indicator
	filled int // the cells that hold a target
}

// own is the index of the plan's own locality in the table's cells, after its units'.
func (a tableShape) own() int { return len(a.units) }

// cell is the target of the unit of index i (own for the plan's locality) for ind; nil
// for none.
func (a tableShape) cell(i int, ind *model.Indicator) *model.Target {
	k := slices.Index(a.inds, ind)
	if k < 0 {
		return nil
	}
	return a.cells[i*len(a.inds)+k]
}

// allocate finds the shape of p's table; ok is false when p allocates targets among fewer
// than two localities.
func allocate(s *model.Site, p *model.Plan) (a tableShape, ok bool) {
	var index map[*model.Locality]int
	a.period, a.units, index = tablePeriod(p)
	if len(a.units) < 2 {
		return a, false
	}
	// each unit's and the plan's locality's first target of the table's period for each
	// indicator
	a.inds = s.Indicators
	a.cells = make([]*model.Target, (len(a.units)+1)*len(a.inds))
	for _, t := range p.Targets {
		if t.Period != a.period || t.Per != "" || !t.Value.Known || t.Implied {
			continue
		}
		i, ok := index[t.Locality]
		if t.Locality == p.Locality {
			i, ok = a.own(), true
		}
		k := slices.Index(a.inds, t.Indicator)
		if !ok || k < 0 {
			continue // a locality the table has no row of
		}
		if at := i*len(a.inds) + k; a.cells[at] == nil {
			a.cells[at] = t
			a.filled++
		}
	}
	a.cols, a.sums = tableColumns(s, a)
	return a, len(a.cols) > 0
}

// parts is how many parts the table is split into: 1 when it is whole.
func (a tableShape) parts() int {
	per := PlanTableRowsPerPart(len(a.cols))
	return max(1, (len(a.units)+per-1)/per)
}

// PlanTableRowsPerPart is how many rows a part of a table of cols indicators holds.
func PlanTableRowsPerPart(cols int) int { return max(20, planTableCells/max(cols, 1)) }

// PlanTableParts is how many pages p's allocation table takes: 0 without a table, 1 when
// the plan's page holds it whole; parts 2… are PlanTablePage's.
func PlanTableParts(s *model.Site, p *model.Plan) int {
	a, ok := allocate(s, p)
	if !ok {
		return 0
	}
	return a.parts()
}

// planTable builds part n (from 1) of a plan's table, or nil when the plan does not
// allocate targets among at least two localities.
func (c *Context) planTable(p *model.Plan, n int) *PlanTable {
	a, ok := allocate(c.Site, p)
	if !ok {
		return nil
	}
	return c.planTableOf(p, a, c.tableResultsOf(p, a), n)
}

// tableResults are what every part of a plan's table says the same of the whole table, in
// no language: the targets it shows, in any part, the sources of their results in the
// order the table meets them, and how many of the results are of each date.
type tableResults struct {
	targets map[*model.Target]bool
	sources []*model.Source
	dates   map[date.Date]int
}

// tableResultsOf finds the tableResults of p's table of shape a.
func (c *Context) tableResultsOf(p *model.Plan, a tableShape) tableResults {
	tr := tableResults{targets: make(map[*model.Target]bool, a.filled), dates: map[date.Date]int{}}
	seen := map[*model.Source]bool{}
	count := func(i int) {
		for _, ind := range a.cols {
			tg := a.cell(i, ind)
			if tg == nil {
				continue
			}
			tr.targets[tg] = true
			if pr := c.progressOf(tg); pr.Result != nil {
				tr.dates[pr.Result.AsOf]++
				if !seen[pr.Result.Source] {
					seen[pr.Result.Source] = true
					tr.sources = append(tr.sources, pr.Result.Source)
				}
			}
		}
	}
	for i := range a.units {
		count(i)
	}
	if a.hasAny(a.own()) {
		count(a.own())
	}
	return tr
}

// planTableOf is planTable of the table's shape a and results tr, found already (planCore).
func (c *Context) planTableOf(p *model.Plan, a tableShape, tr tableResults, n int) *PlanTable {
	f := c.F
	t := &PlanTable{Caption: f.TS("plantable.caption", f.Period(a.period), f.Name(p.Locality)), Corner: f.TS("col.unit"), TotalLabel: f.TS("plantable.total"), targets: tr.targets, cols: a.cols, period: a.period}
	for i, ind := range a.cols {
		col := PlanTableColumn{Label: f.Short(ind), Abbr: f.IndicatorName(ind)}
		if i >= len(a.cols)-a.sums {
			col.Computed = c.sumText(ind)
		}
		t.Columns = append(t.Columns, col)
	}
	// Every part says the date of most results of the whole table (a cell says its
	// result's date only when it is another), and knows every target of the table (tr), so
	// the plan's page lists none of them again; it formats only its own rows.
	common := ""
	if t.HasResults = len(tr.dates) > 0; t.HasResults {
		dates := make(map[string]int, len(tr.dates))
		for d, k := range tr.dates {
			dates[f.Date(d)] += k
		}
		common = mostFrequent(dates)
		t.ResultsKey = f.TS("plantable.results_key", common)
	}
	per, parts := PlanTableRowsPerPart(len(a.cols)), a.parts()
	n = min(max(n, 1), parts)
	first, last := (n-1)*per, min(n*per, len(a.units))
	// the rows' cells in one array, their targets' and results' texts in one string
	rows := last - first
	if a.hasAny(a.own()) {
		rows++
	}
	cells := make([]PlanTableCell, rows*len(a.cols))
	var cut texts
	cut.grow(2*len(cells), 16*len(cells))
	row := func(u int, l *model.Locality) PlanTableRow {
		r := PlanTableRow{Unit: c.localityLink(l), Cells: cells[:len(a.cols):len(a.cols)]}
		cells = cells[len(a.cols):]
		for i, ind := range a.cols {
			if tg := a.cell(u, ind); tg != nil {
				r.Cells[i] = c.planTableCell(tg, common, &cut)
			} else {
				r.Cells[i] = PlanTableCell{Target: "—"}
			}
		}
		r.shareWhere()
		return r
	}
	t.Rows = make([]PlanTableRow, 0, last-first)
	for u := first; u < last; u++ {
		t.Rows = append(t.Rows, row(u, a.units[u]))
	}
	if a.hasAny(a.own()) {
		total := row(a.own(), p.Locality)
		t.Total = &total
		c.rollupCells(p, t)
	}
	cut.done()
	t.cutTexts(&cut)
	for _, src := range tr.sources {
		t.ResultsFrom = append(t.ResultsFrom, c.sourceLine(src))
	}
	if parts > 1 {
		c.split(t, p, n, parts, per, len(a.units))
	}
	return t
}

// split links a part of a long table to every part and says which rows it holds.
func (c *Context) split(t *PlanTable, p *model.Plan, n, parts, per, units int) {
	f := c.F
	t.PartsNav = f.TS("plantable.parts")
	t.PartLabel = f.T("plantable.part", n, parts, (n-1)*per+1, min(n*per, units))
	for i := 1; i <= parts; i++ {
		text := f.T("plantable.part_link", (i-1)*per+1, min(i*per, units))
		t.Parts = append(t.Parts, PartLink{Link: Link{Text: text, URL: c.URL(routes.PlanPart(p.ID, i))}, Current: i == n})
	}
}

// cutTexts gives each cell the texts planTableCell wrote for it into cut, in the cells'
// order (eachCell), once cut is done.
func (t *PlanTable) cutTexts(cut *texts) {
	t.eachCell(func(c *PlanTableCell) {
		if c.cut&cutTarget != 0 {
			c.Target = cut.next()
		}
		if c.cut&cutLine != 0 {
			c.ResultLine = cut.next()
		}
	})
}

// eachCell calls fn with each cell of the table's rows, then of its total row.
func (t *PlanTable) eachCell(fn func(c *PlanTableCell)) {
	for _, r := range t.Rows {
		for i := range r.Cells {
			fn(&r.Cells[i])
		}
	}
	if t.Total != nil {
		for i := range t.Total.Cells {
			fn(&t.Total.Cells[i])
		}
	}
}

// mostFrequent is the key counted most often; among equals the smallest string, so the
// choice does not depend on the map's order.
func mostFrequent(counts map[string]int) string {
	best, n := "", 0
	for k, c := range counts {
		if c > n || c == n && k < best {
			best, n = k, c
		}
	}
	return best
}

// sumText says how the site adds up a column: "Số do trang tính: tổng BHXH bắt buộc + BHXH
// tự nguyện".
func (c *Context) sumText(ind *model.Indicator) string {
	names := make([]string, len(ind.SumOf))
	for i, part := range ind.SumOf {
		names[i] = c.F.Short(part)
	}
	return c.F.TS("plantable.sum_of", strings.Join(names, " + "))
}

// planTableCell is a target's cell: the figure, its mark when computed, where it stands,
// and its result's line — its result, its date unless it is common (the table's), and its
// share. The figure's and the line's texts are written to cut, to be cut from its one
// string (PlanTable.cutTexts).
func (c *Context) planTableCell(tg *model.Target, common string, cut *texts) PlanTableCell {
	f := c.F
	cell := PlanTableCell{Computed: c.CalcText(tg.Indicator, tg.Calc), Where: c.whereAttr(tg.Where), Fig: c.targetFig(tg), cut: cutTarget}
	var buf [128]byte
	b := f.appendTargetText(buf[:0], tg)
	if d := c.targetDetails(tg); d != nil && d.Base != "" {
		b = append(append(b, ' '), d.Base...)
	}
	cut.write(b)
	cut.end()
	if pr := c.progressOf(tg); pr.Result != nil {
		b = f.appendValue(buf[:0], tg.Indicator, pr.Value)
		if asOf := f.Date(pr.Result.AsOf); asOf != common {
			b = append(append(append(b, " ("...), asOf...), ')')
		}
		cut.write(f.appendPct(append(b, " · "...), pr.Share))
		cut.end()
		cell.cut |= cutLine
	}
	return cell
}

// rollupCells writes into the total row's cells the sum of the rows and its difference from
// the total, where the two disagree, or says that they agree everywhere.
func (c *Context) rollupCells(p *model.Plan, t *PlanTable) {
	f := c.F
	checked, differ := 0, 0
	for _, ru := range c.Site.PlanRollups(p) {
		if !t.checks(p, ru) {
			continue
		}
		checked++
		if !ru.Differs() {
			continue
		}
		differ++
		i := slices.Index(t.cols, ru.Indicator)
		t.Total.Cells[i].Rollup = f.TS("plantable.rollup", f.Number(ru.ChildrenSum, 2), f.Number(ru.Difference(), 2))
		t.Total.Cells[i].Differs = true
	}
	if checked > 0 && differ == 0 {
		t.AddsUp = f.TS("plantable.adds_up")
	}
}

// tablePeriod is the period of a plan's allocation and the localities it allocates to, in
// the order the plan lists them: the plan's own period when its sub-localities have targets
// for it, else nothing.
func tablePeriod(p *model.Plan) (date.Period, []*model.Locality, map[*model.Locality]int) {
	var units []*model.Locality
	index := map[*model.Locality]int{} // each unit's place in units
	for _, t := range p.Targets {
		if t.Period != p.Period || t.Per != "" || !t.Value.Known || t.Implied || t.Locality == p.Locality {
			continue
		}
		if _, seen := index[t.Locality]; seen || !isUnder(t.Locality, p.Locality) {
			continue
		}
		index[t.Locality] = len(units)
		units = append(units, t.Locality)
	}
	return p.Period, units, index
}

// tableColumns are the indicators the document prints for the localities — those with a
// value the document gives (not one the site added up) for at least one of them — then
// those the site adds up from them for at least one locality, whose count is sums.
func tableColumns(s *model.Site, a tableShape) (cols []*model.Indicator, sums int) {
	for _, ind := range s.Indicators {
		if a.anyUnit(ind, func(t *model.Target) bool { return !t.Calc.Computed() }) {
			cols = append(cols, ind)
		}
	}
	doc := len(cols)
	for _, ind := range s.Indicators {
		if len(ind.SumOf) == 0 || slices.Contains(cols[:doc], ind) {
			continue
		}
		parts := true
		for _, part := range ind.SumOf {
			parts = parts && slices.Contains(cols[:doc], part)
		}
		if parts && a.anyUnit(ind, func(*model.Target) bool { return true }) {
			cols = append(cols, ind)
		}
	}
	return cols, len(cols) - doc
}

// anyUnit reports whether a unit has a target for ind that ok accepts.
func (a tableShape) anyUnit(ind *model.Indicator, ok func(*model.Target) bool) bool {
	for i := range a.units {
		if t := a.cell(i, ind); t != nil && ok(t) {
			return true
		}
	}
	return false
}

// hasAny reports whether the unit of index i (own for the plan's locality) has a target in
// one of the table's columns.
func (a tableShape) hasAny(i int) bool {
	for _, ind := range a.cols {
		if a.cell(i, ind) != nil {
			return true
		}
	}
	return false
}

// isUnder reports whether l lies below top in the tree.
func isUnder(l, top *model.Locality) bool {
	for a := l.Parent; a != nil; a = a.Parent {
		if a == top {
			return true
		}
	}
	return false
}
