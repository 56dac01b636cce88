package render

import (
	"strings"

	"github.com/covsite/covsite/internal/i18n"
	"github.com/covsite/covsite/internal/lang"
	"github.com/covsite/covsite/internal/model"
	"github.com/covsite/covsite/internal/render/download"
	"github.com/covsite/covsite/internal/routes"
	"github.com/covsite/covsite/internal/view"
)

// fromFile adapts a file of package download to a page of the site.
func fromFile(f download.File) Page {
	return Page{Path: f.Path, Lang: f.Lang, Large: f.Large, write: f.Write}
}

func fromFiles(files []download.File) []Page {
	pages := make([]Page, len(files))
	for i, f := range files {
		pages[i] = fromFile(f)
	}
	return pages
}

// dataPages are the downloads: the whole dataset, each province's and each locality's.
func (r *Renderer) dataPages() []Page { return fromFiles(r.data.Files()) }

// afterTheirFiles moves the whole site's gzipped CSV right after the provinces' files (it
// is made of their compressed rows, which they make and it lets go) and each language's
// data page to the end (it shows their sizes, counted as they are written:
// download.Data.Size); every other page keeps its place. A build renders pages in this
// order, so the data page finds the sizes counted — at worst it waits for the last file
// still being written — instead of making the files itself.
func (r *Renderer) afterTheirFiles(pages []Page) []Page {
	gz := routes.SiteDownload("csv.gz")
	files := map[string]bool{}
	for _, f := range r.data.SiteFiles() {
		files[f.Path] = f.Path != gz
	}
	dataPages := map[string]bool{}
	for _, lang := range r.languages() {
		dataPages[routes.File(lang, routes.Data)] = true
	}
	last := -1
	for i, p := range pages {
		if files[p.Path] {
			last = i
		}
	}
	out := make([]Page, 0, len(pages))
	var gzPage, ends []Page
	for _, p := range pages {
		switch {
		case p.Path == gz:
			gzPage = append(gzPage, p)
		case dataPages[p.Path]:
			ends = append(ends, p)
		}
	}
	if last < 0 {
		out = append(out, gzPage...)
	}
	for i, p := range pages {
		if p.Path != gz && !dataPages[p.Path] {
			out = append(out, p)
		}
		if i == last {
			out = append(out, gzPage...)
		}
	}
	return append(out, ends...)
}

// siteData are the whole site's and the provinces' downloads.
func (r *Renderer) siteData() []Page { return fromFiles(r.data.SiteFiles()) }

// localityData is l's figures as CSV and JSON, when it has any.
func (r *Renderer) localityData(l *model.Locality) []Page { return fromFiles(r.data.LocalityFiles(l)) }

// HasDownloads reports whether l has its own data files.
func (r *Renderer) HasDownloads(l *model.Locality) bool { return r.data.Has(l) }

// feed renders the Atom feed of updates in lang, newest first.
func (r *Renderer) feed(lang string) ([]byte, error) {
	f := download.Feed{
		Lang: lang, Title: r.site.Config.Title.In(lang), Publisher: r.site.Config.Publisher.In(lang),
		ID: r.AbsURL(lang, routes.Updates), Self: r.AbsURL(lang, routes.Feed),
	}
	for _, d := range view.DocumentsIn(updates(r.site.Documents), lang) {
		f.Entries = append(f.Entries, download.FeedEntry{Title: d.Title, URL: r.AbsURL(lang, documentPath(d)), Summary: d.Summary, Date: d.Date})
	}
	return f.Bytes()
}

// newSearch prepares the search index; its entries are made when first listed.
func (r *Renderer) newSearch() *download.Search {
	return &download.Search{
		LocalityURL: func(code string) string { return r.URL(code, routes.LocalityPattern()) },
		ShardURL:    r.URL(lang.Default, routes.SearchShard("{key}")),
		Entries:     r.searchEntries,
	}
}

func (r *Renderer) searchEntries() []download.SearchEntry {
	vi, en := r.langs[lang.VI], r.langs[lang.EN]
	entries := make([]download.SearchEntry, 0, len(r.site.Localities))
	both := func(f func(tr *i18n.Lang) string) lang.Text { return lang.T(f(vi), f(en)) }
	for _, l := range r.site.Localities {
		e := download.SearchEntry{
			ID:   l.ID,
			Name: l.Name,
			Kind: both(func(tr *i18n.Lang) string { return tr.T("kind." + string(l.Kind)) }),
			Ended: both(func(tr *i18n.Lang) string {
				f := view.Format{Lang: tr}
				return strings.TrimPrefix(f.Label(l), f.Name(l))
			}),
		}
		if l.Parent != nil {
			e.Parent = both(func(tr *i18n.Lang) string { return view.Format{Lang: tr}.Label(l.Parent) })
		}
		entries = append(entries, e)
	}
	return entries
}

// searchPages is the search index's manifest of a language.
func (r *Renderer) searchPages(code string) []Page {
	var pages []Page
	for _, f := range r.search.Files() {
		if f.Lang == code {
			pages = append(pages, fromFile(f))
		}
	}
	return pages
}

// searchShards are the search index's shards, which every language shares.
func (r *Renderer) searchShards() []Page {
	var pages []Page
	for _, f := range r.search.Files() {
		if f.Lang == "" {
			pages = append(pages, fromFile(f))
		}
	}
	return pages
}

// sitemapPages are the sitemap index and its parts, listing every HTML page of every
// language built.
func (r *Renderer) sitemapPages() []Page {
	count := 0
	for _, lang := range r.languages() {
		count += len(r.sitemapPaths(lang))
	}
	partURL := func(route string) string { return r.base.AbsURL(i18n.Languages[0], route) }
	return fromFiles(download.Sitemap(count, r.sitemapURLs, partURL, download.SitemapLimit))
}

func (r *Renderer) sitemapURLs() []string {
	var urls []string
	for _, lang := range r.languages() {
		for _, path := range r.sitemapPaths(lang) {
			rel := strings.TrimSuffix(strings.TrimPrefix(path, routes.Prefix(lang)), "index.html")
			urls = append(urls, r.AbsURL(lang, rel))
		}
	}
	return urls
}
