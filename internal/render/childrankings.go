package render

import (
	"io"

	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/render/component"
	"github.com/covsite/covsite/internal/routes"
	"github.com/covsite/covsite/internal/view"
)

// childRankingFiles are the pages ranking l's children, one per indicator that ranks them
// (view.RankedIndicators): none for a locality without children or no longer existing.
func (r *Renderer) childRankingFiles(lang string, l *model.Locality) []Page {
	inds := view.RankedIndicators(r.site, l)
	if len(inds) == 0 {
		return nil
	}
	pages := make([]Page, len(inds))
	for i, ind := range inds {
		route := routes.ChildRanking(l.ID, ind.ID)
		pages[i] = Page{Path: routes.File(lang, route), Lang: lang, write: func(w io.Writer) error {
			v, _ := r.context(lang, nil).ChildRankingPage(l, ind)
			d := r.page(lang, "locality", route, v.Title, v.Summary, v)
			d.Breadcrumb = crumbs(v.Breadcrumb)
			// the bars are drawn by the maps' style sheet, the embed code made absolute by map.js
			d.Scripts = r.assetTag(`<link rel="stylesheet" href="%s">`, "css/map.css") + "\n" +
				r.assetTag(`<script defer src="%s"></script>`, "js/map.js")
			return r.framed(w, lang, childRankingLayout, d, component.ChildRankingPage(r.langs[lang], v))
		}}
	}
	return pages
}

// childRankingLayout names the pages ranking a locality's children; no theme has a layout
// of this name, so a site's own locality.html does not replace them.
const childRankingLayout = "locality-ranking"
