package render

import (
	"cmp"
	"html/template"
	"slices"

	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/i18n"
	"github.com/covsite/covsite/internal/model"
)

// pageData is what every layout receives.
type pageData struct {
	Lang        string
	Other       string // the other language, for the switch
	Title       string
	Description string
	Path        string // page path relative to the language root
	Kind        string
	Breadcrumb  []crumb
	Site        *model.Site
	SiteTitle   string
	Body        any
	Card        string      // the route of the page's share card (og:image), or ""
	Tools       template.JS // the chart tools' data island (view.ChartTools), or ""
}

type crumb struct {
	Name string
	URL  string
}

func (r *Renderer) page(lang, kind, path, title, description string, body any) pageData {
	other := i18n.Languages[1]
	if lang != i18n.Languages[0] {
		other = i18n.Languages[0]
	}
	return pageData{
		Lang: lang, Other: other, Title: title, Description: description, Path: path, Kind: kind,
		Site: r.site, SiteTitle: pick(lang, r.site.Config.Title, r.site.Config.TitleEN), Body: body,
	}
}

// localityView is everything a locality page shows.
type localityView struct {
	Loc          *model.Locality
	Headlines    []headline
	Plans        []planProgress
	Charts       []chart
	Children     []*model.Locality
	ChildTable   *childTable
	Standings    []model.Standing
	Reported     []*model.Comparison // statements naming this locality below its parent's average
	BelowAverage []*model.Comparison // statements naming this locality's children below its average
	Rollups      []model.Rollup
	Results      []model.ResultRollup // results beside the sum of the children's
	Updates      []*model.Document
	Sources      []*model.Source
	Updated      date.Date
	Predecessors []*model.Locality
}

// headline is one indicator's latest result beside the targets that cover its date.
type headline struct {
	Indicator *model.Indicator
	Result    *model.Result
	Rate      model.Num
	Progress  []model.Progress
}

type planProgress struct {
	Plan *model.Plan
	Rows []model.Progress
}

func (r *Renderer) localityView(lang string, l *model.Locality) localityView {
	s := r.site
	v := localityView{Loc: l, Predecessors: l.Predecessors}
	sources := map[*model.Source]bool{}
	for _, ind := range s.Indicators {
		h, ok := r.headline(l, ind)
		if ok {
			v.Headlines = append(v.Headlines, h)
		}
		for _, res := range s.ResultsFor(l, ind) {
			sources[res.Source] = true
			if res.Source.Published.After(v.Updated) {
				v.Updated = res.Source.Published
			}
		}
		if st, ok := s.StandingOf(l, ind); ok {
			v.Standings = append(v.Standings, st)
		}
	}
	v.Plans = r.planProgress(l)
	for _, p := range v.Plans {
		if p.Plan.Issued.After(v.Updated) {
			v.Updated = p.Plan.Issued
		}
		if len(l.Children) == 0 {
			continue // only a parent has a rollup; most localities are communes
		}
		for _, ru := range model.PlanRollups(p.Plan) {
			if ru.Parent.Locality == l {
				v.Rollups = append(v.Rollups, ru)
			}
		}
	}
	for src := range sources {
		v.Sources = append(v.Sources, src)
	}
	slices.SortFunc(v.Sources, func(a, b *model.Source) int { return cmp.Or(b.Published.Compare(a.Published), cmp.Compare(a.ID, b.ID)) })
	v.Children = l.Children
	v.Results = s.ResultRollups(l)
	v.ChildTable = r.childTable(lang, l)
	v.Reported = s.ComparisonsNaming(l)
	v.BelowAverage = s.ComparisonsWithin(l)
	v.Updates = documentsIn(s.DocumentsAbout(l), lang)
	v.Charts = r.localityCharts(lang, l, v)
	return v
}

// headline picks the latest result of ind for l and assesses it against every target whose
// period covers it; with no result, against the latest targets.
func (r *Renderer) headline(l *model.Locality, ind *model.Indicator) (headline, bool) {
	s := r.site
	h := headline{Indicator: ind, Result: s.LatestResult(l, ind)}
	targets := s.TargetsFor(l, ind)
	if h.Result == nil && len(targets) == 0 {
		return h, false
	}
	if h.Result != nil {
		h.Rate = s.RateOf(h.Result)
		for _, t := range targets {
			if !h.Result.AsOf.Before(t.Period.Start) && !h.Result.AsOf.After(t.Deadline) {
				h.Progress = append(h.Progress, s.Assess(t))
			}
		}
		return h, true
	}
	latest := targets[len(targets)-1].Period
	for _, t := range targets {
		if t.Period == latest {
			h.Progress = append(h.Progress, s.Assess(t))
		}
	}
	return h, true
}

