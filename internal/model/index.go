package model

import (
	"cmp"
	"maps"
	"slices"
	"sync"
)

// index holds the lookups pages need, built once after validation.
type index struct {
	results      map[*Locality]*localResults
	denominators map[*Locality][]*Denominators
	docs         map[*Locality][]*Document
	planDocs     map[*Plan][]*Document
	comparisons  map[*Locality][]*Comparison // by the locality named below average
	averagesOf   map[*Locality][]*Comparison // by the parent whose average they compare with
	locTargets   map[*Locality][]*Target     // every target of a locality, in Site.Targets order
	planOrder    map[*Plan]int               // position in Site.Plans
	sourceOrder  map[*Source]int             // position in Site.Sources
}

func newIndex(s *Site) *index {
	ix := &index{
		results:      make(map[*Locality]*localResults, len(s.Localities)),
		denominators: map[*Locality][]*Denominators{}, docs: map[*Locality][]*Document{},
		planDocs:  map[*Plan][]*Document{},
		planOrder: make(map[*Plan]int, len(s.Plans)),
	}
	// the targets and the results (a national site has 300,000 and 500,000) each on a
	// goroutine of their own: they fill fields of their own
	var wg sync.WaitGroup
	wg.Go(func() { ix.indexTargets(s) })
	wg.Go(func() { ix.indexResults(s) })
	for i, p := range s.Plans {
		ix.planOrder[p] = i
	}
	ix.indexSources(s)
	for _, d := range s.Denominators {
		ix.denominators[d.Locality] = append(ix.denominators[d.Locality], d)
	}
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

// indexTargets indexes the targets by locality (by locality and indicator: the memo's
// localTargets, made as pages ask).
func (ix *index) indexTargets(s *Site) {
	ix.locTargets = byLocality(s.Targets, func(t *Target) *Locality { return t.Locality })
}

// indexResults indexes the results by locality, the localities on as many goroutines as
// there are processors (sorting each one's results by indicator and date is most of
// indexing; the targets' index, on a goroutine of its own, takes a third of the time).
func (ix *index) indexResults(s *Site) {
	by := byLocality(s.Results, func(r *Result) *Locality { return r.Locality })
	ls := make([]*Locality, 0, len(by))
	for l := range by {
		ls = append(ls, l)
	}
	lrs := make([]*localResults, len(ls))
	inParallel(len(ls), func(i int) { lrs[i] = newLocalResults(by[ls[i]]) })
	for i, l := range ls {
		ix.results[l] = lrs[i]
	}
}

// byLocality splits items, in their order, by their locality: each locality's items are a
// part of one array the size of all, counted first (byIndicator's way), instead of a slice
// each grown one item at a time (a national site's 950,000 results and targets left ~3 MB
// of slices part empty so).
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

// localResults are the results of one locality: all, in Site.Results order, and those of
// each indicator (by Indicator.Order), oldest first (those of one date as compareResults
// orders them: the one the pages show last).
type localResults struct {
	all   []*Result
	byInd [][]*Result
}

// newLocalResults indexes the results of one locality, given in Site.Results order.
func newLocalResults(all []*Result) *localResults {
	lr := &localResults{all: all, byInd: byIndicator(all, func(r *Result) *Indicator { return r.Indicator })}
	for _, rs := range lr.byInd {
		slices.SortStableFunc(rs, compareResults) // by date; of one date, the one shown last
	}
	return lr
}

// byIndicator splits items, in their order, by their indicator (its Order): each
// indicator's items are a part of one array the size of all, counted first, instead of a
// slice each grown one item at a time.
func byIndicator[T any](all []T, indicator func(T) *Indicator) [][]T {
	var counts []int
	for _, x := range all {
		if n := indicator(x).Order + 1; n > len(counts) {
			counts = append(counts, make([]int, n-len(counts))...)
		}
		counts[indicator(x).Order]++
	}
	by := make([][]T, len(counts))
	backing := make([]T, len(all))
	off := 0
	for i, n := range counts {
		if n > 0 {
			by[i] = backing[off : off : off+n]
			off += n
		}
	}
	for _, x := range all {
		o := indicator(x).Order
		by[o] = append(by[o], x)
	}
	return by
}

func (lr *localResults) of(ind *Indicator) []*Result {
	if lr == nil || ind.Order >= len(lr.byInd) {
		return nil
	}
	return lr.byInd[ind.Order]
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
	nx.results = maps.Clone(ix.results)
	for l, fresh := range touched {
		// The kept results are in Site.Results order and the new ones in their file's:
		// sorting all stably on their source's position gives Site.Results order.
		var all []*Result
		if old := ix.results[l]; old != nil {
			for _, r := range old.all {
				if !dropped[r] {
					all = append(all, r)
				}
			}
		}
		all = append(all, fresh...)
		slices.SortStableFunc(all, func(a, b *Result) int { return cmp.Compare(nx.sourceOrder[a.Source], nx.sourceOrder[b.Source]) })
		if len(all) == 0 {
			delete(nx.results, l)
			continue
		}
		nx.results[l] = newLocalResults(all)
	}
	return &nx
}

// TargetsFor returns every target for l and ind, from every plan, oldest period first.
func (s *Site) TargetsFor(l *Locality, ind *Indicator) []*Target {
	return s.localTargetsOf(l).of(ind)
}

// ResultsFor returns every result for l and ind, oldest first.
func (s *Site) ResultsFor(l *Locality, ind *Indicator) []*Result { return s.index.results[l].of(ind) }

// TargetsOf returns every target for l, of every indicator and plan, in the order of
// Site.Targets (so, within a plan, in the plan's order).
func (s *Site) TargetsOf(l *Locality) []*Target { return s.index.locTargets[l] }

// ResultsOf returns every result for l, of every indicator, in the order of Site.Results.
func (s *Site) ResultsOf(l *Locality) []*Result {
	if lr := s.index.results[l]; lr != nil {
		return lr.all
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
