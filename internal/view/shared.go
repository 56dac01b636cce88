package view

import (
	"strings"

	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/keep"
	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/routes"
)

// Shared keeps what the pages of one site in one language have the same — a locality's
// link, the lines naming a group of documents — made by the first page that asks and
// given to every page after it: a national site names the same locality on dozens of
// pages and the same province's reports on hundreds. It is safe for concurrent use; the
// renderer of a site keeps one per language (Context.Shared), and a Context without one
// makes each value for its page.
type Shared struct {
	links   keep.Map[*model.Locality, Link]
	sources keep.Map[string, []Line] // the group's sources' ids
	plans   keep.Map[*model.Plan, planSource]
	setBy   keep.Map[*model.Plan, Line]
	decided keep.Map[decision, Line]
	planURL keep.Map[*model.Plan, string]
	// the words every card says again: "chi-so-bhyt", " người", "Chỉ tiêu 2023", "đến
	// 30/6/2023", "Theo "
	cardID   keep.Map[*model.Indicator, string]
	unit     keep.Map[*model.Indicator, string]
	label    keep.Map[date.Period, string]
	asOf     keep.Map[date.Date, string]
	spaceful keep.Map[string, string]
	labels   keep.Map[string, string]
	calcHow  keep.Map[model.Computation, string]           // what the site did, "Số do trang tính: tổng các thành phần"
	ranked   keep.Map[*model.Locality, []*model.Indicator] // the indicators that rank its children (rankedIndicators)
	details  keep.Map[detailsKey, *TargetDetails]          // what a target's value says of its rate, pace or implying plan
	// a target's notes on how its status was reached (statusNotes), by which it has
	statusNotes keep.Map[int, []string]
}

// kept returns what m holds for key, else what made gives, kept in m for the pages after
// this one; with no Shared (m nil) every page makes its own.
func kept[K comparable, V any](m *keep.Map[K, V], key K, made func() V) V {
	if m == nil {
		return made()
	}
	return m.Get(key, made)
}

// shared is c's keep of the kind pick chooses, nil when c keeps nothing between pages.
func shared[K comparable, V any](c *Context, pick func(*Shared) *keep.Map[K, V]) *keep.Map[K, V] {
	if c.Shared == nil {
		return nil
	}
	return pick(c.Shared)
}

// localityLink is the link to a locality's page: its name and address.
func (c *Context) localityLink(l *model.Locality) Link {
	return kept(shared(c, func(s *Shared) *keep.Map[*model.Locality, Link] { return &s.links }), l, func() Link { return c.makeLocalityLink(l) })
}

// sourceLines names a group of documents (groupSources): see makeSourceLines. The lines
// given are shared with other pages: a page appends to a line only after copying it.
func (c *Context) sourceLines(g []*model.Source) []Line {
	m := shared(c, func(s *Shared) *keep.Map[string, []Line] { return &s.sources })
	if m == nil {
		return c.makeSourceLines(g)
	}
	var key strings.Builder
	size := 0
	for _, s := range g {
		size += len(s.ID) + 1
	}
	key.Grow(size)
	for _, s := range g {
		key.WriteString(s.ID)
		key.WriteByte(0)
	}
	return kept(m, key.String(), func() []Line {
		lines := c.makeSourceLines(g)
		for i, l := range lines {
			lines[i] = l[:len(l):len(l)] // an append copies
		}
		return lines[:len(lines):len(lines)]
	})
}

// planSource is what the lines of sources say of a plan (makePlanSource).
func (c *Context) planSource(p *model.Plan) planSource {
	return kept(shared(c, func(s *Shared) *keep.Map[*model.Plan, planSource] { return &s.plans }), p, func() planSource { return c.makePlanSource(p) })
}

// setBy credits a target to its plan (makeSetBy); the line is shared with other pages.
func (c *Context) setBy(p *model.Plan) Line {
	return kept(shared(c, func(s *Shared) *keep.Map[*model.Plan, Line] { return &s.setBy }), p, func() Line {
		l := c.makeSetBy(p)
		return l[:len(l):len(l)] // an append copies
	})
}

// planURL is the address of a plan's page, named on the pages of every locality it sets
// targets for.
func (c *Context) planURL(p *model.Plan) string {
	return kept(shared(c, func(s *Shared) *keep.Map[*model.Plan, string] { return &s.planURL }), p, func() string { return c.URL(routes.Plan(p.ID)) })
}

// decision is a plan and the number of the decision that set a target of it.
type decision struct {
	plan   *model.Plan
	number string
}

// decidedBy credits a target to the decision of its plan that set it (Credit); the line
// is shared with other pages.
func (c *Context) decidedBy(p *model.Plan, number string) Line {
	return kept(shared(c, func(s *Shared) *keep.Map[decision, Line] { return &s.decided }), decision{p, number}, func() Line {
		return Line{text(c.F.TS("card.set_by") + " "), link(number, c.planURL(p))}
	})
}

// cardID is the anchor of an indicator's card, "chi-so-bhyt".
func (c *Context) cardID(ind *model.Indicator) string {
	return kept(shared(c, func(s *Shared) *keep.Map[*model.Indicator, string] { return &s.cardID }), ind, func() string { return "chi-so-" + ind.ID })
}

// unitAfter is an indicator's unit as it follows a figure, " người".
func (c *Context) unitAfter(ind *model.Indicator) string {
	return kept(shared(c, func(s *Shared) *keep.Map[*model.Indicator, string] { return &s.unit }), ind, func() string { return " " + c.F.Unit(ind) })
}

// targetLabel names a card's target by its period, "Chỉ tiêu 2023".
func (c *Context) targetLabel(p date.Period) string {
	return kept(shared(c, func(s *Shared) *keep.Map[date.Period, string] { return &s.label }), p, func() string {
		return string(append(append(c.F.AppendT(nil, "target"), ' '), c.F.Period(p)...))
	})
}

// asOf dates a card's result, "đến 30/6/2023".
func (c *Context) asOf(d date.Date) string {
	return kept(shared(c, func(s *Shared) *keep.Map[date.Date, string] { return &s.asOf }), d, func() string { return c.F.TS("asof", c.F.Date(d)) })
}

// labelled is the string of key followed by a colon and a space, "Tải số liệu: ".
func (c *Context) labelled(key string) string {
	return kept(shared(c, func(s *Shared) *keep.Map[string, string] { return &s.labels }), key, func() string { return c.F.TS(key) + ": " })
}

// spaced is the string of key followed by a space, "Theo ".
func (c *Context) spaced(key string) string {
	return kept(shared(c, func(s *Shared) *keep.Map[string, string] { return &s.spaceful }), key, func() string { return c.F.TS(key) + " " })
}
