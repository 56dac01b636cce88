package render

import (
	"cmp"
	"slices"

	"github.com/covsite/covsite/internal/i18n"
	"github.com/covsite/covsite/internal/model"
)

// Pages lists every output file of the site: static assets, then per language the home
// page, one page per locality, plan and update, the lists, stand-alone pages, feeds and
// data files. Each Page renders independently.
func (r *Renderer) Pages() []Page {
	pages := slices.Clone(r.files)
	for _, lang := range r.languages() {
		pages = append(pages, r.languagePages(lang)...)
	}
	pages = append(pages, r.dataPages()...)
	pages = append(pages, Page{Path: "sitemap.xml", make: r.sitemap})
	slices.SortStableFunc(pages, func(a, b Page) int { return cmp.Compare(a.Path, b.Path) })
	return pages
}

func (r *Renderer) languagePages(lang string) []Page {
	s, p := r.site, prefix(lang)
	html := func(path string, fn func() (pageData, string)) Page {
		out := p + path + "index.html"
		if path == "404.html" {
			out = p + path
		}
		return Page{Path: out, Lang: lang, make: func() ([]byte, error) {
			data, layout := fn()
			return r.execute(lang, layout, data)
		}}
	}
	pages := []Page{
		html("", func() (pageData, string) { return r.homePage(lang), "home" }),
		html("dia-phuong/", func() (pageData, string) { return r.localitiesPage(lang), "localities" }),
		html("ke-hoach/", func() (pageData, string) { return r.plansPage(lang), "plans" }),
		html("tin-tuc/", func() (pageData, string) { return r.updatesPage(lang), "updates" }),
		html("du-lieu/", func() (pageData, string) { return r.downloadsPage(lang), "downloads" }),
		html("404.html", func() (pageData, string) { return r.notFoundPage(lang), "404" }),
		{Path: p + "tin-tuc/index.xml", Lang: lang, make: func() ([]byte, error) { return r.feed(lang) }},
		{Path: p + "tim-kiem.json", Lang: lang, make: func() ([]byte, error) { return r.searchIndex(lang) }},
	}
	for _, l := range s.Localities {
		pages = append(pages, html(localityPath(l), func() (pageData, string) { return r.localityPage(lang, l), "locality" }))
	}
	for _, pl := range s.Plans {
		pages = append(pages, html(planPath(pl), func() (pageData, string) { return r.planPage(lang, pl), "plan" }))
	}
	for _, d := range documentsIn(s.Documents, lang) {
		layout := "page"
		if d.Section == "updates" {
			layout = "update"
		}
		pages = append(pages, html(documentPath(d), func() (pageData, string) { return r.documentPage(lang, d), layout }))
	}
	return pages
}

// LocalityPaths returns the output paths of l's pages in every language, so a caller can
// re-render just those.
func (r *Renderer) LocalityPaths(l *model.Locality) []string {
	var out []string
	for _, lang := range i18n.Languages {
		out = append(out, prefix(lang)+localityPath(l)+"index.html")
	}
	return out
}
