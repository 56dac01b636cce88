package model

// Local is one locality's targets and results by indicator, looked up once: a page asks
// for its locality's of every indicator, several times each (its cards, standings,
// charts, sources), and each of Site's answers looks the locality up again.
type Local struct {
	s  *Site
	l  *Locality
	li *localIndex
}

// Local is l's targets and results by indicator.
func (s *Site) Local(l *Locality) Local {
	return Local{s: s, l: l, li: s.index.local[l]}
}

// Assess is Site.Assess, without looking the locality up when t is the locality's.
func (x Local) Assess(t *Target) Progress {
	if t.Locality != x.l {
		return x.s.Assess(t)
	}
	rs, dates := x.li.resultsWithDates(t.Indicator)
	return x.s.assess(t, rs, dates)
}

// StandingOf is Site.StandingOf of the locality.
func (x Local) StandingOf(ind *Indicator) (Standing, bool) {
	return x.s.standingOf(x.l, ind, x.LatestResult(ind))
}

// TargetsFor is Site.TargetsFor of the locality.
func (x Local) TargetsFor(ind *Indicator) []*Target { return x.li.targetsFor(ind) }

// ResultsFor is Site.ResultsFor of the locality.
func (x Local) ResultsFor(ind *Indicator) []*Result { return x.li.resultsFor(ind) }

// LatestResult is Site.LatestResult of the locality.
func (x Local) LatestResult(ind *Indicator) *Result { return latestOf(x.li.resultsFor(ind)) }

// latestOf is the newest result of rs (oldest first) with a value or a rate.
func latestOf(rs []*Result) *Result {
	for i := len(rs) - 1; i >= 0; i-- {
		if rs[i].Value.Known || rs[i].Rate.Known {
			return rs[i]
		}
	}
	return nil
}
