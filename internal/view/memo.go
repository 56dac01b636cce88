package view

import (
	"sync"

	"github.com/covsite/covsite/internal/model"
)

// Memo keeps what the pages of one locality, or of one plan, show the same in every
// language — its targets assessed, a locality's headlines, standings, plans and sources,
// the children its table compares, its charts' points; a plan's targets in the page's
// order and its table's shape —, made by the first of its pages and read by the others,
// whose words and number formats alone differ (a fifth to a third of a page's work). The
// renderer gives one Memo to the pages of a locality or plan it renders one after another
// (render.Batch) and releases it after the last. A Context whose Memo holds another
// locality's or plan's part makes its own for its page, so a page's bytes never depend on
// the pages rendered before it. Not safe for concurrent use.
type Memo struct {
	// assessed are the targets assessed by the pages, each once (Context.progressOf).
	assessed *assessments
	locality *localityCore // nil until a locality's page makes it (in loc)
	plan     *planCore     // nil until a plan's page (or a part of its table) makes it (in pl)
	loc      localityCore
	pl       planCore
}

// Release gives the memo's assessments back for other pages and empties it; what its pages
// were given from it must not be used after.
func (m *Memo) Release() {
	if m.assessed != nil {
		m.assessed.release()
	}
	*m = Memo{}
}

// empty reports whether m holds no locality's or plan's part yet.
func (m *Memo) empty() bool { return m.locality == nil && m.plan == nil }

// memoFor is the memo a page of subject uses: the context's when it holds subject's part,
// or none yet, else one of the page's own; own says which, to be released when the page ends.
func (c *Context) memoFor(holds func(*Memo) bool) (m *Memo, own bool) {
	if m = c.Memo; m != nil && (m.empty() || holds(m)) {
		return m, false
	}
	return memoPool.Get().(*Memo), true
}

// memoPool keeps the memos of pages made alone, empty, for the pages after them.
var memoPool = sync.Pool{New: func() any { return new(Memo) }}

// enter starts a page on m's assessments, made for about n targets when m has none yet;
// the function returned ends it, releasing m when the page owned it.
func (c *Context) enter(m *Memo, own bool, n int) func() {
	if m.assessed == nil {
		m.assessed = newAssessments(n)
	}
	c.assessed = m.assessed
	return func() {
		c.assessed, c.page, c.local = nil, nil, model.Local{}
		if own {
			m.Release()
			memoPool.Put(m)
		}
	}
}

// localityCore is what a locality's page shows that no language changes: computed from
// the model alone, never with the context's Format.
type localityCore struct {
	l     *model.Locality
	local model.Local
	facts localityFacts
	table *childTargets // the children compared on their targets; nil for none
	// results and rates are the points of the charts of results over time and of rate
	// targets by year
	results   resultPoints
	rates     ratePoints
	offers    []Offer  // the data files the page links to (Context.Data)
	offerURLs []string // their addresses
	// ranking is the children's ranking the page shows: on the first indicator that
	// ranks them (firstRanking); none when no indicator does
	ranking childShareRanking
}

// childShareRanking is a ranking's language-free part: the children's shares of target on
// ind, in the ranking's order (rankedShares), known of them with a share.
type childShareRanking struct {
	ind   *model.Indicator
	rows  []shareRow
	known int
}

// firstRanking ranks l's children on the first indicator on which two or more have a
// share of target (a province's page shows one ranking: every indicator's has its page).
func (c *Context) firstRanking(l *model.Locality) childShareRanking {
	if len(l.Children) < 2 {
		return childShareRanking{}
	}
	for _, ind := range c.Site.Indicators {
		if rows, known := rankedShares(c.Site, l, ind); known >= 2 {
			return childShareRanking{ind, rows, known}
		}
	}
	return childShareRanking{}
}

// enterLocality starts l's page: its language-free part from the context's Memo (made
// there by the first of l's pages to ask), else made for this page alone. The function
// returned ends the page.
func (c *Context) enterLocality(l *model.Locality) (*localityCore, func()) {
	m, own := c.memoFor(func(m *Memo) bool { return m.locality != nil && m.locality.l == l })
	done := c.enter(m, own, len(c.Site.TargetsOf(l)))
	if m.locality == nil {
		c.page, c.local = l, c.Site.Local(l)
		m.loc = c.makeLocalityCore(l)
		m.locality = &m.loc
	}
	c.page, c.local = l, m.locality.local
	return m.locality, done
}

func (c *Context) makeLocalityCore(l *model.Locality) localityCore {
	core := localityCore{l: l, local: c.local, facts: c.localityFacts(l)}
	if len(l.Children) <= maxComparedChildren {
		core.table = c.childTable(l)
	}
	core.results, core.rates, core.offers = c.resultPointsOf(l), c.ratePointsOf(l), c.offersOf(l)
	core.ranking = c.firstRanking(l)
	core.offerURLs = c.offerURLs(core.offers)
	return core
}

// planCore is what a plan's page, and each part of its table, show that no language
// changes: computed from the model alone, never with the context's Format.
type planCore struct {
	p *model.Plan
	// rows are the plan's targets assessed, from the territory down, then by period and
	// indicator, each level in the plan's order (planRows); made for the plan's page only.
	// Each points to the memo's assessment of its target.
	rows []*model.Progress
	// territory are the rows the plan's cards show (territoryTargets), made with rows.
	territory []*model.Progress
	// shape is the shape of the plan's table (allocate), when tabled.
	shape  tableShape
	tabled bool
	// results are what every part of the table says of the whole table's results; nil
	// until a part is made.
	results *tableResults
}

// enterPlan starts a page of p (its own or a part of its table): its language-free part
// from the context's Memo, else made for this page alone. The function returned ends the
// page.
func (c *Context) enterPlan(p *model.Plan) (*planCore, func()) {
	m, own := c.memoFor(func(m *Memo) bool { return m.plan != nil && m.plan.p == p })
	done := c.enter(m, own, len(p.Targets))
	if m.plan == nil {
		m.pl = planCore{p: p}
		m.pl.shape, m.pl.tabled = allocate(c.Site, p)
		m.plan = &m.pl
	}
	return m.plan, done
}