func (r *Renderer) planProgress(l *model.Locality) []planProgress {
	var out []planProgress
	at := map[*model.Plan]int{}             // index in out
	for _, t := range r.site.TargetsOf(l) { // within a plan, in the plan's order
		i, ok := at[t.Plan]
		if !ok {
			i = len(out)
			at[t.Plan] = i
			out = append(out, planProgress{Plan: t.Plan})
		}
		out[i].Rows = append(out[i].Rows, r.site.Assess(t))
	}
	slices.SortFunc(out, func(a, b planProgress) int { return cmp.Compare(r.site.PlanOrder(a.Plan), r.site.PlanOrder(b.Plan)) })
	for _, pp := range out {
		sortProgress(pp.Rows)
	}
	slices.SortStableFunc(out, func(a, b planProgress) int { return b.Plan.Period.End.Compare(a.Plan.Period.End) })
	return out
}

func sortProgress(rows []model.Progress) {
	slices.SortStableFunc(rows, func(a, b model.Progress) int {
		return cmp.Or(a.Target.Period.Start.Compare(b.Target.Period.Start), cmp.Compare(a.Target.Indicator.Order, b.Target.Indicator.Order))
	})
}

// documentsIn keeps the documents in lang, newest first.
func documentsIn(docs []*model.Document, lang string) []*model.Document {
	var out []*model.Document
	for _, d := range docs {
		if d.Lang == lang {
			out = append(out, d)
		}
	}
	sortDocuments(out)
	return out
}

func sortDocuments(docs []*model.Document) {
	slices.SortStableFunc(docs, func(a, b *model.Document) int { return cmp.Or(b.Date.Compare(a.Date), cmp.Compare(a.Slug, b.Slug)) })
}

// childTable compares a locality's children on the indicators of its latest plan period.
type childTable struct {
	Caption    string
	Period     date.Period
	Plan       *model.Plan
	Indicators []*model.Indicator
	Rows       []childRow
	Sum        []model.Num
	Parent     []model.Num
}

type childRow struct {
	Loc    *model.Locality
	Values []model.Num
}

// childTable finds the newest plan that targets l's children and tabulates their targets,
// with their sum beside l's own figure.
func (r *Renderer) childTable(lang string, l *model.Locality) *childTable {
	if len(l.Children) == 0 {
		return nil
	}
	var best *model.Target
	for _, c := range l.Children {
		for _, t := range r.site.TargetsOf(c) {
			if t.Value.Known && t.Indicator.Unit == model.People && (best == nil || t.Period.End.After(best.Period.End)) {
				best = t
			}
		}
	}
	if best == nil {
		return nil
	}
	ct := &childTable{Period: best.Period, Plan: best.Plan}
	for _, ind := range r.site.Indicators {
		if ind.Unit == model.People && r.childHasTarget(l, best, ind) {
			ct.Indicators = append(ct.Indicators, ind)
		}
	}
	ct.Sum = make([]model.Num, len(ct.Indicators))
	ct.Parent = make([]model.Num, len(ct.Indicators))
	for _, c := range l.Children {
		row := childRow{Loc: c, Values: make([]model.Num, len(ct.Indicators))}
		for i, ind := range ct.Indicators {
			row.Values[i] = r.targetValue(best.Plan, c, ind, best.Period)
			if row.Values[i].Known {
				ct.Sum[i] = model.Known(ct.Sum[i].V+row.Values[i].V, 0)
			}
		}
		ct.Rows = append(ct.Rows, row)
	}
	for i, ind := range ct.Indicators {
		ct.Parent[i] = r.targetValue(best.Plan, l, ind, best.Period)
	}
	if withFigures(ct.Rows) < 2 {
		return nil // one child alone compares with nothing
	}
	return ct
}

func withFigures(rows []childRow) int {
	n := 0
	for _, row := range rows {
		for _, v := range row.Values {
			if v.Known {
				n++
				break
			}
		}
	}
	return n
}

func (r *Renderer) childHasTarget(l *model.Locality, like *model.Target, ind *model.Indicator) bool {
	for _, c := range l.Children {
		if r.targetValue(like.Plan, c, ind, like.Period).Known {
			return true
		}
	}
	return false
}

// targetValue is the value p sets for l and ind over period: the first such target in p's order.
func (r *Renderer) targetValue(p *model.Plan, l *model.Locality, ind *model.Indicator, period date.Period) model.Num {
	for _, t := range r.site.TargetsFor(l, ind) { // same-period targets of a plan keep the plan's order
		if t.Plan == p && t.Period == period {
			return t.Value
		}
	}
	return model.Unknown
}
