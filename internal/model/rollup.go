package model

import "github.com/covsite/covsite/internal/date"

// Rollup sets a parent's figure beside the sum of its children's in the same plan or report.
type Rollup struct {
	Indicator   *Indicator
	Parent      *Target
	Children    []*Target
	ChildrenSum float64
	Expected    int  // children that existed during the period
	Complete    bool // every such child has a figure
}

// Differs reports whether the parent's figure and its children's sum disagree.
func (r Rollup) Differs() bool { return r.Parent.Value.Known && r.ChildrenSum != r.Parent.Value.V }

// Difference is the parent's figure minus the children's sum.
func (r Rollup) Difference() float64 { return r.Parent.Value.V - r.ChildrenSum }

// PlanRollups returns, for every target of p whose locality's children are also targeted
// by p for the same indicator and period, the parent beside the children's sum.
func PlanRollups(p *Plan) []Rollup {
	var out []Rollup
	for _, parent := range p.Targets {
		if !parent.Value.Known || parent.Implied {
			continue
		}
		ru := Rollup{Indicator: parent.Indicator, Parent: parent}
		for _, child := range parent.Locality.Children {
			if existedDuring(child, parent.Period) {
				ru.Expected++
			}
		}
		for _, t := range p.Targets {
			if t.Locality.Parent == parent.Locality && t.Indicator == parent.Indicator && t.Period == parent.Period && t.Value.Known {
				ru.Children = append(ru.Children, t)
				ru.ChildrenSum += t.Value.V
			}
		}
		if len(ru.Children) == 0 {
			continue
		}
		ru.Complete = len(ru.Children) >= ru.Expected
		out = append(out, ru)
	}
	return out
}

// existedDuring reports whether l existed on some day of p.
func existedDuring(l *Locality, p date.Period) bool {
	if !l.Since.IsZero() && l.Since.After(p.End) {
		return false
	}
	return l.Until.IsZero() || !l.Until.Before(p.Start)
}

// ExistedOn reports whether l existed on day d.
func (l *Locality) ExistedOn(d date.Date) bool {
	return existedDuring(l, date.Period{Start: d, End: d})
}
