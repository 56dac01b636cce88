package render

import (
	"fmt"
	"slices"

	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/i18n"
	"github.com/covsite/covsite/internal/model"
)

// localityCharts builds a locality page's charts: targets against results by indicator,
// results over time, rate targets by year, and the children compared.
func (r *Renderer) localityCharts(lang string, l *model.Locality, v localityView) []chart {
	tr := r.langs[lang]
	var out []chart
	for _, c := range []chart{
		r.targetsVsResults(tr, v.Headlines),
		r.resultsOverTime(tr, l),
		r.rateTargetsByYear(tr, l),
		r.childrenCompared(tr, v.ChildTable),
	} {
		if len(c.Series) > 0 && len(c.Categories) > 0 {
			c.ID = fmt.Sprintf("chart-%d", len(out)+1)
			out = append(out, c)
		}
	}
	return out
}

func peopleFormat(tr *i18n.Lang) func(model.Num) string {
	return func(n model.Num) string { return formatNum(tr, model.Num{V: n.V, Known: n.Known}) }
}

func (r *Renderer) targetsVsResults(tr *i18n.Lang, hs []headline) chart {
	c := chart{Title: tr.T("chart.targets_results"), Kind: "bar", Axis: tr.T("unit.people"), Format: peopleFormat(tr)}
	goals := series{Name: tr.T("target")}
	results := series{Name: tr.T("result")}
	hasResult := false
	for _, h := range hs {
		if h.Indicator.Unit != model.People || len(h.Progress) == 0 || h.Progress[0].ByRate || !h.Progress[0].Goal.Known {
			continue
		}
		p := h.Progress[0]
		c.Categories = append(c.Categories, pick(tr.Code, h.Indicator.Short, h.Indicator.ShortEN))
		goals.Values = append(goals.Values, p.Goal)
		results.Values = append(results.Values, p.Value)
		hasResult = hasResult || p.Value.Known
		if c.Note == "" {
			c.Note = tr.T("chart.targets_results_note", tr.Period(p.Target.Period))
		}
	}
	c.Series = []series{goals}
	if hasResult {
		c.Series = append(c.Series, results)
	}
	return c
}

// resultsOverTime draws every people indicator with at least two dated values, including
// the value a reported change implies at its start date.
func (r *Renderer) resultsOverTime(tr *i18n.Lang, l *model.Locality) chart {
	c := chart{Title: tr.T("chart.over_time"), Kind: "line", Axis: tr.T("unit.people"), Format: peopleFormat(tr)}
	points := map[*model.Indicator]map[date.Date]model.Num{}
	var dates []date.Date
	for _, ind := range r.site.Indicators {
		if ind.Unit != model.People {
			continue
		}
		m := map[date.Date]model.Num{}
		for _, res := range r.site.ResultsFor(l, ind) {
			if res.Value.Known {
				m[res.AsOf] = res.Value
			}
			if b := model.BaselineFromChange(res); b.Known {
				m[res.ChangeSince] = b
			}
		}
		if len(m) < 2 {
			continue
		}
		points[ind] = m
		for d := range m {
			dates = append(dates, d)
		}
	}
	slices.SortFunc(dates, date.Date.Compare)
	dates = slices.Compact(dates)
	for _, d := range dates {
		c.Categories = append(c.Categories, tr.Date(d))
	}
	c.Series = seriesByIndicator(tr, r.site.Indicators, points, dates)
	return c
}

// seriesByIndicator makes one series per indicator that has points, in indicator order,
// with a value (or a gap) at each key.
func seriesByIndicator[K comparable](tr *i18n.Lang, inds []*model.Indicator, points map[*model.Indicator]map[K]model.Num, keys []K) []series {
	var out []series
	for _, ind := range inds {
		m, ok := points[ind]
		if !ok {
			continue
		}
		s := series{Name: pick(tr.Code, ind.Short, ind.ShortEN)}
		for _, k := range keys {
			s.Values = append(s.Values, m[k])
		}
		out = append(out, s)
	}
	return out
}

// rateTargetsByYear draws rate targets that a plan sets for several periods (2021–2025).
func (r *Renderer) rateTargetsByYear(tr *i18n.Lang, l *model.Locality) chart {
	c := chart{Title: tr.T("chart.rate_targets"), Kind: "line", Axis: "%", Format: func(n model.Num) string { return formatPercent(tr, n, n.Decimals) }}
	var periods []date.Period
	byInd := map[*model.Indicator]map[date.Period]model.Num{}
	for _, ind := range r.site.Indicators {
		m := map[date.Period]model.Num{}
		for _, t := range r.site.TargetsFor(l, ind) {
			switch {
			case t.Rate.Known:
				m[t.Period] = t.Rate
			case ind.Unit == model.Percent && t.Value.Known && ind.Direction == model.HigherIsBetter:
				m[t.Period] = t.Value
			}
		}
		if len(m) < 2 {
			continue
		}
		byInd[ind] = m
		for p := range m {
			periods = append(periods, p)
		}
	}
	slices.SortFunc(periods, func(a, b date.Period) int { return a.Start.Compare(b.Start) })
	periods = slices.Compact(periods)
	for _, p := range periods {
		c.Categories = append(c.Categories, tr.Period(p))
	}
	c.Series = seriesByIndicator(tr, r.site.Indicators, byInd, periods)
	return c
}

func (r *Renderer) childrenCompared(tr *i18n.Lang, ct *childTable) chart {
	c := chart{Title: tr.T("chart.children"), Kind: "bar", Axis: tr.T("unit.people"), Format: peopleFormat(tr)}
	if ct == nil {
		return c
	}
	c.Note = tr.T("chart.children_note", tr.Period(ct.Period), planName(tr, ct.Plan))
	for _, row := range ct.Rows {
		c.Categories = append(c.Categories, localityName(tr.Code, row.Loc))
	}
	for i, ind := range ct.Indicators {
		s := series{Name: pick(tr.Code, ind.Short, ind.ShortEN)}
		for _, row := range ct.Rows {
			s.Values = append(s.Values, row.Values[i])
		}
		c.Series = append(c.Series, s)
	}
	return c
}
