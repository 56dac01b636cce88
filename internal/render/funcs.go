package render

import (
	"html/template"
	"strings"

	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/i18n"
	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/render/component"
	"github.com/covsite/covsite/internal/routes"
	"github.com/covsite/covsite/internal/view"
)

// Routes of the model's objects, relative to a language's root.
func localityPath(l *model.Locality) string { return routes.Locality(l.ID) }
func planPath(p *model.Plan) string         { return routes.Plan(p.ID) }
func documentPath(d *model.Document) string { return routes.Document(d.Section, d.Slug) }

// funcs are the template functions of the small pages and of a site's own layouts, bound
// to one language. They format with view.Format, as the compiled pages do.
func (r *Renderer) funcs(l *i18n.Lang) template.FuncMap {
	f := view.Format{Lang: l}
	return template.FuncMap{
		"T":          l.T,
		"url":        func(p string) string { return r.URL(l.Code, p) },
		"urlIn":      r.URL,
		"absURLIn":   r.AbsURL,
		"downloads":  r.HasDownloads,
		"absURL":     func(p string) string { return r.AbsURL(l.Code, p) },
		"absolute":   r.base.Absolute, // the site knows its own origin
		"asset":      r.Asset,
		"hasAsset":   r.assets.Has, // a site's optional static file: css/custom.css
		"fileURL":    r.base.Asset, // a file of no language: a download
		"size":       func(n int64) string { return formatSize(l, n) },
		"date":       l.Date,
		"period":     l.Period,
		"num":        f.Num,
		"int":        f.Int,
		"fnum":       func(v float64) string { return l.Number(v, 2) },
		"pctUpTo":    func(v float64) string { return l.PercentUpTo(v, 2) },
		"isPercent":  func(ind *model.Indicator) bool { return ind.Unit == model.Percent },
		"pct":        f.Pct,
		"pctAsGiven": f.PctAsGiven,
		"pp":         f.Points,
		"ppPlain":    f.PointsPlain,
		"value":      f.Value,
		"unit":       f.Unit,
		"withUnit":   f.WithUnit,
		"gapWords":   f.GapWords,
		"name":       f.Name,
		"label":      f.Label,
		"kind":       f.Kind,
		"indName":    f.IndicatorName,
		"indShort":   f.Short,
		"indDesc":    func(ind *model.Indicator) string { return ind.Description.In(f.Code) },
		"base":       f.Base,
		"status":     f.Status,
		"locURL":     func(loc *model.Locality) string { return r.URL(l.Code, localityPath(loc)) },
		"planURL":    func(p *model.Plan) string { return r.URL(l.Code, planPath(p)) },
		"docURL":     func(d *model.Document) string { return r.URL(l.Code, documentPath(d)) },
		"planTitle":  f.PlanTitle,
		"planName":   f.PlanName,
		"issuer":     f.Issuer,
		// the same, as the text of an element: marked lang="vi" on an English page when
		// the plan gives no English (view.PlanTitleLang)
		"planTitleText": func(p *model.Plan) template.HTML {
			return lineHTML(view.Line{{Text: f.PlanTitle(p), Lang: view.PlanTitleLang(p, l.Code)}})
		},
		"planNameText": func(p *model.Plan) template.HTML {
			return lineHTML(view.Line{{Text: f.PlanName(p), Lang: view.PlanNameLang(p, l.Code)}})
		},
		"issuerText": func(p *model.Plan) template.HTML {
			return lineHTML(view.Line{{Text: f.Issuer(p), Lang: view.IssuerLang(p, l.Code)}})
		},
		"line":   lineHTML,
		"lang":   func() string { return l.Code },
		"isZero": func(d date.Date) bool { return d.IsZero() },
		"join":   strings.Join,
	}
}

// lineHTML is a line (view.Line) as HTML, as the compiled pages print it
// (component.WriteLine): each piece a link, a cited title, a text in another language
// (lang) or plain text, escaped.
func lineHTML(line view.Line) template.HTML {
	var b strings.Builder
	_ = component.WriteLine(&b, line) // a strings.Builder does not fail
	return template.HTML(b.String())
}
