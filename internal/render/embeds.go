package render

import (
	"html/template"
	"io"

	"github.com/covsite/covsite/internal/date"
	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/routes"
	"github.com/covsite/covsite/internal/view"
)

// localityTools are the tools of a locality page's charts (downloads, and embeds for a
// province), as the data island charts.js reads.
func (r *Renderer) localityTools(lang string, l *model.Locality, v localityView) template.JS {
	if len(v.Charts) == 0 {
		return ""
	}
	return r.chartTools(lang, l, v).JSON()
}

func (r *Renderer) chartTools(lang string, l *model.Locality, v localityView) view.ChartTools {
	f := r.format(lang)
	refs := make([]view.ChartRef, len(v.Charts))
	for i, c := range v.Charts {
		refs[i] = view.ChartRef{ID: c.ID, Title: c.Title}
	}
	return view.NewChartTools(f, localityPath(l), l.ID, refs, r.credit(lang, v), view.HasEmbeds(l), r.urls(lang))
}

// credit names the sources of a locality's figures and the date of the newest result.
func (r *Renderer) credit(lang string, v localityView) string {
	var asOf date.Date
	for _, h := range v.Headlines {
		if h.Result != nil && h.Result.AsOf.After(asOf) {
			asOf = h.Result.AsOf
		}
	}
	plans := make([]*model.Plan, len(v.Plans))
	for i, p := range v.Plans {
		plans[i] = p.Plan
	}
	return view.Credit(r.format(lang), v.Sources, plans, asOf, r.siteTitle(lang))
}

// embedFiles are the embed pages of a province's charts; other localities have none.
func (r *Renderer) embedFiles(lang string, l *model.Locality) []Page {
	if !view.HasEmbeds(l) {
		return nil
	}
	v := r.localityView(lang, l)
	var pages []Page
	for _, c := range v.Charts {
		id := c.ID
		pages = append(pages, Page{Path: routes.File(lang, routes.Embed(localityPath(l), id)), Lang: lang, write: func(w io.Writer) error {
			return r.embedPage(w, lang, l, id)
		}})
	}
	return pages
}

func (r *Renderer) embedPage(w io.Writer, lang string, l *model.Locality, id string) error {
	v := r.localityView(lang, l)
	f := r.format(lang)
	for _, c := range v.Charts {
		if c.ID != id {
			continue
		}
		tools := r.chartTools(lang, l, v)
		for k, u := range tools.Charts { // an embed offers downloads, not its own embed code
			u.Embed, u.Snippet = "", ""
			tools.Charts[k] = u
		}
		p := view.EmbedPage{
			Lang: lang, Title: f.Label(l) + ": " + c.Title, SiteTitle: r.siteTitle(lang), Chart: c,
			Credit: r.credit(lang, v), PageURL: r.AbsURL(lang, localityPath(l)) + "#" + c.ID + "-figure",
			PageLabel: f.T("embed.back", f.Label(l)), Tools: tools.JSON(),
		}
		return r.layouts[lang]["embed"].ExecuteTemplate(w, "embed", p)
	}
	return nil
}
