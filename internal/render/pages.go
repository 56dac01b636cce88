package render

import (
	"cmp"
	"io"
	"slices"
	"strings"
	"sync"

	"github.com/covsite/covsite/internal/lang"
	"github.com/covsite/covsite/internal/routes"
	"github.com/covsite/covsite/internal/view"
)

// Pages lists every output file of the site: static assets, then per language the home
// page, one page per locality, plan and update, the lists, stand-alone pages, feeds and
// data files, by path but for the whole site's gzipped CSV, listed after the provinces'
// files it is made of, and the data page, last (afterTheirFiles). Each Page renders
// independently.
func (r *Renderer) Pages() []Page {
	pages := slices.Clone(r.files)
	var wg sync.WaitGroup
	// the search index, which each language's manifest is one of the files of, made beside
	// the languages' pages (0.1 s at national scale, once: a language's listing waited for it)
	wg.Go(func() { r.search.Files() })
	langs := r.languages()
	lists := make([][]Page, len(langs))
	for i, lang := range langs { // listed at once: a national site's take 0.2 s each
		wg.Go(func() { lists[i] = r.languagePages(lang) })
	}
	wg.Wait()
	for _, list := range lists {
		pages = append(pages, list...)
	}
	pages = append(pages, r.dataPages()...)
	for _, lang := range r.languages() { // not in languagePages: embeds stay out of the sitemap
		pages = append(pages, r.chartEmbedFile(lang))
		pages = append(pages, r.mapEmbedFiles(lang)...)
	}
	pages = append(pages, r.searchShards()...)
	pages = append(pages, r.sitemapPages()...)
	pages = append(pages, r.rootPages()...)
	// Paths are unique (write refuses a second page at a path), so the unstable sort gives
	// the order a stable one would, several times faster: a national site has 70,000 pages.
	slices.SortFunc(pages, func(a, b Page) int { return cmp.Compare(a.Path, b.Path) })
	return r.afterTheirFiles(pages)
}

// languagePages lists the pages of one language: the home page, lists, feed and search
// index, one page per locality and plan, then the updates and stand-alone pages. The paths
// of its HTML pages are kept for the sitemap (sitemapPaths), not the pages: what renders
// each one would be kept too (~10 MB at national scale), after a build rendered it.
func (r *Renderer) languagePages(lang string) []Page {
	pages := r.listLanguagePages(lang)
	r.listed.LoadOrStore(lang, htmlPaths(pages))
	return pages
}

// sitemapPaths are the paths of a language's HTML pages (its folders' index.html), in the
// order languagePages lists them: listed once.
func (r *Renderer) sitemapPaths(lang string) []string {
	if paths, ok := r.listed.Load(lang); ok {
		return paths.([]string)
	}
	r.languagePages(lang)
	paths, _ := r.listed.Load(lang)
	return paths.([]string)
}

// htmlPaths are the paths of pages that are a folder's index.html, in their order.
func htmlPaths(pages []Page) []string {
	n := 0
	for _, p := range pages {
		if strings.HasSuffix(p.Path, "index.html") {
			n++
		}
	}
	paths := make([]string, 0, n)
	for _, p := range pages {
		if strings.HasSuffix(p.Path, "index.html") {
			paths = append(paths, p.Path)
		}
	}
	return paths
}

func (r *Renderer) listLanguagePages(lang string) []Page {
	var pages []Page
	for _, l := range r.site.Localities {
		pages = append(pages, r.localityFile(lang, l))
		pages = append(pages, r.localityCard(lang, l)...)
		pages = append(pages, r.childRankingFiles(lang, l)...)
	}
	for _, pl := range r.site.Plans {
		pages = append(pages, r.planFile(lang, pl))
		pages = append(pages, r.planPartFiles(lang, pl)...)
		pages = append(pages, r.planCard(lang, pl)...)
	}
	pages = append(pages, r.indicatorFiles(lang)...)
	pages = append(pages, r.documentFiles(lang)...)
	// the fixed pages come first, listed last: their search manifest is made alongside
	// (Pages), and is likelier to be ready by now
	return append(r.fixedPages(lang), pages...)
}

// htmlFile is the page at path (below the language's root; "" is the home page) made by
// fn's data and layout.
func (r *Renderer) htmlFile(lang, path string, fn func() (pageData, string)) Page {
	return Page{Path: routes.File(lang, path), Lang: lang, write: func(w io.Writer) error {
		data, layout := fn()
		return r.execute(w, lang, layout, data)
	}}
}

