package model

import (
	"slices"

	"github.com/covsite/covsite/internal/date"
)

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
	type family struct {
		parent *Locality
		ind    *Indicator
		period date.Period
	}
	children := map[family][]*Target{} // p's targets with a value, by parent locality, in p's order
	for _, t := range p.Targets {
		if t.Locality.Parent != nil && t.Value.Known {
			f := family{t.Locality.Parent, t.Indicator, t.Period}
			children[f] = append(children[f], t)
		}
	}
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
		// the family's slice itself, not a copy: the site memoizes every plan's rollups
		// (Site.PlanRollups), ~10 MB of a national site's
		ru.Children = slices.Clip(children[family{parent.Locality, parent.Indicator, parent.Period}])
		for _, t := range ru.Children {
			ru.ChildrenSum += t.Value.V
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

// ResultRollup sets a locality's result beside the sum of its children's results for the
// same indicator and date.
type ResultRollup struct {
	Indicator   *Indicator
	Parent      *Result
	ChildrenSum float64
	Children    int // children with a result on that date
	Expected    int // children that existed on that date
}

// Complete reports whether every child that existed on the date has a result.
func (r ResultRollup) Complete() bool { return r.Children >= r.Expected }

// Differs reports whether the parent's result and its children's sum disagree.
func (r ResultRollup) Differs() bool { return r.Parent.Value.V != r.ChildrenSum }

// Difference is the parent's result minus the children's sum.
func (r ResultRollup) Difference() float64 { return r.Parent.Value.V - r.ChildrenSum }

// ResultRollups returns, per additive indicator (people, counts, money), l's latest result
// that its children also report on, beside their sum.
func (s *Site) ResultRollups(l *Locality) []ResultRollup {
	if len(l.Children) == 0 {
		return nil
	}
	var out []ResultRollup
	for _, ind := range s.Indicators {
		if ind.Unit == Percent {
			continue
		}
		rs := s.ResultsFor(l, ind)
		for i := len(rs) - 1; i >= 0; i-- {
			if ru, ok := s.resultRollup(l, rs[i]); ok {
				out = append(out, ru)
				break
			}
		}
	}
	return out
}

func (s *Site) resultRollup(l *Locality, parent *Result) (ResultRollup, bool) {
	ru := ResultRollup{Indicator: parent.Indicator, Parent: parent}
	if !parent.Value.Known {
		return ru, false
	}
	for _, c := range l.Children {
		if c.ExistedOn(parent.AsOf) {
			ru.Expected++
		}
		if r := shownOn(s.ResultsFor(c, parent.Indicator), parent.AsOf); r != nil {
			ru.ChildrenSum += r.Value.V
			ru.Children++
		}
	}
	return ru, ru.Children > 0
}
