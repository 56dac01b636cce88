package view

import (
	"strings"
	"sync"

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
	links   sync.Map // *model.Locality → Link
	sources sync.Map // the group's sources' ids → []Line
	plans   sync.Map // *model.Plan → planSource
	setBy   sync.Map // *model.Plan → Line
	decided sync.Map // decision{plan, number} → Line
	planURL sync.Map // *model.Plan → string
}

// kept returns what m holds for key, else what made gives, kept in m for the pages after
// this one; with no Shared (m nil) every page makes its own.
func kept[V any](m *sync.Map, key any, made func() V) V {
	if m == nil {
		return made()
	}
	if v, ok := m.Load(key); ok {
		return v.(V)
	}
	v := made()
	m.Store(key, v)
	return v
}

// shared is c's map of the kind pick chooses, nil when c keeps nothing between pages.
func (c *Context) shared(pick func(*Shared) *sync.Map) *sync.Map {
	if c.Shared == nil {
		return nil
	}
	return pick(c.Shared)
}

// localityLink is the link to a locality's page: its name and address.
func (c *Context) localityLink(l *model.Locality) Link {
	return kept(c.shared(func(s *Shared) *sync.Map { return &s.links }), l, func() Link { return c.makeLocalityLink(l) })
}

// sourceLines names a group of documents (groupSources): see makeSourceLines. The lines
// given are shared with other pages: a page appends to a line only after copying it.
func (c *Context) sourceLines(g []*model.Source) []Line {
	m := c.shared(func(s *Shared) *sync.Map { return &s.sources })
	if m == nil {
		return c.makeSourceLines(g)
	}
	var key strings.Builder
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
	return kept(c.shared(func(s *Shared) *sync.Map { return &s.plans }), p, func() planSource { return c.makePlanSource(p) })
}

// setBy credits a target to its plan (makeSetBy); the line is shared with other pages.
func (c *Context) setBy(p *model.Plan) Line {
	return kept(c.shared(func(s *Shared) *sync.Map { return &s.setBy }), p, func() Line {
		l := c.makeSetBy(p)
		return l[:len(l):len(l)] // an append copies
	})
}

// planURL is the address of a plan's page, named on the pages of every locality it sets
// targets for.
func (c *Context) planURL(p *model.Plan) string {
	return kept(c.shared(func(s *Shared) *sync.Map { return &s.planURL }), p, func() string { return c.URL(routes.Plan(p.ID)) })
}

// decision is a plan and the number of the decision that set a target of it.
type decision struct {
	plan   *model.Plan
	number string
}

// decidedBy credits a target to the decision of its plan that set it (Credit); the line
// is shared with other pages.
func (c *Context) decidedBy(p *model.Plan, number string) Line {
	return kept(c.shared(func(s *Shared) *sync.Map { return &s.decided }), decision{p, number}, func() Line {
		return Line{text(c.F.TS("card.set_by") + " "), link(number, c.planURL(p))}
	})
}
