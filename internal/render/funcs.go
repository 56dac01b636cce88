package render

import (
	"github.com/covsite/covsite/internal/routes"
	"html/template"
	"math"
	"strings"

	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/i18n"
	"github.com/covsite/covsite/internal/model"
)

// Routes of the model's objects, relative to a language's root.
func localityPath(l *model.Locality) string { return routes.Locality(l.ID) }
func planPath(p *model.Plan) string         { return routes.Plan(p.ID) }
func documentPath(d *model.Document) string { return routes.Document(d.Section, d.Slug) }

// funcs are the template functions, bound to one language.
func (r *Renderer) funcs(l *i18n.Lang) template.FuncMap {
	return template.FuncMap{
		"T":         l.T,
		"url":       func(p string) string { return r.URL(l.Code, p) },
		"urlIn":     r.URL,
		"absURLIn":  r.AbsURL,
		"downloads": r.HasDownloads,
		"absURL":    func(p string) string { return r.AbsURL(l.Code, p) },
		"absolute":  r.base.Absolute, // the site knows its own origin
		"asset":     r.Asset,
		"fileURL":   r.base.Asset, // a file of no language: a download
		"size":      func(n int64) string { return formatSize(l, n) },
		// localityData is the URL of a locality's own data file, "csv" or "json"
		"localityData": func(loc *model.Locality, ext string) string {
			return r.base.Asset(routes.LocalityDownload(loc.ID, ext))
		},
		"date":       l.Date,
		"period":     l.Period,
		"num":        func(n model.Num) string { return formatNum(l, n) },
		"int":        func(v int) string { return l.Number(float64(v), 0) },
		"fnum":       func(v float64) string { return l.Number(v, 2) },
		"pctUpTo":    func(v float64) string { return l.PercentUpTo(v, 2) },
		"isPercent":  func(ind *model.Indicator) bool { return ind.Unit == model.Percent },
		"pct":        func(n model.Num) string { return formatPercent(l, n, 2) },
		"pctAsGiven": func(n model.Num) string { return formatPercent(l, n, n.Decimals) },
		"pp":         func(n model.Num) string { return formatPoints(l, n) },
		"ppPlain":    func(n model.Num) string { return formatPointsPlain(l, n) },
		"value":      func(ind *model.Indicator, n model.Num) string { return formatValue(l, ind, n) },
		"unit":       func(ind *model.Indicator) string { return unitLabel(l, ind) },
		"withUnit":   func(ind *model.Indicator, n model.Num) string { return withUnit(l, ind, n) },
		"gapWords":   func(ind *model.Indicator) string { return gapWords(l, ind) },
		"name":       func(loc *model.Locality) string { return localityName(l.Code, loc) },
		"label":      func(loc *model.Locality) string { return localityLabel(l, loc) },
		"kind":       func(loc *model.Locality) string { return l.T("kind." + string(loc.Kind)) },
		"indName":    func(ind *model.Indicator) string { return pick(l.Code, ind.Name, ind.NameEN) },
		"indShort":   func(ind *model.Indicator) string { return pick(l.Code, ind.Short, ind.ShortEN) },
		"indDesc":    func(ind *model.Indicator) string { return pick(l.Code, ind.Description, ind.DescriptionEN) },
		"base":       func(b model.Base) string { return baseLabel(l, b) },
		"status":     func(s model.Status) string { return l.T("status." + string(s)) },
		"locURL":     func(loc *model.Locality) string { return r.URL(l.Code, localityPath(loc)) },
		"planURL":    func(p *model.Plan) string { return r.URL(l.Code, planPath(p)) },
		"docURL":     func(d *model.Document) string { return r.URL(l.Code, documentPath(d)) },
		"planTitle":  func(p *model.Plan) string { return pick(l.Code, p.Title, p.TitleEN) },
		"planName":   func(p *model.Plan) string { return planName(l, p) },
		"issuer":     func(p *model.Plan) string { return pick(l.Code, p.Issuer, p.IssuerEN) },
		"pick":       func(vi, en string) string { return pick(l.Code, vi, en) },
		"lang":       func() string { return l.Code },
		"isZero":     func(d date.Date) bool { return d.IsZero() },
		"join":       strings.Join,
	}
}

// pick returns the English text in English when there is one, else the Vietnamese.
func pick(lang, vi, en string) string {
	if lang == "en" && en != "" {
		return en
	}
	return vi
}

func localityName(lang string, l *model.Locality) string { return pick(lang, l.Name, l.NameEN) }

// planName is how a plan is cited in a line: its number, or its issuer when it has none.
func planName(l *i18n.Lang, p *model.Plan) string {
	if p.Number != "" {
		return p.Number
	}
	return pick(l.Code, p.Title, p.TitleEN)
}

func formatNum(l *i18n.Lang, n model.Num) string {
	if !n.Known || math.IsNaN(n.V) {
		return "—"
	}
	return l.Number(n.V, n.Decimals)
}

func formatPercent(l *i18n.Lang, n model.Num, decimals int) string {
	if !n.Known || math.IsNaN(n.V) {
		return "—"
	}
	return l.Percent(n.V, decimals)
}

func formatPoints(l *i18n.Lang, n model.Num) string {
	if !n.Known {
		return "—"
	}
	return l.T("points", l.Fixed(math.Abs(n.V), 2))
}

// formatPointsPlain is a difference in percentage points for a sentence, without trailing
// zeros: "3,2 điểm phần trăm", "3.2 percentage points".
func formatPointsPlain(l *i18n.Lang, n model.Num) string {
	if !n.Known {
		return "—"
	}
	return l.T("points", l.Number(math.Abs(n.V), 2))
}

// formatValue formats a figure in its indicator's unit: 1.022.552 · 80,58 % · 1.395.647.
func formatValue(l *i18n.Lang, ind *model.Indicator, n model.Num) string {
	if !n.Known {
		return "—"
	}
	if ind.Unit == model.Percent {
		return l.Percent(n.V, n.Decimals)
	}
	if ind.Unit.Whole() {
		return l.Number(math.Round(n.V), 0)
	}
	return l.Number(n.V, max(n.Decimals, 0))
}

// withUnit is a figure with its unit: "84.268 người", "80,58 %".
func withUnit(tr *i18n.Lang, ind *model.Indicator, n model.Num) string {
	if ind.Unit == model.Percent {
		return formatValue(tr, ind, n)
	}
	return formatValue(tr, ind, n) + " " + unitLabel(tr, ind)
}

// gapWords introduces a remaining gap: people are "still to enrol", other figures are
// "still missing".
func gapWords(l *i18n.Lang, ind *model.Indicator) string {
	if ind.Unit == model.People {
		return l.T("gap_remaining")
	}
	return l.T("gap_remaining.other")
}

func unitLabel(l *i18n.Lang, ind *model.Indicator) string {
	if noun := pick(l.Code, ind.Noun, ind.NounEN); noun != "" {
		return noun
	}
	return l.T("unit." + string(ind.Unit))
}

func baseLabel(l *i18n.Lang, b model.Base) string {
	if b == model.NoBase {
		return ""
	}
	return l.T("base." + string(b))
}

// localityLabel is a name that tells same-named territories apart: a former locality gets
// its end date, "Cần Thơ (đến 30/6/2025)".
func localityLabel(l *i18n.Lang, loc *model.Locality) string {
	name := localityName(l.Code, loc)
	if !loc.Ended() {
		return name
	}
	return name + " (" + l.T("ended_short", l.Date(loc.Until)) + ")"
}
