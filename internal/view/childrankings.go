package view

import (
	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/routes"
)

// A locality of today with children has a page per indicator that ranks them
// (routes.ChildRanking): every child, best to worst, each figure with its date (an older
// one flagged), its source when they differ, the credit and the embed code — what the
// locality's own page, which ranks the ends of one indicator, links to (issue 17: "how do
// the communes of my province compare?").
//
// Only localities of today get them: on the national site (covsite gen --scale 1) the
// country and its 34 provinces of today rank their 3,400 children on 7 or 8 indicators
// each, 542 pages and 23 MB in two languages; its 63 former provinces and 705 former
// districts (ended 30/6/2025), with 11,300 children, would add some 170 MB more to a Pages
// archive of 945 MB under a limit of 1 GB. A former locality's page keeps its one ranking.

// ChildRankingPage is a locality's children ranked on one indicator, on a page of its own.
type ChildRankingPage struct {
	Title      string // the page's <title>
	Heading    string
	Summary    string // the meta description
	Lede       string // the indicator's name and what is ranked against what
	Breadcrumb []Link // home, the locality's ancestors and the locality
	Back       Link   // the locality's page
	Ranking    ChildRanking
	Others     RankingLinks // every indicator's ranking, this one marked current; none when it is the only one
}

// RankingLinks links the pages ranking a locality's children, an indicator each.
type RankingLinks struct {
	Label string
	Links []RankingLink
}

// RankingLink is one indicator's ranking; Current on the page of that ranking.
type RankingLink struct {
	Link
	Current bool
}

// HasChildRankings reports whether l has pages ranking its children: it exists today and
// has two children or more.
func HasChildRankings(l *model.Locality) bool { return !l.Ended() && len(l.Children) > 1 }

// RankedIndicators are the indicators that rank l's children on pages of their own (two
// children or more with a share of target), in the site's order; none when l has no such
// pages (HasChildRankings).
func RankedIndicators(s *model.Site, l *model.Locality) []*model.Indicator {
	if !HasChildRankings(l) {
		return nil
	}
	var out []*model.Indicator
	for _, ind := range s.Indicators {
		if ranksChildren(s, l, ind) {
			out = append(out, ind)
		}
	}
	return out
}

// rankedIndicators is RankedIndicators, kept for the site's pages in c's language: the
// locality's page and each of its rankings' pages list them.
func (c *Context) rankedIndicators(l *model.Locality) []*model.Indicator {
	if c.Shared == nil {
		return RankedIndicators(c.Site, l)
	}
	return c.Shared.ranked.Get(l, func() []*model.Indicator { return RankedIndicators(c.Site, l) })
}

// rankingLinks links the pages ranking l's children, current's marked; the zero value
// when l has none.
func (c *Context) rankingLinks(l *model.Locality, current *model.Indicator, label string) RankingLinks {
	inds := c.rankedIndicators(l)
	if len(inds) == 0 {
		return RankingLinks{}
	}
	out := RankingLinks{Label: c.F.TS(label), Links: make([]RankingLink, len(inds))}
	for i, ind := range inds {
		out.Links[i] = RankingLink{
			Link:    Link{Text: c.F.Short(ind), URL: c.URL(routes.ChildRanking(l.ID, ind.ID))},
			Current: ind == current,
		}
	}
	return out
}

// ChildRankingPage is the page ranking l's children on ind; false when l has no such
// page (RankedIndicators).
func (c *Context) ChildRankingPage(l *model.Locality, ind *model.Indicator) (ChildRankingPage, bool) {
	f := c.F
	if !HasChildRankings(l) {
		return ChildRankingPage{}, false
	}
	r := NewChildRanking(f, c.Site, l, ind, c.URL)
	if r == nil {
		return ChildRankingPage{}, false
	}
	route := routes.ChildRanking(l.ID, ind.ID)
	back := c.localityLink(l)
	v := ChildRankingPage{
		Heading:    f.TS("childrank.heading", f.Name(l), f.Short(ind)),
		Breadcrumb: append(c.breadcrumb(l), back),
		Back:       Link{Text: f.TS("childrank.back", f.Name(l)), URL: back.URL},
		Ranking:    r.WithEmbed(f, route, c.absURL),
	}
	if others := c.rankingLinks(l, ind, "childrank.others"); len(others.Links) > 1 {
		v.Others = others
	}
	v.Title = v.Heading
	v.Lede = f.TS("childrank.lede", f.IndicatorName(ind), f.Int(len(l.Children)))
	v.Summary = v.Heading + " " + r.Note + ". " + plainLine(r.Credit)
	return v, true
}
