package model

import (
	"cmp"
	"maps"
	"slices"
	"sync"

	"github.com/covsite/covsite/internal/date"
)

// index holds the lookups pages need, built once after validation.
type index struct {
	local        map[*Locality]*localIndex // the targets and results of each locality with any
	denominators map[*Locality][]*Denominators
	docs         map[*Locality][]*Document
	planDocs     map[*Plan][]*Document
	comparisons  map[*Locality][]*Comparison // by the locality named below average
	averagesOf   map[*Locality][]*Comparison // by the parent whose average they compare with
	planOrder    map[*Plan]int               // position in Site.Plans
	sourceOrder  map[*Source]int             // position in Site.Sources
}

func newIndex(s *Site) *index {
	ix := &index{
		docs:      map[*Locality][]*Document{},
		planDocs:  map[*Plan][]*Document{},
		planOrder: make(map[*Plan]int, len(s.Plans)),
	}
	// the targets and results (a national site has 300,000 and 500,000), on every
	// processor: they fill fields of their own
	var wg sync.WaitGroup
	wg.Go(func() { ix.indexLocalities(s) })
	for i, p := range s.Plans {
		ix.planOrder[p] = i
	}
	ix.indexSources(s)
	ix.denominators = byLocality(s.Denominators, func(d *Denominators) *Locality { return d.Locality })
	for _, d := range s.Documents {
		for _, l := range d.Localities {
			ix.docs[l] = append(ix.docs[l], d)
		}
		for _, p := range d.Plans {
			ix.planDocs[p] = append(ix.planDocs[p], d)
		}
	}
	wg.Wait()
	return ix
}

// localIndex is one locality's targets and results: all of them in Site.Targets' and
// Site.Results' order (TargetsOf, ResultsOf), and by indicator (TargetsFor, ResultsFor):
// the targets of each indicator oldest period first, its results oldest first (those of
// one date as compareResults orders them: the one the pages show last), with the results'
// dates (assessing a target looks for the results of its period and of its eve among
// them, without reading every result). The parts by indicator are ranges of one array,
// the indicator of Order i's from off[i] to off[i+1]: a slice each (24 bytes an indicator
// a locality, three times) was ~10 MB of a national site's heap. A locality's targets and
// results, and their parts by indicator, are parts of four arrays the site's size.
type localIndex struct {
	targets, tSorted []*Target
	results, rSorted []*Result
	asOf             []date.Date // rSorted's dates
	tOff, rOff       []int32
}

// indexLocalities makes the index of every locality's targets and results: grouped by
// locality first, then each locality's by indicator on as many goroutines as there are
// processors (sorting each one's results by indicator and date is most of it).
func (ix *index) indexLocalities(s *Site) {
	var tBy map[*Locality][]*Target
	var rBy map[*Locality][]*Result
	var wg sync.WaitGroup
	wg.Go(func() { tBy = byLocality(s.Targets, func(t *Target) *Locality { return t.Locality }) })
	rBy = byLocality(s.Results, func(r *Result) *Locality { return r.Locality })
	wg.Wait()
	ls := make([]*Locality, 0, max(len(tBy), len(rBy)))
	for l := range tBy {
		ls = append(ls, l)
	}
	for l := range rBy {
		if _, ok := tBy[l]; !ok {
			ls = append(ls, l)
		}
	}
	locals := make([]localIndex, len(ls))
	tSorted, rSorted := make([]*Target, len(s.Targets)), make([]*Result, len(s.Results))
	asOf := make([]date.Date, len(s.Results))
	type ranges struct{ t, r int }
	at := make([]ranges, len(ls))
	var t, r int
	for i, l := range ls {
		at[i] = ranges{t, r}
		t, r = t+len(tBy[l]), r+len(rBy[l])
	}
	inParallel(len(ls), func(i int) {
		ts, rs := tBy[ls[i]], rBy[ls[i]]
		li := &locals[i]
		li.indexTargets(ts, tSorted[at[i].t:at[i].t+len(ts):at[i].t+len(ts)])
		li.indexResults(rs, rSorted[at[i].r:at[i].r+len(rs):at[i].r+len(rs)], asOf[at[i].r:at[i].r+len(rs):at[i].r+len(rs)])
	})
	ix.local = make(map[*Locality]*localIndex, len(ls))
	for i, l := range ls {
		ix.local[l] = &locals[i]
	}
}

