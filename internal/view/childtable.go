package view

import (
	"slices"
	"strings"

	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/model"
)

// childTargets compares a locality's children on the people targets of the newest plan
// that targets them.
type childTargets struct {
	period     date.Period
	plan       *model.Plan
	indicators []*model.Indicator
	children   []*model.Locality
	values     [][]model.Num  // by child, then indicator
	calcs      [][]model.Calc // how the site computed each value, zero when the plan gives it
	figs       [][]Fig
	sum        []model.Num
	parent     []model.Num
	from       chartFrom // the documents of the children's figures, for the chart's credit
}

// childTable finds the newest plan that targets l's children and tabulates their targets,
// with their sum beside l's own figure; nil when fewer than two children have one.
func (c *Context) childTable(l *model.Locality) *childTargets {
	if len(l.Children) == 0 {
		return nil
	}
	var best *model.Target
	for _, ch := range l.Children {
		for _, t := range c.Site.TargetsOf(ch) {
			if t.Value.Known && t.Indicator.Unit == model.People && (best == nil || t.Period.End.After(best.Period.End)) {
				best = t
			}
		}
	}
	if best == nil {
		return nil
	}
	ct := &childTargets{period: best.Period, plan: best.Plan}
	for _, ind := range c.Site.Indicators {
		if ind.Unit == model.People && c.childHasTarget(l, best, ind) {
			ct.indicators = append(ct.indicators, ind)
		}
	}
	ct.sum = make([]model.Num, len(ct.indicators))
	ct.parent = make([]model.Num, len(ct.indicators))
	withFigures := 0
	for _, ch := range l.Children {
		row := make([]model.Num, len(ct.indicators))
		calcs := make([]model.Calc, len(ct.indicators))
		figs := make([]Fig, len(ct.indicators))
		any := false
		for i, ind := range ct.indicators {
			row[i] = c.targetOf(best.Plan, ch, ind, best.Period)
			if t := c.targetIn(best.Plan, ch, ind, best.Period); t != nil {
				calcs[i], figs[i] = t.Calc, c.targetFig(t)
				if t.Value.Known {
					ct.from.target(t)
				}
			}
			if row[i].Known {
				ct.sum[i] = model.Known(ct.sum[i].V+row[i].V, 0)
				any = true
			}
		}
		if any {
			withFigures++
		}
		ct.children = append(ct.children, ch)
		ct.values = append(ct.values, row)
		ct.calcs = append(ct.calcs, calcs)
		ct.figs = append(ct.figs, figs)
	}
	for i, ind := range ct.indicators {
		ct.parent[i] = c.targetOf(best.Plan, l, ind, best.Period)
	}
	if withFigures < 2 {
		return nil // one child alone compares with nothing
	}
	return ct
}

func (c *Context) childHasTarget(l *model.Locality, like *model.Target, ind *model.Indicator) bool {
	for _, ch := range l.Children {
		if c.targetOf(like.Plan, ch, ind, like.Period).Known {
			return true
		}
	}
	return false
}

// targetOf is the value p sets for l and ind over period: the first such target in p's order.
func (c *Context) targetOf(p *model.Plan, l *model.Locality, ind *model.Indicator, period date.Period) model.Num {
	if t := c.targetIn(p, l, ind, period); t != nil {
		return t.Value
	}
	return model.Unknown
}

// targetIn is the first target p sets for l and ind over period, or nil.
func (c *Context) targetIn(p *model.Plan, l *model.Locality, ind *model.Indicator, period date.Period) *model.Target {
	for _, t := range c.Site.TargetsFor(l, ind) { // same-period targets of a plan keep the plan's order
		if t.Plan == p && t.Period == period {
			return t
		}
	}
	return nil
}

func (c *Context) childTableView(ct *childTargets) *ChildTable {
	if ct == nil {
		return nil
	}
	f := c.F
	v := &ChildTable{Caption: f.TS("children.caption", f.Period(ct.period), f.PlanName(ct.plan))}
	for _, ind := range ct.indicators {
		v.Columns = append(v.Columns, f.Short(ind))
	}
	said := make([]bool, len(ct.indicators)) // the column's note says how its cells were computed
	for i := range ct.indicators {
		if parts, ok := ct.sameRowSum(i); ok {
			names := make([]string, len(parts))
			for j, k := range parts {
				names[j] = v.Columns[k]
			}
			v.Notes = append(v.Notes, CalcMark+" "+v.Columns[i]+": "+f.TS("calc."+string(model.SumOfParts), strings.Join(names, " + "))+" "+f.TS("chart.same_row"))
			said[i] = true
		}
	}
	// the figures stay numbers (Number), each row's in a part of one array
	width := len(ct.indicators)
	numbers := make([]Number, 0, (len(ct.children)+2)*width)
	number := func(ns []model.Num) []Number {
		start := len(numbers)
		for _, n := range ns {
			numbers = append(numbers, Number{f, n})
		}
		return numbers[start:len(numbers):len(numbers)]
	}
	v.Rows = make([]ChildTableRow, 0, len(ct.children))
	for i, ch := range ct.children {
		row := ChildTableRow{Link: c.localityLink(ch), Figs: ct.figs[i], Values: number(ct.values[i])}
		row.Computed, row.Marked = make([]string, 0, len(ct.calcs[i])), make([]bool, 0, len(ct.calcs[i]))
		for k, calc := range ct.calcs[i] {
			if said[k] && calc.Computed() {
				row.Computed, row.Marked = append(row.Computed, ""), append(row.Marked, true)
				continue
			}
			row.Computed, row.Marked = append(row.Computed, c.CalcText(ct.indicators[k], calc)), append(row.Marked, false)
		}
		v.Rows = append(v.Rows, row)
	}
	v.Sum, v.Declared = number(ct.sum[:width]), number(ct.parent[:width])
	return v
}

// sameRowSum reports whether every computed value of column i is the sum of its parts'
// values in the same row, its parts being columns of the table (their indexes, in the
// order of the sum): the table's note can then name the columns once instead of each cell
// saying its figures.
func (ct *childTargets) sameRowSum(i int) (parts []int, ok bool) {
	for _, p := range ct.indicators[i].SumOf {
		k := slices.Index(ct.indicators, p)
		if k < 0 {
			return nil, false
		}
		parts = append(parts, k)
	}
	if len(parts) == 0 {
		return nil, false
	}
	computed := false
	for r := range ct.children {
		calc := ct.calcs[r][i]
		if !calc.Computed() {
			continue
		}
		computed = true
		if calc.How != model.SumOfParts || len(calc.Inputs) != len(parts) {
			return nil, false
		}
		for j, k := range parts {
			if in, v := calc.Inputs[j], ct.values[r][k]; !in.Known || !v.Known || in.V != v.V {
				return nil, false
			}
		}
	}
	return parts, computed
}
