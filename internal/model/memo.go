package model

import (
	"slices"

	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/keep"
)

// memo keeps what the pages of a site ask again and again — a plan's rollups, the rates of
// a parent's children on a date — so each is computed once per site rather than once per
// page. A Site is read by many goroutines: two may compute the same value at once, and
// both get an equal one.
type memo struct {
	rollups keep.Map[*Plan, []Rollup]
	rates   keep.Map[ratesKey, *averages]
}

type ratesKey struct {
	parent *Locality
	ind    *Indicator
	on     date.Date
}

// memoOf is the site's memo; a site that was copied (Rebuild) gets its own.
func (s *Site) memoOf() *memo {
	if s.memo == nil {
		return &memo{} // a Site made by hand in a test: nothing to share
	}
	return s.memo
}

// PlanRollups returns, for every target of p whose locality's children are also targeted
// by p for the same indicator and period, the parent beside the children's sum.
func (s *Site) PlanRollups(p *Plan) []Rollup {
	return s.memoOf().rollups.Get(p, func() []Rollup { return PlanRollups(p) })
}

// averages are what the standings of a parent's children on a date compare with: the
// parent's own rate and its children's rates, highest first.
type averages struct {
	parentRate Num
	rates      []float64
}

// averagesOf are the parent's rate and its children's rates for ind on a date, made once
// per site: every child's page asks for them.
func (s *Site) averagesOf(parent *Locality, ind *Indicator, on date.Date) *averages {
	return s.memoOf().rates.Get(ratesKey{parent, ind, on}, func() *averages {
		a := &averages{parentRate: s.rateOn(parent, ind, on)}
		for _, child := range parent.Children {
			if v := s.rateOn(child, ind, on); v.Known {
				a.rates = append(a.rates, v.V)
			}
		}
		slices.Sort(a.rates)
		slices.Reverse(a.rates)
		return a
	})
}