// indexTargets indexes the locality's targets, given in Site.Targets order, by indicator
// into sorted (as long): each indicator's stably by period.
func (li *localIndex) indexTargets(all, sorted []*Target) {
	li.targets, li.tSorted = all, sorted
	li.tOff = byIndicator(all, sorted, func(t *Target) *Indicator { return t.Indicator })
	for i := range len(li.tOff) - 1 {
		slices.SortStableFunc(sorted[li.tOff[i]:li.tOff[i+1]], func(a, b *Target) int {
			return cmp.Or(a.Period.Start.Compare(b.Period.Start), a.Period.End.Compare(b.Period.End))
		})
	}
}

// indexResults indexes the locality's results, given in Site.Results order, by indicator
// into sorted (as long): each indicator's by date, of one date the one shown last; their
// dates into asOf (as long).
func (li *localIndex) indexResults(all, sorted []*Result, asOf []date.Date) {
	li.results, li.rSorted, li.asOf = all, sorted, asOf
	li.rOff = byIndicator(all, sorted, func(r *Result) *Indicator { return r.Indicator })
	for i := range len(li.rOff) - 1 {
		slices.SortStableFunc(sorted[li.rOff[i]:li.rOff[i+1]], compareResults)
	}
	for i, r := range sorted {
		asOf[i] = r.AsOf
	}
}

// byIndicator puts all's items into by (as long) by their indicator (its Order), each
// indicator's in their order, and returns where each indicator's part starts: that of
// Order i is by[off[i]:off[i+1]].
func byIndicator[T any](all, by []T, indicator func(T) *Indicator) (off []int32) {
	n := 0
	for _, x := range all {
		n = max(n, indicator(x).Order+1)
	}
	if n == 0 {
		return nil
	}
	off = make([]int32, n+1)
	for _, x := range all {
		off[indicator(x).Order+1]++
	}
	for i := 1; i <= n; i++ {
		off[i] += off[i-1]
	}
	var room [32]int32
	next := append(room[:0], off[:n]...)
	for _, x := range all {
		o := indicator(x).Order
		by[next[o]] = x
		next[o]++
	}
	return off
}

// part is the part of by of the indicator of Order o (byIndicator), nil when it has none.
func part[T any](by []T, off []int32, o int) []T {
	if o+1 >= len(off) || off[o] == off[o+1] {
		return nil
	}
	return by[off[o]:off[o+1]:off[o+1]]
}

func (li *localIndex) targetsFor(ind *Indicator) []*Target {
	if li == nil {
		return nil
	}
	return part(li.tSorted, li.tOff, ind.Order)
}

func (li *localIndex) resultsFor(ind *Indicator) []*Result {
	if li == nil {
		return nil
	}
	return part(li.rSorted, li.rOff, ind.Order)
}

// resultsWithDates are resultsFor(ind) and their dates.
func (li *localIndex) resultsWithDates(ind *Indicator) ([]*Result, []date.Date) {
	if li == nil {
		return nil, nil
	}
	return part(li.rSorted, li.rOff, ind.Order), part(li.asOf, li.rOff, ind.Order)
}

// byLocality splits items, in their order, by their locality: each locality's items are a
// part of one array the size of all, counted first, instead of a slice each grown one item
// at a time (a national site's 950,000 results and targets left ~3 MB of slices part empty
// so).
func byLocality[T any](all []T, locality func(T) *Locality) map[*Locality][]T {
	counts := map[*Locality]int{}
	for _, x := range all {
		counts[locality(x)]++
	}
	by := make(map[*Locality][]T, len(counts))
	backing := make([]T, len(all))
	off := 0
	for _, x := range all {
		l := locality(x)
		part, ok := by[l]
		if !ok {
			n := counts[l]
			part = backing[off : off : off+n]
			off += n
		}
		by[l] = append(part, x)
	}
	return by
}

// indexSources makes the lookups of s's sources and comparisons.
func (ix *index) indexSources(s *Site) {
	ix.sourceOrder = make(map[*Source]int, len(s.Sources))
	for i, src := range s.Sources {
		ix.sourceOrder[src] = i
	}
	ix.comparisons, ix.averagesOf = map[*Locality][]*Comparison{}, map[*Locality][]*Comparison{}
	for _, c := range s.Comparisons {
		ix.averagesOf[c.Parent] = append(ix.averagesOf[c.Parent], c)
		for _, l := range c.Below {
			ix.comparisons[l] = append(ix.comparisons[l], c)
		}
	}
}

