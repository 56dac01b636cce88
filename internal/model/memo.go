package model

import (
	"slices"
	"sync"

	"github.com/covsite/covsite/internal/date"
)

// memo keeps what the pages of a site ask again and again — a plan's rollups, the rates of
// a parent's children on a date — so each is computed once per site rather than once per
// page. A Site is read by many goroutines: two may compute the same value at once, and
// both get an equal one.
type memo struct {
	rollups sync.Map // *Plan → []Rollup
	rates   sync.Map // ratesKey → []float64, highest first
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
	m := s.memoOf()
	if v, ok := m.rollups.Load(p); ok {
		return v.([]Rollup)
	}
	out := PlanRollups(p)
	m.rollups.Store(p, out)
	return out
}

// childRates are the coverage rates of parent's children for ind on a date, highest first.
func (s *Site) childRates(parent *Locality, ind *Indicator, on date.Date) []float64 {
	m := s.memoOf()
	key := ratesKey{parent, ind, on}
	if v, ok := m.rates.Load(key); ok {
		return v.([]float64)
	}
	var rates []float64
	for _, child := range parent.Children {
		if v := s.rateOn(child, ind, on); v.Known {
			rates = append(rates, v.V)
		}
	}
	slices.Sort(rates)
	slices.Reverse(rates)
	m.rates.Store(key, rates)
	return rates
}
