package view

import (
	"cmp"
	"slices"

	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/model"
)

// Measure is what a map colours and a ranking orders by.
type Measure int

// The measures: a result's coverage rate, or its share of the plan's target.
const (
	Rate Measure = iota
	Share
)

// Measures in the order pages show them.
var Measures = []Measure{Rate, Share}

// Key names the measure in ids and UI strings: "rate", "share".
func (m Measure) Key() string {
	if m == Share {
		return "share"
	}
	return "rate"
}

// Figure is one locality's latest figure of an indicator, measured as a rate or a share:
// what a tile, a row of a ranking or a share card shows.
type Figure struct {
	Locality *model.Locality
	Result   *model.Result // nil: no result at all
	Value    model.Num     // the rate or the share; unknown when the result has none
	Target   *model.Target // the target of a share
}

// Known reports whether the figure has a value.
func (f Figure) Known() bool { return f.Result != nil && f.Value.Known }

// FigureOf is l's latest figure of ind by m: the latest result's coverage rate, or its
// share of the first target whose period covers the result's date.
func FigureOf(s *model.Site, l *model.Locality, ind *model.Indicator, m Measure) Figure {
	f := Figure{Locality: l, Result: s.LatestResult(l, ind)}
	if f.Result == nil {
		return f
	}
	if m == Rate {
		f.Value = s.RateOf(f.Result)
		return f
	}
	for _, t := range s.TargetsFor(l, ind) {
		if f.Result.AsOf.Before(t.Period.Start) || f.Result.AsOf.After(t.Deadline) {
			continue
		}
		if p := s.Assess(t); p.Share.Known {
			f.Value, f.Target = p.Share, t
			return f
		}
	}
	return f
}

// Latest is the newest date among figures with a value, or the zero date.
func Latest(figs []Figure) date.Date {
	var d date.Date
	for _, f := range figs {
		if f.Known() && f.Result.AsOf.After(d) {
			d = f.Result.AsOf
		}
	}
	return d
}

// ranked orders figures best first (by the indicator's direction), then those without a
// value, each by locality id so equal values keep one order.
func ranked(figs []Figure, ind *model.Indicator) []Figure {
	out := slices.Clone(figs)
	slices.SortStableFunc(out, func(a, b Figure) int {
		if a.Known() != b.Known() {
			if a.Known() {
				return -1
			}
			return 1
		}
		by := cmp.Compare(b.Value.V, a.Value.V)
		if ind.Direction == model.LowerIsBetter {
			by = -by
		}
		return cmp.Or(by, cmp.Compare(a.Locality.ID, b.Locality.ID))
	})
	return out
}
