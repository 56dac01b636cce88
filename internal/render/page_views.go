package render

import (
	"github.com/covsite/covsite/internal/routes"
	"html/template"
	"slices"
	"strings"

	"github.com/covsite/covsite/internal/model"
)

func (r *Renderer) breadcrumb(lang string, l *model.Locality) []crumb {
	crumbs := []crumb{{Name: r.langs[lang].T("nav.home"), URL: r.URL(lang, "")}}
	for _, a := range l.Ancestors() {
		crumbs = append(crumbs, crumb{Name: localityName(lang, a), URL: r.URL(lang, localityPath(a))})
	}
	return crumbs
}

func (r *Renderer) localityPage(lang string, l *model.Locality) pageData {
	tr := r.langs[lang]
	v := r.localityView(lang, l)
	d := r.page(lang, "locality", localityPath(l), localityName(lang, l), r.localitySummary(lang, v), v)
	d.Breadcrumb = r.breadcrumb(lang, l)
	if l.Kind != "" {
		d.Title = localityName(lang, l) + " — " + tr.T("kind."+string(l.Kind))
	}
	return d
}

// localitySummary is the one-line status for Open Graph and the meta description: the
// first indicator's latest result and its share of target, else a result, else a target
// still without result, else a line saying there are no figures yet.
func (r *Renderer) localitySummary(lang string, v localityView) string {
	tr := r.langs[lang]
	short := func(ind *model.Indicator) string { return pick(lang, ind.Short, ind.ShortEN) }
	for _, h := range v.Headlines {
		if h.Result != nil && len(h.Progress) > 0 && h.Progress[0].Share.Known {
			p := h.Progress[0]
			return tr.T("summary.share", short(h.Indicator), withUnit(tr, h.Indicator, h.Result.Value),
				tr.Date(h.Result.AsOf), formatPercent(tr, p.Share, 2))
		}
	}
	for _, h := range v.Headlines {
		if h.Result != nil && h.Result.Value.Known {
			return tr.T("summary.result", short(h.Indicator), withUnit(tr, h.Indicator, h.Result.Value), tr.Date(h.Result.AsOf))
		}
	}
	for _, h := range v.Headlines {
		if len(h.Progress) == 0 {
			continue
		}
		t := h.Progress[0].Target
		switch {
		case t.Value.Known:
			return tr.T("summary.target", short(h.Indicator), tr.Period(t.Period), withUnit(tr, h.Indicator, t.Value))
		case t.Rate.Known:
			return tr.T("summary.target", short(h.Indicator), tr.Period(t.Period), strings.TrimSpace(formatPercent(tr, t.Rate, t.Rate.Decimals)+" "+baseLabel(tr, t.Base)))
		}
	}
	if len(v.Headlines) == 0 {
		return tr.T("summary.none", localityName(lang, v.Loc))
	}
	return tr.T("summary.locality", localityName(lang, v.Loc))
}

type homeView struct {
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
	v.Latest = latestResults(r.site.Results, 8)
	v.Updates = firstN(documentsIn(updates(r.site.Documents), lang), 5)
	v.Plans = r.homePlanList()
	return r.page(lang, "home", "", pick(lang, r.site.Config.Title, r.site.Config.TitleEN), pick(lang, r.site.Config.Description, r.site.Config.DescriptionEN), v)
}

func latestResults(all []*model.Result, n int) []*model.Result {
	rs := slices.Clone(all)
	slices.SortStableFunc(rs, func(a, b *model.Result) int { return b.AsOf.Compare(a.AsOf) })
	var out []*model.Result
	for _, res := range rs {
		if res.Value.Known && !res.Derived {
			out = append(out, res)
		}
	}
	return firstN(out, n)
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

type planView struct {
	Plan    *model.Plan
	Rows    []model.Progress
	Rollups []model.Rollup
	Updates []*model.Document
}

func (r *Renderer) planPage(lang string, p *model.Plan) pageData {
	v := planView{Plan: p, Rollups: model.PlanRollups(p), Updates: documentsIn(r.site.DocumentsAboutPlan(p), lang)}
	for _, t := range p.Targets {
		v.Rows = append(v.Rows, r.site.Assess(t))
	}
	sortProgress(v.Rows)
	slices.SortStableFunc(v.Rows, func(a, b model.Progress) int { return a.Target.Locality.Depth - b.Target.Locality.Depth })
	title := pick(lang, p.Title, p.TitleEN)
	if p.Number != "" {
		title = p.Number + ": " + title
	}
	d := r.page(lang, "plan", planPath(p), title, pick(lang, p.Summary, p.SummaryEN), v)
	d.Breadcrumb = []crumb{{Name: r.langs[lang].T("nav.home"), URL: r.URL(lang, "")}, {Name: r.langs[lang].T("nav.plans"), URL: r.URL(lang, routes.Plans)}}
	return d
}

func (r *Renderer) updatesPage(lang string) pageData {
	tr := r.langs[lang]
	return r.page(lang, "updates", routes.Updates, tr.T("nav.updates"), tr.T("updates.description"), documentsIn(updates(r.site.Documents), lang))
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
	if d.Section == "updates" {
		p.Breadcrumb = []crumb{{Name: r.langs[lang].T("nav.home"), URL: r.URL(lang, "")}, {Name: r.langs[lang].T("nav.updates"), URL: r.URL(lang, routes.Updates)}}
	}
	return p
}

func (r *Renderer) downloadsPage(lang string) pageData {
	tr := r.langs[lang]
	return r.page(lang, "downloads", routes.Data, tr.T("nav.data"), tr.T("data.description"), r.downloadsView())
}

func (r *Renderer) notFoundPage(lang string) pageData {
	tr := r.langs[lang]
	return r.page(lang, "404", routes.NotFound, tr.T("404.title"), tr.T("404.text"), nil)
}
