package render

import (
	"html/template"
	"io"

	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/routes"
	"github.com/covsite/covsite/internal/view"
)

// localityTools are the tools of a locality page's charts (downloads, and embeds for a
// province), as the data island charts.js reads.
func (r *Renderer) localityTools(lang string, l *model.Locality, v view.LocalityPage) template.JS {
	return r.chartTools(lang, l, v.Charts).JSON()
}

func (r *Renderer) chartTools(lang string, l *model.Locality, charts []view.Chart) view.ChartTools {
	f := r.format(lang)
	refs := make([]view.ChartRef, len(charts))
	for i, c := range charts {
		refs[i] = view.ChartRef{ID: c.ID, Title: c.Title}
	}
	return view.NewChartTools(f, localityPath(l), l.ID, refs, view.LocalityCredit(f, r.site, l, r.siteTitle(lang)), view.HasEmbeds(l), r.urls(lang))
}

// embedFiles are the embed pages of a province's charts; other localities have none.
func (r *Renderer) embedFiles(lang string, l *model.Locality) []Page {
	if !view.HasEmbeds(l) {
		return nil
	}
	var pages []Page
	for _, c := range r.context(lang).Locality(l).Charts {
		id := c.ID
		pages = append(pages, Page{Path: routes.File(lang, routes.Embed(localityPath(l), id)), Lang: lang, write: func(w io.Writer) error {
			return r.embedPage(w, lang, l, id)
		}})
	}
	return pages
}

func (r *Renderer) embedPage(w io.Writer, lang string, l *model.Locality, id string) error {
	v := r.context(lang).Locality(l)
	f := r.format(lang)
	for _, c := range v.Charts {
		if c.ID != id {
			continue
		}
		tools := r.chartTools(lang, l, v.Charts)
		for k, u := range tools.Charts { // an embed offers downloads, not its own embed code
			u.Embed, u.Snippet = "", ""
			tools.Charts[k] = u
		}
		p := view.EmbedPage{
			Lang: lang, Title: f.Label(l) + ": " + c.Title, SiteTitle: r.siteTitle(lang),
			Chart: &c, Option: template.JS(c.Option), // encoding/json escaped <, > and &
			Credit:  view.LocalityCredit(f, r.site, l, r.siteTitle(lang)),
			PageURL: r.AbsURL(lang, localityPath(l)) + "#" + c.ID + "-figure", PageLabel: f.T("embed.back", f.Label(l)),
			Tools: tools.JSON(),
		}
		return r.layouts[lang]["embed"].ExecuteTemplate(w, "embed", p)
	}
	return nil
}
