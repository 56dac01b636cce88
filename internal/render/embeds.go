package render

import (
	"html/template"
	"io"

	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/routes"
	"github.com/covsite/covsite/internal/view"
)

// localityTools are the tools of a locality page's charts (downloads and embed code), as
// the data island charts.js reads; credit is the credit of the charts whose island names
// none (view.LocalityPage.ChartCredit), creditVI the names in it that are Vietnamese on an
// English page.
func (r *Renderer) localityTools(lang string, l *model.Locality, credit string, creditVI []string) template.JS {
	return view.NewChartTools(r.format(lang), localityPath(l), credit, creditVI, r.absURLs(lang)).JSON()
}

// chartEmbedFile is the charts' one embed page in a language (routes.ChartEmbed): it
// shows any chart of the site, read by charts.js from the chart's own page. One page
// serves every chart of every locality (a national site has 15,000 localities, each page
// with its charts, in two languages), at the cost of one file and one fetch of the
// chart's page by the reader.
func (r *Renderer) chartEmbedFile(lang string) Page {
	return Page{Path: routes.File(lang, routes.ChartEmbed), Lang: lang, write: func(w io.Writer) error {
		p := view.NewChartEmbedPage(r.format(lang), r.siteTitle(lang), r.URL(lang, routes.Home), r.AbsURL(lang, routes.Home))
		return r.layouts[lang]["embed"].ExecuteTemplate(w, "embed", p)
	}}
}
