package model

import (
	"cmp"
	"slices"

	"github.com/covsite/covsite/internal/date"
)

// localTargets are one locality's targets by indicator (Indicator.Order), each
// indicator's oldest period first: what TargetsFor answers for the locality. A page asks
// for its locality's targets of every indicator, and for its children's: one lookup of
// the locality, then an index, instead of hashing a locality and an indicator into a map
// of every target of the site (300,000 on a national site) each time. With them, the
// dates of its results, by indicator in ResultsFor's order: assessing a target looks for
// the results of its period and of its eve among them, without reading every result.
type localTargets struct {
	byInd [][]*Target
	// results and asOf are ResultsFor's results and their dates, by indicator.
	results [][]*Result
	asOf    [][]date.Date
}

// localTargetsOf is l's localTargets, made from TargetsOf and ResultsFor the first time a
// page asks and kept in the site's memo; every page after it shares them.
func (s *Site) localTargetsOf(l *Locality) *localTargets {
	return s.memoOf().targets.Get(l, func() *localTargets {
		lt := newLocalTargets(s.TargetsOf(l))
		lt.indexResults(s.index.results[l])
		return lt
	})
}

// indexResults keeps lr's results by indicator and their dates in one array.
func (lt *localTargets) indexResults(lr *localResults) {
	if lr == nil {
		return
	}
	lt.results = lr.byInd
	dates := make([]date.Date, len(lr.all))
	lt.asOf = make([][]date.Date, len(lr.byInd))
	off := 0
	for i, rs := range lr.byInd {
		part := dates[off : off+len(rs) : off+len(rs)]
		for j, r := range rs {
			part[j] = r.AsOf
		}
		lt.asOf[i], off = part, off+len(rs)
	}
}

// resultsOf are ResultsFor(l, ind) of lt's locality l, with their dates.
func (lt *localTargets) resultsOf(ind *Indicator) ([]*Result, []date.Date) {
	if ind.Order >= len(lt.results) {
		return nil, nil
	}
	return lt.results[ind.Order], lt.asOf[ind.Order]
}

// newLocalTargets indexes the targets of one locality, given in Site.Targets order, as
// the index orders each locality and indicator's: stably by period.
func newLocalTargets(all []*Target) *localTargets {
	lt := &localTargets{byInd: byIndicator(all, func(t *Target) *Indicator { return t.Indicator })}
	for _, ts := range lt.byInd {
		slices.SortStableFunc(ts, func(a, b *Target) int {
			return cmp.Or(a.Period.Start.Compare(b.Period.Start), a.Period.End.Compare(b.Period.End))
		})
	}
	return lt
}

// of is the targets of ind.
func (lt *localTargets) of(ind *Indicator) []*Target {
	if ind.Order >= len(lt.byInd) {
		return nil
	}
	return lt.byInd[ind.Order]
}

// Local is one locality's targets and results by indicator, looked up once: a page asks
// for its locality's of every indicator, several times each (its cards, standings,
// charts, sources), and each of Site's answers looks the locality up again.
type Local struct {
	s  *Site
	l  *Locality
	lt *localTargets
	lr *localResults
}

// Local is l's targets and results by indicator.
func (s *Site) Local(l *Locality) Local {
	return Local{s: s, l: l, lt: s.localTargetsOf(l), lr: s.index.results[l]}
}

// Assess is Site.Assess, without looking the locality up when t is the locality's.
func (x Local) Assess(t *Target) Progress {
	if t.Locality != x.l {
		return x.s.Assess(t)
	}
	rs, dates := x.lt.resultsOf(t.Indicator)
	return x.s.assess(t, rs, dates)
}

// StandingOf is Site.StandingOf of the locality.
func (x Local) StandingOf(ind *Indicator) (Standing, bool) {
	return x.s.standingOf(x.l, ind, x.LatestResult(ind))
}

// TargetsFor is Site.TargetsFor of the locality.
func (x Local) TargetsFor(ind *Indicator) []*Target { return x.lt.of(ind) }

// ResultsFor is Site.ResultsFor of the locality.
func (x Local) ResultsFor(ind *Indicator) []*Result { return x.lr.of(ind) }

// LatestResult is Site.LatestResult of the locality.
func (x Local) LatestResult(ind *Indicator) *Result { return latestOf(x.lr.of(ind)) }

// latestOf is the newest result of rs (oldest first) with a value or a rate.
func latestOf(rs []*Result) *Result {
	for i := len(rs) - 1; i >= 0; i-- {
		if rs[i].Value.Known || rs[i].Rate.Known {
			return rs[i]
		}
	}
	return nil
}
