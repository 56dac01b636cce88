package render

import (
	"html/template"
	"slices"

	"github.com/covsite/covsite/internal/routes"
	"github.com/covsite/covsite/internal/view"

	"github.com/covsite/covsite/internal/model"
)

type homeView struct {
	Map             *view.TileMap
	Indicators      []view.NavLink
	Current, Former []tile
	Latest          []*model.Result
	Updates         []*model.Document
	Plans           []*model.Plan
}

// tile is a top-level locality at a glance: its newest result, or else its newest target.
type tile struct {
	Loc    *model.Locality
	Result *model.Result
	Rate   model.Num
	Target *model.Target
}

// glance picks what a tile shows: the newest result (people first, in indicator order),
// else the newest people target.
func (r *Renderer) glance(l *model.Locality) tile {
	t := tile{Loc: l}
	for _, ind := range r.site.Indicators {
		res := r.site.LatestResult(l, ind)
		if res != nil && res.Value.Known && !res.Derived && ind.Unit == model.People && (t.Result == nil || res.AsOf.After(t.Result.AsOf)) {
			t.Result, t.Rate = res, r.site.RateOf(res)
		}
		for _, tg := range r.site.TargetsFor(l, ind) {
			if tg.Value.Known && ind.Unit == model.People && !tg.Implied && (t.Target == nil || tg.Period.End.After(t.Target.Period.End)) {
				t.Target = tg
			}
		}
	}
	return t
}

func (r *Renderer) homePage(lang string) pageData {
	v := homeView{}
	for _, root := range r.site.Roots {
		for _, c := range root.Children {
			if c.Ended() {
				v.Former = append(v.Former, r.glance(c))
			} else {
				v.Current = append(v.Current, r.glance(c))
			}
		}
	}
	v.Map = view.HomeMap(r.format(lang), r.site, r.urls(lang))
	v.Indicators = view.IndicatorLinks(r.format(lang), r.site, nil, r.urls(lang))
	v.Latest = latestResults(r.site.Results, 8)
	v.Updates = firstN(view.DocumentsIn(updates(r.site.Documents), lang), 5)
	v.Plans = r.homePlanList()
	return r.page(lang, "home", "", r.site.Config.Title.In(lang), r.site.Config.Description.In(lang), v)
}

// latestResults is the n newest results a document gives, as a stable sort of all by date,
// newest first, would list them: kept in one pass, not sorted (a national site has half a
// million results, and the home page is rendered again after every results file).
func latestResults(all []*model.Result, n int) []*model.Result {
	out := make([]*model.Result, 0, n+1)
	for _, res := range all {
		if !res.Value.Known || res.Derived {
			continue
		}
		// after every result as new or newer: the order of a stable sort
		i := len(out)
		for i > 0 && out[i-1].AsOf.Compare(res.AsOf) < 0 {
			i--
		}
		if i < n {
			out = slices.Insert(out, i, res)
			out = out[:min(len(out), n)]
		}
	}
	return out
}

func firstN[T any](s []T, n int) []T {
	if len(s) > n {
		return s[:n]
	}
	return s
}

func updates(docs []*model.Document) []*model.Document {
	var out []*model.Document
	for _, d := range docs {
		if d.Section == "updates" {
			out = append(out, d)
		}
	}
	return out
}

func (r *Renderer) plansNewestFirst() []*model.Plan {
	ps := slices.Clone(r.site.Plans)
	slices.SortStableFunc(ps, func(a, b *model.Plan) int { return b.Period.End.Compare(a.Period.End) })
	return ps
}

func (r *Renderer) localitiesPage(lang string) pageData {
	tr := r.langs[lang]
	return r.page(lang, "localities", routes.Localities, tr.T("nav.localities"), tr.T("localities.description"), r.localitiesView())
}

func (r *Renderer) plansPage(lang string) pageData {
	tr := r.langs[lang]
	return r.page(lang, "plans", routes.Plans, tr.T("nav.plans"), tr.T("plans.description"), r.plansView())
}

func (r *Renderer) updatesPage(lang string) pageData {
	tr := r.langs[lang]
	return r.page(lang, "updates", routes.Updates, tr.T("nav.updates"), tr.T("updates.description"), view.DocumentsIn(updates(r.site.Documents), lang))
}

type documentView struct {
	Doc  *model.Document
	HTML template.HTML
	Err  string
}

func (r *Renderer) documentPage(lang string, d *model.Document) pageData {
	html, err := r.renderMarkdown(d.Body, lang)
	v := documentView{Doc: d, HTML: html}
	if err != nil {
		v.Err = err.Error()
	}
	p := r.page(lang, "document", documentPath(d), d.Title, d.Summary, v)
	if r.built(p.Other) && !r.translated(d, p.Other) { // no page to switch to: the other language's list of updates, or its home
		p.Alternate, p.Switch = "", r.URL(p.Other, untranslatedSwitch(d))
	}
	if d.Section == "updates" {
		p.Breadcrumb = []crumb{{Name: r.langs[lang].T("nav.home"), URL: r.URL(lang, "")}, {Name: r.langs[lang].T("nav.updates"), URL: r.URL(lang, routes.Updates)}}
	}
	return p
}

// translated reports whether d is published in the language other too: the same section
// and slug in a document of that language.
func (r *Renderer) translated(d *model.Document, other string) bool {
	for _, o := range r.site.Documents {
		if o.Lang == other && o.Section == d.Section && o.Slug == d.Slug {
			return true
		}
	}
	return false
}

// untranslatedSwitch is where the language switch of a document without a translation
// leads: the other language's updates for an update, its home page for any other page.
func untranslatedSwitch(d *model.Document) string {
	if d.Section == "updates" {
		return routes.Updates
	}
	return ""
}

func (r *Renderer) downloadsPage(lang string) pageData {
	tr := r.langs[lang]
	return r.page(lang, "downloads", routes.Data, tr.T("nav.data"), tr.T("data.description"), r.downloadsView())
}

func (r *Renderer) notFoundPage(lang string) pageData {
	tr := r.langs[lang]
	return r.page(lang, "404", routes.NotFound, tr.T("404.title"), tr.T("404.text"), nil)
}
