package view

import (
	"sync"

	"github.com/covsite/covsite/internal/i18n"
	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/routes"
)

// Context is what every view of one language needs: the site, its strings and formats, and
// where the site is published.
type Context struct {
	Site *model.Site
	F    Format
	Base routes.Base
	// Data decides which data files a locality's page links to; nil links none.
	Data DataFiles
	// Shared keeps what the site's pages in this language have the same; nil makes it
	// for each page.
	Shared *Shared
	// Memo keeps what the pages of one locality or plan have the same in every language,
	// for the next of its pages; nil makes it for each page.
	Memo *Memo
	// Keys: the pages print every figure's key (render.Options.FigureKeys), so the views
	// make them (Fig.Key, CreditMark.Key); without it they stay empty.
	Keys bool
	// assessed keeps each target's assessment for the page being made, so a target shown
	// in a card and in a table is assessed once, and the page's views point to it instead
	// of copying it (a Progress is some 300 bytes).
	assessed *assessments
	// page is the locality whose page is being made: its own figures' keys leave it out
	// (pageKey).
	page *model.Locality
	// local is page's targets and results by indicator, looked up once for the page.
	local model.Local
}

// localOf is l's targets and results by indicator: the page's, kept, or looked up.
func (c *Context) localOf(l *model.Locality) model.Local {
	if l == c.page {
		return c.local
	}
	return c.Site.Local(l)
}

// DataFiles says which data files a locality's page links to: internal/render/download
// decides, by the site's size; the view prints them.
type DataFiles interface {
	Offers(l *model.Locality) []Offer
}

// An Offer is a data file a locality's page links to.
type Offer struct {
	Route  string          // the file, under the default language
	Format string          // "CSV", "JSON", or "ZIP" for a province's pack
	Of     *model.Locality // whose figures: the locality itself, or the province a pack holds
}

// NewContext returns the context of the views in one language.
func NewContext(site *model.Site, tr *i18n.Lang, base routes.Base) *Context {
	return &Context{Site: site, F: Format{tr}, Base: base}
}

// Lang is the language's code.
func (c *Context) Lang() string { return c.F.Code }

// URL is the site path of a route in the context's language.
func (c *Context) URL(route string) string { return c.Base.URL(c.F.Code, route) }

// absURL is URL made absolute when the site's base URL is (an embed's address, pasted on
// another site).
func (c *Context) absURL(route string) string { return c.Base.AbsURL(c.F.Code, route) }

// assess sets t against the results once per page.
func (c *Context) assess(t *model.Target) model.Progress { return *c.progressOf(t) }

// progressOf is t set against the results, once per page: the page's assessment of t,
// which nothing may change, or a new one outside a page (assessOnce).
func (c *Context) progressOf(t *model.Target) *model.Progress {
	a := c.assessed
	if a == nil {
		p := c.assessTarget(t)
		return &p
	}
	if p, ok := a.of[t]; ok {
		return p
	}
	if len(a.store) == cap(a.store) { // a new part: the pointers given stay valid
		a.store = make([]model.Progress, 0, max(2*cap(a.store), 8))
	}
	a.store = append(a.store, c.assessTarget(t))
	p := &a.store[len(a.store)-1]
	a.of[t] = p
	return p
}

// assessTarget sets t against the results, through the page's locality's index when t is
// of that locality.
func (c *Context) assessTarget(t *model.Target) model.Progress {
	if c.page != nil {
		return c.local.Assess(t)
	}
	return c.Site.Assess(t)
}

// assessments are a page's assessed targets: each one's, in parts of store.
type assessments struct {
	of    map[*model.Target]*model.Progress
	store []model.Progress
}

// assessmentsPool keeps the assessments of pages made, emptied, for the pages after
// them: a national site's locality page assesses some thirty targets, ten kilobytes.
var assessmentsPool = sync.Pool{New: func() any { return &assessments{of: map[*model.Target]*model.Progress{}} }}

// newAssessments are empty assessments with room for about n targets, from the pool.
func newAssessments(n int) *assessments {
	a := assessmentsPool.Get().(*assessments)
	if cap(a.store) < n {
		a.store = make([]model.Progress, 0, n)
	}
	return a
}

// release empties a and gives it back to the pool; nothing may use its assessments after.
func (a *assessments) release() {
	clear(a.of)
	a.store = a.store[:0] // what it points to is the site's, alive with it
	assessmentsPool.Put(a)
}

// assessOnce starts a page whose targets are assessed once each, about n of them; the
// function returned ends it, after which nothing may use the page's assessments.
func (c *Context) assessOnce(n int) func() {
	a := newAssessments(n)
	c.assessed = a
	return func() {
		c.assessed = nil
		a.release()
	}
}

// Link is a text that leads somewhere.
type Link struct {
	Text string
	URL  string
}

// inline is the link as a piece of a Line.
func (l Link) inline() Inline { return Inline{Text: l.Text, URL: l.URL} }

// Inline is one piece of a line of text: plain text, a link (URL set) or the title of a
// document (Cite). Lang is set when the text is in another language than the page.
type Inline struct {
	Text string
	URL  string
	Cite bool
	Lang string
}

// Line is a sentence made of pieces.
type Line []Inline

// text, link and cite make the pieces of a Line.
func text(s string) Inline         { return Inline{Text: s} }
func link(s, url string) Inline    { return Inline{Text: s, URL: url} }
func citeIn(s, lang string) Inline { return Inline{Text: s, Cite: true, Lang: lang} }

// Status is a target's status: its CSS modifier and its label.
type Status struct {
	Class string
	Label string
}

// Dated is a link with a date, such as an update in a list.
type Dated struct {
	Link
	Date string
}
