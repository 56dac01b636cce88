package render

import (
	"io"

	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/routes"
	"github.com/covsite/covsite/internal/view"
)

// format is the view layer's formatter of a language.
func (r *Renderer) format(lang string) view.Format { return view.Format{Lang: r.langs[lang]} }

// urls builds the site paths of a language's routes for the view layer.
func (r *Renderer) urls(lang string) view.URLs {
	return func(route string) string { return r.URL(lang, route) }
}

// absURLs builds the absolute addresses of a language's routes (paths when the site's
// base URL is a path).
func (r *Renderer) absURLs(lang string) view.URLs {
	return func(route string) string { return r.AbsURL(lang, route) }
}

// indicatorFiles are, per indicator, its page of maps and its rankings.
func (r *Renderer) indicatorFiles(lang string) []Page {
	var pages []Page
	for _, ind := range r.site.Indicators {
		pages = append(pages,
			r.htmlFile(lang, routes.Indicator(ind.ID), func() (pageData, string) { return r.indicatorPage(lang, ind), "indicator" }),
			r.htmlFile(lang, routes.Ranking(ind.ID), func() (pageData, string) { return r.rankingPage(lang, ind), "ranking" }))
	}
	return pages
}

// mapEmbedFiles are the embed pages of the indicators' maps (not in the sitemap).
func (r *Renderer) mapEmbedFiles(lang string) []Page {
	var pages []Page
	for _, ind := range r.site.Indicators {
		v := view.NewIndicatorPage(r.format(lang), r.site, ind, r.urls(lang), r.absURLs(lang))
		for _, sec := range v.Sections {
			for _, tm := range sec.Maps {
				pages = append(pages, Page{Path: routes.File(lang, routes.Embed(routes.Indicator(ind.ID), tm.ID)), Lang: lang, write: func(w io.Writer) error {
					return r.mapEmbedPage(w, lang, ind, tm)
				}})
			}
		}
	}
	return pages
}

func (r *Renderer) mapEmbedPage(w io.Writer, lang string, ind *model.Indicator, tm view.TileMap) error {
	f := r.format(lang)
	tm.Embed, tm.Target, tm.Level = view.EmbedCode{}, "_blank", 2
	p := view.EmbedPage{
		Lang: lang, Title: tm.Title + " — " + tm.Grid, SiteTitle: r.siteTitle(lang), Map: &tm,
		Credit:  tm.Note + " " + f.T("embed.sources_in_table") + " · " + r.siteTitle(lang),
		PageURL: r.AbsURL(lang, routes.Indicator(ind.ID)) + "#" + tm.ID, PageLabel: f.T("embed.back", f.IndicatorName(ind)),
	}
	return r.layouts[lang]["embed"].ExecuteTemplate(w, "embed", p)
}

func (r *Renderer) indicatorPage(lang string, ind *model.Indicator) pageData {
	f := r.format(lang)
	v := view.NewIndicatorPage(f, r.site, ind, r.urls(lang), r.absURLs(lang))
	d := r.page(lang, "indicator", routes.Indicator(ind.ID), v.Title, f.T("indicator.description", f.IndicatorName(ind)), v)
	d.Breadcrumb = []crumb{{Name: f.T("nav.home"), URL: r.URL(lang, routes.Home)}}
	return d
}

func (r *Renderer) rankingPage(lang string, ind *model.Indicator) pageData {
	f := r.format(lang)
	v := view.NewRankingPage(f, r.site, ind, r.urls(lang))
	d := r.page(lang, "ranking", routes.Ranking(ind.ID), v.Title, f.T("ranking.description", f.IndicatorName(ind)), v)
	d.Breadcrumb = []crumb{{Name: f.T("nav.home"), URL: r.URL(lang, routes.Home)}, {Name: f.IndicatorName(ind), URL: r.URL(lang, routes.Indicator(ind.ID))}}
	return d
}