// withSources returns the index of s, a site that differs from ix's only in its results
// files: the links of gone were dropped, those of added linked anew. It shares every
// lookup results files do not touch and the results of every locality neither gone nor
// added has a result for; the others it makes again as newIndex makes them. ix itself is
// not changed.
func (ix *index) withSources(s *Site, gone, added []*sourceLinks) *index {
	nx := *ix
	nx.indexSources(s)
	dropped, touched := map[*Result]bool{}, map[*Locality][]*Result{} // the new results of each touched locality
	for _, sl := range gone {
		for _, r := range sl.results {
			dropped[r] = true
			if _, ok := touched[r.Locality]; !ok {
				touched[r.Locality] = nil // no new results yet
			}
		}
	}
	for _, sl := range added {
		for _, r := range sl.results {
			touched[r.Locality] = append(touched[r.Locality], r)
		}
	}
	nx.local = maps.Clone(ix.local)
	for l, fresh := range touched {
		// The kept results are in Site.Results order and the new ones in their file's:
		// sorting all stably on their source's position gives Site.Results order.
		var all []*Result
		old := ix.local[l]
		if old != nil {
			for _, r := range old.results {
				if !dropped[r] {
					all = append(all, r)
				}
			}
		}
		all = append(all, fresh...)
		slices.SortStableFunc(all, func(a, b *Result) int { return cmp.Compare(nx.sourceOrder[a.Source], nx.sourceOrder[b.Source]) })
		li := &localIndex{}
		if old != nil { // its targets as they were
			li.targets, li.tSorted, li.tOff = old.targets, old.tSorted, old.tOff
		}
		li.indexResults(all, make([]*Result, len(all)), make([]date.Date, len(all)))
		if len(all) == 0 && len(li.targets) == 0 {
			delete(nx.local, l)
			continue
		}
		nx.local[l] = li
	}
	return &nx
}

// TargetsFor returns every target for l and ind, from every plan, oldest period first.
func (s *Site) TargetsFor(l *Locality, ind *Indicator) []*Target {
	return s.index.local[l].targetsFor(ind)
}

// ResultsFor returns every result for l and ind, oldest first.
func (s *Site) ResultsFor(l *Locality, ind *Indicator) []*Result {
	return s.index.local[l].resultsFor(ind)
}

// TargetsOf returns every target for l, of every indicator and plan, in the order of
// Site.Targets (so, within a plan, in the plan's order).
func (s *Site) TargetsOf(l *Locality) []*Target {
	if li := s.index.local[l]; li != nil {
		return li.targets
	}
	return nil
}

// ResultsOf returns every result for l, of every indicator, in the order of Site.Results.
func (s *Site) ResultsOf(l *Locality) []*Result {
	if li := s.index.local[l]; li != nil {
		return li.results
	}
	return nil
}

// PlanOrder returns p's position in Site.Plans.
func (s *Site) PlanOrder(p *Plan) int { return s.index.planOrder[p] }

// SourceOrder returns src's position in Site.Sources.
func (s *Site) SourceOrder(src *Source) int { return s.index.sourceOrder[src] }

// LatestResult returns the newest result with a value for l and ind, or nil.
func (s *Site) LatestResult(l *Locality, ind *Indicator) *Result {
	return latestOf(s.ResultsFor(l, ind))
}

// DocumentsAbout returns the documents that name l.
func (s *Site) DocumentsAbout(l *Locality) []*Document { return s.index.docs[l] }

// DocumentsAboutPlan returns the documents that name p.
func (s *Site) DocumentsAboutPlan(p *Plan) []*Document { return s.index.planDocs[p] }

// ComparisonsNaming returns the reported below-average statements that name l.
func (s *Site) ComparisonsNaming(l *Locality) []*Comparison { return s.index.comparisons[l] }

// ComparisonsWithin returns the reported below-average statements about l's children,
// which compare them with l's own average.
func (s *Site) ComparisonsWithin(l *Locality) []*Comparison { return s.index.averagesOf[l] }

// Denominator returns the population, labour force … of l in year, if known.
func (s *Site) Denominator(l *Locality, base Base, year int) Num {
	for _, d := range s.index.denominators[l] {
		if v, ok := d.Values.Get(base); ok && d.Year == year {
			return Known(v, 0)
		}
	}
	return Unknown
}

// HasFigures reports whether l has any target or result.
func (s *Site) HasFigures(l *Locality) bool {
	for _, ind := range s.Indicators {
		if len(s.TargetsFor(l, ind)) > 0 || len(s.ResultsFor(l, ind)) > 0 {
			return true
		}
	}
	return false
}
