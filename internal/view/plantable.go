package view

import (
	"slices"

	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/model"
)

// PlanTable is a plan's allocation in the shape its document prints it: a row per locality
// in the document's order, a column per indicator, and the total row as the document gives
// it, so a reader holding the document can check it cell by cell. When results exist, each
// cell also holds the result and the share of its target.
type PlanTable struct {
	Caption    string // "Chỉ tiêu năm 2023 theo đơn vị (người)"
	Corner     string // the header of the unit column: "Đơn vị"
	Columns    []PlanTableColumn
	Rows       []PlanTableRow
	Total      *PlanTableRow // the plan's own territory; nil when the plan gives no total
	TotalLabel string        // "Tổng cộng"
	HasResults bool
	// ResultsFrom names the documents the results come from; empty without results.
	ResultsFrom []Line

	targets map[*model.Target]bool // the targets the table shows
}

// holds reports whether the table shows t.
func (t *PlanTable) holds(tg *model.Target) bool { return t.targets[tg] }

// PlanTableColumn is an indicator of the table.
type PlanTableColumn struct {
	Label string // "BHXH bắt buộc"
	Abbr  string // its full name, for the header's title
}

// PlanTableRow is a locality's row: its targets, one cell per column.
type PlanTableRow struct {
	Unit  Link
	Cells []PlanTableCell
}

// PlanTableCell is one target as the document gives it, with its result when there is one.
type PlanTableCell struct {
	Target   string // "1.888"; "—" when the document gives none
	Computed string // how the site computed Target, "" when the document gives it
	Where    string // where the figure stands in the document
	Result   string // "" without a result
	AsOf     string // the result's date
	Share    string // "97,9 %"; "" without a result
	// Rollup is the total row's check: the rows' sum and how far it is from the total,
	// "" when they agree or on a locality's row.
	Rollup  string
	Differs bool
	Fig     Fig
}

// planTable builds a plan's table, or nil when the plan does not allocate targets among
// at least two localities.
func (c *Context) planTable(p *model.Plan) *PlanTable {
	period, units := tablePeriod(p)
	if len(units) < 2 {
		return nil
	}
	f := c.F
	cols := tableColumns(c.Site, p, period, units)
	if len(cols) == 0 {
		return nil
	}
	t := &PlanTable{Caption: f.T("plantable.caption", f.Period(period), f.Name(p.Locality)), Corner: f.T("col.unit"), TotalLabel: f.T("plantable.total"), targets: map[*model.Target]bool{}}
	for _, ind := range cols {
		t.Columns = append(t.Columns, PlanTableColumn{Label: f.Short(ind), Abbr: f.IndicatorName(ind)})
	}
	sources := map[*model.Source]bool{}
	var order []*model.Source
	row := func(l *model.Locality) PlanTableRow {
		r := PlanTableRow{Unit: c.localityLink(l)}
		for _, ind := range cols {
			cell := PlanTableCell{Target: "—"}
			if tg := planTarget(p, l, ind, period); tg != nil {
				t.targets[tg] = true
				cell = c.planTableCell(tg)
				if pr := c.assess(tg); pr.Result != nil {
					t.HasResults = true
					if !sources[pr.Result.Source] {
						sources[pr.Result.Source] = true
						order = append(order, pr.Result.Source)
					}
				}
			}
			r.Cells = append(r.Cells, cell)
		}
		return r
	}
	for _, l := range units {
		t.Rows = append(t.Rows, row(l))
	}
	if hasAny(p, p.Locality, cols, period) {
		total := row(p.Locality)
		c.rollupCells(p, cols, period, total.Cells)
		t.Total = &total
	}
	for _, src := range order {
		t.ResultsFrom = append(t.ResultsFrom, c.sourceLine(src))
	}
	return t
}

// planTableCell is a target's cell: the figure, its mark when computed, where it stands,
// and its result and share.
func (c *Context) planTableCell(tg *model.Target) PlanTableCell {
	f := c.F
	tv := c.targetValue(tg)
	cell := PlanTableCell{Target: tv.Text, Computed: tv.Computed, Where: tg.Where.In(f.Code), Fig: tv.Fig}
	if tv.Base != "" {
		cell.Target += " " + tv.Base
	}
	pr := c.assess(tg)
	if pr.Result != nil {
		cell.Result = f.Value(tg.Indicator, pr.Value)
		cell.AsOf = f.Date(pr.Result.AsOf)
		cell.Share = f.Pct(pr.Share)
	}
	return cell
}

// rollupCells writes into the total row's cells the sum of the rows and its difference from
// the total, where the two disagree.
func (c *Context) rollupCells(p *model.Plan, cols []*model.Indicator, period date.Period, cells []PlanTableCell) {
	f := c.F
	for _, ru := range model.PlanRollups(p) {
		if ru.Parent.Locality != p.Locality || ru.Parent.Period != period || !ru.Differs() {
			continue
		}
		i := slices.Index(cols, ru.Indicator)
		if i < 0 {
			continue
		}
		cells[i].Rollup = f.T("plantable.rollup", f.Number(ru.ChildrenSum, 2), f.Number(ru.Difference(), 2))
		cells[i].Differs = true
	}
}

// tablePeriod is the period of a plan's allocation and the localities it allocates to, in
// the order the plan lists them: the plan's own period when its sub-localities have targets
// for it, else nothing.
func tablePeriod(p *model.Plan) (date.Period, []*model.Locality) {
	var units []*model.Locality
	for _, t := range p.Targets {
		if t.Period != p.Period || t.Per != "" || !t.Value.Known || t.Implied || t.Locality == p.Locality {
			continue
		}
		if !isUnder(t.Locality, p.Locality) || slices.Contains(units, t.Locality) {
			continue
		}
		units = append(units, t.Locality)
	}
	return p.Period, units
}

// tableColumns are the indicators the document prints for the localities: those with a
// value the document gives (not one the site added up) for at least one of them.
func tableColumns(s *model.Site, p *model.Plan, period date.Period, units []*model.Locality) []*model.Indicator {
	var out []*model.Indicator
	for _, ind := range s.Indicators {
		for _, l := range units {
			if t := planTarget(p, l, ind, period); t != nil && !t.Calc.Computed() {
				out = append(out, ind)
				break
			}
		}
	}
	return out
}

// planTarget is p's target for l and ind over period with a value, or nil.
func planTarget(p *model.Plan, l *model.Locality, ind *model.Indicator, period date.Period) *model.Target {
	for _, t := range p.Targets {
		if t.Locality == l && t.Indicator == ind && t.Period == period && t.Per == "" && t.Value.Known && !t.Implied {
			return t
		}
	}
	return nil
}

func hasAny(p *model.Plan, l *model.Locality, cols []*model.Indicator, period date.Period) bool {
	for _, ind := range cols {
		if planTarget(p, l, ind, period) != nil {
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