// rootPages are, on a site built without the default language (lang.Default, at the
// root), the root's own pages: index.html leading to the home page of the first language
// built, and the 404 page a host serves for any missing path (404.html at the root, as
// GitHub Pages and Netlify look for it) in that language. None on a site with it.
func (r *Renderer) rootPages() []Page {
	if r.built(lang.Default) {
		return nil
	}
	code := r.languages()[0]
	notFound := r.htmlFile(code, routes.NotFound, func() (pageData, string) { return r.notFoundPage(code), "404" })
	notFound.Path = routes.NotFound
	return []Page{{Path: routes.File(lang.Default, routes.Home), Lang: code, write: func(w io.Writer) error {
		tr := r.langs[code]
		home := r.URL(code, routes.Home)
		return r.layouts[code]["redirect"].ExecuteTemplate(w, "redirect", redirectPage{
			Lang: code, Title: r.siteTitle(code), URL: home, Canonical: r.AbsURL(code, routes.Home), Label: tr.T("nav.home"),
		})
	}}, notFound}
}

// redirectPage is what the root's page leading to a language's home page shows.
type redirectPage struct {
	Lang, Title, URL, Canonical, Label string
}

// fixedPages are the pages every site has in a language: the home page, the lists, 404,
// the feed and the search index's files.
func (r *Renderer) fixedPages(lang string) []Page {
	pages := []Page{
		r.htmlFile(lang, routes.Home, func() (pageData, string) { return r.withCard(r.homePage(lang), true), "home" }),
		r.homeCard(lang),
		r.htmlFile(lang, routes.Localities, func() (pageData, string) { return r.localitiesPage(lang), "localities" }),
		r.htmlFile(lang, routes.Plans, func() (pageData, string) { return r.plansPage(lang), "plans" }),
		r.htmlFile(lang, routes.Updates, func() (pageData, string) { return r.updatesPage(lang), "updates" }),
		r.htmlFile(lang, routes.Data, func() (pageData, string) { return r.downloadsPage(lang), "downloads" }),
		r.htmlFile(lang, routes.NotFound, func() (pageData, string) { return r.notFoundPage(lang), "404" }),
		{Path: routes.File(lang, routes.Feed), Lang: lang, write: fromBytes(func() ([]byte, error) { return r.feed(lang) })},
	}
	pages = append(pages, r.provincePlanPages(lang)...)
	return append(pages, r.searchPages(lang)...)
}

// documentFiles are the updates and stand-alone pages in a language.
func (r *Renderer) documentFiles(lang string) []Page {
	var pages []Page
	for _, d := range view.DocumentsIn(r.site.Documents, lang) {
		layout := "page"
		if d.Section == "updates" {
			layout = "update"
		}
		pages = append(pages, r.htmlFile(lang, documentPath(d), func() (pageData, string) {
			return r.withCard(r.documentPage(lang, d), d.Section == "updates"), layout
		}))
		if d.Section == "updates" {
			pages = append(pages, r.updateCard(lang, d))
		}
	}
	return pages
}

// Page returns the page at path — the one Pages lists there — without listing the others:
// a preview answers a request of a national site (70,000 pages) at once. Only the pages
// of the locality or plan the path names, or else the other pages, are made to find it.
func (r *Renderer) Page(path string) (Page, bool) {
	var candidates []Page
	if p, ok := r.static[path]; ok {
		return p, true
	}
	kind, id := routes.Parse(path)
	switch {
	case kind == routes.LocalityKind && r.site.Locality(id) != nil:
		l := r.site.Locality(id)
		for _, lang := range r.languages() {
			candidates = append(candidates, r.localityFile(lang, l))
			candidates = append(candidates, r.localityCard(lang, l)...)
			candidates = append(candidates, r.childRankingFiles(lang, l)...)
		}
		candidates = append(candidates, r.localityData(l)...)
	case kind == routes.PlanKind && r.site.Plan(id) != nil:
		for _, lang := range r.languages() {
			candidates = append(candidates, r.planFile(lang, r.site.Plan(id)))
			candidates = append(candidates, r.planPartFiles(lang, r.site.Plan(id))...)
			candidates = append(candidates, r.planCard(lang, r.site.Plan(id))...)
		}
	default:
		for _, lang := range r.languages() {
			candidates = append(candidates, r.fixedPages(lang)...)
			candidates = append(candidates, r.documentFiles(lang)...)
			candidates = append(candidates, r.indicatorFiles(lang)...)
			candidates = append(candidates, r.chartEmbedFile(lang))
			candidates = append(candidates, r.mapEmbedFiles(lang)...)
		}
		candidates = append(candidates, r.siteData()...)
		candidates = append(candidates, r.searchShards()...)
		candidates = append(candidates, r.sitemapPages()...)
		candidates = append(candidates, r.rootPages()...)
	}
	for _, c := range candidates {
		if c.Path == path {
			return c, true
		}
	}
	return Page{}, false
}
