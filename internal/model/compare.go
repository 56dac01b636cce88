package model

import (
	"slices"

	"github.com/covsite/covsite/internal/date"
)

// Standing compares a locality's coverage rate with its parent's and ranks it among its
// siblings, as conference reports do ("thấp hơn bình quân chung của tỉnh").
type Standing struct {
	Locality   *Locality
	Indicator  *Indicator
	AsOf       date.Date
	Rate       Num
	ParentRate Num
	Difference Num // Rate − ParentRate in percentage points
	Rank       int // 1 = highest rate among siblings with a rate on the same date
	Of         int
}

// StandingOf compares l's latest rate for ind with its parent's and its siblings' on the
// same date. It returns false when there is nothing to compare.
func (s *Site) StandingOf(l *Locality, ind *Indicator) (Standing, bool) {
	return s.standingOf(l, ind, s.LatestResult(l, ind))
}

// standingOf is StandingOf with l's latest result of ind, r.
func (s *Site) standingOf(l *Locality, ind *Indicator, r *Result) (Standing, bool) {
	if r == nil || l.Parent == nil {
		return Standing{}, false
	}
	st := Standing{Locality: l, Indicator: ind, AsOf: r.AsOf, Rate: s.RateOf(r)}
	if !st.Rate.Known {
		return Standing{}, false
	}
	avg := s.averagesOf(l.Parent, ind, r.AsOf)
	st.ParentRate = avg.parentRate
	st.Difference = PointDifference(st.Rate, st.ParentRate)
	if rates := avg.rates; len(rates) > 1 {
		st.Rank, st.Of = slices.Index(rates, st.Rate.V)+1, len(rates)
	}
	return st, st.ParentRate.Known || st.Of > 1
}

func (s *Site) rateOn(l *Locality, ind *Indicator, d date.Date) Num {
	for _, r := range s.ResultsFor(l, ind) {
		if r.AsOf == d {
			if v := s.RateOf(r); v.Known {
				return v
			}
		}
	}
	return Unknown
}
