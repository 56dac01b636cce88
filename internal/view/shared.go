package view

import (
	"strings"
	"sync"

	"github.com/covsite/covsite/internal/model"
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
}

// localityLink is the link to a locality's page: its name and address.
func (c *Context) localityLink(l *model.Locality) Link {
	if c.Shared == nil {
		return c.makeLocalityLink(l)
	}
	if v, ok := c.Shared.links.Load(l); ok {
		return v.(Link)
	}
	link := c.makeLocalityLink(l)
	c.Shared.links.Store(l, link)
	return link
}

// sourceLines names a group of documents (groupSources): see makeSourceLines. The lines
// given are shared with other pages: a page appends to a line only after copying it.
func (c *Context) sourceLines(g []*model.Source) []Line {
	if c.Shared == nil {
		return c.makeSourceLines(g)
	}
	var key strings.Builder
	for _, s := range g {
		key.WriteString(s.ID)
		key.WriteByte(0)
	}
	if v, ok := c.Shared.sources.Load(key.String()); ok {
		return v.([]Line)
	}
	lines := c.makeSourceLines(g)
	for i, l := range lines {
		lines[i] = l[:len(l):len(l)] // an append copies
	}
	lines = lines[:len(lines):len(lines)]
	c.Shared.sources.Store(key.String(), lines)
	return lines
}

// planSource is what the lines of sources say of a plan (makePlanSource).
func (c *Context) planSource(p *model.Plan) planSource {
	if c.Shared == nil {
		return c.makePlanSource(p)
	}
	if v, ok := c.Shared.plans.Load(p); ok {
		return v.(planSource)
	}
	ps := c.makePlanSource(p)
	c.Shared.plans.Store(p, ps)
	return ps
}

// setBy credits a target to its plan (makeSetBy); the line is shared with other pages.
func (c *Context) setBy(p *model.Plan) Line {
	if c.Shared == nil {
		return c.makeSetBy(p)
	}
	if v, ok := c.Shared.setBy.Load(p); ok {
		return v.(Line)
	}
	l := c.makeSetBy(p)
	l = l[:len(l):len(l)] // an append copies
	c.Shared.setBy.Store(p, l)
	return l
}
